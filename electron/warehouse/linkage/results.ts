import type { Database } from 'better-sqlite3';
import type {
  LinkBucket, LinkedRecordRow, LinkQuestion, LinkRegionRow, LinkRunInfo, LinkSummary, OverlapResult, RecordKind,
} from '../../../shared/contracts/linkage.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, get, iterate, raw, sql, type SqlFragment } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';
import { readSettings } from '../system/settings.ts';
import { bucketIds } from './sides.ts';
import { recordKind, type LinkStats } from './run.ts';

/**
 * What a run means for the planners: per region, who is in both batches, only in one, waiting for
 * review, in conflict; their questions (P3KE desil-1 families missing from DTKS, DTKS households
 * not in P3KE, desil disagreements); the records behind every count; and the overlap of three or
 * more batches from the newest run of each pair.
 */

interface Side {
  readonly table: string;
  /** The record's region, family and desil, as SQL over alias `r`. */
  readonly family: string;
  readonly desil: string;
  readonly name: string;
  readonly nik: string;
  readonly birth: string;
  readonly sourceId: string;
}

const SIDES: Readonly<Record<RecordKind, Side>> = {
  person: { table: 'person', family: 'r.family_id', desil: 'r.desil', name: 'r.name', nik: 'r.nik', birth: 'r.birth_date', sourceId: 'coalesce(r.source_id, r.family_source_id)' },
  family: { table: 'family', family: 'r.id', desil: 'r.desil', name: 'r.head_name', nik: 'r.head_nik', birth: 'r.head_birth', sourceId: 'r.source_id' },
  recipient: { table: 'program_recipient', family: 'NULL', desil: 'NULL', name: 'r.name', nik: 'r.nik', birth: 'NULL', sourceId: 'NULL' },
};

export function runInfo(db: Database, runId: number): LinkRunInfo {
  const r = get<{ id: number; a_batch: number; b_batch: number; a_kind: RecordKind; b_kind: RecordKind; started_at: string; seconds: number | null; stats: string; decisions: number }>(
    db, sql`SELECT id, a_batch, b_batch, a_kind, b_kind, started_at, seconds, stats, decisions FROM link_run WHERE id = ${runId}`);
  if (!r) fail(db, 'not_found', 'error.invalidArgs', { method: 'linkage', problem: `run ${runId}` });
  const s = JSON.parse(r.stats) as Partial<LinkStats>;
  const a = batchById(db, r.a_batch);
  const b = batchById(db, r.b_batch);
  if (!a || !b) fail(db, 'not_found', 'error.invalidArgs', { method: 'linkage', problem: `run ${runId} batches` });
  const decided = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM link_decision WHERE a_batch = ${r.a_batch} AND b_batch = ${r.b_batch}`)?.n ?? 0;
  return {
    runId: r.id, a, b, aKind: r.a_kind, bKind: r.b_kind, startedAt: r.started_at, seconds: r.seconds,
    linked: s.linked ?? {}, review: s.review ?? 0, onlyA: s.onlyA ?? 0, onlyB: s.onlyB ?? 0, conflicts: s.conflicts ?? 0,
    recordsA: s.recordsA ?? 0, recordsB: s.recordsB ?? 0, newDecisions: Math.max(0, decided - r.decisions),
  };
}

export function listRuns(db: Database): LinkRunInfo[] {
  return all<{ id: number }>(db, sql`SELECT id FROM link_run ORDER BY id DESC`).map((r) => runInfo(db, r.id));
}

const LINKED = raw(`status IN ('auto', 'accepted')`);

function regionScope(db: Database, region: string | undefined): { code: string; name: string; level: number } {
  const code = region ?? readSettings(db).workingProvince;
  if (!code) fail(db, 'not_ready', 'error.provinceNotChosen');
  const r = get<{ code: string; name: string; level: number }>(db, sql`SELECT code, name, level FROM region WHERE code = ${code}`);
  if (!r) fail(db, 'invalid_input', 'error.unknownRegion', { code });
  return r;
}

/** Per-child-region counts of one side: records, linked, in review, in conflict. */
function sideCounts(db: Database, runId: number, batch: number, kind: RecordKind, side: 'a' | 'b', prefix: string, childLen: number):
  Map<string, { n: number; linked: number; review: number; conflicts: number }> {
  const t = SIDES[kind];
  const idCol = raw(side === 'a' ? 'a_id' : 'b_id');
  const rows = all<{ code: string | null; n: number; linked: number; review: number; conflicts: number }>(db, sql`
    SELECT substr(r.region_code, 1, ${childLen}) AS code, count(*) AS n,
      sum(r.id IN (SELECT l.${idCol} FROM record_link l WHERE l.run_id = ${runId} AND l.${LINKED})) AS linked,
      sum(r.id IN (SELECT l.${idCol} FROM record_link l WHERE l.run_id = ${runId} AND l.status = 'review')) AS review,
      sum(r.id IN (SELECT c.${idCol} FROM link_conflict c WHERE c.run_id = ${runId})) AS conflicts
    FROM ${raw(t.table)} r WHERE r.batch_id = ${batch} AND r.region_code LIKE ${`${prefix}%`} GROUP BY 1`);
  // (Each IN list is built once; a correlated EXISTS per record went through the status index and was quadratic.)
  return new Map(rows.map((r) => [r.code ?? '', { n: r.n, linked: r.linked, review: r.review, conflicts: r.conflicts }]));
}

type Counts = Map<string, { n: number; linked: number; review: number; conflicts: number }>;

/** Per-child-region counts and question totals from the run's per-desa table, or null for a run made before it existed. */
function areaCounts(db: Database, runId: number, prefix: string, childLen: number): { a: Counts; b: Counts; questions: Record<LinkQuestion['key'], number> } | null {
  const any = get<{ one: number }>(db, sql`SELECT 1 AS one FROM link_area WHERE run_id = ${runId} LIMIT 1`);
  if (!any) return null;
  const rows = all<{ code: string; ar: number; al: number; av: number; ac: number; br: number; bl: number; bc: number; q1: number; q2: number; q3: number }>(db, sql`
    SELECT substr(region_code, 1, ${childLen}) AS code, sum(a_records) AS ar, sum(a_linked) AS al, sum(a_review) AS av, sum(a_conflicts) AS ac,
      sum(b_records) AS br, sum(b_linked) AS bl, sum(b_conflicts) AS bc, sum(a_desil1_not_in_b) AS q1, sum(b_not_in_a) AS q2, sum(desil_differs) AS q3
    FROM link_area WHERE run_id = ${runId} AND region_code LIKE ${`${prefix}%`} GROUP BY 1`);
  const a: Counts = new Map();
  const b: Counts = new Map();
  const questions = { a_desil1_not_in_b: 0, b_not_in_a: 0, desil_differs: 0 };
  for (const r of rows) {
    a.set(r.code, { n: r.ar, linked: r.al, review: r.av, conflicts: r.ac });
    b.set(r.code, { n: r.br, linked: r.bl, review: 0, conflicts: r.bc });
    questions.a_desil1_not_in_b += r.q1;
    questions.b_not_in_a += r.q2;
    questions.desil_differs += r.q3;
  }
  return { a, b, questions };
}

function questions(db: Database, info: LinkRunInfo, prefix: string, lang: 'id' | 'en', known: Record<LinkQuestion['key'], number> | null): LinkQuestion[] {
  const out: LinkQuestion[] = [];
  const la = info.a.label;
  const lb = info.b.label;
  const n = (f: SqlFragment, key: LinkQuestion['key']): number => (known ? known[key] : (get<{ n: number }>(db, f)?.n ?? 0));
  if (info.aKind !== 'recipient') {
    out.push({
      key: 'a_desil1_not_in_b',
      label: lang === 'en' ? `Desil-1 families of ${la} with no member in ${lb}` : `Keluarga desil 1 ${la} yang tidak ada anggotanya di ${lb}`,
      count: n(questionSql(info, 'a_desil1_not_in_b', prefix, true), 'a_desil1_not_in_b'),
    });
  }
  if (info.bKind !== 'recipient') {
    out.push({
      key: 'b_not_in_a',
      label: lang === 'en' ? `Families/households of ${lb} with no member in ${la}` : `Keluarga/rumah tangga ${lb} yang tidak ada anggotanya di ${la}`,
      count: n(questionSql(info, 'b_not_in_a', prefix, true), 'b_not_in_a'),
    });
  }
  if (info.aKind !== 'recipient' && info.bKind !== 'recipient') {
    out.push({
      key: 'desil_differs',
      label: lang === 'en' ? `Linked people whose desil differs between ${la} and ${lb}` : `Orang tertaut yang desilnya berbeda antara ${la} dan ${lb}`,
      count: n(questionSql(info, 'desil_differs', prefix, true), 'desil_differs'),
    });
  }
  return out;
}

/** Families are counted by their family id (a household for DTKS); records by id. */
function questionSql(info: LinkRunInfo, key: LinkQuestion['key'], prefix: string, count: boolean): SqlFragment {
  const A = SIDES[info.aKind];
  const B = SIDES[info.bKind];
  const like = `${prefix}%`;
  if (key === 'a_desil1_not_in_b') {
    const sel = count ? raw(`count(DISTINCT ${A.family}) AS n`) : raw(`min(r.id) AS id`);
    // The families with a linked member, once (an ephemeral index), not a correlated look-up per row.
    return sql`SELECT ${sel} FROM ${raw(A.table)} r WHERE r.batch_id = ${info.a.id} AND ${raw(A.desil)} = 1 AND r.region_code LIKE ${like}
      AND ${raw(A.family)} NOT IN (SELECT ${raw(A.family.replace('r.', 'm.'))} FROM record_link l JOIN ${raw(A.table)} m ON m.id = l.a_id
        WHERE l.run_id = ${info.runId} AND l.${LINKED} AND ${raw(A.family.replace('r.', 'm.'))} IS NOT NULL)${count ? raw('') : raw(` GROUP BY ${A.family}`)}`;
  }
  if (key === 'b_not_in_a') {
    const sel = count ? raw(`count(DISTINCT ${B.family}) AS n`) : raw(`min(r.id) AS id`);
    return sql`SELECT ${sel} FROM ${raw(B.table)} r WHERE r.batch_id = ${info.b.id} AND r.region_code LIKE ${like}
      AND ${raw(B.family)} NOT IN (SELECT ${raw(B.family.replace('r.', 'm.'))} FROM record_link l JOIN ${raw(B.table)} m ON m.id = l.b_id
        WHERE l.run_id = ${info.runId} AND l.${LINKED} AND ${raw(B.family.replace('r.', 'm.'))} IS NOT NULL)${count ? raw('') : raw(` GROUP BY ${B.family}`)}`;
  }
  const sel = count ? raw('count(*) AS n') : raw('r.id AS id');
  return sql`SELECT ${sel} FROM record_link l JOIN ${raw(A.table)} r ON r.id = l.a_id JOIN ${raw(B.table)} o ON o.id = l.b_id
    WHERE l.run_id = ${info.runId} AND l.${LINKED} AND r.region_code LIKE ${like}
      AND ${raw(A.desil)} IS NOT NULL AND ${raw(B.desil.replace('r.', 'o.'))} IS NOT NULL AND ${raw(A.desil)} <> ${raw(B.desil.replace('r.', 'o.'))}`;
}

export function linkSummary(db: Database, args: { runId: number; region?: string }): LinkSummary {
  const t0 = performance.now();
  const info = runInfo(db, args.runId);
  const scope = regionScope(db, args.region);
  const lang = currentLanguage(db);
  const childLen = [0, 2, 5, 8, 13][Math.min(4, scope.level + 1)] ?? 13;
  const prefix = scope.level === 4 ? scope.code : `${scope.code}.`;
  const areas = areaCounts(db, info.runId, prefix, childLen);
  const a = areas?.a ?? sideCounts(db, info.runId, info.a.id, info.aKind, 'a', prefix, childLen);
  const b = areas?.b ?? sideCounts(db, info.runId, info.b.id, info.bKind, 'b', prefix, childLen);
  const children = scope.level === 4
    ? [{ code: scope.code, name: scope.name }]
    : all<{ code: string; name: string }>(db, sql`SELECT code, name FROM region WHERE parent_code = ${scope.code} ORDER BY code`);
  const rowOf = (code: string, name: string): LinkRegionRow => {
    const x = a.get(code) ?? { n: 0, linked: 0, review: 0, conflicts: 0 };
    const y = b.get(code) ?? { n: 0, linked: 0, review: 0, conflicts: 0 };
    return { code, name, a: x.n, b: y.n, both: x.linked, onlyA: x.n - x.linked, onlyB: y.n - y.linked, review: x.review, conflicts: x.conflicts };
  };
  const rows = children.map((c) => rowOf(c.code, c.name));
  const sum = (k: keyof Omit<LinkRegionRow, 'code' | 'name'>): number => rows.reduce((t, r) => t + r[k], 0);
  const total: LinkRegionRow = {
    code: scope.code, name: scope.name, a: sum('a'), b: sum('b'), both: sum('both'), onlyA: sum('onlyA'), onlyB: sum('onlyB'), review: sum('review'), conflicts: sum('conflicts'),
  };
  return { run: info, region: scope, rows, total, questions: questions(db, info, prefix, lang, areas?.questions ?? null), ms: Math.round(performance.now() - t0) };
}

interface BucketQuery {
  readonly bSide: boolean;
  readonly kind: RecordKind;
  readonly ids: SqlFragment;
  /** The records with their region names and their link, ordered by id (of `only` when given). */
  readonly rows: (limit: number | null, offset: number, only?: SqlFragment) => SqlFragment;
}

interface BucketRow {
  id: number; family: number | null; source_id: string | null; name: string | null; nik: string | null; kk: string | null; birth: string | null;
  desa: string | null; kec: string | null; desil: number | null; other: number | null; method: string | null; score: number | null;
}

/** The records behind a count: which side, which ids, and the query of their rows. */
function bucketQuery(db: Database, info: LinkRunInfo, region: string | undefined, bucket: LinkBucket): BucketQuery {
  const scope = regionScope(db, region);
  const prefix = scope.level === 4 ? scope.code : `${scope.code}.`;
  const like = `${prefix}%`;
  const bSide = bucket === 'onlyB' || bucket === 'b_not_in_a';
  const kind = bSide ? info.bKind : info.aKind;
  const t = SIDES[kind];
  const batch = bSide ? info.b.id : info.a.id;
  const idCol = raw(bSide ? 'b_id' : 'a_id');
  const otherCol = raw(bSide ? 'a_id' : 'b_id');
  let ids: SqlFragment;
  switch (bucket) {
    case 'both':
      ids = sql`SELECT r.id FROM ${raw(t.table)} r WHERE r.batch_id = ${batch} AND r.region_code LIKE ${like} AND r.id IN (SELECT l.a_id FROM record_link l WHERE l.run_id = ${info.runId} AND l.${LINKED})`;
      break;
    case 'onlyA':
    case 'onlyB':
      ids = sql`SELECT r.id FROM ${raw(t.table)} r WHERE r.batch_id = ${batch} AND r.region_code LIKE ${like} AND r.id NOT IN (SELECT l.${idCol} FROM record_link l WHERE l.run_id = ${info.runId} AND l.${LINKED})`;
      break;
    case 'review':
      ids = sql`SELECT r.id FROM ${raw(t.table)} r WHERE r.batch_id = ${batch} AND r.region_code LIKE ${like} AND r.id IN (SELECT l.a_id FROM record_link l WHERE l.run_id = ${info.runId} AND l.status = 'review')`;
      break;
    case 'conflicts':
      ids = sql`SELECT r.id FROM ${raw(t.table)} r WHERE r.batch_id = ${batch} AND r.region_code LIKE ${like} AND r.id IN (SELECT c.a_id FROM link_conflict c WHERE c.run_id = ${info.runId})`;
      break;
    case 'a_desil1_not_in_b':
    case 'b_not_in_a':
    case 'desil_differs':
      ids = questionSql(info, bucket, prefix, false);
      break;
    default:
      fail(db, 'invalid_input', 'error.invalidArgs', { method: 'linkage.records', problem: 'bucket' });
  }
  const rows = (limit: number | null, offset: number, only?: SqlFragment): SqlFragment => sql`
    SELECT r.id, ${raw(t.family)} AS family, ${raw(t.sourceId)} AS source_id, ${raw(t.name)} AS name, ${raw(t.nik)} AS nik, r.kk, ${raw(t.birth)} AS birth,
      d.name AS desa, c.name AS kec, ${raw(t.desil)} AS desil, l.${otherCol} AS other, l.method, l.score
    FROM ${raw(t.table)} r
    LEFT JOIN record_link l ON l.run_id = ${info.runId} AND l.${idCol} = r.id
    LEFT JOIN region d ON d.code = r.region_code
    LEFT JOIN region c ON c.code = substr(r.region_code, 1, 8)
    WHERE r.id IN (${only ?? ids}) ORDER BY r.id${limit === null ? raw('') : sql` LIMIT ${limit} OFFSET ${offset}`}`;
  return { bSide, kind, ids, rows };
}

/** The name of the record a bucket row is linked to. */
function otherNameOf(db: Database, info: LinkRunInfo, bSide: boolean): (id: number | null) => string | null {
  const o = SIDES[bSide ? info.aKind : info.bKind];
  return (id) => (id === null ? null : get<{ name: string | null }>(db, sql`SELECT ${raw(o.name)} AS name FROM ${raw(o.table)} r WHERE r.id = ${id}`)?.name ?? null);
}

/** Every record behind a count, one at a time (for the export), NIK and No KK masked. */
export function* bucketRecords(db: Database, args: { runId: number; region?: string; bucket: LinkBucket }): Generator<LinkedRecordRow> {
  const info = runInfo(db, args.runId);
  const q = bucketQuery(db, info, args.region, args.bucket);
  const otherName = otherNameOf(db, info, q.bSide);
  for (const r of iterate<BucketRow>(db, q.rows(null, 0))) yield toRecordRow(r, q, otherName);
}

function toRecordRow(r: BucketRow, q: BucketQuery, otherName: (id: number | null) => string | null): LinkedRecordRow {
  return {
    side: q.bSide ? 'b' : 'a',
    id: r.id,
    familyId: q.kind === 'recipient' ? null : r.family,
    sourceId: r.source_id,
    name: r.name,
    nik: r.nik ? maskNik(r.nik) : null,
    kk: r.kk ? maskNik(r.kk) : null,
    birth: r.birth,
    desa: r.desa,
    kecamatan: r.kec,
    desil: r.desil,
    other: r.other !== null ? { id: r.other, name: otherName(r.other), method: r.method ?? '', score: r.score ?? 0 } : null,
  };
}

export function linkRecords(db: Database, args: { runId: number; region?: string; bucket: LinkBucket; startRow: number; endRow: number }): { count: number; rows: LinkedRecordRow[] } {
  const info = runInfo(db, args.runId);
  const q = bucketQuery(db, info, args.region, args.bucket);
  const fast = bucketIds(db, info, regionScope(db, args.region), args.bucket);
  if (fast) {
    const page = fast.subarray(Math.max(0, args.startRow), Math.max(0, Math.min(fast.length, args.startRow + Math.min(1000, args.endRow - args.startRow))));
    const otherName = otherNameOf(db, info, q.bSide);
    const only = sql`SELECT value FROM json_each(${JSON.stringify(Array.from(page))})`;
    return { count: fast.length, rows: all<BucketRow>(db, q.rows(null, 0, only)).map((r) => toRecordRow(r, q, otherName)) };
  }
  const count = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM (${q.ids})`)?.n ?? 0;
  const limit = Math.max(0, Math.min(1000, args.endRow - args.startRow));
  const otherName = otherNameOf(db, info, q.bSide);
  return { count, rows: all<BucketRow>(db, q.rows(limit, Math.max(0, args.startRow))).map((r) => toRecordRow(r, q, otherName)) };
}

/** People per combination of batches: records joined by the links of the newest run of each pair. */
export function overlap(db: Database, args: { batches: readonly number[] }): OverlapResult {
  const ids = [...new Set(args.batches)];
  if (ids.length < 2 || ids.length > 6) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'linkage.overlap', problem: 'batches (2–6)' });
  const batches = ids.map((id) => {
    const b = batchById(db, id);
    if (!b) fail(db, 'not_found', 'error.invalidArgs', { method: 'linkage.overlap', problem: `batch ${id}` });
    return b;
  });
  // Union-find over (batch index, record id).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r && parent.has(r)) r = parent.get(r) as string;
    let y = x;
    while (parent.get(y) !== r && parent.has(y)) {
      const next = parent.get(y) as string;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const union = (x: string, y: string): void => {
    if (!parent.has(x)) parent.set(x, x);
    if (!parent.has(y)) parent.set(y, y);
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx < ry ? ry : rx, rx < ry ? rx : ry);
  };
  const runs: number[] = [];
  const missing: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const x = ids[i] as number;
      const y = ids[j] as number;
      const r = get<{ id: number; a_batch: number }>(db, sql`SELECT id, a_batch FROM link_run WHERE (a_batch = ${x} AND b_batch = ${y}) OR (a_batch = ${y} AND b_batch = ${x}) ORDER BY id DESC LIMIT 1`);
      if (!r) {
        missing.push([x, y]);
        continue;
      }
      runs.push(r.id);
      const [ia, ib] = r.a_batch === x ? [i, j] : [j, i];
      for (const l of all<{ a_id: number; b_id: number }>(db, sql`SELECT a_id, b_id FROM record_link WHERE run_id = ${r.id} AND ${LINKED}`)) union(`${ia}:${l.a_id}`, `${ib}:${l.b_id}`);
    }
  }
  // Every record of every batch is a person; linked ones share a root.
  const members = new Map<string, Set<number>>();
  ids.forEach((id, k) => {
    const kind = recordKind((batches[k] as BatchSummary).source);
    if (!kind) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'linkage.overlap', problem: `batch ${id} holds no people` });
    for (const r of all<{ id: number }>(db, sql`SELECT id FROM ${raw(SIDES[kind].table)} WHERE batch_id = ${id}`)) {
      const key = `${k}:${r.id}`;
      const root = parent.has(key) ? find(key) : key;
      let s = members.get(root);
      if (!s) members.set(root, (s = new Set()));
      s.add(k);
    }
  });
  const areas = new Map<string, number>();
  for (const s of members.values()) {
    const k = [...s].sort((x, y) => x - y).join(',');
    areas.set(k, (areas.get(k) ?? 0) + 1);
  }
  return {
    batches,
    areas: [...areas.entries()].map(([k, people]) => ({ sets: k.split(',').map(Number), people })).sort((x, y) => y.people - x.people),
    runs,
    missing,
  };
}
