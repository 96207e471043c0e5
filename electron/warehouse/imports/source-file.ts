/**
 * A source file as rows, whatever its format: CSV/TXT through the streaming CSV reader, .xlsx
 * through the streaming workbook reader, .xls (and .xlsx the stream reader hands over) through
 * SheetJS. Runs inside the reader worker: these bytes are untrusted.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { RawCell } from '../../../shared/import/normalize.ts';
import { CsvFormatError, readCsv } from './readers/csv.ts';
import { detectFormat, type FileFormat } from './readers/detect-format.ts';
import { SpreadsheetError } from './readers/spreadsheet-error.ts';
import { listWorkbookSheets, readWorkbookSheet } from './readers/spreadsheet.ts';

export interface SourceRow {
  /** 1-based row (sheet row, or the CSV line the record starts on). */
  readonly line: number;
  readonly cells: RawCell[];
  /** CSV: the cells' column text ids from `at` (see `CsvRow`); absent or null otherwise. */
  readonly ids?: Int32Array | null;
  readonly at?: number;
}

export interface OpenedFile {
  readonly format: FileFormat;
  readonly size: number;
  /** Sheet names in tab order; `['']` for CSV. */
  readonly sheets: readonly string[];
  readonly warnings: string[];
}

/** What the reader learnt while reading (CSV dialect, which workbook reader). */
export interface ReadInfo {
  encoding: string | null;
  delimiter: string | null;
  reader: string;
}

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly kind: string;
  readonly line: number | null;
  constructor(kind: string, message: string, line: number | null = null) {
    super(message);
    this.kind = kind;
    this.line = line;
  }
}

/**
 * CSV rows are handed on in small batches: rows held while a large batch is mapped outlive
 * young-generation collections and are copied by each (measured: 5,000-row batches cost ~8 % more
 * reader time and ~40 MB more memory than 256-row ones).
 */
const CSV_BATCH_ROWS = 256;

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** A size in the unit that shows it (a cap of 1 KB is not "0 MB"). */
function sizeText(bytes: number): string {
  for (const [unit, n] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= n) return `${(bytes / n).toLocaleString('id-ID', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes.toLocaleString('id-ID')} bait`;
}

export async function openSourceFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<OpenedFile> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ImportFileError('not_found', 'Berkas tidak ditemukan atau tidak dapat dibaca.');
  }
  if (size > maxBytes) {
    throw new ImportFileError('too_large', `Berkas berukuran ${sizeText(size)}, melebihi batas ${sizeText(maxBytes)}. Pecah berkas atau naikkan batas di Pengaturan.`);
  }
  const detected = detectFormat(path);
  const warnings = detected.warning === null ? [] : [detected.warning];
  if (detected.format === 'csv') return { format: 'csv', size, sheets: [''], warnings };
  const listed = await listWorkbookSheets(path);
  warnings.push(...listed.warnings.filter((w) => !warnings.includes(w)));
  if (listed.names.length === 0) throw new ImportFileError('no_sheets', 'Buku kerja tidak memiliki lembar kerja.');
  return { format: detected.format, size, sheets: listed.names, warnings };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Rows of one sheet (or of the CSV) in batches. `info` is filled as the reader learns the
 * dialect. `position()` says how far into the file the reader is (0–1), for progress.
 */
export async function* readSourceRows(path: string, format: FileFormat, sheet: string, info: ReadInfo, batchRows = 5000, csvFast = true): AsyncGenerator<SourceRow[], void, undefined> {
  try {
    if (format === 'csv') {
      const it = readCsv(path, { batchRows: Math.min(batchRows, CSV_BATCH_ROWS), fast: csvFast });
      for (;;) {
        const next = it.next();
        if (next.done) {
          const d = next.value;
          info.encoding = d.encoding + (d.bom ? ' (BOM)' : '');
          info.delimiter = d.delimiter;
          // Records cut by the WebAssembly fast path (readers/csv-fast.ts), or all by the general parser.
          info.reader = d.fastRecords > 0 ? 'csv-wasm' : 'csv';
          return;
        }
        yield next.value;
      }
    }
    const it = readWorkbookSheet(path, sheet, { batchRows });
    for (;;) {
      const next = await it.next();
      if (next.done) {
        info.reader = next.value.reader;
        return;
      }
      yield next.value;
    }
  } catch (e) {
    throw asImportError(e);
  }
}

/** Reader errors as ImportFileError with the row when known. */
export function asImportError(e: unknown): unknown {
  if (e instanceof ImportFileError) return e;
  if (e instanceof SpreadsheetError) return new ImportFileError(e.kind, e.message, e.line);
  if (e instanceof CsvFormatError) return new ImportFileError(e.kind, e.message, e.line);
  return e;
}
