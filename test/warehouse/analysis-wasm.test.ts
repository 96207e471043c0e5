import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanFamilies, scanPersons, type Codes, type FamilyScanJob, type PersonScanJob } from '../../electron/warehouse/analysis/scan-kernel.ts';
import {
  FAMILY_EXPORTS, instantiateScanKernel, PERSON_EXPORTS, prepareWasmFamily, prepareWasmPerson, scanModule, scanWasm, type FamilyExport, type PersonExport,
} from '../../electron/warehouse/analysis/scan-wasm.ts';
import { arenaAlloc, arenaArray, arenaFree, arenaMemory, arenaOffset, arenaStats, freeArray, toArena } from '../../electron/warehouse/analysis/wasm-arena.ts';
import { compileWat, REPO_ROOT, WASM_SOURCES, wasmModuleText } from '../helpers/wasm.ts';

/**
 * The WebAssembly scans: the checked-in binary is the compiled WAT, the family and member loops
 * count exactly what the JS loops count, they never write outside their accumulators, and the
 * arena they read from.
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
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual([...FAMILY_EXPORTS, ...PERSON_EXPORTS].sort());
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
      expect(scanWasm(wasm)).toBe(true);
      expect([...wasm.acc], `spec ${spec}`).toEqual([...js.acc]);
    }
    expect([...used].sort()).toEqual([...FAMILY_EXPORTS].sort());
  });

  it('adds to what the accumulator holds, like the JS loops', () => {
    const js = randomJob();
    js.acc.fill(3);
    const wasm = { ...js, acc: new Float64Array(js.acc.length).fill(3) };
    scanFamilies(js);
    scanWasm(wasm);
    expect([...wasm.acc]).toEqual([...js.acc]);
  });

  it('leaves jobs it cannot take to JS: columns outside the arena, ranges past a column, odd look-up values', () => {
    const job = randomJob();
    const fresh = (): FamilyScanJob => ({ ...job, acc: new Float64Array(job.acc.length) });
    expect(scanWasm({ ...fresh(), rc: Int8Array.from(arena.narrow[0] as Int8Array) })).toBe(false);
    expect(scanWasm({ ...fresh(), to: N + 1 })).toBe(false);
    expect(scanWasm({ ...fresh(), rowOff: Int32Array.of(-1, 0) })).toBe(false);
    expect(scanWasm({ ...fresh(), fc: [arena.narrow[1] as Int8Array], fl: [new Int32Array(129).fill(2)] })).toBe(false);
    expect(scanWasm({ ...fresh(), trash: job.acc.length })).toBe(false);
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
      expect(scanWasm(job)).toBe(true);
      expect(job.acc.reduce((a, v) => a + v / 2 ** 23, 0)).toBeLessThanOrEqual(N);
    }
    expect(guard.every((v) => v === 7)).toBe(true);
    narrow.forEach((c, i) => expect(arena.narrow[i]).toEqual(c));
    wideCols.forEach((c, i) => expect(arena.wide[i]).toEqual(c));
    for (const a of [wild8, wild16, nobody, guard]) freeArray(a);
  });
});

describe('WebAssembly member scan', () => {
  const F = 3000;
  const r = rand(11);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const INT16_TOP = 2000;
  // Families of 0–7 members (an empty family has none in the individu file).
  const start = new Int32Array(F + 1);
  for (let i = 0; i < F; i++) start[i + 1] = (start[i] as number) + (r() < 0.05 ? 0 : int(1, 7));
  const M = start[F] as number;
  // Members grouped by family in place (identity), or scattered (order lists them family by family).
  const scattered = Int32Array.from({ length: M }, (_, t) => t);
  for (let t = M - 1; t > 0; t--) {
    const u = int(0, t);
    [scattered[t], scattered[u]] = [scattered[u] as number, scattered[t] as number];
  }
  // Few distinct codes too, so members of a family often share a cell, row or column.
  const family8 = [...Array.from({ length: 4 }, () => Int8Array.from({ length: F }, () => int(-1, 126))), Int8Array.from({ length: F }, () => int(-1, 3))];
  const family16 = [Int16Array.from({ length: F }, () => int(-1, INT16_TOP)), Int16Array.from({ length: F }, (_, i) => Math.floor(i / 40) - 1)];
  const member8 = [
    ...Array.from({ length: 3 }, () => Int8Array.from({ length: M }, () => int(-1, 126))),
    ...Array.from({ length: 3 }, () => Int8Array.from({ length: M }, () => int(-1, 3))),
  ];
  const arena = {
    start: toArena(start, Int32Array),
    identity: toArena(Int32Array.from({ length: M }, (_, t) => t), Int32Array),
    scattered: toArena(scattered, Int32Array),
    family8: family8.map((c) => toArena(c, Int8Array)),
    family16: family16.map((c) => toArena(c, Int16Array)),
    member8: member8.map((c) => toArena(c, Int8Array)),
  };
  const familyColumn = (): Codes => (r() < 0.3 ? pick(arena.family16) : pick(arena.family8));
  /** Look-up size: every code of the column, code + 1 → entry. */
  const lutLength = (c: Codes): number => (c.BYTES_PER_ELEMENT === 2 ? INT16_TOP + 2 : 129);
  const slots = (c: Codes, n: number): Int32Array => Int32Array.from({ length: lutLength(c) }, () => (r() < 0.1 ? -1 : int(0, n - 1)));
  const keep = (c: Codes, share: number): Int32Array => Int32Array.from({ length: lutLength(c) }, () => (r() < share ? 1 : 0));

  function outputs(R: number, C: number): Pick<PersonScanJob, 'per' | 'fam' | 'rowFam' | 'colFam' | 'out'> {
    return { per: new Int32Array(R * C), fam: new Int32Array(R * C), rowFam: new Int32Array(R), colFam: new Int32Array(C), out: new Int32Array(1) };
  }

  function randomJob(): PersonScanJob {
    const R = int(1, 30);
    const C = int(1, 12);
    const colByPerson = r() < 0.6;
    const np = r() < 0.1 ? 5 : int(0, 3);
    // A member-level table reads at least one member column (the engine's always do).
    const rowByPerson = r() < 0.6 || (!colByPerson && np === 0);
    const rc = rowByPerson ? pick(arena.member8) : familyColumn();
    const cc = colByPerson ? pick(arena.member8) : familyColumn();
    const nf = r() < 0.1 ? 5 : int(0, 3);
    const fc = Array.from({ length: nf }, familyColumn);
    const pc = Array.from({ length: np }, () => pick(arena.member8));
    const share = 0.5 + r() / 2;
    const identity = r() < 0.7;
    const from = r() < 0.2 ? 0 : int(0, F);
    const to = r() < 0.2 ? F : int(from, F);
    return {
      kind: 'person', from, to, start: arena.start, order: identity ? arena.identity : arena.scattered, identity,
      rc, rl: slots(rc, R), cc, cl: slots(cc, C), rowByPerson, colByPerson,
      fc, fl: fc.map((f) => keep(f, share)), pc, plu: pc.map((p) => keep(p, share)), R, C, ...outputs(R, C),
    };
  }

  const fresh = (job: PersonScanJob): PersonScanJob => ({ ...job, ...outputs(job.R, job.C) });
  const counts = (job: PersonScanJob): number[][] => [[...job.per], [...job.fam], [...job.rowFam], [...job.colFam], [...job.out]];

  it('counts the same people and distinct families as the JS loop (rows and columns per member or family, 0–5 filters of each level)', () => {
    const used = new Set<PersonExport>();
    for (let spec = 0; spec < 600; spec++) {
      const js = randomJob();
      const wasm = fresh(js);
      used.add((prepareWasmPerson(wasm) as { call: { fn: PersonExport } }).call.fn);
      scanPersons(js);
      expect(scanWasm(wasm)).toBe(true);
      expect(counts(wasm), `spec ${spec}`).toEqual(counts(js));
    }
    expect([...used].sort()).toEqual([...PERSON_EXPORTS].sort());
  });

  it('adds to what the outputs hold, like the JS loop', () => {
    const js = randomJob();
    const wasm = fresh(js);
    for (const job of [js, wasm]) for (const a of [job.per, job.fam, job.rowFam, job.colFam, job.out]) a.fill(3);
    scanPersons(js);
    scanWasm(wasm);
    expect(counts(wasm)).toEqual(counts(js));
  });

  it('leaves jobs it cannot take to JS: columns outside the arena or too short, Int16 member codes, odd look-up values, no member column', () => {
    const job: PersonScanJob = { ...randomJob(), rowByPerson: true, rc: arena.member8[0] as Int8Array, from: 0, to: F };
    const taken = (changes: Partial<PersonScanJob>): boolean => scanWasm({ ...fresh(job), ...changes });
    expect(taken({})).toBe(true);
    expect(taken({ rc: Int8Array.from(arena.member8[0] as Int8Array) })).toBe(false);
    expect(taken({ start: Int32Array.from(arena.start) })).toBe(false);
    expect(taken({ rc: toArena(new Int8Array(M - 1), Int8Array) })).toBe(false);
    expect(taken({ rowByPerson: false, rc: toArena(new Int8Array(F - 1), Int8Array) })).toBe(false);
    expect(taken({ identity: false, order: toArena(Int32Array.of(...arena.scattered.subarray(0, M - 1), M), Int32Array) })).toBe(false);
    expect(taken({ rc: toArena(new Int16Array(M), Int16Array), rl: new Int32Array(INT16_TOP + 2) })).toBe(false);
    expect(taken({ to: F + 1 })).toBe(false);
    expect(taken({ rl: Int32Array.of(-1, job.R) })).toBe(false);
    expect(taken({ rl: Int32Array.of(-2, 0) })).toBe(false);
    expect(taken({ pc: [arena.member8[1] as Int8Array], plu: [new Int32Array(129).fill(2)] })).toBe(false);
    expect(taken({ fc: [arena.family8[1] as Int8Array], fl: [] })).toBe(false);
    expect(taken({ rowByPerson: false, colByPerson: false, rc: arena.family8[0], cc: arena.family8[1], pc: [], plu: [] })).toBe(false);
  });

  it('never writes outside its accumulator, whatever the codes', () => {
    const wild8 = (n: number): Int8Array => toArena(Int8Array.from({ length: n }, () => int(-128, 127)), Int8Array);
    const wild16 = toArena(Int16Array.from({ length: F }, () => int(-32768, 32767)), Int16Array);
    const guard = arenaArray(Float64Array, 4096);
    guard.fill(7);
    const [fam8, mem8a, mem8b] = [wild8(F), wild8(M), wild8(M)];
    for (const identity of [true, false]) {
      for (const [rc, cc, rowByPerson, fc, pc] of [
        [mem8a, mem8b, true, [], []], [wild16, mem8a, false, [fam8, wild16], [mem8b]], [fam8, mem8a, false, [wild16], [mem8a, mem8b, mem8a, mem8b]],
      ] as [Codes, Codes, boolean, Codes[], Codes[]][]) {
        const job: PersonScanJob = {
          kind: 'person', from: 0, to: F, start: arena.start, order: identity ? arena.identity : arena.scattered, identity,
          rc, rl: Int32Array.of(0, 1, -1, 2), cc, cl: Int32Array.of(1, 0), rowByPerson, colByPerson: true,
          fc, fl: fc.map(() => Int32Array.of(1, 0, 1)), pc, plu: pc.map(() => Int32Array.of(0, 1, 1)), R: 3, C: 2, ...outputs(3, 2),
        };
        expect(scanWasm(job)).toBe(true);
        expect(job.per.reduce((a, v) => a + v, 0)).toBeLessThanOrEqual(M);
        expect(job.out[0]).toBeLessThanOrEqual(F);
      }
    }
    expect(guard.every((v) => v === 7)).toBe(true);
    expect(arena.start).toEqual(start);
    member8.forEach((c, i) => expect(arena.member8[i]).toEqual(c));
    for (const a of [fam8, mem8a, mem8b, wild16, guard]) freeArray(a);
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
