/**
 * GeoJSON (RFC 7946, and the 2008 `crs` member old exports still carry) and TopoJSON, read from
 * untrusted text inside the boundary worker. Every value is checked before it is used: geometry
 * types, rings of finite number pairs, arc indexes, and property names (a `__proto__` key is
 * refused rather than risked). Properties stay ordered pairs; nothing is copied into an object.
 */
import { BoundaryFileError } from './boundary-error.ts';
import type { ParsedFeature, Polygon, PropValue } from './geometry.ts';
import { GEOGRAPHIC_WGS84, projectionFromEpsg, type Projection } from './projection.ts';

export interface JsonLimits {
  readonly maxFeatures: number;
  readonly maxVertices: number;
}

export interface ParsedJson {
  readonly format: 'geojson' | 'topojson';
  readonly features: ParsedFeature[];
  readonly projection: Projection;
}

/** Names a property may not have: they reach Object.prototype when code copies properties. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_TEXT = 2000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Record<string, Json>, k: string): Json | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/**
 * Coordinates arrays are counted before parsing: `[` opens every position, so a file with more
 * brackets than the vertex cap is refused before JSON.parse builds millions of arrays.
 */
export function countBrackets(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x5b) n++;
  return n;
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: end - last };
}

export function parseJsonText(text: string, limits: JsonLimits): ParsedJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    const pos = /position (\d+)/.exec(msg);
    throw new BoundaryFileError('maps.file.invalidJson', lineColumn(text, pos ? Number(pos[1]) : text.length));
  }
  if (!isObject(doc)) throw new BoundaryFileError('maps.file.notGeo');
  const type = field(doc, 'type');
  if (type === 'Topology') return { format: 'topojson', features: readTopology(doc, limits), projection: GEOGRAPHIC_WGS84 };
  if (type !== 'FeatureCollection' && type !== 'Feature' && type !== 'GeometryCollection' && type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new BoundaryFileError('maps.file.notGeo');
  }
  return { format: 'geojson', features: readGeoJson(doc, limits), projection: crsOf(doc) };
}

/** The 2008 GeoJSON `crs` member ("EPSG:32751", "urn:ogc:def:crs:EPSG::32751", CRS84). */
function crsOf(doc: Record<string, Json>): Projection {
  const crs = field(doc, 'crs');
  if (!isObject(crs)) return GEOGRAPHIC_WGS84;
  const props = field(crs, 'properties');
  const name = isObject(props) ? field(props, 'name') : undefined;
  if (typeof name !== 'string') return GEOGRAPHIC_WGS84;
  if (/crs84$/i.test(name)) return GEOGRAPHIC_WGS84;
  const m = /epsg:(?:[\d.]*:)?:?(\d+)$/i.exec(name.trim());
  if (!m?.[1]) throw new BoundaryFileError('maps.file.unknownProjection', { projection: name.slice(0, 100) });
  return projectionFromEpsg(m[1]);
}

class Counter {
  vertices = 0;
  readonly limits: JsonLimits;
  constructor(limits: JsonLimits) {
    this.limits = limits;
  }
  add(n: number): void {
    this.vertices += n;
    if (this.vertices > this.limits.maxVertices) throw new BoundaryFileError('maps.file.tooManyVertices', { max: this.limits.maxVertices });
  }
}

function readProps(raw: Json | undefined, feature: number): [string, PropValue][] {
  if (!isObject(raw)) return [];
  const out: [string, PropValue][] = [];
  for (const k of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(k)) throw new BoundaryFileError('maps.file.forbiddenProperty', { feature, name: k });
    const v = raw[k];
    const name = k.slice(0, 100);
    if (v === null || typeof v === 'boolean') out.push([name, v]);
    else if (typeof v === 'number') out.push([name, Number.isFinite(v) ? v : null]);
    else if (typeof v === 'string') out.push([name, v.slice(0, MAX_TEXT)]);
    else if (v !== undefined) out.push([name, JSON.stringify(v).slice(0, MAX_TEXT)]);
    if (out.length >= 500) break;
  }
  return out;
}

function readRing(raw: Json, feature: number, counter: Counter): Float64Array {
  if (!Array.isArray(raw)) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
  counter.add(raw.length);
  const closed = raw.length > 0 && samePosition(raw[0], raw[raw.length - 1]);
  const n = closed ? raw.length : raw.length + 1;
  const ring = new Float64Array(n * 2);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!Array.isArray(p) || p.length < 2) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
    const x = p[0];
    const y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
    ring[2 * i] = x;
    ring[2 * i + 1] = y;
  }
  if (!closed && raw.length > 0) {
    ring[2 * raw.length] = ring[0] as number;
    ring[2 * raw.length + 1] = ring[1] as number;
  }
  if (n < 4) throw new BoundaryFileError('maps.file.ringTooShort', { feature, points: raw.length });
  return ring;
}

function samePosition(a: Json | undefined, b: Json | undefined): boolean {
  return Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
}

function readPolygon(raw: Json | undefined, feature: number, counter: Counter): Polygon {
  if (!Array.isArray(raw) || raw.length === 0) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
  return raw.map((r) => readRing(r, feature, counter));
}

/** Polygons of one geometry; null for an empty (null) geometry, which RFC 7946 allows. */
function readGeometry(g: Json | undefined, feature: number, counter: Counter, types: Set<string>): Polygon[] | null {
  if (g === null || g === undefined) return null;
  if (!isObject(g)) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
  const type = field(g, 'type');
  const coords = field(g, 'coordinates');
  if (type === 'Polygon') return [readPolygon(coords, feature, counter)];
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coords) || coords.length === 0) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
    return coords.map((p) => readPolygon(p, feature, counter));
  }
  if (type === 'GeometryCollection') {
    const parts = field(g, 'geometries');
    if (!Array.isArray(parts)) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
    const out: Polygon[] = [];
    for (const p of parts) out.push(...(readGeometry(p, feature, counter, types) ?? []));
    return out.length > 0 ? out : null;
  }
  types.add(typeof type === 'string' ? type.slice(0, 40) : '?');
  throw new BoundaryFileError('maps.file.notPolygon', { feature, type: typeof type === 'string' ? type.slice(0, 40) : '?' });
}

function readGeoJson(doc: Record<string, Json>, limits: JsonLimits): ParsedFeature[] {
  const type = field(doc, 'type');
  let list: Json[];
  if (type === 'FeatureCollection') {
    const fs = field(doc, 'features');
    if (!Array.isArray(fs)) throw new BoundaryFileError('maps.file.notGeo');
    list = fs;
  } else if (type === 'Feature') list = [doc];
  else if (type === 'GeometryCollection') {
    const gs = field(doc, 'geometries');
    list = Array.isArray(gs) ? gs.map((g) => ({ type: 'Feature', properties: null, geometry: g })) : [];
  } else list = [{ type: 'Feature', properties: null, geometry: doc }];
  if (list.length > limits.maxFeatures) throw new BoundaryFileError('maps.file.tooManyFeatures', { max: limits.maxFeatures });
  const counter = new Counter(limits);
  const types = new Set<string>();
  const out: ParsedFeature[] = [];
  try {
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      const index = i + 1;
      if (!isObject(f)) throw new BoundaryFileError('maps.file.badCoordinate', { feature: index });
      const polygons = readGeometry(field(f, 'geometry'), index, counter, types);
      if (polygons === null) continue;
      out.push({ index, props: readProps(field(f, 'properties'), index), polygons });
    }
  } catch (e) {
    // A whole file of points or lines says so, rather than naming its first feature.
    if (e instanceof BoundaryFileError && e.key === 'maps.file.notPolygon' && out.length === 0 && allNonPolygon(list)) {
      throw new BoundaryFileError('maps.file.noPolygons', { types: geometryTypes(list) });
    }
    throw e;
  }
  if (out.length === 0) throw new BoundaryFileError('maps.file.noPolygons', { types: geometryTypes(list) || '-' });
  return out;
}

function typeOfFeature(f: Json): string | null {
  if (!isObject(f)) return null;
  const g = field(f, 'geometry');
  if (!isObject(g)) return null;
  const t = field(g, 'type');
  return typeof t === 'string' ? t.slice(0, 40) : null;
}

function allNonPolygon(list: readonly Json[]): boolean {
  return list.every((f) => {
    const t = typeOfFeature(f);
    return t !== 'Polygon' && t !== 'MultiPolygon' && t !== 'GeometryCollection';
  });
}

function geometryTypes(list: readonly Json[]): string {
  const seen = new Set<string>();
  for (const f of list) {
    const t = typeOfFeature(f);
    if (t) seen.add(t);
    if (seen.size > 5) break;
  }
  return [...seen].join(', ');
}

// --- TopoJSON ----------------------------------------------------------------------------------

function readTopology(doc: Record<string, Json>, limits: JsonLimits): ParsedFeature[] {
  const counter = new Counter(limits);
  const rawArcs = field(doc, 'arcs');
  const objects = field(doc, 'objects');
  if (!Array.isArray(rawArcs) || !isObject(objects)) throw new BoundaryFileError('maps.file.notGeo');
  const transform = field(doc, 'transform');
  let scale: [number, number] | null = null;
  let translate: [number, number] = [0, 0];
  if (isObject(transform)) {
    const s = field(transform, 'scale');
    const t = field(transform, 'translate');
    if (!Array.isArray(s) || !Array.isArray(t) || ![s[0], s[1], t[0], t[1]].every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new BoundaryFileError('maps.file.badCoordinate', { feature: 0 });
    }
    scale = [s[0] as number, s[1] as number];
    translate = [t[0] as number, t[1] as number];
  }
  const arcs: Float64Array[] = rawArcs.map((a) => {
    if (!Array.isArray(a)) throw new BoundaryFileError('maps.file.badCoordinate', { feature: 0 });
    counter.add(a.length);
    const out = new Float64Array(a.length * 2);
    let x = 0;
    let y = 0;
    for (let i = 0; i < a.length; i++) {
      const p = a[i];
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new BoundaryFileError('maps.file.badCoordinate', { feature: 0 });
      }
      if (scale) {
        // Quantized topologies store each point as a delta from the one before.
        x += p[0];
        y += p[1];
        out[2 * i] = x * scale[0] + translate[0];
        out[2 * i + 1] = y * scale[1] + translate[1];
      } else {
        out[2 * i] = p[0];
        out[2 * i + 1] = p[1];
      }
    }
    return out;
  });

  // The object with the most polygon geometries is the boundary layer (others may be points, lines).
  let best: Json[] = [];
  for (const name of Object.keys(objects)) {
    const o = objects[name];
    const geoms = flattenTopo(o);
    if (geoms.filter(isTopoPolygon).length > best.filter(isTopoPolygon).length) best = geoms;
  }
  if (best.length > limits.maxFeatures) throw new BoundaryFileError('maps.file.tooManyFeatures', { max: limits.maxFeatures });
  const out: ParsedFeature[] = [];
  for (let i = 0; i < best.length; i++) {
    const g = best[i];
    const index = i + 1;
    if (!isObject(g)) throw new BoundaryFileError('maps.file.badCoordinate', { feature: index });
    const type = field(g, 'type');
    if (type === null || type === undefined) continue;
    if (type !== 'Polygon' && type !== 'MultiPolygon') throw new BoundaryFileError('maps.file.notPolygon', { feature: index, type: typeof type === 'string' ? type.slice(0, 40) : '?' });
    const ga = field(g, 'arcs');
    if (!Array.isArray(ga) || ga.length === 0) throw new BoundaryFileError('maps.file.badCoordinate', { feature: index });
    const polys = type === 'Polygon' ? [ga] : ga;
    const polygons: Polygon[] = polys.map((p) => {
      if (!Array.isArray(p) || p.length === 0) throw new BoundaryFileError('maps.file.badCoordinate', { feature: index });
      return p.map((ring) => topoRing(ring, arcs, index, counter));
    });
    out.push({ index, props: readProps(field(g, 'properties'), index), polygons });
  }
  if (out.length === 0) throw new BoundaryFileError('maps.file.noPolygons', { types: '-' });
  return out;
}

function isTopoPolygon(g: Json): boolean {
  if (!isObject(g)) return false;
  const t = field(g, 'type');
  return t === 'Polygon' || t === 'MultiPolygon';
}

function flattenTopo(o: Json | undefined, depth = 0): Json[] {
  if (!isObject(o) || depth > 8) return [];
  if (field(o, 'type') === 'GeometryCollection') {
    const gs = field(o, 'geometries');
    return Array.isArray(gs) ? gs.flatMap((g) => (isObject(g) && field(g, 'type') === 'GeometryCollection' ? flattenTopo(g, depth + 1) : [g])) : [];
  }
  return [o];
}

function topoRing(raw: Json, arcs: readonly Float64Array[], feature: number, counter: Counter): Float64Array {
  if (!Array.isArray(raw) || raw.length === 0) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
  const parts: Float64Array[] = [];
  let total = 0;
  for (const ref of raw) {
    if (typeof ref !== 'number' || !Number.isInteger(ref)) throw new BoundaryFileError('maps.file.badCoordinate', { feature });
    const idx = ref >= 0 ? ref : ~ref;
    const arc = arcs[idx];
    if (!arc) throw new BoundaryFileError('maps.file.topoBadArc', { feature, arc: ref });
    const pts = ref >= 0 ? arc : reversePoints(arc);
    // Consecutive arcs share their joining point: keep it once.
    const part = parts.length === 0 ? pts : pts.subarray(2);
    parts.push(part);
    total += part.length;
  }
  counter.add(total / 2);
  const ring = new Float64Array(total);
  let o = 0;
  for (const p of parts) {
    ring.set(p, o);
    o += p.length;
  }
  if (ring.length < 8) throw new BoundaryFileError('maps.file.ringTooShort', { feature, points: ring.length / 2 });
  if (ring[0] !== ring[ring.length - 2] || ring[1] !== ring[ring.length - 1]) {
    const closed = new Float64Array(ring.length + 2);
    closed.set(ring);
    closed[ring.length] = ring[0] as number;
    closed[ring.length + 1] = ring[1] as number;
    return closed;
  }
  return ring;
}

function reversePoints(a: Float64Array): Float64Array {
  const n = a.length / 2;
  const out = new Float64Array(a.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = a[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = a[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}
