/**
 * Run untrusted-input work (parsing a file a user picked) in a worker thread that can be killed:
 * a wall-clock limit, heap limits, and cancellation. A crafted file can stall or crash only that
 * worker; the caller gets a WorkerJobError with a kind it can explain to the planner.
 */
import { Worker, type Transferable } from 'node:worker_threads';

export interface WorkerJobLimits {
  /** Wall-clock limit in milliseconds (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Old-generation heap cap in MB (default 1,024). */
  readonly maxOldGenerationMb?: number;
  /** Young-generation cap in MB; a larger one cuts GC time when many small strings are made (default 64). */
  readonly maxYoungGenerationMb?: number;
  /** Objects moved into the worker with `input` (a MessagePort to another worker). */
  readonly transferList?: readonly Transferable[];
}

export type WorkerJobErrorKind = 'timeout' | 'memory' | 'crashed' | 'cancelled' | 'failed';

export class WorkerJobError extends Error {
  override readonly name = 'WorkerJobError';
  readonly kind: WorkerJobErrorKind;
  constructor(kind: WorkerJobErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Messages a job worker posts: progress and partial results, then exactly one end. */
export type JobMessage<P, R> =
  | { readonly type: 'progress'; readonly payload: P }
  | { readonly type: 'done'; readonly result: R }
  | { readonly type: 'error'; readonly message: string };

export interface WorkerJob<R> {
  readonly result: Promise<R>;
  /** End the worker now; `result` rejects with kind 'cancelled'. */
  cancel(): void;
}

const MESSAGES: Record<WorkerJobErrorKind, string> = {
  timeout: 'Pemrosesan berkas dihentikan karena melewati batas waktu ({seconds} detik). Berkas mungkin rusak atau terlalu besar.',
  memory: 'Pemrosesan berkas dihentikan karena memerlukan memori melebihi batas ({mb} MB). Berkas mungkin rusak atau terlalu besar.',
  crashed: 'Proses pembaca berkas berhenti tiba-tiba (kode {code}). Data yang sudah tersimpan tidak berubah.',
  cancelled: 'Dibatalkan.',
  failed: '{message}',
};

function message(kind: WorkerJobErrorKind, params: Record<string, string | number>): string {
  return MESSAGES[kind].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * Start `entry` (a module that reads `workerData` and posts JobMessages) under the limits.
 * `onProgress` sees every progress payload in order.
 */
export function startWorkerJob<I, P, R>(entry: URL | string, input: I, onProgress: (p: P) => void, limits: WorkerJobLimits = {}): WorkerJob<R> {
  const timeoutMs = limits.timeoutMs ?? 10 * 60_000;
  const maxOld = limits.maxOldGenerationMb ?? 1024;
  const worker = new Worker(entry, {
    workerData: input,
    ...(limits.transferList ? { transferList: [...limits.transferList] } : {}),
    resourceLimits: { maxOldGenerationSizeMb: maxOld, maxYoungGenerationSizeMb: limits.maxYoungGenerationMb ?? 64 },
    stdout: false,
    stderr: false,
  });
  let settled = false;
  let endKind: WorkerJobErrorKind | null = null;
  let resolveFn: (r: R) => void = () => undefined;
  let rejectFn: (e: Error) => void = () => undefined;
  const result = new Promise<R>((resolve, reject) => {
    resolveFn = resolve;
    rejectFn = reject;
  });
  const finish = (outcome: { ok: true; value: R } | { ok: false; error: WorkerJobError }): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (outcome.ok) resolveFn(outcome.value);
    else rejectFn(outcome.error);
    void worker.terminate();
  };
  const timer = setTimeout(() => {
    endKind = 'timeout';
    // Whole seconds, but a limit under ten seconds keeps two significant digits (not "0 detik").
    const seconds = timeoutMs >= 10_000 ? Math.round(timeoutMs / 1000) : (timeoutMs / 1000).toLocaleString('id-ID', { maximumSignificantDigits: 2 });
    finish({ ok: false, error: new WorkerJobError('timeout', message('timeout', { seconds })) });
  }, timeoutMs);

  worker.on('message', (m: JobMessage<P, R>) => {
    if (settled) return;
    if (m.type === 'progress') onProgress(m.payload);
    else if (m.type === 'done') finish({ ok: true, value: m.result });
    else finish({ ok: false, error: new WorkerJobError('failed', m.message) });
  });
  worker.on('error', (e: Error & { code?: string }) => {
    const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
    finish({
      ok: false,
      error: oom ? new WorkerJobError('memory', message('memory', { mb: maxOld })) : new WorkerJobError('failed', e.message),
    });
  });
  worker.on('exit', (code) => {
    if (endKind === null && !settled) finish({ ok: false, error: new WorkerJobError('crashed', message('crashed', { code })) });
  });

  return {
    result,
    cancel() {
      endKind = 'cancelled';
      finish({ ok: false, error: new WorkerJobError('cancelled', message('cancelled', {})) });
    },
  };
}
