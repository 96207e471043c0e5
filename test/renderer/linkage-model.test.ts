/**
 * The pure parts of Padu-padan: which batches can be matched and which pair is offered, method
 * counts, the review queue's keys, and the overlap's combinations, missing pairs and chart.
 */
import { describe, expect, it } from 'vitest';
import type { OverlapResult, ReviewPair } from '../../shared/contracts/linkage.ts';
import { formatNumber, formatPercent, interpolate } from '../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../shared/i18n/ui.ts';
import type { BatchSummary, SourceKind } from '../../shared/model/source.ts';
import type { ChartI18n } from '../../renderer/src/features/analysis/chartOptions.ts';
import {
  defaultPair, linkableBatches, linkedTotal, methodCounts, methodLabel, missingPairNames, overlapChartOption, overlapRows, reviewKeyAction, reviewValue, rowsDrillable, toggleBatch,
} from '../../renderer/src/features/linkage/linkageModel.ts';

function i18nOf(lang: 'id' | 'en'): ChartI18n {
  const dict: Readonly<Record<UiKey, string>> = lang === 'en' ? uiEn : uiId;
  return {
    lang,
    t: (key, params) => interpolate(dict[key], params),
    num: (n, digits = 0) => formatNumber(lang, n, digits),
    pct: (share, digits = 1) => formatPercent(lang, share, digits),
  };
}

function batch(id: number, source: SourceKind, status: BatchSummary['status'] = 'complete'): BatchSummary {
  return { id, source, label: `B${id}`, vintage: null, origin: 'demo', status, fileName: null, rowsLoaded: 10, rowsRejected: 0, families: 5, persons: 10, createdAt: '2025-01-01T00:00:00Z' };
}

const keys = (key: string, mod: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, ...mod });

describe('linkage model', () => {
  it('offers complete people-bearing batches, P3KE individu against DTKS first', () => {
    const all = [batch(1, 'p3ke_keluarga'), batch(2, 'indicator'), batch(3, 'dtks'), batch(4, 'p3ke_individu'), batch(5, 'dtsen_individu', 'failed')];
    const ok = linkableBatches(all);
    expect(ok.map((b) => b.id)).toEqual([1, 3, 4]);
    expect(defaultPair(ok)).toEqual({ a: 4, b: 3 });
    expect(defaultPair([batch(7, 'program'), batch(8, 'dtsen_keluarga')])).toEqual({ a: 7, b: 8 });
    expect(defaultPair([batch(7, 'program')])).toEqual({ a: 7, b: null });
  });

  it('counts links by method in cascade order and names unknown methods as they are', () => {
    const run = { linked: { desa_lahir: 5, nik: 100, manual: 0 } };
    expect(methodCounts(run)).toEqual([{ method: 'nik', count: 100 }, { method: 'desa_lahir', count: 5 }]);
    expect(linkedTotal(run)).toBe(105);
    const { t } = i18nOf('id');
    expect(methodLabel(t, 'kk_name')).toBe('No KK + nama');
    expect(methodLabel(t, 'other')).toBe('other');
  });

  it('maps the review keys of both languages and leaves modified keys alone', () => {
    expect(reviewKeyAction(keys('t'))).toBe('accept');
    expect(reviewKeyAction(keys('A'))).toBe('accept');
    expect(reviewKeyAction(keys('r'))).toBe('reject');
    expect(reviewKeyAction(keys('l'))).toBe('skip');
    expect(reviewKeyAction(keys('s'))).toBe('skip');
    expect(reviewKeyAction(keys('ArrowRight'))).toBe('skip');
    expect(reviewKeyAction(keys('Enter'))).toBeNull();
    expect(reviewKeyAction(keys('r', { ctrlKey: true }))).toBeNull();
    expect(reviewKeyAction(keys('a', { metaKey: true }))).toBeNull();
  });

  it('reads a review field, the region by name when known', () => {
    const rec = { id: 1, sourceId: null, name: 'ANI', nik: '53**', kk: null, birth: '1990-01-01', sex: 'Perempuan', region: '53.01.01.2001', regionName: null };
    const pair: ReviewPair = { a: rec, b: { ...rec, id: 2, regionName: 'Oelnasi' }, method: 'desa_lahir', score: 0.8, differs: ['region'], waiting: 3 };
    expect(reviewValue(pair, 'a', 'region')).toBe('53.01.01.2001');
    expect(reviewValue(pair, 'b', 'region')).toBe('Oelnasi');
    expect(reviewValue(pair, 'a', 'kk')).toBeNull();
    expect(rowsDrillable(1)).toBe(true);
    expect(rowsDrillable(3)).toBe(false);
  });

  it('orders the overlap largest first, names the missing pairs, and draws one bar per combination', () => {
    const result: OverlapResult = {
      batches: [batch(4, 'p3ke_individu'), batch(3, 'dtks'), batch(6, 'dtsen_individu')],
      areas: [
        { sets: [0], people: 40 },
        { sets: [0, 1], people: 300 },
        { sets: [0, 1, 2], people: 40 },
        { sets: [], people: 9 },
      ],
      runs: [1],
      missing: [[3, 6]],
    };
    const i18n = i18nOf('id');
    const rows = overlapRows(i18n.t, result);
    expect(rows.map((r) => r.label)).toEqual(['P3KE individu #4 + DTKS #3', 'P3KE individu #4', 'P3KE individu #4 + DTKS #3 + DTSEN individu #6']);
    expect(missingPairNames(i18n.t, result)).toEqual(['DTKS #3 ↔ DTSEN individu #6']);
    const built = overlapChartOption(i18n, result, 900);
    const series = built.option.series;
    const first = Array.isArray(series) ? series[0] : series;
    expect(first?.data).toHaveLength(3);
    expect(JSON.stringify(built.option.title)).toContain('Belum dipadankan');
    expect(overlapChartOption(i18nOf('en'), result, 400).title).toBe('People by combination of sources (3 batches)');
  });

  it('keeps the chosen batches in the warehouse order', () => {
    expect(toggleBatch([], 5, [3, 5, 7])).toEqual([5]);
    expect(toggleBatch([5], 3, [3, 5, 7])).toEqual([3, 5]);
    expect(toggleBatch([3, 5], 3, [3, 5, 7])).toEqual([5]);
  });
});
