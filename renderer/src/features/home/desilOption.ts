import type { DesilCount } from '../../../../shared/contracts/home.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import type { I18n } from '../../i18n/I18nProvider.tsx';
import { desilLabelKey } from './sourceLabels.ts';

export const DESIL_COLOR = '#0b5d4b';
/** Desil 1 (extreme poverty) stands out in the warm accent. */
export const DESIL1_COLOR = '#b4461b';

/** Axis text for a desil: the number, and the display-only label for desil 1–4. */
export function desilAxisLabel(i18n: Pick<I18n, 't'>, desil: number): string {
  const key = desilLabelKey(desil);
  const head = i18n.t('desil.axis', { n: desil });
  return key ? `${head}\n${i18n.t(key)}` : head;
}

/**
 * Every desil from 1 to the highest present (at least 1–4, the P3KE range), zeros included, so the
 * categories do not shift between regions.
 */
export function completeDesil(desil: readonly DesilCount[]): DesilCount[] {
  const max = Math.max(4, ...desil.map((d) => d.desil));
  return Array.from({ length: max }, (_, i) => desil.find((d) => d.desil === i + 1) ?? { desil: i + 1, families: 0, persons: 0 });
}

/** Bar chart of families per desil. */
export function desilOption(i18n: Pick<I18n, 't' | 'num'>, desil: readonly DesilCount[]): ChartOption {
  const { t, num } = i18n;
  return {
    grid: { left: 72, right: 24, top: 36, bottom: 64 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? `${num(v)} ${t('unit.families')}` : String(v)),
      textStyle: { fontSize: 14 },
    },
    xAxis: {
      type: 'category',
      data: desil.map((d) => desilAxisLabel(i18n, d.desil)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#8a9792' } },
      axisLabel: {
        interval: 0,
        fontSize: 13,
        lineHeight: 18,
        color: '#1b2420',
        width: desil.length > 5 ? 84 : 160,
        overflow: 'break',
      },
    },
    yAxis: {
      type: 'value',
      name: t('desil.yAxis'),
      nameTextStyle: { fontSize: 13, color: '#55615c', align: 'left' },
      minInterval: 1,
      axisLabel: { formatter: (v: number) => num(v), fontSize: 13, color: '#55615c' },
      splitLine: { lineStyle: { color: '#e3e8e6' } },
    },
    series: [
      {
        type: 'bar',
        name: t('unit.familiesCap'),
        barMaxWidth: 72,
        data: desil.map((d) => ({
          value: d.families,
          itemStyle: { color: d.desil === 1 ? DESIL1_COLOR : DESIL_COLOR, borderRadius: [4, 4, 0, 0] },
          label: d.desil === 1 ? { fontWeight: 'bold', color: DESIL1_COLOR, fontSize: 15 } : undefined,
        })),
        label: {
          show: true,
          position: 'top',
          fontSize: 14,
          fontWeight: 600,
          color: '#1b2420',
          formatter: (p) => num(desil[p.dataIndex]?.families ?? 0),
        },
        emphasis: { disabled: true },
      },
    ],
  };
}
