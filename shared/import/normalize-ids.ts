/**
 * NIK, No KK and source record ids (DOMAIN.md §3–4). Kept as text exactly; never repaired. A
 * 16-digit number that went through Excel has lost its last digit, so a numeric cell ≥ 1e15 or
 * `5.30101E+15` text is stored as it arrived and flagged, not "fixed".
 */
import { allDigits, cellResult, EMPTY, isEmptyText, issueList, NO_ISSUES, rawText, trimCell } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';
import type { CellIssue, IssueKind } from './issues.ts';

interface IdIssues {
  readonly empty: Normalized;
  readonly placeholder: Normalized;
  readonly damaged: readonly CellIssue[];
  readonly notDigits: readonly CellIssue[];
  readonly badRegion: readonly CellIssue[];
  readonly badDate: readonly CellIssue[] | null;
  readonly lengthKind: 'nik_length' | 'kk_length';
}

const NIK: IdIssues = {
  empty: cellResult(null, issueList('nik_empty')),
  placeholder: cellResult(null, issueList('nik_placeholder')),
  damaged: issueList('nik_excel_damaged'),
  notDigits: issueList('nik_not_digits'),
  badRegion: issueList('nik_bad_region'),
  badDate: issueList('nik_bad_date'),
  lengthKind: 'nik_length',
};

/** The No KK's digits 7–12 are an issue date without a sex offset; DOMAIN.md only fixes length and prefix. */
const KK: IdIssues = {
  empty: cellResult(null, issueList('kk_empty')),
  placeholder: cellResult(null, issueList('kk_placeholder')),
  damaged: issueList('kk_excel_damaged'),
  notDigits: issueList('kk_not_digits'),
  badRegion: issueList('kk_bad_region'),
  badDate: null,
  lengthKind: 'kk_length',
};

/** Days per month for the NIK date check; 29 for February because the century is unknown. */
const MAX_DAY = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `5.30101E+15`, `5,30101E+15` (Indonesian-locale Excel), `5.3e15`: a number shown in scientific notation. */
export function looksScientific(s: string): boolean {
  return /^\d([.,]\d+)?e\+?\d{1,2}$/i.test(s);
}

function allSame(s: string): boolean {
  const c = s.charCodeAt(0);
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== c) return false;
  return true;
}

/** Scratch digits for `check16` (single-threaded per realm, never held across calls). */
const DIGITS: number[] = new Array<number>(16).fill(0);

/**
 * Checks of a 16-character string; null when it is not all digits (the caller takes the slow
 * path). Each character is read once: on millions of cells the character reads are the cost.
 */
function check16(s: string, t: IdIssues): Normalized | null {
  const d: number[] = DIGITS;
  let same = true;
  const c0 = s.charCodeAt(0);
  for (let i = 0; i < 16; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    if (c !== c0 - 48) same = false;
    d[i] = c;
  }
  if (same || s === '1234567890123456') return t.placeholder;
  if (((d[0] ?? 0) === 0 && (d[1] ?? 0) === 0) || ((d[2] ?? 0) === 0 && (d[3] ?? 0) === 0)) return cellResult(s, t.badRegion);
  // Serials start at 0001 (DOMAIN.md §3). `…0000` is what Excel leaves of serials 0001–0004 once
  // the number lost its 16th digit and was turned back into text, so it is flagged, not trusted.
  if ((d[12] ?? 0) === 0 && (d[13] ?? 0) === 0 && (d[14] ?? 0) === 0 && (d[15] ?? 0) === 0) return cellResult(s, t.damaged);
  if (t.badDate) {
    let dd = (d[6] ?? 0) * 10 + (d[7] ?? 0);
    const mm = (d[8] ?? 0) * 10 + (d[9] ?? 0);
    if (dd > 40) dd -= 40;
    if (mm < 1 || mm > 12 || dd < 1 || dd > (MAX_DAY[mm] ?? 0)) return cellResult(s, t.badDate);
  }
  return cellResult(s, NO_ISSUES);
}

function lengthIssue(value: string, t: IdIssues): Normalized {
  return { value, issues: [{ kind: t.lengthKind, params: { length: value.length } }] };
}

function idNumber(raw: RawCell, t: IdIssues): Normalized {
  if (typeof raw === 'string') {
    // Hot path: a clean 16-digit text cell.
    if (raw.length === 16) {
      const fast = check16(raw, t);
      if (fast) return fast;
    }
    const s = trimCell(raw);
    if (isEmptyText(s)) return t.empty;
    if (allDigits(s)) {
      if (s.length === 16) return check16(s, t) ?? cellResult(s, t.notDigits);
      if (allSame(s) && (s.charCodeAt(0) === 48 || s.length >= 10)) return t.placeholder;
      return lengthIssue(s, t);
    }
    if (looksScientific(s)) return cellResult(s, t.damaged);
    // `5301014508900000.0`: a float printed back to text; 16 digits of it cannot be trusted.
    const dot = s.indexOf('.');
    if (dot > 0 && allDigits(s.slice(0, dot)) && /^\.0+$/.test(s.slice(dot))) {
      const digits = s.slice(0, dot);
      if (digits.length >= 16) return cellResult(digits, t.damaged);
      return idNumber(digits, t);
    }
    return cellResult(s, t.notDigits);
  }
  if (raw === null || raw === undefined) return t.empty;
  if (typeof raw === 'number') {
    if (raw === 0) return t.placeholder;
    if (Number.isInteger(raw) && raw > 0) {
      // Excel keeps 15 significant digits: a numeric 16-digit cell already lost its last one.
      if (raw >= 1e15) return cellResult(raw.toFixed(0), t.damaged);
      return idNumber(raw.toFixed(0), t);
    }
  }
  return cellResult(rawText(raw), t.notDigits);
}

/** NIK: 16 digits as text, date part checked (DD 01–31 or 41–71, MM 01–12). */
export function normalizeNik(raw: RawCell): Normalized {
  return idNumber(raw, NIK);
}

/** No KK: 16 digits as text. */
export function normalizeKk(raw: RawCell): Normalized {
  return idNumber(raw, KK);
}

const ID_DAMAGED = issueList('id_excel_damaged');

/** A source record id (ID Keluarga P3KE, ID DTKS …): kept as text exactly, trimmed. */
export function normalizeId(raw: RawCell): Normalized {
  if (typeof raw === 'string') {
    const s = trimCell(raw);
    if (isEmptyText(s)) return EMPTY;
    if (looksScientific(s)) return cellResult(s, ID_DAMAGED);
    const dot = s.indexOf('.');
    if (dot > 0 && /^\.0+$/.test(s.slice(dot)) && allDigits(s.slice(0, dot))) {
      const digits = s.slice(0, dot);
      return cellResult(digits, digits.length >= 16 ? ID_DAMAGED : NO_ISSUES);
    }
    return cellResult(s, NO_ISSUES);
  }
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number' && Number.isInteger(raw)) {
    return cellResult(raw.toFixed(0), Math.abs(raw) >= 1e15 ? ID_DAMAGED : NO_ISSUES);
  }
  return cellResult(rawText(raw), NO_ISSUES);
}

const UNUSABLE_KEY: ReadonlySet<IssueKind> = new Set<IssueKind>([
  'nik_excel_damaged',
  'nik_not_digits',
  'nik_length',
  'kk_excel_damaged',
  'kk_not_digits',
  'kk_length',
  'id_excel_damaged',
]);

/**
 * True when a normalised NIK, No KK or id can serve as a key for duplicate checks: present and
 * with its digits as written. An Excel-damaged NIK is not: siblings born the same day in the same
 * kecamatan differ only in the digit Excel dropped. (Matching wants more: `issues.length === 0`.)
 */
export function isUsableKey(cell: Normalized): cell is Normalized & { readonly value: string } {
  if (typeof cell.value !== 'string') return false;
  for (const i of cell.issues) if (UNUSABLE_KEY.has(i.kind)) return false;
  return true;
}
