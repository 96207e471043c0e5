import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runScan, type FamilyScanJob, type PersonScanJob, type ScanJob } from './scan-kernel.ts';
import { abandonScratch, localKernel, prepareWasm, runWasm, scanModule, type ScanKernel, type WasmScan } from './scan-wasm.ts';
import type { ScanMessage, ScanRequest } from './scan-worker.ts';
import { arenaMemory } from './wasm-arena.ts';

/**
 * Splits a big scan in two: the upper half goes to one worker thread, the warehouse thread does
 * the lower half meanwhile and then waits (Atomics.wait — the warehouse API is synchronous and
 * the wait is a few milliseconds). Columns live in shared memory (the arena, see wasm-arena.ts),
 * so nothing big is copied: scans run in WebAssembly on both threads (the worker gets the arena's
 * memory and the compiled kernel once, at start) and a half is a few numbers; scans the kernel
 * cannot take run in JS and hand over their small look-up tables. Until the worker has said it is
 * ready, after any failure, on a single core or for small scans, everything runs on the
 * warehouse thread: the result is the same, only slower.
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
/**
 * Set by the worker, read without waiting for an event-loop turn: [0] 1 once it listens, [1] 1
 * when its WebAssembly kernel is up.
 */
let readyFlag: Int32Array | null = null;
let broken = availableParallelism() < 2;

/** Start the worker (it becomes usable once it has said so; nothing waits for that). */
export function warmScanWorker(): void {
  if (worker || broken) return;
  try {
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const memory = arenaMemory();
    const module = scanModule();
    const w = new Worker(workerEntry(), { workerData: { ready: flag, wasm: memory && module ? { memory, module } : null } });
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

/** The worker, when it is up and the job is big enough to split (`wasm`: it must run the kernel too). */
function splitWorker(job: ScanJob, wasm: boolean): Worker | null {
  const w = worker;
  if (!w || !readyFlag || Atomics.load(readyFlag, 0) !== 1 || size(job) < MIN_SPLIT) return null;
  return !wasm || Atomics.load(readyFlag, 1) === 1 ? w : null;
}

/** Hand a half to the worker, run `runHere` meanwhile, wait; false (and the worker is dropped) when it failed or is stuck. */
function postAndWait(w: Worker, request: ScanRequest, runHere: () => void): boolean {
  const flag = sharedInt32(1);
  const message: ScanMessage = { ...request, flag };
  w.postMessage(message);
  runHere();
  const state = Atomics.wait(flag, 0, 0, WAIT_MS);
  if (state !== 'timed-out' && Atomics.load(flag, 0) === 1) return true;
  broken = true;
  void w.terminate();
  return false;
}

/** A scan in WebAssembly, the upper half in the worker when it is up. */
function runWasmSplit(job: ScanJob, kernel: ScanKernel, scan: WasmScan): void {
  const { call, acc, tmp } = scan;
  const w = splitWorker(job, true);
  if (!w) {
    runWasm(kernel, call, job.from, job.to, acc[0], tmp[0]);
    scan.collect(1);
    return;
  }
  const mid = middle(job);
  const done = postAndWait(w, { wasm: call, from: mid, to: job.to, acc: acc[1], tmp: tmp[1] }, () => {
    runWasm(kernel, call, job.from, mid, acc[0], tmp[0]);
  });
  if (!done) {
    // Do its half here, into this thread's accumulator; a stuck worker may still write to the scratch block.
    abandonScratch();
    runWasm(kernel, call, mid, job.to, acc[0], tmp[0]);
  }
  scan.collect(done ? 2 : 1);
}

/** Run a scan, on two cores when it is big enough and the worker is up. */
export function runSplitScan(job: ScanJob): void {
  warmScanWorker();
  const kernel = localKernel();
  const scan = kernel ? prepareWasm(job) : null;
  if (kernel && scan) {
    runWasmSplit(job, kernel, scan);
    return;
  }
  const w = splitWorker(job, false);
  if (!w) {
    runScan(job);
    return;
  }
  const mid = middle(job);
  const upper = upperHalf(job, mid);
  if (postAndWait(w, { job: upper }, () => runScan({ ...job, to: mid }))) {
    merge(job, upper);
    return;
  }
  // The worker is stuck or failed: do its half here.
  const redo = upperHalf(job, mid);
  runScan(redo);
  merge(job, redo);
}

/** The worker is up and taking halves (`wasm`: WebAssembly halves too). */
export function scanWorkerReady(wasm = false): boolean {
  return worker !== null && readyFlag !== null && Atomics.load(readyFlag, 0) === 1 && (!wasm || Atomics.load(readyFlag, 1) === 1);
}
