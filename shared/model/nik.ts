/**
 * NIK (Nomor Induk Kependudukan) and No KK rules, DOMAIN.md §3–4.
 * Digits 1–6: kecamatan of first registration; 7–12: DDMMYY with 40 added to DD for women;
 * 13–16: serial. Values that passed through Excel as numbers lose the 16th digit.
 */

export type NikProblem =
  | 'empty'
  | 'placeholder'
  | 'not_digits'
  | 'length'
  | 'excel_damaged'
  | 'bad_day'
  | 'bad_month'
  | 'bad_region';

export interface NikParts {
  readonly regionPrefix: string;
  readonly day: number;
  readonly month: number;
  readonly year2: number;
  readonly sex: 1 | 2;
  readonly serial: string;
}

/** True when a cell text looks like a 16-digit number that went through a float: `5.30101E+15`, `5301010101900000.0`. */
export function looksExcelDamaged(raw: string): boolean {
  const s = raw.trim();
  if (/^\d(\.\d+)?e\+?1[5-9]$/i.test(s)) return true;
  if (/^\d{16,}\.0+$/.test(s)) return true;
  return false;
}

/** Parse a 16-digit NIK into its parts; null if the digits cannot be a NIK. */
export function parseNik(nik: string): NikParts | null {
  if (!/^\d{16}$/.test(nik)) return null;
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year2 = Number(nik.slice(10, 12));
  let sex: 1 | 2 = 1;
  if (day > 40) {
    day -= 40;
    sex = 2;
  }
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return { regionPrefix: nik.slice(0, 6), day, month, year2, sex, serial: nik.slice(12) };
}

/** The first problem of a NIK as written in a file, or null when it is well formed. */
export function nikProblem(raw: string | null | undefined): NikProblem | null {
  if (raw === null || raw === undefined) return 'empty';
  const s = raw.trim();
  if (s === '' || s === '-') return 'empty';
  if (looksExcelDamaged(s)) return 'excel_damaged';
  if (/^0+$/.test(s) || /^(\d)\1{15}$/.test(s) || s === '1234567890123456') return 'placeholder';
  if (!/^\d+$/.test(s)) return 'not_digits';
  if (s.length !== 16) return 'length';
  if (s.slice(0, 2) === '00' || s.slice(2, 4) === '00') return 'bad_region';
  const dd = Number(s.slice(6, 8));
  const mm = Number(s.slice(8, 10));
  if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71))) return 'bad_day';
  if (mm < 1 || mm > 12) return 'bad_month';
  return null;
}

/** Build the DDMMYY part of a NIK for a birth date and sex (1 male, 2 female). */
export function nikDatePart(birth: { year: number; month: number; day: number }, sex: 1 | 2): string {
  const dd = birth.day + (sex === 2 ? 40 : 0);
  return `${String(dd).padStart(2, '0')}${String(birth.month).padStart(2, '0')}${String(birth.year % 100).padStart(2, '0')}`;
}

/** What Excel keeps of a 16-digit number: 15 significant digits, the last digit zeroed. */
export function excelRoundedDigits(digits16: string): string {
  const n = BigInt(digits16);
  const rounded = ((n + 5n) / 10n) * 10n;
  return rounded.toString();
}

/**
 * A NIK or No KK masked for lists that leave the office (PDP law): the first four digits (province
 * and kabupaten) and the last two stay, the rest become `*` — `5301**********03`.
 */
export function maskNik(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
}

const NIK_IN_TEXT = /(?<![0-9A-Za-z])\d{15,16}(?![0-9A-Za-z])/g;

/** Every 15–16 digit run in a text (a NIK, a No KK, an Excel-rounded one) masked. */
export function maskNiksInText(text: string): string {
  return text.replace(NIK_IN_TEXT, (m) => maskNik(m));
}
