import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/contracts/audit.ts';
import { warehouse } from '../../bridge/index.ts';
import type { DataGridDatasource } from '../../components/DataGrid.tsx';
import { toError } from '../../lib/useAsync.ts';
import { filterArgs, type AuditFilter } from './auditModel.ts';

/** What every page of the log says besides its rows. */
export interface AuditPageInfo {
  readonly count: number;
  readonly actions: readonly string[];
}

/**
 * The log, filtered, newest first, as an infinite-grid datasource; every page brings the count
 * and the actions in the log (for the filter), reported through `onPage`.
 */
export function auditDatasource(filter: AuditFilter, onPage: (info: AuditPageInfo) => void): DataGridDatasource<AuditEntry> {
  const args = filterArgs(filter);
  return {
    async getRows(request) {
      const page = await warehouse().call('audit.list', { ...args, startRow: request.startRow, endRow: request.endRow });
      onPage({ count: page.count, actions: page.actions });
      return { rows: page.rows, lastRow: page.count };
    },
  };
}

/** `value` once it has stayed the same for `ms` (typing in a search box asks once, not per key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface ActionState<R> {
  readonly busy: boolean;
  readonly result: R | null;
  readonly error: Error | null;
  readonly reset: () => void;
}

/** `audit.verify`: walk the hash chain from the first entry. */
export function useAuditVerify(): ActionState<AuditVerification> & { readonly run: () => void } {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(() => {
    setBusy(true);
    setError(null);
    setResult(null);
    warehouse()
      .call('audit.verify', {})
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

export interface AuditExportResult {
  readonly path: string;
  readonly fileName: string;
  readonly rows: number;
}

/** `audit.export` with the filter on screen; `onDone` runs after the file is written (the export is itself logged). */
export function useAuditExport(onDone: () => void): ActionState<AuditExportResult> & { readonly run: (filter: AuditFilter) => void } {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditExportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(
    (filter: AuditFilter) => {
      setBusy(true);
      setError(null);
      setResult(null);
      warehouse()
        .call('audit.export', filterArgs(filter))
        .then(
          (r) => {
            setBusy(false);
            setResult(r);
            onDone();
          },
          (e: unknown) => {
            setBusy(false);
            setError(toError(e));
          },
        );
    },
    [onDone],
  );
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  return { busy, result, error, run, reset };
}
