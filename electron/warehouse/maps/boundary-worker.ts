/**
 * The boundary worker: an untrusted boundary file in, checked WGS84 features out, simplified for
 * drawing. Started by `startWorkerJob` (time and heap limits, killable) like the import reader: a
 * crafted file can stall or exhaust only this worker. Failures are posted as a message key and its
 * parameters, which the warehouse words in the planner's language.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { BoundaryFormat, BoundaryLevel } from '../../../shared/contracts/maps.ts';
import type { JobMessage } from '../jobs/worker-job.ts';
import { BoundaryFileError } from './boundary-error.ts';
import { detectKeys, type KeyChoice, type RegionRef } from './detect.ts';
import { coordinatesJson, labelPoint, polygonsBbox, type Bbox, type ParsedFeature, type PropValue } from './geometry.ts';
import { countBrackets, parseJsonText } from './parse-json.ts';
import { parseShapefile } from './parse-shapefile.ts';
import type { Projection } from './projection.ts';
import { simplifyLayer } from './simplify.ts';

export interface BoundaryWorkerInput {
  readonly path: string;
  readonly level?: BoundaryLevel;
  readonly maxFileBytes: number;
  readonly maxFeatures: number;
  readonly maxVertices: number;
  readonly regions: readonly RegionRef[];
  readonly crosswalk: readonly (readonly [string, string])[];
}

export interface WorkerFeature {
  readonly index: number;
  readonly props: readonly (readonly [string, PropValue])[];
  readonly type: 'Polygon' | 'MultiPolygon';
  /** GeoJSON coordinates text, simplified and rounded to 5 decimals. */
  readonly simplified: string;
  /** Coarser again (desa layers only), for the whole-province view; null for other levels. */
  readonly overviewType: 'Polygon' | 'MultiPolygon' | null;
  readonly overview: string | null;
  readonly originalType: 'Polygon' | 'MultiPolygon';
  /** GeoJSON coordinates text of the WGS84 geometry before simplification (7 decimals, ~1 cm). */
  readonly original: string;
  readonly bbox: Bbox;
  /** A point inside the feature, for placing it in a parent region. */
  readonly label: readonly [number, number];
}

export interface BoundaryWorkerResult {
  readonly format: BoundaryFormat;
  readonly projection: string;
  readonly sha256: string;
  readonly size: number;
  readonly encoding: string | null;
  readonly keys: KeyChoice;
  readonly tolerance: number;
  readonly verticesBefore: number;
  readonly verticesAfter: number;
  readonly features: readonly WorkerFeature[];
}

/**
 * Douglas–Peucker tolerance per level, in degrees of latitude (1e-4° ≈ 11 m): about a pixel when
 * the level is drawn at the zoom it is read at (the province for kabupaten, a kabupaten for
 * kecamatan, a kecamatan — or the whole province at once — for villages).
 */
export const TOLERANCE: Readonly<Record<BoundaryLevel, number>> = { 2: 0.002, 3: 0.001, 4: 0.0005 };

/** The desa overview's tolerance, as a multiple of the level's. */
export const OVERVIEW_FACTOR = 5;

function sizeText(bytes: number): string {
  for (const [unit, n] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= n) return `${(bytes / n).toLocaleString('id-ID', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} B`;
}

function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

export async function readBoundaryFile(input: BoundaryWorkerInput): Promise<BoundaryWorkerResult> {
  let size: number;
  try {
    size = statSync(input.path).size;
  } catch {
    throw new BoundaryFileError('maps.file.notFound');
  }
  if (size > input.maxFileBytes) throw new BoundaryFileError('maps.file.tooLarge', { size: sizeText(size), limit: sizeText(input.maxFileBytes) });
  if (size === 0) throw new BoundaryFileError('maps.file.empty');
  const bytes = readFileSync(input.path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ext = extname(input.path).toLowerCase();
  let format: BoundaryFormat;
  let parsed: ParsedFeature[];
  let projection: Projection;
  let encoding: string | null = null;
  const limits = { maxFeatures: input.maxFeatures, maxVertices: input.maxVertices };
  if (isZip(bytes) || ext === '.zip' || ext === '.shp') {
    const zipped = ext !== '.shp';
    const shp = await parseShapefile(input.path, zipped, { ...limits, maxEntryBytes: Math.max(64 * 1024 * 1024, Math.min(1024 ** 3, input.maxVertices * 24 + 16 * 1024 * 1024)) });
    format = 'shapefile';
    parsed = shp.features;
    projection = shp.projection;
    encoding = shp.encoding;
  } else {
    let start = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    const first = bytes.subarray(start, start + 64).toString('utf8').trimStart()[0];
    if (first !== '{') throw new BoundaryFileError('maps.file.unknownFormat');
    if (countBrackets(bytes) > input.maxVertices * 1.2 + 10_000) throw new BoundaryFileError('maps.file.tooManyVertices', { max: input.maxVertices });
    const json = parseJsonText(bytes.subarray(start).toString('utf8'), limits);
    format = json.format;
    parsed = json.features;
    projection = json.projection;
  }

  for (const f of parsed) {
    for (const p of f.polygons) {
      for (const ring of p) {
        projection.toWgs84(ring);
        for (let i = 0; i < ring.length; i += 2) {
          const x = ring[i] as number;
          const y = ring[i + 1] as number;
          if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
            throw new BoundaryFileError('maps.file.outOfRange', { feature: f.index, x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
          }
        }
      }
    }
  }

  const keys = detectKeys(parsed, input.regions, new Map(input.crosswalk), input.level);
  const tolerance = TOLERANCE[keys.level];
  const simplified = simplifyLayer(
    parsed.map((f) => f.polygons),
    tolerance,
  );
  // Villages of a whole province at screen size: about a fifth of a pixel per tolerance step.
  const overview = keys.level === 4 ? simplifyLayer(parsed.map((f) => f.polygons), tolerance * OVERVIEW_FACTOR, 4) : null;
  const features: WorkerFeature[] = parsed.map((f, i) => {
    const s = coordinatesJson(simplified.polygons[i] ?? [], 1e5);
    const v = overview ? coordinatesJson(overview.polygons[i] ?? [], 1e4) : null;
    const o = coordinatesJson(f.polygons, 1e7);
    return {
      index: f.index, props: f.props, type: s.type, simplified: s.text, overviewType: v?.type ?? null, overview: v?.text ?? null,
      originalType: o.type, original: o.text, bbox: polygonsBbox(f.polygons), label: labelPoint(f.polygons),
    };
  });
  return {
    format,
    projection: projection.label,
    sha256,
    size,
    encoding,
    keys,
    tolerance,
    verticesBefore: simplified.verticesBefore,
    verticesAfter: simplified.verticesAfter,
    features,
  };
}

if (parentPort) {
  const out = parentPort;
  readBoundaryFile(workerData as BoundaryWorkerInput).then(
    (result) => out.postMessage({ type: 'done', result } satisfies JobMessage<never, BoundaryWorkerResult>),
    (e: unknown) => {
      const payload = e instanceof BoundaryFileError ? { key: e.key, params: e.params } : { key: null, detail: e instanceof Error ? e.message : String(e) };
      out.postMessage({ type: 'error', message: JSON.stringify(payload) } satisfies JobMessage<never, BoundaryWorkerResult>);
    },
  );
}
