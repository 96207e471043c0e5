import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { warehouse } from '../../bridge/index.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/**
 * Key figures of a region next to its parent's, its children and sectoral indicators. Loaded again
 * when the language changes: the warehouse names the figures in the UI language.
 */
export function useRegionProfile(regionCode: string): AsyncState<RegionProfile> {
  const { lang } = useI18n();
  const state = useAsync(() => warehouse().call('analysis.profile', { regionCode }), [regionCode, lang]);
  useDataChanged(['batches'], state.reload);
  return state;
}
