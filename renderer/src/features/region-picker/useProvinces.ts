import type { RegionWithCounts } from '../../../../shared/model/region.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';

/** All provinces of the Kemendagri reference, with their number of kabupaten/kota. */
export function useProvinces(): AsyncState<readonly RegionWithCounts[]> {
  return useAsync(() => warehouse().call('reference.provinces', {}), []);
}
