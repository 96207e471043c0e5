/**
 * Legacy .xls (BIFF8, Excel 97–2003) through SheetJS — the only library that reads it. Also the
 * fallback for workbooks the streaming .xlsx reader refuses as unsupported (`.xlsb`, Zip64),
 * when they are small enough to hold in memory.
 *
 * `xlsx` here is `@e965/xlsx` 0.20.3, the build with the prototype-pollution (CVE-2023-30533) and
 * `<!--` ReDoS (CVE-2024-22363) fixes. Options follow TECH-NOTES: dense sheets, no formulas, no
 * HTML, no styles, a row cap; rows come out as arrays, so header text never becomes an object key.
 * SheetJS parses the whole file at once: the file-size cap bounds memory, the worker's time and
 * heap limits bound the rest.
 */
import { readFileSync, statSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { SpreadsheetError, type SheetCell, type SheetRow } from './spreadsheet-error.ts';

export interface SheetJsReadOptions {
  /** Largest file handed to SheetJS (default 100 MiB; a full BIFF8 sheet is ~30 MB). */
  readonly maxFileBytes?: number;
  /** Most rows per sheet (default 1,048,576; BIFF8 itself stops at 65,536). */
  readonly maxRows?: number;
  /** Rows per yielded batch (default 5,000). */
  readonly batchRows?: number;
}

export interface SheetJsSheetResult {
  readonly merges: string[];
  readonly rows: number;
  readonly columns: number;
}

function load(path: string, options: SheetJsReadOptions, extra: XLSX.ParsingOptions): XLSX.WorkBook {
  const maxBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
  const size = statSync(path).size;
  if (size === 0) throw new SpreadsheetError('empty', 'Berkas kosong (0 bait).');
  if (size > maxBytes) {
    throw new SpreadsheetError('too_large', `Berkas ${(size / 1024 / 1024).toFixed(0)} MB terlalu besar untuk format ini (batas ${(maxBytes / 1024 / 1024).toFixed(0)} MB). Simpan sebagai .xlsx atau .csv lalu coba lagi.`);
  }
  const maxRows = options.maxRows ?? 1_048_576;
  try {
    return XLSX.read(readFileSync(path), {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellText: false,
      // One row more than allowed, so an over-long sheet is reported instead of cut silently.
      sheetRows: maxRows + 1,
      ...extra,
    });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(detail)) throw new SpreadsheetError('encrypted', 'Buku kerja ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu impor lagi.');
    // SheetJS's (English) text goes in `cause` for the log, not in the user's message.
    const e = new SpreadsheetError('corrupt', 'Berkas Excel rusak atau tidak dapat dibaca. Simpan ulang berkas dari Excel lalu coba lagi.');
    e.cause = err;
    throw e;
  }
}

/** Sheet names in tab order, without parsing the cells. */
export function listSheetJsSheets(path: string, options: SheetJsReadOptions = {}): string[] {
  return load(path, options, { bookSheets: true }).SheetNames;
}

/**
 * One sheet as batches of `{ line, cells }`, line = 1-based sheet row. Synchronous, like the
 * CSV reader: SheetJS has parsed everything before the first batch anyway. Rows without a value are
 * skipped (as the .xlsx reader does; line numbers show the gaps); cells left of the used range
 * are null.
 */
export function* readSheetJsSheet(path: string, sheetName: string, options: SheetJsReadOptions = {}): Generator<SheetRow[], SheetJsSheetResult, undefined> {
  const maxRows = options.maxRows ?? 1_048_576;
  const batchRows = options.batchRows ?? 5000;
  const names = listSheetJsSheets(path, options);
  const name = names.find((n) => n === sheetName) ?? names.find((n) => n.toLowerCase() === sheetName.toLowerCase());
  if (name === undefined) throw new SpreadsheetError('sheet_not_found', `Lembar "${sheetName}" tidak ada di berkas ini. Lembar yang ada: ${names.join(', ')}.`);
  const wb = load(path, options, { sheets: [name] });
  const ws = wb.Sheets[name];
  if (!ws?.['!ref']) return { merges: [], rows: 0, columns: 0 };
  const range = XLSX.utils.decode_range(ws['!ref']);
  if (range.e.r + 1 > maxRows) throw new SpreadsheetError('too_many_rows', `Lembar "${name}" memiliki lebih dari ${maxRows.toLocaleString('id-ID')} baris.`, { line: maxRows + 1 });
  const rows = XLSX.utils.sheet_to_json<SheetCell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const lead: SheetCell[] = new Array<SheetCell>(range.s.c).fill(null);
  let batch: SheetRow[] = [];
  let widest = 0;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i] ?? [];
    const cells = lead.length > 0 ? lead.concat(raw) : raw;
    // defval pads every row to the range's width; trailing nulls are dropped to match the .xlsx reader.
    let end = cells.length;
    while (end > 0 && cells[end - 1] === null) end--;
    cells.length = end;
    if (end === 0) continue;
    if (end > widest) widest = end;
    count++;
    batch.push({ line: range.s.r + 1 + i, cells });
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
  return { merges, rows: count, columns: widest };
}
