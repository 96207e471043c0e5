/**
 * `maps.import`: the boundary worker reads, checks, reprojects and simplifies the file; the
 * warehouse matches its features to the region reference and replaces the level's layer in one
 * transaction (a refused file leaves the previous layer as it was), logged in the audit trail.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundaryImportResult, BoundaryLevel } from '../../../shared/contracts/maps.ts';
import type { WarehouseMessageKey } from '../../../shared/i18n/warehouse.ts';
import { appendAudit, currentActor } from '../audit/log.ts';
import { message } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { all, get, run, sql } from '../db/sql.ts';
import { WarehouseError } from '../errors/index.ts';
import { loadCrosswalk } from '../imports/store.ts';
import { startWorkerJob, WorkerJobError } from '../jobs/worker-job.ts';
import type { BoundaryWorkerInput, BoundaryWorkerResult } from './boundary-worker.ts';
import { polygonsFromCoordinates } from './geometry.ts';
import { matchFeatures, type FeatureMatch, type ParentShape, type Reason } from './match.ts';
import { invalidateGeometry, layerReport, provinceRegionRefs, workingProvince } from './store.ts';

export interface BoundaryLimits {
  readonly timeoutMs?: number;
  readonly maxOldGenerationMb?: number;
  /** Largest file accepted (default 256 MB: a GeoJSON is parsed whole, and JSON text past ~500 MB cannot be). */
  readonly maxFileBytes?: number;
  readonly maxFeatures?: number;
  readonly maxVertices?: number;
}

export const BOUNDARY_DEFAULTS = {
  maxFileBytes: 256 * 1024 * 1024,
  maxFeatures: 100_000,
  /** A whole province's villages at full BIG 1:25,000 detail stays below this. */
  maxVertices: 12_000_000,
  timeoutMs: 5 * 60_000,
  maxOldGenerationMb: 1536,
} as const;

/** The worker runs from source under Node (tests, CLI, browser host) and as a bundle beside the warehouse in the app. */
function workerEntry(): URL | string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./boundary-worker.ts', here);
  return join(dirname(fileURLToPath(here)), 'maps-boundary.js');
}

function workerFailure(db: Database, e: unknown, fileName: string): WarehouseError {
  if (e instanceof WorkerJobError) {
    let key: WarehouseMessageKey;
    let params: Record<string, string | number> = {};
    if (e.kind === 'failed') {
      try {
        const p = JSON.parse(e.message) as { key: WarehouseMessageKey | null; params?: Record<string, string | number>; detail?: string };
        if (p.key === null) return new WarehouseError('internal', message(db, 'error.internal'), { cause: p.detail ?? '' });
        key = p.key;
        params = p.params ?? {};
      } catch {
        return new WarehouseError('internal', message(db, 'error.internal'), { cause: e.message });
      }
    } else if (e.kind === 'cancelled') return new WarehouseError('cancelled', message(db, 'error.internal'));
    else if (e.kind === 'timeout') {
      key = 'maps.file.timeout';
      params = { seconds: Number(/\((\S+) detik\)/.exec(e.message)?.[1]?.replace(',', '.') ?? 0) };
    } else if (e.kind === 'memory') {
      key = 'maps.file.memory';
      params = { mb: Number(/\((\d+) MB\)/.exec(e.message)?.[1] ?? 0) };
    } else key = 'maps.file.crashed';
    return new WarehouseError('invalid_input', `${fileName}: ${message(db, key, params)}`, { reason: key.replace('maps.file.', '') });
  }
  return new WarehouseError('internal', message(db, 'error.internal'), { cause: e instanceof Error ? e.message : String(e) });
}

/** Matched shapes of the nearest layer above `level`, for placing features by their inside point. */
function parentShapes(db: Database, level: BoundaryLevel): ParentShape[] {
  for (let lvl = level - 1; lvl >= 2; lvl--) {
    const layer = get<{ id: number }>(db, sql`SELECT id FROM boundary_layer WHERE level = ${lvl} ORDER BY id DESC LIMIT 1`);
    if (!layer) continue;
    return all<{ region_code: string; original_type: string; original: string; min_x: number; min_y: number; max_x: number; max_y: number }>(
      db,
      sql`SELECT region_code, original_type, original, min_x, min_y, max_x, max_y FROM boundary_feature WHERE layer_id = ${layer.id} AND region_code IS NOT NULL`,
    ).map((r) => ({
      regionCode: r.region_code,
      bbox: [r.min_x, r.min_y, r.max_x, r.max_y],
      polygons: polygonsFromCoordinates(r.original_type, JSON.parse(r.original) as unknown),
    }));
  }
  return [];
}

export async function importBoundaries(
  db: Database,
  args: { readonly path: string; readonly name?: string; readonly level?: BoundaryLevel },
  limits: BoundaryLimits = {},
): Promise<BoundaryImportResult> {
  const started = performance.now();
  const province = workingProvince(db);
  const fileName = args.name ?? basename(args.path);
  const regions = provinceRegionRefs(db, province);
  const crosswalk = loadCrosswalk(db);
  const input: BoundaryWorkerInput = {
    path: args.path,
    ...(args.level !== undefined ? { level: args.level } : {}),
    maxFileBytes: limits.maxFileBytes ?? BOUNDARY_DEFAULTS.maxFileBytes,
    maxFeatures: limits.maxFeatures ?? BOUNDARY_DEFAULTS.maxFeatures,
    maxVertices: limits.maxVertices ?? BOUNDARY_DEFAULTS.maxVertices,
    regions,
    crosswalk,
  };
  const job = startWorkerJob<BoundaryWorkerInput, never, BoundaryWorkerResult>(workerEntry(), input, () => undefined, {
    timeoutMs: limits.timeoutMs ?? BOUNDARY_DEFAULTS.timeoutMs,
    maxOldGenerationMb: limits.maxOldGenerationMb ?? BOUNDARY_DEFAULTS.maxOldGenerationMb,
  });
  let r: BoundaryWorkerResult;
  try {
    r = await job.result;
  } catch (e) {
    throw workerFailure(db, e, fileName);
  }
  const level = r.keys.level;

  const matches: FeatureMatch[] = matchFeatures(r.features, r.keys, {
    level,
    province,
    regions,
    crosswalk: new Map(crosswalk),
    parents: parentShapes(db, level),
  });
  // Manual decisions on this very file (same level, same bytes) outlive a re-import.
  const manual = new Map(
    all<{ feature: number; region_code: string | null }>(db, sql`SELECT feature, region_code FROM boundary_manual WHERE level = ${level} AND sha256 = ${r.sha256}`).map((m) => [m.feature, m.region_code]),
  );
  const final = matches.map((m): FeatureMatch => {
    if (!manual.has(m.index)) return m;
    const code = manual.get(m.index) ?? null;
    return { ...m, regionCode: code, method: 'manual', reason: code === null ? ({ kind: 'manualNone' } satisfies Reason) : null };
  });
  const matched = final.filter((m) => m.regionCode !== null).length;
  if (matched === 0) {
    throw new WarehouseError('invalid_input', message(db, 'maps.error.nothingMatched', { file: fileName, features: r.features.length, level: message(db, level === 2 ? 'maps.level.2' : level === 3 ? 'maps.level.3' : 'maps.level.4') }), { reason: 'nothing_matched' });
  }

  let simplifiedBytes = 0;
  let originalBytes = 0;
  for (const f of r.features) {
    simplifiedBytes += f.simplified.length;
    originalBytes += f.original.length;
  }
  const importedAt = new Date().toISOString();
  const previous = all<{ id: number }>(db, sql`SELECT id FROM boundary_layer WHERE level = ${level} ORDER BY id`).map((p) => p.id);
  const layerId = db.transaction((): number => {
    for (const id of previous) {
      run(db, sql`DELETE FROM boundary_feature WHERE layer_id = ${id}`);
      run(db, sql`DELETE FROM boundary_layer WHERE id = ${id}`);
    }
    const id = Number(
      run(
        db,
        sql`INSERT INTO boundary_layer (level, province, file_name, file_size, format, sha256, projection, encoding, keys, tolerance,
              vertices_original, vertices_simplified, simplified_bytes, original_bytes, imported_at, actor)
            VALUES (${level}, ${province}, ${fileName}, ${r.size}, ${r.format}, ${r.sha256}, ${r.projection}, ${r.encoding}, ${JSON.stringify(r.keys)}, ${r.tolerance},
              ${r.verticesBefore}, ${r.verticesAfter}, ${simplifiedBytes}, ${originalBytes}, ${importedAt}, ${currentActor()})`,
      ).lastInsertRowid,
    );
    const insert = db.prepare(
      `INSERT INTO boundary_feature (layer_id, feature, code, name, region_code, method, reason, candidates, min_x, min_y, max_x, max_y, label_x, label_y,
        geom_type, geometry, overview_type, overview, original_type, original, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    r.features.forEach((f, i) => {
      const m = final[i] as FeatureMatch;
      insert.run(
        id, f.index, m.code, m.name, m.regionCode, m.method, m.reason ? JSON.stringify(m.reason) : null, JSON.stringify(m.candidates),
        f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], f.label[0], f.label[1], f.type, f.simplified, f.overviewType, f.overview, f.originalType, f.original, JSON.stringify(f.props),
      );
    });
    const byMethod: Record<string, number> = {};
    for (const m of final) if (m.method && m.regionCode) byMethod[m.method] = (byMethod[m.method] ?? 0) + 1;
    appendAudit(db, 'maps.import', {
      layerId: id, level, file: fileName, sha256: r.sha256, format: r.format, projection: r.projection, features: r.features.length, matched, byMethod, replaced: previous,
    }, new Date(importedAt));
    return id;
  })();
  invalidateGeometry(db);
  const report = layerReport(db, layerId);
  return { ...report, replaced: previous.at(-1) ?? null, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
