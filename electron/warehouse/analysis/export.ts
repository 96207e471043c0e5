/**
 * A cross-tab as an .xlsx a planner can paste into a report or send with a letter: the table with
 * its provenance in words above it (title, rows and columns, region, filters, sources with their
 * batches, age date, when it was made), real numbers in the cells (so the office can recompute),
 * subtotals per parent region, a total row, and optionally the same table as percentages and both
 * measures side by side. A cross-tab holds counts only, never a NIK. Every export is logged.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { attributeMeta, DATASET_ATTRIBUTE } from '../../../shared/analysis/attributes.ts';
import { REGION_LEVEL_NAMES } from '../../../shared/analysis/describe.ts';
import type { CrosstabResult, CrosstabSpec, Measure, PercentMode } from '../../../shared/contracts/analysis.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { formatDate } from '../../../shared/i18n/format.ts';
import { columnLetter } from '../../../shared/model/spreadsheet.ts';
import { currentLanguage, fail, type WarehouseContext } from '../context.ts';
import { exportDir, freePath } from '../imports/rejects.ts';
import { XlsxStreamWriter, type CellValue, type XlsxSheetWriter } from '../xlsx/xlsx-writer.ts';
import { runCrosstab } from './crosstab.ts';
import { SOURCE_LABEL } from './datasets.ts';
import { normalizeSpec } from './engine.ts';
import { appendAudit, fileSha256 } from '../audit/log.ts';

const METHOD = 'analysis.export';
const PERCENT_MODES: readonly PercentMode[] = ['none', 'row', 'col', 'total'];
const MAX_TITLE = 300;

const WORDS = {
  id: {
    sheetTable: 'Tabel',
    sheetPercent: 'Persentase',
    sheetBoth: 'Keluarga dan Jiwa',
    total: 'Jumlah',
    subtotal: 'Subtotal',
    families: 'Keluarga',
    persons: 'Jiwa',
    figures: { families: 'Angka: jumlah keluarga', persons: 'Angka: jumlah jiwa (anggota keluarga)' },
    percent: {
      row: 'Persentase per baris (setiap baris = 100%)',
      col: 'Persentase per kolom (setiap kolom = 100%)',
      total: 'Persentase terhadap jumlah keseluruhan',
    },
    both: 'Jumlah keluarga dan jiwa berdampingan',
    made: 'Dibuat',
    dataSource: 'Sumber data',
    vintage: 'Periode data',
  },
  en: {
    sheetTable: 'Table',
    sheetPercent: 'Percentages',
    sheetBoth: 'Families and people',
    total: 'Total',
    subtotal: 'Subtotal',
    families: 'Families',
    persons: 'People',
    figures: { families: 'Figures: number of families', persons: 'Figures: number of people (family members)' },
    percent: {
      row: 'Percentages by row (each row = 100%)',
      col: 'Percentages by column (each column = 100%)',
      total: 'Percentages of the grand total',
    },
    both: 'Families and people side by side',
    made: 'Made',
    dataSource: 'Data source',
    vintage: 'Data period',
  },
} as const;

/** One line of the printed table: a row item, a subtotal of a parent region, or the total. */
export interface TableLine {
  readonly kind: 'item' | 'subtotal' | 'total';
  readonly label: string;
  readonly families: readonly number[];
  readonly persons: readonly number[];
  readonly total: { readonly families: number; readonly persons: number };
}

/**
 * The table's lines in print order. Rows of one parent region are kept together and followed by
 * that parent's subtotal (the engine's subtotals, so member-level tables keep distinct-family
 * counts); rows without a parent (no region / outside the province) come after the groups.
 */
export function tableLines(r: CrosstabResult, words: { readonly subtotal: string; readonly total: string }): TableLine[] {
  const item = (i: number): TableLine => ({
    kind: 'item',
    label: r.rows[i]?.label ?? '',
    families: r.cells.families[i] ?? [],
    persons: r.cells.persons[i] ?? [],
    total: { families: r.rowTotals.families[i] ?? 0, persons: r.rowTotals.persons[i] ?? 0 },
  });
  const out: TableLine[] = [];
  if (r.groups.length === 0) {
    r.rows.forEach((_row, i) => out.push(item(i)));
  } else {
    const members: number[][] = r.groups.map(() => []);
    const loose: number[] = [];
    r.rows.forEach((row, i) => {
      const list = row.group === undefined ? undefined : members[row.group];
      if (list) list.push(i);
      else loose.push(i);
    });
    r.groups.forEach((g, gi) => {
      for (const i of members[gi] ?? []) out.push(item(i));
      out.push({ kind: 'subtotal', label: `${words.subtotal} ${g.label}`, families: g.families, persons: g.persons, total: g.total });
    });
    for (const i of loose) out.push(item(i));
  }
  out.push({ kind: 'total', label: words.total, families: r.colTotals.families, persons: r.colTotals.persons, total: r.total });
  return out;
}

/** Share of a count in its base; null when the base is empty (nothing to divide). */
function share(n: number, base: number): number | null {
  return base > 0 ? n / base : null;
}

/**
 * A line as percentages: of its own total (row), of its column's total (col), or of the grand
 * total. The total column follows the same rule, so each mode's 100% sits where planners expect it.
 */
function percentLine(line: TableLine, r: CrosstabResult, measure: Measure, mode: Exclude<PercentMode, 'none'>): { cells: (number | null)[]; total: number | null } {
  const cells = line[measure];
  const lineTotal = line.total[measure];
  const grand = r.total[measure];
  if (mode === 'row') return { cells: cells.map((n) => share(n, lineTotal)), total: share(lineTotal, lineTotal) };
  if (mode === 'col') return { cells: cells.map((n, c) => share(n, r.colTotals[measure][c] ?? 0)), total: share(lineTotal, grand) };
  return { cells: cells.map((n) => share(n, grand)), total: share(lineTotal, grand) };
}

function attributeName(key: string, lang: Language): string {
  if (key === DATASET_ATTRIBUTE) return WORDS[lang].dataSource;
  return attributeMeta(key)?.[lang] ?? key;
}

/** The level rows are actually at: a region scope below the asked level lifts it (see planCrosstab). */
function rowLevel(r: CrosstabResult): 1 | 2 | 3 | 4 | null {
  const spec = r.definition.spec;
  if (spec.rows.kind !== 'region') return null;
  const key = r.rows.find((x) => x.key !== '')?.key;
  const depth = key ? key.split('.').length : spec.rows.level;
  return depth >= 1 && depth <= 4 ? (depth as 1 | 2 | 3 | 4) : spec.rows.level;
}

function rowDimensionName(r: CrosstabResult, lang: Language): string {
  const spec = r.definition.spec;
  const level = rowLevel(r);
  if (level !== null) return REGION_LEVEL_NAMES[lang][level];
  return spec.rows.kind === 'attribute' ? attributeName(spec.rows.key, lang) : '';
}

const LEVEL_SLUG = { 1: 'provinsi', 2: 'kabupaten', 3: 'kecamatan', 4: 'desa' } as const;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'x';
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `tabulasi-kabupaten-x-desil-20250630-141503.xlsx` (local time: what the planner's clock shows). */
export function crosstabFileName(spec: CrosstabSpec, now: Date, level: 1 | 2 | 3 | 4 | null = null): string {
  const rows = spec.rows.kind === 'region' ? LEVEL_SLUG[level ?? spec.rows.level] : slug(spec.rows.key);
  const cols = spec.cols === null ? 'jumlah' : slug(spec.cols);
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `tabulasi-${rows}-x-${cols}-${stamp}.xlsx`;
}

/** A name in `dir` no other export took (two exports in the same second get `-2`, `-3` …). */
export interface WorkbookOptions {
  readonly lang: Language;
  readonly percent: PercentMode;
  readonly title: string;
  readonly now: Date;
}

/** Title, provenance and the made-at line above each sheet's table, then a blank row. */
function writeHeading(sheet: XlsxSheetWriter, r: CrosstabResult, o: WorkbookOptions, extra: readonly string[]): void {
  const w = WORDS[o.lang];
  sheet.addRow([{ v: o.title, style: 'heading' }]);
  for (const line of r.definition.description) sheet.addRow([line]);
  const vintages = r.definition.datasets.filter((d) => d.familyBatch.vintage).map((d) => `${SOURCE_LABEL[d.source]} ${d.familyBatch.vintage ?? ''}`);
  if (vintages.length > 0) sheet.addRow([`${w.vintage}: ${vintages.join('; ')}`]);
  for (const line of extra) sheet.addRow([line]);
  sheet.addRow([`${w.made}: ${formatDate(o.lang, o.now.toISOString(), true)}`]);
  sheet.addRow([]);
}

/** Rows writeHeading writes (to freeze the sheet just below the table's header). */
function headingRows(r: CrosstabResult, extra: number): number {
  const vintages = r.definition.datasets.some((d) => d.familyBatch.vintage) ? 1 : 0;
  return 1 + r.definition.description.length + vintages + extra + 2;
}

function columnWidths(r: CrosstabResult, lines: readonly TableLine[], rowName: string, numbers: number): { width: number }[] {
  const longest = Math.max(rowName.length, ...lines.map((l) => l.label.length));
  return [{ width: Math.min(60, Math.max(22, longest + 2)) }, ...Array.from({ length: numbers }, () => ({ width: r.cols.length > 12 ? 11 : 14 }))];
}

/**
 * Write the workbook. With no column attribute the single "Jumlah" column already is the total,
 * so the extra total column is left out.
 */
export async function writeCrosstabWorkbook(path: string, r: CrosstabResult, o: WorkbookOptions): Promise<void> {
  const w = WORDS[o.lang];
  const measure: Measure = r.definition.spec.measure === 'persons' ? 'persons' : 'families';
  const lines = tableLines(r, w);
  const rowName = rowDimensionName(r, o.lang);
  const withTotal = r.definition.spec.cols !== null;
  const colLabels = r.cols.map((c) => c.label);
  const header = [rowName, ...colLabels, ...(withTotal ? [w.total] : [])].map((v): CellValue => ({ v, style: 'header' }));
  const numbers = colLabels.length + (withTotal ? 1 : 0);
  const widths = columnWidths(r, lines, rowName, numbers);
  const book = await XlsxStreamWriter.create(path, {
    creator: 'Padu',
    title: o.title,
    created: { y: o.now.getFullYear(), m: o.now.getMonth() + 1, d: o.now.getDate() },
  });
  try {
    // Counts of the chosen measure.
    const figures = w.figures[measure];
    const table = book.addSheet(w.sheetTable, { columns: widths, freezeRows: headingRows(r, 1) + 1 });
    writeHeading(table, r, o, [figures]);
    table.addRow(header);
    for (const line of lines) {
      const strong = line.kind !== 'item';
      const num = strong ? 'integerBold' : 'integer';
      const cells: CellValue[] = [{ v: line.label, style: strong ? 'bold' : 'text' }, ...line[measure].map((n): CellValue => ({ v: n, style: num }))];
      if (withTotal) cells.push({ v: line.total[measure], style: 'integerBold' });
      if (table.addRow(cells)) await book.drain();
    }

    // The same table as shares.
    if (o.percent !== 'none') {
      const mode = o.percent;
      const sheet = book.addSheet(w.sheetPercent, { columns: widths, freezeRows: headingRows(r, 2) + 1 });
      writeHeading(sheet, r, o, [figures, w.percent[mode]]);
      sheet.addRow(header);
      for (const line of lines) {
        const strong = line.kind !== 'item';
        const style = strong ? 'percentBold' : 'percent';
        const p = percentLine(line, r, measure, mode);
        const cells: CellValue[] = [{ v: line.label, style: strong ? 'bold' : 'text' }, ...p.cells.map((v): CellValue => ({ v, style }))];
        if (withTotal) cells.push({ v: p.total, style: 'percentBold' });
        if (sheet.addRow(cells)) await book.drain();
      }
    }

    // Both measures, two columns per column item under a merged label.
    const pairs = numbers * 2;
    const both = book.addSheet(w.sheetBoth, { columns: [widths[0] ?? { width: 22 }, ...Array.from({ length: pairs }, () => ({ width: 11 }))], freezeRows: headingRows(r, 1) + 2 });
    writeHeading(both, r, o, [w.both]);
    const top = both.rowCount + 1;
    both.addRow([
      { v: rowName, style: 'header' },
      ...[...colLabels, ...(withTotal ? [w.total] : [])].flatMap((label): CellValue[] => [{ v: label, style: 'header' }, { v: null, style: 'header' }]),
    ]);
    both.addRow([{ v: null, style: 'header' }, ...Array.from({ length: numbers }).flatMap((): CellValue[] => [{ v: w.families, style: 'header' }, { v: w.persons, style: 'header' }])]);
    both.merge(`A${top}:A${top + 1}`);
    for (let c = 0; c < numbers; c++) both.merge(`${columnLetter(1 + c * 2)}${top}:${columnLetter(2 + c * 2)}${top}`);
    for (const line of lines) {
      const strong = line.kind !== 'item';
      const num = strong ? 'integerBold' : 'integer';
      const cells: CellValue[] = [{ v: line.label, style: strong ? 'bold' : 'text' }];
      line.families.forEach((f, c) => cells.push({ v: f, style: num }, { v: line.persons[c] ?? 0, style: num }));
      if (withTotal) cells.push({ v: line.total.families, style: 'integerBold' }, { v: line.total.persons, style: 'integerBold' });
      if (both.addRow(cells)) await book.drain();
    }
    await book.close();
  } catch (e) {
    book.abort();
    rmSync(path, { force: true });
    throw e;
  }
}

export async function exportCrosstab(
  ctx: WarehouseContext,
  args: { readonly spec: CrosstabSpec; readonly percent?: PercentMode; readonly title?: string; readonly path?: string },
): Promise<{ path: string; fileName: string }> {
  const { db, dbPath } = ctx;
  const spec = normalizeSpec(db, METHOD, args.spec);
  const percent = args.percent ?? 'none';
  if (!PERCENT_MODES.includes(percent)) fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'percent' });
  if (args.title !== undefined && (typeof args.title !== 'string' || args.title.length > MAX_TITLE)) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'title' });
  }
  if (args.path !== undefined && (typeof args.path !== 'string' || args.path.trim() === '')) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'path' });
  }
  // Only workbooks: a mistyped path must not overwrite some other file with a spreadsheet.
  if (args.path !== undefined && !/\.xlsx$/i.test(args.path)) fail(db, 'invalid_input', 'error.exportNotXlsx', { path: args.path });

  const result = runCrosstab(db, dbPath, spec);
  const lang = currentLanguage(db);
  const now = new Date();
  const title = args.title?.trim() || result.definition.title;
  let path: string;
  if (args.path !== undefined) path = args.path;
  else {
    const dir = exportDir(dbPath);
    mkdirSync(dir, { recursive: true });
    path = freePath(dir, crosstabFileName(spec, now, rowLevel(result)));
  }
  mkdirSync(dirname(path), { recursive: true });
  await writeCrosstabWorkbook(path, result, { lang, percent, title, now });
  appendAudit(db, METHOD, { path, file: basename(path), spec, percent, title, rows: result.rows.length, cols: result.cols.length, total: result.total, sha256: await fileSha256(path) }, now);
  return { path, fileName: basename(path) };
}
