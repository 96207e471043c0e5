import { describe, expect, it } from 'vitest';
import type { AxisItem, CrosstabResult, DatasetInfo, PercentMode } from '../../shared/contracts/analysis.ts';
import { formatNumber, formatPercent, interpolate } from '../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../shared/i18n/ui.ts';
import type { BatchSummary } from '../../shared/model/source.ts';
import {
  CATEGORY_COLORS,
  MISSING_COLOR,
  chartLayout,
  crosstabChartData,
  crosstabChartOption,
  datasetsLine,
  filtersLine,
  orderedColors,
  pngFileName,
  tooltipHtml,
  wrapText,
  type ChartI18n,
} from '../../renderer/src/features/analysis/chartOptions.ts';

function i18nOf(lang: 'id' | 'en'): ChartI18n {
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
  return { id, source, label, vintage, origin: 'import', status: 'complete', fileName: null, rowsLoaded: 1, rowsRejected: 0, families: 1, persons: 1, createdAt: '2026-01-01T00:00:00Z' };
}

const P3KE: DatasetInfo = {
  source: 'p3ke',
  familyBatch: batch(1, 'p3ke_keluarga', 'P3KE Keluarga NTT', '2024'),
  personBatch: batch(2, 'p3ke_individu', 'P3KE Individu NTT', '2024'),
  families: 10,
  persons: 40,
};

/** A result from a families matrix; people are twice the families; totals are the sums. */
function result(families: number[][], cols: readonly AxisItem[], colKey: string | null = 'desil', rowLabels?: string[]): CrosstabResult {
  const rows = families.map((_, i) => ({ key: `53.0${i + 1}`, label: rowLabels?.[i] ?? `Kabupaten ${i + 1}` }));
  const persons = families.map((r) => r.map((n) => n * 2));
  const rowSum = (m: number[][]) => m.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = (m: number[][]) => cols.map((_, c) => m.reduce((a, r) => a + (r[c] ?? 0), 0));
  const total = families.flat().reduce((a, b) => a + b, 0);
  return {
    definition: {
      spec: { rows: { kind: 'region', level: 2 }, cols: colKey, filters: [] },
      datasets: [P3KE],
      region: { code: '53', name: 'Nusa Tenggara Timur', level: 1 },
      ageDate: '2026-01-01',
      description: [],
      title: 'Keluarga menurut Kabupaten/kota × Desil kesejahteraan — Nusa Tenggara Timur',
    },
    rows,
    cols,
    cells: { families, persons },
    rowTotals: { families: rowSum(families), persons: rowSum(persons) },
    colTotals: { families: colSum(families), persons: colSum(persons) },
    total: { families: total, persons: total * 2 },
    groups: [],
    personLevel: false,
    ms: 1,
  };
}

const DESIL_COLS: AxisItem[] = [1, 2, 3, 4].map((d) => ({ key: String(d), label: `Desil ${d}` }));
const SAMPLE = result(
  [
    [10, 20, 30, 40],
    [3, 0, 0, 0],
    [0, 0, 0, 0],
    [7, 11, 13, 1],
  ],
  DESIL_COLS,
);

describe('cross-tab chart series', () => {
  it('has one series per column, in column order, for every kind and percent mode', () => {
    for (const kind of ['bar', 'stacked', 'stacked100'] as const) {
      for (const percent of ['none', 'row', 'col', 'total'] as const) {
        const d = crosstabChartData(SAMPLE, 'families', percent, kind);
        expect(d.series.map((s) => s.name)).toEqual(DESIL_COLS.map((c) => c.label));
        expect(d.categories).toEqual(SAMPLE.rows.map((r) => r.label));
        for (const s of d.series) expect(s.values).toHaveLength(SAMPLE.rows.length);
      }
    }
  });

  it('has a single series for a single total column', () => {
    const single = result([[5], [7], [9]], [{ key: '*', label: 'Jumlah' }], null);
    const built = crosstabChartOption(ID, { result: single, percent: 'none', kind: 'bar', measure: 'families', width: 900 });
    expect(built.data.series).toHaveLength(1);
    expect(built.data.series[0]?.values).toEqual([5, 7, 9]);
    const series = built.option.series;
    expect(Array.isArray(series) ? series.length : 1).toBe(1);
  });

  it('stacks every non-empty row to exactly 100 in the 100% stack, whatever the percent mode', () => {
    for (const percent of ['none', 'row', 'col', 'total'] as PercentMode[]) {
      const d = crosstabChartData(SAMPLE, 'families', percent, 'stacked100');
      expect(d.percentAxis).toBe(true);
      SAMPLE.rows.forEach((_, r) => {
        const sum = d.series.reduce((a, s) => a + (s.values[r] ?? 0), 0);
        if (SAMPLE.rowTotals.families[r] === 0) expect(sum).toBe(0);
        else expect(sum).toBeCloseTo(100, 9);
      });
    }
    // People too: a different matrix, the same rule.
    const p = crosstabChartData(SAMPLE, 'persons', 'none', 'stacked100');
    expect(p.series.reduce((a, s) => a + (s.values[0] ?? 0), 0)).toBeCloseTo(100, 9);
  });

  it('divides by the row, the column or the grand total as the percent mode says', () => {
    const row = crosstabChartData(SAMPLE, 'families', 'row', 'bar');
    expect(row.series[3]?.values[0]).toBeCloseTo(40, 9);
    const col = crosstabChartData(SAMPLE, 'families', 'col', 'bar');
    // Desil 1: 10 + 3 + 0 + 7 = 20 → the first row holds half.
    expect(col.series[0]?.values[0]).toBeCloseTo(50, 9);
    col.series.forEach((s) => expect(s.values.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9));
    const total = crosstabChartData(SAMPLE, 'families', 'total', 'stacked');
    const all = total.series.reduce((a, s) => a + s.values.reduce((x, y) => x + y, 0), 0);
    expect(all).toBeCloseTo(100, 9);
    const counts = crosstabChartData(SAMPLE, 'families', 'none', 'stacked');
    expect(counts.percentAxis).toBe(false);
    expect(counts.series[1]?.values).toEqual([20, 0, 0, 11]);
  });

  it('keeps empty columns as series, switched off in the legend and left out of the colour ramp', () => {
    const tenCols: AxisItem[] = Array.from({ length: 10 }, (_, i) => ({ key: String(i + 1), label: `Desil ${i + 1}` }));
    const p3ke = result([[5, 4, 3, 2, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]], tenCols);
    const built = crosstabChartOption(ID, { result: p3ke, percent: 'none', kind: 'bar', measure: 'families', width: 900 });
    expect(built.data.series).toHaveLength(10);
    expect(built.data.series.map((s) => s.empty)).toEqual([false, false, false, false, true, true, true, true, true, true]);
    const legend = built.option.legend;
    const selected = (Array.isArray(legend) ? legend[0] : legend)?.selected ?? {};
    expect(selected).toEqual({ 'Desil 5': false, 'Desil 6': false, 'Desil 7': false, 'Desil 8': false, 'Desil 9': false, 'Desil 10': false });
    const colors = built.data.series.slice(0, 4).map((s) => s.color);
    expect(colors).toEqual(orderedColors(4));
  });

  it('colours ordered columns along a ramp and "no data" in grey', () => {
    const withMissing = result([[1, 2, 3]], [{ key: '1', label: 'Desil 1' }, { key: '2', label: 'Desil 2' }, { key: '-1', label: 'Tidak ada data' }]);
    const d = crosstabChartData(withMissing, 'families', 'none', 'stacked');
    expect(d.series[2]?.color).toBe(MISSING_COLOR);
    expect(new Set(d.series.map((s) => s.color)).size).toBe(3);
    expect(orderedColors(10)).toHaveLength(10);
    expect(new Set(orderedColors(10)).size).toBe(10);
    const unordered = result([[1, 2]], [{ key: '1', label: 'Ya' }, { key: '0', label: 'Tidak' }], 'stunting');
    expect(crosstabChartData(unordered, 'families', 'none', 'bar').series.map((s) => s.color)).toEqual(CATEGORY_COLORS.slice(0, 2));
  });
});

describe('cross-tab chart layout and text', () => {
  it('turns horizontal with many rows and adds a zoom slider when 300 rows do not fit', () => {
    const few = crosstabChartData(SAMPLE, 'families', 'none', 'bar');
    expect(chartLayout(few, 'T', [], 'bar', 900).horizontal).toBe(false);
    const many = result(
      Array.from({ length: 300 }, (_, i) => [i, 1, 2, 3]),
      DESIL_COLS,
      'desil',
      Array.from({ length: 300 }, (_, i) => `Kecamatan ${i + 1}`),
    );
    const built = crosstabChartOption(ID, { result: many, percent: 'none', kind: 'stacked', measure: 'families', width: 1000 });
    expect(built.layout.horizontal).toBe(true);
    expect(built.layout.zoom).toBe(true);
    expect(built.layout.visibleRows).toBeLessThan(300);
    expect(built.height).toBeLessThan(1000);
    const zoom = built.option.dataZoom;
    expect(Array.isArray(zoom) ? zoom.length : 0).toBe(2);
  });

  it('puts the title and the data sources on the chart (so a saved PNG carries them)', () => {
    const built = crosstabChartOption(ID, { result: SAMPLE, percent: 'row', kind: 'stacked100', measure: 'families', width: 600 });
    const title = built.option.title;
    const t = Array.isArray(title) ? title[0] : title;
    expect(String(t?.text).replace(/\n/g, ' ')).toBe(SAMPLE.definition.title);
    const sub = String(t?.subtext).replace(/\n/g, ' ');
    expect(sub).toContain('P3KE Keluarga NTT, 2024 (batch #1)');
    expect(sub).toContain('P3KE Individu NTT, 2024 (batch #2)');
    expect(built.layout.titleLines.length).toBeGreaterThan(1);
  });

  it('names the data sources and the filters in the UI language', () => {
    expect(datasetsLine(ID, [P3KE])).toBe('Sumber data — P3KE: P3KE Keluarga NTT, 2024 (batch #1); anggota: P3KE Individu NTT, 2024 (batch #2)');
    expect(datasetsLine(i18nOf('en'), [])).toBe('Data sources — no family batch yet');
    expect(filtersLine(ID, [])).toBeNull();
    expect(filtersLine(ID, [{ attribute: 'desil', min: 1, max: 2 }])).toBe('Filter — Desil kesejahteraan: Desil 1 – Desil 2');
    expect(filtersLine(i18nOf('en'), [{ attribute: 'desil', values: [1], exclude: true }])).toBe('Filters — Welfare decile: other than Decile 1');
  });

  it('formats tooltip figures the Indonesian way, with the share of the row', () => {
    const big = result([[12345, 54321]], [{ key: '1', label: 'Desil 1' }, { key: '2', label: 'Desil 2 <b>' }]);
    const d = crosstabChartData(big, 'families', 'none', 'bar');
    const html = tooltipHtml(ID, d, 'families', 0);
    expect(html).toContain('12.345 keluarga (18,5%)');
    expect(html).toContain('54.321 keluarga (81,5%)');
    expect(html).toContain('Jumlah: 66.666 keluarga');
    expect(html).toContain('Desil 2 &lt;b&gt;');
    const en = tooltipHtml(i18nOf('en'), d, 'families', 0);
    expect(en).toContain('12,345 families (18.5%)');
  });

  it('wraps long text at spaces', () => {
    expect(wrapText('satu dua tiga empat', 9)).toEqual(['satu dua', 'tiga', 'empat']);
    expect(wrapText('', 10)).toEqual([]);
  });

  it('makes a safe file name from the title', () => {
    expect(pngFileName('Keluarga menurut Kecamatan × Desil — Kabupaten Kupang')).toBe('keluarga-menurut-kecamatan-desil-kabupaten-kupang.png');
    expect(pngFileName('Regapu’u / Wé: ../..\\x')).toBe('regapu-u-we-x.png');
    expect(pngFileName('×××')).toBe('grafik.png');
    expect(pngFileName('a'.repeat(200)).length).toBeLessThanOrEqual(84);
  });
});
