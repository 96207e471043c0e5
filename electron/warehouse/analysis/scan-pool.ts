import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runScan, type FamilyScanJob, type PersonScanJob, type ScanJob } from './scan-kernel.ts';

/**
 * Splits a big scan in two: the upper half goes to one worker thread, the warehouse thread does
 * the lower half meanwhile and then waits (Atomics.wait — the warehouse API is synchronous and
 * the wait is a few milliseconds). Columns live in SharedArrayBuffers (see cube.ts), so only the
 * small look-up tables are copied. Until the worker has said it is ready, after any failure, on
 * a single core or for small scans, everything runs on the warehouse thread: the result is the
 * same, only slower.
 */

/** Below this many families (or members) the hand-over costs more than it saves. */
const MIN_SPLIT = 150_000;
const WAIT_MS = 10_000;

let workerDir: string | null = null;

/** The bundled app tells where the worker bundle is (next to its entry); sources run as .ts. */
export function setAnalysisWorkerDir(dir: string): void {
  workerDir = dir;
}

function workerEntry(): URL | string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./scan-worker.ts', here);
  return join(workerDir ?? dirname(fileURLToPath(here)), 'analysis-scan.js');
}

let worker: Worker | null = null;
/** Set to 1 by the worker once it listens; read without waiting for an event-loop turn. */
let readyFlag: Int32Array | null = null;
let broken = availableParallelism() < 2;

/** Start the worker (it becomes usable once it has said so; nothing waits for that). */
export function warmScanWorker(): void {
  if (worker || broken) return;
  try {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(workerEntry(), { workerData: { ready: flag } });
    w.unref();
    w.on('error', () => {
      broken = true;
      readyFlag = null;
      worker = null;
    });
    w.on('exit', () => {
      readyFlag = null;
      worker = null;
    });
    worker = w;
    readyFlag = flag;
  } catch {
    broken = true;
  }
}

/** Stop the worker (tests, shutdown). */
export async function stopScanWorker(): Promise<void> {
  const w = worker;
  worker = null;
  readyFlag = null;
  if (w) await w.terminate();
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

function addInto<T extends Int32Array | Float64Array>(target: T, source: T): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number);
}

/** Where to split [from, to): by families, so a family's members stay in one half. */
function middle(job: ScanJob): number {
  if (job.kind === 'family') return (job.from + job.to) >>> 1;
  // Balance members, not families.
  const s = job.start;
  const target = ((s[job.from] as number) + (s[job.to] as number)) / 2;
  let a = job.from;
  let b = job.to;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((s[m] as number) < target) a = m + 1;
    else b = m;
  }
  return a;
}

function size(job: ScanJob): number {
  return job.kind === 'family' ? job.to - job.from : (job.start[job.to] as number) - (job.start[job.from] as number);
}

/** The upper half's job with fresh shared outputs. */
function upperHalf(job: ScanJob, mid: number): ScanJob {
  if (job.kind === 'family') {
    const f: FamilyScanJob = { ...job, from: mid, acc: new Float64Array(new SharedArrayBuffer(job.acc.length * 8)) };
    return f;
  }
  const p: PersonScanJob = {
    ...job,
    from: mid,
    per: sharedInt32(job.per.length),
    fam: sharedInt32(job.fam.length),
    rowFam: sharedInt32(job.rowFam.length),
    colFam: sharedInt32(job.colFam.length),
    out: sharedInt32(1),
  };
  return p;
}

function merge(job: ScanJob, half: ScanJob): void {
  if (job.kind === 'family' && half.kind === 'family') {
    addInto(job.acc, half.acc);
  } else if (job.kind === 'person' && half.kind === 'person') {
    // Halves hold whole families, so distinct-family counts add up exactly.
    addInto(job.per, half.per);
    addInto(job.fam, half.fam);
    addInto(job.rowFam, half.rowFam);
    addInto(job.colFam, half.colFam);
    addInto(job.out, half.out);
  }
}

/** Run a scan, on two cores when it is big enough and the worker is up. */
export function runSplitScan(job: ScanJob): void {
  warmScanWorker();
  const w = worker;
  if (!w || !readyFlag || Atomics.load(readyFlag, 0) !== 1 || size(job) < MIN_SPLIT) {
    runScan(job);
    return;
  }
  const mid = middle(job);
  const upper = upperHalf(job, mid);
  const flag = sharedInt32(1);
  w.postMessage({ job: upper, flag });
  runScan({ ...job, to: mid });
  const state = Atomics.wait(flag, 0, 0, WAIT_MS);
  if (state === 'timed-out' || Atomics.load(flag, 0) !== 1) {
    // The worker is stuck or failed: do its half here and stop using it.
    broken = true;
    void w.terminate();
    const redo = upperHalf(job, mid);
    runScan(redo);
    merge(job, redo);
    return;
  }
  merge(job, upper);
}

/** The worker is up and taking halves. */
export function scanWorkerReady(): boolean {
  return worker !== null && readyFlag !== null && Atomics.load(readyFlag, 0) === 1;
}
