import type { Database } from 'better-sqlite3';
import { attributeMeta, valueLabel } from '../../../shared/analysis/attributes.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import { currentActor } from '../audit/log.ts';
import { currentLanguage, fail } from '../context.ts';
import { get, run, sql } from '../db/sql.ts';
import type { RecordKind, ReviewPair, ReviewRecord } from '../../../shared/contracts/linkage.ts';
import { adjustAreas } from './areas.ts';
import { runBatches } from './run.ts';

/**
 * The review queue: the pairs a run scored between the review and accept thresholds, best first,
 * the two records side by side with the fields that differ marked. A decision is kept by batch and
 * record (not by run), so every later run of the same batches respects it; accepting also turns
 * the pair into an accepted link of this run, rejecting removes it.
 */

function record(db: Database, kind: RecordKind, id: number, lang: 'id' | 'en'): ReviewRecord {
  const r = kind === 'person'
    ? get<{ source_id: string | null; name: string | null; nik: string | null; kk: string | null; birth: string | null; sex: number | null; region: string | null }>(db, sql`
        SELECT coalesce(source_id, family_source_id) AS source_id, name, nik, kk, birth_date AS birth, sex, region_code AS region FROM person WHERE id = ${id}`)
    : kind === 'family'
      ? get<{ source_id: string | null; name: string | null; nik: string | null; kk: string | null; birth: string | null; sex: number | null; region: string | null }>(db, sql`
        SELECT source_id, head_name AS name, head_nik AS nik, kk, head_birth AS birth, head_sex AS sex, region_code AS region FROM family WHERE id = ${id}`)
      : get<{ source_id: string | null; name: string | null; nik: string | null; kk: string | null; birth: string | null; sex: number | null; region: string | null }>(db, sql`
        SELECT NULL AS source_id, name, nik, kk, NULL AS birth, NULL AS sex, region_code AS region FROM program_recipient WHERE id = ${id}`);
  const regionName = r?.region ? (get<{ name: string }>(db, sql`SELECT name FROM region WHERE code = ${r.region}`)?.name ?? null) : null;
  const sexMeta = attributeMeta('jk');
  return {
    id,
    sourceId: r?.source_id ?? null,
    name: r?.name ?? null,
    nik: r?.nik ? maskNik(r.nik) : null,
    kk: r?.kk ? maskNik(r.kk) : null,
    birth: r?.birth ?? null,
    sex: r?.sex != null && sexMeta ? valueLabel(sexMeta, r.sex, lang) : null,
    region: r?.region ?? null,
    regionName,
  };
}

/** The `offset`-th undecided review pair of a run (best score first), or null when none is left. */
export function nextReview(db: Database, runId: number, offset = 0): ReviewPair | null {
  const { a, b, ka, kb } = runBatches(db, runId);
  const undecided = sql`l.run_id = ${runId} AND l.status = 'review' AND NOT EXISTS (SELECT 1 FROM link_decision d
    WHERE d.a_batch = ${a} AND d.a_id = l.a_id AND d.b_batch = ${b} AND d.b_id = l.b_id)`;
  const waiting = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM record_link l WHERE ${undecided}`)?.n ?? 0;
  const l = get<{ a_id: number; b_id: number; method: string; score: number }>(db, sql`
    SELECT l.a_id, l.b_id, l.method, l.score FROM record_link l WHERE ${undecided} ORDER BY l.score DESC, l.a_id, l.b_id LIMIT 1 OFFSET ${Math.max(0, offset)}`);
  if (!l) return null;
  const lang = currentLanguage(db);
  const ra = record(db, ka, l.a_id, lang);
  const rb = record(db, kb, l.b_id, lang);
  const norm = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
  const differs: string[] = [];
  if (norm(ra.name) !== norm(rb.name)) differs.push('name');
  for (const k of ['nik', 'kk', 'birth', 'sex', 'region'] as const) if (ra[k] !== null && rb[k] !== null && ra[k] !== rb[k]) differs.push(k);
  return { a: ra, b: rb, method: l.method, score: l.score, differs, waiting };
}

/** Accept or reject a pair (skip is simply not deciding). */
export function decide(db: Database, args: { runId: number; a: number; b: number; decision: 'accept' | 'reject' }): { waiting: number } {
  if (args.decision !== 'accept' && args.decision !== 'reject') fail(db, 'invalid_input', 'error.invalidArgs', { method: 'linkage.decide', problem: 'decision' });
  const { a, b, ka, kb } = runBatches(db, args.runId);
  db.transaction(() => {
    const was = get<{ status: string }>(db, sql`SELECT status FROM record_link WHERE run_id = ${args.runId} AND a_id = ${args.a} AND b_id = ${args.b}`)?.status;
    const prev = was === undefined ? 'none' : was === 'review' ? 'review' : 'linked';
    run(db, sql`INSERT INTO link_decision (a_batch, a_id, b_batch, b_id, decision, actor, at)
      VALUES (${a}, ${args.a}, ${b}, ${args.b}, ${args.decision}, ${currentActor()}, ${new Date().toISOString()})
      ON CONFLICT (a_batch, a_id, b_batch, b_id) DO UPDATE SET decision = excluded.decision, actor = excluded.actor, at = excluded.at`);
    if (args.decision === 'accept') run(db, sql`UPDATE record_link SET status = 'accepted' WHERE run_id = ${args.runId} AND a_id = ${args.a} AND b_id = ${args.b}`);
    else run(db, sql`DELETE FROM record_link WHERE run_id = ${args.runId} AND a_id = ${args.a} AND b_id = ${args.b}`);
    // An accepted pair that is not in the run (a planner's own pair) is only a decision for the next run.
    const next = args.decision === 'accept' && prev !== 'none' ? 'linked' : 'none';
    adjustAreas(db, { runId: args.runId, aBatch: a, bBatch: b, aKind: ka, bKind: kb, a: args.a, b: args.b }, prev, next);
  })();
  const waiting = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM record_link l WHERE l.run_id = ${args.runId} AND l.status = 'review'
    AND NOT EXISTS (SELECT 1 FROM link_decision d WHERE d.a_batch = ${a} AND d.a_id = l.a_id AND d.b_batch = ${b} AND d.b_id = l.b_id)`)?.n ?? 0;
  return { waiting };
}
