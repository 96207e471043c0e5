/**
 * ESRI Shapefiles as offices receive them from BIG or BPS: a .zip holding .shp (geometry), .shx
 * (index, not needed to read the records in order), .dbf (attributes), .prj (projection, WKT) and
 * sometimes .cpg (the attributes' code page); or a .shp with its sibling files in one folder.
 * Polygon, PolygonZ and PolygonM records are read (Z and M are dropped). The archive goes through
 * the project's hardened ZIP reader (entry caps, zip-bomb ratio, sizes enforced while inflating).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { TextDecoder } from 'node:util';
import { SpreadsheetError } from '../imports/readers/spreadsheet-error.ts';
import { ZipReader } from '../imports/readers/zip.ts';
import { BoundaryFileError } from './boundary-error.ts';
import { pointInRing, signedArea2, type ParsedFeature, type Polygon, type PropValue, type Ring } from './geometry.ts';
import { FORBIDDEN_KEYS } from './parse-json.ts';
import { GEOGRAPHIC_WGS84, projectionFromWkt, type Projection } from './projection.ts';

export interface ShapefileLimits {
  readonly maxFeatures: number;
  readonly maxVertices: number;
  /** Largest inflated part of the archive. */
  readonly maxEntryBytes: number;
}

export interface ParsedShapefile {
  readonly features: ParsedFeature[];
  readonly projection: Projection;
  readonly encoding: string;
}

interface ShapefileParts {
  readonly name: string;
  readonly shp: Buffer;
  readonly dbf: Buffer | null;
  readonly prj: string | null;
  readonly cpg: string | null;
}

const SHAPE_TYPES: Readonly<Record<number, string>> = {
  1: 'Point', 3: 'PolyLine', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 28: 'MultiPointM', 31: 'MultiPatch',
};
const POLYGON_TYPES = new Set([5, 15, 25]);

function zipError(e: unknown, maxEntryBytes: number): unknown {
  if (!(e instanceof SpreadsheetError)) return e;
  const part = e.part ?? '?';
  switch (e.kind) {
    case 'empty':
      return new BoundaryFileError('maps.file.empty');
    case 'pdf':
    case 'not_workbook':
      return new BoundaryFileError('maps.file.notZip');
    case 'zip_bomb':
      return new BoundaryFileError('maps.file.zipBomb', { part });
    case 'too_large':
      return new BoundaryFileError('maps.file.zipEntryTooLarge', { part, limit: `${Math.round(maxEntryBytes / 1024 / 1024)} MB` });
    case 'encrypted':
      return new BoundaryFileError('maps.file.zipEncrypted');
    case 'unsupported':
      return new BoundaryFileError('maps.file.zipUnsupported');
    case 'too_many_entries':
      return new BoundaryFileError('maps.file.zipTooManyEntries', { count: e.message.match(/\d+/)?.[0] ?? '?', max: 1000 });
    default:
      return new BoundaryFileError('maps.file.zipCorrupt', { part: e.part ? ` (${e.part})` : '' });
  }
}

/** Entries of an archive that are data, not folders or the macOS resource forks some zips carry. */
function dataEntries(names: readonly string[]): string[] {
  return names.filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/') && !basename(n).startsWith('._'));
}

function stemOf(name: string): string {
  return name.slice(0, name.length - extname(name).length).toLowerCase();
}

/** The sibling with the same stem and extension, or the only file of that extension. */
function sibling(names: readonly string[], shp: string, ext: string): string | null {
  const same = names.find((n) => stemOf(n) === stemOf(shp) && extname(n).toLowerCase() === ext);
  if (same) return same;
  const all = names.filter((n) => extname(n).toLowerCase() === ext);
  return all.length === 1 ? (all[0] ?? null) : null;
}

async function readZipParts(path: string, limits: ShapefileLimits): Promise<ShapefileParts> {
  let zip: ZipReader;
  try {
    zip = ZipReader.open(path, { maxEntries: 1000, maxEntryBytes: limits.maxEntryBytes });
  } catch (e) {
    throw zipError(e, limits.maxEntryBytes);
  }
  try {
    const names = dataEntries([...zip.entries.keys()]);
    const shps = names.filter((n) => extname(n).toLowerCase() === '.shp');
    if (shps.length === 0) throw new BoundaryFileError('maps.file.noShp', { entries: names.slice(0, 12).join(', ') || '-' });
    if (shps.length > 1) throw new BoundaryFileError('maps.file.manyShp', { names: shps.slice(0, 8).join(', ') });
    const shpName = shps[0] as string;
    const read = async (name: string | null): Promise<Buffer | null> => {
      if (name === null) return null;
      const chunks: Buffer[] = [];
      for await (const c of zip.readEntry(name, limits.maxEntryBytes)) chunks.push(c);
      return Buffer.concat(chunks);
    };
    const shp = (await read(shpName)) as Buffer;
    const dbf = await read(sibling(names, shpName, '.dbf'));
    const prj = await read(sibling(names, shpName, '.prj'));
    const cpg = await read(sibling(names, shpName, '.cpg'));
    return { name: basename(shpName), shp, dbf, prj: prj ? prj.toString('utf8').slice(0, 20_000) : null, cpg: cpg ? cpg.toString('latin1').slice(0, 100) : null };
  } catch (e) {
    throw zipError(e, limits.maxEntryBytes);
  } finally {
    zip.close();
  }
}

function readLooseParts(path: string): ShapefileParts {
  const dir = dirname(path);
  const names = readdirSync(dir);
  const own = basename(path);
  const pick = (ext: string): Buffer | null => {
    const n = sibling(names, own, ext);
    return n === null ? null : readFileSync(join(dir, n));
  };
  return {
    name: own,
    shp: readFileSync(path),
    dbf: pick('.dbf'),
    prj: pick('.prj')?.toString('utf8').slice(0, 20_000) ?? null,
    cpg: pick('.cpg')?.toString('latin1').slice(0, 100) ?? null,
  };
}

export async function parseShapefile(path: string, zipped: boolean, limits: ShapefileLimits): Promise<ParsedShapefile> {
  const parts = zipped ? await readZipParts(path, limits) : readLooseParts(path);
  if (!parts.dbf) throw new BoundaryFileError('maps.file.noDbf', { name: parts.name });
  const shapes = readShp(parts.shp, parts.name, limits);
  const dbfName = `${parts.name.slice(0, parts.name.length - 4)}.dbf`;
  const encoding = encodingOf(parts.cpg);
  const table = readDbf(parts.dbf, dbfName, encoding);
  if (table.rows.length !== shapes.records.length) {
    throw new BoundaryFileError('maps.file.dbfCount', { shp: parts.name, a: shapes.records.length, dbf: dbfName, b: table.rows.length });
  }
  let projection: Projection;
  if (parts.prj !== null && parts.prj.trim() !== '') projection = projectionFromWkt(parts.prj);
  else {
    const [x0, y0, x1, y1] = shapes.bbox;
    if (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90) throw new BoundaryFileError('maps.file.noPrj', { name: parts.name });
    projection = GEOGRAPHIC_WGS84;
  }
  const features: ParsedFeature[] = [];
  for (let i = 0; i < shapes.records.length; i++) {
    const rings = shapes.records[i];
    const row = table.rows[i];
    // Null shapes and rows deleted in the attribute table are not features.
    if (!rings || rings.length === 0 || row === null || row === undefined) continue;
    features.push({ index: i + 1, props: table.fields.map((f, k) => [f, row[k] ?? null] as const), polygons: assemble(rings) });
  }
  if (features.length === 0) throw new BoundaryFileError('maps.file.noPolygons', { types: '-' });
  return { features, projection, encoding };
}

// --- .shp --------------------------------------------------------------------------------------

function readShp(buf: Buffer, name: string, limits: ShapefileLimits): { records: (Ring[] | null)[]; bbox: [number, number, number, number] } {
  if (buf.length < 100 || buf.readInt32BE(0) !== 9994 || buf.readInt32LE(28) !== 1000) throw new BoundaryFileError('maps.file.shpHeader', { name });
  const shapeType = buf.readInt32LE(32);
  if (!POLYGON_TYPES.has(shapeType) && shapeType !== 0) throw new BoundaryFileError('maps.file.shpType', { name, type: SHAPE_TYPES[shapeType] ?? `tipe ${shapeType}` });
  const declared = buf.readInt32BE(24) * 2;
  const end = Math.min(buf.length, declared > 0 ? declared : buf.length);
  const bbox: [number, number, number, number] = [buf.readDoubleLE(36), buf.readDoubleLE(44), buf.readDoubleLE(52), buf.readDoubleLE(60)];
  const records: (Ring[] | null)[] = [];
  let vertices = 0;
  let off = 100;
  let record = 0;
  while (off < end) {
    record++;
    if (record > limits.maxFeatures) throw new BoundaryFileError('maps.file.tooManyFeatures', { max: limits.maxFeatures });
    if (off + 12 > buf.length) throw new BoundaryFileError('maps.file.shpTruncated', { name, record });
    const len = buf.readInt32BE(off + 4) * 2;
    const c = off + 8;
    if (len < 4 || c + len > buf.length) throw new BoundaryFileError('maps.file.shpTruncated', { name, record });
    const type = buf.readInt32LE(c);
    if (type === 0) {
      records.push(null);
      off = c + len;
      continue;
    }
    if (!POLYGON_TYPES.has(type)) throw new BoundaryFileError('maps.file.shpType', { name, type: SHAPE_TYPES[type] ?? `tipe ${type}` });
    if (len < 44) throw new BoundaryFileError('maps.file.shpBadRecord', { name, record });
    const numParts = buf.readInt32LE(c + 36);
    const numPoints = buf.readInt32LE(c + 40);
    if (numParts < 1 || numPoints < numParts || numPoints > limits.maxVertices || 44 + 4 * numParts + 16 * numPoints > len) {
      throw new BoundaryFileError('maps.file.shpBadRecord', { name, record });
    }
    vertices += numPoints;
    if (vertices > limits.maxVertices) throw new BoundaryFileError('maps.file.tooManyVertices', { max: limits.maxVertices });
    const pts = c + 44 + 4 * numParts;
    const rings: Ring[] = [];
    for (let p = 0; p < numParts; p++) {
      const start = buf.readInt32LE(c + 44 + 4 * p);
      const stop = p + 1 < numParts ? buf.readInt32LE(c + 44 + 4 * (p + 1)) : numPoints;
      if (start < 0 || stop > numPoints || stop < start) throw new BoundaryFileError('maps.file.shpBadRecord', { name, record });
      const n = stop - start;
      const closed = n > 0 && buf.readDoubleLE(pts + 16 * start) === buf.readDoubleLE(pts + 16 * (stop - 1)) && buf.readDoubleLE(pts + 16 * start + 8) === buf.readDoubleLE(pts + 16 * (stop - 1) + 8);
      const ring = new Float64Array((closed ? n : n + 1) * 2);
      for (let k = 0; k < n; k++) {
        const x = buf.readDoubleLE(pts + 16 * (start + k));
        const y = buf.readDoubleLE(pts + 16 * (start + k) + 8);
        if (!Number.isFinite(x) || !Number.isFinite(y)) throw new BoundaryFileError('maps.file.badCoordinate', { feature: record });
        ring[2 * k] = x;
        ring[2 * k + 1] = y;
      }
      if (!closed && n > 0) {
        ring[2 * n] = ring[0] as number;
        ring[2 * n + 1] = ring[1] as number;
      }
      if (ring.length < 8) throw new BoundaryFileError('maps.file.ringTooShort', { feature: record, points: n });
      rings.push(ring);
    }
    records.push(rings);
    off = c + len;
  }
  // A file cut exactly between two records: the header still says how long it was.
  if (declared > buf.length) throw new BoundaryFileError('maps.file.shpTruncated', { name, record: record + 1 });
  return { records, bbox };
}

/**
 * Shapefile rings are outer rings (clockwise) and holes (counter-clockwise) in one list: each hole
 * goes to the smallest outer ring around it; a "hole" inside nothing is an outer ring written the
 * wrong way round, as some tools do.
 */
function assemble(rings: readonly Ring[]): Polygon[] {
  const outers: { ring: Ring; area: number; holes: Ring[] }[] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    const a = signedArea2(r);
    if (a <= 0) outers.push({ ring: r, area: -a, holes: [] });
    else holes.push(r);
  }
  if (outers.length === 0) return holes.map((h) => [h]);
  const loose: Ring[] = [];
  for (const h of holes) {
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) {
      if (pointInRing(h[0] as number, h[1] as number, o.ring) && (best === null || o.area < best.area)) best = o;
    }
    if (best) best.holes.push(h);
    else loose.push(h);
  }
  return [...outers.map((o) => [o.ring, ...o.holes]), ...loose.map((h) => [h])];
}

// --- .dbf --------------------------------------------------------------------------------------

/** The code page a .cpg names (UTF-8 from newer tools), else Latin-1 as older BIG/BPS files are. */
function encodingOf(cpg: string | null): string {
  const label = (cpg ?? '').trim().toLowerCase().replace(/^ansi\s*/, '');
  if (label === '') return 'latin1';
  if (/^(utf-?8|65001)$/.test(label)) return 'utf-8';
  if (/^\d{3,4}$/.test(label)) return `windows-${label}`;
  if (/^8859-?(\d+)$/.test(label)) return `iso-8859-${label.replace(/^8859-?/, '')}`;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'latin1';
  }
}

function readDbf(buf: Buffer, name: string, encoding: string): { fields: string[]; rows: (PropValue[] | null)[] } {
  const corrupt = (): never => {
    throw new BoundaryFileError('maps.file.dbfCorrupt', { name });
  };
  if (buf.length < 33) corrupt();
  const count = buf.readUInt32LE(4);
  const headerLen = buf.readUInt16LE(8);
  const recordLen = buf.readUInt16LE(10);
  if (headerLen < 33 || headerLen > buf.length || recordLen < 1) corrupt();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    decoder = new TextDecoder('latin1');
  }
  const fields: { name: string; type: string; offset: number; length: number }[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= headerLen && buf[p] !== 0x0d; p += 32) {
    const raw = buf.subarray(p, p + 11);
    const nul = raw.indexOf(0);
    const fieldName = decoder.decode(nul >= 0 ? raw.subarray(0, nul) : raw).trim();
    if (FORBIDDEN_KEYS.has(fieldName)) throw new BoundaryFileError('maps.file.forbiddenProperty', { feature: 1, name: fieldName });
    const length = buf[p + 16] as number;
    fields.push({ name: fieldName || `FIELD${fields.length + 1}`, type: String.fromCharCode(buf[p + 11] as number), offset, length });
    offset += length;
  }
  if (offset > recordLen) corrupt();
  if (headerLen + count * recordLen > buf.length) corrupt();
  const rows: (PropValue[] | null)[] = [];
  for (let r = 0; r < count; r++) {
    const base = headerLen + r * recordLen;
    if (buf[base] === 0x2a) {
      rows.push(null);
      continue;
    }
    rows.push(fields.map((f) => dbfValue(buf.subarray(base + f.offset, base + f.offset + f.length), f.type, decoder)));
  }
  return { fields: fields.map((f) => f.name), rows };
}

function dbfValue(bytes: Buffer, type: string, decoder: TextDecoder): PropValue {
  switch (type) {
    case 'N':
    case 'F': {
      const t = bytes.toString('latin1').trim();
      if (t === '' || /^\*+$/.test(t)) return null;
      // Codes stored as numbers keep their text (leading zeros, 10-digit codes beyond float noise).
      const n = Number(t);
      return Number.isFinite(n) ? (/^-?\d{9,}$/.test(t) ? t : n) : null;
    }
    case 'L': {
      const c = bytes.toString('latin1').trim().toUpperCase();
      return c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
    }
    case 'D': {
      const t = bytes.toString('latin1').trim();
      return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
    }
    case 'I':
      return bytes.length === 4 ? bytes.readInt32LE(0) : null;
    case 'O':
      return bytes.length === 8 && Number.isFinite(bytes.readDoubleLE(0)) ? bytes.readDoubleLE(0) : null;
    case 'M':
    case 'G':
    case 'B':
    case 'P':
      return null;
    default: {
      const t = decoder.decode(bytes).replace(/\u0000/g, '').trim();
      return t === '' ? null : t;
    }
  }
}
