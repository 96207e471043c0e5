import type { RegionWithCounts } from '../../../../shared/model/region.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';

/** Direct children of a region, each with its own number of children. */
export function useRegionChildren(code: string): AsyncState<readonly RegionWithCounts[]> {
  return useAsync(() => warehouse().call('reference.children', { code }), [code]);
}
