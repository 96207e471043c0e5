/**
 * A tiny ESRI Shapefile writer for the boundary tests (.shp, .shx, .dbf, .prj), and a Transverse
 * Mercator forward projection written from Snyder's USGS formulas — independent of the app's
 * Krüger-series inverse, so a round trip through both checks each against the other.
 */

export interface DbfField {
  readonly name: string;
  readonly type: 'C' | 'N';
  readonly length: number;
  readonly decimals?: number;
}

export interface ShapeRecord {
  /** Rings in file coordinates; outer rings clockwise, holes counter-clockwise (the shapefile rule). */
  readonly rings: readonly (readonly (readonly [number, number])[])[];
  readonly values: readonly (string | number | null)[];
}

export interface ShapefileBytes {
  readonly shp: Buffer;
  readonly shx: Buffer;
  readonly dbf: Buffer;
}

function header(fileBytes: number, shapeType: number, bbox: readonly number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  bbox.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

/** Polygon (5) or PolygonZ (15, with zero Z and M) records and their attributes. */
export function writeShapefile(records: readonly ShapeRecord[], fields: readonly DbfField[], shapeType: 5 | 15 = 5): ShapefileBytes {
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const contents: Buffer[] = [];
  for (const r of records) {
    const pts = r.rings.flat();
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of pts) {
      b[0] = Math.min(b[0] as number, x);
      b[1] = Math.min(b[1] as number, y);
      b[2] = Math.max(b[2] as number, x);
      b[3] = Math.max(b[3] as number, y);
    }
    for (let i = 0; i < 4; i++) bbox[i] = i < 2 ? Math.min(bbox[i] as number, b[i] as number) : Math.max(bbox[i] as number, b[i] as number);
    const zBytes = shapeType === 15 ? 16 + 8 * pts.length + 16 + 8 * pts.length : 0;
    const c = Buffer.alloc(44 + 4 * r.rings.length + 16 * pts.length + zBytes);
    c.writeInt32LE(shapeType, 0);
    b.forEach((v, i) => c.writeDoubleLE(v, 4 + 8 * i));
    c.writeInt32LE(r.rings.length, 36);
    c.writeInt32LE(pts.length, 40);
    let start = 0;
    r.rings.forEach((ring, i) => {
      c.writeInt32LE(start, 44 + 4 * i);
      start += ring.length;
    });
    const p0 = 44 + 4 * r.rings.length;
    pts.forEach(([x, y], i) => {
      c.writeDoubleLE(x, p0 + 16 * i);
      c.writeDoubleLE(y, p0 + 16 * i + 8);
    });
    contents.push(c);
  }
  const shpParts: Buffer[] = [];
  const shxParts: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    shpParts.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    shxParts.push(ix);
    offset += 8 + c.length;
  });
  const shp = Buffer.concat([header(offset, shapeType, bbox), ...shpParts]);
  const shx = Buffer.concat([header(100 + 8 * records.length, shapeType, bbox), ...shxParts]);
  return { shp, shx, dbf: writeDbf(records.map((r) => r.values), fields) };
}

export function writeDbf(rows: readonly (readonly (string | number | null)[])[], fields: readonly DbfField[], encode: (s: string) => Buffer = (s) => Buffer.from(s, 'latin1')): Buffer {
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const h = Buffer.alloc(headerLen);
  h[0] = 0x03;
  h[1] = 125;
  h[2] = 1;
  h[3] = 1;
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headerLen, 8);
  h.writeUInt16LE(recordLen, 10);
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    Buffer.from(f.name, 'latin1').copy(h, p, 0, 10);
    h[p + 11] = f.type.charCodeAt(0);
    h[p + 16] = f.length;
    h[p + 17] = f.decimals ?? 0;
  });
  h[headerLen - 1] = 0x0d;
  const body = Buffer.alloc(rows.length * recordLen + 1, 0x20);
  rows.forEach((row, r) => {
    let p = r * recordLen + 1;
    fields.forEach((f, i) => {
      const v = row[i];
      const text = v === null || v === undefined ? '' : f.type === 'N' ? (typeof v === 'number' ? v.toFixed(f.decimals ?? 0) : v).padStart(f.length) : String(v);
      encode(text).copy(body, p, 0, f.length);
      p += f.length;
    });
  });
  body[body.length - 1] = 0x1a;
  return Buffer.concat([h, body]);
}

/** ESRI WKT of "WGS 84 / UTM zone NN N|S" (or DGN95). */
export function utmPrj(zone: number, south: boolean, datum: 'WGS84' | 'DGN95' = 'WGS84'): string {
  const geog =
    datum === 'WGS84'
      ? 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
      : 'GEOGCS["GCS_DGN_1995",DATUM["D_Datum_Geodesi_Nasional_1995",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  const name = `${datum === 'WGS84' ? 'WGS_1984' : 'DGN_1995'}_UTM_Zone_${zone}${south ? 'S' : 'N'}`;
  return `PROJCS["${name}",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",${south ? '10000000.0' : '0.0'}],PARAMETER["Central_Meridian",${zone * 6 - 183}.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}

/** WGS84 lon/lat → UTM easting/northing (Snyder 1987, eqs. 8-9 to 8-10; millimetres within a zone). */
export function utmForward(lon: number, lat: number, zone: number, south: boolean): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const k0 = 0.9996;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const phi = (lat * Math.PI) / 180;
  const lam0 = ((zone * 6 - 183) * Math.PI) / 180;
  const N = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const T = Math.tan(phi) ** 2;
  const C = ep2 * Math.cos(phi) ** 2;
  const A = ((lon * Math.PI) / 180 - lam0) * Math.cos(phi);
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  const M =
    a *
    ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi -
      ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi) +
      ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) -
      ((35 * e6) / 3072) * Math.sin(6 * phi));
  const x = k0 * N * (A + ((1 - T + C) * A ** 3) / 6 + ((5 - 18 * T + T * T + 72 * C - 58 * ep2) * A ** 5) / 120);
  const y = k0 * (M + N * Math.tan(phi) * (A ** 2 / 2 + ((5 - T + 9 * C + 4 * C * C) * A ** 4) / 24 + ((61 - 58 * T + T * T + 600 * C - 330 * ep2) * A ** 6) / 720));
  return [500000 + x, (south ? 10_000_000 : 0) + y];
}
