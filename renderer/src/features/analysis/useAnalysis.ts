import { useCallback, useMemo, useState } from 'react';
import type {
  AnalysisCatalog, AnalysisView, CrosstabResult, CrosstabSpec, DrillRow, FamilyDetail, PercentMode, SavedAnalysis,
} from '../../../../shared/contracts/analysis.ts';
import { warehouse } from '../../bridge/index.ts';
import { filtersOf, type DataGridDatasource } from '../../components/DataGrid.tsx';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';
import { drillFilters, isDrillColumn, specKey, type DrillTarget } from './analysisModel.ts';

/** Attributes, sources with their batches, and what each source fills; again after an import or a deletion. */
export function useAnalysisCatalog(): AsyncState<AnalysisCatalog> {
  const state = useAsync(() => warehouse().call('analysis.catalog', {}), []);
  // A padu-padan run fills the linkage-status attributes.
  useDataChanged(['batches', 'reference', 'linkage'], state.reload);
  return state;
}

export interface CrosstabState {
  /** The last table computed (kept while a newer one is computed). */
  readonly result: CrosstabResult | null;
  /** The table on screen is the one of the current spec. */
  readonly fresh: boolean;
  readonly loading: boolean;
  readonly error: Error | null;
  readonly reload: () => void;
}

/** The cross-tab of `spec` (null: nothing to compute yet), again whenever the spec or the data change. */
export function useCrosstab(spec: CrosstabSpec | null): CrosstabState {
  const key = spec ? specKey(spec) : '';
  const state = useAsync(
    () => (spec ? warehouse().call('analysis.crosstab', { spec }).then((result) => ({ key, result })) : Promise.resolve(null)),
    [key],
  );
  // A language change rewrites the table's labels and definition; a padu-padan run the linkage-status columns.
  useDataChanged(['batches', 'reference', 'settings', 'linkage'], state.reload);
  const data = state.data ?? null;
  return {
    result: data?.result ?? null,
    fresh: data !== null && data.key === key && !state.loading,
    loading: state.loading,
    error: state.error,
    reload: state.reload,
  };
}

/**
 * The families behind a cell as an infinite-grid datasource: sorting and column filters go to the
 * warehouse, every page brings the exact count (the grid's last row), reported through `onCount`.
 */
export function drillDatasource(target: DrillTarget, onCount: (count: number, ms: number) => void): DataGridDatasource<DrillRow> {
  return {
    async getRows(request) {
      const sort = request.sortModel.flatMap((s) => (isDrillColumn(s.colId) ? [{ column: s.colId, dir: s.sort }] : []));
      const page = await warehouse().call('analysis.drill', {
        spec: target.spec,
        row: target.row,
        col: target.col,
        sort,
        filters: drillFilters(filtersOf(request.filterModel)),
        startRow: request.startRow,
        endRow: request.endRow,
      });
      onCount(page.count, page.ms);
      return { rows: page.rows, lastRow: page.count };
    },
  };
}

/** One family's full record; `showFullNik` asks for unmasked NIKs (the warehouse logs it). */
export function useFamily(familyId: number, showFullNik: boolean): AsyncState<FamilyDetail> {
  return useAsync(() => warehouse().call('analysis.family', { familyId, showFullNik }), [familyId, showFullNik]);
}

export interface ExportState {
  readonly busy: boolean;
  readonly result: { readonly path: string; readonly fileName: string } | null;
  readonly error: Error | null;
  readonly run: (spec: CrosstabSpec, percent: PercentMode, title: string) => void;
  readonly reset: () => void;
}

/** `analysis.export`: the table as an .xlsx written by the warehouse. */
export function useCrosstabExport(): ExportState {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportState['result']>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback((spec: CrosstabSpec, percent: PercentMode, title: string) => {
    setBusy(true);
    setError(null);
    setResult(null);
    warehouse()
      .call('analysis.export', { spec, percent, title })
      .then(
        (r) => {
          setBusy(false);
          setResult(r);
        },
        (e: unknown) => {
          setBusy(false);
          setError(toError(e));
        },
      );
  }, []);
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  return { busy, result, error, run, reset };
}

export interface SavedAnalyses {
  readonly list: AsyncState<readonly SavedAnalysis[]>;
  readonly busy: boolean;
  readonly error: Error | null;
  readonly save: (name: string, spec: CrosstabSpec, view: AnalysisView, id?: number) => Promise<SavedAnalysis | null>;
  readonly remove: (id: number) => Promise<boolean>;
  readonly dismissError: () => void;
}

/** Saved analyses (for workshops): list, save or overwrite, delete. */
export function useSavedAnalyses(): SavedAnalyses {
  const list = useAsync(() => warehouse().call('analysis.saved.list', {}), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const { reload } = list;

  const save = useCallback(
    async (name: string, spec: CrosstabSpec, view: AnalysisView, id?: number) => {
      setBusy(true);
      setError(null);
      try {
        const saved = await warehouse().call('analysis.saved.save', { name, spec, view, ...(id !== undefined ? { id } : {}) });
        reload();
        return saved;
      } catch (e) {
        setError(toError(e));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  const remove = useCallback(
    async (id: number) => {
      setBusy(true);
      setError(null);
      try {
        const r = await warehouse().call('analysis.saved.delete', { id });
        reload();
        return r.deleted;
      } catch (e) {
        setError(toError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  const dismissError = useCallback(() => setError(null), []);
  return useMemo(() => ({ list, busy, error, save, remove, dismissError }), [list, busy, error, save, remove, dismissError]);
}
