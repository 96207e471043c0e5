import { useEffect, useState } from 'react';
import type { RegionSearchHit } from '../../../../shared/contracts/reference.ts';
import { regionNameKey } from '../../../../shared/model/region.ts';
import { warehouse } from '../../bridge/index.ts';
import { toError } from '../../lib/useAsync.ts';

export interface RegionSearchState {
  /** null until a query long enough has been answered. */
  readonly hits: readonly RegionSearchHit[] | null;
  readonly searching: boolean;
  readonly error: Error | null;
}

const MIN_CHARS = 2;
const DELAY_MS = 180;
export const SEARCH_LIMIT = 30;

/** Name search inside `within` (case and diacritic insensitive), debounced while the user types. */
export function useRegionSearch(query: string, within: string): RegionSearchState {
  const [state, setState] = useState<RegionSearchState>({ hits: null, searching: false, error: null });
  const trimmed = query.trim();
  const tooShort = regionNameKey(trimmed).length < MIN_CHARS && !/^\d/.test(trimmed);

  useEffect(() => {
    if (tooShort) {
      setState({ hits: null, searching: false, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      warehouse()
        .call('reference.search', { query: trimmed, within, limit: SEARCH_LIMIT })
        .then(
          (hits) => {
            if (live) setState({ hits, searching: false, error: null });
          },
          (e: unknown) => {
            if (live) setState({ hits: null, searching: false, error: toError(e) });
          },
        );
    }, DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [trimmed, within, tooShort]);

  return state;
}
