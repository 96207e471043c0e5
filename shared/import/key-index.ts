/**
 * A compact map from text keys to a 32-bit payload, for the millions of ids and NIKs one import
 * must remember (duplicate checks, family grouping): open addressing over typed arrays, 9 bytes a
 * slot, instead of a `Map<string, …>` that costs ~100 bytes an entry.
 *
 * Keys are not stored. A key is three hashes from one pass: the first picks the slot, the other two
 * (32 + 16 bits) are kept as its fingerprint. Only keys whose slots lie in one run of full slots
 * are ever compared, and those agree in the first hash's high bits, so the fingerprint must not
 * come from it (it once took 16 of its bits, which left ~32 bits that told keys apart: about a 1 %
 * chance per province file that some good row was taken for a duplicate). With 48 independent
 * bits and ~6–9 slots compared per new key, that chance is under 10⁻⁶ for 5 million keys. Callers
 * that must be exact on a hit (family grouping) verify the hit against the stored record.
 *
 * A slot is two 32-bit words and a byte: the fingerprint's first 32 bits; its next 8 bits above a
 * 24-bit payload; its last 8 bits. A payload of 2²⁴ − 1 or more (rows past 16.7 million, sheets,
 * large family ids) is kept whole in a side array the segment allocates on first need, 4 bytes a
 * slot more.
 *
 * Tables never grow by rehashing (that needs the keys, or 4 more bytes a slot to keep the slot
 * hash, and held old and new tables at once): a full table is followed by a new segment, and a
 * key is looked up in every segment. Each new segment has four times the slots of all before it;
 * after a table sized from an estimate (`SIZED`, more than its 8 % headroom low), the first is a
 * quarter instead. Sized from a good estimate of the rows (see the reader), an import uses one.
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

/** How full a table is made and how full it may get before the next segment starts. */
export interface KeyIndexLoad {
  /** Keys per slot the first table is sized for (from the expected count). */
  readonly sized: number;
  /** Keys per slot at which a segment counts as full. */
  readonly max: number;
}

/**
 * Tables that grow (no good estimate of their keys): linear probing at 0.8 compares ~13 slots for
 * a new key once full, and a full segment is probed again by every later new key.
 */
const GROWING: KeyIndexLoad = { sized: 0.8, max: 0.8 };

/**
 * A table sized from a good estimate: made 88 % full by the estimate, full at 95 % (headroom for an
 * estimate a few percent low). Filling to 0.9 compares ~6 slots a new key on average, mostly in
 * one cache line; 9 bytes a slot at 0.88 are ~10 bytes a key (12.5 at 10 bytes and 0.8).
 */
export const SIZED: KeyIndexLoad = { sized: 0.88, max: 0.95 };

/** Payloads from this value on live in the segment's side array. */
const WIDE = 0xffffff;

/** One table: per slot the fingerprint's first 32 bits, then its next 8 above the payload's 24, and its last 8. */
class Segment {
  readonly cap: number;
  readonly limit: number;
  readonly words: Uint32Array;
  readonly last: Uint8Array;
  /** Whole payloads of slots whose payload did not fit in 24 bits. */
  wide: Uint32Array | null = null;
  count = 0;

  constructor(cap: number, maxLoad: number) {
    this.cap = cap;
    this.limit = Math.floor(cap * maxLoad);
    this.words = new Uint32Array(cap * 2);
    this.last = new Uint8Array(cap);
  }

  /** The slot holding the key (fingerprint `fp`, `fx`), or the empty one where it would go. */
  find(a: number, fp: number, fx: number): number {
    const w = this.words;
    const mid = fx >>> 8;
    const low = fx & 0xff;
    // Any capacity: the slot is a's fraction of the table (a × cap / 2³², exact in a double).
    let i = Math.floor((a * this.cap) / 4294967296);
    for (;;) {
      const f = w[i * 2] as number;
      if (f === EMPTY || (f === fp && (w[i * 2 + 1] as number) >>> 24 === mid && this.last[i] === low)) return i;
      i = i + 1 === this.cap ? 0 : i + 1;
    }
  }

  payload(i: number): number {
    const p = (this.words[i * 2 + 1] as number) & WIDE;
    return p === WIDE ? ((this.wide as Uint32Array)[i] as number) : p;
  }

  setPayload(i: number, payload: number, mid: number): void {
    const p = payload >>> 0;
    if (p < WIDE) this.words[i * 2 + 1] = ((mid << 24) | p) >>> 0;
    else {
      this.wide ??= new Uint32Array(this.cap);
      this.wide[i] = p;
      this.words[i * 2 + 1] = ((mid << 24) | WIDE) >>> 0;
    }
  }
}

export class KeyIndex {
  private segments: Segment[];
  private count = 0;
  /** Whether the first table came from a good estimate (an overflow is then a small one). */
  private readonly estimated: boolean;

  /** `load`: `SIZED` when `expected` is a good estimate of the keys, else tables that grow. */
  constructor(expected = 1024, load: KeyIndexLoad = GROWING) {
    this.segments = [new Segment(Math.max(1024, Math.ceil(expected / load.sized)), load.max)];
    this.estimated = load !== GROWING;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the tables. */
  get bytes(): number {
    let n = 0;
    for (const g of this.segments) n += g.words.byteLength + g.last.byteLength + (g.wide?.byteLength ?? 0);
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
      g = new Segment(this.segments.length === 1 && this.estimated ? Math.ceil(total / 4) : total * 4, GROWING.max);
      this.segments.push(g);
    }
    const i = g.find(hashA, hashB, hashC);
    g.words[i * 2] = hashB;
    g.last[i] = hashC & 0xff;
    g.setPayload(i, payload, hashC >>> 8);
    g.count++;
    this.count++;
  }

  /** The payload stored for the key, or undefined. */
  get(key: string): number | undefined {
    hash(key);
    const g = this.locate();
    return g === null ? undefined : g.payload(foundSlot);
  }

  /**
   * Store the payload when the key is new and return undefined; when the key is known, keep the
   * first payload and return it.
   */
  setIfAbsent(key: string, payload: number): number | undefined {
    hash(key);
    const g = this.locate();
    if (g !== null) return g.payload(foundSlot);
    this.insert(payload);
    return undefined;
  }

  /** Overwrite (or add) the payload of a key. */
  set(key: string, payload: number): void {
    hash(key);
    const g = this.locate();
    if (g !== null) g.setPayload(foundSlot, payload, hashC >>> 8);
    else this.insert(payload);
  }
}
