/**
 * The Analisis screen's state in plain data: what the planner is building (a draft that may hold
 * half-made filters) and the spec the warehouse gets from it; figures and shares of a result for
 * the chosen measure and percent mode; grid filters as drill-down filters. No React here.
 */
import { DATASET_ATTRIBUTE, type AttributeGroup, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type {
  AnalysisCatalog, AnalysisSource, AnalysisView, AttributeFilter, CrosstabResult, CrosstabSpec, DrillColumn, DrillColumnFilter,
  Measure, PercentMode, RowDimension,
} from '../../../../shared/contracts/analysis.ts';
import { uiEn, uiId, type UiKey } from '../../../../shared/i18n/ui.ts';
import type { DataGridFilter } from '../../components/DataGrid.tsx';

export type ChartKind = AnalysisView['chart'];

/** A filter as edited: values to tick, or (ordered attributes) a range; empty ones are left out of the spec. */
export interface FilterDraft {
  /** Local id (React key, label ids). */
  readonly id: number;
  readonly attribute: string;
  readonly mode: 'values' | 'range';
  readonly values: readonly number[];
  readonly min: number | null;
  readonly max: number | null;
  readonly exclude: boolean;
}

export interface Draft {
  readonly rows: RowDimension;
  readonly cols: string | null;
  /** Region subtree (dotted code); null for the working province. */
  readonly region: string | null;
  readonly filters: readonly FilterDraft[];
  readonly sources: readonly AnalysisSource[];
  /** Batches chosen instead of the newest of their kind. */
  readonly batches: readonly number[];
  readonly measure: Measure;
  /** Kept from a reopened analysis; otherwise the warehouse takes today. */
  readonly ageDate: string | null;
}

export const SOURCE_LABEL: Readonly<Record<AnalysisSource, string>> = { p3ke: 'P3KE', dtsen: 'DTSEN', dtks: 'DTKS' };

export const GROUP_ORDER: readonly AttributeGroup[] = ['sosial', 'rumah', 'kepala', 'anggota', 'program', 'data'];

export const GROUP_LABEL: Readonly<Record<AttributeGroup, UiKey>> = {
  sosial: 'analysis.group.sosial',
  rumah: 'analysis.group.rumah',
  kepala: 'analysis.group.kepala',
  anggota: 'analysis.group.anggota',
  program: 'analysis.group.program',
  data: 'analysis.group.data',
};

/** The dataset dimension (which source a family comes from) as an attribute of the "data" group. */
export const DATASET_META: AttributeMeta = {
  key: DATASET_ATTRIBUTE,
  id: uiId['analysis.datasetAttribute'],
  en: uiEn['analysis.datasetAttribute'],
  level: 'family',
  group: 'data',
  values: [],
  ordered: false,
};

/** Attributes by group, in the registry's order within a group; the dataset dimension last. */
export function attributesByGroup(attributes: readonly AttributeMeta[]): { readonly group: AttributeGroup; readonly attributes: readonly AttributeMeta[] }[] {
  const all = [...attributes, DATASET_META];
  return GROUP_ORDER.map((group) => ({ group, attributes: all.filter((a) => a.group === group) })).filter((g) => g.attributes.length > 0);
}

export function findAttribute(attributes: readonly AttributeMeta[], key: string): AttributeMeta | undefined {
  return key === DATASET_ATTRIBUTE ? DATASET_META : attributes.find((a) => a.key === key);
}

/** Sources with data, in the catalog's order. */
export function availableSources(catalog: AnalysisCatalog): AnalysisSource[] {
  return catalog.sources.map((s) => s.source);
}

/** The chosen sources that leave an attribute empty (all "no data"). */
export function sourcesMissing(catalog: AnalysisCatalog, sources: readonly AnalysisSource[], key: string): AnalysisSource[] {
  return sources.filter((s) => {
    const entry = catalog.sources.find((c) => c.source === s);
    return entry !== undefined && !entry.filled.includes(key);
  });
}

export function defaultDraft(catalog: AnalysisCatalog): Draft {
  const sources = availableSources(catalog);
  const first = sources.includes('p3ke') ? 'p3ke' : sources[0];
  return {
    rows: { kind: 'region', level: 2 },
    cols: 'desil',
    region: null,
    filters: [],
    sources: first ? [first] : [],
    batches: [],
    measure: 'families',
    ageDate: null,
  };
}

function filterOf(f: FilterDraft): AttributeFilter | null {
  const exclude = f.exclude ? { exclude: true } : {};
  if (f.mode === 'range') {
    if (f.min === null && f.max === null) return null;
    return { attribute: f.attribute, ...(f.min !== null ? { min: f.min } : {}), ...(f.max !== null ? { max: f.max } : {}), ...exclude };
  }
  if (f.values.length === 0) return null;
  return { attribute: f.attribute, values: [...f.values].sort((a, b) => a - b), ...exclude };
}

/** The spec the warehouse computes: filters without a choice yet are left out. */
export function toSpec(d: Draft): CrosstabSpec {
  const filters = d.filters.map(filterOf).filter((f): f is AttributeFilter => f !== null);
  return {
    rows: d.rows,
    cols: d.cols,
    ...(d.region ? { region: d.region } : {}),
    filters,
    sources: [...d.sources],
    batches: [...d.batches].sort((a, b) => a - b),
    measure: d.measure,
    ...(d.ageDate ? { ageDate: d.ageDate } : {}),
  };
}

/** A stored spec back into a draft (a reopened analysis). */
export function fromSpec(spec: CrosstabSpec, catalog: AnalysisCatalog, nextId: () => number): Draft {
  const base = defaultDraft(catalog);
  const have = availableSources(catalog);
  const sources = (spec.sources ?? base.sources).filter((s) => have.includes(s));
  const known = new Set(catalog.sources.flatMap((s) => [...s.familyBatches, ...s.personBatches].map((b) => b.id)));
  return {
    rows: spec.rows,
    cols: spec.cols,
    region: spec.region ?? null,
    filters: (spec.filters ?? []).map((f) => ({
      id: nextId(),
      attribute: f.attribute,
      mode: f.values === undefined && (f.min !== undefined || f.max !== undefined) ? 'range' : 'values',
      values: f.values ?? [],
      min: f.min ?? null,
      max: f.max ?? null,
      exclude: f.exclude === true,
    })),
    sources: sources.length > 0 ? sources : base.sources,
    batches: (spec.batches ?? []).filter((b) => known.has(b)),
    measure: spec.measure ?? 'families',
    ageDate: spec.ageDate ?? null,
  };
}

/** Drop choices the warehouse no longer has (a deleted batch, a source without data). */
export function reconcile(d: Draft, catalog: AnalysisCatalog): Draft {
  const have = availableSources(catalog);
  const sources = d.sources.filter((s) => have.includes(s));
  const known = new Set(catalog.sources.flatMap((s) => [...s.familyBatches, ...s.personBatches].map((b) => b.id)));
  const batches = d.batches.filter((b) => known.has(b));
  if (sources.length === d.sources.length && batches.length === d.batches.length && sources.length > 0) return d;
  return { ...d, sources: sources.length > 0 ? sources : defaultDraft(catalog).sources, batches };
}

/** A key that changes exactly when the computed table would (spec order is fixed by toSpec). */
export function specKey(spec: CrosstabSpec): string {
  return JSON.stringify(spec);
}

// ── figures of a result ───────────────────────────────────────────────────────────────────────

export interface MeasureBlock {
  readonly cells: readonly (readonly number[])[];
  readonly rowTotals: readonly number[];
  readonly colTotals: readonly number[];
  readonly total: number;
  readonly groups: readonly { readonly cells: readonly number[]; readonly total: number }[];
}

export function measureBlock(result: CrosstabResult, measure: Measure): MeasureBlock {
  return {
    cells: result.cells[measure],
    rowTotals: result.rowTotals[measure],
    colTotals: result.colTotals[measure],
    total: result.total[measure],
    groups: result.groups.map((g) => ({ cells: g[measure], total: g.total[measure] })),
  };
}

/**
 * The share a figure is shown as: of its row's total, its column's total or the grand total.
 * `rowTotal`/`colTotal` are the totals of the line and column the figure sits in (for a total
 * figure, itself). Null when the base is zero.
 */
export function shareOf(value: number, percent: PercentMode, rowTotal: number, colTotal: number, total: number): number | null {
  const base = percent === 'row' ? rowTotal : percent === 'col' ? colTotal : total;
  return base > 0 ? value / base : null;
}

// ── drill-down ────────────────────────────────────────────────────────────────────────────────

/** Drill columns that hold numbers (number filters); the others filter as text. */
export const NUMBER_DRILL_COLUMNS: readonly DrillColumn[] = ['desil', 'jumlah_anggota', 'umur_kepala'];

export function isDrillColumn(id: string): id is DrillColumn {
  return (
    [
      'sumber', 'kabupaten', 'kecamatan', 'desa', 'id_keluarga', 'no_kk', 'nik_kepala', 'nama_kepala', 'alamat', 'desil', 'jumlah_anggota',
      'jk_kepala', 'umur_kepala', 'lantai', 'air_minum', 'jamban', 'stunting',
    ] as const
  ).some((c) => c === id);
}

/** The grid's column filters as the warehouse's drill filters. */
export function drillFilters(filters: readonly DataGridFilter[]): DrillColumnFilter[] {
  const out: DrillColumnFilter[] = [];
  for (const f of filters) {
    const column = f.colId;
    if (!isDrillColumn(column)) continue;
    if (f.kind === 'text') out.push({ column, type: f.op, text: f.text });
    else if (f.op === 'between') out.push({ column, type: 'between', number: f.number, to: f.to });
    else out.push({ column, type: f.op, number: f.number });
  }
  return out;
}

/** The cell (or total) whose families the drill-down lists. */
export interface DrillTarget {
  /** The spec the table was computed with (its region narrowed for a subtotal). */
  readonly spec: CrosstabSpec;
  readonly row: string | null;
  readonly col: string | null;
  /** What the planner clicked, in words: "Kupang × Desil 1". */
  readonly title: string;
  /** The families of that cell as the table counted them. */
  readonly families: number;
}
