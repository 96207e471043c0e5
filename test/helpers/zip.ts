/**
 * A ZIP written byte by byte for the reader tests, so each header field can be set to what a hostile
 * file has: stored or deflated entries, lying sizes, flags (bit 0: encrypted), pre-deflated bombs.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  readonly name: string;
  readonly data: Buffer | string;
  /** Store instead of deflate. */
  readonly stored?: boolean;
  /** Write this uncompressed size in the headers instead of the real one (a lying header). */
  readonly declaredSize?: number;
  /** General-purpose flags of both headers (default 0x800, UTF-8 names; bit 0: encrypted). */
  readonly flags?: number;
  /** Bytes already deflated (a bomb's: deflating 200 MB once is enough); `data` is still the plain text for the CRC. */
  readonly deflated?: Buffer;
  readonly realSize?: number;
}

/** The ZIP holding `parts`, in order. */
export function buildZip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const data = p.deflated ?? (p.stored ? raw : deflateRawSync(raw));
    const size = p.declaredSize ?? p.realSize ?? raw.length;
    const crc = crc32(raw);
    const name = Buffer.from(p.name, 'utf8');
    const method = p.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.flags ?? 0x800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    chunks.push(local, name, data);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, end]);
}
