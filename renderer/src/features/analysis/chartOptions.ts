/**
 * ECharts options for a cross-tab as plain data: grouped, stacked and 100% stacked bars
 * (categories = rows, one series per column). Pure functions, so the arithmetic (shares, stacks
 * adding up to 100) and the layout rules are unit-tested without a canvas.
 */
import { attributeMeta, valueLabel } from '../../../../shared/analysis/attributes.ts';
import type { AttributeFilter, CrosstabResult, DatasetInfo, Measure, PercentMode } from '../../../../shared/contracts/analysis.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import type { I18n } from '../../i18n/I18nProvider.tsx';

export type CrosstabChartKind = 'bar' | 'stacked' | 'stacked100';

export type ChartI18n = Pick<I18n, 'lang' | 't' | 'num' | 'pct'>;

/**
 * Unordered categories: strong, well separated hues that stay apart on a washed-out projector
 * and for the common colour-vision deficiencies (blue/orange first, then the house green).
 */
export const CATEGORY_COLORS: readonly string[] = [
  '#0b5d4b',
  '#d9822b',
  '#2f6f9f',
  '#b4461b',
  '#6d5a9c',
  '#c9a227',
  '#3e9c8a',
  '#8c564b',
  '#c2559a',
  '#5d6b2f',
  '#4a90c2',
  '#3d4944',
];

/** Ordered categories (desil 1 … 10, age groups): from the warm accent (desil 1, poorest) to deep green. */
const ORDERED_STOPS: readonly (readonly [number, number, number])[] = [
  [0xb4, 0x46, 0x1b],
  [0xe9, 0x9a, 0x3b],
  [0xe8, 0xc5, 0x5a],
  [0x5f, 0xa8, 0x8a],
  [0x06, 0x39, 0x2e],
];

/** "No data" columns are neutral grey, whatever the palette. */
export const MISSING_COLOR = '#9aa5a1';

const TEXT = '#1b2420';
const MUTED = '#55615c';
const GRID_LINE = '#e3e8e6';

/** Rows above which bars turn horizontal (category names then read left to right). */
export const HORIZONTAL_FROM_ROWS = 9;
/** Longest plot area drawn whole, in pixels; beyond it a zoom slider shows ZOOM_PLOT_HEIGHT at a time. */
const MAX_PLOT_HEIGHT = 840;
const ZOOM_PLOT_HEIGHT = 600;

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0');
}

/** `count` colours spread along the ordered ramp. */
export function orderedColors(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return ['#0b5d4b'];
  const segments = ORDERED_STOPS.length - 1;
  return Array.from({ length: count }, (_, i) => {
    const at = (i / (count - 1)) * segments;
    const k = Math.min(Math.floor(at), segments - 1);
    const f = at - k;
    const a = ORDERED_STOPS[k] ?? [0, 0, 0];
    const b = ORDERED_STOPS[k + 1] ?? a;
    return `#${hex(a[0] + (b[0] - a[0]) * f)}${hex(a[1] + (b[1] - a[1]) * f)}${hex(a[2] + (b[2] - a[2]) * f)}`;
  });
}

/** Dark or light text, whichever reads on `color` (labels inside stacked segments). */
export function textOn(color: string): string {
  const v = Number.parseInt(color.slice(1), 16);
  const [r, g, b] = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return lum > 0.55 ? TEXT : '#ffffff';
}

function isMissingKey(key: string): boolean {
  return key === '' || key === '-1';
}

/** Columns without a single family or person in the table (P3KE has no desil 5–10, for instance). */
export function emptyColumns(result: CrosstabResult, measure: Measure): boolean[] {
  return result.cols.map((_, c) => (result.colTotals[measure][c] ?? 0) === 0);
}

/**
 * One colour per column: the ordered ramp for ordered attributes (spread over the columns that
 * hold data, so desil 1–4 of P3KE get four distinct colours), else the category palette; grey for
 * "no data" and for empty columns.
 */
export function seriesColors(result: CrosstabResult, measure: Measure): string[] {
  const cols = result.cols;
  const empty = emptyColumns(result, measure);
  const ordered = result.definition.spec.cols ? (attributeMeta(result.definition.spec.cols)?.ordered ?? false) : false;
  const used = (c: number) => !isMissingKey(cols[c]?.key ?? '') && !(ordered && empty[c]);
  const ramp = ordered ? orderedColors(cols.filter((_, c) => used(c)).length) : [];
  let i = 0;
  return cols.map((_, c) => {
    if (!used(c)) return MISSING_COLOR;
    const color = ordered ? (ramp[i] ?? MISSING_COLOR) : (CATEGORY_COLORS[i % CATEGORY_COLORS.length] ?? MISSING_COLOR);
    i++;
    return color;
  });
}

export interface ChartSeriesData {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  /** Families or people per row. */
  readonly counts: readonly number[];
  /** What is drawn: the counts, or percentages (0–100) for a percent mode or the 100% stack. */
  readonly values: readonly number[];
  /** Each count's share (0–1) for the tooltip: of the base the percent mode names (of the row without one). */
  readonly shares: readonly (number | null)[];
  /** No family or person in the whole column: drawn switched off in the legend (it can be switched on). */
  readonly empty: boolean;
}

export interface ChartData {
  readonly categories: readonly string[];
  readonly series: readonly ChartSeriesData[];
  /** Families or people per row (the row total). */
  readonly rowTotals: readonly number[];
  /** Values are percentages (0–100) rather than counts. */
  readonly percentAxis: boolean;
  /** The percent mode the values (and shares) follow: the 100% stack is always of the row. */
  readonly mode: PercentMode;
}

function share(n: number, base: number): number | null {
  return base > 0 ? n / base : null;
}

/**
 * The series of a chart. The 100% stack divides by the sum of the row's own cells so its
 * segments add up to exactly 100; the other modes divide by the totals the table shows.
 */
export function crosstabChartData(result: CrosstabResult, measure: Measure, percent: PercentMode, kind: CrosstabChartKind): ChartData {
  const cells = result.cells[measure];
  const mode: PercentMode = kind === 'stacked100' ? 'row' : percent;
  const colors = seriesColors(result, measure);
  const empty = emptyColumns(result, measure);
  const rowSums = result.rows.map((_, r) => (cells[r] ?? []).reduce((a, b) => a + b, 0));
  const rowTotals = result.rows.map((_, r) => result.rowTotals[measure][r] ?? rowSums[r] ?? 0);
  const single = result.cols.length <= 1;
  const series = result.cols.map((col, c) => {
    const counts = result.rows.map((_, r) => cells[r]?.[c] ?? 0);
    const shares = counts.map((n, r): number | null => {
      if (kind === 'stacked100') return share(n, rowSums[r] ?? 0);
      switch (mode) {
        case 'row':
          return share(n, rowTotals[r] ?? 0);
        case 'col':
          return share(n, result.colTotals[measure][c] ?? 0);
        case 'total':
          return share(n, result.total[measure]);
        case 'none':
          // Without a percent mode the tooltip gives the share of the row (of the whole for a single column).
          return single ? share(n, result.total[measure]) : share(n, rowTotals[r] ?? 0);
      }
    });
    const values = mode === 'none' ? counts : shares.map((s) => (s === null ? 0 : s * 100));
    return { key: col.key, name: col.label, color: colors[c] ?? MISSING_COLOR, counts, values, shares, empty: empty[c] ?? false };
  });
  return { categories: result.rows.map((r) => r.label), series, rowTotals, percentAxis: mode !== 'none', mode };
}

/** Break `text` into lines of at most `max` characters at spaces (a longer word stays whole). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= max) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The datasets of a result in one line: source, batch, vintage (a saved chart says where its numbers come from). */
export function datasetsLine(i18n: Pick<I18n, 't'>, datasets: readonly DatasetInfo[]): string {
  const { t } = i18n;
  if (datasets.length === 0) return t('xchart.sourcesNone');
  const items = datasets.map((d) => {
    const batch = (b: DatasetInfo['familyBatch']) =>
      b.vintage ? t('xchart.batchWithVintage', { label: b.label, vintage: b.vintage, id: b.id }) : t('xchart.batch', { label: b.label, id: b.id });
    const members = d.personBatch && d.personBatch.id !== d.familyBatch.id ? t('xchart.members', { batch: batch(d.personBatch) }) : '';
    return `${d.source.toUpperCase()}: ${batch(d.familyBatch)}${members}`;
  });
  return t('xchart.sources', { list: items.join(' · ') });
}

function filterText(i18n: Pick<I18n, 'lang' | 't'>, f: AttributeFilter): string {
  const meta = attributeMeta(f.attribute);
  const name = meta ? meta[i18n.lang] : f.attribute;
  const label = (code: number) => (meta ? valueLabel(meta, code, i18n.lang) : String(code));
  const parts: string[] = [];
  if (f.values && f.values.length > 0) parts.push(f.values.map(label).join(', '));
  if (f.min !== undefined || f.max !== undefined) {
    const lo = f.min !== undefined ? label(f.min) : '…';
    const hi = f.max !== undefined ? label(f.max) : '…';
    parts.push(`${lo} – ${hi}`);
  }
  const what = parts.join('; ');
  return f.exclude ? i18n.t('xchart.filterExclude', { name, values: what }) : i18n.t('xchart.filterInclude', { name, values: what });
}

/** The filters of a result in one line, or null without filters. */
export function filtersLine(i18n: Pick<I18n, 'lang' | 't'>, filters: readonly AttributeFilter[] | undefined): string | null {
  if (!filters || filters.length === 0) return null;
  return i18n.t('xchart.filters', { list: filters.map((f) => filterText(i18n, f)).join(' · ') });
}

/** Axis name: the measure, or what the percentages are of. */
export function valueAxisName(i18n: Pick<I18n, 't'>, measure: Measure, mode: PercentMode): string {
  const { t } = i18n;
  const unit = t(measure === 'families' ? 'unit.families' : 'unit.persons');
  switch (mode) {
    case 'none':
      return t('xchart.axisCount', { unit });
    case 'row':
      return t('xchart.axisRow', { unit });
    case 'col':
      return t('xchart.axisCol', { unit });
    case 'total':
      return t('xchart.axisTotal', { unit });
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The tooltip of one row: its total, then each column's count and share (id-ID or en-GB numbers). */
export function tooltipHtml(i18n: ChartI18n, data: ChartData, measure: Measure, row: number): string {
  const { t, num, pct } = i18n;
  const unit = t(measure === 'families' ? 'unit.families' : 'unit.persons');
  const head = `<div style="font-weight:700;margin-bottom:4px">${escapeHtml(data.categories[row] ?? '')}</div>`;
  const total = `<div style="color:${MUTED};margin-bottom:4px">${escapeHtml(t('xchart.tipTotal', { n: num(data.rowTotals[row] ?? 0), unit }))}</div>`;
  const lines = data.series.filter((s) => !s.empty).map((s) => {
    const n = s.counts[row] ?? 0;
    const sh = s.shares[row] ?? null;
    const swatch = `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${s.color}"></span>`;
    const figure = `${num(n)} ${unit}${sh === null ? '' : ` (${pct(sh)})`}`;
    return `<div style="display:flex;justify-content:space-between;gap:16px"><span>${swatch}${escapeHtml(s.name)}</span><span style="font-weight:600">${escapeHtml(figure)}</span></div>`;
  });
  return head + total + lines.join('');
}

export interface ChartLayout {
  readonly horizontal: boolean;
  /** A zoom slider shows `visibleRows` rows at a time. */
  readonly zoom: boolean;
  readonly visibleRows: number;
  readonly titleLines: readonly string[];
  readonly subtitleLines: readonly string[];
  readonly legendRows: number;
  readonly legendTop: number;
  readonly gridTop: number;
  readonly gridBottom: number;
  readonly gridLeft: number;
  readonly labelWidth: number;
  readonly height: number;
}

/** Rough text width on the canvas (the chart font at `size` px): enough to plan lines and margins. */
function textWidth(s: string, size: number): number {
  return s.length * size * 0.56;
}

/** How the chart is laid out for `width` pixels: orientation, zoom, title lines, legend rows, height. */
export function chartLayout(data: ChartData, title: string, subtitle: readonly string[], kind: CrosstabChartKind, width: number): ChartLayout {
  const w = Math.max(width, 360);
  const rows = data.categories.length;
  const seriesCount = data.series.length;
  const longest = data.categories.reduce((m, c) => Math.max(m, c.length), 0);
  const horizontal = rows >= HORIZONTAL_FROM_ROWS || (rows > 3 && longest > 22);

  const titleLines = wrapText(title, Math.max(20, Math.floor((w - 40) / (17 * 0.58))));
  const subtitleLines = subtitle.flatMap((line) => wrapText(line, Math.max(30, Math.floor((w - 40) / (13 * 0.56)))));
  const titleHeight = 12 + titleLines.length * 22 + (subtitleLines.length > 0 ? 6 + subtitleLines.length * 18 : 0);

  let legendRows = 0;
  if (seriesCount > 1) {
    legendRows = 1;
    let x = 0;
    const avail = w - 40;
    for (const s of data.series) {
      const item = 14 + 6 + textWidth(s.name, 13) + 16;
      if (x > 0 && x + item > avail) {
        legendRows++;
        x = 0;
      }
      x += item;
    }
  }
  const legendTop = titleHeight + 8;
  const gridTop = legendTop + legendRows * 24 + (horizontal ? 16 : 36);

  // Empty columns are switched off, so grouped bars only need room for the others.
  const shown = data.series.filter((s) => !s.empty).length;
  const grouped = kind === 'bar' && shown > 1;
  const band = horizontal ? (grouped ? Math.max(28, shown * 9 + 12) : 28) : 0;
  const zoom = horizontal && rows * band > MAX_PLOT_HEIGHT;
  const visibleRows = zoom ? Math.max(1, Math.floor(ZOOM_PLOT_HEIGHT / band)) : rows;
  const plot = horizontal ? Math.max(160, visibleRows * band) : 300;

  const labelWidth = horizontal ? Math.min(240, Math.max(64, Math.ceil(Math.min(longest, 32) * 7.8))) : 0;
  const gridLeft = horizontal ? labelWidth + 20 : 72;
  const gridBottom = horizontal ? 48 : 72;
  return {
    horizontal,
    zoom,
    visibleRows,
    titleLines,
    subtitleLines,
    legendRows,
    legendTop,
    gridTop,
    gridBottom,
    gridLeft,
    labelWidth,
    height: Math.round(gridTop + plot + gridBottom),
  };
}

export interface CrosstabChartInput {
  readonly result: CrosstabResult;
  readonly percent: PercentMode;
  readonly kind: CrosstabChartKind;
  readonly measure: Measure;
  /** Width of the chart area in pixels (titles wrap and the legend is planned for it). */
  readonly width: number;
}

export interface CrosstabChartBuilt {
  readonly option: ChartOption;
  readonly height: number;
  readonly data: ChartData;
  readonly layout: ChartLayout;
}

/** The whole chart: title and sources on the canvas (so a saved PNG carries them), legend, bars, tooltip, zoom. */
export function crosstabChartOption(i18n: ChartI18n, input: CrosstabChartInput): CrosstabChartBuilt {
  const { result, percent, kind, measure, width } = input;
  const { num, pct } = i18n;
  const data = crosstabChartData(result, measure, percent, kind);
  const subtitle = [filtersLine(i18n, result.definition.spec.filters), datasetsLine(i18n, result.definition.datasets)].filter((s): s is string => s !== null);
  const first = chartLayout(data, result.definition.title, subtitle, kind, width);
  // A zoomed chart saved as PNG shows a window of the rows: say so on the image.
  const layout = first.zoom
    ? chartLayout(data, result.definition.title, [...subtitle, i18n.t('xchart.zoomNote', { shown: num(first.visibleRows), n: num(data.categories.length) })], kind, width)
    : first;
  const stacked = kind !== 'bar';
  const rows = data.categories.length;
  const few = rows * Math.max(1, data.series.length) <= 24;

  const valueFmt = (v: number): string => (data.percentAxis ? pct(v / 100, 0) : num(v));
  const valueAxis = {
    type: 'value' as const,
    name: valueAxisName(i18n, measure, data.mode),
    nameLocation: 'middle' as const,
    nameGap: layout.horizontal ? 30 : 56,
    nameTextStyle: { fontSize: 13, color: MUTED },
    minInterval: data.percentAxis ? 0 : 1,
    max: kind === 'stacked100' ? 100 : undefined,
    axisLabel: { formatter: valueFmt, fontSize: 13, color: MUTED },
    splitLine: { lineStyle: { color: GRID_LINE } },
  };
  const categoryAxis = {
    type: 'category' as const,
    data: [...data.categories],
    inverse: layout.horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#8a9792' } },
    axisLabel: layout.horizontal
      ? { interval: 0, fontSize: 13, color: TEXT, width: layout.labelWidth, overflow: 'truncate' as const }
      : { interval: 0, fontSize: 13, lineHeight: 17, color: TEXT, width: Math.max(48, (Math.max(width, 360) - 96) / Math.max(1, rows) - 8), overflow: 'break' as const },
  };

  const series = data.series.map((s) => ({
    type: 'bar' as const,
    name: s.name,
    stack: stacked ? 'total' : undefined,
    barMaxWidth: layout.horizontal ? 22 : 64,
    data: [...s.values],
    itemStyle: { color: s.color, borderColor: stacked ? '#ffffff' : undefined, borderWidth: stacked ? 1 : 0 },
    emphasis: { focus: 'series' as const },
    label: stacked
      ? {
          show: rows <= 40,
          position: 'inside' as const,
          fontSize: 12,
          color: textOn(s.color),
          // Only segments wide enough to hold their figure are labelled.
          formatter: (p: { dataIndex: number }) => {
            const sh = s.shares[p.dataIndex] ?? null;
            if (kind === 'stacked100' || data.percentAxis) return sh !== null && sh >= 0.07 ? pct(sh, 0) : '';
            const n = s.counts[p.dataIndex] ?? 0;
            const total = data.rowTotals[p.dataIndex] ?? 0;
            return total > 0 && n / total >= 0.1 ? num(n) : '';
          },
        }
      : {
          show: few,
          position: layout.horizontal ? ('right' as const) : ('top' as const),
          fontSize: 13,
          fontWeight: 600,
          color: TEXT,
          formatter: (p: { dataIndex: number }) => valueFmt(s.values[p.dataIndex] ?? 0),
        },
  }));

  const option: ChartOption = {
    color: data.series.map((s) => s.color),
    title: {
      text: layout.titleLines.join('\n'),
      subtext: layout.subtitleLines.join('\n'),
      left: 16,
      top: 10,
      itemGap: 6,
      textStyle: { fontSize: 17, fontWeight: 'bold', lineHeight: 22, color: TEXT },
      subtextStyle: { fontSize: 13, lineHeight: 18, color: MUTED },
    },
    legend: {
      show: data.series.length > 1,
      selected: Object.fromEntries(data.series.filter((s) => s.empty).map((s) => [s.name, false])),
      type: 'plain',
      top: layout.legendTop,
      left: 16,
      right: 16,
      itemGap: 16,
      itemWidth: 14,
      itemHeight: 14,
      textStyle: { fontSize: 13, color: TEXT },
    },
    grid: { left: layout.gridLeft, right: layout.zoom ? 56 : 32, top: layout.gridTop, bottom: layout.gridBottom },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontSize: 13, color: TEXT },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        return first ? tooltipHtml(i18n, data, measure, first.dataIndex) : '';
      },
    },
    xAxis: layout.horizontal ? valueAxis : categoryAxis,
    yAxis: layout.horizontal ? categoryAxis : valueAxis,
    dataZoom: layout.zoom
      ? [
          { type: 'slider', yAxisIndex: 0, right: 12, width: 20, startValue: 0, endValue: layout.visibleRows - 1, showDetail: false, brushSelect: false },
          { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false },
        ]
      : [],
    series,
  };
  return { option, height: layout.height, data, layout };
}

/** A file name for the saved chart: the title without diacritics or punctuation, `.png`. */
export function pngFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80)
    .replace(/-+$/g, '');
  return `${base === '' ? 'grafik' : base}.png`;
}
