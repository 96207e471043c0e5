import type { CandidateRow, ConvergenceArgs, ConvergenceResult } from '../../../../shared/contracts/interventions.ts';
import { warehouse } from '../../bridge/index.ts';
import type { DataGridDatasource } from '../../components/DataGrid.tsx';
import { useAsync } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';
import { argsKey, type Bucket } from './convergenceModel.ts';

export interface ConvergenceState {
  /** The last table computed (kept while a newer one is computed, so the screen does not flash). */
  readonly result: ConvergenceResult | null;
  /** The arguments `result` was computed for (a count clicked on a table still on screen belongs to them). */
  readonly resultArgs: ConvergenceArgs | null;
  /** The table on screen is the one of the current arguments. */
  readonly fresh: boolean;
  readonly error: Error | null;
  readonly reload: () => void;
}

/** `convergence.table` for `args`, again after an import or deletion, or a language change (the description is in words). */
export function useConvergence(args: ConvergenceArgs): ConvergenceState {
  const key = argsKey(args);
  const state = useAsync(() => warehouse().call('convergence.table', args).then((result) => ({ key, args, result })), [key]);
  useDataChanged(['batches', 'settings'], state.reload);
  const data = state.data ?? null;
  return {
    result: data?.result ?? null,
    resultArgs: data?.args ?? null,
    fresh: data !== null && data.key === key && !state.loading,
    error: state.error,
    reload: state.reload,
  };
}

/** What a clicked count stands for. */
export interface FamiliesTarget {
  readonly args: ConvergenceArgs;
  readonly row: string;
  readonly bucket: Bucket;
  /** "Kabupaten Kupang × 0 program" — the grid's heading. */
  readonly title: string;
  /** The figure clicked (the grid's count must come out the same). */
  readonly families: number;
}

/**
 * The families behind a count as an infinite-grid datasource; every page brings the exact count
 * (the grid's last row), reported through `onCount`. The warehouse lists them in file order.
 */
export function familiesDatasource(target: FamiliesTarget, onCount: (count: number) => void): DataGridDatasource<CandidateRow> {
  return {
    async getRows(request) {
      const page = await warehouse().call('convergence.families', {
        ...target.args,
        row: target.row,
        bucket: target.bucket,
        startRow: request.startRow,
        endRow: request.endRow,
      });
      onCount(page.count);
      return { rows: page.rows, lastRow: page.count };
    },
  };
}
