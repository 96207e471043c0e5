import type { Database } from 'better-sqlite3';
import {
  ATTRIBUTES, attributeMeta, DATASET_ATTRIBUTE, HEAD_AGE_BANDS, LINK_TARGETS, MISSING_CODE, PERSON_AGE_BANDS, type AttributeMeta,
} from '../../../shared/analysis/attributes.ts';
import type { AnalysisSource, AttributeFilter, CrosstabSpec, RowDimension } from '../../../shared/contracts/analysis.ts';
import { fail } from '../context.ts';
import { linkStatusCodes } from '../linkage/status.ts';
import { readSettings } from '../system/settings.ts';
import { cubeFor, FAMILY_COLUMN, PERSON_COLUMN, type DatasetCube } from './cube.ts';
import { defaultSources, resolveDatasets, type Dataset } from './datasets.ts';
import { regionDict, type RegionDict } from './region-dict.ts';
import { PACK, type Codes, type FamilyScanJob, type PersonScanJob } from './scan-kernel.ts';
import { runSplitScan } from './scan-pool.ts';

/**
 * The cross-tab engine: a spec becomes, per dataset, a handful of code columns with look-up
 * tables (code → row slot, code → column slot, code → passes filter) and one pass over the
 * typed arrays counts families and people per cell. The same plan collects the families behind
 * a cell for the drill-down. Nothing here knows about the UI.
 */

/** A code column and the slot (or pass flag) of each code; `lut[code + 1]`. */
export interface Lookup {
  /** null: the same code for every family of the dataset (`constant`). */
  readonly codes: Int8Array | Int16Array | null;
  readonly constant: number;
  readonly perPerson: boolean;
  readonly lut: Int32Array;
}

export interface DatasetPlan {
  readonly cube: DatasetCube;
  readonly index: number;
  readonly row: Lookup;
  readonly col: Lookup;
  readonly filters: readonly Lookup[];
  readonly personLevel: boolean;
  /** Family positions [start, end) that can pass the region scope (all when unordered). */
  readonly range: readonly [number, number];
}

export interface AxisSlot {
  readonly key: string;
  /** Attribute code, region dictionary index, or dataset index; MISSING_CODE for "no data". */
  readonly code: number;
}

export interface Plan {
  readonly spec: CrosstabSpec;
  readonly dict: RegionDict;
  readonly scope: [number, number];
  readonly scopeCode: string;
  readonly datasets: readonly Dataset[];
  readonly perDataset: readonly DatasetPlan[];
  readonly rows: readonly AxisSlot[];
  readonly cols: readonly AxisSlot[];
  readonly personLevel: boolean;
  readonly ageDate: string;
}

const MAX_FILTERS = 20;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function bad(db: Database, method: string, problem: string): never {
  fail(db, 'invalid_input', 'error.invalidArgs', { method, problem });
}

function knownAttribute(db: Database, method: string, key: unknown, what: string): AttributeMeta | 'dataset' {
  if (key === DATASET_ATTRIBUTE) return 'dataset';
  if (typeof key !== 'string') bad(db, method, what);
  const meta = attributeMeta(key);
  if (!meta) fail(db, 'invalid_input', 'error.unknownAttribute', { attribute: key });
  return meta;
}

/** Check a spec from the boundary and fill in its defaults. */
export function normalizeSpec(db: Database, method: string, raw: unknown): CrosstabSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(db, method, 'spec');
  const s = raw as Record<string, unknown>;
  const rowsRaw = s['rows'] as Record<string, unknown> | undefined;
  let rows: RowDimension;
  if (rowsRaw && rowsRaw['kind'] === 'region') {
    const level = rowsRaw['level'];
    if (level !== 1 && level !== 2 && level !== 3 && level !== 4) bad(db, method, 'rows.level');
    rows = { kind: 'region', level };
  } else if (rowsRaw && rowsRaw['kind'] === 'attribute') {
    knownAttribute(db, method, rowsRaw['key'], 'rows.key');
    rows = { kind: 'attribute', key: rowsRaw['key'] as string };
  } else bad(db, method, 'rows');
  const cols = s['cols'] ?? null;
  if (cols !== null) knownAttribute(db, method, cols, 'cols');
  const filters: AttributeFilter[] = [];
  const fr = s['filters'] ?? [];
  if (!Array.isArray(fr) || fr.length > MAX_FILTERS) bad(db, method, 'filters');
  for (const f of fr as unknown[]) {
    if (typeof f !== 'object' || f === null) bad(db, method, 'filters');
    const o = f as Record<string, unknown>;
    const attr = knownAttribute(db, method, o['attribute'], 'filters.attribute');
    const values = o['values'];
    if (values !== undefined && (!Array.isArray(values) || values.length > 1000 || !values.every((v) => Number.isInteger(v) && v >= -1 && v <= 32767))) {
      bad(db, method, 'filters.values');
    }
    const min = o['min'];
    const max = o['max'];
    if (min !== undefined && !Number.isInteger(min)) bad(db, method, 'filters.min');
    if (max !== undefined && !Number.isInteger(max)) bad(db, method, 'filters.max');
    if (values === undefined && min === undefined && max === undefined) bad(db, method, 'filters');
    filters.push({
      attribute: attr === 'dataset' ? DATASET_ATTRIBUTE : attr.key,
      ...(values !== undefined ? { values: values as number[] } : {}),
      ...(min !== undefined ? { min: min as number } : {}),
      ...(max !== undefined ? { max: max as number } : {}),
      ...(o['exclude'] === true ? { exclude: true } : {}),
    });
  }
  const sourcesRaw = s['sources'];
  let sources: AnalysisSource[];
  if (sourcesRaw === undefined || sourcesRaw === null) sources = defaultSources(db);
  else {
    if (!Array.isArray(sourcesRaw) || sourcesRaw.length === 0 || sourcesRaw.length > 3) bad(db, method, 'sources');
    for (const x of sourcesRaw) if (x !== 'p3ke' && x !== 'dtsen' && x !== 'dtks') bad(db, method, 'sources');
    sources = [...new Set(sourcesRaw as AnalysisSource[])];
  }
  const batches = s['batches'] ?? [];
  if (!Array.isArray(batches) || batches.length > 20 || !batches.every((b) => Number.isInteger(b) && b > 0)) bad(db, method, 'batches');
  const region = s['region'];
  if (region !== undefined && region !== null && (typeof region !== 'string' || region.length > 20)) bad(db, method, 'region');
  const ageDate = s['ageDate'];
  if (ageDate !== undefined && ageDate !== null && (typeof ageDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(ageDate))) bad(db, method, 'ageDate');
  const measure = s['measure'] === 'persons' ? 'persons' : 'families';
  return {
    rows,
    cols: cols as string | null,
    filters,
    sources,
    batches: batches as number[],
    ...(typeof region === 'string' && region !== '' ? { region } : {}),
    ageDate: typeof ageDate === 'string' ? ageDate : today(),
    measure,
  };
}

function lutFor(size: number): Int32Array {
  return new Int32Array(size + 1).fill(-1);
}

interface CodeColumn {
  readonly codes: Int8Array | Int16Array | null;
  readonly constant: number;
  readonly perPerson: boolean;
}

export function attributeColumn(cube: DatasetCube, datasetIndex: number, key: string, ageDate: string): CodeColumn {
  if (key === DATASET_ATTRIBUTE) return { codes: null, constant: datasetIndex, perPerson: false };
  if (FAMILY_COLUMN[key]) return { codes: cube.familyCodes(key), constant: 0, perPerson: false };
  if (key === 'umur_kepala') return { codes: cube.ageBands('headAge', cube.headBirth(), HEAD_AGE_BANDS, ageDate), constant: 0, perPerson: false };
  if (key === 'ukuran_keluarga') return { codes: cube.sizeBand(), constant: 0, perPerson: false };
  if (PERSON_COLUMN[key]) return { codes: cube.personCodes(key), constant: 0, perPerson: true };
  if (key === 'umur') return { codes: cube.ageBands('p.age', cube.personBirth(), PERSON_AGE_BANDS, ageDate), constant: 0, perPerson: true };
  const target = LINK_TARGETS.find((t) => key === `padan_${t.source}`);
  if (target) return { codes: linkStatusCodes(cube, target.source), constant: 0, perPerson: false };
  throw new Error(`attribute without a loader: ${key}`);
}

function isPersonAttribute(key: string | null): boolean {
  return key !== null && key !== DATASET_ATTRIBUTE && attributeMeta(key)?.level === 'person';
}

/** Codes of an attribute as axis slots: its values in order, then "no data". */
function attributeSlots(key: string, datasets: readonly Dataset[]): AxisSlot[] {
  if (key === DATASET_ATTRIBUTE) return datasets.map((d, i) => ({ key: d.source, code: i }));
  const meta = attributeMeta(key) as AttributeMeta;
  return [...meta.values.map((v) => ({ key: String(v.code), code: v.code })), { key: '', code: MISSING_CODE }];
}

export function filterLut(f: AttributeFilter, size: number, offset: number): Int32Array {
  const lut = new Int32Array(size + 1);
  for (let idx = 0; idx <= size; idx++) {
    const code = idx - offset;
    let match = true;
    if (f.values) match = f.values.includes(code);
    if (match && f.min !== undefined) match = code !== MISSING_CODE && code >= f.min;
    if (match && f.max !== undefined) match = code !== MISSING_CODE && code <= f.max;
    lut[idx] = (f.exclude ? !match : match) ? 1 : 0;
  }
  return lut;
}

export const CODE_SPACE = 129; // Int8 codes −1…127, stored at code + 1

/** Turn a checked spec into per-dataset look-ups over the cubes. */
export function planCrosstab(db: Database, dbPath: string, spec: CrosstabSpec): Plan {
  const province = readSettings(db).workingProvince;
  if (!province) fail(db, 'not_ready', 'error.provinceNotChosen');
  const dict = regionDict(db, province);
  const scopeCode = spec.region ?? province;
  const scope = dict.subtree(scopeCode);
  if (!scope) fail(db, 'invalid_input', 'error.unknownRegion', { code: scopeCode });
  const wholeProvince = scope[0] === 0 && scopeCode === province;
  const datasets = resolveDatasets(db, spec.sources ?? defaultSources(db), spec.batches ?? []);
  if (datasets.length === 0) fail(db, 'not_ready', 'error.noAnalysisData');
  const ageDate = spec.ageDate ?? today();
  const personLevel =
    (spec.rows.kind === 'attribute' && isPersonAttribute(spec.rows.key)) ||
    isPersonAttribute(spec.cols) ||
    (spec.filters ?? []).some((f) => isPersonAttribute(f.attribute));

  // Row slots.
  let rows: AxisSlot[];
  let regionRowLevel = 0;
  if (spec.rows.kind === 'region') {
    regionRowLevel = spec.rows.level;
    const scopeLevel = dict.levels[scope[0]] as number;
    const level = Math.max(regionRowLevel, scopeLevel);
    regionRowLevel = level;
    rows = dict.atLevel(level, scope).map((i) => ({ key: dict.code(i), code: i }));
    if (wholeProvince) rows.push({ key: '', code: MISSING_CODE });
  } else rows = attributeSlots(spec.rows.key, datasets);
  const cols: AxisSlot[] = spec.cols === null ? [{ key: '*', code: 0 }] : attributeSlots(spec.cols, datasets);

  const perDataset: DatasetPlan[] = datasets.map((dataset, index) => {
    const cube = cubeFor(db, dbPath, dataset, dict);
    cube.prefetchFamilyCodes([spec.rows.kind === 'attribute' ? spec.rows.key : '', spec.cols ?? '', ...(spec.filters ?? []).map((f) => f.attribute)]);
    const region = cube.region();
    const regionLookup = (): Lookup => {
      const lut = lutFor(dict.size);
      if (regionRowLevel > 0) {
        const anc = dict.ancestor[regionRowLevel] as Int32Array;
        const slotOf = new Map(rows.map((r, s) => [r.code, s]));
        for (let i = scope[0]; i <= scope[1]; i++) {
          const a = anc[i] as number;
          const slot = a >= 0 ? slotOf.get(a) : undefined;
          lut[i + 1] = slot ?? (wholeProvince ? rows.length - 1 : -1);
        }
        if (wholeProvince) lut[0] = rows.length - 1;
      }
      return { codes: region, constant: 0, perPerson: false, lut };
    };
    const axisLookup = (key: string, slots: readonly AxisSlot[]): Lookup => {
      const c = attributeColumn(cube, index, key, ageDate);
      if (c.codes === null) {
        // Dataset dimension: one slot per dataset, looked up at the dataset's own index.
        const lut = lutFor(slots.length);
        slots.forEach((s, i) => {
          lut[s.code + 1] = i;
        });
        return { ...c, lut };
      }
      const lut = lutFor(CODE_SPACE);
      const missingSlot = slots.findIndex((s) => s.code === MISSING_CODE);
      for (let idx = 0; idx <= CODE_SPACE; idx++) lut[idx] = missingSlot; // unknown codes count as no data
      slots.forEach((s, i) => {
        if (s.code !== MISSING_CODE) lut[s.code + 1] = i;
      });
      return { ...c, lut };
    };
    const row = spec.rows.kind === 'region' ? regionLookup() : axisLookup(spec.rows.key, rows);
    const col: Lookup = spec.cols === null ? { codes: null, constant: 0, perPerson: false, lut: Int32Array.of(-1, 0) } : axisLookup(spec.cols, cols);
    const filters: Lookup[] = [];
    const range: [number, number] = wholeProvince ? [0, cube.n] : cube.regionRange(scope[0], scope[1]);
    if (!wholeProvince && spec.rows.kind !== 'region' && !cube.regionSorted()) {
      // The scope as a filter; region rows already drop what lies outside it, and a cube ordered
      // by region is scanned only over the scope's run of families.
      const lut = new Int32Array(dict.size + 1);
      for (let i = scope[0]; i <= scope[1]; i++) lut[i + 1] = 1;
      filters.push({ codes: region, constant: 0, perPerson: false, lut });
    }
    for (const f of spec.filters ?? []) {
      const c = attributeColumn(cube, index, f.attribute, ageDate);
      if (c.codes === null) filters.push({ codes: null, constant: index, perPerson: false, lut: filterLut(f, index + 1, 1) });
      else filters.push({ ...c, lut: filterLut(f, CODE_SPACE, 1) });
    }
    return { cube, index, row, col, filters, personLevel, range };
  });
  return { spec, dict, scope, scopeCode, datasets, perDataset, rows, cols, personLevel, ageDate };
}

function slotOf(l: Lookup, i: number): number {
  return l.codes === null ? (l.lut[l.constant + 1] as number) : (l.lut[(l.codes[i] as number) + 1] as number);
}

/** A lookup's codes; a constant one reads a shared column of zeros whose code 0 maps to its slot. */
function codesAndLut(l: Lookup, cube: DatasetCube, n: number): [Codes, Int32Array] {
  if (l.codes !== null) return [l.codes, l.lut];
  const lut = new Int32Array(2).fill(-1);
  lut[1] = l.lut[l.constant + 1] ?? -1;
  return [cube.zeros(n), lut];
}

/** Families and people per cell of one dataset (family level; see scan-kernel.ts). */
function countFamilies(p: DatasetPlan, R: number, C: number, fam: Float64Array, per: Float64Array): void {
  const n = p.cube.n;
  const [from, to] = p.range;
  const live: Lookup[] = [];
  for (const f of p.filters) {
    if (f.codes === null) {
      if (f.lut[f.constant + 1] === 0) return; // the whole dataset is filtered out
    } else live.push(f);
  }
  const C1 = C + 1;
  const [rc, rl] = codesAndLut(p.row, p.cube, n);
  const [cc, cl] = codesAndLut(p.col, p.cube, n);
  const job: FamilyScanJob = {
    kind: 'family',
    from,
    to,
    rc,
    rowOff: Int32Array.from(rl, (s) => (s < 0 ? R : s) * C1),
    cc,
    colOff: Int32Array.from(cl, (s) => (s < 0 ? C : s)),
    fc: live.map((f) => f.codes as Codes),
    fl: live.map((f) => f.lut),
    persons: p.cube.persons(),
    trash: R * C1 + C,
    acc: new Float64Array((R + 1) * C1),
  };
  runSplitScan(job);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const k = r * C + c;
      const v = job.acc[r * C1 + c] as number;
      const families = Math.floor(v / PACK);
      fam[k] = (fam[k] as number) + families;
      per[k] = (per[k] as number) + (v - families * PACK);
    }
  }
}

/**
 * Members grouped by family: `order` lists member positions family by family and `start[i]`…
 * `start[i + 1]` are family i's members in it (a counting sort; source files usually list a
 * family's members together, so `order` is mostly the identity and reads stay sequential).
 */
export function personOrder(cube: DatasetCube): { order: Int32Array; start: Int32Array } {
  const start = cube.column('p.start', Int32Array, () => {
    const pf = cube.personFamily();
    const counts = new Int32Array(cube.n + 1);
    for (let j = 0; j < pf.length; j++) {
      const f = pf[j] as number;
      if (f >= 0) counts[f] = (counts[f] as number) + 1;
    }
    const out = new Int32Array(cube.n + 1);
    for (let i = 0; i < cube.n; i++) out[i + 1] = (out[i] as number) + (counts[i] as number);
    return out;
  });
  const order = cube.column('p.order', Int32Array, () => {
    const pf = cube.personFamily();
    const next = start.slice(0, cube.n);
    const out = new Int32Array(start[cube.n] as number);
    for (let j = 0; j < pf.length; j++) {
      const f = pf[j] as number;
      if (f < 0) continue;
      out[next[f] as number] = j;
      next[f] = (next[f] as number) + 1;
    }
    return out;
  });
  return { order, start };
}

const identityCache = new WeakMap<Int32Array, boolean>();

/** The members already come family by family (so `order[t] === t` and can be skipped). */
function orderIsIdentity(cube: DatasetCube, order: Int32Array): boolean {
  let v = identityCache.get(order);
  if (v === undefined) {
    v = order.length === cube.personFamily().length;
    for (let t = 0; t < order.length && v; t++) if (order[t] !== t) v = false;
    identityCache.set(order, v);
  }
  return v;
}

interface PersonVisit {
  (fi: number, r: number, c: number): void;
}

/** Visit every member that passes, with its family and cell (members grouped by family). */
function visitPersons(p: DatasetPlan, visit: PersonVisit): void {
  const cube = p.cube;
  if (!cube.hasPersons) return;
  if (p.filters.some((f) => f.codes === null && f.lut[f.constant + 1] === 0)) return;
  const { order, start } = personOrder(cube);
  const live = p.filters.filter((f) => f.codes !== null);
  const pick = (l: Lookup, j: number, fi: number): number =>
    l.codes === null ? (l.lut[l.constant + 1] as number) : (l.lut[(l.codes[l.perPerson ? j : fi] as number) + 1] as number);
  const [from, to] = p.range;
  for (let fi = from; fi < to; fi++) {
    members: for (let t = start[fi] as number; t < (start[fi + 1] as number); t++) {
      const j = order[t] as number;
      for (const l of live) if (l.lut[((l.codes as Codes)[l.perPerson ? j : fi] as number) + 1] === 0) continue members;
      const r = pick(p.row, j, fi);
      if (r < 0) continue;
      const c = pick(p.col, j, fi);
      if (c < 0) continue;
      visit(fi, r, c);
    }
  }
}

/**
 * Member level: people per cell, and each family once in every cell, row, column and total one
 * of its members reaches (see scan-kernel.ts). Family-level filters are decided once per family, in the scan.
 */
function countPersons(
  p: DatasetPlan, R: number, C: number, fam: Float64Array, per: Float64Array,
  rowFam: Float64Array, rowPer: Float64Array, colFam: Float64Array, colPer: Float64Array,
): { families: number; persons: number } {
  const cube = p.cube;
  if (!cube.hasPersons) return { families: 0, persons: 0 };
  if (p.filters.some((f) => f.codes === null && f.lut[f.constant + 1] === 0)) return { families: 0, persons: 0 };
  const famFilters: Lookup[] = [];
  const personFilters: Lookup[] = [];
  for (const f of p.filters) if (f.codes !== null) (f.perPerson ? personFilters : famFilters).push(f);
  const { order, start } = personOrder(cube);
  const width = Math.max(cube.n, cube.personFamily().length);
  const [rc, rl] = codesAndLut(p.row, cube, width);
  const [cc, cl] = codesAndLut(p.col, cube, width);
  const job: PersonScanJob = {
    kind: 'person',
    from: p.range[0],
    to: p.range[1],
    start,
    order,
    identity: orderIsIdentity(cube, order),
    rc,
    rl,
    cc,
    cl,
    rowByPerson: p.row.perPerson,
    colByPerson: p.col.perPerson,
    fc: famFilters.map((f) => f.codes as Codes),
    fl: famFilters.map((f) => f.lut),
    pc: personFilters.map((f) => f.codes as Codes),
    plu: personFilters.map((f) => f.lut),
    R,
    C,
    per: new Int32Array(R * C),
    fam: new Int32Array(R * C),
    rowFam: new Int32Array(R),
    colFam: new Int32Array(C),
    out: new Int32Array(1),
  };
  runSplitScan(job);
  let persons = 0;
  for (let r = 0; r < R; r++) {
    rowFam[r] = (rowFam[r] as number) + (job.rowFam[r] as number);
    for (let c = 0; c < C; c++) {
      const k = r * C + c;
      const v = job.per[k] as number;
      per[k] = (per[k] as number) + v;
      fam[k] = (fam[k] as number) + (job.fam[k] as number);
      rowPer[r] = (rowPer[r] as number) + v;
      colPer[c] = (colPer[c] as number) + v;
      persons += v;
    }
  }
  for (let c = 0; c < C; c++) colFam[c] = (colFam[c] as number) + (job.colFam[c] as number);
  return { families: job.out[0] as number, persons };
}

export interface Counts {
  readonly fam: Float64Array;
  readonly per: Float64Array;
  readonly rowFam: Float64Array;
  readonly rowPer: Float64Array;
  readonly colFam: Float64Array;
  readonly colPer: Float64Array;
  total: { families: number; persons: number };
}

/** Run a plan: families and people per cell, per row, per column and overall. */
export function runPlan(plan: Plan): Counts {
  const R = plan.rows.length;
  const C = plan.cols.length;
  const fam = new Float64Array(R * C);
  const per = new Float64Array(R * C);
  const rowFam = new Float64Array(R);
  const rowPer = new Float64Array(R);
  const colFam = new Float64Array(C);
  const colPer = new Float64Array(C);
  let totalFam = 0;
  let totalPer = 0;
  for (const p of plan.perDataset) {
    if (!plan.personLevel) {
      countFamilies(p, R, C, fam, per);
      continue;
    }
    const t = countPersons(p, R, C, fam, per, rowFam, rowPer, colFam, colPer);
    totalFam += t.families;
    totalPer += t.persons;
  }
  if (!plan.personLevel) {
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const k = r * C + c;
        rowFam[r] = (rowFam[r] as number) + (fam[k] as number);
        rowPer[r] = (rowPer[r] as number) + (per[k] as number);
        colFam[c] = (colFam[c] as number) + (fam[k] as number);
        colPer[c] = (colPer[c] as number) + (per[k] as number);
      }
    }
    for (let r = 0; r < R; r++) {
      totalFam += rowFam[r] as number;
      totalPer += rowPer[r] as number;
    }
  }
  return { fam, per, rowFam, rowPer, colFam, colPer, total: { families: totalFam, persons: totalPer } };
}

/**
 * The families behind a cell (row/col slot, -1 = any), per dataset, in family order. Returns a
 * list of (dataset index, family index) pairs packed as dataset * 2^32 + index.
 */
export function collectFamilies(plan: Plan, rowSlot: number, colSlot: number): Float64Array {
  const out: number[] = [];
  for (const p of plan.perDataset) {
    const base = p.index * 2 ** 32;
    if (!plan.personLevel) {
      const [from, to] = p.range;
      const live = p.filters.filter((f) => f.codes !== null);
      if (p.filters.some((f) => f.codes === null && f.lut[f.constant + 1] === 0)) continue;
      outer: for (let i = from; i < to; i++) {
        for (let f = 0; f < live.length; f++) {
          const l = live[f] as Lookup;
          if (l.lut[((l.codes as Int8Array)[i] as number) + 1] === 0) continue outer;
        }
        const r = slotOf(p.row, i);
        if (r < 0 || (rowSlot >= 0 && r !== rowSlot)) continue;
        const c = slotOf(p.col, i);
        if (c < 0 || (colSlot >= 0 && c !== colSlot)) continue;
        out.push(base + i);
      }
      continue;
    }
    const seen = new Uint8Array(p.cube.n);
    visitPersons(p, (fi, r, c) => {
      if ((rowSlot >= 0 && r !== rowSlot) || (colSlot >= 0 && c !== colSlot) || seen[fi]) return;
      seen[fi] = 1;
      out.push(base + fi);
    });
  }
  const arr = Float64Array.from(out);
  if (plan.personLevel) arr.sort();
  return arr;
}

export { ATTRIBUTES };
