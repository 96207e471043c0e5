import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Streaming CSV writer: rows are encoded straight into a 1 MB buffer that is written out when
 * full, so a file of any size is written in constant memory and no long-lived strings pile up
 * for the garbage collector. Quoting follows RFC 4180 (a field is quoted when it holds
 * the delimiter, a quote or a line break); the delimiter, BOM and line ending are chosen per file
 * because real files differ (Indonesian-locale Excel writes `;`, CRLF and often a BOM).
 */

export interface CsvOptions {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
}

export type CsvField = string | number | null | undefined;

const BUFFER_BYTES = 1 << 20;

export class CsvStreamWriter {
  readonly path: string;
  readonly options: CsvOptions;
  private fd: number | null;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private written = 0;
  private lineCount = 0;
  private readonly needsQuote: RegExp;

  private constructor(path: string, options: CsvOptions) {
    this.path = path;
    this.options = options;
    this.fd = openSync(path, 'w');
    const d = options.delimiter === '|' ? '\\|' : options.delimiter === '\t' ? '\\t' : options.delimiter;
    this.needsQuote = new RegExp(`[${d}"\\r\\n]`);
    if (options.bom) this.writeBytes(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  static create(path: string, options: CsvOptions): CsvStreamWriter {
    return new CsvStreamWriter(path, options);
  }

  /** Lines written so far (the next row's 1-based line number is `lines + 1`). */
  get lines(): number {
    return this.lineCount;
  }

  /** Bytes on disk plus bytes still buffered. */
  get bytes(): number {
    return this.written + this.pos;
  }

  field(value: CsvField): string {
    if (value === null || value === undefined) return '';
    const s = typeof value === 'number' ? String(value) : value;
    return this.needsQuote.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  writeRow(fields: readonly CsvField[]): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) line += this.options.delimiter;
      line += this.field(fields[i]);
    }
    line += this.options.eol;
    this.lineCount++;
    // UTF-8 needs at most 3 bytes per UTF-16 unit; make sure the whole line fits.
    const worst = line.length * 3;
    if (this.pos + worst > this.buf.length) {
      this.flush();
      if (worst > this.buf.length) this.buf = Buffer.allocUnsafe(worst);
    }
    this.pos += this.buf.write(line, this.pos, 'utf8');
  }

  flush(): void {
    if (this.pos === 0) return;
    this.writeBytes(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** Flush, close the file and return its size in bytes. */
  close(): number {
    this.flush();
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    return this.written;
  }

  private writeBytes(buf: Buffer): void {
    if (this.fd === null) throw new Error(`CSV writer for ${this.path} is closed`);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.written += buf.length;
  }
}
