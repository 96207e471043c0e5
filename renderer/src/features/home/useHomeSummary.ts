import type { HomeSummary } from '../../../../shared/contracts/home.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** Beranda figures (per batch, and the desil distribution) for a region's subtree. */
export function useHomeSummary(regionCode: string): AsyncState<HomeSummary> {
  const state = useAsync(() => warehouse().call('home.summary', { regionCode }), [regionCode]);
  useDataChanged(['batches', 'reference'], state.reload);
  return state;
}
