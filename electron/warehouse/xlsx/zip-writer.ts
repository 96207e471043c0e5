import { closeSync, openSync, writeSync } from 'node:fs';
import { constants as Z, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

/**
 * A deterministic, streaming ZIP writer (the container of an .xlsx).
 *
 * Entries are deflated in ~1 MB slices, each slice compressed on its own and ended with a sync
 * flush so the slices concatenate into one valid deflate stream (closed by an empty final
 * block). That lets the slices compress in parallel on libuv's thread pool while the caller keeps
 * generating rows, and keeps memory flat. Output bytes depend only on the input: timestamps are
 * fixed, slices are cut at fixed sizes, and writes happen in order.
 *
 * Sizes go in data descriptors after each entry. No Zip64: an entry or archive crossing 4 GiB, or
 * more than 65,535 entries, throws a clear error rather than writing a broken file.
 */

const LIMIT_32 = 0xffffffff;
const SLICE = 1 << 20;
const MAX_QUEUED_SLICES = 6;
/** General purpose flags: bit 3 (sizes in a data descriptor) and bit 11 (UTF-8 names). */
const FLAGS = 0x0808;
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

export interface ZipOptions {
  /** Timestamp written on every entry; fixed so the archive is reproducible. */
  readonly date?: { readonly y: number; readonly m: number; readonly d: number };
  /** zlib level 1–9 (default 6). */
  readonly level?: number;
}

interface CentralEntry {
  readonly name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  uncompressed: number;
}

/** Work queued by the synchronous calls, carried out in order by drain()/close(). */
type Op =
  | { readonly kind: 'begin'; readonly entry: CentralEntry }
  | { readonly kind: 'data'; readonly entry: CentralEntry; readonly data: Promise<Buffer> | Buffer }
  | { readonly kind: 'end'; readonly entry: CentralEntry };

function deflateSlice(buf: Buffer, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    deflateRaw(buf, { level, finishFlush: Z.Z_SYNC_FLUSH, chunkSize: 256 * 1024 }, (err, out) => {
      if (err) reject(err);
      else resolve(out);
    });
  });
}

export class ZipTooLargeError extends Error {
  constructor(what: string) {
    super(`${what} exceeds the 4 GiB / 65,535-entry limit of ZIP without Zip64; write fewer rows per file.`);
    this.name = 'ZipTooLargeError';
  }
}

export class ZipStreamWriter {
  readonly path: string;
  private fd: number | null;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private current: CentralEntry | null = null;
  private slice: Buffer[] = [];
  private sliceBytes = 0;
  private readonly ops: Op[] = [];
  private queuedSlices = 0;
  private readonly dosTime = 0;
  private readonly dosDate: number;
  private readonly level: number;

  constructor(path: string, options: ZipOptions = {}) {
    this.path = path;
    this.fd = openSync(path, 'w');
    const d = options.date ?? { y: 2025, m: 6, d: 30 };
    this.dosDate = ((d.y - 1980) << 9) | (d.m << 5) | d.d;
    this.level = options.level ?? 6;
  }

  /** Bytes written to disk so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Start an entry; the previous one must have been ended. */
  begin(name: string): void {
    if (this.current) throw new Error(`ZIP entry ${this.current.name.toString()} is still open`);
    if (this.entries.length >= 0xffff) throw new ZipTooLargeError(`${this.path}: entry count`);
    const entry: CentralEntry = { name: Buffer.from(name, 'utf8'), offset: 0, crc: 0, compressed: 0, uncompressed: 0 };
    this.entries.push(entry);
    this.current = entry;
    this.ops.push({ kind: 'begin', entry });
  }

  /**
   * Append uncompressed bytes to the open entry. Returns true when enough slices are queued that
   * the caller should `await drain()` before adding more.
   */
  write(data: Buffer | string): boolean {
    const e = this.current;
    if (!e) throw new Error('No open ZIP entry');
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (buf.length === 0) return false;
    e.crc = crc32(buf, e.crc);
    e.uncompressed += buf.length;
    if (e.uncompressed > LIMIT_32) throw new ZipTooLargeError(`${this.path}: entry ${e.name.toString()}`);
    this.slice.push(buf);
    this.sliceBytes += buf.length;
    // Callers that hand over ~1 MB buffers get one slice per buffer, without copying.
    if (this.sliceBytes >= SLICE / 2) this.cutSlice(e);
    return this.queuedSlices >= MAX_QUEUED_SLICES;
  }

  /** Finish the open entry (its descriptor is written when the queue reaches it). */
  end(): void {
    const e = this.current;
    if (!e) throw new Error('No open ZIP entry');
    if (this.sliceBytes > 0) this.cutSlice(e);
    this.ops.push({ kind: 'data', entry: e, data: FINAL_EMPTY_BLOCK });
    this.ops.push({ kind: 'end', entry: e });
    this.current = null;
  }

  /** A whole small entry at once (the XML parts of a workbook), compressed in place. */
  addEntry(name: string, data: Buffer | string): void {
    this.begin(name);
    const e = this.current;
    if (!e) throw new Error('No open ZIP entry');
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    e.crc = crc32(buf, 0);
    e.uncompressed = buf.length;
    this.ops.push({ kind: 'data', entry: e, data: deflateRawSync(buf, { level: this.level, finishFlush: Z.Z_SYNC_FLUSH }) });
    this.end();
  }

  /** Write queued work to disk, in order, until at most `keep` compressed slices are pending. */
  async drain(keep = MAX_QUEUED_SLICES / 2): Promise<void> {
    while (this.ops.length > 0) {
      const op = this.ops[0];
      if (!op) break;
      if (op.kind === 'data' && op.data instanceof Promise) {
        if (this.queuedSlices <= keep) break;
        const out = await op.data;
        this.queuedSlices--;
        this.ops.shift();
        this.writeData(op.entry, out);
        continue;
      }
      this.ops.shift();
      if (op.kind === 'begin') this.writeBegin(op.entry);
      else if (op.kind === 'data') this.writeData(op.entry, op.data as Buffer);
      else this.writeEnd(op.entry);
    }
  }

  /** Write everything still queued plus the central directory, close the file; returns its size. */
  async close(): Promise<number> {
    if (this.current) this.end();
    await this.drain(-1);
    const cdStart = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(FLAGS, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(this.dosTime, 12);
      c.writeUInt16LE(this.dosDate, 14);
      c.writeUInt32LE(e.crc >>> 0, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.uncompressed, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      this.writeRaw(c);
      this.writeRaw(e.name);
    }
    const cdSize = this.offset - cdStart;
    this.checkOffset();
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    this.writeRaw(end);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    return this.offset;
  }

  /** Close the file without finishing the archive (after an error); the partial file stays. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.ops.length = 0;
    this.queuedSlices = 0;
  }

  private cutSlice(e: CentralEntry): void {
    const buf = this.slice.length === 1 ? (this.slice[0] as Buffer) : Buffer.concat(this.slice);
    this.slice = [];
    this.sliceBytes = 0;
    const p = deflateSlice(buf, this.level);
    // Attached at once so a failure is never reported as unhandled; drain() still sees it.
    p.catch(() => undefined);
    this.ops.push({ kind: 'data', entry: e, data: p });
    this.queuedSlices++;
  }

  private writeBegin(e: CentralEntry): void {
    this.checkOffset();
    e.offset = this.offset;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(FLAGS, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(this.dosTime, 10);
    h.writeUInt16LE(this.dosDate, 12);
    h.writeUInt16LE(e.name.length, 26);
    this.writeRaw(h);
    this.writeRaw(e.name);
  }

  private writeData(e: CentralEntry, buf: Buffer): void {
    e.compressed += buf.length;
    if (e.compressed > LIMIT_32) throw new ZipTooLargeError(`${this.path}: entry ${e.name.toString()}`);
    this.writeRaw(buf);
  }

  private writeEnd(e: CentralEntry): void {
    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(e.crc >>> 0, 4);
    dd.writeUInt32LE(e.compressed, 8);
    dd.writeUInt32LE(e.uncompressed, 12);
    this.writeRaw(dd);
  }

  private checkOffset(): void {
    if (this.offset > LIMIT_32) throw new ZipTooLargeError(this.path);
  }

  private writeRaw(buf: Buffer): void {
    if (this.fd === null) throw new Error(`ZIP writer for ${this.path} is closed`);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.offset += buf.length;
  }
}
