/**
 * The CSV reader's fast path: plain-ASCII records cut straight from the bytes by WebAssembly
 * (`csv-cut.wat`), with each column's repeated texts recognised by their bytes.
 *
 * A poverty file's columns mostly hold a handful of labels (`Ya`, `TANAH`, `KAYU/PAPAN`) or
 * values that change slowly down a file sorted by village (the region names and codes). Cutting
 * such a cell as a new string, hashing it again in each normaliser's memo and collecting it
 * afterwards was a good share of an import. Here a cell of such a column is looked up by its
 * bytes among the column's distinct texts so far: a known text comes out as the same string as
 * before, with its number in the column (its *id*), so the mapper can reuse what it made of that
 * text the first time. A column whose first 2,048 cells hold 512 distinct texts (names, NIKs,
 * dates, addresses) stops being looked up and is cut plainly. (The same loops in JavaScript over
 * the bytes were slower than the string search they replaced: ~3 ns a byte.)
 *
 * Only simple records take this path: every byte ASCII (the caller hands over ASCII runs only),
 * a line feed ends the record (a CR before it dropped), quoted fields without a doubled quote or
 * a line break inside and nothing between the closing quote and the delimiter, at most 256 cells.
 * Anything else — and a record continuing text carried over from the previous piece — goes
 * through the general parser, which gives the same cells, without ids. Without WebAssembly
 * everything does.
 */
import { compiledOnce } from '../../wasm-module.ts';
import { CSV_CUT_WASM } from './csv-cut-wasm.ts';

/** Looked-up columns, cells per record, distinct texts per column, hash slots (csv-cut.wat). */
const COLUMNS = 64;
const MAX_CELLS = 256;
const MAX_TEXTS = 8192;
const SLOTS = 16_384;
/** Bytes for the distinct texts of all columns together. */
const ARENA_BYTES = 8 << 20;
const PAGE = 65_536;

interface CutExports {
  readonly memory: WebAssembly.Memory;
  readonly next: WebAssembly.Global;
  readonly stop: WebAssembly.Global;
  setup(out: number, counts: number, lookups: number, flags: number, keys: number, tables: number, arena: number, arenaEnd: number): void;
  cut(pos: number, end: number, delimiter: number, max: number): number;
}

const cutModule = compiledOnce(CSV_CUT_WASM);

/** A record cut by the fast path (the shape of `CsvRow`). */
export interface FastRow {
  readonly line: number;
  readonly cells: string[];
  /** Ids of the cells by column (-1: none), from `at`. */
  readonly ids: Int32Array | null;
  readonly at: number;
}

/**
 * Why `cut` stopped: `out` has `maxRows` rows (Full); the next record is not simple, so parse it
 * with the general parser (Slow); the next record runs past the piece's end, or the end was
 * reached (End).
 */
export const FastStop = { Full: 0, Slow: 1, End: 2 } as const;
export type FastStop = (typeof FastStop)[keyof typeof FastStop];

/** Where the next record starts (a position in the chunk buffer) and its line. */
export interface FastCursor {
  pos: number;
  line: number;
}

const align = (n: number): number => (n + 7) & ~7;

/** One file's fast cutter: the module's memory holds the piece being cut and every column's texts. */
export class FastCsvCutter {
  private readonly wasm: CutExports;
  private readonly inputBytes: number;
  private readonly maxRecords: number;
  private readonly outAt: number;
  private readonly keysAt: number;
  private i32: Int32Array;
  private u8: Uint8Array;
  /** Per column, per id: the text (made from the arena the first time its id is met). */
  private readonly texts: (string | undefined)[][] = [];
  /** Records cut so far. */
  records = 0;
  /** Where the piece in the input area starts in its buffer, and its length (-1: none loaded). */
  private from = 0;
  private length = -1;

  private constructor(wasm: CutExports, inputBytes: number, maxRecords: number) {
    this.wasm = wasm;
    this.inputBytes = inputBytes;
    this.maxRecords = maxRecords;
    this.outAt = align(inputBytes + 8);
    const countsAt = this.outAt + align(maxRecords * (4 + MAX_CELLS * 12));
    const lookupsAt = countsAt + COLUMNS * 4;
    const flagsAt = lookupsAt + COLUMNS * 4;
    this.keysAt = flagsAt + COLUMNS * 4;
    const tablesAt = this.keysAt + COLUMNS * MAX_TEXTS * 8;
    const arenaAt = tablesAt + COLUMNS * SLOTS * 8;
    const total = arenaAt + ARENA_BYTES;
    const mem = wasm.memory;
    const pages = Math.ceil(total / PAGE) - mem.buffer.byteLength / PAGE;
    if (pages > 0) mem.grow(pages);
    wasm.setup(this.outAt, countsAt, lookupsAt, flagsAt, this.keysAt, tablesAt, arenaAt, arenaAt + ARENA_BYTES);
    this.i32 = new Int32Array(mem.buffer);
    this.u8 = new Uint8Array(mem.buffer);
    for (let c = 0; c < COLUMNS; c++) this.texts.push([]);
  }

  /** A cutter for pieces of up to `inputBytes`, `maxRecords` a call; null without WebAssembly. */
  static create(inputBytes: number, maxRecords: number): FastCsvCutter | null {
    const module = cutModule();
    if (module === null) return null;
    try {
      const wasm = new WebAssembly.Instance(module, {}).exports as unknown as CutExports;
      return new FastCsvCutter(wasm, inputBytes, maxRecords);
    } catch {
      return null;
    }
  }

  /** Copy the piece `buffer[from, to)` (ASCII) into the module; false when it is too long. */
  load(buffer: Uint8Array, from: number, to: number): boolean {
    if (to - from > this.inputBytes) {
      this.length = -1;
      return false;
    }
    this.u8.set(buffer.subarray(from, to), 0);
    this.from = from;
    this.length = to - from;
    return true;
  }

  /**
   * Cut simple records of the loaded piece from `cursor.pos` (a position in its buffer) into
   * `out` until it holds `maxRows`, the next record is not simple, or the piece ends. `text`
   * holds the same bytes as a string, `buffer[i]` at `text[i - base]`. Ids go into `ids.array`
   * from `ids.used`; a record that does not fit gets none.
   */
  cut(text: string, base: number, cursor: FastCursor, out: FastRow[], maxRows: number, delimiter: number, ids: { array: Int32Array; used: number }): FastStop {
    const from = this.from;
    const length = this.length;
    if (length < 0) return FastStop.Slow;
    const wasm = this.wasm;
    const i32 = this.i32;
    const texts = this.texts;
    // Positions in the input area are positions in the buffer less `from`.
    const textBase = base - from;
    let pos = cursor.pos - from;
    let line = cursor.line;
    for (;;) {
      const want = Math.min(maxRows - out.length, this.maxRecords);
      if (want <= 0) {
        cursor.pos = pos + from;
        cursor.line = line;
        return FastStop.Full;
      }
      const n = wasm.cut(pos, length, delimiter, want);
      this.records += n;
      let rec = this.outAt >> 2;
      const idArray = ids.array;
      for (let r = 0; r < n; r++) {
        const count = i32[rec] as number;
        // Made at its size (pushing grew it twice for a row of ~30 cells).
        const cells = new Array<string>(count);
        const at = ids.used;
        const fits = at + count <= idArray.length;
        let cell = rec + 1;
        for (let c = 0; c < count; c++, cell += 3) {
          const id = i32[cell + 2] as number;
          if (fits) idArray[at + c] = id;
          if (id >= 0) {
            const list = texts[c] as (string | undefined)[];
            let t = list[id];
            if (t === undefined) {
              t = this.keyText(c, id);
              list[id] = t;
            }
            cells[c] = t;
          } else cells[c] = text.slice((i32[cell] as number) - textBase, (i32[cell + 1] as number) - textBase);
        }
        out.push({ line, cells, ids: fits ? idArray : null, at: fits ? at : 0 });
        if (fits) ids.used = at + count;
        line++;
        rec += 1 + count * 3;
      }
      pos = wasm.next.value;
      const stop = wasm.stop.value;
      if (stop !== FastStop.Full) {
        cursor.pos = pos + from;
        cursor.line = line;
        return stop === FastStop.Slow ? FastStop.Slow : FastStop.End;
      }
    }
  }

  /** The text of column `col`'s id, from the arena (a flat string of its own). */
  private keyText(col: number, id: number): string {
    const key = (this.keysAt >> 2) + (col * MAX_TEXTS + id) * 2;
    const off = this.i32[key] as number;
    const len = this.i32[key + 1] as number;
    return Buffer.from(this.u8.buffer, off, len).toString('latin1');
  }
}
