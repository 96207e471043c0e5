import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CountArgs, CriteriaCount, ListSummary, ProgramSummary, RecipientProgramName } from '../../../../shared/contracts/interventions.ts';
import type { Program, ProgramInput, ProgramTemplate } from '../../../../shared/interventions/program.ts';
import { warehouse, WarehouseCallError } from '../../bridge/index.ts';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

/** The catalogue with each program's newest list; again after imports (coverage) and language changes. */
export function useProgramList(): AsyncState<readonly ProgramSummary[]> {
  const state = useAsync(() => warehouse().call('programs.list', {}), []);
  useDataChanged(['batches', 'programs', 'lists'], state.reload);
  return state;
}

export interface TemplatesData {
  readonly templates: readonly ProgramTemplate[];
  readonly recipientPrograms: readonly RecipientProgramName[];
  readonly year: number;
}

/** Starting templates and the program names found on imported recipient lists. */
export function useTemplates(): AsyncState<TemplatesData> {
  const state = useAsync(() => warehouse().call('programs.templates', {}), []);
  useDataChanged(['batches'], state.reload);
  return state;
}

export function useProgram(id: number): AsyncState<Program> {
  return useAsync(() => warehouse().call('programs.get', { id }), [id]);
}

/** Every list version of one program, newest first as the warehouse orders them. */
export function useProgramLists(programId: number): AsyncState<readonly ListSummary[]> {
  const state = useAsync(() => warehouse().call('lists.list', { programId }), [programId]);
  useDataChanged(['lists'], state.reload);
  return state;
}

export interface CountState {
  /** The last count computed (kept while a newer one is computed). */
  readonly result: CriteriaCount | null;
  /** The key of the arguments `result` was computed for. */
  readonly key: string | null;
  /** The count on screen is the one of the current criteria. */
  readonly fresh: boolean;
  readonly error: Error | null;
}

const COUNT_DELAY_MS = 250;

/**
 * The live count while the criteria change: asked ~250 ms after the last change, and an answer for
 * older criteria never replaces a newer one.
 */
export function useCriteriaCount(args: CountArgs): CountState {
  const key = JSON.stringify(args);
  const [state, setState] = useState<{ result: CriteriaCount | null; key: string | null; error: Error | null; errorKey: string | null }>({
    result: null,
    key: null,
    error: null,
    errorKey: null,
  });
  const [tick, setTick] = useState(0);
  // Imports change coverage and the families themselves.
  useDataChanged(['batches', 'settings'], () => setTick((t) => t + 1));

  useEffect(() => {
    let live = true;
    const parsed = JSON.parse(key) as CountArgs;
    const timer = setTimeout(() => {
      warehouse()
        .call('programs.count', parsed)
        .then(
          (result) => {
            if (live) setState({ result, key, error: null, errorKey: null });
          },
          (e: unknown) => {
            if (live) setState((s) => ({ ...s, error: toError(e), errorKey: key }));
          },
        );
    }, COUNT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, tick]);

  return {
    result: state.result,
    key: state.key,
    fresh: state.key === key && state.error === null,
    error: state.errorKey === key ? state.error : null,
  };
}

export interface ProgramActions {
  readonly busy: boolean;
  readonly error: Error | null;
  /** The field a refused save names (`details.field`), with the warehouse's words for it. */
  readonly errorField: { readonly field: string; readonly message: string } | null;
  readonly save: (program: ProgramInput, id?: number) => Promise<Program | null>;
  readonly fromTemplate: (template: string, year?: number) => Promise<Program | null>;
  readonly remove: (id: number) => Promise<boolean>;
  readonly dismissError: () => void;
}

/** Save, create from a template, delete; the warehouse's message is kept for the screen. */
export function useProgramActions(): ProgramActions {
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

  const save = useCallback(
    (program: ProgramInput, id?: number) => run(() => warehouse().call('programs.save', { program, ...(id !== undefined ? { id } : {}) })),
    [run],
  );
  const fromTemplate = useCallback(
    (template: string, year?: number) => run(() => warehouse().call('programs.fromTemplate', { template, ...(year !== undefined ? { year } : {}) })),
    [run],
  );
  const remove = useCallback(async (id: number) => (await run(() => warehouse().call('programs.delete', { id })))?.deleted ?? false, [run]);
  const dismissError = useCallback(() => setError(null), []);
  const errorField = useMemo(() => fieldOf(error), [error]);
  return useMemo(
    () => ({ busy, error, errorField, save, fromTemplate, remove, dismissError }),
    [busy, error, errorField, save, fromTemplate, remove, dismissError],
  );
}

function fieldOf(e: Error | null): { field: string; message: string } | null {
  if (!(e instanceof WarehouseCallError)) return null;
  const field = e.details?.['field'];
  const problem = e.details?.['problem'];
  return typeof field === 'string' ? { field, message: typeof problem === 'string' ? problem : e.message } : null;
}
