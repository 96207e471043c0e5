/**
 * Plain geometry over flat rings: a ring is a Float64Array `[x0, y0, x1, y1, …]` whose last point
 * repeats the first; a polygon is its outer ring then its holes; a feature is one or more polygons.
 * Typed arrays keep a province of villages (400,000 vertices) small in the worker's heap.
 */

export type Ring = Float64Array;
export type Polygon = Ring[];

/** A property value as boundary files carry them (GeoJSON scalars, dBASE fields). */
export type PropValue = string | number | boolean | null;

export interface ParsedFeature {
  /** 1-based position in the file (the number the planner sees in messages and lists). */
  readonly index: number;
  /** Properties as ordered pairs: never copied into a plain object, so no key can reach a prototype. */
  readonly props: readonly (readonly [string, PropValue])[];
  readonly polygons: Polygon[];
}

export type Bbox = [number, number, number, number];

export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function extendBbox(b: Bbox, ring: Ring): void {
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i] as number;
    const y = ring[i + 1] as number;
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
}

export function polygonsBbox(polygons: readonly Polygon[]): Bbox {
  const b = emptyBbox();
  for (const p of polygons) for (const r of p) extendBbox(b, r);
  return b;
}

/** Twice the signed area (shoelace); positive when counter-clockwise with y pointing up. */
export function signedArea2(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    s += (ring[i] as number) * (ring[i + 3] as number) - (ring[i + 2] as number) * (ring[i + 1] as number);
  }
  return s;
}

export function reverseRing(ring: Ring): Ring {
  const n = ring.length / 2;
  const out = new Float64Array(ring.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = ring[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = ring[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}

/** Even-odd test of a point against one ring. */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole of one of the polygons. */
export function pointInPolygons(x: number, y: number, polygons: readonly Polygon[]): boolean {
  for (const p of polygons) {
    const [outer, ...holes] = p;
    if (!outer || !pointInRing(x, y, outer)) continue;
    if (!holes.some((h) => pointInRing(x, y, h))) return true;
  }
  return false;
}

/**
 * A point surely inside the largest polygon, for placing a feature in its parent region: the middle
 * of the widest inside stretch of the horizontal line through the polygon's vertical middle. (A
 * centroid can fall outside a crescent-shaped village or into a lake.)
 */
export function labelPoint(polygons: readonly Polygon[]): [number, number] {
  let best: Polygon | null = null;
  let bestArea = -1;
  for (const p of polygons) {
    const outer = p[0];
    if (!outer) continue;
    const a = Math.abs(signedArea2(outer)) - p.slice(1).reduce((s, h) => s + Math.abs(signedArea2(h)), 0);
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  if (!best || !best[0]) return [0, 0];
  const b = emptyBbox();
  extendBbox(b, best[0]);
  // A few scan lines: the middle one usually, others when the middle only grazes the shape.
  let bestX = (b[0] + b[2]) / 2;
  let bestY = (b[1] + b[3]) / 2;
  let bestWidth = -1;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    // Nudged off any vertex's exact latitude so the crossing test is never degenerate.
    const y = b[1] + (b[3] - b[1]) * f + (b[3] - b[1]) * 1e-9;
    const xs: number[] = [];
    for (const ring of best) {
      const n = ring.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const yi = ring[2 * i + 1] as number;
        const yj = ring[2 * j + 1] as number;
        if (yi > y !== yj > y) {
          const xi = ring[2 * i] as number;
          const xj = ring[2 * j] as number;
          xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
        }
      }
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      if (w > bestWidth) {
        bestWidth = w;
        bestX = ((xs[k] as number) + (xs[k + 1] as number)) / 2;
        bestY = y;
      }
    }
    if (bestWidth > (b[2] - b[0]) * 0.25) break;
  }
  return [bestX, bestY];
}

export function ringPoints(ring: Ring): number {
  return ring.length / 2;
}

export function countVertices(polygons: readonly Polygon[]): number {
  let n = 0;
  for (const p of polygons) for (const r of p) n += r.length / 2;
  return n;
}

/** Round to `digits` decimals the way JSON shows it (no "-0", no float noise). */
export function roundTo(v: number, factor: number): number {
  const r = Math.round(v * factor) / factor;
  return r === 0 ? 0 : r;
}

/** GeoJSON coordinates text of polygons (RFC 7946 order: [lng, lat]), rounded. */
export function coordinatesJson(polygons: readonly Polygon[], factor: number): { type: 'Polygon' | 'MultiPolygon'; text: string } {
  const polys = polygons.map((p) => `[${p.map((r) => ringJson(r, factor)).join(',')}]`);
  if (polys.length === 1) return { type: 'Polygon', text: polys[0] as string };
  return { type: 'MultiPolygon', text: `[${polys.join(',')}]` };
}

function ringJson(ring: Ring, factor: number): string {
  const parts: string[] = new Array<string>(ring.length / 2);
  for (let i = 0; i < ring.length; i += 2) parts[i / 2] = `[${roundTo(ring[i] as number, factor)},${roundTo(ring[i + 1] as number, factor)}]`;
  return `[${parts.join(',')}]`;
}

/** Polygons back from GeoJSON coordinates (stored text, already validated on import). */
export function polygonsFromCoordinates(type: string, coordinates: unknown): Polygon[] {
  const polys = (type === 'Polygon' ? [coordinates] : coordinates) as number[][][][];
  return polys.map((p) => p.map((r) => Float64Array.from(r.flat())));
}
