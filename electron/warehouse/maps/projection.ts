/**
 * From the coordinates a boundary file is written in to WGS84 longitude/latitude. A shapefile's
 * `.prj` (WKT 1, ESRI or OGC flavour, or WKT 2) or a GeoJSON `crs` member says which; supported are
 * geographic coordinates, Transverse Mercator (every UTM zone, TM-3 and other parameter sets),
 * Web Mercator and ellipsoidal Mercator, on WGS 84 / DGN95 / SRGI2013 / GRS 80 (the same within
 * centimetres for a map) or on a datum with a known shift to WGS 84 (ID74, Batavia, or TOWGS84).
 *
 * The Transverse Mercator inverse is Krüger's series in n (third order: millimetres within a UTM
 * zone, well under a metre several zones out), the same series BIG and most GIS tools use.
 */
import { BoundaryFileError } from './boundary-error.ts';

export interface Projection {
  /** "EPSG:32751" when known, otherwise the name the file gave. */
  readonly label: string;
  readonly geographic: boolean;
  /** Convert one flat ring in place to [lng, lat] degrees. */
  readonly toWgs84: (ring: Float64Array) => void;
}

interface Ellipsoid {
  readonly a: number;
  readonly f: number;
}

const WGS84: Ellipsoid = { a: 6378137, f: 1 / 298.257223563 };
const DEG = Math.PI / 180;

/** Datums whose shift to WGS 84 is known and large enough to matter on a village map (metres). */
const KNOWN_SHIFTS: readonly { readonly match: RegExp; readonly ellipsoid: Ellipsoid; readonly shift: readonly number[] }[] = [
  // Indonesian Datum 1974 on the Indonesian National Spheroid (EPSG:4238 → WGS 84).
  { match: /indonesian.?(datum.?)?1974|^d?_?id.?74$|id74/, ellipsoid: { a: 6378160, f: 1 / 298.247 }, shift: [-24, -15, 5] },
  // Batavia on Bessel 1841 (EPSG:4211 → WGS 84).
  { match: /batavia/, ellipsoid: { a: 6377397.155, f: 1 / 299.1528128 }, shift: [-377, 681, -50] },
];

/** Datums that are WGS 84 for a map (differences of centimetres to a metre at most). */
const WGS84_LIKE = /wgs.?(19)?84|dgn.?(19)?95|datum.?geodesi.?nasional.?1995|srgi|itrf|grs.?(19)?80|etrs|wgs84/;

// --- WKT -----------------------------------------------------------------------------------

interface WktNode {
  readonly name: string;
  readonly args: (string | number | WktNode)[];
}

/** A tolerant WKT reader: KEYWORD[ "text" | number | KEYWORD[…] , … ], brackets or parentheses. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const fail = (): never => {
    throw new BoundaryFileError('maps.file.badPrj', {});
  };
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
  };
  let depth = 0;
  const node = (): WktNode => {
    ws();
    const start = i;
    while (i < s.length && /[A-Za-z0-9_]/.test(s[i] as string)) i++;
    const name = s.slice(start, i).toUpperCase();
    if (name === '') fail();
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { name, args: [] };
    const close = open === '[' ? ']' : ')';
    if (++depth > 32) fail();
    i++;
    const args: (string | number | WktNode)[] = [];
    for (;;) {
      ws();
      const c = s[i];
      if (c === undefined) fail();
      if (c === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) fail();
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (c !== undefined && /[-+0-9.]/.test(c)) {
        const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i, i + 40));
        if (!m) fail();
        args.push(Number(m?.[0]));
        i += m?.[0].length ?? 0;
      } else {
        args.push(node());
      }
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        depth--;
        return { name, args };
      }
      fail();
    }
  };
  const root = node();
  if (args(root).length === 0) fail();
  return root;
}

function args(n: WktNode): (string | number | WktNode)[] {
  return n.args;
}

function child(n: WktNode | undefined, ...names: string[]): WktNode | undefined {
  if (!n) return undefined;
  for (const a of n.args) if (typeof a === 'object' && names.includes(a.name)) return a;
  return undefined;
}

function children(n: WktNode | undefined, name: string): WktNode[] {
  if (!n) return [];
  return n.args.filter((a): a is WktNode => typeof a === 'object' && a.name === name);
}

function str(n: WktNode | undefined, at = 0): string {
  const v = n?.args[at];
  return typeof v === 'string' ? v : '';
}

function num(n: WktNode | undefined, at: number): number | null {
  const v = n?.args[at];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function authorityCode(n: WktNode | undefined): string | null {
  const a = child(n, 'AUTHORITY', 'ID');
  if (!a || key(str(a)) !== 'epsg') return null;
  const v = a.args[1];
  return typeof v === 'number' || typeof v === 'string' ? String(v) : null;
}

// --- Datum ---------------------------------------------------------------------------------

interface Datum {
  readonly name: string;
  readonly ellipsoid: Ellipsoid;
  /** Helmert parameters to WGS 84 (3 or 7, position-vector convention), or null when none is needed. */
  readonly shift: readonly number[] | null;
}

function datumOf(geog: WktNode | undefined): Datum {
  const datum = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF');
  const sph = child(datum, 'SPHEROID', 'ELLIPSOID');
  const a = num(sph, 1);
  const invf = num(sph, 2);
  const name = str(datum) || str(geog);
  const ellipsoid: Ellipsoid = a !== null && a > 6_000_000 && a < 7_000_000 ? { a, f: invf !== null && invf > 0 ? 1 / invf : 0 } : WGS84;
  const towgs = child(datum, 'TOWGS84') ?? child(geog, 'TOWGS84');
  if (towgs) {
    const p = towgs.args.filter((v): v is number => typeof v === 'number');
    if (p.length === 3 || p.length === 7) return { name, ellipsoid, shift: p.every((v) => v === 0) ? null : p };
  }
  const k = key(name);
  const known = KNOWN_SHIFTS.find((d) => d.match.test(k));
  if (known) return { name, ellipsoid: a !== null ? ellipsoid : known.ellipsoid, shift: known.shift };
  if (WGS84_LIKE.test(k) || name === '' || Math.abs(ellipsoid.a - 6378137) < 1e-3) return { name, ellipsoid, shift: null };
  throw new BoundaryFileError('maps.file.unknownDatum', { datum: name });
}

/** Geodetic on the source ellipsoid → geocentric → Helmert → geodetic on WGS 84 (in place, degrees). */
function shiftDatum(lonLat: Float64Array, from: Ellipsoid, p: readonly number[]): void {
  const [dx = 0, dy = 0, dz = 0] = p;
  const rx = ((p[3] ?? 0) / 3600) * DEG;
  const ry = ((p[4] ?? 0) / 3600) * DEG;
  const rz = ((p[5] ?? 0) / 3600) * DEG;
  const s = 1 + (p[6] ?? 0) * 1e-6;
  const e2s = from.f * (2 - from.f);
  const e2t = WGS84.f * (2 - WGS84.f);
  const bt = WGS84.a * (1 - WGS84.f);
  const ep2 = (WGS84.a * WGS84.a - bt * bt) / (bt * bt);
  for (let i = 0; i < lonLat.length; i += 2) {
    const lam = (lonLat[i] as number) * DEG;
    const phi = (lonLat[i + 1] as number) * DEG;
    const sp = Math.sin(phi);
    const nu = from.a / Math.sqrt(1 - e2s * sp * sp);
    const x0 = nu * Math.cos(phi) * Math.cos(lam);
    const y0 = nu * Math.cos(phi) * Math.sin(lam);
    const z0 = nu * (1 - e2s) * sp;
    const x = dx + s * (x0 - rz * y0 + ry * z0);
    const y = dy + s * (rz * x0 + y0 - rx * z0);
    const z = dz + s * (-ry * x0 + rx * y0 + z0);
    // Bowring's closed form: sub-millimetre on the Earth's surface.
    const pxy = Math.hypot(x, y);
    const th = Math.atan2(z * WGS84.a, pxy * bt);
    const lat = Math.atan2(z + ep2 * bt * Math.sin(th) ** 3, pxy - e2t * WGS84.a * Math.cos(th) ** 3);
    lonLat[i] = Math.atan2(y, x) / DEG;
    lonLat[i + 1] = lat / DEG;
  }
}

// --- Projections -----------------------------------------------------------------------------

interface TmParams {
  readonly lon0: number;
  readonly lat0: number;
  readonly k0: number;
  readonly fe: number;
  readonly fn: number;
  /** Metres per unit of the file's coordinates. */
  readonly unit: number;
}

/** Krüger's series for the Transverse Mercator (third order in n). */
function tmSeries(e: Ellipsoid): { A: number; alpha: number[]; beta: number[]; delta: number[]; n: number } {
  const n = e.f / (2 - e.f);
  const n2 = n * n;
  const n3 = n2 * n;
  return {
    n,
    A: (e.a / (1 + n)) * (1 + n2 / 4 + (n2 * n2) / 64),
    alpha: [n / 2 - (2 * n2) / 3 + (5 * n3) / 16, (13 * n2) / 48 - (3 * n3) / 5, (61 * n3) / 240],
    beta: [n / 2 - (2 * n2) / 3 + (37 * n3) / 96, n2 / 48 + n3 / 15, (17 * n3) / 480],
    delta: [2 * n - (2 * n2) / 3 - 2 * n3, (7 * n2) / 3 - (8 * n3) / 5, (56 * n3) / 15],
  };
}

/** Northing of latitude `phi` on the central meridian, before scale and false northing. */
function meridianXi(phi: number, s: ReturnType<typeof tmSeries>): number {
  const c = (2 * Math.sqrt(s.n)) / (1 + s.n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)));
  const xi = Math.atan(t);
  let m = xi;
  for (let j = 1; j <= 3; j++) m += (s.alpha[j - 1] as number) * Math.sin(2 * j * xi);
  return s.A * m;
}

function transverseMercator(p: TmParams, e: Ellipsoid): (ring: Float64Array) => void {
  const s = tmSeries(e);
  const m0 = p.lat0 === 0 ? 0 : meridianXi(p.lat0, s);
  const kA = p.k0 * s.A;
  return (ring) => {
    for (let i = 0; i < ring.length; i += 2) {
      const xi = ((ring[i + 1] as number) * p.unit - p.fn + p.k0 * m0) / kA;
      const eta = ((ring[i] as number) * p.unit - p.fe) / kA;
      let xi1 = xi;
      let eta1 = eta;
      for (let j = 1; j <= 3; j++) {
        const b = s.beta[j - 1] as number;
        xi1 -= b * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
        eta1 -= b * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
      }
      const chi = Math.asin(Math.sin(xi1) / Math.cosh(eta1));
      let phi = chi;
      for (let j = 1; j <= 3; j++) phi += (s.delta[j - 1] as number) * Math.sin(2 * j * chi);
      const lam = p.lon0 + Math.atan2(Math.sinh(eta1), Math.cos(xi1));
      ring[i] = lam / DEG;
      ring[i + 1] = phi / DEG;
    }
  };
}

/** Web Mercator (EPSG:3857): spherical formulas on the WGS 84 semi-major axis. */
function webMercator(unit: number, fe: number, fn: number): (ring: Float64Array) => void {
  const R = WGS84.a;
  return (ring) => {
    for (let i = 0; i < ring.length; i += 2) {
      const x = (ring[i] as number) * unit - fe;
      const y = (ring[i + 1] as number) * unit - fn;
      ring[i] = x / R / DEG;
      ring[i + 1] = (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) / DEG;
    }
  };
}

/** Mercator on the ellipsoid (EPSG:3395 and the like), latitude by fixed-point iteration. */
function ellipsoidalMercator(e: Ellipsoid, lon0: number, k0: number, fe: number, fn: number, unit: number): (ring: Float64Array) => void {
  const ecc = Math.sqrt(e.f * (2 - e.f));
  return (ring) => {
    for (let i = 0; i < ring.length; i += 2) {
      const x = (ring[i] as number) * unit - fe;
      const y = (ring[i + 1] as number) * unit - fn;
      const t = Math.exp(-y / (e.a * k0));
      let phi = Math.PI / 2 - 2 * Math.atan(t);
      for (let k = 0; k < 15; k++) {
        const es = ecc * Math.sin(phi);
        const next = Math.PI / 2 - 2 * Math.atan(t * ((1 - es) / (1 + es)) ** (ecc / 2));
        if (Math.abs(next - phi) < 1e-12) {
          phi = next;
          break;
        }
        phi = next;
      }
      ring[i] = (lon0 + x / (e.a * k0)) / DEG;
      ring[i + 1] = phi / DEG;
    }
  };
}

function withDatum(convert: (ring: Float64Array) => void, datum: Datum): (ring: Float64Array) => void {
  const shift = datum.shift;
  if (shift === null) return convert;
  return (ring) => {
    convert(ring);
    shiftDatum(ring, datum.ellipsoid, shift);
  };
}

const IDENTITY = (): void => undefined;

export const GEOGRAPHIC_WGS84: Projection = { label: 'EPSG:4326', geographic: true, toWgs84: IDENTITY };

/** UTM zone labels that have an EPSG code (WGS 84 everywhere; DGN95 where EPSG defines the zone). */
function utmLabel(datumKey: string, zone: number, south: boolean): string | null {
  if (WGS84_LIKE.test(datumKey) && /dgn|geodesinasional/.test(datumKey)) {
    if (!south && zone >= 46 && zone <= 52) return `EPSG:${23820 + zone}`;
    if (south && zone >= 47 && zone <= 54) return `EPSG:${23830 + zone}`;
    return null;
  }
  if (/wgs.?(19)?84/.test(datumKey)) return `EPSG:${(south ? 32700 : 32600) + zone}`;
  return null;
}

/** The projection a `.prj` (or any WKT) describes; throws a BoundaryFileError naming what is unknown. */
export function projectionFromWkt(text: string): Projection {
  const root = parseWkt(text);
  const name = str(root);
  const epsg = authorityCode(root);
  if (['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS'].includes(root.name)) {
    const datum = datumOf(root);
    return { label: epsg ? `EPSG:${epsg}` : datum.shift ? name : 'EPSG:4326', geographic: true, toWgs84: datum.shift ? withDatum(IDENTITY, datum) : IDENTITY };
  }
  if (!['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.name)) throw new BoundaryFileError('maps.file.unknownProjection', { projection: name || root.name });
  const geog = child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS');
  const datum = datumOf(geog);
  const conversion = child(root, 'CONVERSION') ?? root;
  const method = key(str(child(root, 'PROJECTION')) || str(child(conversion, 'METHOD')));
  const params = new Map<string, number>();
  for (const p of children(conversion, 'PARAMETER')) {
    const v = num(p, 1);
    if (v !== null) params.set(key(str(p)), v);
  }
  const param = (fallback: number, ...names: string[]): number => {
    for (const n of names) {
      const v = params.get(n);
      if (v !== undefined) return v;
    }
    return fallback;
  };
  const unitNode = child(root, 'UNIT', 'LENGTHUNIT') ?? child(child(root, 'CS'), 'LENGTHUNIT');
  const unit = num(unitNode, 1) ?? 1;
  const fe = param(0, 'falseeasting', 'eastingatfalseorigin') * unit;
  const fn = param(0, 'falsenorthing', 'northingatfalseorigin') * unit;
  const lon0 = param(0, 'centralmeridian', 'longitudeofnaturalorigin', 'longitudeoforigin', 'longitudeofcenter', 'longitudeoffalseorigin') * DEG;
  const lat0 = param(0, 'latitudeoforigin', 'latitudeofnaturalorigin', 'latitudeofcenter', 'latitudeoffalseorigin') * DEG;
  const datumKey = key(datum.name);
  const zoneFromName = /utm.?zone.?(\d{1,2})\s*([ns])?/i.exec(name.replace(/_/g, ' '));

  if (method === 'transversemercator' || method === 'gaussakrugermercator' || method === 'gausskruger' || (method === '' && zoneFromName)) {
    let p: TmParams;
    if (method === '' && zoneFromName) {
      const zone = Number(zoneFromName[1]);
      const south = (zoneFromName[2] ?? '').toLowerCase() === 's';
      p = { lon0: (zone * 6 - 183) * DEG, lat0: 0, k0: 0.9996, fe: 500000, fn: south ? 10_000_000 : 0, unit };
    } else {
      p = { lon0, lat0, k0: param(1, 'scalefactor', 'scalefactoratnaturalorigin'), fe, fn, unit };
    }
    let label = epsg ? `EPSG:${epsg}` : null;
    const zone = Math.round((p.lon0 / DEG + 183) / 6);
    if (!label && Math.abs(p.k0 - 0.9996) < 1e-9 && p.fe === 500000 && p.lat0 === 0 && Math.abs(p.lon0 / DEG - (zone * 6 - 183)) < 1e-9 && (p.fn === 0 || p.fn === 10_000_000)) {
      label = utmLabel(datumKey, zone, p.fn === 10_000_000);
      label ??= `UTM ${zone}${p.fn === 10_000_000 ? 'S' : 'N'} (${datum.name || 'WGS 84'})`;
    }
    return { label: label ?? (name || 'Transverse Mercator'), geographic: false, toWgs84: withDatum(transverseMercator(p, datum.ellipsoid), datum) };
  }
  const pseudo = /pseudo|auxiliarysphere|popularvisual|webmercator/.test(method) || /pseudo|webmercator|auxiliarysphere/.test(key(name));
  if (pseudo || (method.startsWith('mercator') && datum.ellipsoid.f === 0)) {
    return { label: epsg ? `EPSG:${epsg}` : 'EPSG:3857', geographic: false, toWgs84: webMercator(unit, fe, fn) };
  }
  if (method === 'mercator' || method === 'mercator1sp' || method === 'mercatorvarianta' || method === 'mercator2sp' || method === 'mercatorvariantb') {
    const e = datum.ellipsoid;
    let k0 = param(1, 'scalefactor', 'scalefactoratnaturalorigin');
    const sp1 = params.get('standardparallel1') ?? params.get('latitudeof1ststandardparallel');
    if (sp1 !== undefined) {
      const e2 = e.f * (2 - e.f);
      const sphi = Math.sin(sp1 * DEG);
      k0 = Math.cos(sp1 * DEG) / Math.sqrt(1 - e2 * sphi * sphi);
    }
    return { label: epsg ? `EPSG:${epsg}` : name || 'Mercator', geographic: false, toWgs84: withDatum(ellipsoidalMercator(e, lon0, k0, fe, fn, unit), datum) };
  }
  throw new BoundaryFileError('maps.file.unknownProjection', { projection: `${name}${method ? ` (${str(child(root, 'PROJECTION')) || str(child(conversion, 'METHOD'))})` : ''}` });
}

/** The projection of an EPSG code (GeoJSON's old `crs` member); throws for codes not supported. */
export function projectionFromEpsg(code: string): Projection {
  const c = Number(code);
  const wgs = { name: 'WGS 84', ellipsoid: WGS84, shift: null };
  if (code.toUpperCase() === 'CRS84' || c === 4326 || c === 4755 || c === 9470 || c === 4937 || c === 4979) return { ...GEOGRAPHIC_WGS84, label: c === 4755 ? 'EPSG:4755' : 'EPSG:4326' };
  if (c === 3857 || c === 900913 || c === 102100 || c === 102113 || c === 3785) return { label: 'EPSG:3857', geographic: false, toWgs84: webMercator(1, 0, 0) };
  const utm = (zone: number, south: boolean): Projection => ({
    label: `EPSG:${c}`,
    geographic: false,
    toWgs84: withDatum(transverseMercator({ lon0: (zone * 6 - 183) * DEG, lat0: 0, k0: 0.9996, fe: 500000, fn: south ? 10_000_000 : 0, unit: 1 }, WGS84), wgs),
  });
  if (c >= 32601 && c <= 32660) return utm(c - 32600, false);
  if (c >= 32701 && c <= 32760) return utm(c - 32700, true);
  if (c >= 23866 && c <= 23872) return utm(c - 23820, false);
  if (c >= 23877 && c <= 23884) return utm(c - 23830, true);
  throw new BoundaryFileError('maps.file.unknownProjection', { projection: `EPSG:${code}` });
}
