/**
 * The one error type the spreadsheet readers throw for a file they refuse. `kind` is for code
 * (tests, the import log, deciding on a fallback); `message` is in Bahasa Indonesia because it is
 * shown to the user as is.
 */
export type SpreadsheetErrorKind =
  /** The file has no bytes. */
  | 'empty'
  /** A PDF (often renamed to .xlsx). */
  | 'pdf'
  /** Not a ZIP / OLE2 container, or a ZIP without a workbook. */
  | 'not_workbook'
  /** Truncated or damaged ZIP structure, bad deflate data, CRC mismatch. */
  | 'corrupt'
  /** Damaged XML inside a workbook (bad tag, DTD, missing part). */
  | 'corrupt_xml'
  /** More ZIP entries than the cap. */
  | 'too_many_entries'
  /** Declared or actual uncompressed size above the cap, or a compression ratio of a zip bomb. */
  | 'too_large'
  | 'zip_bomb'
  /** Password-protected workbook. */
  | 'encrypted'
  /** A valid file this reader does not handle (Zip64, xlsb, unknown compression). */
  | 'unsupported'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'cell_too_long'
  | 'sheet_not_found';

export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
  readonly kind: SpreadsheetErrorKind;
  /** Sheet row (1-based) the error belongs to, when there is one. */
  readonly line: number | null;
  /** The part of the file (ZIP entry) involved, for the log. */
  readonly part: string | null;
  /**
   * True when the file is probably a valid workbook that the streaming reader does not handle
   * (xlsb, Zip64): the caller may retry with SheetJS if the file is small enough.
   */
  readonly fallback: boolean;
  constructor(kind: SpreadsheetErrorKind, message: string, extra: { line?: number; part?: string; fallback?: boolean } = {}) {
    super(message);
    this.kind = kind;
    this.line = extra.line ?? null;
    this.part = extra.part ?? null;
    this.fallback = extra.fallback ?? false;
  }
}

/** A cell as the readers return it: dates stay Excel serial numbers. */
export type SheetCell = string | number | boolean | null;

export interface SheetRow {
  /** 1-based sheet row number (Excel's row number), so issues can name the row. */
  readonly line: number;
  readonly cells: SheetCell[];
  /** 0-based columns whose number has a date format (only when the reader knows the styles). */
  readonly dateColumns?: number[];
}
