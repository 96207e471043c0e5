import type { Database } from 'better-sqlite3';
import { attributeMeta, MISSING_CODE } from '../../../shared/analysis/attributes.ts';
import type { AnalysisSource, DatasetInfo, IndicatorEntry, ProfileFigure, RegionProfile } from '../../../shared/contracts/analysis.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, sql } from '../db/sql.ts';
import { listBatches } from '../system/batches.ts';
import { readSettings } from '../system/settings.ts';
import { cubeFor, type DatasetCube } from './cube.ts';
import { resolveDatasets } from './datasets.ts';
import { normalizeSpec } from './engine.ts';
import { regionDict, type RegionDict } from './region-dict.ts';

/**
 * `analysis.profile`: a region's key figures next to its parent's and its children's, from the
 * same typed-array cubes as the cross-tabs. Every family of a dataset is put in one bucket (one per
 * child region, "in the region but under no child", "in the parent but outside the region") by a
 * look-up on its region index; each figure is then one pass adding look-up-table hits per bucket.
 * The region, the parent and the children are sums of buckets, so all three come from one scan.
 */

interface Label {
  readonly id: string;
  readonly en: string;
}

/**
 * A figure over one attribute: `hit` codes are counted, every filled code is the base. The
 * "no programs" figure is over the five receipt columns together (`receipts`).
 */
type FigureSpec =
  | { readonly key: string; readonly label: Label; readonly attribute: string; readonly hit: readonly number[] }
  | { readonly key: string; readonly label: Label; readonly receipts: readonly string[] };

function deprivedCodes(attribute: string): number[] {
  return (attributeMeta(attribute)?.values ?? []).filter((v) => v.deprived === true).map((v) => v.code);
}

const RECEIPTS = ['penerima_bpnt', 'penerima_bpum', 'penerima_bst', 'penerima_pkh', 'penerima_sembako'] as const;

/** The profile's figures, in the order planners read them (DOMAIN: sanitation, water, housing, health, programs, poverty). */
const FIGURES: readonly FigureSpec[] = [
  {
    key: 'tanpa_jamban_sendiri',
    label: { id: 'Keluarga tanpa jamban sendiri', en: 'Families without their own toilet' },
    attribute: 'jamban',
    hit: deprivedCodes('jamban'),
  },
  {
    key: 'air_minum_tidak_layak',
    label: { id: 'Keluarga tanpa air minum layak', en: 'Families without safe drinking water' },
    attribute: 'air_minum',
    hit: deprivedCodes('air_minum'),
  },
  { key: 'lantai_tanah', label: { id: 'Keluarga berlantai tanah', en: 'Families with an earth floor' }, attribute: 'lantai', hit: [4] },
  { key: 'risiko_stunting', label: { id: 'Keluarga berisiko stunting', en: 'Families at risk of stunting' }, attribute: 'stunting', hit: [1] },
  {
    key: 'tanpa_bantuan',
    label: {
      id: 'Keluarga yang tidak menerima program apa pun (BPNT, BPUM, BST, PKH, Sembako)',
      en: 'Families receiving none of the programs (BPNT, BPUM, BST, PKH, Sembako)',
    },
    receipts: RECEIPTS,
  },
  { key: 'desil_1', label: { id: 'Keluarga desil 1', en: 'Families in decile 1' }, attribute: 'desil', hit: [1] },
];

const CODE_SLOTS = 129; // Int8 codes −1…127, looked up at code + 1

interface Sums {
  families: Float64Array;
  persons: Float64Array;
  /** [bucket * 10 + desil − 1] */
  desil: Float64Array;
  /** [bucket * figures + figure] */
  count: Float64Array;
  base: Float64Array;
}

function newSums(buckets: number): Sums {
  const F = FIGURES.length;
  return {
    families: new Float64Array(buckets),
    persons: new Float64Array(buckets),
    desil: new Float64Array(buckets * 10),
    count: new Float64Array(buckets * F),
    base: new Float64Array(buckets * F),
  };
}

/** Count one attribute figure over the selected families: `hit` codes, and every filled code as the base. */
function countAttribute(
  codes: Int8Array, hit: Uint8Array, has: Uint8Array, pos: Int32Array, bucket: Int32Array, m: number,
  count: Float64Array, base: Float64Array, F: number, f: number,
): void {
  for (let j = 0; j < m; j++) {
    const c = (codes[pos[j] as number] as number) + 1;
    const k = (bucket[j] as number) * F + f;
    base[k] = (base[k] as number) + (has[c] as number);
    count[k] = (count[k] as number) + (hit[c] as number);
  }
}

/** Known for all five programs and a "no" for each; a family missing one answer is left out of the base. */
function countNoReceipt(
  cols: readonly Int8Array[], pos: Int32Array, bucket: Int32Array, m: number, count: Float64Array, base: Float64Array, F: number, f: number,
): void {
  const [a, b, c, d, e] = cols as [Int8Array, Int8Array, Int8Array, Int8Array, Int8Array];
  for (let j = 0; j < m; j++) {
    const i = pos[j] as number;
    const va = a[i] as number;
    const vb = b[i] as number;
    const vc = c[i] as number;
    const vd = d[i] as number;
    const ve = e[i] as number;
    if (va === MISSING_CODE || vb === MISSING_CODE || vc === MISSING_CODE || vd === MISSING_CODE || ve === MISSING_CODE) continue;
    const k = (bucket[j] as number) * F + f;
    base[k] = (base[k] as number) + 1;
    if ((va | vb | vc | vd | ve) === 0) count[k] = (count[k] as number) + 1;
  }
}

/**
 * Add one dataset's families to the sums by their bucket (`lut[region index + 1]`, −1 = outside).
 * The families inside the parent are listed once, so a desa's profile reads a kecamatan's families,
 * not the province's, for each figure.
 */
function scan(cube: DatasetCube, lut: Int32Array, sums: Sums): void {
  const n = cube.n;
  const region = cube.region();
  const persons = cube.persons();
  const pos = new Int32Array(n);
  const bucket = new Int32Array(n);
  let m = 0;
  const families = sums.families;
  const people = sums.persons;
  for (let i = 0; i < n; i++) {
    const b = lut[(region[i] as number) + 1] as number;
    if (b < 0) continue;
    pos[m] = i;
    bucket[m] = b;
    m++;
    families[b] = (families[b] as number) + 1;
    people[b] = (people[b] as number) + (persons[i] as number);
  }
  const desil = cube.familyCodes('desil');
  const perDesil = sums.desil;
  for (let j = 0; j < m; j++) {
    const d = desil[pos[j] as number] as number;
    if (d >= 1 && d <= 10) {
      const k = (bucket[j] as number) * 10 + d - 1;
      perDesil[k] = (perDesil[k] as number) + 1;
    }
  }
  const F = FIGURES.length;
  for (let f = 0; f < F; f++) {
    const fig = FIGURES[f] as FigureSpec;
    if ('attribute' in fig) {
      const hit = new Uint8Array(CODE_SLOTS + 1);
      for (const c of fig.hit) hit[c + 1] = 1;
      const has = new Uint8Array(CODE_SLOTS + 1).fill(1);
      has[MISSING_CODE + 1] = 0;
      countAttribute(cube.familyCodes(fig.attribute), hit, has, pos, bucket, m, sums.count, sums.base, F, f);
    } else {
      countNoReceipt(fig.receipts.map((a) => cube.familyCodes(a)), pos, bucket, m, sums.count, sums.base, F, f);
    }
  }
}

interface Totals {
  families: number;
  persons: number;
  desil: number[];
  count: number[];
  base: number[];
}

/** Sum of buckets [from, to]. */
function total(s: Sums, from: number, to: number): Totals {
  const F = FIGURES.length;
  const t: Totals = { families: 0, persons: 0, desil: new Array<number>(10).fill(0), count: new Array<number>(F).fill(0), base: new Array<number>(F).fill(0) };
  for (let b = from; b <= to; b++) {
    t.families += s.families[b] as number;
    t.persons += s.persons[b] as number;
    for (let d = 0; d < 10; d++) t.desil[d] = (t.desil[d] as number) + (s.desil[b * 10 + d] as number);
    for (let f = 0; f < F; f++) {
      t.count[f] = (t.count[f] as number) + (s.count[b * F + f] as number);
      t.base[f] = (t.base[f] as number) + (s.base[b * F + f] as number);
    }
  }
  return t;
}

function share(count: number, base: number): number | null {
  return base > 0 ? count / base : null;
}

interface IndicatorRow {
  id: number;
  batch_id: number;
  indicator: string;
  period: string;
  value: number | null;
  unit: string | null;
  source: string | null;
}

/** Same indicator and period, spelled as offices spell it (case and spacing vary between files). */
function indicatorKey(r: IndicatorRow): string {
  const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
  return `${norm(r.indicator)}\u0000${norm(r.period)}`;
}

/**
 * A region's sectoral indicators, latest period first. A value is flagged when another row gives
 * the same indicator and period a different value — usually two sources (SSGI and e-PPGBM for
 * stunting) that a planner must choose between, never silently.
 */
function indicatorsOf(db: Database, code: string, batches: ReadonlyMap<number, BatchSummary>): IndicatorEntry[] {
  const rows = all<IndicatorRow>(
    db,
    sql`SELECT id, batch_id, indicator, period, value, unit, source FROM indicator_value
        WHERE region_code = ${code} ORDER BY period DESC, indicator, batch_id DESC, id`,
  ).filter((r) => batches.has(r.batch_id));
  const groups = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    const k = indicatorKey(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return rows.map((r) => {
    const peers = groups.get(indicatorKey(r)) ?? [];
    const conflict = r.value !== null && peers.some((o) => o.id !== r.id && o.value !== null && Math.abs(o.value - (r.value as number)) > 1e-9);
    return {
      indicator: r.indicator,
      period: r.period,
      value: r.value,
      unit: r.unit,
      source: r.source,
      batch: batches.get(r.batch_id) as BatchSummary,
      conflict,
    };
  });
}

function regionOf(dict: RegionDict, i: number): { code: string; name: string; level: number } {
  return { code: dict.code(i), name: dict.name(i), level: dict.levels[i] as number };
}

/** `analysis.profile`: key figures of a region (province, kabupaten, kecamatan or desa) beside its parent's. */
export function regionProfile(
  db: Database, dbPath: string, args: { readonly regionCode: string; readonly sources?: readonly AnalysisSource[]; readonly batches?: readonly number[] },
): RegionProfile {
  const code = (args as { regionCode?: unknown }).regionCode;
  if (typeof code !== 'string' || code.length === 0 || code.length > 20) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.profile', problem: 'regionCode' });
  }
  const province = readSettings(db).workingProvince;
  if (!province) fail(db, 'not_ready', 'error.provinceNotChosen');
  // The cross-tab's own checks for sources and batches, so both screens accept the same universes.
  const spec = normalizeSpec(db, 'analysis.profile', {
    rows: { kind: 'region', level: 1 }, cols: null, sources: args.sources, batches: args.batches,
  });
  const dict = regionDict(db, province);
  const scope = dict.subtree(code);
  if (!scope) fail(db, 'invalid_input', 'error.unknownRegion', { code });
  const ri = scope[0];
  const level = dict.levels[ri] as number;
  const parentIndex = level > 1 ? ((dict.ancestor[level - 1] as Int32Array)[ri] as number) : -1;
  const parentScope = parentIndex >= 0 ? dict.subtree(dict.code(parentIndex)) : null;
  const children = level < 4 ? dict.atLevel(level + 1, scope) : [];

  // Buckets: 0…K−1 the children, K the region outside any child, K+1 the parent outside the region.
  const K = children.length;
  const inRegion = K;
  const inParent = K + 1;
  const childSlot = new Map(children.map((c, s) => [c, s]));
  const lut = new Int32Array(dict.size + 1).fill(-1);
  const outer = parentScope ?? scope;
  const below = level < 4 ? (dict.ancestor[level + 1] as Int32Array) : null;
  for (let i = outer[0]; i <= outer[1]; i++) {
    if (i >= scope[0] && i <= scope[1]) lut[i + 1] = below ? (childSlot.get(below[i] as number) ?? inRegion) : inRegion;
    else lut[i + 1] = inParent;
  }
  // Families without a usable region code still belong to the province's data (as in the cross-tab's total).
  if (code === province) lut[0] = inRegion;
  else if (parentIndex >= 0 && dict.code(parentIndex) === province) lut[0] = inParent;

  const datasets = resolveDatasets(db, spec.sources ?? [], spec.batches ?? []);
  const sums = newSums(K + 2);
  const infos: DatasetInfo[] = [];
  for (const d of datasets) {
    const cube = cubeFor(db, dbPath, d, dict);
    scan(cube, lut, sums);
    const persons = cube.persons();
    let p = 0;
    for (let i = 0; i < persons.length; i++) p += persons[i] as number;
    infos.push({ source: d.source, familyBatch: d.familyBatch, personBatch: d.personBatch, families: cube.n, persons: p });
  }

  const lang: Language = currentLanguage(db);
  const mine = total(sums, 0, inRegion);
  const hasParent = parentScope !== null;
  const parent = hasParent ? total(sums, 0, inParent) : null;
  const figures: ProfileFigure[] = FIGURES.map((fig, f) => {
    const count = mine.count[f] as number;
    const base = mine.base[f] as number;
    const parentCount = parent ? (parent.count[f] as number) : 0;
    const parentBase = parent ? (parent.base[f] as number) : 0;
    return {
      key: fig.key,
      label: fig.label[lang],
      count,
      base,
      share: share(count, base),
      parentCount,
      parentBase,
      parentShare: share(parentCount, parentBase),
    };
  });
  const F = FIGURES.length;
  const childRows = children.map((c, s) => ({
    ...regionOf(dict, c),
    families: sums.families[s] as number,
    shares: FIGURES.map((_, f) => share(sums.count[s * F + f] as number, sums.base[s * F + f] as number)),
  }));

  const batches = new Map(listBatches(db).map((b) => [b.id, b]));
  const parentRegion = parentIndex >= 0 ? regionOf(dict, parentIndex) : null;
  return {
    region: regionOf(dict, ri),
    parent: parentRegion,
    datasets: infos,
    families: mine.families,
    persons: mine.persons,
    parentFamilies: parent?.families ?? 0,
    parentPersons: parent?.persons ?? 0,
    desil: mine.desil.map((n, d) => ({ desil: d + 1, families: n, parentFamilies: parent ? (parent.desil[d] as number) : 0 })),
    figures,
    children: childRows.map((c) => ({ code: c.code, name: c.name, families: c.families, shares: c.shares })),
    indicators: indicatorsOf(db, dict.code(ri), batches),
    parentIndicators: parentRegion ? indicatorsOf(db, parentRegion.code, batches) : [],
  };
}
