import { SCAN_KERNEL_WASM } from './scan-kernel-wasm.ts';
import type { Codes, FamilyScanJob } from './scan-kernel.ts';
import { arenaAlloc, arenaFree, arenaMemory, arenaOffset } from './wasm-arena.ts';

/**
 * The family scan in WebAssembly (scan-kernel.wat), over columns in the arena (wasm-arena.ts):
 * the same cells as `scanFamilies`, about twice as fast. A job is prepared once on the warehouse
 * thread — its look-up tables copied into a scratch block of the arena, two accumulators (one per
 * half, so the worker can count the other half at the same time) — and then run by either thread
 * with a few numbers. Jobs whose columns are not in the arena are left to the JS loops.
 */

/** The kernel's loops (the exports of scan-kernel.wat). */
export const FAMILY_EXPORTS = [
  'family0_8', 'family0_16', 'family1_8', 'family1_16', 'family2_8', 'family2_16', 'family3_8', 'family3_16', 'familyN',
] as const;
export type FamilyExport = (typeof FAMILY_EXPORTS)[number];
type Loop = (...args: number[]) => void;
export type ScanKernel = Readonly<Record<FamilyExport, Loop>>;

/**
 * Which loop, and its arguments after the per-thread (from, to, acc, tmp); posted to the worker
 * as is. `rest`: familyN's, for the families past the fused loop's last step of four.
 */
export interface WasmFamilyCall {
  readonly fn: FamilyExport;
  readonly args: readonly number[];
  readonly rest: readonly number[];
}

/** A prepared job: the call, and for each half (this thread, the worker) its accumulator and working space. */
export interface WasmFamilyScan {
  readonly call: WasmFamilyCall;
  readonly acc: readonly [number, number];
  readonly tmp: readonly [number, number];
}

/** The kernel's working space per thread (familyN: codes and cells of a 1024-family block). */
const TMP_BYTES = 8192;

let compiled: WebAssembly.Module | null | undefined;
let local: ScanKernel | null | undefined;

/** The compiled kernel (compiled once); null without WebAssembly. */
export function scanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** The kernel on a memory (the arena's; the scan worker is handed both); null when that fails. */
export function instantiateScanKernel(module: WebAssembly.Module, memory: WebAssembly.Memory): ScanKernel | null {
  try {
    return new WebAssembly.Instance(module, { m: { memory } }).exports as unknown as ScanKernel;
  } catch {
    return null;
  }
}

/** The warehouse thread's kernel on the arena; null when WebAssembly is unavailable. */
export function localKernel(): ScanKernel | null {
  if (local === undefined) {
    const module = scanModule();
    const memory = arenaMemory();
    local = module && memory ? instantiateScanKernel(module, memory) : null;
  }
  return local;
}

/** Count families [from, to) of a prepared job into `acc`, with working space `tmp`. */
export function runWasmFamily(kernel: ScanKernel, call: WasmFamilyCall, from: number, to: number, acc: number, tmp: number): void {
  let rest = from;
  if (call.fn !== 'familyN') {
    rest = to - (Math.max(0, to - from) % 4);
    kernel[call.fn](from, rest, acc, tmp, ...call.args);
  }
  kernel.familyN(rest, to, acc, tmp, ...call.rest);
}

// ── preparing a job ─────────────────────────────────────────────────────────────────────────────

let scratch: { at: number; size: number } | null = null;

/** The scratch block, at least `bytes` long (the previous one is reused or freed); -1 when there is no room. */
function scratchBlock(bytes: number): number {
  if (scratch && scratch.size >= bytes) return scratch.at;
  if (scratch) arenaFree(scratch.at);
  scratch = null;
  const size = Math.max(bytes + (bytes >> 2), 1 << 19);
  const at = arenaAlloc(size);
  if (at < 0) return -1;
  scratch = { at, size };
  return at;
}

/** After a stuck worker: it may still write into the scratch block, so the next job takes a new one (this one is not reused). */
export function abandonScratch(): void {
  scratch = null;
}

function wide(c: Codes): boolean {
  return c.BYTES_PER_ELEMENT === 2;
}

/** Entries of a column's table: one per value its type can hold. */
function span(c: Codes): number {
  return wide(c) ? 65_536 : 256;
}

/** Row and column slots keep every cell inside the accumulator. */
function slotsFit(rowOff: Int32Array, colOff: Int32Array, cells: number): boolean {
  const highest = (offsets: Int32Array): number => offsets.reduce((m, v) => (v < 0 ? Infinity : Math.max(m, v)), 0);
  return highest(rowOff) + highest(colOff) < cells;
}

/**
 * Write `lut` (code + 1 → value, as the JS loops read it) times `scale` at `at` as a table over
 * every code of the column's type, `missing` for codes past its end (the JS loops read
 * `undefined` there). Returns the address of code 0's entry.
 */
function writeTable(buf: SharedArrayBuffer, at: number, codes: Codes, lut: Int32Array, scale: number, missing: number): number {
  const n = span(codes);
  const half = n >> 1;
  const table = new Int32Array(buf, at, n);
  table.fill(missing);
  const used = Math.min(lut.length, half + 1);
  for (let i = 0; i < used; i++) table[half - 1 + i] = (lut[i] as number) * scale;
  return at + half * 4;
}

/** Counters per cell in the kernel's accumulator (one per family position mod 4). */
const LANES = 4;

/**
 * Prepare a family job for the kernel, or null when it must run in JS: a column outside the
 * arena or shorter than the range, or look-up values the JS loops would treat differently.
 *
 * Codes past a row or column table's end send the family past the accumulator's cells (each
 * table adds `cells` there, so a thread's accumulator spans 2 × cells + 1 cells), where nothing
 * is read: the family is dropped, as the JS loops drop it. The cells are the same for every code
 * inside the tables.
 */
export function prepareWasmFamily(job: FamilyScanJob): WasmFamilyScan | null {
  const memory = arenaMemory();
  const { from, to, rc, rowOff, cc, colOff, fc, fl, persons, trash } = job;
  const cells = job.acc.length;
  if (!memory || from < 0 || !Number.isInteger(from) || !Number.isInteger(to)) return null;
  for (const c of [rc, cc, ...fc, persons]) if (arenaOffset(c) < 0 || c.length < to) return null;
  if (!Number.isInteger(trash) || trash < 0 || trash >= cells || fc.length !== fl.length) return null;
  if (!slotsFit(rowOff, colOff, cells) || !fl.every((l) => l.every((v) => v === 0 || v === 1))) return null;

  // The cell is a sum, so rows and columns may swap: `a` takes the Int16 codes when only one has them.
  const swap = wide(cc) && !wide(rc);
  const [a, al, b, bl] = swap ? [cc, colOff, rc, rowOff] : [rc, rowOff, cc, colOff];
  const fused = !wide(b) && fc.length <= 3 && !fc.some(wide);

  const accBytes = (2 * cells + 1) * LANES * 8;
  const tables = [a, b, ...fc].reduce((t, c) => t + span(c) * 4, 0);
  const base = scratchBlock(2 * accBytes + 2 * TMP_BYTES + tables + fc.length * 12);
  if (base < 0) return null;
  const buf = memory.buffer as SharedArrayBuffer;
  const acc: [number, number] = [base, base + accBytes];
  const tmp: [number, number] = [base + 2 * accBytes, base + 2 * accBytes + TMP_BYTES];
  new Float64Array(buf, acc[0], cells * LANES).fill(0);
  new Float64Array(buf, acc[1], cells * LANES).fill(0);
  let at = tmp[1] + TMP_BYTES;
  const table = (codes: Codes, lut: Int32Array, scale: number, missing: number): number => {
    const p = writeTable(buf, at, codes, lut, scale, missing);
    at += span(codes) * 4;
    return p;
  };
  const aLut = table(a, al, LANES, cells * LANES);
  const bLut = table(b, bl, LANES, cells * LANES);
  const filters = fc.map((f, j) => [arenaOffset(f), wide(f) ? 1 : 0, table(f, fl[j] as Int32Array, 1, 0)] as const);
  new Int32Array(buf, at, filters.length * 3).set(filters.flat());
  const head = [arenaOffset(a), aLut, arenaOffset(b), bLut, arenaOffset(persons), trash * LANES];
  const rest = [...head, wide(a) ? 1 : 0, wide(b) ? 1 : 0, filters.length, at];
  const fn: FamilyExport = fused ? (`family${fc.length}_${wide(a) ? 16 : 8}` as FamilyExport) : 'familyN';
  const args = fused ? [...head, ...filters.flatMap(([codes, , lut]) => [codes, lut])] : rest;
  return { call: { fn, args, rest }, acc, tmp };
}

/** Add the counted halves (1: this thread's only, 2: the worker's too) into the job's `acc`. */
export function addWasmResult(scan: WasmFamilyScan, halves: 1 | 2, acc: Float64Array): void {
  const buf = (arenaMemory() as WebAssembly.Memory).buffer as SharedArrayBuffer;
  for (let h = 0; h < halves; h++) {
    const lanes = new Float64Array(buf, scan.acc[h], acc.length * LANES);
    for (let k = 0; k < acc.length; k++) {
      const q = k * LANES;
      acc[k] = (acc[k] as number) + (lanes[q] as number) + (lanes[q + 1] as number) + (lanes[q + 2] as number) + (lanes[q + 3] as number);
    }
  }
}

/** Run a family job in WebAssembly on this thread; false (nothing counted) when it must run in JS. */
export function scanFamiliesWasm(job: FamilyScanJob): boolean {
  const kernel = localKernel();
  const scan = kernel ? prepareWasmFamily(job) : null;
  if (!kernel || !scan) return false;
  runWasmFamily(kernel, scan.call, job.from, job.to, scan.acc[0], scan.tmp[0]);
  addWasmResult(scan, 1, job.acc);
  return true;
}
