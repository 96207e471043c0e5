/**
 * The legend's words: class ranges as percentages, whole counts or indicator values (Indonesian
 * and English number formats), the region counts, "no data" and "no polygon" entries, the title,
 * and the notes naming filters, classes, shares' base and the data vintages.
 */
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../shared/contracts/analysis.ts';
import type { IndicatorMapValues } from '../../shared/contracts/maps.ts';
import { formatNumber, formatPercent, interpolate } from '../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../shared/i18n/ui.ts';
import type { BatchSummary } from '../../shared/model/source.ts';
import { classify } from '../../renderer/src/features/maps/classify.ts';
import {
  classingNote, crosstabSourcesNote, filtersNote, formatValue, indicatorSourcesNote, legendEntries, legendLines, mapTitle, measureName, rangeLabel,
  regionCount, shareNote, valueFormat, type LegendI18n,
} from '../../renderer/src/features/maps/legend.ts';
import { buildMapModel, DEFAULT_CLASSING, NO_OWN_LATRINE, type MapMeasure } from '../../renderer/src/features/maps/mapModel.ts';
import { NO_DATA_FILL } from '../../renderer/src/features/maps/palette.ts';

function i18nOf(lang: 'id' | 'en'): LegendI18n {
  const dict: Readonly<Record<UiKey, string>> = lang === 'en' ? uiEn : uiId;
  return {
    lang,
    t: (key, params) => interpolate(dict[key], params),
    num: (n, digits = 0) => formatNumber(lang, n, digits),
    pct: (share, digits = 1) => formatPercent(lang, share, digits),
  };
}
const ID = i18nOf('id');
const EN = i18nOf('en');

const LATRINE: MapMeasure = { kind: 'category', unit: 'families', attribute: 'jamban', values: NO_OWN_LATRINE, as: 'share' };

function batch(id: number, label: string, vintage: string | null): BatchSummary {
  return { id, source: 'p3ke_keluarga', label, vintage, origin: 'demo', status: 'complete', fileName: null, rowsLoaded: 1, rowsRejected: 0, families: 1, persons: 1, createdAt: '2026-01-01T00:00:00Z' };
}

describe('class ranges', () => {
  it('shares as percentages, the unit once, "> a" after the first class', () => {
    const f = valueFormat(LATRINE, [0, 0.125, 0.5]);
    expect(f).toEqual({ kind: 'share', digits: 1 });
    expect(rangeLabel(ID, f, { from: 0, to: 0.125 }, true)).toBe('0,0 – 12,5%');
    expect(rangeLabel(ID, f, { from: 0.125, to: 0.5 }, false)).toBe('> 12,5 – 50,0%');
    expect(rangeLabel(EN, f, { from: 0.125, to: 0.5 }, false)).toBe('> 12.5 – 50.0%');
    // A class of one value (all villages at 0%) reads as that value.
    expect(rangeLabel(ID, f, { from: 0, to: 0 }, true)).toBe('0,0%');
  });

  it('counts as whole numbers: the next whole number after the lower bound', () => {
    const f = valueFormat({ kind: 'total', unit: 'families' }, [0, 3.4, 6.8]);
    expect(rangeLabel(ID, f, { from: 1, to: 3.4 }, true)).toBe('1 – 3');
    expect(rangeLabel(ID, f, { from: 3.4, to: 6.8 }, false)).toBe('4 – 6');
    expect(rangeLabel(ID, f, { from: 1200, to: 2500 }, false)).toBe('1.201 – 2.500');
    expect(rangeLabel(EN, f, { from: 1200, to: 2500 }, false)).toBe('1,201 – 2,500');
    expect(rangeLabel(ID, f, { from: 5, to: 5 }, true)).toBe('5');
  });

  it('indicators with the decimals their bounds need and their unit', () => {
    const m: MapMeasure = { kind: 'indicator', indicator: 'Prevalensi stunting', period: '2024' };
    // One decimal keeps these bounds apart; whole numbers need none; tiny values get two.
    expect(valueFormat(m, [10.5, 20.25, 31], '%')).toEqual({ kind: 'number', digits: 1, unit: '%' });
    expect(valueFormat(m, [10, 20, 30], '%')).toEqual({ kind: 'number', digits: 0, unit: '%' });
    expect(valueFormat(m, [0.011, 0.012, 0.02], null)).toEqual({ kind: 'number', digits: 2, unit: null });
    expect(rangeLabel(ID, valueFormat(m, [10, 20, 30], 'jiwa'), { from: 10, to: 20 }, true)).toBe('10 – 20 jiwa');
    expect(formatValue(ID, { kind: 'number', digits: 1, unit: 'persen' }, 12.25)).toBe('12,3 persen');
  });
});

describe('legend entries', () => {
  const geometry = {
    features: ['01', '02', '03', '04', '05', '06'].map((k) => ({
      type: 'Feature' as const,
      properties: { kode: `53.${k}`, nama: `Kab ${k}` },
      geometry: { type: 'Polygon' as const, coordinates: [] },
    })),
    missing: [{ code: '53.71', name: 'Kota Kupang' }],
  };
  const values = [0.1, 0.2, 0.3, 0.4, null, null].map((v, i) => ({ code: `53.0${i + 1}`, name: `Kab ${i + 1}`, value: v, numerator: 1, denominator: 1, families: 1 }));
  const model = buildMapModel(geometry, values, { ...DEFAULT_CLASSING, method: 'quantile', classes: 4 });
  const f = valueFormat(LATRINE, model.classification.breaks);

  it('one entry per class with its colour and count, then no data (hatched) and no polygon', () => {
    const entries = legendEntries(ID, model, f);
    expect(entries.map((e) => [e.key, e.count, e.style])).toEqual([
      ['class-0', 1, 'fill'],
      ['class-1', 1, 'fill'],
      ['class-2', 1, 'fill'],
      ['class-3', 1, 'fill'],
      ['no-data', 2, 'hatch'],
      ['no-polygon', 1, 'none'],
    ]);
    expect(entries[4]?.color).toBe(NO_DATA_FILL);
    expect(legendLines(ID, entries)).toEqual([
      '10,0 – 10,0%: 1 wilayah'.replace('10,0 – 10,0%', '10,0%'),
      '> 10,0 – 20,0%: 1 wilayah',
      '> 20,0 – 30,0%: 1 wilayah',
      '> 30,0 – 40,0%: 1 wilayah',
      'Tidak ada data: 2 wilayah',
      'Tanpa poligon: 1 wilayah',
    ]);
    expect(legendLines(EN, legendEntries(EN, model, f)).slice(-2)).toEqual(['No data: 2 regions', 'No polygon: 1 region']);
  });

  it('no "no data" or "no polygon" entry when every region has both', () => {
    const full = buildMapModel({ features: geometry.features.slice(0, 2), missing: [] }, values.slice(0, 2), DEFAULT_CLASSING);
    expect(legendEntries(ID, full, f).map((e) => e.key)).toEqual(['class-0', 'class-1']);
  });

  it('counts in both languages', () => {
    expect(regionCount(ID, 3352)).toBe('3.352 wilayah');
    expect(regionCount(EN, 3352)).toBe('3,352 regions');
  });
});

describe('title and notes', () => {
  it('the measure and title in words', () => {
    const name = measureName(ID, LATRINE, 'families');
    expect(name).toBe('% keluarga dengan Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya');
    expect(mapTitle(ID, name, 4, 'Kupang Tengah')).toBe(`${name} per desa/kelurahan — Kupang Tengah`);
    expect(measureName(EN, LATRINE, 'families')).toBe('% of families with Toilet facility: Shared/public, None/other');
    expect(measureName(ID, { kind: 'total', unit: 'persons' }, 'persons')).toBe('Jumlah jiwa');
    expect(measureName(ID, { ...LATRINE, as: 'count', values: [3] }, 'families')).toBe('Jumlah keluarga dengan Fasilitas BAB (jamban): Tidak ada/lainnya');
    expect(measureName(ID, { kind: 'indicator', indicator: 'IPM', period: '2024' }, 'families', 'indeks')).toBe('IPM (indeks), 2024');
    expect(mapTitle(EN, 'Number of families', 2, 'Nusa Tenggara Timur')).toBe('Number of families by regency/city — Nusa Tenggara Timur');
  });

  it('filters, classes, the base of shares and the data vintages', () => {
    expect(filtersNote(ID, [{ attribute: 'desil', values: [1] }])).toBe('Filter — Desil kesejahteraan: Desil 1');
    expect(filtersNote(ID, [])).toBeNull();
    expect(classingNote(ID, classify([1, 2, 3, 4, 5, 6], 'jenks', 5), 5)).toBe('Kelas: Jeda alami (Jenks), 5 kelas');
    expect(classingNote(ID, classify([1, 1, 2], 'quantile', 5), 5)).toBe('Kelas: Kuantil (jumlah wilayah sama), 2 kelas (diminta 5; nilai yang berbeda terlalu sedikit)');
    expect(shareNote(ID, LATRINE)).toBe('Persentase dihitung dari keluarga/jiwa yang datanya tentang Fasilitas BAB (jamban) ada.');
    expect(shareNote(ID, { kind: 'total', unit: 'families' })).toBeNull();

    const p3ke: DatasetInfo = { source: 'p3ke', familyBatch: batch(1, 'P3KE Keluarga', '2024'), personBatch: batch(2, 'P3KE Individu', '2024'), families: 1, persons: 1 };
    expect(crosstabSourcesNote(ID, [p3ke])).toBe('Sumber data — P3KE: P3KE Keluarga, 2024 (batch #1); anggota: P3KE Individu, 2024 (batch #2)');

    const ind: IndicatorMapValues = {
      indicator: 'IPM',
      period: '2024',
      unit: null,
      values: [
        { code: '53.01', value: 60, source: 'BPS', batch: batch(7, 'Indikator BPS', '2024'), conflict: [] },
        { code: '53.02', value: 61, source: 'BPS', batch: batch(7, 'Indikator BPS', '2024'), conflict: [] },
      ],
      sources: ['BPS'],
    };
    expect(indicatorSourcesNote(ID, ind)).toBe('Sumber data — BPS · Indikator BPS, 2024 (batch #7)');
    expect(indicatorSourcesNote(EN, { ...ind, values: [], sources: [] })).toBe('Data sources — not given');
  });
});
