/**
 * A streaming CSV reader for the files Bappeda receive: `,` `;` tab or `|` delimited (detected),
 * UTF-8 with or without BOM or Windows-1252 (detected as the bytes arrive), CRLF/LF/CR, quoted
 * fields with doubled quotes and embedded newlines. Rows come out in batches with the physical
 * line each starts on, so every issue can name its row.
 *
 * Speed matters (a province's P3KE individu file is ~5 M rows): lines without a quote are split
 * with indexOf on the decoded text, and only quoted records go through the character loop.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { FastCsvCutter, FastStop, type FastCursor } from './csv-fast.ts';

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvDialect {
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  readonly delimiter: CsvDelimiter;
}

export interface CsvRow {
  /** 1-based physical line where the record starts (title lines and the header count). */
  readonly line: number;
  readonly cells: string[];
  /**
   * Per column from `at`, the cell's id among its column's distinct texts (`csv-fast.ts`), -1
   * where there is none; null for a record the fast path did not cut. The same id in a column
   * is the same text throughout the file.
   */
  readonly ids: Int32Array | null;
  readonly at: number;
}

export interface CsvReadOptions {
  /** Force a dialect instead of sniffing it. */
  readonly dialect?: Partial<CsvDialect>;
  /** Bytes per read (default 1 MiB: 4 MiB held ~15 MB more in the reader — the buffer, its copy in the WebAssembly memory, its text — for no speed). */
  readonly chunkBytes?: number;
  /** Rows per yielded batch (default 5,000). */
  readonly batchRows?: number;
  /** A record longer than this is an error (a runaway quote), default 1 MiB. */
  readonly maxRecordChars?: number;
  /** Cut plain-ASCII records from the bytes, with column text ids (default true; tests compare). */
  readonly fast?: boolean;
}

export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  readonly line: number;
  readonly kind: 'record_too_long' | 'unterminated_quote';
  constructor(kind: 'record_too_long' | 'unterminated_quote', line: number, message: string) {
    super(message);
    this.kind = kind;
    this.line = line;
  }
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Strip a UTF-8 BOM; say whether there was one. */
function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** The longest prefix of `bytes` that does not cut a UTF-8 sequence in two. */
function utf8Boundary(bytes: Uint8Array, end: number): number {
  let i = end;
  // Step back over at most 3 continuation bytes to the lead byte of the last sequence.
  for (let k = 0; k < 4 && i > 0; k++) {
    const b = bytes[i - 1] ?? 0;
    if (b < 0x80) return end;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return end - (i - 1) >= need ? end : i - 1;
    }
    i--;
  }
  return end;
}

/**
 * Pick the delimiter whose count per line is most consistent over the sample's lines (title
 * lines above the header have few or none, so the mode over lines that have it wins).
 */
export function sniffDelimiter(sampleText: string): CsvDelimiter {
  const lines = sampleText.split(/\r\n|\n|\r/).slice(0, 60).filter((l) => l.trim() !== '');
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      let n = 0;
      let inQuotes = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '"') inQuotes = !inQuotes;
        else if (c === d && !inQuotes) n++;
      }
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let modeCount = 0;
    let modeValue = 0;
    for (const [value, count] of counts) {
      if (count > modeCount || (count === modeCount && value > modeValue)) {
        modeCount = count;
        modeValue = value;
      }
    }
    // Lines agreeing on the same number of fields, weighted by how many fields they make.
    const score = modeCount * Math.log2(modeValue + 1);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Detect the dialect from the first bytes of a file. */
export function sniffCsv(head: Uint8Array): CsvDialect {
  const bom = bomLength(head);
  const body = head.subarray(bom, utf8Boundary(head, head.length));
  const encoding: CsvEncoding = bom > 0 || isUtf8(body) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(body);
  return { encoding, bom: bom > 0, delimiter: sniffDelimiter(text) };
}

/**
 * Parse as many complete records from `text` as it holds. Returns the index where the first
 * incomplete record starts (text.length when everything was consumed); `final` says no more text
 * will come. Fields are cut with indexOf — for quoted fields too — so the per-character work is
 * done by the engine's string search, not by this loop.
 */
function parseRecords(
  text: string,
  start: number,
  delimiter: string,
  eol: '\n' | '\r',
  final: boolean,
  lineRef: { line: number },
  out: CsvRow[],
  maxRecordChars: number,
  maxRows: number,
): number {
  const n = text.length;
  const stripCr = eol === '\n';
  let pos = start;
  let nextEol = text.indexOf(eol, pos);
  let nextDelim = text.indexOf(delimiter, pos);
  while (pos < n && out.length < maxRows) {
    const recordLine = lineRef.line;
    let extraLines = 0;
    const cells: string[] = [];
    let i = pos;
    let complete = false;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next quote that is not doubled; may hold delimiters and newlines.
        let field = '';
        let j = i + 1;
        let closed = -1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1 || (q + 1 >= n && !final)) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          field += text.slice(j, q);
          closed = q;
          break;
        }
        if (closed === -1) {
          if (final) throw new CsvFormatError('unterminated_quote', recordLine, `Tanda kutip di baris ${recordLine} tidak ditutup.`);
          break;
        }
        for (let k = field.indexOf(eol); k !== -1; k = field.indexOf(eol, k + 1)) extraLines++;
        i = closed + 1;
        // Anything between the closing quote and the next delimiter is kept (lenient, as Excel is).
        if (nextDelim !== -1 && nextDelim < i) nextDelim = text.indexOf(delimiter, i);
        if (nextEol !== -1 && nextEol < i) nextEol = text.indexOf(eol, i);
        const stop = nextDelim !== -1 && (nextEol === -1 || nextDelim < nextEol) ? nextDelim : nextEol;
        if (stop === -1) {
          if (!final) break;
          cells.push(field + text.slice(i));
          i = n;
          complete = true;
          break;
        }
        let tail = text.slice(i, stop);
        if (stop === nextEol && stripCr && tail.endsWith('\r')) tail = tail.slice(0, -1);
        cells.push(tail === '' ? field : field + tail);
        i = stop + 1;
        if (stop === nextEol) {
          complete = true;
          break;
        }
        continue;
      }
      if (nextDelim !== -1 && nextDelim < i) nextDelim = text.indexOf(delimiter, i);
      if (nextEol !== -1 && nextEol < i) nextEol = text.indexOf(eol, i);
      if (nextDelim !== -1 && (nextEol === -1 || nextDelim < nextEol)) {
        cells.push(text.slice(i, nextDelim));
        i = nextDelim + 1;
        continue;
      }
      if (nextEol === -1) {
        if (!final) break;
        cells.push(text.slice(i));
        i = n;
        complete = true;
        break;
      }
      let end = nextEol;
      if (stripCr && end > i && text.charCodeAt(end - 1) === CR) end--;
      cells.push(text.slice(i, end));
      i = nextEol + 1;
      complete = true;
      break;
    }
    if (!complete) {
      if (n - pos > maxRecordChars) throw new CsvFormatError('record_too_long', recordLine, `Baris ${recordLine} terlalu panjang.`);
      return pos;
    }
    out.push({ line: recordLine, cells, ids: null, at: 0 });
    lineRef.line += 1 + extraLines;
    pos = i;
  }
  return pos;
}

/** Column ids kept per row on average (a batch's rows share one array). */
const IDS_PER_ROW = 48;

/** Bytes looked at together when searching a chunk for its non-ASCII lines. */
const ASCII_BLOCK = 4096;

/**
 * A chunk as text pieces to be parsed one after the other: the lines holding non-ASCII bytes
 * through `decoder`, the plain-ASCII runs between them as latin1 (identical for ASCII). Decoding
 * a whole chunk made every cell cut from it a two-byte string (one NBSP or ’ in 4 MiB is enough)
 * and slowed everything after: hashing, memo look-ups, UTF-8 encoding for SQLite. Pieces end at
 * line feeds, which never fall inside a multi-byte character; a quoted field running over a piece
 * boundary is simply re-read with the next piece, as over a chunk boundary.
 */
function decodePieces(buffer: Buffer, end: number, decoder: { decode(bytes: Uint8Array): string }): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (let block = 0; block < end; block += ASCII_BLOCK) {
    const stop = Math.min(end, block + ASCII_BLOCK);
    if (stop <= from || isAscii(buffer.subarray(Math.max(block, from), stop))) continue;
    for (let i = Math.max(block, from); i < stop; i++) {
      if ((buffer[i] as number) < 0x80) continue;
      const lineStart = i === 0 ? 0 : buffer.lastIndexOf(LF, i - 1) + 1;
      const start = Math.max(lineStart, from);
      const nl = buffer.indexOf(LF, i);
      const lineEnd = nl === -1 || nl >= end ? end : nl + 1;
      if (start > from) pieces.push(asciiPiece(buffer, from, start));
      pieces.push({ text: decoder.decode(buffer.subarray(start, lineEnd)), from: start, to: lineEnd, ascii: false });
      from = lineEnd;
      i = lineEnd - 1;
      if (from >= stop) break;
    }
  }
  if (from < end) pieces.push(asciiPiece(buffer, from, end));
  return pieces;
}

/** Text decoded from `buffer[from, to)`; `ascii` when every byte is (then text[i] is byte from + i). */
interface Piece {
  readonly text: string;
  readonly from: number;
  readonly to: number;
  readonly ascii: boolean;
}

function asciiPiece(buffer: Buffer, from: number, to: number): Piece {
  return { text: buffer.toString('latin1', from, to), from, to, ascii: true };
}

/**
 * Read a CSV file as batches of rows. Windows-1252 is chosen when the bytes are not valid UTF-8;
 * a file that starts as plain ASCII switches to Windows-1252 at the first invalid byte, which
 * decodes the earlier (ASCII) part identically.
 */
export function* readCsv(path: string, options: CsvReadOptions = {}): Generator<CsvRow[], CsvDialect & { readonly fastRecords: number }> {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const batchRows = options.batchRows ?? 5000;
  const maxRecordChars = options.maxRecordChars ?? 1024 * 1024;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // The dialect comes from its own sample, whatever the read size.
    const head = Buffer.allocUnsafe(Math.min(size, 256 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const sniffed = sniffCsv(head);
    // Old Mac files end lines with CR alone; everything else has LF (CRLF's CR is stripped).
    const eolChar: '\n' | '\r' = head.includes(LF) || !head.includes(CR) ? '\n' : '\r';
    const buffer = Buffer.allocUnsafe(chunkBytes + 4);
    let filePos = sniffed.bom ? 3 : 0;
    let carryBytes = 0;
    let read = readSync(fd, buffer, 0, chunkBytes, filePos);
    filePos += read;
    const dialect: CsvDialect = {
      encoding: options.dialect?.encoding ?? sniffed.encoding,
      bom: sniffed.bom,
      delimiter: options.dialect?.delimiter ?? sniffed.delimiter,
    };
    let encoding = dialect.encoding;
    let sawNonAscii = false;
    let decoder = new TextDecoder(encoding);
    let text = '';
    const lineRef = { line: 1 };
    let batch: CsvRow[] = [];
    // The fast path (csv-fast.ts) needs line feeds ending the records.
    const fast = options.fast !== false && eolChar === '\n' ? FastCsvCutter.create(chunkBytes + 4, batchRows) : null;
    const delimiterByte = dialect.delimiter.charCodeAt(0);
    const cursor: FastCursor = { pos: 0, line: 1 };
    // Room for the ids of a batch's rows; a record wider than the room left gets none.
    const newIds = (): { array: Int32Array; used: number } => ({ array: new Int32Array(batchRows * IDS_PER_ROW), used: 0 });
    let ids = newIds();
    for (;;) {
      const eof = filePos >= size || read === 0;
      const available = carryBytes + read;
      const end = eof ? available : encoding === 'utf-8' ? utf8Boundary(buffer, available) : available;
      const bytes = buffer.subarray(0, end);
      // Most chunks are plain ASCII: latin1 decodes them identically and far faster.
      const ascii = isAscii(bytes);
      if (!ascii && encoding === 'utf-8') {
        if (!isUtf8(bytes)) {
          if (!sawNonAscii && options.dialect?.encoding === undefined) {
            encoding = 'windows-1252';
            decoder = new TextDecoder(encoding);
          }
        } else {
          sawNonAscii = true;
        }
      }
      const pieces: Piece[] = ascii
        ? [asciiPiece(buffer, 0, end)]
        : eolChar === '\n'
          ? decodePieces(buffer, end, decoder)
          : [{ text: decoder.decode(bytes), from: 0, to: end, ascii: false }];
      for (let p = 0; p < pieces.length; p++) {
        const piece = pieces[p] as Piece;
        // Text carried over from the previous piece: an unfinished record.
        const carry = text.length;
        text += piece.text;
        const last = eof && p === pieces.length - 1;
        const quick = fast !== null && piece.ascii && fast.load(buffer, piece.from, piece.to);
        let pos = 0;
        for (;;) {
          if (fast !== null && quick && pos >= carry) {
            cursor.pos = pos - carry + piece.from;
            cursor.line = lineRef.line;
            const stop = fast.cut(text, piece.from - carry, cursor, batch, batchRows, delimiterByte, ids);
            pos = cursor.pos - piece.from + carry;
            lineRef.line = cursor.line;
            if (stop === FastStop.Full) {
              yield batch;
              batch = [];
              ids = newIds();
              continue;
            }
            // An unfinished record waits for the next piece, unless this is the last.
            if (stop === FastStop.End && (!last || pos >= text.length)) break;
          }
          // Small batches, handed on as they are cut: a whole chunk's rows held at once outlived
          // young-generation collections and were copied by each. Beside the fast path, one record.
          const before = batch.length;
          pos = parseRecords(text, pos, dialect.delimiter, eolChar, last, lineRef, batch, maxRecordChars, quick ? before + 1 : batchRows);
          if (batch.length >= batchRows) {
            yield batch;
            batch = [];
            ids = newIds();
            continue;
          }
          if (batch.length === before || !quick) break;
        }
        text = text.slice(pos);
      }
      if (eof) {
        if (batch.length > 0) yield batch;
        break;
      }
      // Keep the bytes of a cut multi-byte character for the next read.
      carryBytes = available - end;
      buffer.copy(buffer, 0, end, available);
      read = readSync(fd, buffer, carryBytes, chunkBytes, filePos);
      filePos += read;
    }
    return { ...dialect, encoding, fastRecords: fast?.records ?? 0 };
  } finally {
    closeSync(fd);
  }
}
