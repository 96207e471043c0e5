/** What the import pipeline reads from and writes to the warehouse besides the batch itself. */
import type { PlanConstants } from '../../../shared/contracts/imports.ts';
import type { RegionRecord } from '../../../shared/import/region-names.ts';
import type { RegionLevel } from '../../../shared/model/region.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import type { Database } from '../db/connection.ts';
import type { ProfileHint } from './reader-worker.ts';

/** The working province's regions (all of Indonesia when none is chosen) for name placement and code checks. */
export function provinceRegions(db: Database, province: string | null): RegionRecord[] {
  const rows = (
    province
      ? db.prepare('SELECT code, parent_code, level, name FROM region WHERE code = ? OR code LIKE ?').all(province, `${province}.%`)
      : db.prepare('SELECT code, parent_code, level, name FROM region').all()
  ) as { code: string; parent_code: string | null; level: number; name: string }[];
  return rows.map((r) => ({ code: r.code, parent: r.parent_code, level: r.level as RegionLevel, name: r.name }));
}

export function loadCrosswalk(db: Database): [string, string][] {
  return (db.prepare('SELECT bps_code, region_code FROM bps_crosswalk').raw().all() as [string, string][]).map(([a, b]) => [a, b]);
}

interface ProfileRow {
  id: number;
  name: string;
  signature: string;
  source: string;
  mapping: string;
  constants: string;
}

export function loadProfiles(db: Database): ProfileHint[] {
  return (db.prepare('SELECT id, name, signature, source, mapping, constants FROM mapping_profile ORDER BY id').all() as ProfileRow[]).map((r) => ({
    id: r.id,
    name: r.name,
    signature: r.signature,
    source: r.source as SourceKind,
    mapping: JSON.parse(r.mapping) as (string | null)[],
    constants: JSON.parse(r.constants) as PlanConstants,
  }));
}

export function saveProfile(
  db: Database,
  p: { signature: string; source: SourceKind; name: string; columns: readonly string[]; mapping: readonly (string | null)[]; constants: PlanConstants },
): number {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO mapping_profile (signature, source, name, columns, mapping, constants, created_at, used_at, use_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT(signature) DO UPDATE SET source = excluded.source, mapping = excluded.mapping, constants = excluded.constants,
       columns = excluded.columns, used_at = excluded.used_at, use_count = use_count + 1`,
  ).run(p.signature, p.source, p.name, JSON.stringify(p.columns), JSON.stringify(p.mapping), JSON.stringify(p.constants), now, now);
  return (db.prepare('SELECT id FROM mapping_profile WHERE signature = ?').pluck().get(p.signature) as number | undefined) ?? 0;
}

/** A complete batch holding a file with this SHA-256, or null. */
export function findBatchBySha(db: Database, sha256: string): number | null {
  if (sha256 === '') return null;
  const id = db.prepare("SELECT id FROM batch WHERE file_sha256 = ? AND status = 'complete' ORDER BY id DESC LIMIT 1").pluck().get(sha256) as number | undefined;
  return id ?? null;
}
