/**
 * Plain computations of the region profile: desil shares of a region and its parent, the
 * comparison of a share with the parent's, sorting of the children table, and the desil chart.
 */
import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import type { I18n } from '../../i18n/I18nProvider.tsx';
import { desilAxisLabel } from '../home/desilOption.ts';

export const REGION_COLOR = '#0b5d4b';
export const PARENT_COLOR = '#9aa5a1';

export interface DesilShare {
  readonly desil: number;
  readonly families: number;
  readonly parentFamilies: number;
  /** Share of the families that have a desil (0–1), null when none has. */
  readonly share: number | null;
  readonly parentShare: number | null;
}

/**
 * Each desil's share of the families with a desil, in the region and in its parent: desil 1 to the
 * highest one with families (at least 1–4, the P3KE range), so P3KE's empty 5–10 are not drawn.
 */
export function desilShares(desil: RegionProfile['desil']): DesilShare[] {
  const total = desil.reduce((n, d) => n + d.families, 0);
  const parentTotal = desil.reduce((n, d) => n + d.parentFamilies, 0);
  const last = desil.reduce((m, d) => (d.families > 0 || d.parentFamilies > 0 ? Math.max(m, d.desil) : m), 4);
  return [...desil]
    .filter((d) => d.desil <= last)
    .sort((a, b) => a.desil - b.desil)
    .map((d) => ({
      ...d,
      share: total > 0 ? d.families / total : null,
      parentShare: parentTotal > 0 ? d.parentFamilies / parentTotal : null,
    }));
}

export type Comparison = 'higher' | 'lower' | 'same' | 'none';

/** Differences under half a percentage point read as "about the same". */
const SAME_WITHIN = 0.005;

/** How a region's share compares with its parent's. */
export function compareShare(share: number | null, parentShare: number | null): Comparison {
  if (share === null || parentShare === null) return 'none';
  const d = share - parentShare;
  if (Math.abs(d) < SAME_WITHIN) return 'same';
  return d > 0 ? 'higher' : 'lower';
}

export type ChildSortKey = 'name' | 'families' | `share:${number}`;

export interface ChildSort {
  readonly key: ChildSortKey;
  readonly dir: 'asc' | 'desc';
}

type Child = RegionProfile['children'][number];

/** The children in the chosen order; empty shares go last either way, ties by code. */
export function sortChildren(children: readonly Child[], sort: ChildSort | null): Child[] {
  const out = [...children];
  if (!sort) return out;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const value = (c: Child): number | string | null => {
    if (sort.key === 'name') return c.name;
    if (sort.key === 'families') return c.families;
    return c.shares[Number(sort.key.slice(6))] ?? null;
  };
  return out.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va === vb) return a.code.localeCompare(b.code);
      return va === null ? 1 : -1;
    }
    const d = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb, 'id') : (va as number) - (vb as number);
    return d !== 0 ? sign * d : a.code.localeCompare(b.code);
  });
}

/** Families per desil as shares, the region beside its parent (one series without a parent). */
export function desilCompareOption(
  i18n: Pick<I18n, 't' | 'num' | 'pct'>,
  rows: readonly DesilShare[],
  regionName: string,
  parentName: string | null,
): ChartOption {
  const { t, num, pct } = i18n;
  const withParent = parentName !== null;
  const series = [
    { name: regionName, color: REGION_COLOR, share: (d: DesilShare) => d.share, count: (d: DesilShare) => d.families },
    ...(withParent ? [{ name: parentName, color: PARENT_COLOR, share: (d: DesilShare) => d.parentShare, count: (d: DesilShare) => d.parentFamilies }] : []),
  ];
  return {
    color: series.map((s) => s.color),
    legend: { show: withParent, top: 0, left: 8, itemWidth: 14, itemHeight: 14, itemGap: 18, textStyle: { fontSize: 13, color: '#1b2420' } },
    grid: { left: 64, right: 16, top: withParent ? 64 : 36, bottom: 64 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontSize: 13 },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const d = first ? rows[first.dataIndex] : undefined;
        if (!d) return '';
        const head = `<div style="font-weight:700;margin-bottom:4px">${t('desil.axis', { n: d.desil })}</div>`;
        return (
          head +
          series
            .map((s) => {
              const sh = s.share(d);
              const swatch = `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${s.color}"></span>`;
              const name = s.name.replace(/&/g, '&amp;').replace(/</g, '&lt;');
              return `<div style="display:flex;justify-content:space-between;gap:16px"><span>${swatch}${name}</span><span style="font-weight:600">${sh === null ? '—' : pct(sh)} · ${num(s.count(d))} ${t('unit.families')}</span></div>`;
            })
            .join('')
        );
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((d) => desilAxisLabel(i18n, d.desil)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#8a9792' } },
      axisLabel: { interval: 0, fontSize: 12, lineHeight: 16, color: '#1b2420', width: rows.length > 5 ? 76 : 150, overflow: 'break' },
    },
    yAxis: {
      type: 'value',
      name: t('profile.desilAxis'),
      nameTextStyle: { fontSize: 13, color: '#55615c', align: 'left' },
      axisLabel: { formatter: (v: number) => pct(v, 0), fontSize: 13, color: '#55615c' },
      splitLine: { lineStyle: { color: '#e3e8e6' } },
    },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 52,
      barGap: '10%',
      data: rows.map((d) => s.share(d) ?? 0),
      itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] },
      label: {
        // The region's own shares are labelled; the parent's stay in the tooltip (less clutter on a projector).
        show: i === 0,
        position: 'top',
        fontSize: 12,
        fontWeight: 600,
        color: '#1b2420',
        formatter: (p: { dataIndex: number }) => {
          const sh = rows[p.dataIndex] ? s.share(rows[p.dataIndex] as DesilShare) : null;
          return sh === null ? '' : pct(sh, 0);
        },
      },
      emphasis: { disabled: true },
    })),
  };
}
