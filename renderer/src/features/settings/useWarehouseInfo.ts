import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** `system.info`: working province, reference counts and decree, file path, schema, batches. */
export function useWarehouseInfo(): AsyncState<WarehouseInfo> {
  const state = useAsync(() => warehouse().call('system.info', {}), []);
  useDataChanged(['batches', 'settings', 'reference'], state.reload);
  return state;
}
