import type { Database } from 'better-sqlite3';
import type { RecordKind } from '../../../shared/contracts/linkage.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import { appendAudit } from '../audit/log.ts';
import { fail } from '../context.ts';
import { all, get, run, sql } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';
import { CONFLICT_KINDS, DEFAULT_MATCH, matchSets, METHODS, STATUSES, type Decision, type LinkMethod, type MatchOptions } from './match.ts';
import { writeAreas } from './areas.ts';
import { linkThresholds } from './settings.ts';
import { orderBy } from './order.ts';
import { Dictionaries, loadRecordSet } from './records.ts';

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
  /** Seconds spent reading the records, matching, and writing the links (for the benchmark). */
  readonly phases?: { readonly load: number; readonly match: number; readonly write: number };
}

function decisionCount(db: Database, a: number, b: number): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM link_decision WHERE a_batch = ${a} AND b_batch = ${b}`)?.n ?? 0;
}

const secs = (ms: number): number => Math.round(ms / 10) / 100;

export function runStats(db: Database, runId: number): LinkStats {
  const r = get<{ stats: string }>(db, sql`SELECT stats FROM link_run WHERE id = ${runId}`);
  if (!r) fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `run ${runId}` });
  return JSON.parse(r.stats) as LinkStats;
}

/** Run (or reuse) the cascade between batches a and b. */
export function linkBatches(db: Database, args: { a: number; b: number; options?: Partial<MatchOptions>; force?: boolean }): LinkStats {
  const started = performance.now();
  const batchA = batchById(db, args.a);
  const batchB = batchById(db, args.b);
  if (!batchA || batchA.status !== 'complete') fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `batch ${args.a}` });
  if (!batchB || batchB.status !== 'complete') fail(db, 'not_found', 'error.invalidArgs', { method: 'link', problem: `batch ${args.b}` });
  const ka = recordKind(batchA.source);
  const kb = recordKind(batchB.source);
  if (!ka || !kb) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link', problem: 'batch without people' });
  const decided = decisionCount(db, args.a, args.b);
  const options: MatchOptions = { ...DEFAULT_MATCH, ...linkThresholds(db), ...(args.options ?? {}) };
  const previous = get<{ id: number; decisions: number; params: string }>(db, sql`SELECT id, decisions, params FROM link_run WHERE a_batch = ${args.a} AND b_batch = ${args.b} ORDER BY id DESC LIMIT 1`);
  // Reused while nothing it depends on changed: no new decision, the same thresholds.
  if (previous && previous.decisions === decided && previous.params === JSON.stringify(options) && !args.force) return { ...runStats(db, previous.id), reused: true, seconds: 0 };

  const dict = new Dictionaries();
  const A = loadRecordSet(db, args.a, ka, dict);
  const B = loadRecordSet(db, args.b, kb, dict);
  dict.seal();
  const decisions = all<{ a_id: number; b_id: number; decision: 'accept' | 'reject' }>(db, sql`
    SELECT a_id, b_id, decision FROM link_decision WHERE a_batch = ${args.a} AND b_batch = ${args.b}`).map((d): Decision => ({ a: d.a_id, b: d.b_id, decision: d.decision }));
  const loaded = performance.now();
  const result = matchSets(A, B, dict.names, options, decisions);
  const matched = performance.now();
  const { links } = result;

  const linked: Partial<Record<LinkMethod, number>> = {};
  let review = 0;
  for (let k = 0; k < links.n; k++) {
    const method = METHODS[links.method[k] as number] as LinkMethod;
    if (STATUSES[links.status[k] as number] === 'review') review++;
    else linked[method] = (linked[method] ?? 0) + 1;
  }
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < A.n; i++) if (result.usedA[i] !== 1) onlyA++;
  for (let j = 0; j < B.n; j++) if (result.usedB[j] !== 1) onlyB++;
  const runId = db.transaction((): number => {
    // The index by B's record is built again after the bulk insert: one sort instead of millions of
    // random inserts (the whole write took minutes at province scale with it in place). Dropped
    // first, so the old run's links also go without touching it.
    db.exec('DROP INDEX IF EXISTS record_link_by_b');
    // One run per pair of batches is kept: the decisions, not the old links, carry the history.
    run(db, sql`DELETE FROM link_run WHERE a_batch = ${args.a} AND b_batch = ${args.b}`);
    const r = run(db, sql`INSERT INTO link_run (a_batch, b_batch, a_kind, b_kind, params, decisions, started_at)
      VALUES (${args.a}, ${args.b}, ${ka}, ${kb}, ${JSON.stringify(options)}, ${decided}, ${new Date().toISOString()})`);
    const id = Number(r.lastInsertRowid);
    // In primary-key order, so the table is appended to rather than split.
    const aIds = new Int32Array(links.n);
    const bIds = new Int32Array(links.n);
    for (let k = 0; k < links.n; k++) {
      aIds[k] = A.id[links.a[k] as number] as number;
      bIds[k] = B.id[links.b[k] as number] as number;
    }
    const order = orderBy(Uint32Array.from({ length: links.n }, (_, k) => k), [aIds, bIds]);
    const CHUNK = 200;
    const many = db.prepare(`INSERT INTO record_link (run_id, a_id, b_id, method, score, status) VALUES ${Array.from({ length: CHUNK }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`);
    const one = db.prepare('INSERT INTO record_link (run_id, a_id, b_id, method, score, status) VALUES (?, ?, ?, ?, ?, ?)');
    const values: (number | string)[] = [];
    for (let x = 0; x < order.length; x++) {
      const k = order[x] as number;
      values.push(id, aIds[k] as number, bIds[k] as number, METHODS[links.method[k] as number] as string, (links.score[k] as number) / 10000, STATUSES[links.status[k] as number] as string);
      if (values.length === CHUNK * 6) {
        many.run(values);
        values.length = 0;
      }
    }
    for (let v = 0; v < values.length; v += 6) one.run(values.slice(v, v + 6));
    db.exec('CREATE INDEX record_link_by_b ON record_link(run_id, b_id)');
    writeAreas(db, id, A, B, dict.desaCodes(), result);
    const conf = db.prepare('INSERT INTO link_conflict (run_id, kind, a_id, b_id, detail) VALUES (?, ?, ?, ?, ?)');
    const { conflicts } = result;
    for (let k = 0; k < conflicts.n; k++) {
      const i = conflicts.a[k] as number;
      conf.run(id, CONFLICT_KINDS[conflicts.kind[k] as number], A.id[i], B.id[conflicts.b[k] as number], String(Math.floor((A.nikHi[i] as number) / 10000)).padStart(4, '0'));
    }
    return id;
  })();
  const stats: LinkStats = {
    runId,
    linked,
    review,
    onlyA,
    onlyB,
    conflicts: result.conflicts.n,
    recordsA: A.n,
    recordsB: B.n,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    phases: { load: secs(loaded - started), match: secs(matched - loaded), write: secs(performance.now() - matched) },
    reused: false,
  };
  db.transaction(() => {
    run(db, sql`UPDATE link_run SET stats = ${JSON.stringify(stats)}, seconds = ${stats.seconds} WHERE id = ${runId}`);
    appendAudit(db, 'link.run', { runId, a: args.a, b: args.b, linked, review, conflicts: stats.conflicts, seconds: stats.seconds });
  })();
  return stats;
}

export function runBatches(db: Database, runId: number): { a: number; b: number; ka: RecordKind; kb: RecordKind } {
  const r = get<{ a_batch: number; b_batch: number; a_kind: RecordKind; b_kind: RecordKind }>(db, sql`SELECT a_batch, b_batch, a_kind, b_kind FROM link_run WHERE id = ${runId}`);
  if (!r) fail(db, 'not_found', 'error.invalidArgs', { method: 'link-eval', problem: `run ${runId}` });
  return { a: r.a_batch, b: r.b_batch, ka: r.a_kind, kb: r.b_kind };
}
