/**
 * The shape every cell normaliser shares: a raw cell in, a stored value and its issues out.
 *
 * Normalisers run on millions of cells, so results without issues share one frozen empty list,
 * issues without parameters are frozen constants, and results that depend only on the input text
 * (labels, desil) are shared objects. Callers must treat results as read-only (the types say so).
 */
import type { CellIssue, IssueKind, IssueParams } from './issues.ts';

/** A cell as a reader hands it over: text, a spreadsheet number or boolean, or nothing. */
export type RawCell = string | number | boolean | null | undefined;

export interface Normalized {
  /** What the warehouse stores: text (ids, NIK, ISO dates, region codes), a number or code, or null. */
  readonly value: string | number | null;
  readonly issues: readonly CellIssue[];
  /** A category label that matched no code, as written (trimmed), for the row's `extra`. */
  readonly unmapped?: string | undefined;
}

/**
 * A result. Every normaliser builds its results here, so they all share one object shape: the
 * mapper reads `value`, `issues` and `unmapped` of ~30 cells a row from a dozen normalisers, and
 * results of mixed shapes (frozen or not, with or without `unmapped`) made those reads megamorphic
 * (a quarter of the mapping time). Results are shared and must not be changed (the types say so).
 */
export function cellResult(value: string | number | null, issues: readonly CellIssue[], unmapped?: string): Normalized {
  return { value, issues, unmapped };
}

export const NO_ISSUES: readonly CellIssue[] = Object.freeze([]);

/** A frozen one-issue list, built once per kind for kinds that carry no parameters. */
export function issueList(kind: IssueKind, params?: IssueParams): readonly CellIssue[] {
  return Object.freeze([Object.freeze(params ? { kind, params } : { kind })]);
}

export const EMPTY: Normalized = cellResult(null, NO_ISSUES);

export function valueOnly(value: string | number): Normalized {
  return cellResult(value, NO_ISSUES);
}

/** The cell as text for an issue's `value`: what the planner would see in the file. */
export function rawText(raw: RawCell): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return Number.isInteger(raw) && Math.abs(raw) < 1e21 ? raw.toFixed(0) : String(raw);
}

/**
 * Words clerks write for "nothing here" (DOMAIN.md §2.3: `KOSONG` means empty). Compared after
 * trimming and upper-casing.
 */
const EMPTY_MARKERS = new Set(['', '-', '--', '---', '—', '–', '.', 'KOSONG', '(KOSONG)', 'NULL', '(NULL)', 'N/A', '#N/A', 'TIDAK ADA DATA']);

/** Longest marker above; longer text is never a marker, so the common case skips the work. */
const MAX_MARKER = 14;

/** Characters `String.prototype.trim` removes (WhiteSpace and LineTerminator). */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Could trimmed text of this length, starting with this character (upper-cased for letters), be a
 * marker? Settles almost every cell (names, labels, numbers) without trimming or upper-casing.
 */
function mayBeMarker(first: number, length: number): boolean {
  switch (first) {
    case 45: // -
      return length <= 3;
    case 46: // .
    case 0x2013: // –
    case 0x2014: // —
      return length === 1;
    case 75: // K(OSONG)
      return length === 6;
    case 78: // N(ULL), N/A
      return length === 3 || length === 4;
    case 84: // T(IDAK ADA DATA)
      return length === 14;
    case 40: // ((KOSONG)), ((NULL))
      return length === 6 || length === 8;
    case 35: // #(N/A)
      return length === 4;
    default:
      return false;
  }
}

/** True for an empty cell or one of the "nothing here" markers. */
export function isEmptyText(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (n > MAX_MARKER + 4) return false;
  // No marker starts with a digit: NIKs, dates and numbers skip the rest.
  let c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) return false;
  let a = 0;
  let b = n;
  while (a < b && isTrimSpace(s.charCodeAt(a))) a++;
  if (a === b) return true;
  while (isTrimSpace(s.charCodeAt(b - 1))) b--;
  c = s.charCodeAt(a);
  if (c >= 97 && c <= 122) c -= 32;
  if (!mayBeMarker(c, b - a)) return false;
  return EMPTY_MARKERS.has(s.trim().toUpperCase());
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True when every character of `s` is 0–9 (and there is at least one). */
export function allDigits(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Trim spaces, NBSP and a leading apostrophe (Excel's "keep as text" mark that leaks into CSVs). */
export function trimCell(s: string): string {
  let t = s.trim();
  if (t.charCodeAt(0) === 39) t = t.slice(1).trim();
  return t;
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps a slice of 13 or more
 * characters as a view into its parent string, so a memo key cut from a 4 MB chunk of a CSV file
 * would keep the whole chunk alive — and a memo filled across a file, the whole file. Memos and
 * anything else kept past the current batch of rows store detached copies.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
