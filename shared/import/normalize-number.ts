/**
 * Numbers as Indonesian files write them: `1.234.567,89` (thousand dots, decimal comma),
 * `Rp 2.500.000,-`, `35,4%`, plain `1234.5` from English-locale tools, and spreadsheet numbers.
 * Also desil (`1`, `1.0`, `Desil 1`, `1 - Sangat Miskin`) and years.
 */
import { allDigits, cellResult, EMPTY, isEmptyText, issueList, NO_ISSUES, trimCell } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';

export interface NumberOptions {
  /**
   * The file's decimal separator when the reader knows it (a `;`-separated CSV from
   * Indonesian-locale Excel uses `,`). Without it, one comma is a decimal comma and one dot
   * followed by exactly three digits is a thousands dot (`2.500` = 2500), as Indonesian files mean.
   */
  readonly decimal?: ',' | '.';
}

const INVALID: Normalized = cellResult(null, issueList('number_invalid'));
const NOT_INTEGER: Normalized = cellResult(null, issueList('number_not_integer'));

/** `Rp`, `Rp.`, `IDR` before; `,-`, `.-`, `%` after. */
function stripUnits(s: string): string {
  let t = s;
  const c0 = t.charCodeAt(0);
  if ((c0 === 82 || c0 === 114) && (t.charCodeAt(1) === 112 || t.charCodeAt(1) === 80)) {
    t = t.slice(2);
    if (t.charCodeAt(0) === 46) t = t.slice(1);
    t = t.trim();
  } else if (/^idr/i.test(t)) {
    t = t.slice(3).trim();
  }
  const n = t.length;
  if (n >= 2 && t.charCodeAt(n - 1) === 45 && (t.charCodeAt(n - 2) === 44 || t.charCodeAt(n - 2) === 46)) t = t.slice(0, n - 2);
  if (t.charCodeAt(t.length - 1) === 37) t = t.slice(0, -1).trimEnd();
  return t;
}

/** Digit groups separated by `sep` must be 1–3 digits then exactly 3 each. */
function validGroups(s: string, sep: string): boolean {
  const parts = s.split(sep);
  const first = parts[0] ?? '';
  if (first.length < 1 || first.length > 3 || !allDigits(first)) return false;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (p.length !== 3 || !allDigits(p)) return false;
  }
  return true;
}

/** The number a text cell means, or null. */
export function parseNumberText(text: string, decimal?: ',' | '.'): number | null {
  let s = stripUnits(text);
  let sign = 1;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    sign = c0 === 45 ? -1 : 1;
    s = s.slice(1).trimStart();
  }
  if (s.length === 0) return null;
  if (allDigits(s)) return sign * Number(s);
  // Spaces (plain, NBSP, narrow NBSP) used as thousands separators: `2 500 000`.
  if (/[\s\u00a0\u202f]/.test(s)) {
    const grouped = s.split(/[\s\u00a0\u202f]+/);
    if (!grouped.every((g, i) => (i === 0 ? g.length >= 1 && g.length <= 3 : g.length >= 3))) return null;
    s = grouped.join('');
  }
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (c < 48 || c > 57) {
      return null;
    }
  }
  let intPart: string;
  let fracPart = '';
  let group: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    group = dec === '.' ? ',' : '.';
    if ((dec === '.' ? dots : commas) !== 1) return null;
    const at = dec === '.' ? lastDot : lastComma;
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
  } else if (dots + commas === 0) {
    intPart = s;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const at = dots > 0 ? lastDot : lastComma;
    const after = s.length - at - 1;
    let isGroup: boolean;
    if (count > 1) isGroup = true;
    else if (decimal !== undefined) isGroup = decimal !== sep;
    else if (sep === ',') isGroup = false;
    else isGroup = after === 3 && at >= 1 && at <= 3 && s.charCodeAt(0) !== 48;
    if (isGroup) {
      group = sep;
      intPart = s;
    } else {
      intPart = s.slice(0, at);
      fracPart = s.slice(at + 1);
    }
  }
  if (group !== null) {
    if (!validGroups(intPart, group)) return null;
    intPart = intPart.split(group).join('');
  }
  if (intPart.length === 0) intPart = '0';
  if (!allDigits(intPart) || (fracPart.length > 0 && !allDigits(fracPart))) return null;
  const v = Number(fracPart.length > 0 ? `${intPart}.${fracPart}` : intPart);
  return Number.isFinite(v) ? sign * v : null;
}

function numberOf(raw: RawCell, opts: NumberOptions | undefined): number | null | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string') {
    const s = trimCell(raw);
    if (isEmptyText(s)) return null;
    return parseNumberText(s, opts?.decimal) ?? undefined;
  }
  if (raw === null || raw === undefined) return null;
  return undefined;
}

/** A decimal number; `undefined` inside means unreadable. */
export function normalizeNumber(raw: RawCell, opts?: NumberOptions): Normalized {
  const v = numberOf(raw, opts);
  if (v === null) return EMPTY;
  if (v === undefined) return INVALID;
  return cellResult(v, NO_ISSUES);
}

/** A whole number (counts, amounts in rupiah); `12.0` is 12, `12,5` is not a whole number. */
export function normalizeInteger(raw: RawCell, opts?: NumberOptions): Normalized {
  const v = numberOf(raw, opts);
  if (v === null) return EMPTY;
  if (v === undefined) return INVALID;
  if (!Number.isInteger(v)) return NOT_INTEGER;
  return cellResult(v, NO_ISSUES);
}

export interface YearOptions {
  readonly min?: number;
  readonly max?: number;
}

/** A four-digit year (`Tahun Pendataan`, program year); Excel's `2.024` display is read as 2024. */
export function normalizeYear(raw: RawCell, opts?: YearOptions): Normalized {
  const min = opts?.min ?? 1900;
  const max = opts?.max ?? 2100;
  const v = numberOf(raw, undefined);
  if (v === null) return EMPTY;
  if (v === undefined || !Number.isInteger(v) || v < min || v > max) {
    return cellResult(null, [{ kind: 'year_invalid', params: { expected: `${min}–${max}` } }]);
  }
  return cellResult(v, NO_ISSUES);
}

const DESIL_OK: readonly Normalized[] = Array.from({ length: 11 }, (_, i) => cellResult(i, NO_ISSUES));
const DESIL_INVALID: Normalized = cellResult(null, issueList('desil_invalid'));

/** `1`, `1.0`, `Desil 1`, `D1`, `1 - Sangat Miskin`, `1 (Sangat Miskin)` → 1; a range `1-4` is not a desil. */
function parseDesilText(raw: string): number | null {
  let s = trimCell(raw).toUpperCase();
  if (s.startsWith('DESIL')) s = s.slice(5).replace(/^[\s:.-]+/, '');
  else if (s.length > 1 && s.charCodeAt(0) === 68 && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57) s = s.slice(1);
  let i = 0;
  let v = 0;
  while (i < s.length && i < 3 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    v = v * 10 + (s.charCodeAt(i) - 48);
    i++;
  }
  if (i === 0 || i > 2) return null;
  // `1.0` / `1,00`: a float print of the integer.
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) === 48) j++;
    if (j === i + 1 || (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57)) return null;
    i = j;
  }
  if (i === s.length) return v;
  // A label may follow after a separator; another number after it makes a range, not a desil.
  const rest = s.slice(i);
  if (!/^[\s\-–—:(/]/.test(rest)) return null;
  if (/^[\s\-–—:(/]*\d/.test(rest)) return null;
  return v;
}

/**
 * Desil as an integer, range-checked for the source (P3KE 1–4, DTSEN/Regsosek 1–10). Labels next
 * to the number are display only (DOMAIN.md §2.3) and dropped.
 */
export function normalizeDesil(raw: RawCell, range: readonly [number, number] = [1, 10]): Normalized {
  let v: number | null;
  if (typeof raw === 'string') {
    const n = raw.length;
    const c = raw.charCodeAt(0);
    // Hot path: `1`…`9`, `10`.
    if (n === 1 && c >= 48 && c <= 57) v = c - 48;
    else if (n === 2 && c === 49 && raw.charCodeAt(1) === 48) v = 10;
    else if (isEmptyText(trimCell(raw))) return EMPTY;
    else v = parseDesilText(raw);
  } else if (typeof raw === 'number') {
    v = Number.isInteger(raw) ? raw : null;
  } else if (raw === null || raw === undefined) {
    return EMPTY;
  } else {
    v = null;
  }
  if (v === null) return DESIL_INVALID;
  if (v < range[0] || v > range[1]) return cellResult(null, [{ kind: 'desil_out_of_range', params: { expected: `${range[0]}–${range[1]}` } }]);
  return DESIL_OK[v] ?? cellResult(v, NO_ISSUES);
}
