import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  LIST_SORT_COLUMNS, type CandidateRow, type DraftArgs, type ListDetail, type ListDiff, type ListExportArgs, type ListExportResult,
  type ListMemberRow, type ListSortColumn, type ListSummary,
} from '../../../../shared/contracts/interventions.ts';
import { warehouse } from '../../bridge/index.ts';
import type { DataGridDatasource } from '../../components/DataGrid.tsx';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** One list with its allocation, method and versions; again after a language change (method words). */
export function useListDetail(listId: number): AsyncState<ListDetail> {
  const state = useAsync(() => warehouse().call('lists.get', { listId }), [listId]);
  useDataChanged(['settings'], state.reload);
  return state;
}

function isSortColumn(id: string): id is ListSortColumn {
  return (LIST_SORT_COLUMNS as readonly string[]).includes(id);
}

/**
 * The list's members as an infinite-grid datasource: sorting and the search words go to the
 * warehouse, every page brings the exact count, reported through `onCount`.
 */
export function membersDatasource(
  listId: number,
  search: string,
  origin: 'auto' | 'manual' | null,
  onCount: (count: number) => void,
): DataGridDatasource<ListMemberRow> {
  return {
    async getRows(request) {
      const first = request.sortModel[0];
      const sort = first && isSortColumn(first.colId) ? { column: first.colId, dir: first.sort } : undefined;
      const page = await warehouse().call('lists.members', {
        listId,
        startRow: request.startRow,
        endRow: request.endRow,
        ...(sort ? { sort } : {}),
        ...(search.trim() !== '' ? { search: search.trim() } : {}),
        ...(origin ? { origin } : {}),
      });
      onCount(page.count);
      return { rows: page.rows, lastRow: page.count };
    },
  };
}

export interface CandidateSearch {
  readonly rows: readonly CandidateRow[] | null;
  readonly searching: boolean;
  readonly error: Error | null;
}

const SEARCH_DELAY_MS = 300;
const MIN_CHARS = 3;

/** Families (or people) to add by hand, searched by name, NIK, No KK or family id while the planner types. */
export function useCandidateSearch(listId: number, query: string, tick: number): CandidateSearch {
  const [state, setState] = useState<CandidateSearch>({ rows: null, searching: false, error: null });
  const q = query.trim();
  const tooShort = q.length < MIN_CHARS;
  useEffect(() => {
    if (tooShort) {
      setState({ rows: null, searching: false, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      warehouse()
        .call('lists.candidates', { listId, search: q, limit: 25 })
        .then(
          (rows) => {
            if (live) setState({ rows, searching: false, error: null });
          },
          (e: unknown) => {
            if (live) setState({ rows: null, searching: false, error: toError(e) });
          },
        );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [listId, q, tooShort, tick]);
  return state;
}

export function useListDiff(listId: number | null): AsyncState<ListDiff | null> {
  return useAsync(() => (listId === null ? Promise.resolve(null) : warehouse().call('lists.diff', { listId })), [listId]);
}

export interface ListActions {
  readonly busy: boolean;
  readonly error: Error | null;
  readonly draft: (args: DraftArgs) => Promise<ListDetail | null>;
  readonly add: (listId: number, familyId: number, personId: number | undefined, reason: string) => Promise<ListSummary | null>;
  readonly remove: (listId: number, familyId: number, personId: number | undefined, reason: string) => Promise<ListSummary | null>;
  readonly finalize: (listId: number) => Promise<ListSummary | null>;
  readonly revise: (listId: number) => Promise<ListSummary | null>;
  readonly dismissError: () => void;
}

/** Draft, manual edits, finalise, new version; the warehouse's message is kept for the screen. */
export function useListActions(): ListActions {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const run = useCallback(async <T,>(f: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(toError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const draft = useCallback((args: DraftArgs) => run(() => warehouse().call('lists.draft', args)), [run]);
  const add = useCallback(
    (listId: number, familyId: number, personId: number | undefined, reason: string) =>
      run(() => warehouse().call('lists.add', { listId, familyId, reason, ...(personId !== undefined ? { personId } : {}) })),
    [run],
  );
  const remove = useCallback(
    (listId: number, familyId: number, personId: number | undefined, reason: string) =>
      run(() => warehouse().call('lists.remove', { listId, familyId, reason, ...(personId !== undefined ? { personId } : {}) })),
    [run],
  );
  const finalize = useCallback((listId: number) => run(() => warehouse().call('lists.finalize', { listId })), [run]);
  const revise = useCallback((listId: number) => run(() => warehouse().call('lists.revise', { listId })), [run]);
  const dismissError = useCallback(() => setError(null), []);
  return useMemo(() => ({ busy, error, draft, add, remove, finalize, revise, dismissError }), [busy, error, draft, add, remove, finalize, revise, dismissError]);
}

export interface ListExportState {
  readonly busy: boolean;
  readonly result: ListExportResult | null;
  readonly error: Error | null;
  readonly run: (args: ListExportArgs) => void;
  readonly reset: () => void;
}

/** `lists.export`: the OPD's workbook (or CSV) written by the warehouse. */
export function useListExport(): ListExportState {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ListExportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback((args: ListExportArgs) => {
    setBusy(true);
    setError(null);
    setResult(null);
    warehouse()
      .call('lists.export', args)
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
