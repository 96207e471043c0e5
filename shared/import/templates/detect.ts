/**
 * Finding the header and the source of a sheet by its content (DOMAIN.md §2, §4): which row is the
 * header (past title rows, merged titles, a `Posisi data` line), which template fits it best and
 * how each column maps, and which rows after it are not data (totals, sign-off blocks, footnotes).
 *
 * Header texts come from files, so they are only ever used as `Map` keys or array values, never as
 * object property names: a column called `__proto__` or `constructor` is ordinary text.
 */
import type { SourceKind } from '../../model/source.ts';
import type { IssueKind } from '../issues.ts';
import type { SourceTemplate, TargetTable } from '../fields.ts';
import { headerKey } from '../fields.ts';
import { isTrimSpace } from '../cell.ts';
import { TEMPLATES } from './index.ts';

// ---------------------------------------------------------------------------------------------
// Cell text and header keys

/** A cell as text the way a planner reads it: trimmed, NBSP as space, numbers as written. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return (v.indexOf('\u00a0') === -1 ? v : v.replace(/\u00a0/g, ' ')).trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return '';
}

function isBlankCell(v: unknown): boolean {
  return cellText(v) === '';
}

/**
 * Abbreviations clerks write in headers, expanded so `Tgl. Lahir`, `Hub. dgn. Kpl Keluarga`,
 * `Nomor KK` and `Kab/Kota` meet their full spellings. Whole words only: `kel` is left alone
 * because it abbreviates both `kelurahan` and `kelamin`.
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['nomor', 'no'],
  ['nomer', 'no'],
  ['nmr', 'no'],
  ['risiko', 'resiko'],
  ['berisiko', 'beresiko'],
  ['thn', 'tahun'],
  ['tgl', 'tanggal'],
  ['tmp', 'tempat'],
  ['jns', 'jenis'],
  ['jml', 'jumlah'],
  ['kab', 'kabupaten'],
  ['kec', 'kecamatan'],
  ['prov', 'provinsi'],
  ['propinsi', 'provinsi'],
  ['kemendagri', 'kemdagri'],
  ['kpl', 'kepala'],
  ['dgn', 'dengan'],
  ['hub', 'hubungan'],
  ['kd', 'kode'],
]);

/** `headerKey` plus the abbreviations above: the form headers are matched in. */
export function matchKey(raw: string): string {
  const key = headerKey(raw);
  if (key === '') return key;
  return key
    .split(' ')
    .map((t) => ABBREVIATIONS.get(t) ?? t)
    .join(' ');
}

/**
 * Display names of the columns: the header text, `Kolom N` (1-based) for an empty header cell, and
 * ` (2)`, ` (3)` … after repeats, so every column has a distinct name for the row's `extra`.
 */
export function columnNames(headerCells: readonly unknown[]): string[] {
  const taken = new Set<string>();
  const out: string[] = [];
  headerCells.forEach((cell, i) => {
    const text = cellText(cell).replace(/\s+/g, ' ');
    const base = text === '' ? `Kolom ${i + 1}` : text;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    out.push(name);
  });
  return out;
}

/** Index after the last non-empty header cell: trailing empty columns are not columns. */
function headerWidth(headerCells: readonly unknown[]): number {
  let w = headerCells.length;
  while (w > 0 && isBlankCell(headerCells[w - 1])) w--;
  return w;
}

// ---------------------------------------------------------------------------------------------
// Template vocabulary

interface Lexicon {
  readonly template: SourceTemplate;
  /** matchKey of a header spelling → field key. */
  readonly fieldOf: ReadonlyMap<string, string>;
}

interface Vocabulary {
  readonly lexicons: readonly Lexicon[];
  /** matchKey → how many templates know it (weights evidence: shared headers say less). */
  readonly spread: ReadonlyMap<string, number>;
}

const vocabularies = new WeakMap<readonly SourceTemplate[], Vocabulary>();

function vocabulary(templates: readonly SourceTemplate[]): Vocabulary {
  const cached = vocabularies.get(templates);
  if (cached) return cached;
  const spread = new Map<string, number>();
  const lexicons = templates.map((template) => {
    const fieldOf = new Map<string, string>();
    for (const f of template.fields) {
      // The field key itself is a spelling too: files exported by Padu or re-imported by a planner use it.
      for (const h of [f.key, ...(template.headers[f.key] ?? [])]) {
        const k = matchKey(h);
        if (k !== '' && !fieldOf.has(k)) fieldOf.set(k, f.key);
      }
    }
    for (const k of fieldOf.keys()) spread.set(k, (spread.get(k) ?? 0) + 1);
    return { template, fieldOf };
  });
  const v: Vocabulary = { lexicons, spread };
  vocabularies.set(templates, v);
  return v;
}

/**
 * Header spellings that two fields of one template both claim (the first declared wins). A test
 * keeps this empty for the shipped templates.
 */
export function vocabularyConflicts(templates: readonly SourceTemplate[] = TEMPLATES): string[] {
  const out: string[] = [];
  for (const t of templates) {
    const seen = new Map<string, string>();
    for (const f of t.fields) {
      for (const h of [f.key, ...(t.headers[f.key] ?? [])]) {
        const k = matchKey(h);
        const other = seen.get(k);
        if (other !== undefined && other !== f.key) out.push(`${t.source}: "${h}" → ${other} and ${f.key}`);
        else seen.set(k, f.key);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Template matching

export interface TemplateCandidate {
  readonly source: SourceKind;
  readonly table: TargetTable;
  /**
   * 0–1: the share of the header's evidence this template explains. Each column weighs 1/n where n
   * is the number of templates that know its header (1 for a header no template knows), so the
   * columns that set sources apart decide; times 0.9 for each required field or group missing.
   */
  readonly score: number;
  /** Share of the named columns mapped to a field (no weighting): what the mapping screen shows. */
  readonly coverage: number;
  /** Columns mapped to a field. */
  readonly matched: number;
  /** Per column of the header row: the field key it fills, or null (kept in `extra`, or empty). */
  readonly mapping: readonly (string | null)[];
  /** Columns up to the last named one that map to no field (includes empty headers, `Kolom N`). */
  readonly unknownColumns: readonly number[];
  /** Columns whose header names a field an earlier column already fills (kept in `extra`). */
  readonly duplicateColumns: readonly number[];
  /** Required fields no column fills. */
  readonly missingRequired: readonly string[];
  /** `requiredAnyOf` groups of which no field is filled. */
  readonly missingAnyOf: readonly (readonly string[])[];
}

const MISSING_PENALTY = 0.9;

function mapWith(keys: readonly string[], width: number, lex: Lexicon, spread: ReadonlyMap<string, number>): TemplateCandidate {
  const template = lex.template;
  const mapping: (string | null)[] = keys.map(() => null);
  const used = new Set<string>();
  const unknownColumns: number[] = [];
  const duplicateColumns: number[] = [];
  let evidence = 0;
  let possible = 0;
  let named = 0;
  let matched = 0;
  for (let i = 0; i < width; i++) {
    const k = keys[i] ?? '';
    if (k === '') {
      // An unnamed column carries no evidence either way; its cells are still kept (`Kolom N`).
      unknownColumns.push(i);
      continue;
    }
    named++;
    const n = spread.get(k) ?? 0;
    const w = n > 0 ? 1 / n : 1;
    possible += w;
    const field = lex.fieldOf.get(k);
    if (field === undefined) {
      unknownColumns.push(i);
      continue;
    }
    if (used.has(field)) {
      duplicateColumns.push(i);
      unknownColumns.push(i);
      continue;
    }
    used.add(field);
    mapping[i] = field;
    matched++;
    evidence += w;
  }
  const missingRequired = template.fields.filter((f) => f.required === true && !used.has(f.key)).map((f) => f.key);
  const missingAnyOf = (template.requiredAnyOf ?? []).filter((g) => !g.some((k) => used.has(k)));
  const base = possible > 0 ? evidence / possible : 0;
  const score = base * MISSING_PENALTY ** (missingRequired.length + missingAnyOf.length);
  return {
    source: template.source,
    table: template.table,
    score,
    coverage: named > 0 ? matched / named : 0,
    matched,
    mapping,
    unknownColumns,
    duplicateColumns,
    missingRequired,
    missingAnyOf,
  };
}

/**
 * Every template that maps at least one column, best first (score, then columns matched, then
 * template order). The first is the automatic choice; `chooseTemplate` says whether to trust it.
 */
export function matchTemplate(headerCells: readonly unknown[], templates: readonly SourceTemplate[] = TEMPLATES): TemplateCandidate[] {
  const voc = vocabulary(templates);
  const keys = headerCells.map((c) => matchKey(cellText(c)));
  const width = headerWidth(headerCells);
  const out = voc.lexicons.map((lex, order) => ({ c: mapWith(keys, width, lex, voc.spread), order })).filter((x) => x.c.matched > 0);
  out.sort((a, b) => b.c.score - a.c.score || b.c.matched - a.c.matched || a.order - b.order);
  return out.map((x) => x.c);
}

/** The header mapped with one given template (the planner picked the source on the mapping screen). */
export function mapColumns(headerCells: readonly unknown[], template: SourceTemplate, templates: readonly SourceTemplate[] = TEMPLATES): TemplateCandidate {
  const set = templates.includes(template) ? templates : [...templates, template];
  const voc = vocabulary(set);
  const lex = voc.lexicons.find((l) => l.template === template);
  const keys = headerCells.map((c) => matchKey(cellText(c)));
  // `set` always contains the template, so the lexicon exists.
  if (!lex) throw new Error(`template ${template.source} missing from its own vocabulary`);
  return mapWith(keys, headerWidth(headerCells), lex, voc.spread);
}

/** Below this score the automatic choice is shown as a guess to confirm. */
export const LOW_SCORE = 0.5;
/** Runner-up within this much of the best: ask which source it is. */
export const TIE_MARGIN = 0.1;

export type ChoiceStatus = 'confident' | 'ambiguous' | 'weak' | 'none';

export interface TemplateChoice {
  /** The automatic choice (null when no template matched a single column). */
  readonly best: TemplateCandidate | null;
  /**
   * `confident`: use it (the planner may still adjust columns); `ambiguous`: the runner-up is
   * within TIE_MARGIN; `weak`: best score under LOW_SCORE; `none`: nothing matched. The last three
   * need the planner to confirm the source.
   */
  readonly status: ChoiceStatus;
  /** The candidates within TIE_MARGIN of the best (for `ambiguous`), best excluded. */
  readonly rivals: readonly TemplateCandidate[];
}

export function chooseTemplate(candidates: readonly TemplateCandidate[]): TemplateChoice {
  const best = candidates[0];
  if (!best) return { best: null, status: 'none', rivals: [] };
  const rivals = candidates.slice(1).filter((c) => best.score - c.score < TIE_MARGIN);
  if (rivals.length > 0) return { best, status: 'ambiguous', rivals };
  if (best.score < LOW_SCORE) return { best, status: 'weak', rivals };
  return { best, status: 'confident', rivals };
}

// ---------------------------------------------------------------------------------------------
// Header row

export interface HeaderRowGuess {
  /** 0-based index into the rows given. */
  readonly rowIndex: number;
  /** Share of the row's non-empty cells that are known headers of the best template (0 for `layout`). */
  readonly score: number;
  /** Known header cells of the best template in that row. */
  readonly matched: number;
  /** The template whose vocabulary the row matched best; null for `layout`. */
  readonly source: SourceKind | null;
  /**
   * `vocabulary`: found by known header names; `layout`: no row had two known headers, so the
   * first wide all-text row followed by data was taken; the planner should confirm it.
   */
  readonly basis: 'vocabulary' | 'layout';
}

function nonEmptyCount(cells: readonly unknown[]): number {
  let n = 0;
  for (const c of cells) if (!isBlankCell(c)) n++;
  return n;
}

/**
 * The header row of a sheet, from its first rows as arrays of cell values. The row with the most
 * cells naming fields of one template wins (two at least); on a tie the row with fewer other
 * cells, then the earlier row. Title rows,
 * merged titles (one filled cell then blanks), `Posisi data: …` lines and blank rows match no
 * template and are passed over. Null when nothing looks like a header.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], maxScan = 40, templates: readonly SourceTemplate[] = TEMPLATES): HeaderRowGuess | null {
  const voc = vocabulary(templates);
  const limit = Math.min(rows.length, maxScan);
  let best: HeaderRowGuess | null = null;
  for (let r = 0; r < limit; r++) {
    const cells = rows[r] ?? [];
    const filled = nonEmptyCount(cells);
    if (filled < 2) continue;
    const keys = cells.map((c) => matchKey(cellText(c)));
    let top = 0;
    let topSource: SourceKind | null = null;
    for (const lex of voc.lexicons) {
      const fields = new Set<string>();
      for (const k of keys) {
        const f = k === '' ? undefined : lex.fieldOf.get(k);
        if (f !== undefined) fields.add(f);
      }
      if (fields.size > top) {
        top = fields.size;
        topSource = lex.template.source;
      }
    }
    if (top < 2) continue;
    const score = top / filled;
    if (!best || top > best.matched || (top === best.matched && score > best.score)) {
      best = { rowIndex: r, score, matched: top, source: topSource, basis: 'vocabulary' };
    }
  }
  return best ?? layoutHeaderRow(rows, limit);
}

function looksNumeric(text: string): boolean {
  return /^[-+]?(rp\.?\s*)?[\d.,\s]*\d[\d.,\s]*%?$/i.test(text);
}

/** A number, possibly with a unit after it as totals are written: `1.500 KK`, `91 unit`, `Rp 1.710.000.000`. */
function looksQuantity(text: string): boolean {
  return /^[-+]?(rp\.?\s*)?[\d.,\s]*\d[\d.,\s]*%?(\s*[a-z]{1,12}\.?){0,2}$/i.test(text);
}

/** Fallback for headers no template knows: a wide row of distinct texts, with a data row soon after. */
function layoutHeaderRow(rows: readonly (readonly unknown[])[], limit: number): HeaderRowGuess | null {
  let widest = 0;
  for (let r = 0; r < limit; r++) widest = Math.max(widest, nonEmptyCount(rows[r] ?? []));
  for (let r = 0; r < limit; r++) {
    const cells = rows[r] ?? [];
    const texts = cells.map(cellText).filter((t) => t !== '');
    if (texts.length < 3 || texts.length < widest * 0.5) continue;
    if (texts.some((t) => looksNumeric(t))) continue;
    if (new Set(texts.map((t) => headerKey(t))).size !== texts.length) continue;
    for (let d = r + 1; d < Math.min(rows.length, r + 4); d++) {
      if (nonEmptyCount(rows[d] ?? []) >= texts.length * 0.5) return { rowIndex: r, score: 0, matched: 0, source: null, basis: 'layout' };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Sheets and profiles

function headerKeys(headerCells: readonly unknown[]): string[] {
  return headerCells.slice(0, headerWidth(headerCells)).map((c) => headerKey(cellText(c)));
}

/**
 * True when two sheets have the same header (same header keys in the same order, trailing empty
 * cells ignored), so their rows can be appended as one table.
 */
export function sameHeader(a: readonly unknown[], b: readonly unknown[]): boolean {
  const ka = headerKeys(a);
  const kb = headerKeys(b);
  if (ka.length === 0 || ka.length !== kb.length) return false;
  return ka.every((k, i) => k === kb[i]);
}

/** The header keys a shape signature is made of (for showing or storing next to the signature). */
export function shapeKeys(headerCells: readonly unknown[]): string[] {
  return headerKeys(headerCells);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * A stable id of a header's shape for saving and finding a mapping profile: `v1:<columns>:<hash>`,
 * the FNV-1a 64-bit hash of the header keys in order. Case, spacing and punctuation do not change
 * it; reordering, adding or renaming a column does (a profile maps columns by position).
 */
export function shapeSignature(headerCells: readonly unknown[]): string {
  const keys = headerKeys(headerCells);
  const text = keys.join('\u001f');
  let h = FNV_OFFSET;
  // Header keys are ASCII (`headerKey` keeps a–z, 0–9 and spaces), so code units are bytes.
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK64;
  }
  return `v1:${keys.length}:${h.toString(16).padStart(16, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Rows that are not data

export function isBlankRow(cells: readonly unknown[]): boolean {
  for (const c of cells) if (!isBlankCell(c)) return false;
  return true;
}

const TOTAL_LABELS = new Set([
  'jumlah', 'total', 'grand total', 'sub total', 'subtotal', 'jumlah total', 'total jumlah', 'jumlah keseluruhan', 'total keseluruhan',
  'jumlah seluruhnya', 'total seluruhnya', 'jumlah akhir', 'total akhir', 'jumlah umum', 'jumlah seluruh', 'total seluruh',
]);
/** `Jumlah Kec. Semau`, `Total Kabupaten Kupang`, `Sub Total Desa Otan`: subtotals per region. */
const SUBTOTAL_LABEL = /^(jumlah|total|sub total|subtotal) (kec|kecamatan|kab|kabupaten|kota|desa|kel|kelurahan|prov|provinsi|wilayah|per) /;

/**
 * A `JUMLAH`/`TOTAL` row: the first non-empty cell is a total label (also `Jumlah Total`, `GRAND
 * TOTAL`, `Sub Total`, or a subtotal per region), and the other non-empty cells are mostly numbers.
 * A label followed by text (`Jumlah penduduk miskin | 2023 | …` in an indicator table) is data.
 */
export function isTotalRow(cells: readonly unknown[]): boolean {
  let label: string | null = null;
  let others = 0;
  let numeric = 0;
  for (const c of cells) {
    const t = cellText(c);
    if (t === '') continue;
    if (label === null) {
      label = headerKey(t);
      if (!TOTAL_LABELS.has(label) && !SUBTOTAL_LABEL.test(`${label} `)) return false;
      continue;
    }
    others++;
    if (typeof c === 'number' || looksQuantity(t)) numeric++;
  }
  if (label === null) return false;
  // A lone label: the sums were formulas without cached values.
  return others === 0 || numeric / others >= 0.75;
}

const MONTHS = 'januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember';
const SIGN_OFF_PATTERNS: readonly RegExp[] = [
  // Witness and approval lines.
  /^(mengetahui|menyetujui|disetujui|diketahui|diperiksa|dibuat|disahkan|mengesahkan|yang membuat|yang menyerahkan|yang menerima|pembuat daftar|ttd|tanda tangan)\b/,
  // Titles of the signatory, with or without a.n./Plt./Plh.
  /^((a\.? ?n\.?|plt\.?|plh\.?|u\.? ?b\.?) )?(kepala|sekretaris|camat|lurah|bupati|wali ?kota|gubernur|kasubag|kabid|kasi|kabag|koordinator|pendamping|operator|petugas|direktur)\b/,
  // NIP (civil servant number), NRP, NIPPPK.
  /^(nip|nrp|nipppk|nik pegawai)\b\.?/,
  // Civil-service ranks under the name.
  /^(pembina|penata|pengatur|juru)( |$)/,
  // Place and date: `Kupang, 30 Juni 2025`, `Kupang, 30-06-2025`, `Kupang,    Juni 2025`.
  new RegExp(`^[a-z][a-z .'-]{1,40}, *(\\d{1,2} *)?(${MONTHS}) *\\d{4}$`),
  /^[a-z][a-z .'-]{1,40}, *\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/,
];

/** Most non-empty cells a sign-off or footnote row has. */
const SPARSE_MAX = 4;

function sparse(cells: readonly unknown[], width: number): boolean {
  const n = nonEmptyCount(cells);
  return n > 0 && n <= Math.min(SPARSE_MAX, Math.max(1, Math.floor(width / 2)));
}

/**
 * A line that opens or belongs to a sign-off block under an official list (`Mengetahui`, `KEPALA
 * DINAS …`, `NIP. …`, `Kupang, 30 Juni 2025`): a sparse row (at most four filled cells) with one of
 * these texts. The names and `PROVINSI …` lines in between are caught by `createRowClassifier`.
 */
export function isSignOffRow(cells: readonly unknown[]): boolean {
  if (nonEmptyCount(cells) > SPARSE_MAX) return false;
  for (const c of cells) {
    const t = cellText(c).toLowerCase().replace(/\s+/g, ' ');
    if (t !== '' && SIGN_OFF_PATTERNS.some((p) => p.test(t))) return true;
  }
  return false;
}

const FOOTNOTE = /^(?:(?:sumber|keterangan|ket|catatan|note|nb|posisi data|data per|diolah|dicetak|tanggal cetak)\b|\*|\d\))/;

/** A footnote under a table (`Sumber: BPS`, `Keterangan: …`, `*) angka sementara`): one or two filled cells. */
export function isFootnoteRow(cells: readonly unknown[]): boolean {
  const texts = cells.map(cellText).filter((t) => t !== '');
  if (texts.length === 0 || texts.length > 2) return false;
  return FOOTNOTE.test((texts[0] ?? '').toLowerCase());
}

/**
 * A row numbering the columns under the header (`1 | 2 | 3 …` or `(1) | (2) | (3) …`), as official
 * tables print it: three or more consecutive integers from 1.
 */
export function isColumnNumberRow(cells: readonly unknown[]): boolean {
  let expect = 1;
  for (const c of cells) {
    const t = cellText(c);
    if (t === '') continue;
    const m = /^\(?(\d{1,3})\)?$/.exec(t);
    if (!m || Number(m[1]) !== expect) return false;
    expect++;
  }
  return expect > 3;
}

export type RowKind = 'data' | 'blank' | 'total' | 'sign_off' | 'footnote' | 'column_numbers' | 'repeated_header';

/**
 * The issue kind to report a skipped row with (`info`: the row is not data, nothing is lost);
 * blank rows are skipped silently. Only `total_row_skipped` exists in issues.ts so far.
 */
export const SKIPPED_ROW_ISSUE: Readonly<Record<Exclude<RowKind, 'data' | 'blank'>, IssueKind>> = {
  total: 'total_row_skipped',
  sign_off: 'sign_off_skipped',
  footnote: 'footnote_skipped',
  column_numbers: 'column_numbers_skipped',
  repeated_header: 'repeated_header_skipped',
};

export interface RowClassifier {
  /** What the next row (in sheet order, after the header) is. */
  classify(cells: readonly unknown[]): RowKind;
}

/** Set by `glance`: the row's non-empty cell count (at most its `stopAt`) and its first non-empty cell's text. */
let glanceFilled = 0;
let glanceFirst = '';

/**
 * Count the non-empty cells and find the first, in one pass without normalising (no object per
 * row: it runs on every row). Text whose first and last characters are visible is not blank, so
 * only text starting or ending with a space is trimmed.
 */
function glance(cells: readonly unknown[], stopAt = Infinity): void {
  let filled = 0;
  let first: unknown = null;
  for (let i = 0; i < cells.length && filled < stopAt; i++) {
    const c = cells[i];
    if (c === null || c === undefined || c === '') continue;
    if (typeof c === 'string') {
      if ((isTrimSpace(c.charCodeAt(0)) || isTrimSpace(c.charCodeAt(c.length - 1))) && c.trim() === '') continue;
    } else if (cellText(c) === '') continue;
    if (filled === 0) first = c;
    filled++;
  }
  glanceFilled = filled;
  glanceFirst = filled === 0 ? '' : cellText(first);
}

/** The code of a text's first character in lower case (NaN for ''), without a string for ASCII letters. */
function firstLower(text: string): number {
  const c = text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90 ? c | 0x20 : c;
  return text.charAt(0).toLowerCase().charCodeAt(0);
}

/** Could this text start a total row? A cheap test before `isTotalRow` normalises anything. */
function mayBeTotalLabel(first: number): boolean {
  return first === 106 || first === 116 || first === 103 || first === 115; // j t g s
}

/**
 * Classifies the rows after a header, in order. Sign-off blocks are recognised as a whole: once a
 * sign-off line is seen, the sparse rows after it (names, `PROVINSI …`, blank lines) belong to the
 * block until a full row appears. A column-numbering row counts only before the first data row; a
 * copy of the header (pages pasted together, appended sheets) is skipped anywhere.
 *
 * Runs on every row of a file (a million and more), so a data row is settled by one pass over its
 * cells plus a look at its first text; the normalising checks run only on rows that could match.
 */
export function createRowClassifier(headerCells: readonly unknown[]): RowClassifier {
  const width = Math.max(1, headerWidth(headerCells));
  glance(headerCells);
  const header = { filled: glanceFilled, first: glanceFirst };
  const headerFirstKey = headerKey(header.first);
  const headerFirstChar = firstLower(header.first);
  let inSignOff = false;
  let seenData = false;
  return {
    classify(cells) {
      // Counting stops past the sparse rows' limit: a full data row is settled by its first cells.
      glance(cells, SPARSE_MAX + 1);
      let filled = glanceFilled;
      const first = glanceFirst;
      if (filled === 0) return 'blank';
      const firstChar = firstLower(first);
      // A copy of the header: same cell count and the same first text (its first letter checked
      // before normalising anything, since most rows differ there already).
      if (firstChar === headerFirstChar) {
        if (filled > SPARSE_MAX) {
          glance(cells);
          filled = glanceFilled;
        }
        if (filled === header.filled && headerKey(first) === headerFirstKey && sameHeader(cells, headerCells)) return 'repeated_header';
      }
      if (!seenData && filled >= 3 && isColumnNumberRow(cells)) return 'column_numbers';
      if (mayBeTotalLabel(firstChar) && isTotalRow(cells)) return 'total';
      if (filled <= SPARSE_MAX) {
        if (isSignOffRow(cells)) {
          inSignOff = true;
          return 'sign_off';
        }
        if (inSignOff && sparse(cells, width)) return 'sign_off';
        if (seenData && width >= 3 && isFootnoteRow(cells)) return 'footnote';
      }
      inSignOff = false;
      seenData = true;
      return 'data';
    },
  };
}
