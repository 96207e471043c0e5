import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanFamilies, type Codes, type FamilyScanJob } from '../../electron/warehouse/analysis/scan-kernel.ts';
import { FAMILY_EXPORTS, instantiateScanKernel, prepareWasmFamily, scanFamiliesWasm, scanModule, type FamilyExport } from '../../electron/warehouse/analysis/scan-wasm.ts';
import { arenaAlloc, arenaArray, arenaFree, arenaMemory, arenaOffset, arenaStats, freeArray, toArena } from '../../electron/warehouse/analysis/wasm-arena.ts';
import { compileWat, REPO_ROOT, WASM_SOURCES, wasmModuleText } from '../helpers/wasm.ts';

/**
 * The WebAssembly family scan: its checked-in binary is the compiled WAT, it counts exactly what
 * the JS loops count, it never writes outside its accumulator, and the arena it reads from.
 */

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('WebAssembly build', () => {
  it('the checked-in modules are their WAT compiled (after editing a .wat: npm run build:wasm)', async () => {
    for (const source of WASM_SOURCES) {
      const text = readFileSync(new URL(source.out, REPO_ROOT), 'utf8');
      expect(text, `${source.out} is stale: run npm run build:wasm`).toBe(wasmModuleText(source, await compileWat(source)));
    }
  });

  it('the scan kernel exports exactly the loops scan-wasm.ts calls', () => {
    const module = scanModule() as WebAssembly.Module;
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual([...FAMILY_EXPORTS].sort());
  });

  it('an instance needs a shared memory: with any other it is null (and scans stay in JS)', () => {
    expect(instantiateScanKernel(scanModule() as WebAssembly.Module, new WebAssembly.Memory({ initial: 1 }))).toBeNull();
  });
});

describe('WebAssembly family scan', () => {
  const N = 6000;
  const r = rand(7);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  /** Int16 codes run −1…INT16_TOP (a region dictionary), Int8 codes −1…126. */
  const INT16_TOP = 2000;
  const narrow = Array.from({ length: 6 }, () => Int8Array.from({ length: N }, () => int(-1, 126)));
  const wideCols = Array.from({ length: 3 }, () => Int16Array.from({ length: N }, () => int(-1, INT16_TOP)));
  // Runs of equal codes too, as region-ordered families have.
  narrow.push(Int8Array.from({ length: N }, (_, i) => Math.floor(i / 700) - 1));
  wideCols.push(Int16Array.from({ length: N }, (_, i) => Math.floor(i / 40) - 1));
  const arena = {
    narrow: narrow.map((c) => toArena(c, Int8Array)),
    wide: wideCols.map((c) => toArena(c, Int16Array)),
    persons: toArena(Uint16Array.from({ length: N }, () => int(0, 65535)), Uint16Array),
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const column = (): Codes => (r() < 0.3 ? pick(arena.wide) : pick(arena.narrow));
  /** Look-up size: every code of the column, code + 1 → entry. */
  const lutLength = (c: Codes): number => (c.BYTES_PER_ELEMENT === 2 ? INT16_TOP + 2 : 129);

  function randomJob(): FamilyScanJob {
    const R = int(1, 30);
    const C = int(1, 12);
    const C1 = C + 1;
    const rc = column();
    const cc = column();
    const slots = (c: Codes, n: number): Int32Array => Int32Array.from({ length: lutLength(c) }, () => (r() < 0.1 ? -1 : int(0, n - 1)));
    const nf = int(0, 5);
    const fc = Array.from({ length: nf }, column);
    const keep = r();
    const from = r() < 0.2 ? 0 : int(0, N);
    const to = r() < 0.2 ? N : int(from, N);
    return {
      kind: 'family', from, to, rc, cc, fc, persons: arena.persons, trash: R * C1 + C,
      rowOff: slots(rc, R).map((s) => (s < 0 ? R : s) * C1),
      colOff: slots(cc, C).map((s) => (s < 0 ? C : s)),
      fl: fc.map((f) => Int32Array.from({ length: lutLength(f) }, () => (r() < keep ? 1 : 0))),
      acc: new Float64Array((R + 1) * C1),
    };
  }

  it('counts the same cells as the JS loops (0–5 filters, Int8/Int16 codes, random ranges)', () => {
    const used = new Set<FamilyExport>();
    for (let spec = 0; spec < 600; spec++) {
      const js = randomJob();
      const wasm = { ...js, acc: new Float64Array(js.acc.length) };
      used.add((prepareWasmFamily(wasm) as { call: { fn: FamilyExport } }).call.fn);
      scanFamilies(js);
      expect(scanFamiliesWasm(wasm)).toBe(true);
      expect([...wasm.acc], `spec ${spec}`).toEqual([...js.acc]);
    }
    expect([...used].sort()).toEqual([...FAMILY_EXPORTS].sort());
  });

  it('adds to what the accumulator holds, like the JS loops', () => {
    const js = randomJob();
    js.acc.fill(3);
    const wasm = { ...js, acc: new Float64Array(js.acc.length).fill(3) };
    scanFamilies(js);
    scanFamiliesWasm(wasm);
    expect([...wasm.acc]).toEqual([...js.acc]);
  });

  it('leaves jobs it cannot take to JS: columns outside the arena, ranges past a column, odd look-up values', () => {
    const job = randomJob();
    const fresh = (): FamilyScanJob => ({ ...job, acc: new Float64Array(job.acc.length) });
    expect(scanFamiliesWasm({ ...fresh(), rc: Int8Array.from(arena.narrow[0] as Int8Array) })).toBe(false);
    expect(scanFamiliesWasm({ ...fresh(), to: N + 1 })).toBe(false);
    expect(scanFamiliesWasm({ ...fresh(), rowOff: Int32Array.of(-1, 0) })).toBe(false);
    expect(scanFamiliesWasm({ ...fresh(), fc: [arena.narrow[1] as Int8Array], fl: [new Int32Array(129).fill(2)] })).toBe(false);
    expect(scanFamiliesWasm({ ...fresh(), trash: job.acc.length })).toBe(false);
  });

  it('never writes outside its accumulator, whatever the codes', () => {
    const wild8 = toArena(Int8Array.from({ length: N }, () => int(-128, 127)), Int8Array);
    const wild16 = toArena(Int16Array.from({ length: N }, () => int(-32768, 32767)), Int16Array);
    const nobody = arenaArray(Uint16Array, N);
    const guard = arenaArray(Float64Array, 4096);
    guard.fill(7);
    for (const [rc, cc, fc] of [[wild16, wild8, []], [wild8, wild8, [wild8]], [wild16, wild8, [wild16, wild8, wild8, wild8]]] as [Codes, Codes, Codes[]][]) {
      const job: FamilyScanJob = {
        kind: 'family', from: 0, to: N, rc, cc, fc, persons: nobody, trash: 5,
        rowOff: Int32Array.of(0, 2, 4), colOff: Int32Array.of(0, 1), fl: fc.map(() => Int32Array.of(1, 0, 1)), acc: new Float64Array(6),
      };
      expect(scanFamiliesWasm(job)).toBe(true);
      expect(job.acc.reduce((a, v) => a + v / 2 ** 23, 0)).toBeLessThanOrEqual(N);
    }
    expect(guard.every((v) => v === 7)).toBe(true);
    narrow.forEach((c, i) => expect(arena.narrow[i]).toEqual(c));
    wideCols.forEach((c, i) => expect(arena.wide[i]).toEqual(c));
    for (const a of [wild8, wild16, nobody, guard]) freeArray(a);
  });
});

describe('arena', () => {
  it('hands out aligned blocks, merges freed neighbours and reuses them', () => {
    const a = arenaAlloc(100);
    const b = arenaAlloc(100);
    const c = arenaAlloc(100);
    for (const p of [a, b, c]) expect(p % 8).toBe(0);
    expect(b - a).toBeGreaterThanOrEqual(104);
    const before = arenaStats().used;
    arenaFree(a);
    arenaFree(b);
    expect(arenaStats().used).toBe(before - 208);
    expect(arenaAlloc(208)).toBe(a);
    arenaFree(a);
    arenaFree(c);
  });

  it('grows on demand; arrays made before the growth keep their values', () => {
    const small = arenaArray(Int32Array, 1000);
    small.fill(42);
    const reserved = arenaStats().reserved;
    const big = arenaArray(Float64Array, (reserved >> 3) + 1);
    expect(arenaOffset(big)).toBeGreaterThan(0);
    expect(arenaStats().reserved).toBeGreaterThan(reserved);
    expect(big.buffer).toBe((arenaMemory() as WebAssembly.Memory).buffer);
    expect(small.every((v) => v === 42)).toBe(true);
    big[big.length - 1] = 1;
    expect(big.every((v, i) => v === (i === big.length - 1 ? 1 : 0))).toBe(true);
    freeArray(big);
    freeArray(small);
  });

  it('frees an array once, and copies into the arena only what is not there yet', () => {
    const used = arenaStats().used;
    const a = arenaArray(Int16Array, 10);
    expect(toArena(a, Int16Array)).toBe(a);
    const copy = toArena(Int16Array.of(1, 2, 3), Int16Array);
    expect([...copy]).toEqual([1, 2, 3]);
    freeArray(a);
    freeArray(a);
    freeArray(copy);
    expect(arenaOffset(a)).toBe(-1);
    expect(arenaStats().used).toBe(used);
  });
});
