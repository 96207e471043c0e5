import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoResult } from '../../../../shared/contracts/demo.ts';
import type { JobProgress } from '../../../../shared/contracts/events.ts';
import { warehouse } from '../../bridge/index.ts';
import { toError } from '../../lib/useAsync.ts';

export type DemoJobStatus = 'idle' | 'running' | 'done' | 'failed';

export interface DemoJob {
  readonly status: DemoJobStatus;
  /** The last `job.progress` event of this job. */
  readonly progress: JobProgress | null;
  readonly result: DemoResult | null;
  readonly error: Error | null;
  /** Generate the demo data (30,000 synthetic families in the working province). */
  readonly start: () => void;
}

/** `demo.create` with its progress events. */
export function useDemoJob(onDone?: (result: DemoResult) => void): DemoJob {
  const [status, setStatus] = useState<DemoJobStatus>('idle');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [result, setResult] = useState<DemoResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const running = useRef(false);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  });

  useEffect(
    () =>
      warehouse().on('job.progress', (p) => {
        if (p.job === 'demo.create' && running.current) setProgress(p);
      }),
    [],
  );

  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setStatus('running');
    setProgress(null);
    setError(null);
    warehouse()
      .call('demo.create', {})
      .then(
        (r) => {
          running.current = false;
          setResult(r);
          setStatus('done');
          doneRef.current?.(r);
        },
        (e: unknown) => {
          running.current = false;
          setError(toError(e));
          setStatus('failed');
        },
      );
  }, []);

  return { status, progress, result, error, start };
}
