/**
 * A compact map from text keys to a 32-bit payload, for the millions of ids and NIKs one import
 * must remember (duplicate checks, family grouping): open addressing over typed arrays, 12 bytes a
 * slot, instead of a `Map<string, …>` that costs ~100 bytes an entry.
 *
 * Keys are not stored. A key is two independent 32-bit FNV-1a hashes: one picks the slot, the
 * other is a fingerprint; both are kept (64 bits), so among 5 million keys the chance that two
 * different keys are taken for one is below 10⁻⁶. Callers that must be exact on a hit (family
 * grouping) verify the hit against the stored record.
 */
const EMPTY = 0;

/** Set by `hash`: two independent 32-bit hashes of the key. */
let hashA = 0;
let hashB = 0;

/**
 * Both hashes in one pass over the key: FNV-1a, and a murmur-style mix with its own offset and a
 * final avalanche (independent of the first). hashB is never 0, which marks an empty slot.
 */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  hashA = a >>> 0;
  hashB = b >>> 0 || 1;
}

/** Words per slot: slot hash (kept so the table can grow without the keys), fingerprint, payload. */
const W = 3;

export class KeyIndex {
  /** Slots side by side, so a probe touches one cache line instead of three arrays. */
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap * 3 < expected * 4) cap *= 2;
    this.table = new Uint32Array(cap * W);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** The slot (word offset) holding the hashed key, or the empty one where it would go. */
  private find(a: number, fp: number): number {
    const t = this.table;
    let i = a & this.mask;
    for (;;) {
      const o = i * W;
      const f = t[o + 1] as number;
      if (f === EMPTY || (f === fp && t[o] === a)) return o;
      i = (i + 1) & this.mask;
    }
  }

  /** The payload stored for the key, or undefined. */
  get(key: string): number | undefined {
    hash(key);
    const o = this.find(hashA, hashB);
    return this.table[o + 1] === EMPTY ? undefined : this.table[o + 2];
  }

  /**
   * Store the payload when the key is new and return undefined; when the key is known, keep the
   * first payload and return it.
   */
  setIfAbsent(key: string, payload: number): number | undefined {
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    hash(key);
    const o = this.find(hashA, hashB);
    const t = this.table;
    if (t[o + 1] !== EMPTY) return t[o + 2];
    t[o] = hashA;
    t[o + 1] = hashB;
    t[o + 2] = payload >>> 0;
    this.count++;
    return undefined;
  }

  /** Overwrite (or add) the payload of a key. */
  set(key: string, payload: number): void {
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    hash(key);
    const o = this.find(hashA, hashB);
    const t = this.table;
    if (t[o + 1] === EMPTY) this.count++;
    t[o] = hashA;
    t[o + 1] = hashB;
    t[o + 2] = payload >>> 0;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = new Uint32Array(cap * W);
    this.mask = cap - 1;
    for (let j = 0; j < old.length; j += W) {
      const f = old[j + 1] as number;
      if (f === EMPTY) continue;
      const a = old[j] as number;
      let i = a & this.mask;
      while (t[i * W + 1] !== EMPTY) i = (i + 1) & this.mask;
      const o = i * W;
      t[o] = a;
      t[o + 1] = f;
      t[o + 2] = old[j + 2] as number;
    }
    this.table = t;
  }
}
