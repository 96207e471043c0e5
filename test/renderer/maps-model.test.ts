/**
 * The map's measure in plain data: the cross-tab spec a measure asks for, each region's value from
 * a CrosstabResult (shares without the "no data" column, counts told apart from "no data" by the
 * unfiltered universe), the region above them, the families behind a figure, the regions of a map
 * with classes and colours, and the option parts handed to ECharts.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisCatalog, AxisItem, CrosstabResult, CrosstabSpec, DatasetInfo } from '../../shared/contracts/analysis.ts';
import type { IndicatorMapValues, MapGeometry } from '../../shared/contracts/maps.ts';
import { ATTRIBUTES } from '../../shared/analysis/attributes.ts';
import { formatNumber, formatPercent, interpolate } from '../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../shared/i18n/ui.ts';
import type { BatchSummary } from '../../shared/model/source.ts';
import { defaultDraft } from '../../renderer/src/features/analysis/analysisModel.ts';
import type { LegendI18n } from '../../renderer/src/features/maps/legend.ts';
import {
  applyPreset, buildMapModel, presetAvailable, DEFAULT_CLASSING, defaultMapDraft, drillTargetOf, effectiveUnit, mapSpec, matchingPreset, nextLevel, NO_OWN_LATRINE,
  parentValue, PRESETS, universeSpec, valuesFromCrosstab, valuesFromIndicator, type MapDraft, type MapMeasure, type RegionValue,
} from '../../renderer/src/features/maps/mapModel.ts';
import { aspectScaleOf, hoverOutline, mapBaseOption, mapData, mapTooltip, showLabels, tooltipHtml } from '../../renderer/src/features/maps/mapOption.ts';
import { NO_DATA_FILL, paletteColors } from '../../renderer/src/features/maps/palette.ts';

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

function batch(id: number, source: BatchSummary['source'], label: string, vintage: string | null): BatchSummary {
  return { id, source, label, vintage, origin: 'demo', status: 'complete', fileName: null, rowsLoaded: 1, rowsRejected: 0, families: 1, persons: 1, createdAt: '2026-01-01T00:00:00Z' };
}

const P3KE: DatasetInfo = {
  source: 'p3ke',
  familyBatch: batch(1, 'p3ke_keluarga', 'P3KE Keluarga NTT', '2024'),
  personBatch: batch(2, 'p3ke_individu', 'P3KE Individu NTT', '2024'),
  families: 10,
  persons: 40,
};

const CATALOG: AnalysisCatalog = {
  attributes: ATTRIBUTES,
  sources: [{ source: 'p3ke', familyBatches: [P3KE.familyBatch], personBatches: [P3KE.personBatch ?? P3KE.familyBatch], filled: ATTRIBUTES.map((a) => a.key) }],
  language: 'id',
};

/** Columns of the latrine attribute: own, shared, none, no data. */
const LATRINE_COLS: readonly AxisItem[] = [
  { key: '1', label: 'Milik sendiri' },
  { key: '2', label: 'Umum/bersama' },
  { key: '3', label: 'Tidak ada/lainnya' },
  { key: '', label: 'Tidak ada data' },
];

/** A result over three desa (plus the "no region" row); persons are three times the families. */
function latrineResult(families: number[][], spec: CrosstabSpec): CrosstabResult {
  const rows: AxisItem[] = [
    { key: '53.01.01.2001', label: 'Desa A' },
    { key: '53.01.01.2002', label: 'Desa B' },
    { key: '53.01.01.2003', label: 'Desa C' },
    { key: '', label: 'Tanpa wilayah' },
  ];
  const persons = families.map((r) => r.map((n) => n * 3));
  const rowSum = (m: number[][]) => m.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = (m: number[][]) => LATRINE_COLS.map((_, c) => m.reduce((a, r) => a + (r[c] ?? 0), 0));
  const total = families.flat().reduce((a, b) => a + b, 0);
  return {
    definition: {
      spec,
      datasets: [P3KE],
      region: { code: '53.01.01', name: 'Kecamatan X', level: 3 },
      ageDate: '2026-01-01',
      description: [],
      title: 'x',
    },
    rows,
    cols: spec.cols === null ? [{ key: '*', label: 'Jumlah' }] : LATRINE_COLS,
    cells: { families, persons },
    rowTotals: { families: rowSum(families), persons: rowSum(persons) },
    colTotals: { families: colSum(families), persons: colSum(persons) },
    total: { families: total, persons: total * 3 },
    groups: [],
    personLevel: false,
    ms: 1,
  };
}

const LATRINE_SHARE: MapMeasure = { kind: 'category', unit: 'families', attribute: 'jamban', values: NO_OWN_LATRINE, as: 'share' };

function draftWith(measure: MapMeasure): MapDraft {
  const base = defaultDraft(CATALOG);
  return { measure, base: { ...base, filters: [{ id: 1, attribute: 'desil', mode: 'values', values: [1], min: null, max: null, exclude: false }] } };
}

describe('the cross-tab a measure asks for', () => {
  it('regions of the level as rows, the attribute as columns, restricted to the parent region', () => {
    const spec = mapSpec(draftWith(LATRINE_SHARE), 4, '53.01.01', ATTRIBUTES);
    expect(spec).toEqual({
      rows: { kind: 'region', level: 4 },
      cols: 'jamban',
      region: '53.01.01',
      filters: [{ attribute: 'desil', values: [1] }],
      sources: ['p3ke'],
      batches: [],
      measure: 'families',
    });
    // The working province: no region in the spec (the warehouse takes its own).
    expect(mapSpec(draftWith(LATRINE_SHARE), 4, null)?.region).toBeUndefined();
  });

  it('plain totals have no columns; an indicator or a measure without categories has no cross-tab', () => {
    expect(mapSpec(draftWith({ kind: 'total', unit: 'persons' }), 2, null)?.cols).toBeNull();
    expect(mapSpec(draftWith({ kind: 'total', unit: 'persons' }), 2, null)?.measure).toBe('persons');
    expect(mapSpec(draftWith({ kind: 'indicator', indicator: 'IPM', period: '2024' }), 2, null)).toBeNull();
    expect(mapSpec(draftWith({ ...LATRINE_SHARE, values: [] }), 2, null)).toBeNull();
  });

  it('counts need the unfiltered universe to tell "none" from "no data"; shares do not', () => {
    const spec = mapSpec(draftWith({ ...LATRINE_SHARE, as: 'count' }), 4, '53.01.01');
    expect(spec && universeSpec(spec, { ...LATRINE_SHARE, as: 'count' })).toMatchObject({ cols: null, filters: [] });
    const share = mapSpec(draftWith(LATRINE_SHARE), 4, '53.01.01');
    expect(share && universeSpec(share, LATRINE_SHARE)).toBeNull();
  });

  it('a member attribute counts persons', () => {
    const m: MapMeasure = { kind: 'category', unit: 'families', attribute: 'umur', values: [1], as: 'share' };
    expect(effectiveUnit(m, ATTRIBUTES)).toBe('persons');
    expect(mapSpec(draftWith(m), 3, null, ATTRIBUTES)?.measure).toBe('persons');
  });

  it('presets: desil-1 without own latrine first, recognised again after being applied', () => {
    let id = 0;
    const draft = defaultMapDraft(CATALOG, () => ++id);
    expect(draft.measure).toEqual(LATRINE_SHARE);
    expect(matchingPreset(draft)).toBe('latrine');
    const pkh = PRESETS.find((p) => p.id === 'pkh');
    if (!pkh) throw new Error('no pkh preset');
    const next = applyPreset(pkh, CATALOG, draft.base, () => ++id);
    expect(matchingPreset(next)).toBe('pkh');
    expect(matchingPreset({ ...next, measure: { ...LATRINE_SHARE, values: [3] } })).toBeNull();
  });

  it('the padu-padan preset only once a run fills the linkage status', () => {
    const preset = PRESETS.find((p) => p.id === 'notInDtks');
    if (!preset) throw new Error('no linkage preset');
    const without = { ...CATALOG, sources: CATALOG.sources.map((s) => ({ ...s, filled: s.filled.filter((k) => !k.startsWith('padan_')) })) };
    expect(presetAvailable(preset, without)).toBe(false);
    expect(presetAvailable(preset, CATALOG)).toBe(true);
  });
});

describe('values from a CrosstabResult', () => {
  const spec: CrosstabSpec = { rows: { kind: 'region', level: 4 }, cols: 'jamban', region: '53.01.01', filters: [{ attribute: 'desil', values: [1] }] };
  // Desa A: 10 own, 5 shared, 3 none, 2 unknown; Desa B: nobody; Desa C: 4 own only.
  const result = latrineResult(
    [
      [10, 5, 3, 2],
      [0, 0, 0, 0],
      [4, 0, 0, 0],
      [1, 0, 0, 0],
    ],
    spec,
  );

  it('share of the chosen categories among those whose latrine is known; no denominator is "no data"', () => {
    const values = valuesFromCrosstab(result, LATRINE_SHARE, null);
    expect(values.map((v) => v.code)).toEqual(['53.01.01.2001', '53.01.01.2002', '53.01.01.2003']);
    expect(values[0]).toEqual({ code: '53.01.01.2001', name: 'Desa A', value: 8 / 18, numerator: 8, denominator: 18, families: 8 });
    expect(values[1]?.value).toBeNull();
    expect(values[2]?.value).toBe(0);
  });

  it('persons from the persons block', () => {
    const values = valuesFromCrosstab(result, { ...LATRINE_SHARE, unit: 'persons' }, null, 'persons');
    expect(values[0]).toMatchObject({ numerator: 24, denominator: 54, families: 8 });
  });

  it('counts: zero where the sources have families but none pass, "no data" where they have none', () => {
    const universe = latrineResult(
      [
        [30, 0, 0, 0],
        [0, 0, 0, 0],
        [12, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      { ...spec, cols: null, filters: [] },
    );
    const m: MapMeasure = { ...LATRINE_SHARE, as: 'count' };
    const values = valuesFromCrosstab(result, m, universe);
    expect(values.map((v) => v.value)).toEqual([8, null, 0]);
  });

  it('plain totals: the row totals; without families, no data', () => {
    const totals = latrineResult(
      [
        [20, 0, 0, 0],
        [0, 0, 0, 0],
        [4, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      { ...spec, cols: null },
    );
    const values = valuesFromCrosstab(totals, { kind: 'total', unit: 'families' }, null);
    expect(values.map((v) => v.value)).toEqual([20, null, 4]);
    expect(valuesFromCrosstab(totals, { kind: 'total', unit: 'persons' }, null, 'persons').map((v) => v.value)).toEqual([60, null, 12]);
  });

  it('the region above them: the share over all its children', () => {
    const whole = parentValue(result, LATRINE_SHARE, 'families', '53.01.01', 'Kecamatan X');
    expect(whole).toMatchObject({ numerator: 8, denominator: 23, families: 8 });
    expect(whole?.value).toBeCloseTo(8 / 23);
  });

  it('the families behind a figure: the chosen categories become a filter of the drill-down', () => {
    const v = valuesFromCrosstab(result, LATRINE_SHARE, null)[0] as RegionValue;
    const target = drillTargetOf(spec, LATRINE_SHARE, v, v.code, 'Desa A');
    expect(target).toEqual({
      spec: { ...spec, cols: null, filters: [{ attribute: 'desil', values: [1] }, { attribute: 'jamban', values: [2, 3] }] },
      row: '53.01.01.2001',
      col: null,
      title: 'Desa A',
      families: 8,
    });
    expect(drillTargetOf(spec, { kind: 'total', unit: 'families' }, v, null, 'x')?.row).toBeNull();
    expect(drillTargetOf(spec, { kind: 'indicator', indicator: 'IPM', period: '2024' }, v, null, 'x')).toBeNull();
  });

  it('indicator values keep their source and the other sources’ values', () => {
    const values: IndicatorMapValues = {
      indicator: 'Prevalensi stunting',
      period: '2024',
      unit: '%',
      values: [{ code: '53.01', value: 21.5, source: 'Dinkes', batch: batch(9, 'indicator', 'Indikator 2024', '2024'), conflict: [{ value: 23, source: 'SSGI' }] }],
      sources: ['Dinkes', 'SSGI'],
    };
    expect(valuesFromIndicator(values, new Map([['53.01', 'Kupang']]))).toEqual([
      { code: '53.01', name: 'Kupang', value: 21.5, numerator: null, denominator: null, families: null, source: 'Dinkes', conflict: [{ value: 23, source: 'SSGI' }] },
    ]);
  });
});

describe('the regions of a map', () => {
  const geometry: Pick<MapGeometry, 'features' | 'missing'> = {
    features: ['2001', '2002', '2003', '2004', '2005'].map((d) => ({
      type: 'Feature' as const,
      properties: { kode: `53.01.01.${d}`, nama: `Desa ${d}` },
      geometry: { type: 'Polygon' as const, coordinates: [] },
    })),
    missing: [{ code: '53.01.01.2009', name: 'Desa Tanpa Peta' }],
  };
  const value = (d: string, v: number | null): RegionValue => ({ code: `53.01.01.${d}`, name: `Desa ${d}`, value: v, numerator: 1, denominator: 2, families: 1 });

  it('classes over the regions drawn with a value; no value is hatched grey, no polygon listed apart', () => {
    const model = buildMapModel(geometry, [value('2001', 0), value('2002', 0.5), value('2003', 1), value('2004', null), value('2009', 0.9)], {
      ...DEFAULT_CLASSING,
      method: 'equal',
      classes: 3,
    });
    expect(model.classification.valued).toBe(3);
    expect(model.classification.missing).toBe(2);
    expect(model.noData).toBe(2);
    expect(model.noPolygon.map((r) => r.code)).toEqual(['53.01.01.2009']);
    expect(model.noPolygon[0]?.value).toBe(0.9);
    const colors = paletteColors('oranye', 3);
    expect(model.regions.slice(0, 5).map((r) => r.color)).toEqual([colors[0], colors[1], colors[2], NO_DATA_FILL, NO_DATA_FILL]);
    // Zero is the lowest class, not "no data".
    expect(model.regions[0]?.klass).toBe(0);
    expect(model.regions[3]?.klass).toBe(-1);
  });

  it('drills to the next level that has a layer', () => {
    expect(nextLevel(1, [4, 2, 3])).toBe(2);
    expect(nextLevel(2, [2, 4])).toBe(4);
    expect(nextLevel(4, [2, 3, 4])).toBeNull();
  });
});

describe('the ECharts option parts', () => {
  it('corrects the aspect for the latitude (NTT lies near 9–10° south)', () => {
    expect(aspectScaleOf([118.9, -11.0, 125.2, -8.0])).toBeCloseTo(Math.cos((9.5 * Math.PI) / 180), 6);
  });

  it('base: registered map joined by `kode`, no animation, no labels for villages', () => {
    const names = new Map([['53.01', 'Kupang']]);
    const base = mapBaseOption({ mapName: 'padu-1-2-prov', level: 2, bbox: [118, -11, 125, -8], names });
    const series = Array.isArray(base.series) ? base.series[0] : base.series;
    expect(base.animation).toBe(false);
    expect(series).toMatchObject({ type: 'map', map: 'padu-1-2-prov', nameProperty: 'kode', selectedMode: false });
    expect(showLabels(2, 22)).toBe(true);
    expect(showLabels(4, 12)).toBe(false);
    expect(showLabels(3, 315)).toBe(false);
    expect(hoverOutline(315)).toBe(true);
    expect(hoverOutline(3352)).toBe(false);
    const villages = mapBaseOption({ mapName: 'v', level: 4, bbox: [118, -11, 125, -8], names: new Map(Array.from({ length: 500 }, (_, i) => [`c${i}`, `n${i}`])) });
    const vs = Array.isArray(villages.series) ? villages.series[0] : villages.series;
    expect(vs?.emphasis).toEqual({ disabled: true });
    expect(vs?.label?.show).toBe(false);
  });

  it('data: a fill per drawn region, the no-data fill without a value; a tooltip with name, value and counts', () => {
    const model = buildMapModel(
      {
        features: [
          { type: 'Feature', properties: { kode: '53.01', nama: 'Kupang' }, geometry: { type: 'Polygon', coordinates: [] } },
          { type: 'Feature', properties: { kode: '53.02', nama: 'TTS' }, geometry: { type: 'Polygon', coordinates: [] } },
        ],
        missing: [],
      },
      [{ code: '53.01', name: 'Kupang', value: 0.25, numerator: 50, denominator: 200, families: 50 }],
      DEFAULT_CLASSING,
    );
    const data = mapData(model);
    expect(data.map((d) => d.name)).toEqual(['53.01', '53.02']);
    expect(data[0]).toEqual({ name: '53.01', value: 0.25, fill: model.regions[0]?.color });
    // Without a value: the fill handed in (the hatch pattern on screen), never a class colour.
    expect(data[1]?.fill).toBe(NO_DATA_FILL);
    expect(Number.isNaN(data[1]?.value)).toBe(true);
    expect(mapData(model, '#abcdef')[1]?.fill).toBe('#abcdef');
    expect(mapTooltip(ID, model, { format: { kind: 'share', digits: 1 }, unit: 'keluarga', measure: '% keluarga' })('53.01')).toContain('Kupang');

    const region = model.regions[0];
    if (!region) throw new Error('no region');
    const html = tooltipHtml(ID, region, { format: { kind: 'share', digits: 1 }, unit: 'keluarga', measure: '% keluarga' });
    expect(html).toContain('Kupang');
    expect(html).toContain('25,0%');
    expect(html).toContain('50 dari 200 keluarga');
    const none = model.regions[1];
    if (!none) throw new Error('no region');
    expect(tooltipHtml(i18nOf('en'), none, { format: { kind: 'share', digits: 1 }, unit: 'families', measure: '%' })).toContain('No data');
  });
});
