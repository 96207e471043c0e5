import { SCAN_KERNEL_WASM } from './scan-kernel-wasm.ts';
import { compiledOnce } from '../wasm-module.ts';
import type { Codes, FamilyScanJob, PersonScanJob, ScanJob } from './scan-kernel.ts';
import { arenaAlloc, arenaFree, arenaMemory, arenaOffset, type ArenaArray } from './wasm-arena.ts';

/**
 * The cross-tab scans in WebAssembly (scan-kernel.wat), over columns in the arena (wasm-arena.ts):
 * the same cells as `scanFamilies` and `scanPersons`, two to three times as fast. A job is prepared
 * once on the warehouse thread — its look-up tables copied into a scratch block of the arena, two
 * accumulators (one per half, so the worker can count the other half at the same time) — and then
 * run by either thread with a few numbers. Jobs whose columns are not in the arena are left to the
 * JS loops.
 */

/** The kernel's loops (the exports of scan-kernel.wat). */
export const FAMILY_EXPORTS = [
  'family0_8', 'family0_16', 'family1_8', 'family1_16', 'family2_8', 'family2_16', 'family3_8', 'family3_16', 'familyN',
] as const;
export const PERSON_EXPORTS = ['person0', 'person1', 'person2', 'person3', 'personN'] as const;
export type FamilyExport = (typeof FAMILY_EXPORTS)[number];
export type PersonExport = (typeof PERSON_EXPORTS)[number];
type Loop = (...args: number[]) => void;
export type ScanKernel = Readonly<Record<FamilyExport | PersonExport, Loop>>;

/**
 * Which loop, and its arguments after the per-thread (from, to, acc, tmp); posted to the worker
 * as is. `rest` (family loops): familyN's, for the families past the fused loop's last step of four.
 */
export interface WasmCall {
  readonly fn: FamilyExport | PersonExport;
  readonly args: readonly number[];
  readonly rest?: readonly number[];
}

/** A prepared job: the call, and for each half (this thread, the worker) its accumulator and working space. */
export interface WasmScan {
  readonly call: WasmCall;
  readonly acc: readonly [number, number];
  readonly tmp: readonly [number, number];
  /** Add the counted halves (1: this thread's only, 2: the worker's too) into the job's outputs. */
  readonly collect: (halves: 1 | 2) => void;
}

/**
 * The kernel's working space per thread, for blocks of 1024 families: familyN's codes and cells,
 * the member loops' codes and family row and column parts.
 */
const TMP_BYTES = 12_288;

let local: ScanKernel | null | undefined;

/** The compiled kernel (compiled once); null without WebAssembly. */
export const scanModule = compiledOnce(SCAN_KERNEL_WASM);

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
export function runWasm(kernel: ScanKernel, call: WasmCall, from: number, to: number, acc: number, tmp: number): void {
  if (!call.rest) {
    kernel[call.fn](from, to, acc, tmp, ...call.args);
    return;
  }
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
 * Writes look-up tables one after another from `at`: `lut` (code + 1 → v, as the JS loops read
 * it) as value(v) over every code of the column's type, `missing` for codes past its end (the JS
 * loops read `undefined` there). `write` returns the address of code 0's entry.
 */
class Tables {
  private readonly buf: SharedArrayBuffer;
  at: number;

  constructor(buf: SharedArrayBuffer, at: number) {
    this.buf = buf;
    this.at = at;
  }

  write(codes: Codes, lut: Int32Array, value: (v: number) => number, missing: number): number {
    const n = span(codes);
    const half = n >> 1;
    const table = new Int32Array(this.buf, this.at, n);
    table.fill(missing);
    const used = Math.min(lut.length, half + 1);
    for (let i = 0; i < used; i++) table[half - 1 + i] = value(lut[i] as number);
    const zero = this.at + half * 4;
    this.at += n * 4;
    return zero;
  }

  /** `values` as i32 at the current position (after the tables); returns their address. */
  list(values: readonly number[]): number {
    const p = this.at;
    new Int32Array(this.buf, p, values.length).set(values);
    this.at += values.length * 4;
    return p;
  }
}

/**
 * Regions a thread writes start and end on 128-byte boundaries, so the two threads never write to
 * the same cache line (nor to the neighbour fetched with it): sharing one made the split member
 * scan as slow as one thread.
 */
const LINE = 128;
const lines = (bytes: number): number => Math.ceil(bytes / LINE) * LINE;

interface Layout {
  readonly buf: SharedArrayBuffer;
  readonly acc: readonly [number, number];
  readonly tmp: readonly [number, number];
  readonly tables: Tables;
}

/**
 * The scratch block laid out for a job: for each thread an accumulator of `accBytes` (its first
 * `zeroBytes` zeroed) and working space, then `rest` bytes of tables; null when there is no room.
 */
function layout(memory: WebAssembly.Memory, accBytes: number, zeroBytes: number, rest: number): Layout | null {
  const accSize = lines(accBytes);
  const at = scratchBlock(LINE + 2 * accSize + 2 * lines(TMP_BYTES) + rest);
  if (at < 0) return null;
  const base = lines(at);
  const buf = memory.buffer as SharedArrayBuffer;
  const acc = [base, base + accSize] as const;
  const tmp = [base + 2 * accSize, base + 2 * accSize + lines(TMP_BYTES)] as const;
  for (const a of acc) new Uint8Array(buf, a, zeroBytes).fill(0);
  return { buf, acc, tmp, tables: new Tables(buf, tmp[1] + lines(TMP_BYTES)) };
}

/** Bytes of the tables of these columns. */
function tableBytes(columns: readonly Codes[]): number {
  return columns.reduce((t, c) => t + span(c) * 4, 0);
}

const isFlag = (l: Int32Array): boolean => l.every((v) => v === 0 || v === 1);

/** Every column is in the arena and holds at least `length` codes. */
function inArena(columns: readonly ArenaArray[], length: number): boolean {
  return columns.every((c) => arenaOffset(c) >= 0 && c.length >= length);
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
export function prepareWasmFamily(job: FamilyScanJob): WasmScan | null {
  const memory = arenaMemory();
  const { from, to, rc, rowOff, cc, colOff, fc, fl, persons, trash } = job;
  const cells = job.acc.length;
  if (!memory || from < 0 || !Number.isInteger(from) || !Number.isInteger(to)) return null;
  if (!inArena([rc, cc, ...fc, persons], to)) return null;
  if (!Number.isInteger(trash) || trash < 0 || trash >= cells || fc.length !== fl.length) return null;
  if (!slotsFit(rowOff, colOff, cells) || !fl.every(isFlag)) return null;

  // The cell is a sum, so rows and columns may swap: `a` takes the Int16 codes when only one has them.
  const swap = wide(cc) && !wide(rc);
  const [a, al, b, bl] = swap ? [cc, colOff, rc, rowOff] : [rc, rowOff, cc, colOff];
  const fused = !wide(b) && fc.length <= 3 && !fc.some(wide);

  const space = layout(memory, (2 * cells + 1) * LANES * 8, cells * LANES * 8, tableBytes([a, b, ...fc]) + fc.length * 12);
  if (!space) return null;
  const { buf, acc, tmp, tables } = space;
  const cell = (v: number): number => v * LANES;
  const aLut = tables.write(a, al, cell, cells * LANES);
  const bLut = tables.write(b, bl, cell, cells * LANES);
  const filters = fc.map((f, j) => [arenaOffset(f), wide(f) ? 1 : 0, tables.write(f, fl[j] as Int32Array, (v) => v, 0)] as const);
  const ftab = tables.list(filters.flat());
  const head = [arenaOffset(a), aLut, arenaOffset(b), bLut, arenaOffset(persons), trash * LANES];
  const rest = [...head, wide(a) ? 1 : 0, wide(b) ? 1 : 0, filters.length, ftab];
  const fn: FamilyExport = fused ? (`family${fc.length}_${wide(a) ? 16 : 8}` as FamilyExport) : 'familyN';
  const args = fused ? [...head, ...filters.flatMap(([codes, , lut]) => [codes, lut])] : rest;
  const collect = (halves: 1 | 2): void => {
    const out = job.acc;
    for (let h = 0; h < halves; h++) {
      const lanes = new Float64Array(buf, acc[h], out.length * LANES);
      for (let k = 0; k < out.length; k++) {
        const q = k * LANES;
        out[k] = (out[k] as number) + (lanes[q] as number) + (lanes[q + 1] as number) + (lanes[q + 2] as number) + (lanes[q + 3] as number);
      }
    }
  };
  return { call: { fn, args, rest }, acc, tmp, collect };
}

// ── member level ────────────────────────────────────────────────────────────────────────────────

/**
 * In the member loops' tables "no slot": a row or column part, or a filter's value when it drops
 * the family or member. Parts add up, so any sum holding one is ≥ every R and C (< BAD) and the
 * member is not counted; at most MAX_PARTS parts keep the sum below 2^31.
 */
const BAD = 65_536;
const MAX_PARTS = 1024;

/** Smallest and largest value of an array (cached: the cube's columns never change). */
const extremes = new WeakMap<Int32Array, readonly [number, number]>();
function range(a: Int32Array): readonly [number, number] {
  let v = extremes.get(a);
  if (!v) {
    let lo = a.length > 0 ? (a[0] as number) : 0;
    let hi = lo;
    for (let i = 1; i < a.length; i++) {
      const x = a[i] as number;
      if (x < lo) lo = x;
      else if (x > hi) hi = x;
    }
    v = [lo, hi];
    extremes.set(a, v);
  }
  return v;
}

/** Slots in [−1, n) (−1: not counted). */
const slotsIn = (lut: Int32Array, n: number): boolean => lut.every((v) => v >= -1 && v < n);

/**
 * Prepare a member job for the kernel, or null when it must run in JS: a column outside the arena
 * or too short for the members and families it is read at, member codes wider than Int8, look-up
 * values the JS loops would treat differently.
 *
 * Each family's row and column parts come from its family-level columns (a member-level row or
 * column adds 0 there; each failing family filter adds BAD to the row part), each member adds its
 * own (a family-level row or column reads a member column through a table of zeros; each failing
 * member filter adds BAD to the row). A family whose parts are out of range skips its members, a
 * member out of range is not counted. Per cell the accumulator holds 16 bytes — people (i32),
 * families (i32), the last family counted there (its index + 1, so a zeroed accumulator holds
 * none), 4 unused — then 8 per row and per column (last family, families), then the distinct
 * families counted.
 */
export function prepareWasmPerson(job: PersonScanJob): WasmScan | null {
  const memory = arenaMemory();
  const { from, to, start, order, identity, rc, rl, cc, cl, rowByPerson, colByPerson, fc, fl, pc, plu, R, C } = job;
  if (!memory || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to >= start.length) return null;
  if (!Number.isInteger(R) || !Number.isInteger(C) || R < 1 || C < 1 || R >= BAD || C >= BAD) return null;
  if (fc.length !== fl.length || pc.length !== plu.length || fc.length + pc.length + 4 > MAX_PARTS) return null;
  if (!slotsIn(rl, R) || !slotsIn(cl, C) || !fl.every(isFlag) || !plu.every(isFlag)) return null;
  const famColumns = [...(rowByPerson ? [] : [rc]), ...(colByPerson ? [] : [cc]), ...fc];
  const memberColumns = [...(rowByPerson ? [rc] : []), ...(colByPerson ? [cc] : []), ...pc];
  // The fused loops read members at their positions in [lowest, highest), personN through `order`.
  const fused = identity && pc.length <= 3;
  const [lowest, highest] = range(start);
  const reach = Math.max(highest, fused ? 0 : range(order)[1] + 1);
  if (lowest < 0 || order.length < highest || arenaOffset(start) < 0 || arenaOffset(order) < 0) return null;
  if (memberColumns.length === 0 || memberColumns.some(wide) || !inArena(famColumns, to) || !inArena(memberColumns, reach)) return null;

  const accBytes = R * C * 16 + R * 8 + C * 8 + 8;
  const any = memberColumns[0] as Codes;
  const space = layout(memory, accBytes, accBytes, tableBytes([...famColumns, any, any, ...pc]) + fc.length * 16 + 32 + pc.length * 8);
  if (!space) return null;
  const { buf, acc, tmp, tables } = space;
  const slot = (v: number): number => (v < 0 ? BAD : v);
  const pass = (v: number): number => (v === 0 ? BAD : 0);
  const zero = (): number => 0;
  // Family-level entries: (codes, wide, table, part: 4096 row, 8192 column — where tmp holds it).
  const entries: number[][] = [];
  if (!rowByPerson) entries.push([arenaOffset(rc), wide(rc) ? 1 : 0, tables.write(rc, rl, slot, BAD), 4096]);
  if (!colByPerson) entries.push([arenaOffset(cc), wide(cc) ? 1 : 0, tables.write(cc, cl, slot, BAD), 8192]);
  fc.forEach((f, j) => entries.push([arenaOffset(f), wide(f) ? 1 : 0, tables.write(f, fl[j] as Int32Array, pass, BAD), 4096]));
  const member = (byPerson: boolean, codes: Codes, lut: Int32Array): number[] =>
    byPerson ? [arenaOffset(codes), tables.write(codes, lut, slot, BAD)] : [arenaOffset(any), tables.write(any, lut, zero, 0)];
  const head = [R, C, arenaOffset(start), entries.length, tables.list(entries.flat()), ...member(rowByPerson, rc, rl), ...member(colByPerson, cc, cl)];
  const filters = pc.map((p, j) => [arenaOffset(p), tables.write(p, plu[j] as Int32Array, pass, BAD)]);
  const call: WasmCall = fused
    ? { fn: `person${pc.length}` as PersonExport, args: [...head, ...filters.flat()] }
    : { fn: 'personN', args: [...head, arenaOffset(order), filters.length, tables.list(filters.flat())] };
  const collect = (halves: 1 | 2): void => {
    for (let h = 0; h < halves; h++) {
      const v = new Int32Array(buf, acc[h], accBytes >> 2);
      for (let k = 0; k < R * C; k++) {
        job.per[k] = (job.per[k] as number) + (v[4 * k] as number);
        job.fam[k] = (job.fam[k] as number) + (v[4 * k + 1] as number);
      }
      const rows = R * C * 4;
      const cols = rows + R * 2;
      for (let r = 0; r < R; r++) job.rowFam[r] = (job.rowFam[r] as number) + (v[rows + 2 * r + 1] as number);
      for (let c = 0; c < C; c++) job.colFam[c] = (job.colFam[c] as number) + (v[cols + 2 * c + 1] as number);
      job.out[0] = (job.out[0] as number) + (v[cols + 2 * C] as number);
    }
  };
  return { call, acc, tmp, collect };
}

/** Prepare a job for the kernel; null when it must run in JS. */
export function prepareWasm(job: ScanJob): WasmScan | null {
  return job.kind === 'family' ? prepareWasmFamily(job) : prepareWasmPerson(job);
}

/** Run a job in WebAssembly on this thread; false (nothing counted) when it must run in JS. */
export function scanWasm(job: ScanJob): boolean {
  const kernel = localKernel();
  const scan = kernel ? prepareWasm(job) : null;
  if (!kernel || !scan) return false;
  runWasm(kernel, scan.call, job.from, job.to, scan.acc[0], scan.tmp[0]);
  scan.collect(1);
  return true;
}
