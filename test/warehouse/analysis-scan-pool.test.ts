import { afterAll, describe, expect, it } from 'vitest';
import { PACK, runScan, type FamilyScanJob, type PersonScanJob } from '../../electron/warehouse/analysis/scan-kernel.ts';
import { runSplitScan, scanWorkerReady, stopScanWorker, warmScanWorker } from '../../electron/warehouse/analysis/scan-pool.ts';
import { prepareWasm } from '../../electron/warehouse/analysis/scan-wasm.ts';
import { arenaArray } from '../../electron/warehouse/analysis/wasm-arena.ts';

/**
 * The two-core scan gives exactly the one-core JS result, for family and member level (in
 * WebAssembly on both threads when the columns are in the arena, in JS otherwise).
 */

const N = 400_000;

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function ready(): Promise<void> {
  warmScanWorker();
  for (let i = 0; i < 100 && !scanWorkerReady(true); i++) await new Promise((r) => setTimeout(r, 50));
  expect(scanWorkerReady(true)).toBe(true);
}

afterAll(async () => {
  await stopScanWorker();
});

describe('scan split over two cores', () => {
  it.each(['arena', 'shared'] as const)('family level, columns in %s memory: same cells with 0, 1 and 4 filters', async (memory) => {
    await ready();
    const r = rand(5);
    const column = <T extends Int8Array | Int16Array | Uint16Array>(ctor: (new (b: SharedArrayBuffer, o: number, n: number) => T) & { BYTES_PER_ELEMENT: number }): T =>
      memory === 'arena' ? arenaArray(ctor, N) : new ctor(new SharedArrayBuffer(N * ctor.BYTES_PER_ELEMENT), 0, N);
    const region = column(Int16Array);
    const desil = column(Int8Array);
    const toilet = column(Int8Array);
    const persons = column(Uint16Array);
    for (let i = 0; i < N; i++) {
      region[i] = Math.floor((i / N) * 300) - (r() < 0.01 ? 1 : 0);
      desil[i] = r() < 0.02 ? -1 : 1 + Math.floor(r() * 4);
      toilet[i] = Math.floor(r() * 3) + 1;
      persons[i] = Math.floor(r() * 8);
    }
    const R = 20;
    const C = 5;
    const C1 = C + 1;
    const rowOff = Int32Array.from({ length: 301 }, (_, i) => (i === 0 ? R : Math.floor((i - 1) / 15)) * C1);
    const colOff = Int32Array.from({ length: 129 }, (_, i) => (i >= 2 && i <= 5 ? i - 2 : C));
    const keep = Int32Array.from({ length: 129 }, (_, i) => (i === 2 || i === 3 ? 1 : 0));
    const all = Int32Array.from({ length: 129 }, () => 1);
    for (const [fc, fl] of [[[], []], [[toilet], [keep]], [[toilet, desil, toilet, desil], [keep, all, all, all]]] as [Int8Array[], Int32Array[]][]) {
      const make = (): FamilyScanJob => ({
        kind: 'family', from: 0, to: N, rc: region, rowOff, cc: desil, colOff, fc, fl, persons,
        trash: R * C1 + C, acc: new Float64Array((R + 1) * C1),
      });
      expect(prepareWasm(make()) !== null, 'taken by the kernel').toBe(memory === 'arena');
      const one = make();
      runScan(one);
      const two = make();
      runSplitScan(two);
        expect([...two.acc]).toEqual([...one.acc]);
      expect(one.acc.reduce((a, b) => a + Math.floor(b / PACK), 0)).toBe(N);
      expect(one.acc.reduce((a, b) => a + (b % PACK), 0)).toBe(persons.reduce((a, b) => a + b, 0));
    }
  });

  it.each(['arena', 'shared'] as const)('member level, columns in %s memory: same people and distinct families per cell, row and column', async (memory) => {
    await ready();
    const r = rand(9);
    const column = <T extends Int8Array | Int32Array>(ctor: (new (b: SharedArrayBuffer, o: number, n: number) => T) & { BYTES_PER_ELEMENT: number }, n: number): T =>
      memory === 'arena' ? arenaArray(ctor, n) : new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT), 0, n);
    const sizes = Array.from({ length: N }, () => 1 + Math.floor(r() * 6));
    const start = column(Int32Array, N + 1);
    for (let i = 0; i < N; i++) start[i + 1] = (start[i] as number) + (sizes[i] as number);
    const M = start[N] as number;
    const order = column(Int32Array, M);
    for (let t = 0; t < M; t++) order[t] = t;
    const famKeep = column(Int8Array, N);
    const famRegion = column(Int8Array, N);
    for (let i = 0; i < N; i++) {
      famKeep[i] = r() < 0.7 ? 1 : 0;
      famRegion[i] = Math.floor(r() * 10);
    }
    const sex = column(Int8Array, M);
    const age = column(Int8Array, M);
    for (let j = 0; j < M; j++) {
      sex[j] = 1 + Math.floor(r() * 2);
      age[j] = 1 + Math.floor(r() * 9);
    }
    const R = 10;
    const C = 2;
    const rl = Int32Array.from({ length: 129 }, (_, i) => (i >= 1 && i <= 10 ? i - 1 : -1));
    const cl = Int32Array.from({ length: 129 }, (_, i) => (i === 2 || i === 3 ? i - 2 : -1));
    const young = Int32Array.from({ length: 129 }, (_, i) => (i >= 2 && i <= 4 ? 1 : 0));
    const kept = Int32Array.from({ length: 129 }, (_, i) => (i === 2 ? 1 : 0));
    const make = (): PersonScanJob => ({
      kind: 'person', from: 0, to: N, start, order, identity: true, rc: famRegion, rl, cc: sex, cl,
      rowByPerson: false, colByPerson: true, fc: [famKeep], fl: [kept], pc: [age], plu: [young], R, C,
      per: new Int32Array(R * C), fam: new Int32Array(R * C), rowFam: new Int32Array(R), colFam: new Int32Array(C), out: new Int32Array(1),
    });
    expect(prepareWasm(make()) !== null, 'taken by the kernel').toBe(memory === 'arena');
    const one = make();
    runScan(one);
    const two = make();
    runSplitScan(two);
    for (const k of ['per', 'fam', 'rowFam', 'colFam', 'out'] as const) expect([...two[k]], k).toEqual([...one[k]]);
    expect(one.out[0]).toBeGreaterThan(0);
  });
});
