/**
 * Simplification that keeps neighbours together. Rings are cut into arcs at junctions — points
 * where the rings passing through disagree about their neighbours (where a shared border starts,
 * ends, or meets a third region) — and every arc is simplified (Douglas–Peucker) from a canonical
 * direction and start, so the two regions on either side of a border get exactly the same points:
 * no slivers, no gaps. Closed rings without junctions (islands, enclaves) start at their lowest
 * point id for the same reason. Rings that collapse (fewer than three points, or smaller than a
 * tolerance square: islets nobody sees at that level) are dropped; a region never loses all of its
 * shape (its largest part is kept as a triangle at least). Coordinates are then rounded.
 */
import { roundTo, signedArea2, reverseRing, type Polygon, type Ring } from './geometry.ts';

export interface SimplifyResult {
  readonly polygons: Polygon[][];
  readonly verticesBefore: number;
  readonly verticesAfter: number;
}

/** A point identity table: coordinates snapped to 1e-8° (a millimetre) so reprojection noise does not split a shared border. */
class PointTable {
  private keysX: Float64Array;
  private keysY: Float64Array;
  private slots: Int32Array;
  private mask: number;
  xs: Float64Array;
  ys: Float64Array;
  size = 0;

  constructor(expected: number) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.keysX = new Float64Array(Math.max(16, expected));
    this.keysY = new Float64Array(Math.max(16, expected));
    this.xs = new Float64Array(Math.max(16, expected));
    this.ys = new Float64Array(Math.max(16, expected));
  }

  id(x: number, y: number): number {
    const kx = Math.round(x * 1e8);
    const ky = Math.round(y * 1e8);
    let h = (Math.imul((kx % 2147483647) | 0, 0x9e3779b1) ^ Math.imul((ky % 2147483647) | 0, 0x85ebca77)) >>> 0;
    for (;;) {
      const slot = h & this.mask;
      const id = this.slots[slot] as number;
      if (id === -1) {
        if (this.size >= this.xs.length) this.grow();
        const nid = this.size++;
        this.slots[slot] = nid;
        this.keysX[nid] = kx;
        this.keysY[nid] = ky;
        this.xs[nid] = x;
        this.ys[nid] = y;
        return nid;
      }
      if (this.keysX[id] === kx && this.keysY[id] === ky) return id;
      h = (h + 1) >>> 0;
    }
  }

  private grow(): void {
    const n = this.xs.length * 2;
    const copy = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.keysX = copy(this.keysX);
    this.keysY = copy(this.keysY);
    this.xs = copy(this.xs);
    this.ys = copy(this.ys);
    if (n * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2).fill(-1);
      const mask = slots.length - 1;
      for (let id = 0; id < this.size; id++) {
        const kx = this.keysX[id] as number;
        const ky = this.keysY[id] as number;
        let h = (Math.imul((kx % 2147483647) | 0, 0x9e3779b1) ^ Math.imul((ky % 2147483647) | 0, 0x85ebca77)) >>> 0;
        while (slots[h & mask] !== -1) h = (h + 1) >>> 0;
        slots[h & mask] = id;
      }
      this.slots = slots;
      this.mask = mask;
    }
  }
}

interface RingRef {
  readonly feature: number;
  readonly polygon: number;
  readonly ring: number;
  ids: Int32Array;
}

/** Simplify every feature's polygons together, at `tolerance` degrees (of latitude), then round to `digits` decimals. */
export function simplifyLayer(features: readonly Polygon[][], tolerance: number, digits = 5): SimplifyResult {
  let verticesBefore = 0;
  let latSum = 0;
  for (const polys of features) {
    for (const p of polys) {
      for (const r of p) {
        verticesBefore += r.length / 2;
        latSum += r[1] as number;
      }
    }
  }
  const kx = Math.cos(((latSum / Math.max(1, features.reduce((s, f) => s + f.reduce((t, p) => t + p.length, 0), 0))) * Math.PI) / 180);
  const table = new PointTable(Math.min(verticesBefore, 4_000_000));

  // RFC 7946 orientation (outer counter-clockwise, holes clockwise) before anything else.
  const oriented: Polygon[][] = features.map((polys) => polys.map((p) => p.map((r, k) => ((signedArea2(r) > 0) === (k === 0) ? r : reverseRing(r)))));

  const refs: RingRef[] = [];
  oriented.forEach((polys, f) =>
    polys.forEach((p, pi) =>
      p.forEach((r, ri) => {
        const n = r.length / 2 - 1;
        const ids: number[] = [];
        for (let i = 0; i < n; i++) {
          const id = table.id(r[2 * i] as number, r[2 * i + 1] as number);
          if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
        }
        while (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
        refs.push({ feature: f, polygon: pi, ring: ri, ids: Int32Array.from(ids) });
      }),
    ),
  );

  // Junctions: a point whose neighbours differ between the rings (or visits) through it.
  const lo = new Int32Array(table.size).fill(-1);
  const hi = new Int32Array(table.size).fill(-1);
  const junction = new Uint8Array(table.size);
  for (const ref of refs) {
    const ids = ref.ids;
    const n = ids.length;
    if (n < 3) continue;
    for (let i = 0; i < n; i++) {
      const p = ids[i] as number;
      const a = ids[(i + n - 1) % n] as number;
      const b = ids[(i + 1) % n] as number;
      const l = a < b ? a : b;
      const h = a < b ? b : a;
      if (lo[p] === -1) {
        lo[p] = l;
        hi[p] = h;
      } else if (lo[p] !== l || hi[p] !== h) junction[p] = 1;
    }
  }

  const xs = table.xs;
  const ys = table.ys;
  const tol2 = tolerance * tolerance;
  // A ring smaller than a tolerance square is below what the level is drawn at: it collapses.
  const minArea2 = (2 * tol2) / Math.max(kx, 1e-6);
  const factor = 10 ** digits;
  const rounded = new Map<number, [number, number]>();
  const roundedOf = (id: number): [number, number] => {
    let r = rounded.get(id);
    if (!r) {
      r = [roundTo(xs[id] as number, factor), roundTo(ys[id] as number, factor)];
      rounded.set(id, r);
    }
    return r;
  };

  /** Douglas–Peucker over a canonical id sequence; returns the kept ids in that order. */
  const dp = (seq: Int32Array): number[] => {
    const n = seq.length;
    if (n <= 2) return [...seq];
    const keep = new Uint8Array(n);
    keep[0] = 1;
    keep[n - 1] = 1;
    const stack: number[] = [0, n - 1];
    while (stack.length > 0) {
      const e = stack.pop() as number;
      const s = stack.pop() as number;
      if (e - s < 2) continue;
      const ax = (xs[seq[s] as number] as number) * kx;
      const ay = ys[seq[s] as number] as number;
      const bx = (xs[seq[e] as number] as number) * kx;
      const by = ys[seq[e] as number] as number;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let best = -1;
      let bestD = tol2;
      for (let i = s + 1; i < e; i++) {
        const px = (xs[seq[i] as number] as number) * kx - ax;
        const py = (ys[seq[i] as number] as number) - ay;
        let d: number;
        if (len2 === 0) d = px * px + py * py;
        else {
          const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
          const qx = px - t * dx;
          const qy = py - t * dy;
          d = qx * qx + qy * qy;
        }
        if (d > bestD) {
          bestD = d;
          best = i;
        }
      }
      if (best >= 0) {
        keep[best] = 1;
        stack.push(s, best, best, e);
      }
    }
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) out.push(seq[i] as number);
    return out;
  };

  /** Simplify a path from a canonical direction (lower end id first), returned in the given direction. */
  const simplifyArc = (arc: Int32Array): number[] => {
    const n = arc.length;
    const first = arc[0] as number;
    const last = arc[n - 1] as number;
    const reversed = first > last || (first === last && n > 2 && (arc[1] as number) > (arc[n - 2] as number));
    const canonical = reversed ? arc.slice().reverse() : arc;
    const out = dp(canonical);
    return reversed ? out.reverse() : out;
  };

  /** A ring without junctions: start at its lowest id, walk towards the lower neighbour, split at the far point. */
  const simplifyClosed = (ids: Int32Array): number[] => {
    const n = ids.length;
    let m = 0;
    for (let i = 1; i < n; i++) if ((ids[i] as number) < (ids[m] as number)) m = i;
    const forward = (ids[(m + 1) % n] as number) <= (ids[(m + n - 1) % n] as number);
    const seq = new Int32Array(n + 1);
    for (let k = 0; k <= n; k++) seq[k] = ids[forward ? (m + k) % n : (m - k + n * 2) % n] as number;
    const sx = (xs[seq[0] as number] as number) * kx;
    const sy = ys[seq[0] as number] as number;
    let far = 1;
    let farD = -1;
    for (let k = 1; k < n; k++) {
      const dx = (xs[seq[k] as number] as number) * kx - sx;
      const dy = (ys[seq[k] as number] as number) - sy;
      const d = dx * dx + dy * dy;
      if (d > farD) {
        farD = d;
        far = k;
      }
    }
    const a = dp(seq.subarray(0, far + 1));
    const b = dp(seq.subarray(far));
    const out = [...a, ...b.slice(1)];
    return forward ? out : out.reverse();
  };

  let verticesAfter = 0;
  const result: Polygon[][] = features.map(() => []);
  const byFeature = new Map<number, RingRef[]>();
  for (const ref of refs) {
    const list = byFeature.get(ref.feature);
    if (list) list.push(ref);
    else byFeature.set(ref.feature, [ref]);
  }
  for (let f = 0; f < features.length; f++) {
    const polys: Ring[][] = [];
    for (const ref of byFeature.get(f) ?? []) {
      const ids = ref.ids;
      let kept: number[] = [];
      if (ids.length >= 3) {
        const starts: number[] = [];
        for (let i = 0; i < ids.length; i++) if (junction[ids[i] as number]) starts.push(i);
        if (starts.length === 0) kept = simplifyClosed(ids);
        else {
          const n = ids.length;
          for (let k = 0; k < starts.length; k++) {
            const s = starts[k] as number;
            const e = k + 1 < starts.length ? (starts[k + 1] as number) : (starts[0] as number) + n;
            const arc = new Int32Array(e - s + 1);
            for (let i = s; i <= e; i++) arc[i - s] = ids[i % n] as number;
            const part = simplifyArc(arc);
            kept.push(...(kept.length === 0 ? part : part.slice(1)));
          }
        }
      }
      const ring = toRing(kept, roundedOf, minArea2);
      const p = (polys[ref.polygon] ??= []);
      if (ring) p[ref.ring] = ring;
    }
    const out: Polygon[] = [];
    for (const p of polys) {
      // An outer ring that collapsed takes its holes with it.
      if (!p?.[0]) continue;
      out.push([p[0], ...p.slice(1).filter((r): r is Ring => r !== undefined)]);
    }
    if (out.length === 0) {
      const fallback = triangle(oriented[f] ?? [], factor);
      if (fallback) out.push([fallback]);
    }
    for (const p of out) for (const r of p) verticesAfter += r.length / 2;
    result[f] = out;
  }
  return { polygons: result, verticesBefore, verticesAfter };
}

/** Rounded, closed ring from kept ids; null when fewer than three distinct points remain. */
function toRing(ids: readonly number[], roundedOf: (id: number) => [number, number], minArea2: number): Ring | null {
  const pts: number[] = [];
  let px = NaN;
  let py = NaN;
  for (const id of ids) {
    const [x, y] = roundedOf(id);
    if (x === px && y === py) continue;
    pts.push(x, y);
    px = x;
    py = y;
  }
  while (pts.length >= 4 && pts[0] === pts[pts.length - 2] && pts[1] === pts[pts.length - 1]) pts.length -= 2;
  if (pts.length < 6) return null;
  const ring = new Float64Array(pts.length + 2);
  ring.set(pts);
  ring[pts.length] = pts[0] as number;
  ring[pts.length + 1] = pts[1] as number;
  if (Math.abs(signedArea2(ring)) < minArea2) return null;
  return ring;
}

/** The largest part as a triangle: its first point, the point farthest from it, and the point farthest from that line. */
function triangle(polys: readonly Polygon[], factor: number): Ring | null {
  let best: Ring | null = null;
  let bestA = -1;
  for (const p of polys) {
    const a = p[0] ? Math.abs(signedArea2(p[0])) : -1;
    if (a > bestA && p[0]) {
      bestA = a;
      best = p[0];
    }
  }
  if (!best) return null;
  const n = best.length / 2;
  const x0 = best[0] as number;
  const y0 = best[1] as number;
  let i1 = 0;
  let d1 = -1;
  for (let i = 1; i < n; i++) {
    const d = ((best[2 * i] as number) - x0) ** 2 + ((best[2 * i + 1] as number) - y0) ** 2;
    if (d > d1) {
      d1 = d;
      i1 = i;
    }
  }
  const x1 = best[2 * i1] as number;
  const y1 = best[2 * i1 + 1] as number;
  let i2 = 0;
  let d2 = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.abs((x1 - x0) * ((best[2 * i + 1] as number) - y0) - (y1 - y0) * ((best[2 * i] as number) - x0));
    if (d > d2) {
      d2 = d;
      i2 = i;
    }
  }
  const order = i1 < i2 ? [0, i1, i2] : [0, i2, i1];
  const ring = new Float64Array(8);
  order.forEach((k, j) => {
    ring[2 * j] = roundTo(best[2 * k] as number, factor);
    ring[2 * j + 1] = roundTo(best[2 * k + 1] as number, factor);
  });
  ring[6] = ring[0] as number;
  ring[7] = ring[1] as number;
  // Too small to show even rounded: keep the part rounded as it is (it still draws as a dot).
  if (signedArea2(ring) === 0) {
    const all = new Float64Array(best.length);
    for (let i = 0; i < best.length; i++) all[i] = roundTo(best[i] as number, factor);
    return all;
  }
  return signedArea2(ring) > 0 ? ring : reverseRing(ring);
}
