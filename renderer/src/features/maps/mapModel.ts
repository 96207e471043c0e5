/**
 * What a choropleth shows, in plain data: the measure (a cross-tab figure or a sectoral indicator),
 * the cross-tab spec that computes it for the children of a region, each region's value with its
 * numerator and denominator, and the regions of a map with their class and colour. No React here.
 */
import { attributeMeta, LINK_STATUS, MISSING_CODE, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { AnalysisCatalog, AttributeFilter, CrosstabResult, CrosstabSpec, Measure } from '../../../../shared/contracts/analysis.ts';
import type { BoundaryLevel, IndicatorMapValues, MapGeometry } from '../../../../shared/contracts/maps.ts';
import { defaultDraft, toSpec, type Draft, type DrillTarget } from '../analysis/analysisModel.ts';
import { classIndex, classify, type Classification, type ClassMethod } from './classify.ts';
import { NO_DATA_FILL, paletteColors, type PaletteId } from './palette.ts';

/**
 * The figure per region: families or persons (`total`); those in some categories of an attribute,
 * as a count or as a share of the region's families/persons with data on that attribute
 * (`category`); or a sectoral indicator for a period (`indicator`).
 */
export type MapMeasure =
  | { readonly kind: 'total'; readonly unit: Measure }
  | {
      readonly kind: 'category';
      readonly unit: Measure;
      readonly attribute: string;
      readonly values: readonly number[];
      readonly as: 'count' | 'share';
    }
  | { readonly kind: 'indicator'; readonly indicator: string; readonly period: string };

export interface MapDraft {
  readonly measure: MapMeasure;
  /**
   * Filters, sources and batches as the Analisis screen edits them (its filter editor works on this);
   * rows, columns and region are set per map.
   */
  readonly base: Draft;
}

export interface ClassingChoice {
  readonly method: ClassMethod;
  readonly classes: number;
  /** Inner bounds for the manual method, in the measure's own unit (shares as 0–1). */
  readonly manual: readonly number[];
  readonly palette: PaletteId;
}

export const DEFAULT_CLASSING: ClassingChoice = { method: 'quantile', classes: 5, manual: [], palette: 'oranye' };

/** Toilet facility codes without an own latrine (shared/model/codebook.ts TOILET: 2 shared, 3 none). */
export const NO_OWN_LATRINE: readonly number[] = [2, 3];

export type PresetId = 'latrine' | 'pkh' | 'notInDtks' | 'stunting' | 'families' | 'persons';

export interface Preset {
  readonly id: PresetId;
  /** Attributes the preset needs in the catalog. */
  readonly needs: readonly string[];
  /** An attribute some source must fill (a padu-padan run for linkage status). */
  readonly filled?: string;
  readonly measure: MapMeasure;
  readonly filters: readonly AttributeFilter[];
}

/** Ready-made measures planners ask for first; each can be changed afterwards like any other. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'latrine',
    needs: ['desil', 'jamban'],
    measure: { kind: 'category', unit: 'families', attribute: 'jamban', values: NO_OWN_LATRINE, as: 'share' },
    filters: [{ attribute: 'desil', values: [1] }],
  },
  {
    id: 'pkh',
    needs: ['desil', 'penerima_pkh'],
    measure: { kind: 'category', unit: 'families', attribute: 'penerima_pkh', values: [0], as: 'share' },
    filters: [{ attribute: 'desil', values: [1] }],
  },
  {
    // Padu-padan's answer by village: poor families of P3KE that DTKS does not know.
    id: 'notInDtks',
    needs: ['desil', 'padan_dtks'],
    filled: 'padan_dtks',
    measure: { kind: 'category', unit: 'families', attribute: 'padan_dtks', values: [LINK_STATUS.notFound], as: 'share' },
    filters: [{ attribute: 'desil', values: [1] }],
  },
  {
    id: 'stunting',
    needs: ['stunting'],
    measure: { kind: 'category', unit: 'families', attribute: 'stunting', values: [1], as: 'share' },
    filters: [],
  },
  { id: 'families', needs: [], measure: { kind: 'total', unit: 'families' }, filters: [] },
  { id: 'persons', needs: [], measure: { kind: 'total', unit: 'persons' }, filters: [] },
];

export function presetAvailable(p: Preset, catalog: AnalysisCatalog): boolean {
  const filled = p.filled;
  return p.needs.every((k) => catalog.attributes.some((a) => a.key === k)) && (filled === undefined || catalog.sources.some((s) => s.filled.includes(filled)));
}

/** A preset as a draft over the catalog's default sources (filters become editable filter drafts). */
export function applyPreset(p: Preset, catalog: AnalysisCatalog, current: Draft | null, nextId: () => number): MapDraft {
  const base = current ?? defaultDraft(catalog);
  return {
    measure: p.measure,
    base: {
      ...base,
      filters: p.filters.map((f) => ({
        id: nextId(),
        attribute: f.attribute,
        mode: 'values',
        values: f.values ?? [],
        min: null,
        max: null,
        exclude: f.exclude === true,
      })),
    },
  };
}

/** The first map a planner sees: desil-1 families without an own latrine, else the families. */
export function defaultMapDraft(catalog: AnalysisCatalog, nextId: () => number): MapDraft {
  const first = PRESETS.find((p) => presetAvailable(p, catalog)) ?? PRESETS.find((p) => p.id === 'families');
  return first ? applyPreset(first, catalog, null, nextId) : { measure: { kind: 'total', unit: 'families' }, base: defaultDraft(catalog) };
}

/** Which preset the draft is exactly, if any (shown as chosen in the preset list). */
export function matchingPreset(d: MapDraft): PresetId | null {
  const filters = toSpec(d.base).filters ?? [];
  for (const p of PRESETS) {
    if (JSON.stringify(p.measure) !== JSON.stringify(d.measure)) continue;
    if (JSON.stringify(p.filters.map((f) => ({ attribute: f.attribute, values: [...(f.values ?? [])].sort((a, b) => a - b) }))) !== JSON.stringify(filters)) continue;
    return p.id;
  }
  return null;
}

/** The measure counts people when its attribute describes members (a family is in several categories then). */
export function effectiveUnit(m: MapMeasure, attributes: readonly AttributeMeta[]): Measure {
  if (m.kind === 'indicator') return 'families';
  if (m.kind === 'category' && attributes.find((a) => a.key === m.attribute)?.level === 'person') return 'persons';
  return m.unit;
}

/**
 * The cross-tab that gives the measure for the children at `level` of `parent` (null: the working
 * province): regions as rows, the attribute as columns. Null for an indicator or an incomplete
 * measure (no category ticked).
 */
export function mapSpec(d: MapDraft, level: BoundaryLevel, parent: string | null, attributes: readonly AttributeMeta[] = []): CrosstabSpec | null {
  const m = d.measure;
  if (m.kind === 'indicator') return null;
  if (m.kind === 'category' && m.values.length === 0) return null;
  const cols = m.kind === 'category' ? m.attribute : null;
  return toSpec({ ...d.base, rows: { kind: 'region', level }, cols, region: parent, measure: effectiveUnit(m, attributes) });
}

/**
 * Counts need to know where the sources have no family at all (no data) as against none passing
 * the filters (zero): the same universe without filters or columns. Null when the measure's own
 * table already tells (shares, plain totals without filters).
 */
export function universeSpec(spec: CrosstabSpec, m: MapMeasure): CrosstabSpec | null {
  if (m.kind === 'indicator') return null;
  if (m.kind === 'category' && m.as === 'share') return null;
  if (m.kind === 'total' && (spec.filters ?? []).length === 0) return null;
  return { ...spec, cols: null, filters: [] };
}

/** One region's figure. */
export interface RegionValue {
  readonly code: string;
  readonly name: string;
  /** The value classified (a share as 0–1); null: no data. */
  readonly value: number | null;
  /** What is counted and what it is counted of (shares); null for indicators. */
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** Families behind the figure (the drill-down's expected count); null for indicators. */
  readonly families: number | null;
  /** Indicator only: where the value comes from, and other sources' values for the same period. */
  readonly source?: string | null;
  readonly conflict?: readonly { readonly value: number; readonly source: string | null }[];
}

function columnIndexes(result: CrosstabResult, values: readonly number[]): number[] {
  const want = new Set(values.map(String));
  return result.cols.flatMap((c, i) => (want.has(c.key) ? [i] : []));
}

/**
 * Each region's value from the measure's cross-tab (`universe`: the unfiltered table for counts,
 * see `universeSpec`). Shares are of the families/persons whose attribute is known (the "no data"
 * column is left out of the denominator); a share without a denominator and a count where the
 * sources have nobody are "no data", never zero.
 */
export function valuesFromCrosstab(result: CrosstabResult, m: MapMeasure, universe: CrosstabResult | null, unit: Measure = m.kind === 'indicator' ? 'families' : m.unit): RegionValue[] {
  if (m.kind === 'indicator') return [];
  const totals = result.rowTotals[unit];
  const cells = result.cells[unit];
  const familyCells = result.cells.families;
  const present = new Map<string, number>();
  const base = universe ?? result;
  base.rows.forEach((r, i) => present.set(r.key, base.rowTotals[unit][i] ?? 0));
  const chosen = m.kind === 'category' ? columnIndexes(result, m.values) : [];
  const missingCol = result.cols.findIndex((c) => c.key === '' || c.key === String(MISSING_CODE));

  const out: RegionValue[] = [];
  result.rows.forEach((row, r) => {
    // The families outside any region of the province (key '') are no region of the map.
    if (row.key === '') return;
    const total = totals[r] ?? 0;
    const has = (present.get(row.key) ?? 0) > 0;
    if (m.kind === 'total') {
      out.push({
        code: row.key,
        name: row.label,
        value: has ? total : null,
        numerator: total,
        denominator: null,
        families: result.rowTotals.families[r] ?? 0,
      });
      return;
    }
    const line = cells[r] ?? [];
    const numerator = chosen.reduce((s, c) => s + (line[c] ?? 0), 0);
    const families = chosen.reduce((s, c) => s + (familyCells[r]?.[c] ?? 0), 0);
    const denominator = total - (missingCol >= 0 ? (line[missingCol] ?? 0) : 0);
    const value = m.as === 'share' ? (denominator > 0 ? numerator / denominator : null) : has ? numerator : null;
    out.push({ code: row.key, name: row.label, value, numerator, denominator, families });
  });
  return out;
}

/** Each region's indicator value (names come from the map; regions without a value are absent). */
export function valuesFromIndicator(values: IndicatorMapValues, names: ReadonlyMap<string, string>): RegionValue[] {
  return values.values.map((v) => ({
    code: v.code,
    name: names.get(v.code) ?? v.code,
    value: Number.isFinite(v.value) ? v.value : null,
    numerator: null,
    denominator: null,
    families: null,
    source: v.source,
    conflict: v.conflict,
  }));
}

/**
 * The figure of the whole region the map shows (its children together), from the table's column
 * totals: the same share or count the map's regions have, for the region above them. Null for
 * indicators (their values are not additive).
 */
export function parentValue(result: CrosstabResult, m: MapMeasure, unit: Measure, code: string, name: string): RegionValue | null {
  if (m.kind === 'indicator') return null;
  const total = result.total[unit];
  if (m.kind === 'total') return { code, name, value: total > 0 ? total : null, numerator: total, denominator: null, families: result.total.families };
  const chosen = columnIndexes(result, m.values);
  const numerator = chosen.reduce((s, c) => s + (result.colTotals[unit][c] ?? 0), 0);
  const families = chosen.reduce((s, c) => s + (result.colTotals.families[c] ?? 0), 0);
  const missingCol = result.cols.findIndex((c) => c.key === '' || c.key === String(MISSING_CODE));
  const denominator = total - (missingCol >= 0 ? (result.colTotals[unit][missingCol] ?? 0) : 0);
  const value = m.as === 'share' ? (denominator > 0 ? numerator / denominator : null) : total > 0 ? numerator : null;
  return { code, name, value, numerator, denominator, families };
}

/**
 * The families behind a region's figure, for the existing drill-down grid: the region's row of the
 * measure's table (`row` null: every region of the table, for the region above them); for
 * categories, with the chosen categories as one more filter (the drill-down addresses one column,
 * the measure may sum several).
 */
export function drillTargetOf(spec: CrosstabSpec, m: MapMeasure, v: RegionValue, row: string | null, title: string): DrillTarget | null {
  if (m.kind === 'indicator' || v.families === null) return null;
  if (m.kind === 'total') return { spec, row, col: null, title, families: v.families };
  const filters = [...(spec.filters ?? []), { attribute: m.attribute, values: [...m.values].sort((a, b) => a - b) }];
  return { spec: { ...spec, cols: null, filters }, row, col: null, title, families: v.families };
}

// ── the regions of a map ──────────────────────────────────────────────────────────────────────

export interface MapRegion extends RegionValue {
  /** The region has a polygon in the layer (else it is listed as "no polygon"). */
  readonly polygon: boolean;
  /** Class of the value, -1 without a value or a polygon. */
  readonly klass: number;
  readonly color: string;
}

export interface MapModel {
  readonly regions: readonly MapRegion[];
  readonly classification: Classification;
  readonly colors: readonly string[];
  /** Regions drawn without a value (hatched), and regions without a polygon. */
  readonly noData: number;
  readonly noPolygon: readonly MapRegion[];
}

/**
 * The regions of the map — every child with a polygon, then the children the layer has no polygon
 * for — with their value, class and colour. Classes are computed over the regions drawn with a value,
 * so the legend counts what the map shows.
 */
export function buildMapModel(geometry: Pick<MapGeometry, 'features' | 'missing'>, values: readonly RegionValue[], classing: ClassingChoice): MapModel {
  const byCode = new Map(values.map((v) => [v.code, v]));
  const blank = (code: string, name: string): RegionValue => ({ code, name, value: null, numerator: null, denominator: null, families: null });
  const drawn = geometry.features.map((f) => byCode.get(f.properties.kode) ?? blank(f.properties.kode, f.properties.nama));
  const names = new Map(geometry.features.map((f) => [f.properties.kode, f.properties.nama]));
  const classification = classify(
    drawn.map((v) => v.value),
    classing.method,
    classing.classes,
    classing.manual,
  );
  const colors = paletteColors(classing.palette, classification.classes.length);
  const regions: MapRegion[] = drawn.map((v) => {
    const klass = v.value === null ? -1 : classIndex(classification.breaks, v.value);
    // A region's name from the layer when the cross-tab has none (indicators).
    const name = names.get(v.code) ?? v.name;
    return { ...v, name, polygon: true, klass, color: klass < 0 ? NO_DATA_FILL : (colors[klass] ?? NO_DATA_FILL) };
  });
  const noPolygon: MapRegion[] = geometry.missing.map((m) => ({ ...(byCode.get(m.code) ?? blank(m.code, m.name)), name: m.name, polygon: false, klass: -1, color: NO_DATA_FILL }));
  return {
    regions: [...regions, ...noPolygon],
    classification,
    colors,
    noData: regions.filter((r) => r.klass < 0).length,
    noPolygon,
  };
}

/** The next level down that has a boundary layer, for drilling from a region of `level`. */
export function nextLevel(level: 1 | 2 | 3 | 4, layers: readonly BoundaryLevel[]): BoundaryLevel | null {
  const below = [...layers].filter((l) => l > level).sort((a, b) => a - b);
  return below[0] ?? null;
}

/** The measure's attribute meta (for labels), if it has one. */
export function measureAttribute(m: MapMeasure): AttributeMeta | null {
  return m.kind === 'category' ? (attributeMeta(m.attribute) ?? null) : null;
}
