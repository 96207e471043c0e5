/**
 * Dates as they arrive in Indonesian files → ISO `yyyy-mm-dd`: `23/01/1987`, `23-1-87`,
 * `1987-01-23`, `1987-01-23T00:00`, `23 Januari 1987`, `23-Agt-1987`, `Senin, 23 Januari 1987`,
 * `January 23, 1987`, `19870123`, and Excel serials (numbers or numeric text, 1900 date system).
 * Day first unless the caller says the file is month first: a cell that only parses the other way
 * round is invalid, never guessed, because a per-cell guess would mix two readings in one column.
 */
import { cellResult, detach, EMPTY, isDigitCode, isEmptyText, issueList, NO_ISSUES, trimCell } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';
import { civilFromDays } from '../model/civil-date.ts';

export interface DateOptions {
  /** Today as ISO `yyyy-mm-dd`: future dates are flagged and two-digit years pivot on it. */
  readonly today: string;
  /** Order of numeric day and month; `dmy` (Indonesian) unless a file is known to be `mdy`. */
  readonly order?: 'dmy' | 'mdy';
  /** Flag dates after today (default true; birth dates and survey dates are never in the future). */
  readonly flagFuture?: boolean;
  /** Remember results per distinct cell text (default true). */
  readonly memo?: boolean;
}

const INVALID: Normalized = cellResult(null, issueList('date_invalid'));
const YEAR_ONLY: Normalized = cellResult(null, issueList('date_year_only'));
const FUTURE = issueList('date_future');

/** Earliest year accepted: nobody in these registers was born before 1900, and Excel starts there. */
const MIN_YEAR = 1900;

const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'jan januari january'],
      [2, 'feb peb februari pebruari february'],
      [3, 'mar mrt maret march'],
      [4, 'apr april'],
      [5, 'mei may'],
      [6, 'jun juni june'],
      [7, 'jul juli july'],
      [8, 'agu agt ags agst agus agustus aug august'],
      [9, 'sep sept september'],
      [10, 'okt oct oktober october'],
      [11, 'nov nop nopember november'],
      [12, 'des dec desember december'],
    ] as const
  ).flatMap(([m, names]) => names.split(' ').map((n) => [n, m] as const)),
);

const WEEKDAYS: ReadonlySet<string> = new Set(
  'senin selasa rabu kamis jumat sabtu minggu ahad monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun'.split(' '),
);

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}


/** Last serial Excel accepts: 9999-12-31. */
const MAX_SERIAL = 2958465;

/**
 * Excel 1900-system serial → ISO date, or null. Excel counts 1900 as a leap year (a Lotus 1-2-3
 * bug it kept): serial 60 is the 29 February 1900 that never was, serials 1–59 are one day later
 * than a plain day count from 1899-12-30 would say, serials from 61 on are right.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const n = Math.floor(serial);
  if (n < 1 || n > MAX_SERIAL || n === 60) return null;
  const c = civilFromDays(n < 60 ? n - 25568 : n - 25569);
  return iso(c.y, c.m, c.d);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `-mm-dd` for every month and day, and year strings, so an ISO date costs one concatenation. */
const MONTH_DAY: readonly string[] = Array.from({ length: 13 * 32 }, (_, i) => `-${pad2(Math.floor(i / 32))}-${pad2(i % 32)}`);
const YEARS: readonly string[] = Array.from({ length: 300 }, (_, i) => String(1900 + i));

function iso(y: number, m: number, d: number): string {
  const year = y >= 1900 && y < 2200 ? (YEARS[y - 1900] ?? String(y)) : String(y).padStart(4, '0');
  return year + (MONTH_DAY[m * 32 + d] ?? `-${pad2(m)}-${pad2(d)}`);
}

/** A compiled date reader for one column: options fixed, results memoised. */
export type DateNormalizer = (raw: RawCell) => Normalized;

/** Entries kept per column: every birth date of a century is about 36,500. */
const MEMO_LIMIT = 100_000;
/** Years of the fixed-width forms' table (`quickDay`); other years go through the memo. */
const QUICK_FROM = 1850;
const QUICK_TO = 2100;

export function dateNormalizer(opts: DateOptions): DateNormalizer {
  const today = opts.today;
  const todayYear = Number(today.slice(0, 4));
  const pivot = todayYear % 100;
  const century = todayYear - pivot;
  const mdy = opts.order === 'mdy';
  const flagFuture = opts.flagFuture ?? true;
  const memo = new Map<string | number, Normalized>();
  const memoLimit = opts.memo === false ? 0 : MEMO_LIMIT;

  /** Two-digit years: up to this year's two digits → this century, above → the previous one. */
  function fullYear(yy: number): number {
    return yy <= pivot ? century + yy : century - 100 + yy;
  }

  function finish(y: number, m: number, d: number): Normalized {
    if (y < MIN_YEAR || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return INVALID;
    const value = iso(y, m, d);
    return cellResult(value, flagFuture && value > today ? FUTURE : NO_ISSUES);
  }

  function fromIso(value: string | null): Normalized {
    if (value === null) return INVALID;
    return cellResult(value, flagFuture && value > today ? FUTURE : NO_ISSUES);
  }

  function fromNumber(n: number): Normalized {
    // A bare year in a date column (1800–2100) is far likelier than a day in 1904–1905.
    if (Number.isInteger(n) && n >= 1800 && n <= 2100) return YEAR_ONLY;
    return fromIso(excelSerialToIso(n));
  }

  function digitsAt(s: string, from: number, to: number): number {
    let v = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      v = v * 10 + (c - 48);
    }
    return v;
  }

  /** All-digit text: `19870123`, `23011987`, `230187`, or an Excel serial written out (`31800`, `31800.5`). */
  function fromNumericText(s: string): Normalized | null {
    let dot = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 46 && dot < 0) dot = i;
      else if (!isDigitCode(c)) return null;
    }
    const intLen = dot < 0 ? s.length : dot;
    if (intLen === 0) return null;
    if (dot < 0 && s.length === 8) {
      const y = digitsAt(s, 0, 4);
      if (y >= MIN_YEAR && y <= 2100) return finish(y, digitsAt(s, 4, 6), digitsAt(s, 6, 8));
      return finish(digitsAt(s, 4, 8), mdy ? digitsAt(s, 0, 2) : digitsAt(s, 2, 4), mdy ? digitsAt(s, 2, 4) : digitsAt(s, 0, 2));
    }
    // Six digits as text: DDMMYY, the way NIKs write a birth date (no serial is that large).
    if (dot < 0 && s.length === 6) {
      const a = digitsAt(s, 0, 2);
      const b = digitsAt(s, 2, 4);
      return finish(fullYear(digitsAt(s, 4, 6)), mdy ? a : b, mdy ? b : a);
    }
    if (intLen <= 5) return fromNumber(Number(s));
    return INVALID;
  }

  /** Cut a trailing time: `1987-01-23T10:00`, `23/01/1987 00:00:00`, `… 10.00 WIB` is not handled. */
  function withoutTime(s: string): string {
    const colon = s.indexOf(':');
    if (colon < 0) return s;
    let cut = colon;
    while (cut > 0) {
      const c = s.charCodeAt(cut - 1);
      if (c === 32 || c === 84 || c === 116) break; // space, T, t
      cut--;
    }
    return cut > 0 ? s.slice(0, cut - 1) : s;
  }

  /** The general reader: numbers and month names separated by anything. */
  function fromTokens(text: string): Normalized {
    const s = withoutTime(text);
    const nums: number[] = [];
    const numLens: number[] = [];
    let month = 0;
    let monthFirst = false;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isDigitCode(c)) {
        let v = 0;
        const start = i;
        while (i < n && isDigitCode(s.charCodeAt(i))) {
          v = v * 10 + (s.charCodeAt(i) - 48);
          i++;
        }
        nums.push(v);
        numLens.push(i - start);
      } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        const start = i;
        while (i < n) {
          const k = s.charCodeAt(i);
          if (!((k >= 65 && k <= 90) || (k >= 97 && k <= 122))) break;
          i++;
        }
        const word = s.slice(start, i).toLowerCase();
        const m = MONTHS.get(word);
        if (m !== undefined) {
          if (month !== 0) return INVALID;
          month = m;
          monthFirst = nums.length === 0;
        } else if (!WEEKDAYS.has(word)) {
          return INVALID;
        }
      } else {
        i++;
      }
    }
    const year = (k: number): number => {
      const len = numLens[k] ?? 0;
      const v = nums[k] ?? -1;
      if (len === 4) return v;
      if (len === 2 || len === 1) return fullYear(v);
      return -1;
    };
    if (month !== 0) {
      if (nums.length !== 2) return INVALID;
      if (numLens[0] === 4) return finish(nums[0] ?? -1, month, nums[1] ?? -1); // 1987 Jan 23
      if (monthFirst) return finish(year(1), month, nums[0] ?? -1); // January 23, 1987
      if ((numLens[0] ?? 0) > 2) return INVALID;
      return finish(year(1), month, nums[0] ?? -1); // 23 Januari 1987
    }
    if (nums.length !== 3) return INVALID;
    if (numLens[0] === 4) return finish(nums[0] ?? -1, nums[1] ?? -1, nums[2] ?? -1);
    if ((numLens[0] ?? 0) > 2 || (numLens[1] ?? 0) > 2) return INVALID;
    const a = nums[0] ?? -1;
    const b = nums[1] ?? -1;
    return mdy ? finish(year(2), a, b) : finish(year(2), b, a);
  }

  function parseText(s: string): Normalized {
    const n = s.length;
    if (n >= 10) {
      const c2 = s.charCodeAt(2);
      const c4 = s.charCodeAt(4);
      // Fast path: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy.
      if (n === 10 && (c2 === 47 || c2 === 45 || c2 === 46) && s.charCodeAt(5) === c2) {
        const a = digitsAt(s, 0, 2);
        const b = digitsAt(s, 3, 5);
        const y = digitsAt(s, 6, 10);
        if (a >= 0 && b >= 0 && y >= 0) return mdy ? finish(y, a, b) : finish(y, b, a);
      }
      // Fast path: yyyy-mm-dd and yyyy/mm/dd, with or without a time after it.
      if ((c4 === 45 || c4 === 47) && s.charCodeAt(7) === c4) {
        const c10 = n > 10 ? s.charCodeAt(10) : 32;
        if (c10 === 32 || c10 === 84 || c10 === 116) {
          const y = digitsAt(s, 0, 4);
          const m = digitsAt(s, 5, 7);
          const d = digitsAt(s, 8, 10);
          if (y >= 0 && m >= 0 && d >= 0) return finish(y, m, d);
        }
      }
    }
    const numeric = fromNumericText(s);
    if (numeric) return numeric;
    return fromTokens(s);
  }

  // Results of the two fixed-width forms by the day they name (dd/mm/yyyy or yyyy-mm-dd with
  // four-digit years QUICK_FROM–QUICK_TO): reading ten digits and separators costs less than
  // hashing the text for the memo, and a province's birth dates are ~36,500 days.
  const byDay: (Normalized | undefined)[] = [];
  const quickDay = (s: string): number => {
    if (s.length !== 10) return -1;
    const c2 = s.charCodeAt(2);
    let y: number;
    let m: number;
    let d: number;
    if ((c2 === 47 || c2 === 45 || c2 === 46) && s.charCodeAt(5) === c2) {
      const a = digitsAt(s, 0, 2);
      const b = digitsAt(s, 3, 5);
      y = digitsAt(s, 6, 10);
      if (a < 0 || b < 0) return -1;
      m = mdy ? a : b;
      d = mdy ? b : a;
    } else {
      const c4 = s.charCodeAt(4);
      if ((c4 !== 45 && c4 !== 47) || s.charCodeAt(7) !== c4) return -1;
      y = digitsAt(s, 0, 4);
      m = digitsAt(s, 5, 7);
      d = digitsAt(s, 8, 10);
      if (m < 0 || d < 0) return -1;
    }
    if (y < QUICK_FROM || y > QUICK_TO || m > 12 || d > 31) return -1;
    return (y - QUICK_FROM) * 416 + m * 32 + d;
  };

  return (raw: RawCell): Normalized => {
    if (typeof raw === 'string') {
      const day = memoLimit > 0 ? quickDay(raw) : -1;
      if (day >= 0) {
        let r = byDay[day];
        if (r === undefined) {
          r = parseText(raw);
          while (byDay.length < day) byDay.push(undefined);
          byDay[day] = r;
        }
        return r;
      }
      const hit = memo.get(raw);
      if (hit) return hit;
      const s = trimCell(raw);
      const out = isEmptyText(s) ? EMPTY : parseText(s);
      // The memo outlives the row: its key must not pin the file's text (see `detach`).
      if (memo.size < memoLimit) memo.set(detach(raw), out);
      return out;
    }
    if (typeof raw === 'number') {
      const hit = memo.get(raw);
      if (hit) return hit;
      const out = fromNumber(raw);
      if (memo.size < memoLimit) memo.set(raw, out);
      return out;
    }
    if (raw === null || raw === undefined) return EMPTY;
    return INVALID;
  };
}

/** One-off date normalisation; in a loop over a column prefer `dateNormalizer` (memoised). */
export function normalizeDate(raw: RawCell, opts: DateOptions): Normalized {
  return dateNormalizer(opts)(raw);
}

/** Today as ISO `yyyy-mm-dd` in local time (the planner's calendar day, not UTC's). */
export function localToday(now: Date = new Date()): string {
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
