/**
 * One entry point for workbooks: picks the reader from the file's bytes (detect-format.ts),
 * streams .xlsx with our own reader, and hands .xls — and .xlsx the streaming reader refuses as
 * unsupported (`.xlsb` inside, Zip64) — to SheetJS, within its file-size cap.
 */
import { SpreadsheetError, type SheetRow } from './spreadsheet-error.ts';
import { detectFormat } from './detect-format.ts';
import { listSheetJsSheets, readSheetJsSheet, type SheetJsReadOptions } from './xls.ts';
import { listSheets, readXlsxSheet, type XlsxReadOptions } from './xlsx.ts';

export interface WorkbookReadOptions extends XlsxReadOptions {
  readonly sheetJs?: SheetJsReadOptions;
}

export interface WorkbookSheetResult {
  readonly merges: string[];
  readonly rows: number;
  readonly columns: number;
  /** Which reader did the work, for the import log. */
  readonly reader: 'xlsx-stream' | 'sheetjs';
  /** Extension/content disagreement or fallback notes (Bahasa Indonesia). */
  readonly warnings: string[];
}

/** Sheet names of a workbook (.xlsx or .xls), in tab order. */
export async function listWorkbookSheets(path: string, options: WorkbookReadOptions = {}): Promise<{ names: string[]; warnings: string[] }> {
  const detected = detectFormat(path);
  const warnings = detected.warning === null ? [] : [detected.warning];
  if (detected.format === 'csv') throw new SpreadsheetError('not_workbook', 'Berkas ini berisi teks (CSV), bukan buku kerja Excel.');
  if (detected.format === 'xls') return { names: listSheetJsSheets(path, options.sheetJs), warnings };
  try {
    return { names: (await listSheets(path, options)).map((s) => s.name), warnings };
  } catch (err) {
    if (!(err instanceof SpreadsheetError) || !err.fallback) throw err;
    warnings.push(`${err.message} Dibaca dengan pembaca cadangan.`);
    return { names: listSheetJsSheets(path, options.sheetJs), warnings };
  }
}

/** Rows of one sheet, whichever reader the file needs. */
export async function* readWorkbookSheet(path: string, sheetName: string, options: WorkbookReadOptions = {}): AsyncGenerator<SheetRow[], WorkbookSheetResult, undefined> {
  const detected = detectFormat(path);
  const warnings = detected.warning === null ? [] : [detected.warning];
  if (detected.format === 'csv') throw new SpreadsheetError('not_workbook', 'Berkas ini berisi teks (CSV), bukan buku kerja Excel.');
  const sheetJs: SheetJsReadOptions = { ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }), ...(options.batchRows === undefined ? {} : { batchRows: options.batchRows }), ...options.sheetJs };
  if (detected.format === 'xlsx') {
    try {
      const result = yield* readXlsxSheet(path, sheetName, options);
      return { ...result, reader: 'xlsx-stream', warnings };
    } catch (err) {
      // Fallback refusals (xlsb, Zip64) all come from opening the container, before any row.
      if (!(err instanceof SpreadsheetError) || !err.fallback) throw err;
      warnings.push(`${err.message} Dibaca dengan pembaca cadangan.`);
    }
  }
  const result = yield* readSheetJsSheet(path, sheetName, sheetJs);
  return { ...result, reader: 'sheetjs', warnings };
}
