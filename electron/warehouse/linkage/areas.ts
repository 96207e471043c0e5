/**
 * A run's counts per desa, computed from the matcher's columns while they are still in memory and
 * kept in `link_area`: records of each side, linked, queued, in conflict, and the planners'
 * questions (desil-1 families of A with no member linked, families of B with no member linked,
 * linked people whose desil differs). A family is counted in the desa of its first record.
 */
import type { Database } from 'better-sqlite3';
import type { RecordKind } from '../../../shared/contracts/linkage.ts';
import { all, get, raw, run, sql } from '../db/sql.ts';
import type { MatchResult } from './match.ts';
import { orderBy } from './order.ts';
import type { RecordSet } from './records.ts';

/** One flag per family id, over the range of ids a side holds. */
class FamilyFlags {
  private readonly min: number;
  private readonly flags: Uint8Array;

  constructor(set: RecordSet) {
    let min = Infinity;
    let max = -1;
    for (let i = 0; i < set.n; i++) {
      const f = set.family[i] as number;
      if (f < 0) continue;
      if (f < min) min = f;
      if (f > max) max = f;
    }
    this.min = max < 0 ? 0 : min;
    this.flags = new Uint8Array(max < 0 ? 0 : max - min + 1);
  }

  get(f: number): number {
    return this.flags[f - this.min] ?? 0;
  }

  set(f: number, v: number): void {
    this.flags[f - this.min] = v;
  }
}

/** Bits of a record's flags in `link_side`. */
export const FLAG = { linked: 1, review: 2, conflict: 4, question: 8, desilDiffers: 16 } as const;

const blob = (a: Int32Array | Uint8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A side's records with a region, ordered by desa code then id, with where each desa's run starts. */
function writeSides(db: Database, runId: number, sideName: 'a' | 'b', set: RecordSet, flags: Uint8Array, desaCodes: readonly string[]): void {
  const used = [...new Set(Array.from(set.desa).filter((d) => d >= 0))].sort((x, y) => ((desaCodes[x] ?? '') < (desaCodes[y] ?? '') ? -1 : 1));
  const rank = new Int32Array(desaCodes.length);
  used.forEach((d, r) => {
    rank[d] = r;
  });
  const rankOf = new Int32Array(set.n);
  let m = 0;
  for (let i = 0; i < set.n; i++) {
    const d = set.desa[i] as number;
    rankOf[i] = d >= 0 ? (rank[d] as number) : 0;
    if (d >= 0) m++;
  }
  const subset = new Uint32Array(m);
  for (let i = 0, k = 0; i < set.n; i++) if ((set.desa[i] as number) >= 0) subset[k++] = i;
  const order = orderBy(subset, [rankOf, set.id]);
  const ids = new Int32Array(order.length);
  const out = new Uint8Array(order.length);
  const starts = new Int32Array(used.length + 1);
  let r = -1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    ids[k] = set.id[i] as number;
    out[k] = flags[i] as number;
    while (r < (rankOf[i] as number)) starts[++r] = k;
  }
  while (r < used.length) starts[++r] = order.length;
  run(db, sql`INSERT INTO link_side (run_id, side, codes, starts, ids, flags)
    VALUES (${runId}, ${sideName}, ${JSON.stringify(used.map((d) => desaCodes[d]))}, ${blob(starts)}, ${blob(ids)}, ${blob(out)})`);
}

const COLUMNS = ['aRecords', 'aLinked', 'aReview', 'aConflicts', 'bRecords', 'bLinked', 'bConflicts', 'aDesil1NotInB', 'bNotInA', 'desilDiffers'] as const;

export function writeAreas(db: Database, runId: number, A: RecordSet, B: RecordSet, desaCodes: readonly string[], result: MatchResult): void {
  const nd = desaCodes.length;
  const c = Object.fromEntries(COLUMNS.map((k) => [k, new Int32Array(nd)])) as Record<(typeof COLUMNS)[number], Int32Array>;
  const inc = (col: Int32Array, d: number): void => {
    if (d >= 0) col[d] = (col[d] as number) + 1;
  };
  const conflictA = new Uint8Array(A.n);
  const conflictB = new Uint8Array(B.n);
  for (let k = 0; k < result.conflicts.n; k++) {
    conflictA[result.conflicts.a[k] as number] = 1;
    conflictB[result.conflicts.b[k] as number] = 1;
  }
  const side = (set: RecordSet, used: Uint8Array, conflict: Uint8Array, records: Int32Array, linked: Int32Array, conflicts: Int32Array, review: Int32Array | null): void => {
    for (let i = 0; i < set.n; i++) {
      const d = set.desa[i] as number;
      inc(records, d);
      if (used[i] === 1) inc(linked, d);
      else if (used[i] === 2 && review) inc(review, d);
      if (conflict[i]) inc(conflicts, d);
    }
  };
  side(A, result.usedA, conflictA, c.aRecords, c.aLinked, c.aConflicts, c.aReview);
  side(B, result.usedB, conflictB, c.bRecords, c.bLinked, c.bConflicts, null);
  // Each record's flags, for the records behind a count (see writeSides).
  const flagsA = new Uint8Array(A.n);
  const flagsB = new Uint8Array(B.n);
  for (let i = 0; i < A.n; i++) flagsA[i] = (result.usedA[i] === 1 ? FLAG.linked : result.usedA[i] === 2 ? FLAG.review : 0) | (conflictA[i] ? FLAG.conflict : 0);
  for (let j = 0; j < B.n; j++) flagsB[j] = (result.usedB[j] === 1 ? FLAG.linked : 0) | (conflictB[j] ? FLAG.conflict : 0);

  // Families without a linked member: flag 1 = has one, 2 = already counted.
  const unlinkedFamilies = (set: RecordSet, used: Uint8Array, out: Int32Array, counts: (i: number) => boolean, marks: Uint8Array): void => {
    const flags = new FamilyFlags(set);
    for (let i = 0; i < set.n; i++) if (used[i] === 1 && (set.family[i] as number) >= 0) flags.set(set.family[i] as number, 1);
    for (let i = 0; i < set.n; i++) {
      const f = set.family[i] as number;
      if (f < 0 || !counts(i) || flags.get(f) !== 0) continue;
      flags.set(f, 2);
      inc(out, set.desa[i] as number);
      marks[i] = (marks[i] as number) | FLAG.question;
    }
  };
  unlinkedFamilies(A, result.usedA, c.aDesil1NotInB, (i) => A.desil[i] === 1, flagsA);
  unlinkedFamilies(B, result.usedB, c.bNotInA, () => true, flagsB);

  const { links } = result;
  for (let k = 0; k < links.n; k++) {
    if (links.status[k] === 1) continue; // queued, not linked
    const i = links.a[k] as number;
    const da = A.desil[i] as number;
    const db = B.desil[links.b[k] as number] as number;
    if (da > 0 && db > 0 && da !== db) {
      inc(c.desilDiffers, A.desa[i] as number);
      flagsA[i] = (flagsA[i] as number) | FLAG.desilDiffers;
    }
  }
  writeSides(db, runId, 'a', A, flagsA, desaCodes);
  writeSides(db, runId, 'b', B, flagsB, desaCodes);

  const ins = db.prepare(`INSERT INTO link_area (run_id, region_code, a_records, a_linked, a_review, a_conflicts, b_records, b_linked, b_conflicts,
    a_desil1_not_in_b, b_not_in_a, desil_differs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let d = 0; d < nd; d++) {
    if (c.aRecords[d] === 0 && c.bRecords[d] === 0) continue;
    ins.run(runId, desaCodes[d], ...COLUMNS.map((k) => c[k][d] as number));
  }
}

type LinkState = 'none' | 'review' | 'linked';

interface RecordFacts {
  readonly region: string | null;
  readonly family: number | null;
  readonly desil: number | null;
}

const TABLE: Readonly<Record<RecordKind, { table: string; family: string; desil: string }>> = {
  person: { table: 'person', family: 'family_id', desil: 'desil' },
  family: { table: 'family', family: 'id', desil: 'desil' },
  recipient: { table: 'program_recipient', family: 'NULL', desil: 'NULL' },
};

function facts(db: Database, kind: RecordKind, id: number): RecordFacts | null {
  const t = TABLE[kind];
  return get<RecordFacts>(db, sql`SELECT region_code AS region, ${raw(t.family)} AS family, ${raw(t.desil)} AS desil FROM ${raw(t.table)} WHERE id = ${id}`) ?? null;
}

/** Records of a family in a batch, in id order (the family's members, or the family row itself). */
function familyRecords(db: Database, kind: RecordKind, batch: number, family: number): { id: number; region: string | null; desil: number | null }[] {
  if (kind === 'family') return all(db, sql`SELECT id, region_code AS region, desil FROM family WHERE id = ${family}`);
  if (kind === 'person') return all(db, sql`SELECT id, region_code AS region, desil FROM person WHERE batch_id = ${batch} AND family_id = ${family} ORDER BY id`);
  return [];
}

function add(db: Database, runId: number, region: string | null, column: string, delta: number): void {
  if (region === null || delta === 0) return;
  run(db, sql`UPDATE link_area SET ${raw(column)} = ${raw(column)} + ${delta} WHERE run_id = ${runId} AND region_code = ${region}`);
}

/**
 * Keep a run's per-desa counts true after a reviewer's decision changed one pair from `prev` to
 * `next` (the record_link row already changed). Runs made before the table existed have no rows
 * and are left alone.
 */
export function adjustAreas(
  db: Database,
  link: { runId: number; aBatch: number; bBatch: number; aKind: RecordKind; bKind: RecordKind; a: number; b: number },
  prev: LinkState,
  next: LinkState,
): void {
  if (prev === next || !get<{ one: number }>(db, sql`SELECT 1 AS one FROM link_area WHERE run_id = ${link.runId} LIMIT 1`)) return;
  const fa = facts(db, link.aKind, link.a);
  const fb = facts(db, link.bKind, link.b);
  if (!fa || !fb) return;
  const linkedDelta = (next === 'linked' ? 1 : 0) - (prev === 'linked' ? 1 : 0);
  add(db, link.runId, fa.region, 'a_review', (next === 'review' ? 1 : 0) - (prev === 'review' ? 1 : 0));
  add(db, link.runId, fa.region, 'a_linked', linkedDelta);
  add(db, link.runId, fb.region, 'b_linked', linkedDelta);
  if (fa.desil !== null && fb.desil !== null && fa.desil > 0 && fb.desil > 0 && fa.desil !== fb.desil) add(db, link.runId, fa.region, 'desil_differs', linkedDelta);
  if (linkedDelta === 0) return;

  // A family is "not found" while none of its records is linked; only its first linked (or last
  // unlinked) record changes that.
  const side = (kind: RecordKind, batch: number, family: number | null, idCol: 'a_id' | 'b_id', column: string, counts: (r: { desil: number | null }) => boolean): void => {
    if (family === null) return;
    const records = familyRecords(db, kind, batch, family);
    const ids = JSON.stringify(records.map((r) => r.id));
    const linkedNow = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM record_link WHERE run_id = ${link.runId} AND ${raw(idCol)} IN (SELECT value FROM json_each(${ids}))
      AND status IN ('auto', 'accepted')`)?.n ?? 0;
    const linkedBefore = linkedNow - linkedDelta;
    if ((linkedNow > 0) === (linkedBefore > 0)) return;
    const first = records.find(counts);
    if (!first) return;
    add(db, link.runId, first.region, column, linkedNow > 0 ? -1 : 1);
  };
  side(link.aKind, link.aBatch, fa.family, 'a_id', 'a_desil1_not_in_b', (r) => r.desil === 1);
  side(link.bKind, link.bBatch, fb.family, 'b_id', 'b_not_in_a', () => true);
}
