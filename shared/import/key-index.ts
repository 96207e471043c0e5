/**
 * A compact map from text keys to a 32-bit payload, for the millions of ids and NIKs one import
 * must remember (duplicate checks, family grouping): open addressing over typed arrays, 10 bytes a
 * slot, instead of a `Map<string, …>` that costs ~100 bytes an entry.
 *
 * Keys are not stored. A key is three hashes from one pass: the first picks the slot, the other two
 * (32 + 16 bits) are kept as its fingerprint. Only keys whose slots lie in one run of full slots
 * are ever compared, and those agree in the first hash's high bits, so the fingerprint must not
 * come from it (it once took 16 of its bits, which left ~32 bits that told keys apart: about a 1 %
 * chance per province file that some good row was taken for a duplicate). With 48 independent
 * bits and ~9 slots compared per new key, that chance is under 10⁻⁶ for 5 million keys. Callers
 * that must be exact on a hit (family grouping) verify the hit against the stored record.
 *
 * Tables never grow by rehashing (that needs the keys, or 4 more bytes a slot to keep the slot
 * hash, and held old and new tables at once): a full table is followed by a new segment, and a
 * key is looked up in every segment. The first new segment is a quarter of the first (an
 * estimate a little low: the reader's has no margin), later ones four times all before them.
 * Sized from a good estimate of the rows (see the reader), an import uses one or two segments.
 */
const EMPTY = 0;

/** Set by `hash`: the slot hash (32 bits) and the fingerprint (32 + 16 bits) of the key. */
let hashA = 0;
let hashB = 0;
let hashC = 0;

/**
 * The three hashes in one pass over the key: FNV-1a for the slot, and two murmur-style mixes
 * with their own multipliers, offsets and final avalanches for the fingerprint. hashB is never 0,
 * which marks an empty slot.
 */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
    c = Math.imul(c ^ ch, 0x27d4eb2f);
    c ^= c >>> 13;
  }
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  c ^= c >>> 16;
  c = Math.imul(c, 0x85ebca6b);
  c ^= c >>> 13;
  hashA = a >>> 0;
  hashB = b >>> 0 || 1;
  hashC = c >>> 16;
}

/** Set by `KeyIndex.locate`: the slot of the key found. */
let foundSlot = 0;

/**
 * Most keys per slot a segment takes before the next segment starts. Linear probing at 0.8
 * compares ~13 slots for a new key (8.5 at 0.75), mostly within one or two cache lines.
 */
const LOAD = 0.8;

/** One table: per slot 32 fingerprint bits and the payload, side by side, plus the other 16 fingerprint bits. */
class Segment {
  readonly cap: number;
  readonly limit: number;
  readonly words: Uint32Array;
  readonly extra: Uint16Array;
  count = 0;

  constructor(cap: number) {
    this.cap = cap;
    this.limit = Math.floor(cap * LOAD);
    this.words = new Uint32Array(cap * 2);
    this.extra = new Uint16Array(cap);
  }

  /** The slot holding the key (fingerprint `fp`, `fx`), or the empty one where it would go. */
  find(a: number, fp: number, fx: number): number {
    const w = this.words;
    // Any capacity: the slot is a's fraction of the table (a × cap / 2³², exact in a double).
    let i = Math.floor((a * this.cap) / 4294967296);
    for (;;) {
      const f = w[i * 2] as number;
      if (f === EMPTY || (f === fp && this.extra[i] === fx)) return i;
      i = i + 1 === this.cap ? 0 : i + 1;
    }
  }
}

export class KeyIndex {
  private segments: Segment[];
  private count = 0;

  constructor(expected = 1024) {
    this.segments = [new Segment(Math.max(1024, Math.ceil(expected / LOAD)))];
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the tables. */
  get bytes(): number {
    let n = 0;
    for (const g of this.segments) n += g.words.byteLength + g.extra.byteLength;
    return n;
  }

  /** The segment holding the hashed key (its slot in `foundSlot`), or null. */
  private locate(): Segment | null {
    const fx = hashC;
    for (const g of this.segments) {
      const i = g.find(hashA, hashB, fx);
      if (g.words[i * 2] !== EMPTY) {
        foundSlot = i;
        return g;
      }
    }
    return null;
  }

  /** Add the hashed key, known to be absent. */
  private insert(payload: number): void {
    let g = this.segments[this.segments.length - 1] as Segment;
    if (g.count >= g.limit) {
      let total = 0;
      for (const x of this.segments) total += x.cap;
      g = new Segment(this.segments.length === 1 ? Math.ceil(total / 4) : total * 4);
      this.segments.push(g);
    }
    const i = g.find(hashA, hashB, hashC);
    g.words[i * 2] = hashB;
    g.words[i * 2 + 1] = payload >>> 0;
    g.extra[i] = hashC;
    g.count++;
    this.count++;
  }

  /** The payload stored for the key, or undefined. */
  get(key: string): number | undefined {
    hash(key);
    const g = this.locate();
    return g === null ? undefined : g.words[foundSlot * 2 + 1];
  }

  /**
   * Store the payload when the key is new and return undefined; when the key is known, keep the
   * first payload and return it.
   */
  setIfAbsent(key: string, payload: number): number | undefined {
    hash(key);
    const g = this.locate();
    if (g !== null) return g.words[foundSlot * 2 + 1];
    this.insert(payload);
    return undefined;
  }

  /** Overwrite (or add) the payload of a key. */
  set(key: string, payload: number): void {
    hash(key);
    const g = this.locate();
    if (g !== null) g.words[foundSlot * 2 + 1] = payload >>> 0;
    else this.insert(payload);
  }
}
