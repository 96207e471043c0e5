import type { IndicatorEntry } from '../../../../shared/contracts/analysis.ts';
import type { BatchSummary } from '../../../../shared/model/source.ts';

/** One line of the indicator table: an indicator, period and source, with the region's and the parent's value. */
export interface IndicatorRow {
  readonly key: string;
  readonly indicator: string;
  readonly period: string;
  readonly source: string | null;
  readonly batch: BatchSummary;
  readonly region: IndicatorEntry | null;
  readonly parent: IndicatorEntry | null;
  /** Another source gives another value for this indicator and period (in the region or in the parent). */
  readonly conflict: boolean;
}

function rowKey(e: IndicatorEntry): string {
  return [e.indicator, e.period, e.source ?? '', e.batch.id].join('\u0000');
}

/**
 * Region and parent entries side by side. Entries of the same indicator and period from different
 * sources stay separate lines, next to each other, so both values can be seen.
 */
export function indicatorRows(region: readonly IndicatorEntry[], parent: readonly IndicatorEntry[]): IndicatorRow[] {
  const rows = new Map<string, { base: IndicatorEntry; region: IndicatorEntry | null; parent: IndicatorEntry | null }>();
  for (const e of region) rows.set(rowKey(e), { base: e, region: e, parent: null });
  for (const e of parent) {
    const k = rowKey(e);
    const row = rows.get(k);
    if (row) row.parent = e;
    else rows.set(k, { base: e, region: null, parent: e });
  }
  return [...rows.entries()]
    .map(([key, r]) => ({
      key,
      indicator: r.base.indicator,
      period: r.base.period,
      source: r.base.source,
      batch: r.base.batch,
      region: r.region,
      parent: r.parent,
      conflict: (r.region?.conflict ?? false) || (r.parent?.conflict ?? false),
    }))
    .sort(
      (a, b) =>
        a.indicator.localeCompare(b.indicator, 'id') ||
        b.period.localeCompare(a.period, 'id') ||
        (a.source ?? '').localeCompare(b.source ?? '', 'id') ||
        a.batch.id - b.batch.id,
    );
}

/** Decimal places a value is shown with: as many as it has, up to three. */
export function valueDigits(v: number): number {
  if (Number.isInteger(v)) return 0;
  const text = String(v);
  if (text.includes('e')) return 3;
  return Math.min(3, text.split('.')[1]?.length ?? 0);
}
