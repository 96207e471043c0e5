/**
 * Mapped rows between the reader and the writer worker in a compact form, in buffers that are
 * transferred, not copied: a type tag and a number per value, and the text values written as
 * UTF-8 one after another. The receiver decodes a message's text once and cuts it by length.
 *
 * Structured-cloning an array per row cost as much as the mapping (the serializer walks every
 * array and string, the receiver rebuilds them), and holding rows or strings until the message is
 * sent made them survive young-generation collections. Here a row's values are copied out as it
 * is mapped, so they die young.
 *
 * A text value's number is its length in UTF-16 units. Unpaired surrogates are written as U+FFFD
 * (one unit, as the text decoder and SQLite binding also do), so the lengths stay exact.
 *
 * A text equal to the previous text of its column in the message goes as a SAME tag, without its
 * bytes: down a file sorted by village and family, the region code, the family id, the No KK and
 * the mapped `extra` of most rows repeat the row above, and the receiver then binds the string it
 * already holds instead of decoding and cutting a new one. A column whose texts seldom repeat
 * (ids, NIKs, names) stops being compared after its first rows.
 */

export type PackedValue = string | number | null;

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;
/** The column's previous text in this message, again. */
const SAME = 3;

/** A column is compared with its previous text for this many values at least… */
const SAME_TRIAL = 4096;
/** …and keeps being compared while at least one value in this many repeats. */
const SAME_RATE = 8;

/** Buffer sets kept for reuse (`recycle`): as many as messages in flight, and one more. */
const MAX_SPARES = 8;

/** Strings at least this long are encoded by the runtime; shorter ones by the loop below. */
const NATIVE_FROM = 48;

export interface PackedRows {
  readonly rows: number;
  readonly width: number;
  readonly tags: Uint8Array;
  readonly nums: Float64Array;
  /** UTF-8 of every text value, in order. */
  readonly bytes: Uint8Array;
}

export class RowPacker {
  readonly width: number;
  private readonly initial: number;
  private capacity: number;
  private tags: Uint8Array;
  private nums: Float64Array;
  private bytes: Buffer;
  private at = 0;
  private k = 0;
  private n = 0;
  /** Column of the next value. */
  private c = 0;
  /** Per column: its last text in this message (undefined: none yet). */
  private readonly last: (string | undefined)[];
  /** Per column: 1 while its texts are compared with the last one. */
  private readonly compare: Uint8Array;
  private readonly tries: Uint32Array;
  private readonly hits: Uint32Array;
  private readonly spares: { tags: ArrayBuffer; nums: ArrayBuffer; bytes: ArrayBuffer }[] = [];

  constructor(width: number, rowsPerMessage: number) {
    if (width < 1) throw new Error('packed rows need at least one value');
    this.width = width;
    this.initial = width * rowsPerMessage;
    this.capacity = this.initial;
    this.tags = new Uint8Array(this.capacity);
    this.nums = new Float64Array(this.capacity);
    this.bytes = Buffer.from(new ArrayBuffer(this.capacity * 8));
    this.last = new Array<string | undefined>(width).fill(undefined);
    this.compare = new Uint8Array(width).fill(1);
    this.tries = new Uint32Array(width);
    this.hits = new Uint32Array(width);
  }

  get rows(): number {
    return this.n;
  }

  add(v: PackedValue): void {
    if (this.k === this.capacity) this.grow();
    const k = this.k++;
    const c = this.c++;
    if (v === null) this.tags[k] = NULL;
    else if (typeof v === 'number') {
      this.tags[k] = NUMBER;
      this.nums[k] = v;
    } else {
      if (this.compare[c] === 1) {
        const tries = this.tries;
        tries[c] = (tries[c] as number) + 1;
        if (v === this.last[c]) {
          const hits = this.hits;
          hits[c] = (hits[c] as number) + 1;
          this.tags[k] = SAME;
          return;
        }
        this.last[c] = v;
      }
      this.tags[k] = TEXT;
      this.nums[k] = v.length;
      if (v.length > 0) this.text(v);
    }
  }

  private text(s: string): void {
    const n = s.length;
    if (this.at + n * 3 > this.bytes.length) this.growBytes(n * 3);
    if (n >= NATIVE_FROM) {
      this.at += this.bytes.write(s, this.at, 'utf8');
      return;
    }
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        b[at++] = c;
        continue;
      }
      if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[at++] = 0xf0 | (cp >> 18);
          b[at++] = 0x80 | ((cp >> 12) & 0x3f);
          b[at++] = 0x80 | ((cp >> 6) & 0x3f);
          b[at++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      b[at++] = 0xe0 | (c >> 12);
      b[at++] = 0x80 | ((c >> 6) & 0x3f);
      b[at++] = 0x80 | (c & 0x3f);
    }
    this.at = at;
  }

  /** Close the row being added; it must have exactly `width` values. */
  endRow(): void {
    this.n++;
    this.c = 0;
    if (this.k !== this.n * this.width) throw new Error(`packed row ${this.n} has ${this.k - (this.n - 1) * this.width} values, expected ${this.width}`);
  }

  private grow(): void {
    this.capacity *= 2;
    const tags = new Uint8Array(this.capacity);
    const nums = new Float64Array(this.capacity);
    tags.set(this.tags);
    nums.set(this.nums);
    this.tags = tags;
    this.nums = nums;
  }

  private growBytes(need: number): void {
    const bytes = Buffer.from(new ArrayBuffer(Math.max(this.bytes.length * 2, this.at + need)));
    bytes.set(this.bytes.subarray(0, this.at));
    this.bytes = bytes;
  }

  /**
   * Take back the buffers of rows taken earlier, once the receiver is done with them (it transfers
   * them back): the next messages are packed into them instead of new allocations. Millions of
   * rows in fresh multi-megabyte buffers, allocated on one thread and freed on another, left the
   * allocator's arenas fragmented by tens of megabytes.
   */
  recycle(p: PackedRows): void {
    const tags = p.tags.buffer as ArrayBuffer;
    const nums = p.nums.buffer as ArrayBuffer;
    const bytes = p.bytes.buffer as ArrayBuffer;
    if (this.spares.length >= MAX_SPARES || tags.byteLength < this.initial || nums.byteLength !== tags.byteLength * 8 || bytes.byteLength === 0) return;
    this.spares.push({ tags, nums, bytes });
  }

  /** The rows so far (their buffers are to be transferred); the packer starts empty again. */
  take(): PackedRows {
    const out: PackedRows = {
      rows: this.n,
      width: this.width,
      tags: this.tags.subarray(0, this.k),
      nums: this.nums.subarray(0, this.k),
      bytes: new Uint8Array(this.bytes.buffer, 0, this.at),
    };
    const spare = this.spares.pop();
    if (spare) {
      this.tags = new Uint8Array(spare.tags);
      this.nums = new Float64Array(spare.nums);
      this.bytes = Buffer.from(spare.bytes);
      this.capacity = this.tags.length;
    } else {
      this.capacity = this.initial;
      this.tags = new Uint8Array(this.capacity);
      this.nums = new Float64Array(this.capacity);
      this.bytes = Buffer.from(new ArrayBuffer(this.bytes.length));
    }
    this.at = 0;
    this.k = 0;
    this.n = 0;
    // The receiver starts each message without a previous text.
    this.last.fill(undefined);
    for (let c = 0; c < this.width; c++) {
      const tries = this.tries[c] as number;
      if (this.compare[c] === 1 && tries >= SAME_TRIAL && (this.hits[c] as number) * SAME_RATE < tries) this.compare[c] = 0;
    }
    return out;
  }
}

/** The buffers to transfer with a message of packed rows. */
export function packedTransfer(p: PackedRows): ArrayBuffer[] {
  return [p.tags.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer, p.bytes.buffer as ArrayBuffer];
}

/** Reads packed rows in order. */
export class RowUnpacker {
  private readonly tags: Uint8Array;
  private readonly nums: Float64Array;
  private readonly text: string;
  private readonly width: number;
  private k = 0;
  private at = 0;
  private c = 0;
  /** Per column: its last text (undefined: not cut yet, see `lastFrom`). */
  private readonly last: (string | undefined)[];
  /** Per column: where its last text lies in `text`. */
  private readonly lastFrom: Float64Array;
  private readonly lastTo: Float64Array;

  constructor(p: PackedRows) {
    this.tags = p.tags;
    this.nums = p.nums;
    this.width = p.width;
    this.text = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength).toString('utf8');
    this.last = new Array<string | undefined>(p.width).fill(undefined);
    this.lastFrom = new Float64Array(p.width);
    this.lastTo = new Float64Array(p.width);
  }

  /** The next value. */
  value(): PackedValue {
    const k = this.k++;
    const c = this.c;
    this.c = c + 1 === this.width ? 0 : c + 1;
    const tag = this.tags[k];
    if (tag === NULL) return null;
    const num = this.nums[k] ?? 0;
    if (tag === NUMBER) return num;
    if (tag === SAME) return this.last[c] ?? this.cutLast(c);
    const from = this.at;
    this.at = from + num;
    const s = num === 0 ? '' : this.text.slice(from, this.at);
    this.last[c] = s;
    this.lastFrom[c] = from;
    this.lastTo[c] = this.at;
    return s;
  }

  /** The column's last text, passed over by `skip`. */
  private cutLast(c: number): string {
    const s = this.text.slice(this.lastFrom[c] ?? 0, this.lastTo[c] ?? 0);
    this.last[c] = s;
    return s;
  }

  /** Fill `count` values into `out` from `offset`. */
  fill(out: unknown[], offset: number, count: number): void {
    for (let i = 0; i < count; i++) out[offset + i] = this.value();
  }

  /** Pass over `count` values. */
  skip(count: number): void {
    for (let i = 0; i < count; i++) {
      const k = this.k++;
      const c = this.c;
      this.c = c + 1 === this.width ? 0 : c + 1;
      if (this.tags[k] === TEXT) {
        const from = this.at;
        this.at += this.nums[k] ?? 0;
        this.last[c] = undefined;
        this.lastFrom[c] = from;
        this.lastTo[c] = this.at;
      }
    }
  }
}
