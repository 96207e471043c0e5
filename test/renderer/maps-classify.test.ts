/**
 * Choropleth classes: quantiles, equal intervals, natural breaks (Jenks) against examples worked
 * out by hand, manual breaks, and the edge cases a real map meets (all values equal, fewer values
 * than classes, regions without a value); palettes that darken class by class.
 */
import { describe, expect, it } from 'vitest';
import {
  classify, classIndex, clampClasses, equalBreaks, jenksBreaks, manualBreaks, parseManualBreaks, quantileBreaks,
} from '../../renderer/src/features/maps/classify.ts';
import { hexToLab, paletteColors, PALETTE_IDS } from '../../renderer/src/features/maps/palette.ts';

/** Total squared deviation of the runs a set of breaks makes (what Jenks minimises). */
function deviation(sorted: readonly number[], breaks: readonly number[]): number {
  const runs: number[][] = breaks.slice(1).map(() => []);
  for (const v of sorted) runs[classIndex(breaks, v)]?.push(v);
  return runs.reduce((s, r) => {
    if (r.length === 0) return s;
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    return s + r.reduce((a, b) => a + (b - mean) ** 2, 0);
  }, 0);
}

describe('quantile breaks', () => {
  it('splits ten values into five classes of two', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileBreaks(sorted, 5)).toEqual([1, 2, 4, 6, 8, 10]);
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 3, 6, 9]);
    const c = classify(sorted, 'quantile', 5);
    expect(c.classes.map((x) => x.count)).toEqual([2, 2, 2, 2, 2]);
  });

  it('never splits ties: a repeated value makes fewer, larger classes', () => {
    // Six villages at 0%: the bottom class is 0% alone, then 1–2 and 3–4.
    const values = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    const c = classify(values, 'quantile', 5);
    expect(c.breaks).toEqual([0, 0, 2, 4]);
    expect(c.classes.map((x) => x.count)).toEqual([6, 2, 2]);
    expect(c.classes.reduce((s, x) => s + x.count, 0)).toBe(values.length);
  });
});

describe('equal intervals', () => {
  it('cuts the range in equal steps', () => {
    expect(equalBreaks([0, 3, 10], 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    const c = classify([0, 1, 2.5, 3, 7.5, 8, 10], 'equal', 4);
    // A value on a bound belongs to the lower class.
    expect(c.classes.map((x) => x.count)).toEqual([3, 1, 1, 2]);
  });

  it('keeps empty classes in the middle of the range (counted 0)', () => {
    const c = classify([0, 0.1, 9.9, 10], 'equal', 5);
    expect(c.classes.map((x) => x.count)).toEqual([2, 0, 0, 0, 2]);
  });
});

describe('natural breaks (Jenks)', () => {
  it('finds the obvious groups', () => {
    expect(jenksBreaks([1, 2, 3, 10, 11, 12, 20, 21, 22], 3)).toEqual([1, 3, 12, 22]);
  });

  it('matches the split worked out by hand for 1, 2, 4, 5, 9 in two classes', () => {
    // Squared deviations of the four possible splits: {1}{2,4,5,9} 26; {1,2}{4,5,9} 14.5;
    // {1,2,4}{5,9} 12.67; {1,2,4,5}{9} 10 — the last is the least.
    expect(jenksBreaks([1, 2, 4, 5, 9], 2)).toEqual([1, 5, 9]);
  });

  it('is optimal: no other split of a small set into three classes deviates less', () => {
    const sorted = [0.02, 0.05, 0.05, 0.11, 0.12, 0.3, 0.31, 0.33, 0.6, 0.62, 0.9, 1];
    const best = jenksBreaks(sorted, 3);
    const found = deviation(sorted, best);
    const distinct = [...new Set(sorted)];
    for (let i = 0; i < distinct.length - 2; i++) {
      for (let j = i + 1; j < distinct.length - 1; j++) {
        const breaks = [distinct[0] ?? 0, distinct[i] ?? 0, distinct[j] ?? 0, distinct.at(-1) ?? 0];
        expect(found).toBeLessThanOrEqual(deviation(sorted, breaks) + 1e-12);
      }
    }
  });

  it('weighs repeated values (village shares repeat a lot) without changing the answer', () => {
    const base = [1, 2, 3, 10, 11, 12, 20, 21, 22];
    const repeated = [...base, 1, 1, 1, 22, 22].sort((a, b) => a - b);
    expect(jenksBreaks(repeated, 3)).toEqual([1, 3, 12, 22]);
  });

  it('classifies 3,352 values in well under the recolour budget', () => {
    const values = Array.from({ length: 3352 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const started = performance.now();
    const c = classify(values, 'jenks', 7);
    const ms = performance.now() - started;
    expect(c.classes).toHaveLength(7);
    expect(c.classes.reduce((s, x) => s + x.count, 0)).toBe(3352);
    expect(ms).toBeLessThan(1000);
  });
});

describe('manual breaks', () => {
  it('cuts at the breaks typed, in any order, between the smallest and largest value', () => {
    expect(manualBreaks([0, 5, 50, 100], [50, 10])).toEqual([0, 10, 50, 100]);
    const c = classify([0, 5, 10, 11, 50, 51, 100], 'manual', 5, [10, 50]);
    expect(c.classes.map((x) => [x.from, x.to, x.count])).toEqual([
      [0, 10, 3],
      [10, 50, 2],
      [50, 100, 2],
    ]);
  });

  it('drops breaks outside the values’ range and repeated ones', () => {
    expect(manualBreaks([2, 3, 4], [1, 3, 3, 9])).toEqual([2, 3, 4]);
  });

  it('reads breaks typed in either language, percentages as shares', () => {
    expect(parseManualBreaks('10; 20,5 30', 'id', 100)).toEqual([0.1, 0.205, 0.3]);
    expect(parseManualBreaks('1.250; 2.000', 'id')).toEqual([1250, 2000]);
    expect(parseManualBreaks('10%; 20.5', 'en', 100)).toEqual([0.1, 0.205]);
    expect(parseManualBreaks('10; dua', 'id')).toBeNull();
    expect(parseManualBreaks('', 'id')).toEqual([]);
  });
});

describe('edge cases', () => {
  it('all values equal: one class holding every region, for every method', () => {
    for (const method of ['quantile', 'equal', 'jenks', 'manual'] as const) {
      const c = classify([0.25, 0.25, 0.25, 0.25], method, 5, [0.1, 0.5]);
      expect(c.breaks).toEqual([0.25, 0.25]);
      expect(c.classes).toEqual([{ from: 0.25, to: 0.25, count: 4 }]);
    }
  });

  it('fewer distinct values than classes: one class per value (quantile, Jenks)', () => {
    for (const method of ['quantile', 'jenks'] as const) {
      const c = classify([1, 1, 2, 3, 3, 3], method, 5);
      expect(c.breaks).toEqual([1, 1, 2, 3]);
      expect(c.classes.map((x) => x.count)).toEqual([2, 1, 3]);
    }
    expect(classify([4], 'jenks', 3).classes).toEqual([{ from: 4, to: 4, count: 1 }]);
  });

  it('regions without a value are counted apart, never classed', () => {
    const c = classify([null, 0, null, 1, 2, Number.NaN], 'equal', 3);
    expect(c.valued).toBe(3);
    expect(c.missing).toBe(3);
    expect(c.classes.reduce((s, x) => s + x.count, 0)).toBe(3);
    expect(classify([null, null], 'quantile', 3)).toMatchObject({ breaks: [], classes: [], valued: 0, missing: 2 });
  });

  it('zero is a value like any other (the lowest class), not "no data"', () => {
    const c = classify([0, 0, 0.5, 1], 'equal', 3);
    expect(c.classes[0]?.count).toBe(2);
    expect(classIndex(c.breaks, 0)).toBe(0);
  });

  it('keeps the class count between 3 and 7', () => {
    expect(clampClasses(1)).toBe(3);
    expect(clampClasses(12)).toBe(7);
    expect(clampClasses(5.4)).toBe(5);
    expect(classify(Array.from({ length: 50 }, (_, i) => i), 'equal', 12).classes).toHaveLength(7);
  });
});

describe('palettes', () => {
  it('run from light to dark with every class darker than the one before (print in grey)', () => {
    for (const id of PALETTE_IDS) {
      for (let k = 3; k <= 7; k++) {
        const colors = paletteColors(id, k);
        expect(colors).toHaveLength(k);
        const lightness = colors.map((c) => hexToLab(c)[0]);
        for (let i = 1; i < k; i++) expect(lightness[i] ?? 0).toBeLessThan((lightness[i - 1] ?? 0) - 8);
        for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
  });
});
