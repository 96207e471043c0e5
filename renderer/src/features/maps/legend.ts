/**
 * The words of a choropleth: its title (measure, level, region), the class ranges with how many
 * regions each holds, the "no data" and "no polygon" entries, and the notes that say what was
 * counted and where the numbers come from (filters, batches and vintages). The same text goes on
 * the screen and into the saved PNG.
 */
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import { valueLabel } from '../../../../shared/analysis/attributes.ts';
import type { AttributeFilter, DatasetInfo } from '../../../../shared/contracts/analysis.ts';
import type { BoundaryLevel, IndicatorMapValues } from '../../../../shared/contracts/maps.ts';
import type { I18n } from '../../i18n/I18nProvider.tsx';
import { datasetsLine, filtersLine } from '../analysis/chartOptions.ts';
import type { Classification, ClassRange } from './classify.ts';
import { measureAttribute, type MapMeasure, type MapModel } from './mapModel.ts';
import { NO_DATA_FILL } from './palette.ts';

export type LegendI18n = Pick<I18n, 'lang' | 't' | 'num' | 'pct'>;

/** How a measure's numbers read: shares as percentages, counts as whole numbers, indicators as they come. */
export type ValueFormat =
  | { readonly kind: 'share'; readonly digits: number }
  | { readonly kind: 'count' }
  | { readonly kind: 'number'; readonly digits: number; readonly unit: string | null };

function roundTo(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Decimals (0–2) for indicator bounds: none when they are whole, else the fewest that keep them apart. */
function digitsFor(bounds: readonly number[]): number {
  if (bounds.every((b) => Number.isInteger(b))) return 0;
  const distinct = new Set(bounds).size;
  for (let d = 1; d < 2; d++) if (new Set(bounds.map((b) => roundTo(b, d))).size === distinct) return d;
  return 2;
}

/** The format of a measure's values: shares with one decimal, counts whole, indicators as their bounds need. */
export function valueFormat(m: MapMeasure, breaks: readonly number[], unit: string | null = null): ValueFormat {
  if (m.kind === 'category' && m.as === 'share') return { kind: 'share', digits: 1 };
  if (m.kind === 'indicator') return { kind: 'number', digits: digitsFor(breaks), unit };
  return { kind: 'count' };
}

/** One value as the legend and the tooltip show it. */
export function formatValue(i18n: LegendI18n, f: ValueFormat, v: number): string {
  switch (f.kind) {
    case 'share':
      return i18n.pct(v, f.digits);
    case 'count':
      return i18n.num(v);
    case 'number':
      return f.unit ? `${i18n.num(v, f.digits)} ${f.unit}` : i18n.num(v, f.digits);
  }
}

/**
 * A class's range: "a – b" for the first, "> a – b" for the others (bounds are shared between
 * neighbours; a value on a bound belongs to the lower class). Counts show whole numbers: "6 – 10".
 */
export function rangeLabel(i18n: LegendI18n, f: ValueFormat, range: Pick<ClassRange, 'from' | 'to'>, first: boolean): string {
  if (f.kind === 'count') {
    const lo = first ? Math.ceil(range.from) : Math.floor(range.from) + 1;
    const hi = Math.floor(range.to);
    if (lo >= hi) return i18n.num(Math.max(lo, hi));
    return `${i18n.num(lo)} – ${i18n.num(hi)}`;
  }
  // Percentages and indicators carry their unit once, after the range.
  const bare = (v: number): string => (f.kind === 'share' ? i18n.num(v * 100, f.digits) : i18n.num(v, f.digits));
  const unit = f.kind === 'share' ? '%' : f.unit ? ` ${f.unit}` : '';
  if (range.from === range.to) return `${bare(range.to)}${unit}`;
  return `${first ? '' : '> '}${bare(range.from)} – ${bare(range.to)}${unit}`;
}

export interface LegendEntry {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  readonly color: string;
  /** Drawn hatched (no data) or outlined only (no polygon). */
  readonly style: 'fill' | 'hatch' | 'none';
}

/** The legend's entries: one per class (low to high), then "no data" and "no polygon" when there are any. */
export function legendEntries(i18n: LegendI18n, model: Pick<MapModel, 'classification' | 'colors' | 'noData' | 'noPolygon'>, f: ValueFormat): LegendEntry[] {
  const { t } = i18n;
  const entries: LegendEntry[] = model.classification.classes.map((c, i) => ({
    key: `class-${i}`,
    label: rangeLabel(i18n, f, c, i === 0),
    count: c.count,
    color: model.colors[i] ?? NO_DATA_FILL,
    style: 'fill',
  }));
  if (model.noData > 0) entries.push({ key: 'no-data', label: t('maps.legend.noData'), count: model.noData, color: NO_DATA_FILL, style: 'hatch' });
  if (model.noPolygon.length > 0) entries.push({ key: 'no-polygon', label: t('maps.legend.noPolygon'), count: model.noPolygon.length, color: '#ffffff', style: 'none' });
  return entries;
}

/** "12 wilayah" / "12 regions". */
export function regionCount(i18n: LegendI18n, n: number): string {
  return i18n.t(n === 1 ? 'maps.legend.region' : 'maps.legend.regions', { n: i18n.num(n) });
}

/** One line per legend entry, as read aloud and as written under the map in the PNG. */
export function legendLines(i18n: LegendI18n, entries: readonly LegendEntry[]): string[] {
  return entries.map((e) => `${e.label}: ${regionCount(i18n, e.count)}`);
}

/** The attribute's chosen categories in words: "Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya". */
function categoriesText(i18n: LegendI18n, m: Extract<MapMeasure, { kind: 'category' }>): string {
  const meta = measureAttribute(m);
  const name = meta ? meta[i18n.lang] : m.attribute;
  const values = [...m.values].sort((a, b) => a - b).map((v) => (meta ? valueLabel(meta, v, i18n.lang) : String(v)));
  return `${name}: ${values.join(', ')}`;
}

/** The measure in words, without the place: "% keluarga dengan Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya". */
export function measureName(i18n: LegendI18n, m: MapMeasure, unit: 'families' | 'persons', indicatorUnit: string | null = null): string {
  const { t } = i18n;
  const who = t(unit === 'families' ? 'unit.families' : 'unit.persons');
  switch (m.kind) {
    case 'total':
      return t('maps.measure.nameTotal', { unit: who });
    case 'category':
      return t(m.as === 'share' ? 'maps.measure.nameShare' : 'maps.measure.nameCount', { unit: who, categories: categoriesText(i18n, m) });
    case 'indicator':
      return indicatorUnit ? t('maps.measure.nameIndicatorUnit', { indicator: m.indicator, period: m.period, unit: indicatorUnit }) : t('maps.measure.nameIndicator', { indicator: m.indicator, period: m.period });
  }
}

/** The map's title: measure, level and region. */
export function mapTitle(i18n: LegendI18n, measure: string, level: BoundaryLevel, regionName: string): string {
  return i18n.t('maps.title.full', { measure, level: REGION_LEVEL_NAMES[i18n.lang][level].toLowerCase(), region: regionName });
}

/** Filters of the cross-tab, or none (indicators are not filtered). */
export function filtersNote(i18n: LegendI18n, filters: readonly AttributeFilter[] | undefined): string | null {
  return filtersLine(i18n, filters);
}

/** Where a cross-tab measure comes from: the datasets with their batches and vintages. */
export function crosstabSourcesNote(i18n: LegendI18n, datasets: readonly DatasetInfo[]): string {
  return datasetsLine(i18n, datasets);
}

/** Where an indicator comes from: its sources and the batches (with vintages) its values were read from. */
export function indicatorSourcesNote(i18n: LegendI18n, values: IndicatorMapValues): string {
  const { t } = i18n;
  const batches = new Map<number, string>();
  for (const v of values.values) {
    const b = v.batch;
    if (!batches.has(b.id)) batches.set(b.id, b.vintage ? t('xchart.batchWithVintage', { label: b.label, vintage: b.vintage, id: b.id }) : t('xchart.batch', { label: b.label, id: b.id }));
  }
  const sources = values.sources.filter((s) => s !== '');
  const list = [...(sources.length > 0 ? [sources.join(', ')] : []), ...batches.values()].join(' · ');
  return list === '' ? t('maps.note.indicatorNoSource') : t('xchart.sources', { list });
}

/** How the classes were made: "Kelas: kuantil, 5 kelas". */
export function classingNote(i18n: LegendI18n, c: Classification, requested: number): string {
  const { t } = i18n;
  const method = t(`maps.class.method.${c.method}`);
  const n = c.classes.length;
  return n < requested && c.method !== 'manual' ? t('maps.note.classesFewer', { method, n, requested }) : t('maps.note.classes', { method, n });
}

/** What a share is of (shares leave out those with no data on the attribute). */
export function shareNote(i18n: LegendI18n, m: MapMeasure): string | null {
  if (m.kind !== 'category' || m.as !== 'share') return null;
  const meta = measureAttribute(m);
  return i18n.t('maps.note.shareBase', { attribute: meta ? meta[i18n.lang] : m.attribute });
}
