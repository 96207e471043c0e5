/**
 * The cube's columns live in one shared `WebAssembly.Memory`, so the WebAssembly scan kernel
 * (scan-kernel.wat) reads them in place, on the warehouse thread and in the scan worker alike
 * (both instantiate the kernel on this memory). A small allocator hands out 8-byte aligned
 * blocks, grows the memory when no free block fits and takes blocks back on free, merging free
 * neighbours. Bookkeeping stays in JS; the memory holds only data.
 *
 * Shared memory never detaches: views made before a `grow` stay valid, but `memory.buffer` is a
 * new, longer SharedArrayBuffer afterwards, so new views are always made on the current one.
 *
 * Without WebAssembly, or once the 4 GiB a 32-bit memory can address are taken, arrays come in
 * plain SharedArrayBuffers: everything still works, and scans over them run in JS.
 */

export type ArenaArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Float64Array;

export interface ArenaCtor<T extends ArenaArray> {
  new (buffer: SharedArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

const PAGE = 65_536;
/** 4 GiB: all a 32-bit memory addresses. */
const MAX_PAGES = 65_536;
/** Blocks start at a multiple of this (the widest element, f64). */
const ALIGN = 8;
/** The first bytes are never handed out, so no block starts at address 0. */
const BASE = 64;
/** The memory grows by at least this many pages (1 MiB) at a time. */
const GROW_PAGES = 16;

interface Block {
  at: number;
  size: number;
}

let memory: WebAssembly.Memory | null | undefined;
/** Free blocks in address order; no two touch (they are merged). */
const free: Block[] = [];
/** Size of each block handed out, by address. */
const taken = new Map<number, number>();
let takenBytes = 0;
/** The block behind each array made here (its address). */
const owner = new WeakMap<ArenaArray, number>();
/** Backstop for arrays dropped without `freeArray`: their block comes back once they are collected. */
const reclaim = new FinalizationRegistry<number>((at) => arenaFree(at));

/** The memory (created on first use); null where shared WebAssembly memory is unavailable. */
export function arenaMemory(): WebAssembly.Memory | null {
  if (memory === undefined) {
    try {
      memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      free.push({ at: BASE, size: PAGE - BASE });
    } catch {
      memory = null;
    }
  }
  return memory;
}

function insertFree(block: Block): void {
  let lo = 0;
  let hi = free.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((free[mid] as Block).at < block.at) lo = mid + 1;
    else hi = mid;
  }
  const prev = free[lo - 1];
  const next = free[lo];
  if (prev && prev.at + prev.size === block.at) {
    prev.size += block.size;
    if (next && prev.at + prev.size === next.at) {
      prev.size += next.size;
      free.splice(lo, 1);
    }
  } else if (next && block.at + block.size === next.at) {
    next.at = block.at;
    next.size += block.size;
  } else free.splice(lo, 0, block);
}

/** Grow the memory so that a block of `size` bytes fits at its end; false when it cannot. */
function grow(mem: WebAssembly.Memory, size: number): boolean {
  const end = mem.buffer.byteLength;
  const last = free[free.length - 1];
  const tail = last && last.at + last.size === end ? last.size : 0;
  const pages = Math.max(GROW_PAGES, Math.ceil((size - tail) / PAGE));
  if (end / PAGE + pages > MAX_PAGES) return false;
  try {
    mem.grow(pages);
  } catch {
    return false;
  }
  insertFree({ at: end, size: pages * PAGE });
  return true;
}

/** Address of a new block of at least `bytes` bytes (contents undefined), or -1 when there is no room. */
export function arenaAlloc(bytes: number): number {
  const mem = arenaMemory();
  if (!mem) return -1;
  const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  for (let attempt = 0; attempt < 2; attempt++) {
    // Best fit: columns come in a few sizes, so a freed column's block is usually reused whole.
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      const b = free[i] as Block;
      if (b.size >= size && (best < 0 || b.size < (free[best] as Block).size)) best = i;
    }
    if (best >= 0) {
      const b = free[best] as Block;
      const at = b.at;
      if (b.size === size) free.splice(best, 1);
      else {
        b.at += size;
        b.size -= size;
      }
      taken.set(at, size);
      takenBytes += size;
      return at;
    }
    if (!grow(mem, size)) return -1;
  }
  return -1;
}

/** Give back a block from `arenaAlloc`. */
export function arenaFree(at: number): void {
  const size = taken.get(at);
  if (size === undefined) return;
  taken.delete(at);
  takenBytes -= size;
  insertFree({ at, size });
}

/**
 * A typed array of `length` elements in the arena (a plain SharedArrayBuffer when there is no
 * room). Zero-filled unless `zero` is false (then every element must be written before use).
 * Only the returned array holds the block: it is freed by `freeArray`, or once the array is
 * collected.
 */
export function arenaArray<T extends ArenaArray>(ctor: ArenaCtor<T>, length: number, zero = true): T {
  const bytes = length * ctor.BYTES_PER_ELEMENT;
  const at = arenaAlloc(bytes);
  if (at < 0) return new ctor(new SharedArrayBuffer(Math.max(bytes, ctor.BYTES_PER_ELEMENT)), 0, length);
  const arr = new ctor((memory as WebAssembly.Memory).buffer as SharedArrayBuffer, at, length);
  if (zero) arr.fill(0);
  owner.set(arr, at);
  reclaim.register(arr, at, arr);
  return arr;
}

/** The same values in the arena (the array itself when it is already there). */
export function toArena<T extends ArenaArray>(arr: T, ctor: ArenaCtor<T>): T {
  if (owner.has(arr)) return arr;
  const out = arenaArray(ctor, arr.length, false);
  out.set(arr);
  return out;
}

/** Give back an array's block now (arrays not made by `arenaArray`, or freed before, are ignored). The array must not be used after. */
export function freeArray(arr: ArenaArray): void {
  const at = owner.get(arr);
  if (at === undefined) return;
  owner.delete(arr);
  reclaim.unregister(arr);
  arenaFree(at);
}

/** Byte address of an array in the memory, or -1 when it is not an arena array. */
export function arenaOffset(arr: ArenaArray): number {
  return owner.get(arr) ?? -1;
}

/** Bytes the memory has reserved (its size) and holds in blocks handed out. */
export function arenaStats(): { reserved: number; used: number } {
  return { reserved: memory ? memory.buffer.byteLength : 0, used: takenBytes };
}
