import type { Region } from '../../../../shared/model/region.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';

/** The chain province → … → region for a code (empty when the code is unknown). */
export function useRegionPath(code: string): AsyncState<readonly Region[]> {
  return useAsync(() => warehouse().call('reference.path', { code }), [code]);
}
