/**
 * Checks across the cells of one normalised row, and across rows of one batch: NIK against the
 * row's Jenis Kelamin and Tanggal Lahir (DOMAIN.md §3), and duplicate ids and NIKs. (Total rows: templates/detect.ts.)
 */
import { allDigits } from './cell.ts';
import type { Normalized } from './cell.ts';
import { isUsableKey } from './normalize-ids.ts';
import { KeyIndex, SIZED } from './key-index.ts';
import type { CellIssue, LocalText } from './issues.ts';

/** An issue found by a row check and the field it belongs to (the caller knows that field's column). */
export interface RowIssue {
  readonly field: 'sex' | 'birthDate';
  readonly issue: CellIssue;
}

const SEX_NAMES: Readonly<Record<1 | 2, LocalText>> = {
  1: { id: 'laki-laki', en: 'male' },
  2: { id: 'perempuan', en: 'female' },
};

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * NIK digits 7–12 (DDMMYY, +40 on the day for women) against the row's sex code (1/2) and ISO
 * birth date. A birth date whose day and month are the NIK's month and day is reported as a swap
 * (`nik_birth_swapped`), the commonest clerical slip, apart from a plain mismatch. Nothing is
 * checked when the NIK has no readable date part or a value is missing; the NIK is not trusted
 * over the row or the other way round — both are kept and the planner decides.
 */
export function nikRowChecks(nik: string | null, sex: number | null, birthDate: string | null): readonly RowIssue[] {
  // Read digit by digit (`parseNik` without its object and slices: this runs on every row).
  if (nik === null || nik.length !== 16 || !allDigits(nik)) return NO_ROW_ISSUES;
  let day = twoDigits(nik, 6);
  const month = twoDigits(nik, 8);
  const year2 = twoDigits(nik, 10);
  let nikSex: 1 | 2 = 1;
  if (day > 40) {
    day -= 40;
    nikSex = 2;
  }
  if (day < 1 || day > 31 || month < 1 || month > 12) return NO_ROW_ISSUES;
  let out: RowIssue[] | null = null;
  if ((sex === 1 || sex === 2) && sex !== nikSex) {
    (out ??= []).push({ field: 'sex', issue: { kind: 'nik_sex_mismatch', params: { nik, expected: SEX_NAMES[nikSex] } } });
  }
  if (birthDate !== null && birthDate.length >= 10) {
    // ISO yyyy-mm-dd: a non-digit reads as -1, which matches nothing (a mismatch, as before).
    const y2 = twoDigits(birthDate, 2);
    const m = twoDigits(birthDate, 5);
    const d = twoDigits(birthDate, 8);
    if (!(d === day && m === month && y2 === year2)) {
      const expected = `${pad2(day)}/${pad2(month)}/${pad2(year2)}`;
      const swapped = d === month && m === day && y2 === year2;
      (out ??= []).push({ field: 'birthDate', issue: { kind: swapped ? 'nik_birth_swapped' : 'nik_birth_mismatch', params: { nik, expected } } });
    }
  }
  return out ?? NO_ROW_ISSUES;
}

const NO_ROW_ISSUES: readonly RowIssue[] = Object.freeze([]);

/** The number written by the two digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Where a key was first seen, in 32 bits: sheet index (6 bits) above the row (26 bits). */
const ROW_BITS = 2 ** 26;
const MAX_SHEETS = 63;

/**
 * Duplicate record ids and NIKs within a batch. The first occurrence is the reference; every later
 * one gets an issue naming the first row (and its sheet when the batch spans several sheets or
 * files — pass a label such as `file › sheet` as the sheet then).
 *
 * A province's individu file has five million ids and NIKs, so keys live in `KeyIndex` tables
 * (~10 bytes a key: 9-byte slots, sized from the expected rows to be 88 % full) rather than in Maps
 * of strings.
 */
export class DuplicateTracker {
  private readonly ids: KeyIndex;
  private readonly niks: KeyIndex;
  private readonly sheets: string[] = [];
  private lastSheet: string | undefined = undefined;
  private lastSheetIndex = 0;

  /** `expectedRows`: a good estimate of the rows (the tables are sized for it), else they grow. */
  constructor(expectedRows?: number) {
    this.ids = expectedRows === undefined ? new KeyIndex(65_536) : new KeyIndex(expectedRows, SIZED);
    this.niks = expectedRows === undefined ? new KeyIndex(65_536) : new KeyIndex(expectedRows, SIZED);
  }

  /** A record id (ID Keluarga P3KE, ID Individu, ID DTKS per person …); null/empty ids are skipped. */
  seeId(id: string | null, row: number, sheet?: string): CellIssue | null {
    if (id === null || id === '') return null;
    const first = this.ids.setIfAbsent(id, this.locate(row, sheet));
    return first === undefined ? null : this.issue('duplicate_id', first);
  }

  /**
   * A normalised NIK cell (or NIK text). Empty, placeholder and Excel-damaged NIKs are skipped:
   * a damaged NIK has lost the digit that tells siblings apart, so equal damaged NIKs prove nothing.
   */
  seeNik(nik: Normalized | string | null, row: number, sheet?: string): CellIssue | null {
    let text: string;
    if (nik === null) return null;
    if (typeof nik === 'string') text = nik;
    else if (isUsableKey(nik)) text = nik.value;
    else return null;
    if (text === '') return null;
    const first = this.niks.setIfAbsent(text, this.locate(row, sheet));
    return first === undefined ? null : this.issue('duplicate_nik', first);
  }

  /** Distinct ids and NIKs seen so far. */
  get size(): { readonly ids: number; readonly niks: number } {
    return { ids: this.ids.size, niks: this.niks.size };
  }

  private locate(row: number, sheet: string | undefined): number {
    const r = Math.min(Math.max(0, row), ROW_BITS - 1);
    if (sheet === undefined || sheet === '') return r;
    if (sheet !== this.lastSheet) {
      let i = this.sheets.indexOf(sheet);
      if (i < 0 && this.sheets.length < MAX_SHEETS) {
        this.sheets.push(sheet);
        i = this.sheets.length - 1;
      }
      this.lastSheet = sheet;
      this.lastSheetIndex = i + 1;
    }
    return this.lastSheetIndex * ROW_BITS + r;
  }

  private issue(kind: 'duplicate_id' | 'duplicate_nik', loc: number): CellIssue {
    const sheetIndex = Math.floor(loc / ROW_BITS);
    const firstRow = loc - sheetIndex * ROW_BITS;
    const firstSheet = sheetIndex > 0 ? (this.sheets[sheetIndex - 1] ?? '') : '';
    return { kind, params: firstSheet === '' ? { firstRow } : { firstRow, firstSheet } };
  }
}

/**
 * A 16-digit NIK as an exact integer below 2^53: the first two digits (a province code, 11–94)
 * minus 10, then the other fourteen. Null for anything else (kept as text).
 */
export function nikKey(nik: string): number | null {
  if (nik.length !== 16) return null;
  const hi = (nik.charCodeAt(0) - 48) * 10 + (nik.charCodeAt(1) - 48);
  if (hi < 10 || hi > 99) return null;
  let lo = 0;
  for (let i = 2; i < 16; i++) {
    const c = nik.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    lo = lo * 10 + c;
  }
  return (hi - 10) * 1e14 + lo;
}
