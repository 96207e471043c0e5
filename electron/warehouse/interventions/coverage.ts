import type { Database } from 'better-sqlite3';
import type { RecipientProgramName } from '../../../shared/contracts/interventions.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { all, pluck, rawRows, run, sql } from '../db/sql.ts';
import { resolveDatasets } from '../analysis/datasets.ts';
import { listBatches } from '../system/batches.ts';
import { openUniverse, type Universe } from './universe.ts';

/**
 * Program coverage: the rows of the recipient lists an OPD hands in, tied to the families of a
 * poverty dataset — by the family card number, then the head's NIK, then any member's NIK — and
 * kept in `recipient_link` per (recipient batch, family batch), so the join over millions of
 * members runs once. Only well-formed 16-digit numbers link (no placeholders such as
 * `0000000000000000`). Reconciliation links (padu-padan) will add rows here with their own method.
 */

const VALID_ID = sql`length(r.nik) = 16 AND r.nik NOT GLOB '*[^0-9]*' AND substr(r.nik, 7, 6) <> '000000'`;
const VALID_KK = sql`length(r.kk) = 16 AND r.kk NOT GLOB '*[^0-9]*' AND substr(r.kk, 7, 10) <> '0000000000'`;

export function recipientBatches(db: Database): BatchSummary[] {
  return listBatches(db).filter((b) => b.source === 'program');
}

/**
 * Link recipient batches to the universe's family batch. No KK and head NIK are index look-ups per
 * batch; members' NIKs are one pass over the individu batch for all the batches together, probing
 * a temporary table of the still-unlinked recipients' numbers (the person table has no NIK index,
 * and one scan of five million members beats thousands of them).
 */
function linkBatches(u: Universe, recipientBatches: readonly number[]): void {
  const db = u.db;
  const fam = u.dataset.familyBatch.id;
  const todo = recipientBatches.filter(
    (b) => pluck<number>(db, sql`SELECT links FROM recipient_link_state WHERE recipient_batch_id = ${b} AND family_batch_id = ${fam}`).length === 0,
  );
  if (todo.length === 0) return;
  const batches = sql`(SELECT value FROM json_each(${JSON.stringify(todo)}))`;
  db.transaction(() => {
    run(db, sql`
      INSERT OR IGNORE INTO recipient_link (recipient_id, family_batch_id, family_id, via)
      SELECT r.id, ${fam}, f.id, 'kk' FROM program_recipient r JOIN family f ON f.kk = r.kk AND f.batch_id = ${fam}
      WHERE r.batch_id IN ${batches} AND r.kk IS NOT NULL AND ${VALID_KK}`);
    run(db, sql`
      INSERT OR IGNORE INTO recipient_link (recipient_id, family_batch_id, family_id, via)
      SELECT r.id, ${fam}, f.id, 'nik_kepala' FROM program_recipient r JOIN family f ON f.head_nik = r.nik AND f.batch_id = ${fam}
      WHERE r.batch_id IN ${batches} AND r.nik IS NOT NULL AND ${VALID_ID}
        AND NOT EXISTS (SELECT 1 FROM recipient_link l WHERE l.recipient_id = r.id AND l.family_batch_id = ${fam})`);
    const person = u.dataset.personBatch?.id ?? null;
    if (person !== null) {
      run(db, sql`CREATE TEMP TABLE IF NOT EXISTS padu_want (nik TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (nik, rid)) WITHOUT ROWID`);
      run(db, sql`DELETE FROM temp.padu_want`);
      run(db, sql`
        INSERT OR IGNORE INTO temp.padu_want (nik, rid)
        SELECT r.nik, r.id FROM program_recipient r
        WHERE r.batch_id IN ${batches} AND r.nik IS NOT NULL AND ${VALID_ID}
          AND NOT EXISTS (SELECT 1 FROM recipient_link l WHERE l.recipient_id = r.id AND l.family_batch_id = ${fam})`);
      const hits = rawRows<[number, number]>(db, sql`
        SELECT w.rid, p.family_id FROM person p CROSS JOIN temp.padu_want w ON w.nik = p.nik
        WHERE p.batch_id = ${person} AND p.nik IS NOT NULL AND p.family_id IS NOT NULL`);
      run(db, sql`DELETE FROM temp.padu_want`);
      if (hits.length > 0) {
        // The individu file's family rows stand for the keluarga file's families by the family id.
        const link = u.cube.memberFamily();
        const toFamily = new Map<number, number>();
        if (link) {
          for (let i = 0; i < u.cube.n; i++) {
            const f = link[i] as number;
            if (f >= 0) toFamily.set(f, u.cube.ids[i] as number);
          }
        }
        const insert = db.prepare('INSERT OR IGNORE INTO recipient_link (recipient_id, family_batch_id, family_id, via) VALUES (?, ?, ?, ?)');
        for (const [rid, fid] of hits) {
          const familyId = link ? toFamily.get(fid) : fid;
          if (familyId !== undefined) insert.run(rid, fam, familyId, 'nik_anggota');
        }
      }
    }
    const now = new Date().toISOString();
    for (const b of todo) {
      const links = pluck<number>(db, sql`
        SELECT count(*) FROM recipient_link l JOIN program_recipient r ON r.id = l.recipient_id
        WHERE r.batch_id = ${b} AND l.family_batch_id = ${fam}`)[0] ?? 0;
      run(db, sql`INSERT INTO recipient_link_state (recipient_batch_id, family_batch_id, person_batch_id, links, done_at)
        VALUES (${b}, ${fam}, ${person}, ${links}, ${now})`);
    }
  })();
}

/** Link every complete recipient batch to the universe's families. */
export function ensureLinks(u: Universe): BatchSummary[] {
  const batches = recipientBatches(u.db);
  linkBatches(u, batches.map((b) => b.id));
  return batches;
}

/**
 * After an import: link the recipient lists to the newest family batch of every poverty source,
 * so the first coverage question after it is answered at once (the work is done while the import
 * screen still shows its progress). Only when both sides exist; a failure here leaves the
 * committed batch alone and the links are made on first use instead.
 */
export function linkAfterImport(db: Database, dbPath: string): void {
  if (recipientBatches(db).length === 0) return;
  for (const source of ['p3ke', 'dtsen', 'dtks'] as const) {
    if (resolveDatasets(db, [source]).length === 0) continue;
    ensureLinks(openUniverse(db, dbPath, source, new Date().getFullYear()));
  }
}

const maskCache = new WeakMap<Database, Map<string, Uint8Array>>();

/**
 * 1 per family position listed under one of `programs` (names compared without case or outer
 * spaces) in a year within [yearFrom, yearTo]. A recipient row without a year counts: it cannot be
 * shown to lie outside the window.
 */
export function coverageMask(u: Universe, programs: readonly string[], yearFrom: number | null, yearTo: number | null): Uint8Array {
  const out = new Uint8Array(u.cube.n);
  if (programs.length === 0) return out;
  const batches = ensureLinks(u);
  const names = [...new Set(programs.map((p) => p.trim().toUpperCase()))].sort();
  const key = `${u.cube.key}|${batches.map((b) => `${b.id}@${b.createdAt}`).join(',')}|${names.join('\u0001')}|${yearFrom ?? ''}|${yearTo ?? ''}`;
  let cache = maskCache.get(u.db);
  if (!cache) {
    cache = new Map();
    maskCache.set(u.db, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const ids = pluck<number>(u.db, sql`
    SELECT DISTINCT l.family_id FROM program_recipient r JOIN recipient_link l ON l.recipient_id = r.id AND l.family_batch_id = ${u.dataset.familyBatch.id}
    WHERE upper(trim(r.program)) IN (SELECT value FROM json_each(${JSON.stringify(names)}))
      AND (r.year IS NULL OR (r.year >= ${yearFrom ?? -1} AND r.year <= ${yearTo ?? 99999}))`);
  for (const id of ids) {
    const i = u.cube.indexOfId(id);
    if (i >= 0) out[i] = 1;
  }
  if (cache.size > 32) cache.clear();
  cache.set(key, out);
  return out;
}

/** Program names found on the recipient lists, with their rows, years and batches. */
export function recipientProgramNames(db: Database): RecipientProgramName[] {
  const rows = all<{ name: string; rows: number; years: string | null; batches: string }>(db, sql`
    SELECT trim(r.program) AS name, count(*) AS rows, group_concat(DISTINCT r.year) AS years, group_concat(DISTINCT r.batch_id) AS batches
    FROM program_recipient r JOIN batch b ON b.id = r.batch_id AND b.status = 'complete'
    GROUP BY upper(trim(r.program)) ORDER BY name`);
  const nums = (s: string | null): number[] => (s ? s.split(',').map(Number).filter(Number.isFinite).sort((a, b) => a - b) : []);
  return rows.map((r) => ({ name: r.name, rows: r.rows, years: nums(r.years), batches: nums(r.batches) }));
}
