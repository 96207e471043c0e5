/**
 * What can be wrong with a cell or a row of an imported file, how bad it is, and how to say so in
 * Bahasa Indonesia and English.
 *
 * Severities, thinking like the planner who has to live with the batch (DOMAIN.md §4):
 * - `error` rejects the row: the row cannot be placed or identified in the warehouse (no record id,
 *   no usable region, a desil that shows the column or the row is not what the source says, the
 *   same record twice). Rejected rows are still reported and kept with the batch, never dropped
 *   silently.
 * - `warning` flags the row but loads it: the row still describes a real family or person, and one
 *   value is doubtful or missing. NIK problems are warnings: a poor family with a damaged NIK is
 *   still a poor family, and dropping it would shrink the counts the planner reports. The value is
 *   stored as written (or as empty) and never repaired.
 * - `info` is a note for the import report that neither rejects nor flags (a total row skipped, a
 *   name whose spacing was tidied with the original kept). Flagging every tidied name would bury
 *   the warnings that matter.
 */
import type { Language } from '../contracts/system.ts';
import { interpolate } from '../i18n/format.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface IssueKindSpec {
  readonly severity: Severity;
  /** Message templates: `{column}`, `{value}` come from the issue; anything else from its params. */
  readonly id: string;
  readonly en: string;
}

function spec(severity: Severity, id: string, en: string): IssueKindSpec {
  return { severity, id, en };
}

/** Every issue kind the import pipeline reports. The key is stored with the issue in the warehouse. */
export const ISSUE_KINDS = {
  // NIK (DOMAIN.md §3–4). Warnings: the person is real even when the number is not usable.
  nik_empty: spec('warning', 'NIK kosong; baris tetap dimuat tanpa NIK.', 'NIK is empty; the row is loaded without a NIK.'),
  nik_placeholder: spec('warning', 'NIK berisi isian pengganti ({value}), bukan NIK; disimpan sebagai kosong.', 'NIK holds a placeholder ({value}), not a NIK; stored as empty.'),
  nik_excel_damaged: spec(
    'warning',
    'NIK kemungkinan rusak oleh Excel ({value}): angka 16 digit hanya disimpan 15 digit. Tidak diperbaiki; periksa berkas asalnya.',
    'NIK possibly damaged by Excel ({value}): a 16-digit number keeps only 15 digits. Not repaired; check the original file.',
  ),
  nik_not_digits: spec('warning', 'NIK {value} berisi karakter selain angka.', 'NIK {value} contains characters other than digits.'),
  nik_length: spec('warning', 'NIK {value} terdiri dari {length} digit, seharusnya 16.', 'NIK {value} has {length} digits instead of 16.'),
  nik_bad_region: spec('warning', 'Kode wilayah di awal NIK {value} tidak mungkin (berisi 00).', 'The region prefix of NIK {value} is impossible (contains 00).'),
  nik_bad_date: spec(
    'warning',
    'Bagian tanggal lahir NIK {value} tidak mungkin (tanggal 01–31 atau 41–71, bulan 01–12).',
    'The birth-date part of NIK {value} is impossible (day 01–31 or 41–71, month 01–12).',
  ),
  nik_sex_mismatch: spec(
    'warning',
    'Jenis kelamin {value} tidak cocok dengan NIK {nik}, yang menunjukkan {expected}.',
    'Sex {value} does not match NIK {nik}, which indicates {expected}.',
  ),
  nik_birth_mismatch: spec(
    'warning',
    'Tanggal lahir {value} tidak cocok dengan NIK {nik}, yang menunjukkan {expected}.',
    'Birth date {value} does not match NIK {nik}, which indicates {expected}.',
  ),
  nik_birth_swapped: spec(
    'warning',
    'Tanggal lahir {value} tampaknya tertukar hari dan bulannya: NIK {nik} menunjukkan {expected}.',
    'Birth date {value} looks like day and month swapped: NIK {nik} indicates {expected}.',
  ),

  // No KK: the same shape rules as NIK, without the birth date.
  kk_empty: spec('warning', 'No KK kosong; baris tetap dimuat tanpa No KK.', 'Family card number is empty; the row is loaded without it.'),
  kk_placeholder: spec('warning', 'No KK berisi isian pengganti ({value}); disimpan sebagai kosong.', 'Family card number holds a placeholder ({value}); stored as empty.'),
  kk_excel_damaged: spec(
    'warning',
    'No KK kemungkinan rusak oleh Excel ({value}): angka 16 digit hanya disimpan 15 digit. Tidak diperbaiki; periksa berkas asalnya.',
    'Family card number possibly damaged by Excel ({value}): a 16-digit number keeps only 15 digits. Not repaired; check the original file.',
  ),
  kk_not_digits: spec('warning', 'No KK {value} berisi karakter selain angka.', 'Family card number {value} contains characters other than digits.'),
  kk_length: spec('warning', 'No KK {value} terdiri dari {length} digit, seharusnya 16.', 'Family card number {value} has {length} digits instead of 16.'),
  kk_bad_region: spec('warning', 'Kode wilayah di awal No KK {value} tidak mungkin (berisi 00).', 'The region prefix of family card number {value} is impossible (contains 00).'),

  // Record ids and duplicates within a batch.
  id_excel_damaged: spec(
    'warning',
    'ID {value} di kolom {column} tersimpan sebagai angka Excel dan mungkin kehilangan digit terakhir.',
    'ID {value} in column {column} was stored as an Excel number and may have lost its last digits.',
  ),
  // Error: the second copy of a record would overwrite or double the first (files merged twice,
  // sheets that overlap); the first occurrence is loaded.
  duplicate_id: spec('error', '{column} {value} sudah muncul di baris {firstRow}; baris ini ditolak.', '{column} {value} already appeared on row {firstRow}; this row is rejected.'),
  // Warning: DOMAIN.md §3 says duplicate NIKs occur; both rows are real records and padu-padan
  // must see them as a conflict (same NIK, different person), not lose one.
  duplicate_nik: spec('warning', 'NIK {value} sudah muncul di baris {firstRow}.', 'NIK {value} already appeared on row {firstRow}.'),

  // Region codes: every table joins on them, so a row without a usable one cannot be placed.
  region_invalid: spec('error', '{value} bukan kode wilayah Kemendagri (PP.KK.CC.DDDD).', '{value} is not a Kemendagri region code (PP.KK.CC.DDDD).'),
  region_unknown: spec('error', 'Kode wilayah {value} tidak ada dalam referensi Kemendagri.', 'Region code {value} is not in the Kemendagri reference.'),
  region_outside_province: spec('error', 'Kode wilayah {value} berada di luar provinsi kerja ({expected}).', 'Region code {value} lies outside the working province ({expected}).'),
  // Warning: a kecamatan code where a village was expected still places the row, less precisely.
  region_level: spec('warning', 'Kode wilayah {value} bukan kode {expected}.', 'Region code {value} is not a {expected} code.'),
  region_bps_invalid: spec('error', '{value} bukan kode wilayah BPS 10 digit.', '{value} is not a 10-digit BPS region code.'),
  // Warning: the row is kept (placed by its region names when it has them, else without a region)
  // until a crosswalk is imported.
  region_bps_no_crosswalk: spec(
    'warning',
    'Kode BPS {value} tidak ada dalam tabel padanan BPS–Kemendagri; baris dimuat dan ditandai. Impor tabel padanan untuk menempatkannya.',
    'BPS code {value} is not in the BPS–Kemendagri crosswalk; the row is loaded and flagged. Import a crosswalk to place it.',
  ),
  region_name_unknown: spec(
    'error',
    'Nama wilayah {value} tidak ditemukan dalam referensi Kemendagri di wilayah kerja.',
    'Region name {value} is not found in the Kemendagri reference of the working area.',
  ),
  // Warning: the row is placed at the parent region that was found.
  region_name_partial: spec(
    'warning',
    'Nama wilayah {value} tidak ditemukan; baris ditempatkan pada wilayah di atasnya.',
    'Region name {value} was not found; the row is placed in the region above it.',
  ),
  region_name_ambiguous: spec(
    'warning',
    'Nama wilayah {value} cocok dengan lebih dari satu wilayah; baris ditempatkan pada wilayah di atasnya.',
    'Region name {value} matches more than one region; the row is placed in the region above it.',
  ),
  region_missing: spec('error', 'Baris tidak memiliki kode maupun nama wilayah; baris ditolak.', 'The row has neither a region code nor a region name; it is rejected.'),

  // Desil drives targeting; a value outside the source's range means the column or the row is not
  // what the template says (a persentil column mapped as desil, a non-P3KE family in P3KE).
  desil_invalid: spec('error', 'Desil {value} tidak terbaca sebagai angka desil.', 'Desil {value} cannot be read as a decile number.'),
  desil_out_of_range: spec('error', 'Desil {value} di luar rentang sumber ini ({expected}).', 'Desil {value} is outside the range of this source ({expected}).'),

  // Dates, numbers and labels: the row is kept, the value stored empty (or as read) and flagged.
  date_invalid: spec('warning', 'Tanggal {value} tidak valid atau formatnya tidak dikenali; disimpan kosong.', 'Date {value} is invalid or in an unknown format; stored as empty.'),
  date_year_only: spec('warning', '{value} hanya berisi tahun, bukan tanggal lengkap; disimpan kosong.', '{value} holds only a year, not a full date; stored as empty.'),
  date_future: spec('warning', 'Tanggal {value} berada di masa depan.', 'Date {value} lies in the future.'),
  label_unknown: spec(
    'warning',
    'Isian {value} tidak dikenal untuk kolom {column}; disimpan apa adanya sebagai data tambahan.',
    'Value {value} is not a known label for column {column}; kept as written in the extra data.',
  ),
  number_invalid: spec('warning', '{value} di kolom {column} bukan angka; disimpan kosong.', '{value} in column {column} is not a number; stored as empty.'),
  number_not_integer: spec('warning', '{value} di kolom {column} bukan bilangan bulat; disimpan kosong.', '{value} in column {column} is not a whole number; stored as empty.'),
  year_invalid: spec('warning', '{value} di kolom {column} bukan tahun yang wajar ({expected}); disimpan kosong.', '{value} in column {column} is not a plausible year ({expected}); stored as empty.'),
  required_missing: spec('error', 'Kolom wajib {column} kosong atau tidak terbaca; baris ditolak.', 'Required column {column} is empty or unreadable; the row is rejected.'),

  // Notes.
  total_row_skipped: spec('info', 'Baris jumlah/total ({value}) dilewati.', 'Total row ({value}) skipped.'),
  sign_off_skipped: spec('info', 'Blok tanda tangan (Mengetahui/NIP) di bawah tabel dilewati.', 'Signature block (Mengetahui/NIP) below the table skipped.'),
  footnote_skipped: spec('info', 'Baris catatan/keterangan di bawah tabel dilewati.', 'Footnote line below the table skipped.'),
  column_numbers_skipped: spec('info', 'Baris nomor kolom (1, 2, 3, …) di bawah judul kolom dilewati.', 'Column-number row (1, 2, 3, …) under the header skipped.'),
  repeated_header_skipped: spec('info', 'Judul kolom yang berulang di tengah data dilewati.', 'Header repeated inside the data skipped.'),
  name_cleaned: spec(
    'info',
    'Spasi ganda atau spasi tak terputus di {column} dirapikan; isian asli tetap disimpan.',
    'Double or non-breaking spaces in {column} were tidied; the original is kept.',
  ),
} as const satisfies Record<string, IssueKindSpec>;

export type IssueKind = keyof typeof ISSUE_KINDS;

export const ISSUE_KIND_LIST = Object.keys(ISSUE_KINDS) as readonly IssueKind[];

/** A parameter shown in a message; `{ id, en }` when its wording depends on the language. */
export interface LocalText {
  readonly id: string;
  readonly en: string;
}
export type IssueParam = string | number | LocalText;
export type IssueParams = Readonly<Record<string, IssueParam>>;

/** What a normaliser or a row check found, before it is placed at a row and column. */
export interface CellIssue {
  readonly kind: IssueKind;
  readonly params?: IssueParams;
}

/** One reported issue. The file comes from the batch the issue belongs to. */
export interface Issue {
  readonly kind: IssueKind;
  readonly severity: Severity;
  /** 1-based row as the planner sees it in the sheet or file (title rows and header counted). */
  readonly row: number;
  /** Header text of the column as written in the file; null for an issue about the whole row. */
  readonly column: string | null;
  /** The original cell value as text (null when the cell was empty or the issue is about the row). */
  readonly value: string | null;
  readonly params?: IssueParams;
  /** Rendered message, when the issue was stored with one; otherwise render with `issueMessage`. */
  readonly message?: string;
  readonly sheet?: string;
}

export function severityOf(kind: IssueKind): Severity {
  return ISSUE_KINDS[kind].severity;
}

/** Place a cell issue at its row and column. */
export function placeIssue(
  cell: CellIssue,
  at: { readonly row: number; readonly column: string | null; readonly value: string | null; readonly sheet?: string },
): Issue {
  const out: { -readonly [K in keyof Issue]: Issue[K] } = { kind: cell.kind, severity: ISSUE_KINDS[cell.kind].severity, row: at.row, column: at.column, value: at.value };
  if (cell.params) out.params = cell.params;
  if (at.sheet !== undefined && at.sheet !== '') out.sheet = at.sheet;
  return out;
}

/** True when any issue rejects the row. */
export function rejectsRow(issues: readonly { readonly kind: IssueKind }[]): boolean {
  for (const i of issues) if (ISSUE_KINDS[i.kind].severity === 'error') return true;
  return false;
}

const MAX_SHOWN = 60;

/** Long cell text is cut in messages; the full value stays in the issue. */
function shown(value: string | null): string {
  if (value === null) return '';
  return value.length > MAX_SHOWN ? `“${value.slice(0, MAX_SHOWN - 1)}…”` : `“${value}”`;
}

const SHEET_WORD: Record<Language, string> = { id: 'lembar', en: 'sheet' };

/**
 * The issue's message in a language. `{firstRow}` gains the sheet name when the first occurrence
 * was on another sheet (large regions arrive split over sheets, DOMAIN.md §4).
 */
export function issueMessage(issue: Pick<Issue, 'kind' | 'column' | 'value' | 'params' | 'sheet'>, lang: Language): string {
  const params: Record<string, string | number> = {};
  if (issue.params) {
    for (const [k, v] of Object.entries(issue.params)) params[k] = typeof v === 'object' ? v[lang] : v;
  }
  const firstSheet = params['firstSheet'];
  if (params['firstRow'] !== undefined && typeof firstSheet === 'string' && firstSheet !== '' && firstSheet !== (issue.sheet ?? '')) {
    params['firstRow'] = `${params['firstRow']} (${SHEET_WORD[lang]} ${firstSheet})`;
  }
  params['column'] = issue.column ?? '';
  params['value'] = shown(issue.value);
  return interpolate(ISSUE_KINDS[issue.kind][lang], params);
}
