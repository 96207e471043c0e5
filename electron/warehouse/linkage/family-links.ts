/**
 * A family's padu-padan links, for its detail panel (issue 7): each of its records (the head's
 * family row, each member) next to the record it was linked to in another batch, with the fields
 * that disagree named, so a planner sees at a glance that DTKS spells a name differently or holds
 * another birth date.
 */
import type { Database } from 'better-sqlite3';
import type { LinkedPair, LinkedSide, RecordKind } from '../../../shared/contracts/linkage.ts';
import { normalizeName } from '../../../shared/linkage/names.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import { all, sql } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';

interface RecordRow {
  id: number;
  batch_id: number;
  family_id: number | null;
  name: string | null;
  nik: string | null;
  kk: string | null;
  birth: string | null;
  sex: number | null;
  region_code: string | null;
  region_name: string | null;
}

function recordsOf(db: Database, kind: RecordKind, ids: readonly number[]): Map<number, RecordRow> {
  const json = JSON.stringify(ids);
  const rows = kind === 'person'
    ? all<RecordRow>(db, sql`SELECT p.id, p.batch_id, p.family_id, p.name, p.nik, p.kk, p.birth_date AS birth, p.sex, p.region_code, r.name AS region_name
        FROM person p LEFT JOIN region r ON r.code = p.region_code WHERE p.id IN (SELECT value FROM json_each(${json}))`)
    : kind === 'family'
      ? all<RecordRow>(db, sql`SELECT f.id, f.batch_id, f.id AS family_id, f.head_name AS name, f.head_nik AS nik, f.kk, f.head_birth AS birth, f.head_sex AS sex, f.region_code, r.name AS region_name
        FROM family f LEFT JOIN region r ON r.code = f.region_code WHERE f.id IN (SELECT value FROM json_each(${json}))`)
      : all<RecordRow>(db, sql`SELECT p.id, p.batch_id, NULL AS family_id, p.name, p.nik, p.kk, NULL AS birth, NULL AS sex, p.region_code, r.name AS region_name
        FROM program_recipient p LEFT JOIN region r ON r.code = p.region_code WHERE p.id IN (SELECT value FROM json_each(${json}))`);
  return new Map(rows.map((r) => [r.id, r]));
}

function side(r: RecordRow, showFullNik: boolean): LinkedSide {
  const mask = (v: string | null): string | null => (v === null ? null : showFullNik ? v : maskNik(v));
  return {
    id: r.id,
    familyId: r.family_id,
    name: r.name,
    nik: mask(r.nik),
    kk: mask(r.kk),
    birth: r.birth,
    sex: r.sex === 1 || r.sex === 2 ? r.sex : null,
    desa: r.region_name,
    desaCode: r.region_code,
  };
}

/** Fields on which the two records disagree (both known and different). */
function differences(a: RecordRow, b: RecordRow): LinkedPair['differences'] {
  const out: LinkedPair['differences'][number][] = [];
  const both = <T>(x: T | null, y: T | null): boolean => x !== null && y !== null;
  if (both(a.name, b.name) && a.name !== b.name) out.push(normalizeName(a.name ?? '') === normalizeName(b.name ?? '') ? 'name_spelling' : 'name');
  if (both(a.nik, b.nik) && a.nik !== b.nik) out.push('nik');
  if (both(a.kk, b.kk) && a.kk !== b.kk) out.push('kk');
  if (both(a.birth, b.birth) && a.birth !== b.birth) out.push('birth');
  if (both(a.sex, b.sex) && a.sex !== b.sex) out.push('sex');
  if (both(a.region_code, b.region_code) && a.region_code !== b.region_code) out.push('desa');
  return out;
}

/**
 * Links of the newest run of each pair of batches that touch these records: `familyIds` are the
 * family rows (head records of keluarga-kind runs), `personIds` the members.
 */
export function familyLinks(db: Database, familyIds: readonly number[], personIds: readonly number[], showFullNik: boolean): LinkedPair[] {
  const batches = new Set<number>();
  const fam = recordsOf(db, 'family', familyIds);
  const per = recordsOf(db, 'person', personIds);
  for (const r of [...fam.values(), ...per.values()]) batches.add(r.batch_id);
  if (batches.size === 0) return [];
  const runs = all<{ id: number; a_batch: number; b_batch: number; a_kind: RecordKind; b_kind: RecordKind }>(db, sql`
    SELECT id, a_batch, b_batch, a_kind, b_kind FROM link_run r
    WHERE (a_batch IN (SELECT value FROM json_each(${JSON.stringify([...batches])})) OR b_batch IN (SELECT value FROM json_each(${JSON.stringify([...batches])})))
      AND id = (SELECT max(id) FROM link_run r2 WHERE r2.a_batch = r.a_batch AND r2.b_batch = r.b_batch)
    ORDER BY id`);
  const out: LinkedPair[] = [];
  for (const run of runs) {
    for (const mine of ['a', 'b'] as const) {
      const myBatch = mine === 'a' ? run.a_batch : run.b_batch;
      if (!batches.has(myBatch)) continue;
      const myKind = mine === 'a' ? run.a_kind : run.b_kind;
      const otherKind = mine === 'a' ? run.b_kind : run.a_kind;
      const own = myKind === 'family' ? fam : per;
      const ids = JSON.stringify([...own.keys()]);
      const links = mine === 'a'
        ? all<{ mine: number; other: number; method: string; score: number; status: string }>(db, sql`
            SELECT a_id AS mine, b_id AS other, method, score, status FROM record_link WHERE run_id = ${run.id} AND a_id IN (SELECT value FROM json_each(${ids}))`)
        : all<{ mine: number; other: number; method: string; score: number; status: string }>(db, sql`
            SELECT b_id AS mine, a_id AS other, method, score, status FROM record_link WHERE run_id = ${run.id} AND b_id IN (SELECT value FROM json_each(${ids}))`);
      if (links.length === 0) continue;
      const others = recordsOf(db, otherKind, links.map((l) => l.other));
      const otherBatch = batchById(db, mine === 'a' ? run.b_batch : run.a_batch);
      if (!otherBatch) continue;
      for (const l of links) {
        const a = own.get(l.mine);
        const b = others.get(l.other);
        if (!a || !b) continue;
        out.push({
          runId: run.id,
          otherBatch,
          method: l.method as LinkedPair['method'],
          score: l.score,
          status: l.status as LinkedPair['status'],
          mine: side(a, showFullNik),
          other: side(b, showFullNik),
          differences: differences(a, b),
        });
      }
    }
  }
  return out;
}
