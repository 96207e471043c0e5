import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinkBucket, LinkedRecordRow, LinkRunInfo, LinkSummary, LinkThresholds, OverlapResult, ReviewPair } from '../../../../shared/contracts/linkage.ts';
import { warehouse } from '../../bridge/index.ts';
import type { DataGridDatasource } from '../../components/DataGrid.tsx';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** Every run, newest first; again after an import or deletion (a batch may be gone). */
export function useLinkRuns(): AsyncState<readonly LinkRunInfo[]> {
  const state = useAsync(() => warehouse().call('linkage.runs', {}), []);
  useDataChanged(['batches', 'linkage'], state.reload);
  return state;
}

export interface RunOutcome {
  readonly run: LinkRunInfo;
  /** The warehouse gave back an earlier run (nothing changed since). */
  readonly reused: boolean;
}

/** `linkage.run` with its busy and error state; `known` are the run ids before (to tell a reused result). */
export function useRunLinkage(known: readonly number[]): {
  readonly busy: boolean;
  readonly error: Error | null;
  readonly outcome: RunOutcome | null;
  readonly run: (a: number, b: number, force: boolean) => Promise<RunOutcome | null>;
  readonly clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const knownRef = useRef(known);
  useEffect(() => {
    knownRef.current = known;
  });
  const run = useCallback(async (a: number, b: number, force: boolean): Promise<RunOutcome | null> => {
    setBusy(true);
    setError(null);
    try {
      const info = await warehouse().call('linkage.run', { a, b, ...(force ? { force: true } : {}) });
      const result = { run: info, reused: knownRef.current.includes(info.runId) };
      setOutcome(result);
      return result;
    } catch (e: unknown) {
      setError(toError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, outcome, run, clearError };
}

/** The summary of a run in a region (null: the working province). */
export function useLinkSummary(runId: number, region: string | null): AsyncState<LinkSummary> & { readonly key: string } {
  const key = `${runId}|${region ?? ''}`;
  const state = useAsync(() => warehouse().call('linkage.summary', { runId, ...(region ? { region } : {}) }), [key]);
  useDataChanged(['batches', 'settings', 'linkage'], state.reload);
  return { ...state, key };
}

/** What a clicked count stands for. */
export interface RecordsTarget {
  readonly runId: number;
  /** The region of the row clicked (a child region, or the summary's own for the total). */
  readonly region: string;
  readonly bucket: LinkBucket;
  /** "Kabupaten Kupang × Hanya di A" — the grid's heading. */
  readonly title: string;
  /** The figure clicked (the grid's count must come out the same). */
  readonly expected: number;
}

/**
 * The records behind a count as an infinite-grid datasource; every page brings the exact count,
 * reported through `onCount`. NIK and No KK come masked from the warehouse.
 */
export function recordsDatasource(target: RecordsTarget, onCount: (count: number) => void): DataGridDatasource<LinkedRecordRow> {
  return {
    async getRows(request) {
      const page = await warehouse().call('linkage.records', {
        runId: target.runId,
        region: target.region,
        bucket: target.bucket,
        startRow: request.startRow,
        endRow: request.endRow,
      });
      onCount(page.count);
      return { rows: page.rows, lastRow: page.count };
    },
  };
}

export type ReviewOutcome = 'accept' | 'reject' | 'skip' | null;

export interface ReviewQueueState {
  readonly pair: ReviewPair | null;
  /** The first load has not answered yet. */
  readonly loading: boolean;
  /** A decision or a load is under way (keys and buttons wait for it). */
  readonly busy: boolean;
  readonly error: Error | null;
  /** Pairs skipped in this session (the next pair is asked for after them). */
  readonly offset: number;
  /** What the last action was, for the announcement. */
  readonly last: ReviewOutcome;
  /** Decisions made here since the queue opened. */
  readonly decided: number;
  readonly act: (action: 'accept' | 'reject' | 'skip') => void;
  readonly restart: () => void;
}

/**
 * The review queue of a run: the next undecided pair (after `offset` skipped ones), decisions
 * sent one at a time; `onDecided` is told after each so the summary can follow.
 */
export function useReviewQueue(runId: number, onDecided: () => void): ReviewQueueState {
  const [pair, setPair] = useState<ReviewPair | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [offset, setOffset] = useState(0);
  const [last, setLast] = useState<ReviewOutcome>(null);
  const [decided, setDecided] = useState(0);
  // Guards against a second key press while the first decision is on its way.
  const busyRef = useRef(false);
  const onDecidedRef = useRef(onDecided);
  useEffect(() => {
    onDecidedRef.current = onDecided;
  });

  const load = useCallback(
    async (at: number): Promise<void> => {
      let next = await warehouse().call('linkage.review.next', { runId, offset: at });
      // Skipped to the end while pairs are still waiting: start again from the first.
      if (next === null && at > 0) {
        next = await warehouse().call('linkage.review.next', { runId, offset: 0 });
        at = 0;
      }
      setPair(next);
      setOffset(at);
    },
    [runId],
  );

  const guarded = useCallback((work: () => Promise<void>): void => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    work().then(
      () => {
        busyRef.current = false;
        setBusy(false);
        setLoading(false);
      },
      (e: unknown) => {
        busyRef.current = false;
        setBusy(false);
        setLoading(false);
        setError(toError(e));
      },
    );
  }, []);
  // The component is keyed by run, so this loads once per queue.
  useEffect(() => {
    guarded(() => load(0));
  }, [guarded, load]);

  const act = useCallback(
    (action: 'accept' | 'reject' | 'skip') => {
      if (!pair) return;
      guarded(async () => {
        if (action === 'skip') {
          await load(offset + 1);
        } else {
          await warehouse().call('linkage.review.decide', { runId, a: pair.a.id, b: pair.b.id, decision: action });
          setDecided((n) => n + 1);
          onDecidedRef.current();
          // The decided pair has left the queue: the same offset now holds the next one.
          await load(offset);
        }
        setLast(action);
      });
    },
    [pair, offset, runId, load, guarded],
  );

  const restart = useCallback(() => {
    guarded(async () => {
      await load(0);
      setLast(null);
    });
  }, [guarded, load]);

  return { pair, loading, busy, error, offset, last, decided, act, restart };
}

/** People in each combination of the chosen batches (three or more); null state while fewer are chosen. */
export function useOverlap(batches: readonly number[]): AsyncState<OverlapResult | null> {
  const key = batches.join(',');
  const state = useAsync(
    () => (batches.length >= 3 ? warehouse().call('linkage.overlap', { batches: [...batches] }) : Promise.resolve(null)),
    [key],
  );
  useDataChanged(['batches', 'linkage'], state.reload);
  return state;
}

export interface LinkExportState {
  readonly busy: boolean;
  readonly result: { readonly path: string; readonly fileName: string; readonly records: number } | null;
  readonly error: Error | null;
  readonly run: () => void;
  readonly reset: () => void;
}

/** `linkage.export`: the run's counts in a region, and the records of one count when given, as an .xlsx. */
export function useLinkExport(runId: number, region: string | null, bucket: LinkBucket | null): LinkExportState {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LinkExportState['result']>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(() => {
    setBusy(true);
    setError(null);
    setResult(null);
    warehouse()
      .call('linkage.export', { runId, ...(region ? { region } : {}), ...(bucket ? { bucket } : {}) })
      .then(
        (r) => setResult(r),
        (e: unknown) => setError(toError(e)),
      )
      .finally(() => setBusy(false));
  }, [runId, region, bucket]);
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  return { busy, result, error, run, reset };
}

export interface ThresholdsState extends AsyncState<LinkThresholds> {
  readonly saving: boolean;
  readonly saveError: Error | null;
  readonly save: (t: LinkThresholds) => Promise<boolean>;
}

/** The score thresholds, and saving new ones (the warehouse checks them and says what is wrong). */
export function useLinkThresholds(): ThresholdsState {
  const state = useAsync(() => warehouse().call('linkage.thresholds.get', {}), []);
  useDataChanged(['linkage'], state.reload);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const save = useCallback(async (t: LinkThresholds): Promise<boolean> => {
    setSaving(true);
    setSaveError(null);
    try {
      await warehouse().call('linkage.thresholds.set', t);
      return true;
    } catch (e: unknown) {
      setSaveError(toError(e));
      return false;
    } finally {
      setSaving(false);
    }
  }, []);
  return { ...state, saving, saveError, save };
}
