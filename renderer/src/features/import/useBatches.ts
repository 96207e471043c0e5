import type { BatchDetail } from '../../../../shared/contracts/imports.ts';
import { warehouse } from '../../bridge/index.ts';
import { useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** Complete batches with their provenance, newest first; follows imports and deletions. */
export function useBatches(): AsyncState<readonly BatchDetail[]> {
  const state = useAsync(() => warehouse().call('batches.list', {}), []);
  useDataChanged(['batches'], state.reload);
  return state;
}

/** Delete a batch and everything derived from it. */
export function deleteBatch(id: number): Promise<{ readonly deleted: number }> {
  return warehouse().call('batches.delete', { id });
}
