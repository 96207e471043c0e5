import { join } from 'node:path';
import { excelRoundedDigits } from '../../../shared/model/nik.ts';
import { CsvStreamWriter } from './csv-writer.ts';
import { daysFromCivil } from '../../../shared/model/civil-date.ts';
import type { CellFault, FaultKind, NoiseRates } from './noise.ts';
import { excelScientific } from './noise.ts';
import type { Rng } from './random.ts';
import type { Row } from './sources.ts';
import type { Cell, FileSpec, TableSpec } from './tables.ts';
import type { FileTruth, SheetLayout } from './truth.ts';
import { FAULT_COLUMNS } from './truth.ts';
import type { CellValue, XlsxSheetWriter } from '../xlsx/xlsx-writer.ts';
import { columnLetter } from '../../../shared/model/spreadsheet.ts';
import { XLSX_MAX_ROWS, XlsxStreamWriter } from '../xlsx/xlsx-writer.ts';

/**
 * Where records become files: the CSV and XLSX writers of one table, with the faults that belong
 * to a file format (a NIK stored as a number in Excel, `5.30101E+15` in a CSV saved from such a
 * sheet, title rows, a JUMLAH row, sheets split at a row limit), and the log of every fault.
 */

export interface FaultSink {
  add(file: string, sheet: string, row: number, column: string, kind: FaultKind, original: string, written: string): void;
}

/** faults.csv, written as faults happen, plus counts for ground-truth.json. */
export class FaultLog implements FaultSink {
  private readonly csv: CsvStreamWriter;
  total = 0;
  readonly byKind: Record<string, number> = {};
  readonly byFile: Record<string, number> = {};

  constructor(path: string) {
    this.csv = CsvStreamWriter.create(path, { delimiter: ',', bom: false, eol: '\n' });
    this.csv.writeRow(FAULT_COLUMNS);
  }

  add(file: string, sheet: string, row: number, column: string, kind: FaultKind, original: string, written: string): void {
    this.csv.writeRow([file, sheet, row, column, kind, original, written]);
    this.total++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.byFile[file] = (this.byFile[file] ?? 0) + 1;
  }

  close(): number {
    return this.csv.close();
  }
}

const SIXTEEN_DIGITS = /^\d{16}$/;

/** Cells that already carry a record-level fault keep it alone, so each logged fault stays checkable. */
function faulted(table: TableSpec, row: Row, i: number): boolean {
  if (row.faults.length === 0) return false;
  const h = table.headers[i];
  return row.faults.some((f) => f.column === h);
}

/** CSV-level faults of one record: 16-digit cells that went through Excel's General format. */
export function csvFormat(table: TableSpec, row: Row, rng: Rng, rates: NoiseRates): { cells: Cell[]; faults: CellFault[] } {
  const out = row.cells.slice();
  const faults: CellFault[] = [];
  if (rates.nikScientificCsv <= 0) return { cells: out, faults };
  for (let i = 0; i < out.length; i++) {
    if (table.kinds[i] !== 'digits' || faulted(table, row, i)) continue;
    const v = out[i];
    if (typeof v !== 'string' || !SIXTEEN_DIGITS.test(v)) continue;
    if (!rng.chance(rates.nikScientificCsv)) continue;
    const written = excelScientific(v);
    out[i] = written;
    faults.push({ column: table.headers[i] ?? '', kind: 'nik_scientific', original: v, written });
  }
  return { cells: out, faults };
}

function isoToSerial(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) + 25569;
}

/** XLSX-level faults and cell typing of one record (numbers, real dates, text-formatted IDs). */
export function xlsxFormat(table: TableSpec, row: Row, rng: Rng, rates: NoiseRates): { cells: CellValue[]; faults: CellFault[] } {
  const cells = row.cells;
  const out: CellValue[] = new Array<CellValue>(cells.length);
  const faults: CellFault[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] ?? null;
    const kind = table.kinds[i];
    if (kind === 'digits' && typeof v === 'string' && SIXTEEN_DIGITS.test(v)) {
      if (rates.nikAsNumberXlsx > 0 && !faulted(table, row, i) && rng.chance(rates.nikAsNumberXlsx)) {
        const rounded = excelRoundedDigits(v);
        out[i] = Number(rounded);
        faults.push({ column: table.headers[i] ?? '', kind: 'nik_as_number', original: v, written: rounded });
      } else {
        out[i] = { v, style: 'text' };
      }
    } else if (kind === 'dateIso' && typeof v === 'string') {
      const serial = isoToSerial(v);
      out[i] = serial === null ? v : { v: serial, style: 'dateIso' };
    } else if (kind === 'int' && typeof v === 'number') {
      out[i] = v >= 10_000 ? { v, style: 'integer' } : v;
    } else if (kind === 'decimal' && typeof v === 'number') {
      out[i] = { v, style: 'decimal' };
    } else {
      out[i] = v;
    }
  }
  return { cells: out, faults };
}

export interface TableSink {
  add(row: Row): void;
  drain(): Promise<void>;
  close(): Promise<FileTruth>;
  abort(): void;
}

export class CsvTableSink implements TableSink {
  private readonly file: FileSpec;
  private readonly writer: CsvStreamWriter;
  private readonly rng: Rng;
  private readonly rates: NoiseRates;
  private readonly faults: FaultSink;
  private readonly titleLines: number;
  private readonly headerLine: number;
  private dataRows = 0;

  constructor(outDir: string, file: FileSpec, rng: Rng, rates: NoiseRates, faults: FaultSink, titles: readonly string[]) {
    if (!file.csv) throw new Error(`${file.name} has no CSV dialect`);
    this.file = file;
    this.writer = CsvStreamWriter.create(join(outDir, file.name), file.csv);
    this.rng = rng;
    this.rates = rates;
    this.faults = faults;
    const width = file.table.headers.length;
    for (const t of titles) {
      // Excel pads every line of a saved sheet to the width of the used range.
      const line: string[] = new Array<string>(width).fill('');
      line[0] = t;
      this.writer.writeRow(line);
      faults.add(file.name, '', this.writer.lines, file.table.headers[0] ?? '', 'title_row', '', t);
    }
    this.titleLines = titles.length;
    this.writer.writeRow(file.table.headers);
    this.headerLine = this.writer.lines;
  }

  add(row: Row): void {
    const f = csvFormat(this.file.table, row, this.rng, this.rates);
    this.writer.writeRow(f.cells);
    this.dataRows++;
    const line = this.writer.lines;
    for (const x of row.faults) this.faults.add(this.file.name, '', line, x.column, x.kind, x.original, x.written);
    for (const x of f.faults) this.faults.add(this.file.name, '', line, x.column, x.kind, x.original, x.written);
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<FileTruth> {
    const bytes = this.writer.close();
    const csv = this.file.csv;
    const sheet: SheetLayout = {
      name: '',
      headerRow: this.headerLine,
      firstDataRow: this.dataRows > 0 ? this.headerLine + 1 : null,
      lastDataRow: this.dataRows > 0 ? this.headerLine + this.dataRows : null,
      dataRows: this.dataRows,
      titleRows: this.titleLines,
      totalRow: null,
      trailingRows: 0,
    };
    return Promise.resolve({
      name: this.file.name,
      source: this.file.table.source,
      table: this.file.table.key,
      format: 'csv',
      bytes,
      rows: this.dataRows,
      headers: this.file.table.headers,
      sheets: [sheet],
      ...(csv ? { csv: { delimiter: csv.delimiter, encoding: 'utf-8', bom: csv.bom, eol: csv.eol === '\r\n' ? 'CRLF' : 'LF' } } : {}),
    });
  }

  abort(): void {
    try {
      this.writer.close();
    } catch {
      // Closing after a failure is best effort; the original error is what matters.
    }
  }
}

export interface XlsxLayout {
  readonly sheetName: string;
  /** Title rows above the header of the first sheet; the first is merged across the table width. '' = blank row. */
  readonly titles: readonly string[];
  /** Most rows per sheet (titles and header included); more data continues on a new sheet. */
  readonly rowLimit: number;
  /** A `JUMLAH` row after the data: the count goes in countColumn, the sum of sumColumn in sumColumn. */
  readonly total?: { readonly countColumn?: number; readonly sumColumn?: number };
  /** Rows after the data (a blank row first), each as [column index, text]. */
  readonly signOff?: readonly (readonly [number, string])[];
}

interface OpenSheet {
  readonly writer: XlsxSheetWriter;
  readonly layout: { name: string; headerRow: number; titleRows: number; firstDataRow: number | null; lastDataRow: number | null; dataRows: number };
}

export class XlsxTableSink implements TableSink {
  private readonly file: FileSpec;
  private readonly book: XlsxStreamWriter;
  private readonly rng: Rng;
  private readonly rates: NoiseRates;
  private readonly faults: FaultSink;
  private readonly layout: XlsxLayout;
  private readonly sheets: OpenSheet[] = [];
  private current: OpenSheet;
  private needsDrain = false;
  private dataRows = 0;
  private sum = 0;
  private totalRow: number | null = null;
  private trailingRows = 0;

  private constructor(book: XlsxStreamWriter, file: FileSpec, rng: Rng, rates: NoiseRates, faults: FaultSink, layout: XlsxLayout) {
    this.book = book;
    this.file = file;
    this.rng = rng;
    this.rates = rates;
    this.faults = faults;
    this.layout = { ...layout, rowLimit: Math.min(layout.rowLimit > 0 ? layout.rowLimit : XLSX_MAX_ROWS, XLSX_MAX_ROWS) };
    this.current = this.openSheet(layout.sheetName, layout.titles);
  }

  static async create(outDir: string, file: FileSpec, rng: Rng, rates: NoiseRates, faults: FaultSink, layout: XlsxLayout): Promise<XlsxTableSink> {
    const book = await XlsxStreamWriter.create(join(outDir, file.name), { creator: 'Padu (data contoh)', title: file.name });
    return new XlsxTableSink(book, file, rng, rates, faults, layout);
  }

  private openSheet(name: string, titles: readonly string[]): OpenSheet {
    const table = this.file.table;
    const writer = this.book.addSheet(name, { columns: table.widths.map((w) => ({ width: w })), freezeRows: titles.length + 1 });
    const lastCol = columnLetter(table.headers.length - 1);
    titles.forEach((t, i) => {
      writer.addRow(t === '' ? [] : [{ v: t, style: i === 0 ? 'title' : 'subtitle' }]);
      if (i === 0 && t !== '') writer.merge(`A1:${lastCol}1`);
      this.faults.add(this.file.name, name, writer.rowCount, table.headers[0] ?? '', 'title_row', '', t);
    });
    writer.addRow(table.headers.map((h) => ({ v: h, style: 'header' as const })));
    const sheet: OpenSheet = {
      writer,
      layout: { name, headerRow: writer.rowCount, titleRows: titles.length, firstDataRow: null, lastDataRow: null, dataRows: 0 },
    };
    if (this.sheets.length > 0) this.faults.add(this.file.name, name, writer.rowCount, table.headers[0] ?? '', 'sheet_split', '', table.headers[0] ?? '');
    this.sheets.push(sheet);
    return sheet;
  }

  add(row: Row): void {
    if (this.current.writer.rowCount >= this.layout.rowLimit) {
      this.current = this.openSheet(`${this.layout.sheetName} (${this.sheets.length + 1})`, []);
    }
    const f = xlsxFormat(this.file.table, row, this.rng, this.rates);
    if (this.current.writer.addRow(f.cells)) this.needsDrain = true;
    const r = this.current.writer.rowCount;
    const l = this.current.layout;
    l.firstDataRow ??= r;
    l.lastDataRow = r;
    l.dataRows++;
    this.dataRows++;
    const sumCol = this.layout.total?.sumColumn;
    if (sumCol !== undefined) {
      const v = row.cells[sumCol];
      if (typeof v === 'number') this.sum += v;
    }
    for (const x of row.faults) this.faults.add(this.file.name, l.name, r, x.column, x.kind, x.original, x.written);
    for (const x of f.faults) this.faults.add(this.file.name, l.name, r, x.column, x.kind, x.original, x.written);
  }

  async drain(): Promise<void> {
    if (!this.needsDrain) return;
    this.needsDrain = false;
    await this.book.drain();
  }

  async close(): Promise<FileTruth> {
    const table = this.file.table;
    const total = this.layout.total;
    const trailing = (this.layout.signOff?.length ?? 0) > 0 ? 1 + (this.layout.signOff?.length ?? 0) : 0;
    const needed = (total ? 1 : 0) + trailing;
    if (needed > 0 && this.current.writer.rowCount + needed > this.layout.rowLimit) {
      this.current = this.openSheet(`${this.layout.sheetName} (${this.sheets.length + 1})`, []);
    }
    const w = this.current.writer;
    const sheetName = this.current.layout.name;
    if (total) {
      const cells: CellValue[] = new Array<CellValue>(table.headers.length).fill(null);
      cells[0] = { v: 'JUMLAH', style: 'bold' };
      if (total.countColumn !== undefined) cells[total.countColumn] = { v: this.dataRows, style: 'bold' };
      if (total.sumColumn !== undefined) cells[total.sumColumn] = { v: this.sum, style: 'integer' };
      w.addRow(cells);
      this.totalRow = w.rowCount;
      this.faults.add(this.file.name, sheetName, w.rowCount, table.headers[0] ?? '', 'total_row', '', 'JUMLAH');
    }
    const signOff = this.layout.signOff ?? [];
    if (signOff.length > 0) {
      w.addRow([]);
      this.trailingRows++;
      for (const [col, text] of signOff) {
        const cells: CellValue[] = [];
        cells[col] = text;
        w.addRow(cells);
        this.trailingRows++;
        if (text !== '') this.faults.add(this.file.name, sheetName, w.rowCount, table.headers[col] ?? '', 'signoff_row', '', text);
      }
    }
    const bytes = await this.book.close();
    const lastName = this.current.layout.name;
    return {
      name: this.file.name,
      source: table.source,
      table: table.key,
      format: 'xlsx',
      bytes,
      rows: this.dataRows,
      headers: table.headers,
      sheets: this.sheets.map((s) => ({
        ...s.layout,
        totalRow: s.layout.name === lastName ? this.totalRow : null,
        trailingRows: s.layout.name === lastName ? this.trailingRows : 0,
      })),
    };
  }

  abort(): void {
    this.book.abort();
  }
}
