import type { CivilDate } from '../../../shared/model/civil-date.ts';
import { MUSLIM_TITLES, SPELLING_VARIANTS, TITLES_AFTER, TITLES_BEFORE } from './names.ts';
import type { Rng } from './random.ts';

/**
 * The faults the generator writes into files on purpose (DOMAIN.md §4), their rates, and the
 * small functions that produce each one. Every fault written is also logged to faults.csv, so a
 * test or an evaluation can find it again.
 */

export interface NoiseRates {
  /** Share of name cells (per source, per person) spelled differently from the truth. */
  readonly nameVariant: number;
  /** Share of NIK cells left empty, `-`, `0` or a placeholder such as `0000000000000000`. */
  readonly nikMissing: number;
  /** Share of NIK cells carrying another person's NIK (usually the previous row's). */
  readonly nikDuplicate: number;
  /** Share of NIK/KK cells in .xlsx files stored as a number (15 significant digits kept). */
  readonly nikAsNumberXlsx: number;
  /** Share of NIK/KK cells in .csv files written as `5.30101E+15`. */
  readonly nikScientificCsv: number;
  /** Share of region-code cells written without dots (`5301012001`). */
  readonly regionUndotted: number;
  /** Share of DTKS birth dates with day and month swapped (only where both are ≤ 12). */
  readonly birthDateSwap: number;
  /** Share of DTKS households whose RT/RW lost their leading zeros (`3` for `003`). */
  readonly rtRwUnpadded: number;
  /** Title rows above the header in P3KE .xlsx files (header at row n+1); 0 for none. */
  readonly xlsxTitleRows: number;
  /** Title lines above the header in P3KE .csv files; 0 for none. */
  readonly csvTitleRows: number;
  /** 1 to end the P3KE keluarga and RTLH sheets with a `JUMLAH` row, 0 for none. */
  readonly totalRow: number;
  /** 1 to add the signature block (`Mengetahui`, name, NIP) under the RTLH list, 0 for none. */
  readonly signOffBlock: number;
  /** Most rows per P3KE individu sheet, titles and header included (legacy .xls: 65,536); 0 = Excel's limit. */
  readonly sheetRowLimit: number;
  /**
   * Share of P3KE name cells written as formula-looking text (`=HYPERLINK(…)`, `+…`, `@…`, `-…`),
   * as a hostile or careless sheet would carry; exports must never let them become formulas.
   */
  readonly formulaName: number;
}

export const DEFAULT_NOISE: NoiseRates = {
  nameVariant: 0.05,
  nikMissing: 0.01,
  nikDuplicate: 0.004,
  nikAsNumberXlsx: 0.03,
  nikScientificCsv: 0.01,
  regionUndotted: 0.04,
  birthDateSwap: 0.02,
  rtRwUnpadded: 0.1,
  xlsxTitleRows: 5,
  csvTitleRows: 2,
  totalRow: 1,
  signOffBlock: 1,
  sheetRowLimit: 65_535,
  formulaName: 0,
};

export function resolveNoise(partial: Partial<NoiseRates> | undefined): NoiseRates {
  const out: NoiseRates = { ...DEFAULT_NOISE, ...(partial ?? {}) };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`noise.${k} harus angka ≥ 0`);
  }
  for (const k of ['nameVariant', 'nikMissing', 'nikDuplicate', 'nikAsNumberXlsx', 'nikScientificCsv', 'regionUndotted', 'birthDateSwap', 'rtRwUnpadded', 'formulaName'] as const) {
    if (out[k] > 1) throw new Error(`noise.${k} adalah proporsi dan harus ≤ 1`);
  }
  if (out.sheetRowLimit !== 0 && out.sheetRowLimit < out.xlsxTitleRows + 2) throw new Error('noise.sheetRowLimit tidak menyisakan tempat untuk baris data');
  return out;
}

export type FaultKind =
  | 'name_spelling'
  | 'name_title'
  | 'name_double_space'
  | 'name_nbsp'
  | 'name_order'
  | 'name_typo'
  | 'name_initial'
  | 'nik_missing'
  | 'nik_placeholder'
  | 'nik_duplicate'
  | 'nik_as_number'
  | 'nik_scientific'
  | 'region_undotted'
  | 'birth_date_swapped'
  | 'rt_rw_unpadded'
  | 'title_row'
  | 'total_row'
  | 'signoff_row'
  | 'sheet_split'
  | 'name_formula';

/** A fault in one cell of a record, before the record has a row number in a file. */
export interface CellFault {
  readonly column: string;
  readonly kind: FaultKind;
  readonly original: string;
  readonly written: string;
}

const NBSP = '\u00a0';

/** A name written the way a formula would start (the cell must stay text wherever it goes). */
export function formulaName(rng: Rng, name: string): string {
  switch (rng.int(4)) {
    // A formula that would jump inside the workbook: hostile in shape, and no address anywhere.
    case 0: return `=HYPERLINK("#Daftar!A1","${name}")`;
    case 1: return `+${name}`;
    case 2: return `@SUM(1+1)*0+${name.split(' ')[0] ?? name}`;
    default: return `-${name}`;
  }
}

/** One spelling/formatting variant of an upper-case name, or null if none applies. */
export function nameVariant(rng: Rng, name: string, person: { readonly sex: 1 | 2; readonly age: number; readonly muslim: boolean }): { written: string; kind: FaultKind } | null {
  const tokens = name.split(' ');
  const spellable = tokens.map((t, i) => (SPELLING_VARIANTS[t] ? i : -1)).filter((i) => i >= 0);
  const longWords = tokens.map((t, i) => (t.length >= 4 && /^[A-Z]+$/.test(t) ? i : -1)).filter((i) => i >= 0);
  const options: { kind: FaultKind; weight: number }[] = [
    { kind: 'name_spelling', weight: spellable.length > 0 ? 40 : 0 },
    { kind: 'name_title', weight: person.age >= 25 ? 10 : 0 },
    { kind: 'name_double_space', weight: tokens.length >= 2 ? 12 : 0 },
    { kind: 'name_nbsp', weight: tokens.length >= 2 ? 7 : 0 },
    { kind: 'name_order', weight: tokens.length >= 2 ? 9 : 0 },
    { kind: 'name_typo', weight: longWords.length > 0 ? 22 : 0 },
    { kind: 'name_initial', weight: tokens.length >= 3 ? 6 : 0 },
  ];
  const total = options.reduce((s, o) => s + o.weight, 0);
  if (total === 0) return null;
  const kind = options[rng.weighted(options.map((o) => o.weight))]?.kind ?? 'name_typo';
  let written = name;
  switch (kind) {
    case 'name_spelling': {
      const i = rng.pick(spellable);
      const variants = SPELLING_VARIANTS[tokens[i] ?? ''] ?? [];
      const copy = [...tokens];
      copy[i] = rng.pick(variants);
      written = copy.join(' ');
      break;
    }
    case 'name_title': {
      if (person.muslim && rng.chance(0.5)) written = `${MUSLIM_TITLES[person.sex]} ${name}`;
      else if (rng.chance(0.3)) written = `${rng.pick(TITLES_BEFORE)} ${name}`;
      else written = `${name}, ${rng.pick(TITLES_AFTER)}`;
      break;
    }
    case 'name_double_space': {
      const i = 1 + rng.int(tokens.length - 1);
      written = [...tokens.slice(0, i), '', ...tokens.slice(i)].join(' ');
      break;
    }
    case 'name_nbsp': {
      const i = 1 + rng.int(tokens.length - 1);
      written = `${tokens.slice(0, i).join(' ')}${NBSP}${tokens.slice(i).join(' ')}`;
      break;
    }
    case 'name_order': {
      written = [tokens[tokens.length - 1] ?? '', ...tokens.slice(0, -1)].join(' ');
      break;
    }
    case 'name_typo': {
      const i = rng.pick(longWords);
      const w = tokens[i] ?? '';
      const pos = 1 + rng.int(w.length - 1);
      const copy = [...tokens];
      // Dropping a letter or doubling one are the typing slips that survive a read-back.
      copy[i] = rng.chance(0.5) ? w.slice(0, pos) + w.slice(pos + 1) : w.slice(0, pos) + w.charAt(pos) + w.slice(pos);
      written = copy.join(' ');
      break;
    }
    case 'name_initial': {
      const i = 1 + rng.int(tokens.length - 2);
      const copy = [...tokens];
      copy[i] = `${(tokens[i] ?? 'X').charAt(0)}.`;
      written = copy.join(' ');
      break;
    }
    default:
      break;
  }
  return written === name ? null : { written, kind };
}

/** What a clerk writes when the NIK is not known. */
export function missingNik(rng: Rng): { written: string; kind: FaultKind } {
  const r = rng.int(10);
  if (r < 5) return { written: '', kind: 'nik_missing' };
  if (r < 6) return { written: '-', kind: 'nik_missing' };
  if (r < 8) return { written: '0', kind: 'nik_placeholder' };
  if (r < 9) return { written: '0000000000000000', kind: 'nik_placeholder' };
  return { written: '9999999999999999', kind: 'nik_placeholder' };
}

/** How Excel's General format shows a 16-digit number: six significant digits, `5.30101E+15`. */
export function excelScientific(digits: string): string {
  const n = Number(digits);
  const [mantissa = '0', exp = '0'] = n.toExponential(5).split('e');
  const m = mantissa.replace(/\.?0+$/, '');
  const e = Number(exp);
  return `${m}E${e >= 0 ? '+' : '-'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** The same date with day and month exchanged, or null when that is not a valid date. */
export function swapDayMonth(c: CivilDate): CivilDate | null {
  if (c.d > 12 || c.d === c.m) return null;
  return { y: c.y, m: c.d, d: c.m };
}

export function undotted(code: string): string {
  return code.replace(/\./g, '');
}
