/**
 * Konvergensi as plain data: the arguments a screen state stands for, the buckets a count can be
 * opened by, the labels of the program kinds and strategies, and the stacked-bar chart of
 * "reached by 0 / 1 / 2 / 3+ programs" per region. Pure, so it is unit-tested without a canvas.
 */
import type { ConvergenceArgs, ConvergenceProgram, ConvergenceResult, ConvergenceRow } from '../../../../shared/contracts/interventions.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { STRATEGY_LABEL } from '../../../../shared/interventions/program.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import { chartLayout, orderedColors, textOn, tooltipHtml, type ChartData, type ChartI18n, type ChartLayout } from '../analysis/chartOptions.ts';

/** What the screen asks for; the region comes from the address. */
export interface ConvergenceDraft {
  readonly desil: readonly number[];
  /** Recipient-list years; null = open on that side. */
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
  readonly includeLists: boolean;
}

export const DEFAULT_DRAFT: ConvergenceDraft = { desil: [1], yearFrom: null, yearTo: null, includeLists: false };

/** P3KE holds desil 1–4; DTSEN ranks all ten. */
export const DESIL_P3KE: readonly number[] = [1, 2, 3, 4];
export const DESIL_ALL: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The warehouse's arguments for a draft in a region (null: the working province). */
export function toArgs(draft: ConvergenceDraft, region: string | null): ConvergenceArgs {
  const desil = [...new Set(draft.desil)].sort((a, b) => a - b);
  return {
    ...(region ? { region } : {}),
    desil,
    ...(draft.yearFrom !== null ? { yearFrom: draft.yearFrom } : {}),
    ...(draft.yearTo !== null ? { yearTo: draft.yearTo } : {}),
    includeLists: draft.includeLists,
  };
}

/** A stable key of the arguments: the table (and an open drill-down) belong to one key. */
export function argsKey(args: ConvergenceArgs): string {
  return JSON.stringify([args.region ?? null, args.desil ?? [], args.yearFrom ?? null, args.yearTo ?? null, args.includeLists ?? false]);
}

/** Desil chosen or not; the last one cannot be taken away (no desil means nobody to count). */
export function toggleDesil(desil: readonly number[], d: number): readonly number[] {
  if (desil.includes(d)) return desil.length > 1 ? desil.filter((x) => x !== d) : desil;
  return [...desil, d].sort((a, b) => a - b);
}

/**
 * A year box's text as a year: null for an empty box (no bound), undefined while it is not a
 * plausible year yet (the table keeps its last bound meanwhile).
 */
export function parseYear(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (!/^\d{4}$/.test(s)) return undefined;
  const y = Number(s);
  return y >= 1990 && y <= 2100 ? y : undefined;
}

/**
 * What a count counts, as `convergence.families` takes it: '0'–'3' programs (3 = three or more),
 * 'same' (several programs of one strategy), or a program's key (`flag:pkh`, `recipients:…`, `list:7`).
 */
export type Bucket = string;

export const COUNT_BUCKETS = ['0', '1', '2', '3'] as const;

export const COUNT_BUCKET_LABEL: Readonly<Record<(typeof COUNT_BUCKETS)[number], UiKey>> = {
  '0': 'conv.bucket.0',
  '1': 'conv.bucket.1',
  '2': 'conv.bucket.2',
  '3': 'conv.bucket.3',
};

export const PROGRAM_KIND_LABEL: Readonly<Record<ConvergenceProgram['kind'], UiKey>> = {
  flag: 'conv.kind.flag',
  recipients: 'conv.kind.recipients',
  list: 'conv.kind.list',
};

/** The strategy of a program in words, or null (a recipient list tied to no catalogue program). */
export function strategyLabel(strategy: ConvergenceProgram['strategy'], lang: 'id' | 'en'): string | null {
  return strategy === null ? null : STRATEGY_LABEL[strategy][lang];
}

/** Families of a row in a bucket. */
export function bucketCount(row: ConvergenceRow, programs: readonly ConvergenceProgram[], bucket: Bucket): number {
  switch (bucket) {
    case '0':
    case '1':
    case '2':
    case '3':
      return row.byCount[Number(bucket)] ?? 0;
    case 'same':
      return row.sameStrategy;
    default: {
      const j = programs.findIndex((p) => p.key === bucket);
      return j >= 0 ? (row.perProgram[j] ?? 0) : 0;
    }
  }
}

/** A count's share of the row's families (null for a row without families). */
export function shareOfRow(n: number, row: ConvergenceRow): number | null {
  return row.families > 0 ? n / row.families : null;
}

/** The rows of a region can be opened further down to kecamatan (desa are the end). */
export function rowsDrillable(result: ConvergenceResult): boolean {
  return result.region.level < 3;
}

export type ConvergenceChartMode = 'count' | 'percent';

/** The four bars' data: one series per bucket, one category per child region. */
export function convergenceChartData(i18n: Pick<ChartI18n, 't'>, result: ConvergenceResult, mode: ConvergenceChartMode): ChartData {
  const colors = orderedColors(COUNT_BUCKETS.length);
  const rows = result.rows;
  const series = COUNT_BUCKETS.map((b, k) => {
    const counts = rows.map((r) => r.byCount[k] ?? 0);
    const shares = rows.map((r, i) => shareOfRow(counts[i] ?? 0, r));
    return {
      key: b,
      name: i18n.t(COUNT_BUCKET_LABEL[b]),
      color: colors[k] ?? '#9aa5a1',
      counts,
      values: mode === 'percent' ? shares.map((s) => (s === null ? 0 : s * 100)) : counts,
      shares,
      empty: false,
    };
  });
  return {
    categories: rows.map((r) => r.name),
    series,
    rowTotals: rows.map((r) => r.families),
    percentAxis: mode === 'percent',
    mode: mode === 'percent' ? 'row' : 'none',
  };
}

export interface ConvergenceChartBuilt {
  readonly option: ChartOption;
  readonly height: number;
  readonly data: ChartData;
  readonly layout: ChartLayout;
  readonly title: string;
}

const TEXT = '#1b2420';
const MUTED = '#55615c';

/**
 * The stacked bars: title and the table's description on the canvas (so a saved PNG says what it
 * shows and where the numbers come from), a legend of the four buckets, labels in wide segments.
 */
export function convergenceChartOption(i18n: ChartI18n, result: ConvergenceResult, mode: ConvergenceChartMode, width: number): ConvergenceChartBuilt {
  const { t, num, pct } = i18n;
  const data = convergenceChartData(i18n, result, mode);
  const title = t('conv.chart.title', { region: result.region.name });
  const subtitle = result.description.slice(0, 2);
  const first = chartLayout(data, title, subtitle, 'stacked', width);
  const layout = first.zoom ? chartLayout(data, title, [...subtitle, t('xchart.zoomNote', { shown: num(first.visibleRows), n: num(data.categories.length) })], 'stacked', width) : first;
  const rows = data.categories.length;
  const widest = Math.max(1, ...data.rowTotals);
  const valueFmt = (v: number): string => (data.percentAxis ? pct(v / 100, 0) : num(v));
  const valueAxis = {
    type: 'value' as const,
    name: t(mode === 'percent' ? 'conv.chart.axisPercent' : 'conv.chart.axisCount'),
    nameLocation: 'middle' as const,
    nameGap: layout.horizontal ? 30 : 56,
    nameTextStyle: { fontSize: 13, color: MUTED },
    minInterval: data.percentAxis ? 0 : 1,
    max: mode === 'percent' ? 100 : undefined,
    axisLabel: { formatter: valueFmt, fontSize: 13, color: MUTED },
    splitLine: { lineStyle: { color: '#e3e8e6' } },
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
    stack: 'total',
    barMaxWidth: layout.horizontal ? 22 : 64,
    data: [...s.values],
    itemStyle: { color: s.color, borderColor: '#ffffff', borderWidth: 1 },
    emphasis: { focus: 'series' as const },
    label: {
      show: rows <= 40,
      position: 'inside' as const,
      fontSize: 12,
      color: textOn(s.color),
      // Only segments wide enough to hold their figure are labelled: in counts a segment's length
      // is its share of the longest bar, not of its own row.
      formatter: (p: { dataIndex: number }) => {
        const sh = s.shares[p.dataIndex] ?? null;
        const n = s.counts[p.dataIndex] ?? 0;
        if (mode === 'percent') return sh !== null && sh >= 0.07 ? pct(sh, 0) : '';
        return n / widest >= 0.06 ? num(n) : '';
      },
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
    legend: { show: true, type: 'plain', top: layout.legendTop, left: 16, right: 16, itemGap: 16, itemWidth: 14, itemHeight: 14, textStyle: { fontSize: 13, color: TEXT } },
    grid: { left: layout.gridLeft, right: layout.zoom ? 56 : 32, top: layout.gridTop, bottom: layout.gridBottom },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontSize: 13, color: TEXT },
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return p ? tooltipHtml(i18n, data, 'families', p.dataIndex) : '';
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
  return { option, height: layout.height, data, layout, title };
}
