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

function hashA(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashB(s: string): number {
  // A different offset and a final mix make the second hash independent of the first.
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // 0 marks an empty slot.
  return h >>> 0 || 1;
}

export class KeyIndex {
  /** Slot hash (kept so the table can grow without the keys), fingerprint, payload. */
  private slots: Uint32Array;
  private fingerprints: Uint32Array;
  private payloads: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap * 3 < expected * 4) cap *= 2;
    this.slots = new Uint32Array(cap);
    this.fingerprints = new Uint32Array(cap);
    this.payloads = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength * 3;
  }

  private find(a: number, fp: number): number {
    let i = a & this.mask;
    for (;;) {
      const f = this.fingerprints[i] ?? EMPTY;
      if (f === EMPTY || (f === fp && this.slots[i] === a)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The payload stored for the key, or undefined. */
  get(key: string): number | undefined {
    const i = this.find(hashA(key), hashB(key));
    return (this.fingerprints[i] ?? EMPTY) === EMPTY ? undefined : this.payloads[i];
  }

  /**
   * Store the payload when the key is new and return undefined; when the key is known, keep the
   * first payload and return it.
   */
  setIfAbsent(key: string, payload: number): number | undefined {
    if ((this.count + 1) * 4 > this.slots.length * 3) this.grow();
    const a = hashA(key);
    const fp = hashB(key);
    const i = this.find(a, fp);
    if ((this.fingerprints[i] ?? EMPTY) !== EMPTY) return this.payloads[i];
    this.slots[i] = a;
    this.fingerprints[i] = fp;
    this.payloads[i] = payload >>> 0;
    this.count++;
    return undefined;
  }

  /** Overwrite (or add) the payload of a key. */
  set(key: string, payload: number): void {
    if ((this.count + 1) * 4 > this.slots.length * 3) this.grow();
    const a = hashA(key);
    const fp = hashB(key);
    const i = this.find(a, fp);
    if ((this.fingerprints[i] ?? EMPTY) === EMPTY) this.count++;
    this.slots[i] = a;
    this.fingerprints[i] = fp;
    this.payloads[i] = payload >>> 0;
  }

  private grow(): void {
    const oldA = this.slots;
    const oldF = this.fingerprints;
    const oldP = this.payloads;
    const cap = oldA.length * 2;
    this.slots = new Uint32Array(cap);
    this.fingerprints = new Uint32Array(cap);
    this.payloads = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldA.length; j++) {
      const f = oldF[j] ?? EMPTY;
      if (f === EMPTY) continue;
      const a = oldA[j] ?? 0;
      let i = a & this.mask;
      while ((this.fingerprints[i] ?? EMPTY) !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i] = a;
      this.fingerprints[i] = f;
      this.payloads[i] = oldP[j] ?? 0;
    }
  }
}
