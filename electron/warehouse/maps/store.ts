/**
 * Boundary layers in the warehouse: listing, the unmatched report, manual matches, deletion, the
 * drawing geometry (cached per layer and parent: the same map is asked for again at every redraw)
 * and the export of the original geometry.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { BoundaryImportResult, BoundaryLayer, BoundaryLevel, MapGeometry, MatchMethod, UnmatchedFeature } from '../../../shared/contracts/maps.ts';
import type { WarehouseMessageKey } from '../../../shared/i18n/warehouse.ts';
import { levelOfCode, normalizeRegionCode, type RegionLevel } from '../../../shared/model/region.ts';
import { appendAudit, currentActor, fileSha256 } from '../audit/log.ts';
import { fail, message } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { all, get, raw, run, sql } from '../db/sql.ts';
import { exportDir } from '../imports/rejects.ts';
import type { RegionRef } from './detect.ts';
import type { Reason } from './match.ts';

interface LayerRow {
  id: number;
  level: number;
  province: string;
  file_name: string;
  format: string;
  sha256: string;
  projection: string;
  imported_at: string;
  features: number;
  matched: number;
  simplified_bytes: number;
  original_bytes: number;
}

const LAYER_SELECT = sql`SELECT l.id, l.level, l.province, l.file_name, l.format, l.sha256, l.projection, l.imported_at, l.simplified_bytes, l.original_bytes,
  (SELECT count(*) FROM boundary_feature f WHERE f.layer_id = l.id) AS features,
  (SELECT count(*) FROM boundary_feature f WHERE f.layer_id = l.id AND f.region_code IS NOT NULL) AS matched
  FROM boundary_layer l`;

function toLayer(r: LayerRow): BoundaryLayer {
  return {
    id: r.id,
    level: r.level as BoundaryLevel,
    fileName: r.file_name,
    format: r.format as BoundaryLayer['format'],
    sha256: r.sha256,
    projection: r.projection,
    importedAt: r.imported_at,
    features: r.features,
    matched: r.matched,
    simplifiedBytes: r.simplified_bytes,
    originalBytes: r.original_bytes,
  };
}

export function listLayers(db: Database): BoundaryLayer[] {
  return all<LayerRow>(db, sql`${LAYER_SELECT} ORDER BY l.id DESC`).map(toLayer);
}

export function getLayer(db: Database, id: number): BoundaryLayer {
  const r = get<LayerRow>(db, sql`${LAYER_SELECT} WHERE l.id = ${id}`);
  if (!r) fail(db, 'not_found', 'maps.error.layerNotFound', { id });
  return toLayer(r);
}

/** The layer drawn for a level: the newest one (an import replaces the one before). */
export function activeLayerId(db: Database, level: BoundaryLevel): number | null {
  return get<{ id: number }>(db, sql`SELECT id FROM boundary_layer WHERE level = ${level} ORDER BY id DESC LIMIT 1`)?.id ?? null;
}

export function workingProvince(db: Database): string {
  const p = get<{ value: string }>(db, sql`SELECT value FROM setting WHERE key = 'working_province'`)?.value;
  if (p === undefined) fail(db, 'not_ready', 'error.provinceNotChosen');
  return p;
}

export function provinceRegionRefs(db: Database, province: string): RegionRef[] {
  return all<{ code: string; parent_code: string | null; level: number; name: string }>(
    db,
    sql`SELECT code, parent_code, level, name FROM region WHERE code = ${province} OR code LIKE ${`${province}.%`} ORDER BY code`,
  ).map((r) => ({ code: r.code, parent: r.parent_code, level: r.level as RegionLevel, name: r.name }));
}

// --- Geometry cache ----------------------------------------------------------------------------

const GEOMETRY_CACHE = new WeakMap<Database, Map<string, MapGeometry | null>>();

/** Forget every cached map of this warehouse (after an import, a match or a deletion). */
export function invalidateGeometry(db: Database): void {
  GEOMETRY_CACHE.delete(db);
}

/** The drawing collection of `level` under `parent` (default: the working province). */
export function mapGeometry(db: Database, level: BoundaryLevel, parentArg: string | undefined): MapGeometry | null {
  const province = workingProvince(db);
  const parent = parentArg === undefined ? province : normalizeRegionCode(parentArg);
  const parentLevel = parent === null ? null : levelOfCode(parent);
  if (parent === null || parentLevel === null || parentLevel >= level || !(parent === province || parent.startsWith(`${province}.`))) {
    fail(db, 'invalid_input', 'maps.error.badParent', { code: parentArg ?? '', level: message(db, levelKey(level)) });
  }
  const layerId = activeLayerId(db, level);
  if (layerId === null) return null;
  const cacheKey = `${layerId}|${parent}`;
  let cache = GEOMETRY_CACHE.get(db);
  if (!cache) {
    cache = new Map();
    GEOMETRY_CACHE.set(db, cache);
  }
  if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;

  // The whole province's villages from their overview copy where the layer has one.
  const overview = parentLevel === 1 && level === 4;
  const rows = all<{ region_code: string; geom_type: string; geometry: string; min_x: number; min_y: number; max_x: number; max_y: number }>(
    db,
    sql`SELECT region_code,
          ${overview ? raw('coalesce(overview_type, geom_type)') : raw('geom_type')} AS geom_type,
          ${overview ? raw('coalesce(overview, geometry)') : raw('geometry')} AS geometry,
          min_x, min_y, max_x, max_y FROM boundary_feature
        WHERE layer_id = ${layerId} AND region_code LIKE ${`${parent}.%`} ORDER BY region_code, feature`,
  );
  const regions = all<{ code: string; name: string }>(db, sql`SELECT code, name FROM region WHERE level = ${level} AND code LIKE ${`${parent}.%`} ORDER BY code`);
  const nameOf = new Map(regions.map((r) => [r.code, r.name]));
  const features: MapGeometry['features'][number][] = [];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  // Several features of one region (parts written separately) become one MultiPolygon.
  let i = 0;
  while (i < rows.length) {
    const first = rows[i] as (typeof rows)[number];
    let j = i + 1;
    while (j < rows.length && rows[j]?.region_code === first.region_code) j++;
    const group = rows.slice(i, j);
    i = j;
    for (const g of group) {
      if (g.min_x < bbox[0]) bbox[0] = g.min_x;
      if (g.min_y < bbox[1]) bbox[1] = g.min_y;
      if (g.max_x > bbox[2]) bbox[2] = g.max_x;
      if (g.max_y > bbox[3]) bbox[3] = g.max_y;
    }
    let geometry: MapGeometry['features'][number]['geometry'];
    if (group.length === 1) geometry = { type: first.geom_type as 'Polygon' | 'MultiPolygon', coordinates: JSON.parse(first.geometry) as unknown };
    else {
      const parts: unknown[] = [];
      for (const g of group) {
        const c = JSON.parse(g.geometry) as unknown[];
        if (g.geom_type === 'Polygon') parts.push(c);
        else parts.push(...c);
      }
      geometry = { type: 'MultiPolygon', coordinates: parts };
    }
    features.push({ type: 'Feature', properties: { kode: first.region_code, nama: nameOf.get(first.region_code) ?? first.region_code }, geometry });
  }
  const drawn = new Set(features.map((f) => f.properties.kode));
  const value: MapGeometry = {
    type: 'FeatureCollection',
    features,
    bbox: features.length > 0 ? bbox : [0, 0, 0, 0],
    level,
    layerId,
    missing: regions.filter((r) => !drawn.has(r.code)).map((r) => ({ code: r.code, name: r.name })),
  };
  cache.set(cacheKey, value);
  return value;
}

// --- Unmatched report --------------------------------------------------------------------------

function levelKey(level: number): WarehouseMessageKey {
  return level === 2 ? 'maps.level.2' : level === 3 ? 'maps.level.3' : 'maps.level.4';
}

class RegionBook {
  private readonly byCode: Map<string, RegionRef>;
  constructor(regions: readonly RegionRef[]) {
    this.byCode = new Map(regions.map((r) => [r.code, r]));
  }
  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }
  path(code: string): string[] {
    const out: string[] = [];
    let c: string | null = code;
    while (c !== null) {
      const r = this.byCode.get(c);
      if (!r) break;
      out.unshift(r.name);
      c = r.parent;
    }
    return out;
  }
  entry(code: string): { code: string; name: string; path: string[] } {
    return { code, name: this.name(code), path: this.path(code) };
  }
}

/** A stored reason in the current language. */
export function reasonText(db: Database, reason: Reason, book: { name(code: string): string }): string {
  switch (reason.kind) {
    case 'codeUnknown':
      return message(db, 'maps.reason.codeUnknown', { code: reason.code });
    case 'codeOutsideProvince':
      return message(db, 'maps.reason.codeOutsideProvince', { code: reason.code });
    case 'codeOtherLevel':
      return message(db, 'maps.reason.codeOtherLevel', { code: reason.code, level: message(db, levelKey(reason.level)) });
    case 'bpsNoCrosswalk':
      return message(db, 'maps.reason.bpsNoCrosswalk', { code: reason.code });
    case 'nameNotFound':
      return message(db, 'maps.reason.nameNotFound', { name: reason.name, level: message(db, levelKey(reason.level)), parent: book.name(reason.parent) });
    case 'nameNotFoundAnywhere':
      return message(db, 'maps.reason.nameNotFoundAnywhere', { name: reason.name, level: message(db, levelKey(reason.level)) });
    case 'nameAmbiguous':
      return message(db, 'maps.reason.nameAmbiguous', { name: reason.name, n: reason.n });
    case 'noKey':
      return message(db, 'maps.reason.noKey');
    case 'manualNone':
      return message(db, 'maps.reason.manualNone');
  }
}

export function layerReport(db: Database, layerId: number): Omit<BoundaryImportResult, 'seconds' | 'replaced'> {
  const layer = getLayer(db, layerId);
  const province = get<{ province: string }>(db, sql`SELECT province FROM boundary_layer WHERE id = ${layerId}`)?.province ?? workingProvince(db);
  const book = new RegionBook(provinceRegionRefs(db, province));
  const byMethod: Partial<Record<MatchMethod, number>> = {};
  for (const r of all<{ method: MatchMethod; n: number }>(
    db,
    sql`SELECT method, count(*) AS n FROM boundary_feature WHERE layer_id = ${layerId} AND region_code IS NOT NULL GROUP BY method ORDER BY method`,
  )) {
    byMethod[r.method] = r.n;
  }
  const unmatchedFeatures: UnmatchedFeature[] = all<{ feature: number; code: string | null; name: string | null; reason: string | null; candidates: string }>(
    db,
    sql`SELECT feature, code, name, reason, candidates FROM boundary_feature WHERE layer_id = ${layerId} AND region_code IS NULL ORDER BY feature`,
  ).map((r) => ({
    feature: r.feature,
    code: r.code,
    name: r.name,
    reason: reasonText(db, r.reason ? (JSON.parse(r.reason) as Reason) : { kind: 'noKey' }, book),
    candidates: (JSON.parse(r.candidates) as string[]).map((c) => book.entry(c)),
  }));
  const withoutPolygon = all<{ code: string }>(
    db,
    sql`SELECT r.code FROM region r WHERE r.level = ${layer.level} AND r.code LIKE ${`${province}.%`}
        AND NOT EXISTS (SELECT 1 FROM boundary_feature f WHERE f.layer_id = ${layerId} AND f.region_code = r.code) ORDER BY r.code`,
  );
  return {
    layer,
    features: layer.features,
    matched: layer.matched,
    byMethod,
    unmatchedFeatures,
    regionsWithoutPolygon: withoutPolygon.map((r) => book.entry(r.code)),
  };
}

// --- Manual matches, deletion --------------------------------------------------------------------

export function matchByHand(db: Database, layerId: number, feature: number, regionArg: string | null): { matched: number } {
  const layer = getLayer(db, layerId);
  const meta = get<{ province: string; sha256: string }>(db, sql`SELECT province, sha256 FROM boundary_layer WHERE id = ${layerId}`);
  const row = get<{ region_code: string | null }>(db, sql`SELECT region_code FROM boundary_feature WHERE layer_id = ${layerId} AND feature = ${feature}`);
  if (!row || !meta) fail(db, 'not_found', 'maps.error.featureNotFound', { feature, id: layerId });
  let region: string | null = null;
  if (regionArg !== null) {
    region = normalizeRegionCode(regionArg);
    const r = region ? get<{ level: number }>(db, sql`SELECT level FROM region WHERE code = ${region}`) : undefined;
    if (region === null || !r || r.level !== layer.level || !region.startsWith(`${meta.province}.`)) {
      fail(db, 'invalid_input', 'maps.error.regionLevel', { code: regionArg, level: message(db, levelKey(layer.level)) });
    }
  }
  const at = new Date().toISOString();
  db.transaction(() => {
    run(
      db,
      sql`UPDATE boundary_feature SET region_code = ${region}, method = 'manual',
          reason = ${region === null ? JSON.stringify({ kind: 'manualNone' } satisfies Reason) : null}
          WHERE layer_id = ${layerId} AND feature = ${feature}`,
    );
    run(
      db,
      sql`INSERT INTO boundary_manual (level, sha256, feature, region_code, actor, at) VALUES (${layer.level}, ${meta.sha256}, ${feature}, ${region}, ${currentActor()}, ${at})
          ON CONFLICT (level, sha256, feature) DO UPDATE SET region_code = excluded.region_code, actor = excluded.actor, at = excluded.at`,
    );
    appendAudit(db, 'maps.match', { layerId, level: layer.level, file: layer.fileName, feature, regionCode: region, previous: row.region_code });
  })();
  invalidateGeometry(db);
  return { matched: get<{ n: number }>(db, sql`SELECT count(*) AS n FROM boundary_feature WHERE layer_id = ${layerId} AND region_code IS NOT NULL`)?.n ?? 0 };
}

export function deleteLayer(db: Database, layerId: number): { deleted: boolean } {
  const layer = get<{ level: number; file_name: string }>(db, sql`SELECT level, file_name FROM boundary_layer WHERE id = ${layerId}`);
  if (!layer) return { deleted: false };
  db.transaction(() => {
    run(db, sql`DELETE FROM boundary_feature WHERE layer_id = ${layerId}`);
    run(db, sql`DELETE FROM boundary_layer WHERE id = ${layerId}`);
    appendAudit(db, 'maps.delete', { layerId, level: layer.level, file: layer.file_name });
  })();
  invalidateGeometry(db);
  return { deleted: true };
}

// --- Export ------------------------------------------------------------------------------------

const LEVEL_FILE: Readonly<Record<number, string>> = { 2: 'kabupaten', 3: 'kecamatan', 4: 'desa' };
const PADU_KEYS = new Set(['kode_padu', 'nama_padu', 'metode_padu']);

/** The layer's original geometry as GeoJSON, the file's own attributes plus the matched code and name. */
export async function exportGeometry(db: Database, dbPath: string, layerId: number, pathArg: string | undefined): Promise<{ path: string; fileName: string }> {
  const layer = getLayer(db, layerId);
  const path = pathArg ?? join(exportDir(dbPath), `batas-${LEVEL_FILE[layer.level] ?? layer.level}-${layerId}.geojson`);
  if (!['.geojson', '.json'].includes(extname(path).toLowerCase())) fail(db, 'invalid_input', 'error.exportExtension', { ext: 'geojson', path });
  mkdirSync(dirname(path), { recursive: true });
  const names = new Map(all<{ code: string; name: string }>(db, sql`SELECT code, name FROM region WHERE level = ${layer.level}`).map((r) => [r.code, r.name]));
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = (s: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (out.write(s)) resolve();
      else {
        out.once('drain', resolve);
        out.once('error', reject);
      }
    });
  await write('{"type":"FeatureCollection","features":[\n');
  const stmt = db.prepare('SELECT feature, region_code, method, original_type, original, properties FROM boundary_feature WHERE layer_id = ? ORDER BY feature');
  let first = true;
  for (const r of stmt.iterate(layerId) as IterableIterator<{ feature: number; region_code: string | null; method: string | null; original_type: string; original: string; properties: string }>) {
    // Properties are written pair by pair: the file's own keys never pass through a plain object.
    const pairs = (JSON.parse(r.properties) as [string, unknown][]).filter(([k]) => !PADU_KEYS.has(k));
    pairs.push(['kode_padu', r.region_code], ['nama_padu', r.region_code ? (names.get(r.region_code) ?? null) : null], ['metode_padu', r.region_code ? r.method : null]);
    const props = pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
    await write(`${first ? '' : ',\n'}{"type":"Feature","properties":{${props}},"geometry":{"type":${JSON.stringify(r.original_type)},"coordinates":${r.original}}}`);
    first = false;
  }
  await write('\n]}\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  appendAudit(db, 'maps.export', { layerId, level: layer.level, path, file: basename(path), features: layer.features, sha256: await fileSha256(path) });
  return { path, fileName: basename(path) };
}
