/**
 * Stable ordering of record (or candidate) indexes by integer keys, by least-significant-digit
 * radix sort in 16-bit digits. The linker orders millions of records by NIK halves, block keys and
 * scores; a comparator sort of five million indexes takes seconds, this takes tens of milliseconds
 * per key and allocates two index arrays and one count table.
 */

const DIGITS = 1 << 16;

/**
 * The indexes in `subset`, ordered by `keys` (the first most significant; each key array is
 * indexed by the values in `subset`, and holds non-negative integers below 2³¹). Stable: equal
 * keys keep the order of `subset`.
 */
export function orderBy(subset: Uint32Array, keys: readonly (Int32Array | Uint32Array)[]): Uint32Array {
  let src = Uint32Array.from(subset);
  let dst = new Uint32Array(subset.length);
  const count = new Uint32Array(DIGITS + 1);
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] as Int32Array | Uint32Array;
    let max = 0;
    for (let i = 0; i < src.length; i++) {
      const v = key[src[i] as number] as number;
      if (v > max) max = v;
    }
    // Shifts are taken modulo 32, so the high pass is bounded explicitly.
    for (let shift = 0; shift < 32 && (shift === 0 || max >>> shift !== 0); shift += 16) {
      count.fill(0);
      for (let i = 0; i < src.length; i++) (count[(((key[src[i] as number] as number) >>> shift) & 0xffff) + 1] as number)++;
      // One digit value only: the pass would not move anything.
      if (count[(((key[src[0] as number] ?? 0) >>> shift) & 0xffff) + 1] === src.length) continue;
      for (let d = 0; d < DIGITS; d++) count[d + 1] = (count[d + 1] as number) + (count[d] as number);
      for (let i = 0; i < src.length; i++) {
        const r = src[i] as number;
        const d = ((key[r] as number) >>> shift) & 0xffff;
        dst[count[d] as number] = r;
        count[d] = (count[d] as number) + 1;
      }
      const t = src;
      src = dst;
      dst = t;
    }
  }
  return src;
}

/** The indexes 0…n−1 for which `keep` is true. */
export function indexesWhere(n: number, keep: (i: number) => boolean): Uint32Array {
  let m = 0;
  for (let i = 0; i < n; i++) if (keep(i)) m++;
  const out = new Uint32Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) if (keep(i)) out[j++] = i;
  return out;
}
