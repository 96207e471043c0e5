import { describe, expect, it } from 'vitest';
import { indexesWhere, orderBy } from '../../electron/warehouse/linkage/order.ts';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

describe('orderBy (radix order of record indexes)', () => {
  it('orders by several keys, large and small, like a stable comparator sort', () => {
    const rnd = lcg(7);
    const n = 20_000;
    const hi = new Int32Array(n).map(() => rnd() % 50);
    const lo = new Int32Array(n).map(() => rnd() & 0x7fffffff);
    const subset = indexesWhere(n, (i) => i % 3 !== 0);
    const got = Array.from(orderBy(subset, [hi, lo]));
    const want = Array.from(subset).sort((a, b) => (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number) || a - b);
    expect(got).toEqual(want);
  });

  it('keeps the input order for equal keys and handles one distinct value and empty input', () => {
    const key = new Int32Array([5, 5, 5, 5]);
    expect(Array.from(orderBy(Uint32Array.from([3, 1, 2, 0]), [key]))).toEqual([3, 1, 2, 0]);
    expect(orderBy(new Uint32Array(0), [key]).length).toBe(0);
    const big = new Int32Array([2 ** 31 - 1, 0, 65536, 65535]);
    expect(Array.from(orderBy(Uint32Array.from([0, 1, 2, 3]), [big]))).toEqual([1, 3, 2, 0]);
  });
});
