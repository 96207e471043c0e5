/**
 * A minimal ZIP reader for the container of an .xlsx, built to refuse hostile files early:
 * signature check before anything else (a PDF renamed .xlsx), End of Central Directory search
 * bounded to the last 64 KiB + 22 bytes, caps on entry count, declared sizes and compression
 * ratio (a zip bomb is refused from its directory, before inflating a byte), and the real
 * inflated size enforced while inflating (a header that lies about its size is caught at the
 * first byte past what it declared). No encryption, no Zip64, stored and deflate only.
 *
 * Entries are read as an **async** stream of inflated chunks. Node has no public synchronous
 * incremental inflater: `inflateRawSync` needs the whole compressed entry and returns the whole
 * output, which for a 500 MB sheet means holding it all — the very thing a streaming reader is
 * for. `createInflateRaw()` keeps the deflate window between chunks and applies back-pressure;
 * imports run in a worker, so an async generator costs nothing there.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { SpreadsheetError } from './spreadsheet-error.ts';

export interface ZipLimits {
  /** Most entries in the directory (an .xlsx has a dozen to a few hundred). Default 10,000. */
  readonly maxEntries?: number;
  /** Largest uncompressed entry, declared or actual. Default 2 GiB. */
  readonly maxEntryBytes?: number;
  /** Highest uncompressed/compressed ratio for entries above `ratioFloorBytes`. Default 200. */
  readonly maxRatio?: number;
  /** Entries smaller than this are not ratio-checked (tiny XML parts compress well). Default 1 MiB. */
  readonly ratioFloorBytes?: number;
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: 0 | 8;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const READ_CHUNK = 1 << 20;

const NOT_EXCEL = 'Berkas ini bukan buku kerja Excel (.xlsx) yang sah.';

function corrupt(detail: string, part?: string): SpreadsheetError {
  return new SpreadsheetError('corrupt', `Berkas Excel rusak atau terpotong (${detail}). Simpan ulang berkas dari Excel lalu coba lagi.`, part === undefined ? {} : { part });
}

function readExact(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw corrupt('akhir berkas tak terduga');
    got += n;
  }
  return buf;
}

/** What the first bytes of a file say it is; shared with detect-format. */
export function isZipSignature(head: Uint8Array): boolean {
  // PK\x03\x04 (an archive with entries) or PK\x05\x06 (an empty archive).
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

export function isPdfSignature(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46;
}

export class ZipReader {
  readonly path: string;
  readonly size: number;
  readonly entries: ReadonlyMap<string, ZipEntry>;
  private fd: number | null;
  private readonly maxEntryBytes: number;
  private readonly maxRatio: number;
  private readonly ratioFloor: number;

  /** Open and check an archive; throws SpreadsheetError for anything it will not read. */
  static open(path: string, limits: ZipLimits = {}): ZipReader {
    const fd = openSync(path, 'r');
    try {
      return new ZipReader(path, fd, limits);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  private constructor(path: string, fd: number, limits: ZipLimits) {
    this.path = path;
    this.fd = fd;
    this.maxEntryBytes = limits.maxEntryBytes ?? 2 * 1024 ** 3;
    this.maxRatio = limits.maxRatio ?? 200;
    this.ratioFloor = limits.ratioFloorBytes ?? 1024 * 1024;
    const maxEntries = limits.maxEntries ?? 10_000;
    this.size = fstatSync(fd).size;
    if (this.size === 0) throw new SpreadsheetError('empty', 'Berkas kosong (0 bait).');
    const head = readExact(fd, Math.min(8, this.size), 0);
    if (isPdfSignature(head)) throw new SpreadsheetError('pdf', 'Berkas ini adalah dokumen PDF, bukan buku kerja Excel yang sah. Minta berkas aslinya dalam format .xlsx atau .csv.');
    if (!isZipSignature(head)) throw new SpreadsheetError('not_workbook', NOT_EXCEL);

    // End of Central Directory: 22 bytes plus a comment of at most 64 KiB, at the very end.
    const tailLen = Math.min(this.size, EOCD_SIZE + MAX_COMMENT);
    const tailStart = this.size - tailLen;
    const tail = readExact(fd, tailLen, tailStart);
    let eocd = -1;
    for (let i = tailLen - EOCD_SIZE; i >= 0; i--) {
      // The comment length must reach exactly (or, leniently, within) the end of the file.
      if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tailLen) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) throw corrupt('direktori pusat ZIP tidak ditemukan');
    const disk = tail.readUInt16LE(eocd + 4);
    const cdDisk = tail.readUInt16LE(eocd + 6);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const zip64Locator = eocd >= 20 && tail.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR;
    if (zip64Locator || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new SpreadsheetError('unsupported', 'Berkas Excel ini memakai format ZIP64 (berkas sangat besar) yang belum didukung. Pecah data menjadi beberapa berkas lebih kecil.', { fallback: true });
    }
    if (disk !== 0 || cdDisk !== 0) throw corrupt('arsip ZIP terbagi beberapa bagian');
    if (count > maxEntries) {
      throw new SpreadsheetError('too_many_entries', `Berkas berisi ${count} bagian, melebihi batas ${maxEntries}. Berkas ini tidak tampak seperti buku kerja Excel biasa.`);
    }
    const eocdPos = tailStart + eocd;
    if (cdOffset + cdSize > eocdPos) throw corrupt('direktori pusat ZIP terpotong');
    const cd = readExact(fd, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt('entri direktori pusat ZIP tidak sah');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localHeaderOffset = cd.readUInt32LE(p + 42);
      const next = p + 46 + nameLen + extraLen + commentLen;
      if (next > cd.length) throw corrupt('entri direktori pusat ZIP terpotong');
      // Bit 11 says UTF-8; older writers use CP437, which is ASCII for every name an xlsx has.
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      p = next;
      // Bit 0: traditional encryption; bit 6: strong encryption; method 99: AES.
      if (flags & 0x41 || method === 99) {
        throw new SpreadsheetError('encrypted', 'Buku kerja ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu impor lagi.', { part: name });
      }
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        throw new SpreadsheetError('unsupported', 'Berkas Excel ini memakai format ZIP64 (berkas sangat besar) yang belum didukung. Pecah data menjadi beberapa berkas lebih kecil.', { part: name, fallback: true });
      }
      if (method !== 0 && method !== 8) {
        throw new SpreadsheetError('unsupported', `Berkas Excel ini memakai metode kompresi ${method} yang tidak didukung. Simpan ulang dari Excel lalu coba lagi.`, { part: name });
      }
      if (localHeaderOffset + 30 + compressedSize > cdOffset) throw corrupt('data entri melewati direktori pusat', name);
      entries.set(name, { name, method, compressedSize, uncompressedSize, crc, localHeaderOffset });
    }
    this.entries = entries;
  }

  /** Throws when an entry's declared size or ratio is beyond the limits (checked before reading). */
  private checkDeclared(e: ZipEntry): void {
    if (e.uncompressedSize > this.maxEntryBytes) {
      throw new SpreadsheetError('too_large', `Bagian ${e.name} berukuran ${mb(e.uncompressedSize)} MB setelah dibuka, melebihi batas ${mb(this.maxEntryBytes)} MB.`, { part: e.name });
    }
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) throw corrupt('ukuran entri tanpa kompresi tidak cocok', e.name);
    if (e.uncompressedSize >= this.ratioFloor && e.uncompressedSize > this.maxRatio * Math.max(1, e.compressedSize)) {
      throw new SpreadsheetError(
        'zip_bomb',
        `Bagian ${e.name} mengembang ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} kali lipat saat dibuka (batas ${this.maxRatio}×): berkas ini tampak seperti "bom zip" dan ditolak.`,
        { part: e.name },
      );
    }
  }

  /** Where an entry's data starts, from its local header (whose name/extra lengths may differ). */
  private dataStart(e: ZipEntry): number {
    if (this.fd === null) throw new Error('ZipReader is closed');
    const h = readExact(this.fd, 30, e.localHeaderOffset);
    if (h.readUInt32LE(0) !== SIG_LOCAL) throw corrupt('header lokal ZIP tidak sah', e.name);
    const start = e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > this.size) throw corrupt('data entri terpotong', e.name);
    return start;
  }

  /** Compressed bytes of an entry, in chunks, straight from the file. */
  private *rawChunks(start: number, length: number): Generator<Buffer> {
    let pos = start;
    const end = start + length;
    while (pos < end) {
      if (this.fd === null) return;
      const n = Math.min(READ_CHUNK, end - pos);
      yield readExact(this.fd, n, pos);
      pos += n;
    }
  }

  /**
   * An entry's uncompressed bytes as a stream of chunks. Throws `zip_bomb` as soon as more bytes
   * come out than the directory declared (or than maxBytes), `corrupt` on bad deflate data,
   * short output or a CRC mismatch. Breaking out of the loop early stops the inflater.
   */
  async *readEntry(name: string, maxBytes = this.maxEntryBytes): AsyncGenerator<Buffer, void, undefined> {
    const e = this.entries.get(name);
    if (!e) throw new SpreadsheetError('corrupt_xml', `Bagian ${name} tidak ada di dalam berkas Excel.`, { part: name });
    this.checkDeclared(e);
    const start = this.dataStart(e);
    const limit = Math.min(e.uncompressedSize, maxBytes);
    let total = 0;
    let crc = 0;
    if (e.method === 0) {
      for (const chunk of this.rawChunks(start, e.compressedSize)) {
        total += chunk.length;
        if (total > limit) throw this.overflow(e, maxBytes);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } else {
      const source = Readable.from(this.rawChunks(start, e.compressedSize), { objectMode: false });
      const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
      source.on('error', (err) => inflater.destroy(err));
      source.pipe(inflater);
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > limit) throw this.overflow(e, maxBytes);
          crc = crc32(chunk, crc);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof SpreadsheetError) throw err;
        // zlib's own (English) text goes in `cause` for the log, not in the user's message.
        const e2 = corrupt('data terkompresi tidak sah', e.name);
        e2.cause = err;
        throw e2;
      } finally {
        source.unpipe(inflater);
        source.destroy();
        inflater.destroy();
      }
    }
    if (total !== e.uncompressedSize) throw corrupt('ukuran isi tidak sesuai header', e.name);
    if (crc >>> 0 !== e.crc >>> 0) throw corrupt('CRC tidak cocok', e.name);
  }

  /** A whole (small) entry as text; maxBytes guards parts that are read in one piece. */
  async readText(name: string, maxBytes: number): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of this.readEntry(name, maxBytes)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private overflow(e: ZipEntry, maxBytes: number): SpreadsheetError {
    if (e.uncompressedSize > maxBytes) {
      return new SpreadsheetError('too_large', `Bagian ${e.name} melebihi batas ${mb(maxBytes)} MB setelah dibuka.`, { part: e.name });
    }
    return new SpreadsheetError(
      'zip_bomb',
      `Bagian ${e.name} menghasilkan lebih banyak data daripada ukuran yang tercatat (${e.uncompressedSize} bait): header berkas tidak jujur, berkas ditolak.`,
      { part: e.name },
    );
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
