import type { Database } from 'better-sqlite3';
import { ageOn, attributeMeta, valueLabel } from '../../../shared/analysis/attributes.ts';
import type { AnalysisSource } from '../../../shared/contracts/analysis.ts';
import type {
  AllocationLevel, AreaAllocation, CandidateRow, DraftArgs, ListChangeEntry, ListDetail, ListDiff, ListMemberRow, ListMethod,
  ListSummary, MembersArgs, MembersPage, ScoreComponents,
} from '../../../shared/contracts/interventions.ts';
import { LIST_SORT_COLUMNS } from '../../../shared/contracts/interventions.ts';
import { allocate, AllocationError, placesForBudget } from '../../../shared/interventions/allocate.ts';
import { describeCriterion, type DescribeContext } from '../../../shared/interventions/criteria.ts';
import { checkWeights, SCORE_PART_LABEL, SCORE_PARTS, type Program, type Weights } from '../../../shared/interventions/program.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { appendAudit, currentActor } from '../audit/log.ts';
import { cubeFor } from '../analysis/cube.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, get, join, pluck, raw, run, sql, type SqlFragment } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';
import { coverageMask, ensureLinks } from './coverage.ts';
import { getProgram } from './programs.ts';
import { partsOf, scoreInputs, scoreOf, type ScoreInputs } from './score.ts';
import { readLetterhead } from './settings.ts';
import { evaluate, inProvince, memberMask, openUniverse, type Universe } from './universe.ts';

/**
 * Drafting a program's list and keeping its history. A draft takes the families (or, for a person
 * program, the chosen members of the families) that meet the criteria and are not already covered,
 * scores them, splits the places over areas, and keeps the top of each area. Manual additions and
 * removals are recorded with their reasons and re-applied on every redraft of any later version.
 * A final list is locked; changing it means a new version, and versions show what changed and why.
 */

const LEVEL_NUMBER: Readonly<Record<AllocationLevel, number>> = { none: 1, kabupaten: 2, kecamatan: 3, desa: 4 };
const LEVELS: readonly AllocationLevel[] = ['none', 'kabupaten', 'kecamatan', 'desa'];
const MIN_REASON = 5;

interface ListRow {
  id: number;
  program_id: number;
  version: number;
  previous_id: number | null;
  status: 'draft' | 'final';
  params: string;
  method: string;
  family_batch_id: number | null;
  person_batch_id: number | null;
  eligible: number;
  covered: number;
  candidates: number;
  target: number;
  created_at: string;
  drafted_at: string;
  finalized_at: string | null;
}

/** What a draft was made with (stored with the list). */
export interface ListParams {
  readonly quota: number | null;
  readonly budget: number | null;
  readonly unitCost: number | null;
  /** Places came from a quota or budget (manual additions must then fit). */
  readonly capped: boolean;
  readonly level: AllocationLevel;
  readonly manual: Readonly<Record<string, number>>;
  readonly weights: Weights;
  readonly ageDate: string;
  readonly coverageYears: number;
  readonly allocation: readonly { readonly code: string; readonly candidates: number; readonly allocated: number; readonly manual: boolean }[];
  readonly source: AnalysisSource;
  readonly recipientBatches: readonly number[];
}

function params(r: ListRow): ListParams {
  return JSON.parse(r.params) as ListParams;
}

function listRow(db: Database, id: number): ListRow {
  if (!Number.isInteger(id)) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists', problem: 'listId' });
  const r = get<ListRow>(db, sql`SELECT * FROM intervention_list WHERE id = ${id}`);
  if (!r) fail(db, 'not_found', 'error.listNotFound', { id });
  return r;
}

function summaryOf(db: Database, r: ListRow, program?: Program): ListSummary {
  const p = program ?? getProgram(db, r.program_id);
  const pr = params(r);
  const counts = get<{ units: number; families: number }>(db, sql`SELECT count(*) AS units, count(DISTINCT family_id) AS families FROM list_member WHERE list_id = ${r.id}`) ?? { units: 0, families: 0 };
  const changes = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM list_change WHERE list_id = ${r.id}`)?.n ?? 0;
  return {
    listId: r.id,
    programId: r.program_id,
    programName: p.name,
    version: r.version,
    previousId: r.previous_id,
    status: r.status,
    unit: p.unit,
    units: counts.units,
    families: counts.families,
    target: r.target,
    eligible: r.eligible,
    covered: r.covered,
    candidates: r.candidates,
    unitCost: pr.unitCost,
    quota: pr.quota,
    budget: pr.budget,
    cost: pr.unitCost !== null ? counts.units * pr.unitCost : null,
    level: pr.level,
    createdAt: r.created_at,
    draftedAt: r.drafted_at,
    finalizedAt: r.finalized_at,
    manualChanges: changes,
  };
}

export function listSummary(db: Database, listId: number): ListSummary {
  return summaryOf(db, listRow(db, listId));
}

export function latestListOf(db: Database, programId: number): ListSummary | null {
  const r = get<ListRow>(db, sql`SELECT * FROM intervention_list WHERE program_id = ${programId} ORDER BY version DESC LIMIT 1`);
  return r ? summaryOf(db, r) : null;
}

export function listLists(db: Database, args: { programId?: number }): ListSummary[] {
  const rows = args.programId !== undefined
    ? all<ListRow>(db, sql`SELECT * FROM intervention_list WHERE program_id = ${args.programId} ORDER BY version DESC`)
    : all<ListRow>(db, sql`SELECT * FROM intervention_list ORDER BY program_id, version DESC`);
  return rows.map((r) => summaryOf(db, r));
}

// ── drafting ─────────────────────────────────────────────────────────────────────────────────

/** Manual changes of every version of a program up to `listId`, oldest first: the last word per unit wins. */
function chainChanges(db: Database, programId: number, version: number): Map<string, { action: 'add' | 'remove'; reason: string }> {
  const rows = all<{ action: 'add' | 'remove'; family_id: number; person_id: number; reason: string }>(db, sql`
    SELECT c.action, c.family_id, c.person_id, c.reason FROM list_change c JOIN intervention_list l ON l.id = c.list_id
    WHERE l.program_id = ${programId} AND l.version <= ${version} ORDER BY l.version, c.id`);
  const out = new Map<string, { action: 'add' | 'remove'; reason: string }>();
  for (const r of rows) out.set(`${r.family_id}:${r.person_id}`, { action: r.action, reason: r.reason });
  return out;
}

/** Person ids of the individu columns (positions as in personFamily). */
export function personIds(u: Universe): Float64Array {
  const pb = u.dataset.personBatch;
  if (!pb) return new Float64Array(0);
  return u.cube.column('p.ids', Float64Array, () => Float64Array.from(pluck<number>(u.db, sql`SELECT id FROM person WHERE batch_id = ${pb.id} ORDER BY id`)));
}

export interface Selection {
  readonly eligible: Uint8Array;
  readonly covered: Uint8Array;
  readonly eligibleCount: number;
  readonly coveredCount: number;
  readonly candidateCount: number;
}

/** Families meeting the criteria (in the working province) and those already covered. */
export function selectFamilies(u: Universe, program: Program, coverageYears: number): Selection {
  const eligible = evaluate(u, program.criteria);
  const prov = inProvince(u);
  const covered = coverageMask(u, program.recipientPrograms, program.year - coverageYears, program.year);
  let e = 0;
  let c = 0;
  for (let i = 0; i < eligible.length; i++) {
    eligible[i] = (eligible[i] as number) & (prov[i] as number);
    if (eligible[i] === 1) {
      e++;
      if (covered[i] === 1) c++;
    }
  }
  return { eligible, covered, eligibleCount: e, coveredCount: c, candidateCount: e - c };
}

interface Unit {
  readonly fi: number;
  readonly personId: number;
  readonly pj: number;
  readonly area: number;
  readonly score: number;
  readonly manual: boolean;
}

/** Deterministic order: score, then lower desil, then larger family, then family and person id. */
function compareUnits(s: ScoreInputs, ids: Float64Array) {
  return (a: Unit, b: Unit): number =>
    b.score - a.score ||
    (s.desil[a.fi] as number) - (s.desil[b.fi] as number) ||
    (s.persons[b.fi] as number) - (s.persons[a.fi] as number) ||
    (ids[a.fi] as number) - (ids[b.fi] as number) ||
    a.personId - b.personId;
}

function levelOf(db: Database, v: unknown): AllocationLevel {
  if (v === undefined || v === null) return 'kecamatan';
  if (!LEVELS.includes(v as AllocationLevel)) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.draft', problem: 'level' });
  return v as AllocationLevel;
}

function optionalCount(db: Database, v: unknown, what: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (what === 'quota' && !Number.isInteger(v))) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.draft', problem: what });
  }
  return v;
}

/** Draft a program's list (or redraft its current draft). */
export function draftList(db: Database, dbPath: string, args: DraftArgs): ListDetail {
  const program = getProgram(db, args.programId);
  const level = levelOf(db, args.level);
  const quota = args.quota !== undefined ? optionalCount(db, args.quota, 'quota') : program.quota;
  const budget = args.budget !== undefined ? optionalCount(db, args.budget, 'budget') : program.budget;
  if (budget !== null && (program.unitCost === null || program.unitCost <= 0) && quota === null) fail(db, 'invalid_input', 'error.budgetWithoutCost');
  let weights: Weights;
  try {
    weights = args.weights ? checkWeights({ ...program.weights, ...args.weights }) : program.weights;
  } catch (e) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.draft', problem: e instanceof Error ? e.message : 'weights' });
  }
  const manualPlaces: Record<string, number> = {};
  for (const [code, n] of Object.entries(args.manual ?? {})) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(db, 'invalid_input', 'error.allocation', { problem: `${code}: ${String(n)}` });
    manualPlaces[code] = n;
  }

  const u = openUniverse(db, dbPath, program.source, program.year);
  const coverageYears = program.coverageYears ?? readLetterhead(db).coverageYears;
  const recipientBatches = ensureLinks(u);
  const sel = selectFamilies(u, program, coverageYears);
  const s = scoreInputs(u);
  const ids = u.cube.ids;
  const region = u.cube.region();
  const anc = u.dict.ancestor[LEVEL_NUMBER[level]] as Int32Array;

  const latest = get<ListRow>(db, sql`SELECT * FROM intervention_list WHERE program_id = ${program.id} ORDER BY version DESC LIMIT 1`);
  const version = latest && latest.status === 'draft' ? latest.version : (latest?.version ?? 0) + 1;
  const changes = chainChanges(db, program.id, version);

  // Units: candidate families, or the chosen members of candidate families.
  const person = program.unit === 'person';
  const pIds = person ? personIds(u) : new Float64Array(0);
  const pf = person ? u.cube.personFamily() : new Int32Array(0);
  const pOk = person ? memberMask(u, program.memberCriteria) : new Uint8Array(0);
  const auto: Unit[] = [];
  const manualUnits: Unit[] = [];
  const parts = new Map<number, number>();
  const scoreAt = (fi: number): number => {
    let v = parts.get(fi);
    if (v === undefined) {
      v = scoreOf(partsOf(s, fi), weights);
      parts.set(fi, v);
    }
    return v;
  };
  const consider = (fi: number, pj: number): void => {
    const personId = pj >= 0 ? (pIds[pj] as number) : 0;
    const ch = changes.get(`${ids[fi] as number}:${personId}`);
    const area = anc[region[fi] as number] ?? -1;
    if (ch?.action === 'add') {
      manualUnits.push({ fi, personId, pj, area, score: scoreAt(fi), manual: true });
      return;
    }
    if (ch?.action === 'remove') return;
    if (sel.eligible[fi] === 1 && sel.covered[fi] === 0 && area >= 0) auto.push({ fi, personId, pj, area, score: scoreAt(fi), manual: false });
  };
  if (person) {
    for (let j = 0; j < pf.length; j++) {
      const fi = pf[j] as number;
      if (fi < 0) continue;
      if (pOk[j] === 1 || changes.has(`${ids[fi] as number}:${pIds[j] as number}`)) consider(fi, j);
    }
  } else {
    for (let fi = 0; fi < u.cube.n; fi++) if (sel.eligible[fi] === 1 || changes.has(`${ids[fi] as number}:0`)) consider(fi, -1);
  }

  // Places: quota, else budget ÷ unit cost, else every candidate.
  const byBudget = placesForBudget(budget, program.unitCost);
  const capped = quota !== null || byBudget !== null;
  const places = quota !== null && byBudget !== null ? Math.min(quota, byBudget) : (quota ?? byBudget ?? auto.length + manualUnits.length);
  const autoPlaces = Math.max(0, Math.min(places, auto.length + manualUnits.length) - manualUnits.length);
  const perArea = new Map<number, Unit[]>();
  for (const x of auto) {
    let l = perArea.get(x.area);
    if (!l) perArea.set(x.area, (l = []));
    l.push(x);
  }
  const areaCode = (a: number): string => u.dict.code(a);
  let alloc: Map<string, number>;
  try {
    alloc = allocate(autoPlaces, [...perArea.entries()].map(([a, l]) => ({ code: areaCode(a), eligible: l.length })), manualPlaces);
  } catch (e) {
    if (e instanceof AllocationError) fail(db, 'invalid_input', 'error.allocation', { problem: e.message });
    throw e;
  }
  const cmp = compareUnits(s, ids);
  const chosen: Unit[] = [...manualUnits];
  for (const [a, l] of perArea) {
    l.sort(cmp);
    chosen.push(...l.slice(0, alloc.get(areaCode(a)) ?? 0));
  }
  chosen.sort((x, y) => {
    const ax = x.area >= 0 ? areaCode(x.area) : '~';
    const ay = y.area >= 0 ? areaCode(y.area) : '~';
    return ax < ay ? -1 : ax > ay ? 1 : cmp(x, y);
  });

  const manualCount = new Map<number, number>();
  for (const m of manualUnits) manualCount.set(m.area, (manualCount.get(m.area) ?? 0) + 1);
  const allocation = [...new Set([...perArea.keys(), ...manualCount.keys()])]
    .filter((a) => a >= 0)
    .map((a) => ({
      code: areaCode(a),
      candidates: perArea.get(a)?.length ?? 0,
      allocated: (alloc.get(areaCode(a)) ?? 0) + (manualCount.get(a) ?? 0),
      manual: manualPlaces[areaCode(a)] !== undefined,
    }))
    .sort((x, y) => (x.code < y.code ? -1 : 1));
  const pr: ListParams = {
    quota, budget, unitCost: program.unitCost, capped, level, manual: manualPlaces, weights, ageDate: u.ageDate, coverageYears,
    allocation, source: u.dataset.source, recipientBatches: recipientBatches.map((b) => b.id),
  };
  const method = methodOf(db, u, program, pr, recipientBatches);
  const now = new Date().toISOString();

  const listId = db.transaction((): number => {
    let id: number;
    if (latest && latest.status === 'draft') {
      id = latest.id;
      run(db, sql`DELETE FROM list_member WHERE list_id = ${id}`);
      run(db, sql`UPDATE intervention_list SET params = ${JSON.stringify(pr)}, method = ${JSON.stringify(method)},
        family_batch_id = ${u.dataset.familyBatch.id}, person_batch_id = ${u.dataset.personBatch?.id ?? null},
        eligible = ${sel.eligibleCount}, covered = ${sel.coveredCount}, candidates = ${auto.length}, target = ${places}, drafted_at = ${now} WHERE id = ${id}`);
    } else {
      const r = run(db, sql`INSERT INTO intervention_list (program_id, version, previous_id, status, params, method, family_batch_id, person_batch_id,
          eligible, covered, candidates, target, created_at, drafted_at)
        VALUES (${program.id}, ${version}, ${latest?.id ?? null}, 'draft', ${JSON.stringify(pr)}, ${JSON.stringify(method)}, ${u.dataset.familyBatch.id},
          ${u.dataset.personBatch?.id ?? null}, ${sel.eligibleCount}, ${sel.coveredCount}, ${auto.length}, ${places}, ${now}, ${now})`);
      id = Number(r.lastInsertRowid);
      // A new version after a final one is a change to a signed list: on the record.
      if (latest) appendAudit(db, 'list.revise', { listId: id, fromListId: latest.id, programId: program.id, program: program.name, version, redrafted: true });
    }
    insertMembers(u, id, chosen, s, sel, changes);
    return id;
  })();
  return listDetail(db, listId);
}

interface FamilySnap { id: number; region_code: string | null; source_id: string | null; kk: string | null; head_nik: string | null; head_name: string | null; address: string | null; desil: number | null }
interface PersonSnap { id: number; nik: string | null; name: string | null; sex: number | null; birth_date: string | null; relation: number | null }

function byIds<T extends { id: number }>(db: Database, select: SqlFragment, ids: readonly number[]): Map<number, T> {
  const out = new Map<number, T>();
  // In id order: the rows are then read along the table's B-tree instead of at random.
  const sorted = Float64Array.from(ids).sort();
  for (let k = 0; k < sorted.length; k += 20_000) {
    const chunk = Array.from(sorted.subarray(k, k + 20_000));
    for (const r of all<T>(db, sql`${select} WHERE id IN (SELECT value FROM json_each(${JSON.stringify(chunk)}))`)) out.set(r.id, r);
  }
  return out;
}

const FAMILY_SNAP = raw('SELECT id, region_code, source_id, kk, head_nik, head_name, address, desil FROM family');
const PERSON_SNAP = raw('SELECT id, nik, name, sex, birth_date, relation FROM person');

function componentsJson(s: ScoreInputs, fi: number): string {
  return JSON.stringify(partsOf(s, fi));
}

/** The family codes a list row keeps (read from the cube, not from the family table). */
const SNAP_CODES = ['lantai', 'kualitas_dinding', 'kualitas_atap', 'air_minum', 'jamban', 'penerangan', 'stunting', 'jk_kepala'] as const;

function isoOf(ymd: number): string | null {
  if (ymd <= 0) return null;
  const y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Write the chosen units with a snapshot of who they are, ranked 1…n. */
function insertMembers(u: Universe, listId: number, chosen: readonly Unit[], s: ScoreInputs, sel: Selection, changes: Map<string, { action: string; reason: string }>): void {
  const db = u.db;
  const ids = u.cube.ids;
  const fams = byIds<FamilySnap>(db, FAMILY_SNAP, [...new Set(chosen.map((c) => ids[c.fi] as number))]);
  const persons = chosen.some((c) => c.personId > 0) ? byIds<PersonSnap>(db, PERSON_SNAP, chosen.filter((c) => c.personId > 0).map((c) => c.personId)) : new Map<number, PersonSnap>();
  const insert = db.prepare(`INSERT INTO list_member (list_id, family_id, person_id, rank, area_code, region_code, source_id, kk, nik, name, address, desil,
    members, sex, birth, relation, floor, wall_quality, roof_quality, water, toilet, lighting, stunting, score, components, origin, in_criteria, reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const codes = SNAP_CODES.map((k) => u.cube.familyCodes(k));
  const headBirth = u.cube.headBirth();
  const code = (k: number, fi: number): number | null => {
    const v = (codes[k] as Int8Array)[fi] as number;
    return v < 0 ? null : v;
  };
  let rank = 0;
  for (const c of chosen) {
    const fid = ids[c.fi] as number;
    const f = fams.get(fid);
    const p = c.personId > 0 ? persons.get(c.personId) : undefined;
    const inCriteria = sel.eligible[c.fi] === 1 && sel.covered[c.fi] === 0 ? 1 : 0;
    const reason = c.manual ? (changes.get(`${fid}:${c.personId}`)?.reason ?? null) : null;
    insert.run(
      listId, fid, c.personId, ++rank, c.area >= 0 ? u.dict.code(c.area) : null, f?.region_code ?? null, f?.source_id ?? null, f?.kk ?? null,
      p ? p.nik : (f?.head_nik ?? null), p ? p.name : (f?.head_name ?? null), f?.address ?? null, f?.desil ?? null,
      s.persons[c.fi], p ? p.sex : code(7, c.fi), p ? p.birth_date : isoOf(headBirth[c.fi] as number), p?.relation ?? null,
      code(0, c.fi), code(1, c.fi), code(2, c.fi), code(3, c.fi), code(4, c.fi), code(5, c.fi), code(6, c.fi),
      c.score, componentsJson(s, c.fi), c.manual ? 'manual' : 'auto', inCriteria, reason,
    );
  }
}

// ── the method in words ──────────────────────────────────────────────────────────────────────

function describeContext(db: Database, u: Universe): DescribeContext {
  return {
    lang: currentLanguage(db),
    regionName: (code) => {
      const i = u.dict.indexOf(code);
      return i >= 0 ? u.dict.name(i) : undefined;
    },
  };
}

function methodOf(db: Database, u: Universe, program: Program, pr: ListParams, recipientBatches: readonly BatchSummary[]): ListMethod {
  const ctx = describeContext(db, u);
  const en = ctx.lang === 'en';
  const datasets: ListMethod['datasets'][number][] = [{ source: u.dataset.source, batch: u.dataset.familyBatch, role: en ? 'families' : 'keluarga' }];
  if (u.dataset.personBatch && u.dataset.personBatch.id !== u.dataset.familyBatch.id) {
    datasets.push({ source: u.dataset.source, batch: u.dataset.personBatch, role: en ? 'members' : 'anggota keluarga' });
  }
  const from = program.year - pr.coverageYears;
  const coverageWords = program.recipientPrograms.length === 0
    ? (en ? 'No recipient list is counted as coverage for this program.' : 'Tidak ada daftar penerima yang dihitung sebagai cakupan program ini.')
    : en
      ? `Families already listed as receiving ${program.recipientPrograms.join(', ')} in ${from}–${program.year} (by No KK, the head's NIK or a member's NIK; rows without a year count) are left out.`
      : `Keluarga yang sudah tercatat menerima ${program.recipientPrograms.join(', ')} pada tahun ${from}–${program.year} (dicocokkan dengan No KK, NIK kepala keluarga atau NIK anggota; baris tanpa tahun ikut dihitung) tidak diikutkan.`;
  const places = pr.quota !== null
    ? (en ? `quota ${pr.quota}` : `kuota ${pr.quota}`)
    : pr.budget !== null
      ? (en ? `budget Rp ${pr.budget.toLocaleString('id-ID')} ÷ unit cost Rp ${(pr.unitCost ?? 0).toLocaleString('id-ID')}` : `pagu Rp ${pr.budget.toLocaleString('id-ID')} ÷ biaya satuan Rp ${(pr.unitCost ?? 0).toLocaleString('id-ID')}`)
      : (en ? 'every candidate (no quota or budget)' : 'semua calon (tanpa kuota atau pagu)');
  const levelWords = en
    ? { none: 'the whole province', kabupaten: 'kabupaten/kota', kecamatan: 'kecamatan', desa: 'desa/kelurahan' }[pr.level]
    : { none: 'seluruh provinsi', kabupaten: 'kabupaten/kota', kecamatan: 'kecamatan', desa: 'desa/kelurahan' }[pr.level];
  const manual = Object.keys(pr.manual).length;
  const totalWords = en
    ? `Places: ${places}; split over ${levelWords} in proportion to candidates (largest remainder)${manual ? `, ${manual} areas set by hand` : ''}; the highest scores of each area are taken.`
    : `Jumlah sasaran: ${places}; dibagi per ${levelWords} sebanding jumlah calon (metode sisa terbesar)${manual ? `, ${manual} wilayah ditetapkan manual` : ''}; diambil skor tertinggi di setiap wilayah.`;
  return {
    criteria: program.criteria,
    criteriaWords: describeCriterion(ctx, program.criteria),
    memberCriteriaWords: program.unit === 'person'
      ? (program.memberCriteria.length === 0
        ? (en ? 'every member of a qualifying family' : 'semua anggota keluarga yang memenuhi kriteria')
        : describeCriterion(ctx, { op: 'members', where: program.memberCriteria, atLeast: 1 }))
      : null,
    weights: pr.weights,
    coverageWords,
    datasets,
    recipientBatches,
    ageDate: pr.ageDate,
    totalWords,
    tieBreak: en
      ? 'Equal scores: lower desil first, then larger family, then the order of the source file.'
      : 'Skor sama: desil lebih rendah dahulu, lalu keluarga lebih besar, lalu urutan dalam berkas sumber.',
  };
}

export function scoreWords(lang: 'id' | 'en', w: Weights): string[] {
  const total = SCORE_PARTS.reduce((t, k) => t + w[k], 0);
  return SCORE_PARTS.map((k) => `${SCORE_PART_LABEL[k][lang]}: ${w[k]}${total > 0 ? ` (${Math.round((w[k] / total) * 100)}%)` : ''}`);
}

// ── reading a list ───────────────────────────────────────────────────────────────────────────

export function listDetail(db: Database, listId: number): ListDetail {
  const r = listRow(db, listId);
  const program = getProgram(db, r.program_id);
  const pr = params(r);
  const listed = new Map(all<{ area: string | null; n: number }>(db, sql`SELECT area_code AS area, count(*) AS n FROM list_member WHERE list_id = ${listId} GROUP BY area_code`).map((x) => [x.area ?? '', x.n]));
  const codes = pr.allocation.map((a) => a.code);
  for (const k of listed.keys()) if (k !== '' && !codes.includes(k)) codes.push(k);
  const names = regionNames(db, codes);
  const areas: AreaAllocation[] = codes.sort().map((code) => {
    const a = pr.allocation.find((x) => x.code === code);
    const n = names.get(code);
    const units = listed.get(code) ?? 0;
    return {
      code,
      name: n?.name ?? code,
      parent: n?.parent ?? null,
      candidates: a?.candidates ?? 0,
      allocated: a?.allocated ?? 0,
      listed: units,
      manual: a?.manual ?? false,
      cost: pr.unitCost !== null ? units * pr.unitCost : null,
    };
  });
  const versions = all<ListRow>(db, sql`SELECT * FROM intervention_list WHERE program_id = ${r.program_id} ORDER BY version DESC`).map((x) => summaryOf(db, x, program));
  const districts = all<{ code: string | null; units: number; families: number }>(db, sql`
    SELECT substr(region_code, 1, 8) AS code, count(*) AS units, count(DISTINCT family_id) AS families
    FROM list_member WHERE list_id = ${listId} GROUP BY substr(region_code, 1, 8) ORDER BY 1`);
  const dnames = regionNames(db, districts.map((x) => x.code ?? '').filter((c) => c !== ''));
  const byDistrict = districts.map((x) => ({ code: x.code ?? '', name: dnames.get(x.code ?? '')?.name ?? (x.code ?? ''), units: x.units, families: x.families }));
  return { summary: summaryOf(db, r, program), program, areas, byDistrict, method: JSON.parse(r.method) as ListMethod, versions };
}

/** Names of regions and their parents' names ("Kec. X, Kab. Y"). */
export function regionNames(db: Database, codes: readonly string[]): Map<string, { name: string; parent: string | null }> {
  const all2 = new Set<string>();
  for (const c of codes) {
    const parts = c.split('.');
    for (let i = 1; i <= parts.length; i++) all2.add(parts.slice(0, i).join('.'));
  }
  const names = new Map<string, string>();
  const list = [...all2];
  for (let k = 0; k < list.length; k += 5000) {
    for (const r of all<{ code: string; name: string }>(db, sql`SELECT code, name FROM region WHERE code IN (SELECT value FROM json_each(${JSON.stringify(list.slice(k, k + 5000))}))`)) names.set(r.code, r.name);
  }
  const out = new Map<string, { name: string; parent: string | null }>();
  for (const c of codes) {
    const parts = c.split('.');
    const parents: string[] = [];
    for (let i = parts.length - 1; i >= 2; i--) {
      const n = names.get(parts.slice(0, i).join('.'));
      if (n) parents.push(n);
    }
    out.set(c, { name: names.get(c) ?? c, parent: parents.length > 0 ? parents.join(', ') : null });
  }
  return out;
}

interface MemberDbRow {
  rank: number; family_id: number; person_id: number; region_code: string | null; source_id: string | null; kk: string | null; nik: string | null;
  name: string | null; address: string | null; desil: number | null; members: number | null; score: number; components: string; origin: 'auto' | 'manual';
  sex: number | null; birth: string | null; relation: number | null;
  in_criteria: number; reason: string | null; kab: string | null; kec: string | null; desa: string | null; others: string | null;
}

const SORT_SQL: Readonly<Record<(typeof LIST_SORT_COLUMNS)[number], string>> = {
  rank: 'm.rank', score: 'm.score', nama: 'm.name', desa: 'd.name', kecamatan: 'c.name', desil: 'm.desil', jumlahAnggota: 'm.members',
};

/** The SELECT of list members (every kept field) with region names and the other programs holding the same family. */
export function memberSelect(listId: number, programId: number): SqlFragment {
  return sql`
    SELECT m.rank, m.family_id, m.person_id, m.region_code, m.source_id, m.kk, m.nik, m.name, m.address, m.desil, m.members, m.score,
      m.sex, m.birth, m.relation, m.floor, m.wall_quality, m.roof_quality, m.water, m.toilet, m.lighting, m.stunting,
      m.components, m.origin, m.in_criteria, m.reason, k.name AS kab, c.name AS kec, d.name AS desa,
      (SELECT group_concat(DISTINCT p2.name) FROM list_member m2 JOIN intervention_list l2 ON l2.id = m2.list_id JOIN program p2 ON p2.id = l2.program_id
        WHERE m2.family_id = m.family_id AND l2.program_id <> ${programId}
          AND l2.version = (SELECT max(l3.version) FROM intervention_list l3 WHERE l3.program_id = l2.program_id)) AS others
    FROM list_member m
    LEFT JOIN region d ON d.code = m.region_code
    LEFT JOIN region c ON c.code = substr(m.region_code, 1, 8)
    LEFT JOIN region k ON k.code = substr(m.region_code, 1, 5)
    WHERE m.list_id = ${listId}`;
}

function memberRow(r: MemberDbRow, lang: 'id' | 'en', ageDate: string): ListMemberRow {
  const label = (key: string, code: number | null): string | null => {
    const meta = attributeMeta(key);
    return code === null || !meta ? null : valueLabel(meta, code, lang);
  };
  return {
    rank: r.rank,
    familyId: r.family_id,
    personId: r.person_id,
    kabupaten: r.kab,
    kecamatan: r.kec,
    desa: r.desa,
    regionCode: r.region_code,
    idKeluarga: r.source_id,
    noKk: r.kk ? maskNik(r.kk) : null,
    nik: r.nik ? maskNik(r.nik) : null,
    nama: r.name,
    alamat: r.address,
    desil: r.desil,
    jumlahAnggota: r.members,
    jk: label('jk', r.sex),
    umur: ageOn(r.birth, ageDate),
    hubungan: r.person_id > 0 ? label('hubungan', r.relation) : null,
    score: r.score,
    components: JSON.parse(r.components) as ScoreComponents,
    origin: r.origin,
    inCriteria: r.in_criteria === 1,
    reason: r.reason,
    otherPrograms: r.others ? r.others.split(',') : [],
  };
}

export function listMembers(db: Database, args: MembersArgs): MembersPage {
  const t0 = performance.now();
  const r = listRow(db, args.listId);
  const start = Math.max(0, Math.floor(args.startRow));
  const limit = Math.max(0, Math.min(1000, Math.floor(args.endRow) - start));
  const conds: SqlFragment[] = [];
  const search = args.search?.trim() ?? '';
  if (search !== '') {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(m.name LIKE ${like} ESCAPE '\\' OR m.nik = ${search} OR m.kk = ${search} OR m.source_id = ${search} OR d.name LIKE ${like} ESCAPE '\\' OR c.name LIKE ${like} ESCAPE '\\')`);
  }
  if (args.origin === 'auto' || args.origin === 'manual') conds.push(sql`m.origin = ${args.origin}`);
  const sort = args.sort && (LIST_SORT_COLUMNS as readonly string[]).includes(args.sort.column) ? args.sort : { column: 'rank' as const, dir: 'asc' as const };
  const where = conds.length > 0 ? sql` AND ${join(conds, ' AND ')}` : raw('');
  const base = memberSelect(r.id, r.program_id);
  let rows: MemberDbRow[];
  let count: number;
  if (conds.length === 0 && sort.column === 'rank' && sort.dir === 'asc') {
    // Ranks run 1…n without gaps, so a page is a range of the rank index at any depth.
    count = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM list_member WHERE list_id = ${r.id}`)?.n ?? 0;
    rows = all<MemberDbRow>(db, sql`${base} AND m.rank > ${start} AND m.rank <= ${start + limit} ORDER BY m.rank`);
  } else {
    count = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM list_member m LEFT JOIN region d ON d.code = m.region_code
      LEFT JOIN region c ON c.code = substr(m.region_code, 1, 8) WHERE m.list_id = ${r.id}${where}`)?.n ?? 0;
    const order = raw(`${SORT_SQL[sort.column]} ${sort.dir === 'desc' ? 'DESC' : 'ASC'}, m.rank`);
    rows = all<MemberDbRow>(db, sql`${base}${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${start}`);
  }
  const lang = currentLanguage(db);
  const ageDate = params(r).ageDate;
  return { count, rows: rows.map((x) => memberRow(x, lang, ageDate)), ms: Math.round((performance.now() - t0) * 10) / 10 };
}

// ── manual changes and the lifecycle ─────────────────────────────────────────────────────────

function draftRow(db: Database, listId: number): ListRow {
  const r = listRow(db, listId);
  const program = getProgram(db, r.program_id);
  if (r.status === 'final') fail(db, 'conflict', 'error.listFinal', { program: program.name, version: r.version });
  return r;
}

function checkReason(db: Database, reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim().replace(/\s+/g, ' ').length < MIN_REASON || reason.length > 1000) fail(db, 'invalid_input', 'error.reasonRequired');
  return reason.trim().replace(/\s+/g, ' ');
}

function universeOfList(db: Database, dbPath: string, r: ListRow, program: Program): Universe {
  const u = openUniverse(db, dbPath, params(r).source, program.year);
  if (u.dataset.familyBatch.id !== r.family_batch_id) {
    // The list was drafted from an older batch: keep working on that one.
    const fb = r.family_batch_id !== null ? batchById(db, r.family_batch_id) : null;
    const pb = r.person_batch_id !== null ? batchById(db, r.person_batch_id) : null;
    if (fb) return openUniverseOn(db, dbPath, params(r).source, fb, pb, program.year);
  }
  return u;
}

function openUniverseOn(db: Database, dbPath: string, source: AnalysisSource, fb: BatchSummary, pb: BatchSummary | null, year: number): Universe {
  const base = openUniverse(db, dbPath, source, year);
  const dataset = { source, familyBatch: fb, personBatch: pb };
  return { ...base, dataset, cube: cubeOf(base, dataset) };
}

function cubeOf(u: Universe, dataset: Universe['dataset']): Universe['cube'] {
  return cubeFor(u.db, u.dbPath, dataset, u.dict);
}

export function addMember(db: Database, dbPath: string, args: { listId: number; familyId: number; personId?: number; reason: string }): ListSummary {
  const r = draftRow(db, args.listId);
  const reason = checkReason(db, args.reason);
  const program = getProgram(db, r.program_id);
  const pr = params(r);
  const personId = program.unit === 'person' ? (args.personId ?? 0) : 0;
  const u = universeOfList(db, dbPath, r, program);
  const fi = Number.isInteger(args.familyId) ? u.cube.indexOfId(args.familyId) : -1;
  if (fi < 0) fail(db, 'not_found', 'error.unitNotFound', { id: String(args.familyId), source: u.dataset.source.toUpperCase() });
  let pj = -1;
  if (program.unit === 'person') {
    const pIds = personIds(u);
    const pf = u.cube.personFamily();
    for (let j = 0; j < pIds.length; j++) if (pIds[j] === personId && pf[j] === fi) pj = j;
    if (pj < 0) fail(db, 'not_found', 'error.unitNotFound', { id: String(personId), source: u.dataset.source.toUpperCase() });
  }
  const what = program.unit === 'person' ? `Jiwa #${personId}` : `Keluarga #${args.familyId}`;
  if (get(db, sql`SELECT 1 AS x FROM list_member WHERE list_id = ${r.id} AND family_id = ${args.familyId} AND person_id = ${personId}`)) {
    fail(db, 'conflict', 'error.alreadyOnList', { what });
  }
  const units = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM list_member WHERE list_id = ${r.id}`)?.n ?? 0;
  if (pr.capped && units >= r.target) fail(db, 'conflict', 'error.listFull', { units, target: r.target });
  const sel = selectFamilies(u, program, pr.coverageYears);
  const s = scoreInputs(u);
  const region = u.cube.region();
  const anc = u.dict.ancestor[LEVEL_NUMBER[pr.level]] as Int32Array;
  const area = anc[region[fi] as number] ?? -1;
  const unit: Unit = { fi, personId, pj, area, score: scoreOf(partsOf(s, fi), pr.weights), manual: true };
  const now = new Date().toISOString();
  db.transaction(() => {
    const max = get<{ m: number | null }>(db, sql`SELECT max(rank) AS m FROM list_member WHERE list_id = ${r.id}`)?.m ?? 0;
    const changes = new Map([[`${args.familyId}:${personId}`, { action: 'add', reason }]]);
    insertMembers(u, r.id, [unit], s, sel, changes);
    // insertMembers ranks from 1; the addition goes to the end of the list.
    run(db, sql`UPDATE list_member SET rank = ${max + 1} WHERE list_id = ${r.id} AND family_id = ${args.familyId} AND person_id = ${personId}`);
    const label = get<{ name: string | null }>(db, sql`SELECT name FROM list_member WHERE list_id = ${r.id} AND family_id = ${args.familyId} AND person_id = ${personId}`)?.name ?? null;
    run(db, sql`INSERT INTO list_change (list_id, action, family_id, person_id, label, reason, actor, at)
      VALUES (${r.id}, 'add', ${args.familyId}, ${personId}, ${label}, ${reason}, ${currentActor()}, ${now})`);
  })();
  return listSummary(db, r.id);
}

export function removeMember(db: Database, args: { listId: number; familyId: number; personId?: number; reason: string }): ListSummary {
  const r = draftRow(db, args.listId);
  const reason = checkReason(db, args.reason);
  const personId = args.personId ?? 0;
  const m = get<{ rank: number; name: string | null }>(db, sql`SELECT rank, name FROM list_member WHERE list_id = ${r.id} AND family_id = ${args.familyId} AND person_id = ${personId}`);
  if (!m) fail(db, 'not_found', 'error.notOnList', { what: personId ? `Jiwa #${personId}` : `Keluarga #${args.familyId}` });
  db.transaction(() => {
    run(db, sql`DELETE FROM list_member WHERE list_id = ${r.id} AND family_id = ${args.familyId} AND person_id = ${personId}`);
    run(db, sql`UPDATE list_member SET rank = rank - 1 WHERE list_id = ${r.id} AND rank > ${m.rank}`);
    run(db, sql`INSERT INTO list_change (list_id, action, family_id, person_id, label, reason, actor, at)
      VALUES (${r.id}, 'remove', ${args.familyId}, ${personId}, ${m.name}, ${reason}, ${currentActor()}, ${new Date().toISOString()})`);
  })();
  return listSummary(db, r.id);
}

export function finalizeList(db: Database, listId: number): ListSummary {
  const r = draftRow(db, listId);
  const now = new Date().toISOString();
  db.transaction(() => {
    run(db, sql`UPDATE intervention_list SET status = 'final', finalized_at = ${now} WHERE id = ${r.id}`);
    const s = listSummary(db, r.id);
    appendAudit(db, 'list.finalize', { listId: r.id, programId: s.programId, program: s.programName, version: s.version, units: s.units, families: s.families, cost: s.cost });
  })();
  return listSummary(db, r.id);
}

export function reviseList(db: Database, listId: number): ListSummary {
  const r = listRow(db, listId);
  const program = getProgram(db, r.program_id);
  if (r.status !== 'final') fail(db, 'conflict', 'error.listNotFinal', { program: program.name, version: r.version });
  const newest = get<{ v: number }>(db, sql`SELECT max(version) AS v FROM intervention_list WHERE program_id = ${r.program_id}`)?.v ?? r.version;
  if (newest > r.version) fail(db, 'conflict', 'error.listNewerVersion', { program: program.name, version: newest });
  const now = new Date().toISOString();
  const id = db.transaction((): number => {
    const ins = run(db, sql`INSERT INTO intervention_list (program_id, version, previous_id, status, params, method, family_batch_id, person_batch_id,
        eligible, covered, candidates, target, created_at, drafted_at)
      SELECT program_id, version + 1, id, 'draft', params, method, family_batch_id, person_batch_id, eligible, covered, candidates, target, ${now}, drafted_at
      FROM intervention_list WHERE id = ${r.id}`);
    const nid = Number(ins.lastInsertRowid);
    run(db, sql`INSERT INTO list_member (list_id, family_id, person_id, rank, area_code, region_code, source_id, kk, nik, name, address, desil, members,
        sex, birth, relation, floor, wall_quality, roof_quality, water, toilet, lighting, stunting, score, components, origin, in_criteria, reason)
      SELECT ${nid}, family_id, person_id, rank, area_code, region_code, source_id, kk, nik, name, address, desil, members, sex, birth, relation,
        floor, wall_quality, roof_quality, water, toilet, lighting, stunting, score, components, origin, in_criteria, reason
      FROM list_member WHERE list_id = ${r.id}`);
    appendAudit(db, 'list.revise', { listId: nid, fromListId: r.id, programId: r.program_id, program: program.name, version: r.version + 1 });
    return nid;
  })();
  return listSummary(db, id);
}

export function listDiff(db: Database, listId: number): ListDiff {
  const r = listRow(db, listId);
  const prev = r.previous_id !== null ? listRow(db, r.previous_id) : null;
  const en = currentLanguage(db) === 'en';
  const changes = new Map<string, ListChangeEntry>();
  for (const c of all<{ action: 'add' | 'remove'; family_id: number; person_id: number; label: string | null; reason: string; actor: string; at: string }>(
    db, sql`SELECT action, family_id, person_id, label, reason, actor, at FROM list_change WHERE list_id = ${r.id} ORDER BY id`,
  )) {
    changes.set(`${c.family_id}:${c.person_id}`, { action: c.action, familyId: c.family_id, personId: c.person_id, label: c.label, reason: c.reason, actor: c.actor, at: c.at });
  }
  const auto = en ? 'Redrafted by the criteria and the current data' : 'Hasil penyusunan ulang menurut kriteria dan data terkini';
  const side = (a: number, b: number | null, action: 'add' | 'remove'): ListDiff['added'][number][] =>
    all<{ family_id: number; person_id: number; name: string | null }>(db, b === null
      ? sql`SELECT family_id, person_id, name FROM list_member WHERE list_id = ${a} ORDER BY rank`
      : sql`SELECT m.family_id, m.person_id, m.name FROM list_member m WHERE m.list_id = ${a}
          AND NOT EXISTS (SELECT 1 FROM list_member o WHERE o.list_id = ${b} AND o.family_id = m.family_id AND o.person_id = m.person_id) ORDER BY m.rank`)
      .map((m) => {
        const c = changes.get(`${m.family_id}:${m.person_id}`);
        return c && c.action === action
          ? { ...c, manual: true }
          : { action, familyId: m.family_id, personId: m.person_id, label: m.name, reason: auto, actor: '', at: r.drafted_at, manual: false };
      });
  if (!prev) {
    // The first version has no predecessor: what it shows are the changes made to it by hand.
    const manual = [...changes.values()].map((c) => ({ ...c, manual: true }));
    return { version: r.version, previousVersion: null, added: manual.filter((c) => c.action === 'add'), removed: manual.filter((c) => c.action === 'remove') };
  }
  return { version: r.version, previousVersion: prev.version, added: side(r.id, prev.id, 'add'), removed: side(prev.id, r.id, 'remove') };
}

// ── finding families to add by hand ──────────────────────────────────────────────────────────

export function listCandidates(db: Database, dbPath: string, args: { listId: number; search: string; limit?: number }): CandidateRow[] {
  const r = listRow(db, args.listId);
  const program = getProgram(db, r.program_id);
  const pr = params(r);
  const u = universeOfList(db, dbPath, r, program);
  const q = (args.search ?? '').trim();
  if (q.length < 3) return [];
  const limit = Math.max(1, Math.min(100, args.limit ?? 50));
  const fb = u.dataset.familyBatch.id;
  const digits = /^\d{6,16}$/.test(q);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  type Hit = { family_id: number; person_id: number; nik: string | null; name: string | null };
  let hits: Hit[];
  if (program.unit === 'person' && u.dataset.personBatch) {
    const pb = u.dataset.personBatch.id;
    const persons = all<{ id: number; family_id: number | null; nik: string | null; name: string | null }>(db, digits
      ? sql`SELECT id, family_id, nik, name FROM person WHERE batch_id = ${pb} AND (nik = ${q} OR kk = ${q}) LIMIT ${limit}`
      : sql`SELECT id, family_id, nik, name FROM person WHERE batch_id = ${pb} AND name LIKE ${like} ESCAPE '\\' LIMIT ${limit}`);
    // Members belong to the individu file's family rows; find the keluarga family they join.
    const link = u.cube.memberFamily();
    const toFamily = new Map<number, number>();
    if (link) for (let i = 0; i < u.cube.n; i++) if ((link[i] as number) >= 0) toFamily.set(link[i] as number, u.cube.ids[i] as number);
    hits = persons.flatMap((p) => {
      const fid = p.family_id === null ? undefined : link ? toFamily.get(p.family_id) : p.family_id;
      return fid === undefined ? [] : [{ family_id: fid, person_id: p.id, nik: p.nik, name: p.name }];
    });
  } else {
    hits = all<{ id: number; nik: string | null; name: string | null }>(db, digits
      ? sql`SELECT id, head_nik AS nik, head_name AS name FROM family WHERE batch_id = ${fb} AND (kk = ${q} OR head_nik = ${q} OR source_id = ${q}) LIMIT ${limit}`
      : sql`SELECT id, head_nik AS nik, head_name AS name FROM family WHERE batch_id = ${fb} AND (head_name LIKE ${like} ESCAPE '\\' OR source_id = ${q}) LIMIT ${limit}`)
      .map((f) => ({ family_id: f.id, person_id: 0, nik: f.nik, name: f.name }));
  }
  if (hits.length === 0) return [];
  const sel = selectFamilies(u, program, pr.coverageYears);
  const s = scoreInputs(u);
  const fams = byIds<FamilySnap>(db, FAMILY_SNAP, [...new Set(hits.map((h) => h.family_id))]);
  const names = regionNames(db, [...new Set([...fams.values()].map((f) => f.region_code).filter((c): c is string => c !== null))]);
  const onList = new Set(all<{ k: string }>(db, sql`SELECT family_id || ':' || person_id AS k FROM list_member WHERE list_id = ${r.id}
    AND family_id IN (SELECT value FROM json_each(${JSON.stringify(hits.map((h) => h.family_id))}))`).map((x) => x.k));
  return hits.map((h) => {
    const f = fams.get(h.family_id);
    const fi = u.cube.indexOfId(h.family_id);
    const code = f?.region_code ?? null;
    const nm = code ? names.get(code) : undefined;
    return {
      familyId: h.family_id,
      personId: h.person_id,
      regionCode: code,
      desa: nm?.name ?? null,
      kecamatan: nm?.parent?.split(', ')[0] ?? null,
      idKeluarga: f?.source_id ?? null,
      noKk: f?.kk ? maskNik(f.kk) : null,
      nik: h.nik ? maskNik(h.nik) : null,
      nama: h.name,
      desil: f?.desil ?? null,
      inCriteria: fi >= 0 && sel.eligible[fi] === 1,
      covered: fi >= 0 && sel.covered[fi] === 1,
      onList: onList.has(`${h.family_id}:${h.person_id}`),
      score: fi >= 0 ? scoreOf(partsOf(s, fi), pr.weights) : null,
    };
  });
}

export { LEVEL_NUMBER };
