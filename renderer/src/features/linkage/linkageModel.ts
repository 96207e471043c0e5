/**
 * Padu-padan as plain data: which batches can be matched, the labels of methods and buckets, the
 * keys of the review queue, and the overlap of three or more batches as a bar chart of
 * combinations (UpSet-style: one bar per combination, which reads better than a Venn beyond three
 * sets). Pure, so it is unit-tested without a canvas or a warehouse.
 */
import type { LinkBucket, LinkMethod, LinkRunInfo, OverlapResult, ReviewPair } from '../../../../shared/contracts/linkage.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import type { BatchSummary, SourceKind } from '../../../../shared/model/source.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import { wrapText, type ChartI18n } from '../analysis/chartOptions.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';

/** The sources whose records name people or families (indicators name none). */
export const LINK_SOURCES: readonly SourceKind[] = ['p3ke_individu', 'p3ke_keluarga', 'dtks', 'dtsen_keluarga', 'dtsen_individu', 'program'];

/** Complete batches of people-bearing sources, in the warehouse's order. */
export function linkableBatches(batches: readonly BatchSummary[]): readonly BatchSummary[] {
  return batches.filter((b) => b.status === 'complete' && LINK_SOURCES.includes(b.source));
}

/**
 * The pair offered first: P3KE individu against DTKS (the question planners ask most), else the
 * first two linkable batches; null where a side has nothing to offer.
 */
export function defaultPair(batches: readonly BatchSummary[]): { readonly a: number | null; readonly b: number | null } {
  const a = batches.find((x) => x.source === 'p3ke_individu') ?? batches[0];
  const b = batches.find((x) => x.source === 'dtks' && x.id !== a?.id) ?? batches.find((x) => x.id !== a?.id);
  return { a: a?.id ?? null, b: b?.id ?? null };
}

/** "P3KE individu · Demo P3KE (#3)": the source first, since labels of demo batches look alike. */
export function batchName(t: ChartI18n['t'], b: Pick<BatchSummary, 'id' | 'source' | 'label'>): string {
  return `${t(SOURCE_NAME[b.source])} · ${b.label} (#${b.id})`;
}

/** A short name for charts and table heads, where the full label does not fit. */
export function batchShortName(t: ChartI18n['t'], b: Pick<BatchSummary, 'id' | 'source'>): string {
  return `${t(SOURCE_NAME[b.source])} #${b.id}`;
}

export const METHOD_LABEL: Readonly<Record<LinkMethod, UiKey>> = {
  nik: 'link.method.nik',
  kk_name: 'link.method.kk_name',
  desa_lahir: 'link.method.desa_lahir',
  kecamatan_lahir: 'link.method.kecamatan_lahir',
  manual: 'link.method.manual',
};

/** A method as the warehouse names it, in words (an unknown one is shown as is). */
export function methodLabel(t: ChartI18n['t'], method: string): string {
  return method in METHOD_LABEL ? t(METHOD_LABEL[method as LinkMethod]) : method;
}

/** Links by method in the cascade's order, without the empty ones. */
export function methodCounts(run: Pick<LinkRunInfo, 'linked'>): readonly { readonly method: LinkMethod; readonly count: number }[] {
  return (Object.keys(METHOD_LABEL) as LinkMethod[]).map((method) => ({ method, count: run.linked[method] ?? 0 })).filter((m) => m.count > 0);
}

export function linkedTotal(run: Pick<LinkRunInfo, 'linked'>): number {
  return methodCounts(run).reduce((s, m) => s + m.count, 0);
}

/** The region buckets of the table, in column order. */
export const REGION_BUCKETS = ['both', 'onlyA', 'onlyB', 'review', 'conflicts'] as const;
export type RegionBucket = (typeof REGION_BUCKETS)[number];

export const BUCKET_LABEL: Readonly<Record<RegionBucket, UiKey>> = {
  both: 'link.bucket.both',
  onlyA: 'link.bucket.onlyA',
  onlyB: 'link.bucket.onlyB',
  review: 'link.bucket.review',
  conflicts: 'link.bucket.conflicts',
};

/** A stable key of an opened count (region and bucket), to mark the cell whose records are shown. */
export function cellKey(region: string, bucket: LinkBucket): string {
  return `${region}|${bucket}`;
}

/** Rows of a summary can be opened further down while they are not desa (level 4). */
export function rowsDrillable(level: number): boolean {
  return level < 3;
}

/** The fields of the review queue, in the order they are compared. */
export const REVIEW_FIELDS = ['name', 'nik', 'kk', 'birth', 'sex', 'region'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export const REVIEW_FIELD_LABEL: Readonly<Record<ReviewField, UiKey>> = {
  name: 'link.field.name',
  nik: 'link.field.nik',
  kk: 'link.field.kk',
  birth: 'link.field.birth',
  sex: 'link.field.sex',
  region: 'link.field.region',
};

/** The text of a review record's field (the region by name, with its code when there is no name). */
export function reviewValue(pair: ReviewPair, side: 'a' | 'b', field: ReviewField): string | null {
  const r = pair[side];
  if (field === 'region') return r.regionName ?? r.region;
  return r[field];
}

export type ReviewAction = 'accept' | 'reject' | 'skip';

/**
 * The review queue's keys: T(erima)/A(ccept), R (Tolak/Reject), L(ewati)/S(kip) and →. Letters
 * of both languages work in both, so a planner never has to think about the interface language.
 * Keys with Ctrl/Alt/Meta are left to the browser.
 */
export function reviewKeyAction(e: { readonly key: string; readonly ctrlKey: boolean; readonly altKey: boolean; readonly metaKey: boolean }): ReviewAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key) {
    case 't':
    case 'T':
    case 'a':
    case 'A':
      return 'accept';
    case 'r':
    case 'R':
      return 'reject';
    case 'l':
    case 'L':
    case 's':
    case 'S':
    case 'ArrowRight':
      return 'skip';
    default:
      return null;
  }
}

/** The keys shown on each button and told to assistive technology (`aria-keyshortcuts`). */
export const REVIEW_KEYS: Readonly<Record<ReviewAction, { readonly shown: readonly string[]; readonly aria: string }>> = {
  accept: { shown: ['T', 'A'], aria: 'T A' },
  reject: { shown: ['R'], aria: 'R' },
  skip: { shown: ['L', 'S', '→'], aria: 'L S ArrowRight' },
};

/** The combinations of an overlap, largest first (ties: fewer sources first, then by index). */
export interface OverlapRow {
  readonly sets: readonly number[];
  readonly people: number;
  /** "P3KE individu #3 + DTKS #4". */
  readonly label: string;
}

export function overlapRows(t: ChartI18n['t'], result: OverlapResult): readonly OverlapRow[] {
  const names = result.batches.map((b) => batchShortName(t, b));
  return [...result.areas]
    .filter((a) => a.sets.length > 0)
    .sort((x, y) => y.people - x.people || x.sets.length - y.sets.length || x.sets.join(',').localeCompare(y.sets.join(',')))
    .map((a) => ({ sets: a.sets, people: a.people, label: a.sets.map((i) => names[i] ?? `#${i}`).join(' + ') }));
}

/** The pairs without a run, by name: their overlap is unknown. */
export function missingPairNames(t: ChartI18n['t'], result: OverlapResult): readonly string[] {
  const byId = new Map(result.batches.map((b) => [b.id, b]));
  const name = (id: number): string => {
    const b = byId.get(id);
    return b ? batchShortName(t, b) : `#${id}`;
  };
  return result.missing.map(([x, y]) => `${name(x)} ↔ ${name(y)}`);
}

/** Batches chosen for the overlap: on or off, in the warehouse's order. */
export function toggleBatch(chosen: readonly number[], id: number, order: readonly number[]): readonly number[] {
  const next = chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id];
  return order.filter((x) => next.includes(x));
}

export interface OverlapChartBuilt {
  readonly option: ChartOption;
  readonly height: number;
  readonly title: string;
  readonly rows: readonly OverlapRow[];
}

const TEXT = '#1b2420';
const MUTED = '#55615c';
/** One colour per number of sources in a combination: darker = found in more sources. */
const DEPTH_COLORS = ['#9bc7b4', '#4f9a7d', '#1f6b52', '#0d3f30', '#06261c'];

/**
 * The combinations as horizontal bars, largest on top; the bar's shade says in how many sources
 * the people were found. Title and the missing pairs are drawn on the canvas, so a saved PNG says
 * what it shows and what it cannot know.
 */
export function overlapChartOption(i18n: ChartI18n, result: OverlapResult, width: number): OverlapChartBuilt {
  const { t, num } = i18n;
  const rows = overlapRows(t, result);
  const title = t('link.overlap.chartTitle', { n: result.batches.length });
  const w = Math.max(width, 360);
  const missing = missingPairNames(t, result);
  const subtitle = [t('link.overlap.chartNote'), ...(missing.length > 0 ? [t('link.overlap.missingShort', { pairs: missing.join(', ') })] : [])];
  const titleLines = wrapText(title, Math.max(20, Math.floor((w - 40) / (17 * 0.58))));
  const subLines = subtitle.flatMap((s) => wrapText(s, Math.max(30, Math.floor((w - 40) / (13 * 0.56)))));
  const top = 12 + titleLines.length * 22 + 6 + subLines.length * 18 + 20;
  const longest = rows.reduce((m, r) => Math.max(m, r.label.length), 0);
  const labelWidth = Math.min(Math.floor(w * 0.45), Math.max(90, Math.ceil(longest * 7.8)));
  const band = 30;
  const height = Math.round(top + Math.max(120, rows.length * band) + 48);
  const option: ChartOption = {
    title: {
      text: titleLines.join('\n'),
      subtext: subLines.join('\n'),
      left: 16,
      top: 10,
      itemGap: 6,
      textStyle: { fontSize: 17, fontWeight: 'bold', lineHeight: 22, color: TEXT },
      subtextStyle: { fontSize: 13, lineHeight: 18, color: MUTED },
    },
    grid: { left: labelWidth + 24, right: 72, top, bottom: 48 },
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontSize: 13, color: TEXT },
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        const row = one ? rows[one.dataIndex] : undefined;
        return row ? `${escapeHtml(row.label)}<br/><b>${num(row.people)}</b> ${escapeHtml(t('link.overlap.people'))}` : '';
      },
    },
    xAxis: {
      type: 'value',
      name: t('link.overlap.axis'),
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { fontSize: 13, color: MUTED },
      minInterval: 1,
      axisLabel: { formatter: (v: number) => num(v), fontSize: 13, color: MUTED },
      splitLine: { lineStyle: { color: '#e3e8e6' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#8a9792' } },
      axisLabel: { interval: 0, fontSize: 13, color: TEXT, width: labelWidth, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((r) => ({ value: r.people, itemStyle: { color: DEPTH_COLORS[Math.min(r.sets.length, DEPTH_COLORS.length) - 1] ?? '#1f6b52' } })),
        label: { show: true, position: 'right', fontSize: 12, color: TEXT, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? num(p.value) : '') },
      },
    ],
  };
  return { option, height, title, rows };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
