import type { Database } from 'better-sqlite3';
import type { RegionSourceInfo } from '../../../shared/contracts/system.ts';
import type { RegionSearchHit } from '../../../shared/contracts/reference.ts';
import {
  levelOfCode,
  normalizeRegionCode,
  regionNameKey,
  type Region,
  type RegionLevel,
  type RegionWithCounts,
} from '../../../shared/model/region.ts';
import { all, get, sql } from '../db/sql.ts';
import { readRegionReference, REGION_DECREE, REGION_PACKAGE, regionPackageVersion } from './source.ts';

interface RegionRow {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
}

function toRegion(r: RegionRow): Region {
  return { code: r.code, parentCode: r.parent_code, level: r.level as RegionLevel, name: r.name };
}

export function hasRegionReference(db: Database): boolean {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM region_source`)?.n !== 0;
}

/** Load the Kemendagri tree into an empty warehouse; a no-op when it is there already. */
export async function ensureRegionReference(db: Database): Promise<void> {
  if (hasRegionReference(db)) return;
  const regions = await readRegionReference();
  const insert = db.prepare('INSERT INTO region (code, parent_code, level, name, name_key) VALUES (?, ?, ?, ?, ?)');
  const counts = [0, 0, 0, 0];
  db.transaction(() => {
    if (hasRegionReference(db)) return;
    db.exec('DELETE FROM region');
    for (const r of regions) {
      insert.run(r.code, r.parentCode, r.level, r.name, regionNameKey(r.name));
      counts[r.level - 1] = (counts[r.level - 1] ?? 0) + 1;
    }
    db.prepare(
      `INSERT INTO region_source (package, package_version, decree, provinces, regencies, districts, villages, loaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(REGION_PACKAGE, regionPackageVersion(), REGION_DECREE, counts[0], counts[1], counts[2], counts[3], new Date().toISOString());
  })();
}

export function regionSource(db: Database): RegionSourceInfo | null {
  const row = get<{ package: string; package_version: string; decree: string; loaded_at: string }>(
    db,
    sql`SELECT package, package_version, decree, loaded_at FROM region_source ORDER BY id DESC LIMIT 1`,
  );
  return row ? { package: row.package, packageVersion: row.package_version, decree: row.decree, loadedAt: row.loaded_at } : null;
}

/** The region for a code written dotted or not; null when unknown. */
export function getRegion(db: Database, code: string): Region | null {
  const norm = normalizeRegionCode(code);
  if (!norm) return null;
  const row = get<RegionRow>(db, sql`SELECT code, parent_code, level, name FROM region WHERE code = ${norm}`);
  return row ? toRegion(row) : null;
}

export function childrenOf(db: Database, code: string | null): RegionWithCounts[] {
  const rows =
    code === null
      ? all<RegionRow & { n: number }>(
          db,
          sql`SELECT r.code, r.parent_code, r.level, r.name, (SELECT count(*) FROM region c WHERE c.parent_code = r.code) AS n
              FROM region r WHERE r.level = 1 ORDER BY r.code`,
        )
      : all<RegionRow & { n: number }>(
          db,
          sql`SELECT r.code, r.parent_code, r.level, r.name, (SELECT count(*) FROM region c WHERE c.parent_code = r.code) AS n
              FROM region r WHERE r.parent_code = ${code} ORDER BY r.code`,
        );
  return rows.map((r) => ({ ...toRegion(r), childCount: r.n }));
}

/** Province down to the region itself; empty when the code is unknown. */
export function pathOf(db: Database, code: string): Region[] {
  const norm = normalizeRegionCode(code);
  if (!norm || levelOfCode(norm) === null) return [];
  const parts = norm.split('.');
  const codes = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  const out: Region[] = [];
  for (const c of codes) {
    const row = get<RegionRow>(db, sql`SELECT code, parent_code, level, name FROM region WHERE code = ${c}`);
    if (!row) return [];
    out.push(toRegion(row));
  }
  return out;
}

/** Count of regions at a level inside a code's subtree (or everywhere when `within` is null). */
export function countRegions(db: Database, level: RegionLevel, within: string | null): number {
  const row =
    within === null
      ? get<{ n: number }>(db, sql`SELECT count(*) AS n FROM region WHERE level = ${level}`)
      : get<{ n: number }>(
          db,
          sql`SELECT count(*) AS n FROM region WHERE level = ${level} AND (code = ${within} OR code LIKE ${`${within}.%`})`,
        );
  return row?.n ?? 0;
}

export interface SearchOptions {
  readonly level?: RegionLevel | undefined;
  readonly within?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Name search, case and diacritic insensitive, ranked: exact name, then prefix, then containing;
 * a query that is a code (dotted or not) finds that code and its descendants.
 */
export function searchRegions(db: Database, query: string, options: SearchOptions = {}): RegionSearchHit[] {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 200);
  const level = options.level ?? null;
  const within = options.within ? normalizeRegionCode(options.within) : null;
  const withinLike = within ? `${within}.%` : null;
  const code = normalizeRegionCode(query);
  let rows: RegionRow[];
  if (code) {
    rows = all<RegionRow>(
      db,
      sql`SELECT code, parent_code, level, name FROM region
          WHERE (code = ${code} OR code LIKE ${`${code}.%`})
            AND (${level} IS NULL OR level = ${level})
            AND (${withinLike} IS NULL OR code LIKE ${withinLike})
          ORDER BY level, code LIMIT ${limit}`,
    );
  } else {
    const key = regionNameKey(query);
    if (key === '') return [];
    const escaped = key.replace(/[\\%_]/g, (m) => `\\${m}`);
    rows = all<RegionRow>(
      db,
      sql`SELECT code, parent_code, level, name FROM region
          WHERE name_key LIKE ${`%${escaped}%`} ESCAPE '\\'
            AND (${level} IS NULL OR level = ${level})
            AND (${withinLike} IS NULL OR code LIKE ${withinLike})
          ORDER BY CASE WHEN name_key = ${key} THEN 0 WHEN name_key LIKE ${`${escaped}%`} ESCAPE '\\' THEN 1 ELSE 2 END,
                   level, name_key, code
          LIMIT ${limit}`,
    );
  }
  return rows.map((r) => {
    const region = toRegion(r);
    return { ...region, path: pathOf(db, region.code).map((p) => p.name) };
  });
}
