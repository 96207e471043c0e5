import type { Database } from 'better-sqlite3';
import { normalizeName } from '../../../shared/linkage/names.ts';
import { nikProblem, parseNik } from '../../../shared/model/nik.ts';
import type { RecordKind } from '../../../shared/contracts/linkage.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import { appendAudit } from '../audit/log.ts';
import { fail } from '../context.ts';
import { all, get, raw as sqlRaw, rawRows, run, sql } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';
import { DEFAULT_MATCH, matchPersons, type Decision, type LinkMethod, type MatchOptions, type PersonRecord } from './match.ts';

/**
 * A padu-padan run between two batches: their records read as people (individu and DTKS rows are
 * people; a keluarga file stands for its heads; a recipient list for its recipients), matched by
 * the cascade in match.ts, stored with method, score and status. A run of the same two batches
 * with no new review decisions is not redone; decisions made since make the next run redo it.
 */


export function recordKind(source: SourceKind): RecordKind | null {
  if (source === 'p3ke_individu' || source === 'dtsen_individu' || source === 'dtks') return 'person';
  if (source === 'p3ke_keluarga' || source === 'dtsen_keluarga') return 'family';
  if (source === 'program') return 'recipient';
  return null;
}

function validNik(v: string | null): string | null {
  return v !== null && nikProblem(v) === null ? v : null;
}

function sexOf(sex: number | null, nik: string | null): 0 | 1 | 2 {
  if (sex === 1 || sex === 2) return sex;
  const p = nik ? parseNik(nik) : null;
  return p ? p.sex : 0;
}

/** The records of a batch as people to match. */
export function loadRecords(db: Database, batchId: number, kind: RecordKind): PersonRecord[] {
  const rows = kind === 'person'
    ? rawRows<[number, string | null, string | null, string | null, string | null, number | null, string | null]>(db, sql`
        SELECT id, nik, kk, name, birth_date, sex, region_code FROM person WHERE batch_id = ${batchId} ORDER BY id`)
    : kind === 'family'
      ? rawRows<[number, string | null, string | null, string | null, string | null, number | null, string | null]>(db, sql`
        SELECT id, head_nik, kk, head_name, head_birth, head_sex, region_code FROM family WHERE batch_id = ${batchId} ORDER BY id`)
      : rawRows<[number, string | null, string | null, string | null, string | null, number | null, string | null]>(db, sql`
        SELECT id, nik, kk, name, NULL, NULL, region_code FROM program_recipient WHERE batch_id = ${batchId} ORDER BY id`);
  const cache = new Map<string, string>();
  return rows.map(([id, nik, kk, name, birth, sex, region]) => {
    const n = validNik(nik);
    const raw = name ?? '';
    let norm = cache.get(raw);
    if (norm === undefined) {
      norm = normalizeName(raw);
      if (cache.size < 200_000) cache.set(raw, norm);
    }
    return { id, nik: n, kk: validNik(kk), name: norm, birth, sex: sexOf(sex, n), region };
  });
}

export interface LinkStats {
  readonly runId: number;
  readonly linked: Partial<Record<LinkMethod, number>>;
  readonly review: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly conflicts: number;
  readonly recordsA: number;
  readonly recordsB: number;
  readonly seconds: number;
  /** True when an earlier run of the same batches was still valid and is returned as it was. */
  readonly reused: boolean;
}

function decisionCount(db: Database, a: number, b: number): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM link_decision WHERE a_batch = ${a} AND b_batch = ${b}`)?.n ?? 0;
}

export function runStats(db: Database, runId: number): LinkStats {
  const r = get<{ stats: string }>(db, sql`SELECT stats FROM link_run WHERE id = ${runId}`);
  if (!r) fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `run ${runId}` });
  return JSON.parse(r.stats) as LinkStats;
}

/** Run (or reuse) the cascade between batches a and b. */
export function linkBatches(db: Database, args: { a: number; b: number; options?: Partial<MatchOptions>; force?: boolean }): LinkStats {
  const started = performance.now();
  const A = batchById(db, args.a);
  const B = batchById(db, args.b);
  if (!A || A.status !== 'complete') fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `batch ${args.a}` });
  if (!B || B.status !== 'complete') fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `batch ${args.b}` });
  const ka = recordKind(A.source);
  const kb = recordKind(B.source);
  if (!ka || !kb) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link', problem: 'batch without people' });
  const decided = decisionCount(db, args.a, args.b);
  const previous = get<{ id: number; decisions: number }>(db, sql`SELECT id, decisions FROM link_run WHERE a_batch = ${args.a} AND b_batch = ${args.b} ORDER BY id DESC LIMIT 1`);
  if (previous && previous.decisions === decided && !args.force) return { ...runStats(db, previous.id), reused: true, seconds: 0 };

  const options: MatchOptions = { ...DEFAULT_MATCH, ...(args.options ?? {}) };
  const recA = loadRecords(db, args.a, ka);
  const recB = loadRecords(db, args.b, kb);
  const decisions = all<{ a_id: number; b_id: number; decision: 'accept' | 'reject' }>(db, sql`
    SELECT a_id, b_id, decision FROM link_decision WHERE a_batch = ${args.a} AND b_batch = ${args.b}`).map((d): Decision => ({ a: d.a_id, b: d.b_id, decision: d.decision }));
  const result = matchPersons(recA, recB, options, decisions);

  const linked: Partial<Record<LinkMethod, number>> = {};
  let review = 0;
  const linkedA = new Set<number>();
  const linkedB = new Set<number>();
  for (const l of result.links) {
    if (l.status === 'review') {
      review++;
      continue;
    }
    linked[l.method] = (linked[l.method] ?? 0) + 1;
    linkedA.add(l.a);
    linkedB.add(l.b);
  }
  const runId = db.transaction((): number => {
    const r = run(db, sql`INSERT INTO link_run (a_batch, b_batch, a_kind, b_kind, params, decisions, started_at)
      VALUES (${args.a}, ${args.b}, ${ka}, ${kb}, ${JSON.stringify(options)}, ${decided}, ${new Date().toISOString()})`);
    const id = Number(r.lastInsertRowid);
    const ins = db.prepare('INSERT INTO record_link (run_id, a_id, b_id, method, score, status) VALUES (?, ?, ?, ?, ?, ?)');
    for (const l of result.links) ins.run(id, l.a, l.b, l.method, l.score, l.status);
    const conf = db.prepare('INSERT INTO link_conflict (run_id, kind, a_id, b_id, detail) VALUES (?, ?, ?, ?, ?)');
    for (const c of result.conflicts) conf.run(id, c.kind, c.a, c.b, c.nik.slice(0, 4));
    return id;
  })();
  const stats: LinkStats = {
    runId,
    linked,
    review,
    onlyA: recA.length - linkedA.size,
    onlyB: recB.length - linkedB.size,
    conflicts: result.conflicts.length,
    recordsA: recA.length,
    recordsB: recB.length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    reused: false,
  };
  db.transaction(() => {
    run(db, sql`UPDATE link_run SET stats = ${JSON.stringify(stats)}, seconds = ${stats.seconds} WHERE id = ${runId}`);
    appendAudit(db, 'link.run', { runId, a: args.a, b: args.b, linked, review, conflicts: stats.conflicts, seconds: stats.seconds });
  })();
  return stats;
}

/** Key of each record of a batch for evaluation files: the source's own id, else `row:N` (data-record ordinal). */
export function recordKeys(db: Database, batchId: number, kind: RecordKind): Map<string, number> {
  const b = batchById(db, batchId);
  const header = b ? (get<{ h: number | null }>(db, sql`SELECT header_row AS h FROM batch WHERE id = ${batchId}`)?.h ?? 1) : 1;
  const table = kind === 'person' ? 'person' : kind === 'family' ? 'family' : 'program_recipient';
  const idCol = kind === 'recipient' ? 'NULL' : 'source_id';
  const rows = rawRows<[number, string | null, number | null]>(db, sql`SELECT id, ${sqlRaw(idCol)}, row_no FROM ${sqlRaw(table)} WHERE batch_id = ${batchId}`);
  const out = new Map<string, number>();
  for (const [id, sid, rowNo] of rows) {
    if (sid) out.set(sid, id);
    if (rowNo !== null) out.set(`row:${rowNo - header}`, id);
  }
  return out;
}


/** Links of a run with a status, as (a, b) record ids. */
export function runLinks(db: Database, runId: number, statuses: readonly string[]): [number, number][] {
  return rawRows<[number, number]>(db, sql`SELECT a_id, b_id FROM record_link WHERE run_id = ${runId} AND status IN (SELECT value FROM json_each(${JSON.stringify(statuses)}))`);
}

export function runBatches(db: Database, runId: number): { a: number; b: number; ka: RecordKind; kb: RecordKind } {
  const r = get<{ a_batch: number; b_batch: number; a_kind: RecordKind; b_kind: RecordKind }>(db, sql`SELECT a_batch, b_batch, a_kind, b_kind FROM link_run WHERE id = ${runId}`);
  if (!r) fail(db, 'not_found', 'error.invalidArgs', { method: 'link-eval', problem: `run ${runId}` });
  return { a: r.a_batch, b: r.b_batch, ka: r.a_kind, kb: r.b_kind };
}
