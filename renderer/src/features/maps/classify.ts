/**
 * Classes of a choropleth: quantiles, equal intervals, natural breaks (Jenks, exact by dynamic
 * programming) and breaks typed by the planner. Pure functions over the regions' values; regions
 * without a value (null) are left out and counted apart, so "no data" never falls into a class.
 */

export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'manual';

export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks', 'manual'];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 7;

export interface ClassRange {
  /** Lower bound: inclusive for the first class, exclusive for the others. */
  readonly from: number;
  /** Upper bound, inclusive. */
  readonly to: number;
  /** Regions whose value falls in the class. */
  readonly count: number;
}

export interface Classification {
  readonly method: ClassMethod;
  /** Class bounds, ascending: class i holds values in (breaks[i], breaks[i+1]] (the first also breaks[0]). */
  readonly breaks: readonly number[];
  readonly classes: readonly ClassRange[];
  /** Regions with a value / without one. */
  readonly valued: number;
  readonly missing: number;
}

/** Keep the class count within what the palette and the legend are made for. */
export function clampClasses(k: number): number {
  if (!Number.isFinite(k)) return 5;
  return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(k)));
}

function sortedValues(values: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/** Drop repeated bounds (tied quantiles, a manual break equal to the minimum), keeping the order. */
function uniqueAscending(bounds: readonly number[]): number[] {
  const out: number[] = [];
  for (const b of bounds) if (out.length === 0 || b > (out[out.length - 1] ?? b)) out.push(b);
  return out;
}

/**
 * Bounds from the classes' upper ends: the minimum, then each class's largest value. The first
 * class may be the minimum alone (`[min, min]`), so a value repeated at the bottom keeps its class.
 */
function fromUppers(min: number, uppers: readonly number[]): number[] {
  return [min, ...uniqueAscending(uppers)];
}

/**
 * Quantile bounds: each class gets (about) the same number of regions; a bound is always one of the
 * values, so ties never split and a class can hold more than its share.
 */
export function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const uppers: number[] = [];
  for (let i = 1; i <= k; i++) uppers.push(sorted[Math.max(0, Math.ceil((i * n) / k) - 1)] ?? 0);
  return fromUppers(sorted[0] ?? 0, uppers);
}

/** Equal intervals between the smallest and the largest value (one class when they are equal). */
export function equalBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0] ?? 0;
  const max = sorted[n - 1] ?? 0;
  if (max === min) return [min, max];
  const step = (max - min) / k;
  const bounds = [min];
  for (let i = 1; i < k; i++) bounds.push(min + i * step);
  bounds.push(max);
  return bounds;
}

/**
 * Natural breaks (Jenks): the split of the sorted values into at most `k` runs with the least total
 * squared deviation from each run's mean. Exact dynamic programming over the distinct values,
 * weighted by how often each occurs (shares of small villages repeat a lot), with prefix sums so a
 * run's deviation costs O(1): O(k·m²) for m distinct values.
 */
export function jenksBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const xs: number[] = [];
  const ws: number[] = [];
  for (const v of sorted) {
    if (xs.length > 0 && xs[xs.length - 1] === v) ws[ws.length - 1] = (ws[ws.length - 1] ?? 0) + 1;
    else {
      xs.push(v);
      ws.push(1);
    }
  }
  const m = xs.length;
  const classes = Math.min(k, m);
  if (classes <= 1) return [xs[0] ?? 0, xs[m - 1] ?? 0];

  // Prefix sums of weight, weighted value and weighted square: run [a, b) deviation in O(1).
  const W = new Float64Array(m + 1);
  const S = new Float64Array(m + 1);
  const Q = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const x = xs[i] ?? 0;
    const w = ws[i] ?? 0;
    W[i + 1] = (W[i] ?? 0) + w;
    S[i + 1] = (S[i] ?? 0) + w * x;
    Q[i + 1] = (Q[i] ?? 0) + w * x * x;
  }
  const ssd = (a: number, b: number): number => {
    const w = (W[b] ?? 0) - (W[a] ?? 0);
    if (w <= 0) return 0;
    const s = (S[b] ?? 0) - (S[a] ?? 0);
    return Math.max(0, (Q[b] ?? 0) - (Q[a] ?? 0) - (s * s) / w);
  };

  // cost[c][j]: best deviation of the first j distinct values in c+1 runs; from[c][j]: where the last run starts.
  let prev = new Float64Array(m + 1);
  for (let j = 1; j <= m; j++) prev[j] = ssd(0, j);
  const from: Int32Array[] = [new Int32Array(m + 1)];
  for (let c = 1; c < classes; c++) {
    const cur = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const arg = new Int32Array(m + 1);
    for (let j = c + 1; j <= m; j++) {
      let best = Number.POSITIVE_INFINITY;
      let at = c;
      for (let i = c; i < j; i++) {
        const v = (prev[i] ?? 0) + ssd(i, j);
        if (v < best) {
          best = v;
          at = i;
        }
      }
      cur[j] = best;
      arg[j] = at;
    }
    from.push(arg);
    prev = cur;
  }

  // Walk back: the start of each run gives the upper bound of the run before it.
  const uppers: number[] = [xs[m - 1] ?? 0];
  let j = m;
  for (let c = classes - 1; c >= 1; c--) {
    const start = from[c]?.[j] ?? 0;
    uppers.push(xs[start - 1] ?? 0);
    j = start;
  }
  return fromUppers(xs[0] ?? 0, uppers.reverse());
}

/**
 * Breaks typed by the planner (the inner bounds, any order): the classes run from the smallest value
 * to the largest, cut at the breaks that lie strictly between them. Breaks outside the values' range
 * would make empty classes at the ends and are dropped.
 */
export function manualBreaks(sorted: readonly number[], inner: readonly number[]): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0] ?? 0;
  const max = sorted[n - 1] ?? 0;
  const cuts = [...inner].filter((b) => Number.isFinite(b) && b > min && b < max).sort((a, b) => a - b);
  return uniqueAscending([min, ...cuts, max]);
}

/** Index of the class a value falls in (bounds as in `Classification.breaks`), or -1 without classes. */
export function classIndex(breaks: readonly number[], value: number): number {
  const k = breaks.length - 1;
  if (k < 1) return -1;
  // Few classes: a linear scan is as fast as a binary search and simpler to read.
  for (let i = 1; i < k; i++) if (value <= (breaks[i] ?? 0)) return i - 1;
  return k - 1;
}

/**
 * Classify the values. `classes` is clamped to 3–7; `manual` gives the inner bounds for the manual
 * method. With all values equal there is one class; with fewer distinct values than classes,
 * quantiles and natural breaks give one class per value.
 */
export function classify(values: readonly (number | null)[], method: ClassMethod, classes: number, manual: readonly number[] = []): Classification {
  const sorted = sortedValues(values);
  const missing = values.length - sorted.length;
  const k = clampClasses(classes);
  let breaks: number[];
  switch (method) {
    case 'quantile':
      breaks = quantileBreaks(sorted, k);
      break;
    case 'equal':
      breaks = equalBreaks(sorted, k);
      break;
    case 'jenks':
      breaks = jenksBreaks(sorted, k);
      break;
    case 'manual':
      breaks = manualBreaks(sorted, manual);
      break;
  }
  // All values equal: a single class [v, v] (equal intervals and manual breaks give one bound).
  if (breaks.length === 1) breaks = [breaks[0] ?? 0, breaks[0] ?? 0];
  const counts = new Array<number>(Math.max(0, breaks.length - 1)).fill(0);
  for (const v of sorted) {
    const i = classIndex(breaks, v);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  const ranges = counts.map((count, i) => ({ from: breaks[i] ?? 0, to: breaks[i + 1] ?? 0, count }));
  return { method, breaks, classes: ranges, valued: sorted.length, missing };
}

/**
 * The planner's manual breaks as typed, in the measure's display unit (`scale` 100 for
 * percentages) and the UI language's number format: "10; 20,5; 30" (id: comma decimal, dot
 * thousands) or "10; 20.5; 30" (en). Breaks are separated by `;` or spaces. Null when something is
 * not a number.
 */
export function parseManualBreaks(text: string, lang: 'id' | 'en', scale = 1): number[] | null {
  const parts = text
    .split(/[;\s]+/)
    .map((p) => p.trim().replace(/%$/, ''))
    .filter((p) => p !== '');
  const out: number[] = [];
  for (const p of parts) {
    const normal = lang === 'id' ? p.replace(/\./g, '').replace(',', '.') : p.replace(/,/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
    out.push(Number(normal) / scale);
  }
  return out;
}
