import type { Database } from 'better-sqlite3';
import { attributeMeta, MISSING_CODE, valueLabel } from '../../../shared/analysis/attributes.ts';
import {
  DRILL_COLUMNS, type CrosstabSpec, type DrillArgs, type DrillColumn, type DrillColumnFilter, type DrillPage, type DrillRow,
  type DrillSort,
} from '../../../shared/contracts/analysis.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, ident, join, pluck, sql } from '../db/sql.ts';
import type { DatasetCube } from './cube.ts';
import { SOURCE_LABEL } from './datasets.ts';
import { collectFamilies, normalizeSpec, planCrosstab, type Plan } from './engine.ts';

/**
 * The families behind a cross-tab cell, for the grid's infinite row model. The matching families
 * come from the same pass as the cell's count (so the grid's row count equals the cell); the
 * list is sorted once — by a precomputed rank for text columns, by the codes otherwise — and
 * kept, so any page at any depth is a slice plus one `id IN (…)` look-up of ≤ 500 rows.
 */

const TEXT_COLUMN: Partial<Record<DrillColumn, string>> = {
  id_keluarga: 'source_id',
  no_kk: 'kk',
  nik_kepala: 'head_nik',
  nama_kepala: 'head_name',
  alamat: 'address',
};

const CODE_COLUMN: Partial<Record<DrillColumn, string>> = {
  desil: 'desil',
  jk_kepala: 'jk_kepala',
  lantai: 'lantai',
  air_minum: 'air_minum',
  jamban: 'jamban',
  stunting: 'stunting',
};

const REGION_LEVEL: Partial<Record<DrillColumn, 2 | 3 | 4>> = { kabupaten: 2, kecamatan: 3, desa: 4 };

const PAGE_MAX = 500;
const POS_BITS = 2 ** 24;

interface Resolved {
  readonly plan: Plan;
  /** dataset * 2^32 + family index, in display order. */
  readonly list: Float64Array;
}

const cache = new Map<string, Resolved>();
const CACHE_MAX = 8;

function remember(key: string, value: Resolved): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

/** Forget cached lists (after a batch is deleted or added). */
export function clearDrillCache(): void {
  cache.clear();
  rankCache.clear();
}

function slotIndex(plan: Plan, axis: 'rows' | 'cols', key: string | null, db: Database): number {
  if (key === null) return -1;
  const i = plan[axis].findIndex((s) => s.key === key);
  if (i < 0) fail(db, 'invalid_input', 'error.unknownCell', { cell: key });
  return i;
}

// ── sort keys ─────────────────────────────────────────────────────────────────────────────────

const rankCache = new Map<string, Int32Array>();

/** Rank of each family of a cube by a text column (1-based; empty values rank last). */
function textRank(db: Database, cube: DatasetCube, column: string): Int32Array {
  const key = `${cube.key}:${column}`;
  const hit = rankCache.get(key);
  if (hit) return hit;
  const batch = cube.dataset.familyBatch.id;
  const ids = pluck<number>(db, sql`SELECT id FROM family WHERE batch_id = ${batch} ORDER BY ${ident(column)} IS NULL, ${ident(column)} COLLATE NOCASE, id`);
  const rank = new Int32Array(cube.n);
  for (let p = 0; p < ids.length; p++) {
    const i = cube.indexOfId(ids[p] as number);
    if (i >= 0) rank[i] = p + 1;
  }
  rankCache.set(key, rank);
  return rank;
}

/** Rank of region dictionary entries by the name of their ancestor at a level. */
function regionNameRank(plan: Plan, level: number): Int32Array {
  const dict = plan.dict;
  const anc = dict.ancestor[level] as Int32Array;
  const order = [...Array(dict.size).keys()].sort((a, b) => {
    const na = anc[a] as number;
    const nb = anc[b] as number;
    if (na < 0 || nb < 0) return (na < 0 ? 1 : 0) - (nb < 0 ? 1 : 0);
    return dict.name(na).localeCompare(dict.name(nb), 'id') || na - nb;
  });
  const rank = new Int32Array(dict.size + 1);
  let r = 0;
  let prev = -2;
  for (const i of order) {
    const a = anc[i] as number;
    if (a !== prev) r++;
    prev = a;
    rank[i + 1] = a < 0 ? 2 ** 20 : r;
  }
  rank[0] = 2 ** 20;
  return rank;
}

type KeyFn = (dataset: number, i: number) => number;

function sortKey(db: Database, plan: Plan, column: DrillColumn): KeyFn {
  const cubes = plan.perDataset.map((p) => p.cube);
  const text = TEXT_COLUMN[column];
  if (text) {
    if (cubes.length === 1) {
      const rank = textRank(db, cubes[0] as DatasetCube, text);
      return (_d, i) => rank[i] as number;
    }
    // Several datasets: one rank over their union so names from two sources interleave.
    const key = `${cubes.map((c) => c.key).join('+')}:${text}`;
    let union = rankCache.get(key);
    if (!union) {
      const batches = cubes.map((c) => c.dataset.familyBatch.id);
      const rows = all<{ id: number; batch_id: number }>(
        db,
        sql`SELECT id, batch_id FROM family WHERE batch_id IN (${join(batches.map((b) => sql`${b}`))})
            ORDER BY ${ident(text)} IS NULL, ${ident(text)} COLLATE NOCASE, batch_id, id`,
      );
      const offsets: number[] = [];
      let total = 0;
      for (const c of cubes) {
        offsets.push(total);
        total += c.n;
      }
      union = new Int32Array(total);
      rows.forEach((r, p) => {
        const d = batches.indexOf(r.batch_id);
        const i = (cubes[d] as DatasetCube).indexOfId(r.id);
        if (i >= 0) (union as Int32Array)[(offsets[d] as number) + i] = p + 1;
      });
      rankCache.set(key, union);
    }
    const offsets: number[] = [];
    let total = 0;
    for (const c of cubes) {
      offsets.push(total);
      total += c.n;
    }
    const u = union;
    return (d, i) => u[(offsets[d] as number) + i] as number;
  }
  const level = REGION_LEVEL[column];
  if (level) {
    const rank = regionNameRank(plan, level);
    const regions = cubes.map((c) => c.region());
    return (d, i) => rank[((regions[d] as Int16Array)[i] as number) + 1] as number;
  }
  if (column === 'sumber') return (d) => d;
  if (column === 'jumlah_anggota') {
    const persons = cubes.map((c) => c.persons());
    return (d, i) => (persons[d] as Uint16Array)[i] as number;
  }
  if (column === 'umur_kepala') {
    // Older heads have smaller birth dates: sort by −birth so ascending means youngest first.
    const births = cubes.map((c) => c.headBirth());
    return (d, i) => {
      const b = (births[d] as Int32Array)[i] as number;
      return b === 0 ? 2 ** 29 : 99_999_999 - b;
    };
  }
  const attr = CODE_COLUMN[column];
  if (attr) {
    const codes = cubes.map((c) => c.familyCodes(attr));
    return (d, i) => {
      const v = (codes[d] as Int8Array)[i] as number;
      return v === MISSING_CODE ? 1000 : v;
    };
  }
  return () => 0;
}

function sortList(db: Database, plan: Plan, list: Float64Array, sort: DrillSort | undefined): Float64Array {
  if (!sort || list.length === 0) return list;
  const key = sortKey(db, plan, sort.column);
  const n = list.length;
  const composite = new Float64Array(n);
  let max = 0;
  const keys = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const packed = list[p] as number;
    const d = Math.floor(packed / 2 ** 32);
    const k = key(d, packed - d * 2 ** 32);
    keys[p] = k;
    if (k > max) max = k;
  }
  for (let p = 0; p < n; p++) {
    const k = sort.dir === 'desc' ? max - (keys[p] as number) : (keys[p] as number);
    composite[p] = k * POS_BITS + p; // ties keep family order: deterministic
  }
  composite.sort();
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) out[p] = list[(composite[p] as number) % POS_BITS] as number;
  return out;
}

// ── column filters ────────────────────────────────────────────────────────────────────────────

function likePattern(f: Extract<DrillColumnFilter, { text: string }>): string {
  const esc = f.text.replace(/[\\%_]/g, (m) => `\\${m}`);
  if (f.type === 'equals') return esc;
  if (f.type === 'startsWith') return `${esc}%`;
  return `%${esc}%`;
}

function textMatches(value: string, f: Extract<DrillColumnFilter, { text: string }>): boolean {
  const v = value.toLocaleLowerCase('id');
  const t = f.text.toLocaleLowerCase('id');
  if (f.type === 'equals') return v === t;
  if (f.type === 'startsWith') return v.startsWith(t);
  if (f.type === 'notContains') return !v.includes(t);
  return v.includes(t);
}

function numberMatches(n: number, f: Extract<DrillColumnFilter, { number: number }>): boolean {
  switch (f.type) {
    case 'eq': return n === f.number;
    case 'ne': return n !== f.number;
    case 'lt': return n < f.number;
    case 'le': return n <= f.number;
    case 'gt': return n > f.number;
    case 'ge': return n >= f.number;
    case 'between': return n >= f.number && n <= f.to;
  }
}

/** A predicate per dataset for one grid filter, over family indexes. */
function filterPredicate(db: Database, plan: Plan, f: DrillColumnFilter, lang: Language): ((d: number, i: number) => boolean) {
  const cubes = plan.perDataset.map((p) => p.cube);
  const text = TEXT_COLUMN[f.column];
  if (text && 'text' in f) {
    const marks = cubes.map((c) => {
      const batch = c.dataset.familyBatch.id;
      const pattern = likePattern(f);
      const where = f.type === 'notContains'
        ? sql`(${ident(text)} IS NULL OR ${ident(text)} NOT LIKE ${pattern} ESCAPE '\\')`
        : sql`${ident(text)} LIKE ${pattern} ESCAPE '\\'`;
      const ids = pluck<number>(db, sql`SELECT id FROM family WHERE batch_id = ${batch} AND ${where}`);
      const m = new Uint8Array(c.n);
      for (const id of ids) {
        const i = c.indexOfId(id);
        if (i >= 0) m[i] = 1;
      }
      return m;
    });
    return (d, i) => (marks[d] as Uint8Array)[i] === 1;
  }
  const level = REGION_LEVEL[f.column];
  if (level && 'text' in f) {
    const dict = plan.dict;
    const anc = dict.ancestor[level] as Int32Array;
    const ok = new Uint8Array(dict.size + 1);
    for (let i = 0; i < dict.size; i++) if ((anc[i] as number) >= 0 && textMatches(dict.name(anc[i] as number), f)) ok[i + 1] = 1;
    const regions = cubes.map((c) => c.region());
    return (d, i) => ok[((regions[d] as Int16Array)[i] as number) + 1] === 1;
  }
  if (f.column === 'sumber' && 'text' in f) {
    const ok = plan.datasets.map((ds) => textMatches(SOURCE_LABEL[ds.source], f));
    return (d) => ok[d] === true;
  }
  const attr = CODE_COLUMN[f.column];
  if (attr && 'text' in f) {
    const meta = attributeMeta(attr);
    const ok = new Uint8Array(129);
    for (let code = -1; code < 128; code++) if (meta && textMatches(valueLabel(meta, code, lang), f)) ok[code + 1] = 1;
    const codes = cubes.map((c) => c.familyCodes(attr));
    return (d, i) => ok[((codes[d] as Int8Array)[i] as number) + 1] === 1;
  }
  if ('number' in f) {
    if (f.column === 'jumlah_anggota') {
      const persons = cubes.map((c) => c.persons());
      return (d, i) => numberMatches((persons[d] as Uint16Array)[i] as number, f);
    }
    if (f.column === 'umur_kepala') {
      const births = cubes.map((c) => c.headBirth());
      const ref = Number(plan.ageDate.replace(/-/g, ''));
      return (d, i) => {
        const b = (births[d] as Int32Array)[i] as number;
        return b !== 0 && numberMatches(Math.floor((ref - b) / 10000), f);
      };
    }
    if (attr) {
      const codes = cubes.map((c) => c.familyCodes(attr));
      return (d, i) => {
        const v = (codes[d] as Int8Array)[i] as number;
        return v !== MISSING_CODE && numberMatches(v, f);
      };
    }
  }
  return () => true;
}

function applyFilters(db: Database, plan: Plan, list: Float64Array, filters: readonly DrillColumnFilter[], lang: Language): Float64Array {
  if (filters.length === 0) return list;
  const preds = filters.map((f) => filterPredicate(db, plan, f, lang));
  const out: number[] = [];
  for (let p = 0; p < list.length; p++) {
    const packed = list[p] as number;
    const d = Math.floor(packed / 2 ** 32);
    const i = packed - d * 2 ** 32;
    if (preds.every((pr) => pr(d, i))) out.push(packed);
  }
  return Float64Array.from(out);
}

// ── arguments ─────────────────────────────────────────────────────────────────────────────────

function checkFilters(db: Database, raw: unknown): DrillColumnFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > 20) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.drill', problem: 'filters' });
  return raw.map((x: unknown) => {
    const f = x as Record<string, unknown>;
    const ok =
      typeof f === 'object' && f !== null && (DRILL_COLUMNS as readonly string[]).includes(f['column'] as string) &&
      ((typeof f['text'] === 'string' && (f['text']).length <= 200 && ['contains', 'equals', 'startsWith', 'notContains'].includes(f['type'] as string)) ||
        (typeof f['number'] === 'number' && ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between'].includes(f['type'] as string) &&
          (f['type'] !== 'between' || typeof f['to'] === 'number')));
    if (!ok) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.drill', problem: 'filters' });
    return f as unknown as DrillColumnFilter;
  });
}

function checkSort(db: Database, raw: unknown): DrillSort | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.drill', problem: 'sort' });
  const first = raw[0] as Record<string, unknown> | undefined;
  if (!first) return undefined;
  if (!(DRILL_COLUMNS as readonly string[]).includes(first['column'] as string) || (first['dir'] !== 'asc' && first['dir'] !== 'desc')) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.drill', problem: 'sort' });
  }
  return { column: first['column'] as DrillColumn, dir: first['dir'] };
}

/** The sorted, filtered families of a cell (cached for the next pages). */
export function resolveDrill(db: Database, dbPath: string, spec: CrosstabSpec, row: string | null, col: string | null,
  sort: DrillSort | undefined, filters: readonly DrillColumnFilter[]): Resolved {
  const plan = planCrosstab(db, dbPath, spec);
  // The cubes' keys name the batches (id and creation time), so a re-imported batch never hits a stale list.
  const key = JSON.stringify([dbPath, plan.perDataset.map((p) => p.cube.key), spec, row, col, sort ?? null, filters]);
  const hit = cache.get(key);
  if (hit) {
    remember(key, hit);
    return hit;
  }
  const rowSlot = slotIndex(plan, 'rows', row, db);
  const colSlot = slotIndex(plan, 'cols', col, db);
  let list = collectFamilies(plan, rowSlot, colSlot);
  list = applyFilters(db, plan, list, filters, currentLanguage(db));
  list = sortList(db, plan, list, sort);
  const resolved = { plan, list };
  remember(key, resolved);
  return resolved;
}

interface FamilyRow {
  id: number;
  source_id: string | null;
  kk: string | null;
  head_nik: string | null;
  head_name: string | null;
  address: string | null;
  region_code: string | null;
  desil: number | null;
  head_sex: number | null;
  head_birth: string | null;
  floor: number | null;
  water: number | null;
  toilet: number | null;
  stunting_risk: number | null;
}

function label(attr: string, code: number | null, lang: Language): string | null {
  if (code === null) return null;
  const meta = attributeMeta(attr);
  return meta ? valueLabel(meta, code, lang) : String(code);
}

/** Rows of the list from `start` to `end` (exclusive), as the grid shows them. */
export function pageRows(db: Database, resolved: Resolved, start: number, end: number, lang: Language): DrillRow[] {
  const { plan, list } = resolved;
  const slice = list.subarray(start, Math.min(end, start + PAGE_MAX, list.length));
  const byDataset = new Map<number, number[]>();
  for (const packed of slice) {
    const d = Math.floor(packed / 2 ** 32);
    const i = packed - d * 2 ** 32;
    const cube = (plan.perDataset[d] as Plan['perDataset'][number]).cube;
    let ids = byDataset.get(d);
    if (!ids) byDataset.set(d, (ids = []));
    ids.push(cube.ids[i] as number);
  }
  const found = new Map<string, FamilyRow>();
  for (const [d, ids] of byDataset) {
    const rows = all<FamilyRow>(
      db,
      sql`SELECT id, source_id, kk, head_nik, head_name, address, region_code, desil, head_sex, head_birth, floor, water, toilet, stunting_risk
          FROM family WHERE id IN (${join(ids.map((id) => sql`${id}`))})`,
    );
    for (const r of rows) found.set(`${d}:${r.id}`, r);
  }
  const ref = Number(plan.ageDate.replace(/-/g, ''));
  const dict = plan.dict;
  const out: DrillRow[] = [];
  for (const packed of slice) {
    const d = Math.floor(packed / 2 ** 32);
    const i = packed - d * 2 ** 32;
    const cube = (plan.perDataset[d] as Plan['perDataset'][number]).cube;
    const r = found.get(`${d}:${cube.ids[i] as number}`);
    if (!r) continue;
    const ri = cube.region()[i] as number;
    const at = (level: number): string | null => {
      if (ri < 0) return null;
      const a = (dict.ancestor[level] as Int32Array)[ri] as number;
      return a >= 0 ? dict.name(a) : null;
    };
    const birth = cube.headBirth()[i] as number;
    out.push({
      familyId: r.id,
      sumber: SOURCE_LABEL[cube.source],
      kabupaten: at(2),
      kecamatan: at(3),
      desa: at(4),
      regionCode: r.region_code,
      id_keluarga: r.source_id,
      no_kk: r.kk ? maskNik(r.kk) : null,
      nik_kepala: r.head_nik ? maskNik(r.head_nik) : null,
      nama_kepala: r.head_name,
      alamat: r.address,
      desil: r.desil,
      jumlah_anggota: (cube.persons()[i] as number) || null,
      jk_kepala: label('jk_kepala', r.head_sex, lang),
      umur_kepala: birth > 0 && birth <= ref ? Math.floor((ref - birth) / 10000) : null,
      lantai: label('lantai', r.floor, lang),
      air_minum: label('air_minum', r.water, lang),
      jamban: label('jamban', r.toilet, lang),
      stunting: label('stunting', r.stunting_risk, lang),
    });
  }
  return out;
}

/** `analysis.drill`: the count and one page of the families behind a cell. */
export function drill(db: Database, dbPath: string, args: DrillArgs): DrillPage {
  const started = performance.now();
  const spec = normalizeSpec(db, 'analysis.drill', args.spec);
  const row = typeof args.row === 'string' ? args.row : null;
  const col = typeof args.col === 'string' ? args.col : null;
  const start = Number.isInteger(args.startRow) && args.startRow >= 0 ? args.startRow : 0;
  const end = Number.isInteger(args.endRow) && args.endRow > start ? args.endRow : start + 100;
  const resolved = resolveDrill(db, dbPath, spec, row, col, checkSort(db, args.sort), checkFilters(db, args.filters));
  const rows = pageRows(db, resolved, start, end, currentLanguage(db));
  return { count: resolved.list.length, rows, ms: Math.round((performance.now() - started) * 100) / 100 };
}
