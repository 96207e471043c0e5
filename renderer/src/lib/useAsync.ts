import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  /** The last value loaded; kept while a reload runs so the screen does not flash empty. */
  readonly data: T | undefined;
  readonly error: Error | null;
  /** True while a load for the current inputs is under way. */
  readonly loading: boolean;
  /** Load again with the same inputs (after a data.changed event, or a retry). */
  readonly reload: () => void;
}

export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Run `load` whenever `deps` change and keep its result. A result that arrives after the inputs
 * changed again is dropped, so a slow answer for an old region never overwrites a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let live = true;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (live) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ data: s.data, error: toError(e), loading: false }));
      },
    );
    return () => {
      live = false;
    };
    // The caller's deps decide when to load; `tick` forces a reload.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
