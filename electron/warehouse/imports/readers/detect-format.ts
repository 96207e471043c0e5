/**
 * Which reader a file needs, by its first bytes — never by its extension alone: Bappeda staff
 * rename files (a PDF saved as .xlsx, an .xls renamed .xlsx, a CSV named .xls by a web export).
 * When the extension disagrees with the content, the content wins and a warning says so.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { SpreadsheetError } from './spreadsheet-error.ts';
import { isPdfSignature, isZipSignature } from './zip.ts';

export type FileFormat = 'xlsx' | 'xls' | 'csv';

export interface DetectedFormat {
  readonly format: FileFormat;
  /** Bahasa Indonesia, for the import log; null when extension and content agree. */
  readonly warning: string | null;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
};

/** The format from the first bytes (at least 8 of them when the file has them). */
export function formatFromBytes(head: Uint8Array): FileFormat | 'pdf' | 'empty' {
  if (head.length === 0) return 'empty';
  if (isZipSignature(head)) return 'xlsx';
  if (head.length >= 8 && OLE2.every((b, i) => head[i] === b)) return 'xls';
  if (isPdfSignature(head)) return 'pdf';
  return 'csv';
}

/**
 * Detect a file's format. Throws SpreadsheetError `empty` for an empty file and `pdf` for a PDF
 * (whatever its name); anything else that is neither ZIP nor OLE2 is read as text (CSV), whose
 * reader reports garbage on its own terms.
 */
export function detectFormat(path: string): DetectedFormat {
  const fd = openSync(path, 'r');
  let head: Buffer;
  try {
    const size = fstatSync(fd).size;
    head = Buffer.alloc(Math.min(8, size));
    if (head.length > 0) readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const found = formatFromBytes(head);
  if (found === 'empty') throw new SpreadsheetError('empty', 'Berkas kosong (0 bait). Periksa apakah berkas tersimpan dengan benar.');
  if (found === 'pdf') throw new SpreadsheetError('pdf', 'Berkas ini adalah dokumen PDF, bukan buku kerja Excel atau CSV. Minta berkas aslinya dalam format .xlsx atau .csv.');
  const ext = extname(path).toLowerCase();
  const byName = EXTENSIONS[ext];
  const warning =
    byName === undefined || byName === found
      ? null
      : `Nama berkas berakhiran ${ext}, tetapi isinya berformat ${LABEL[found]}; berkas dibaca sebagai ${LABEL[found]}.`;
  return { format: found, warning };
}

const LABEL: Readonly<Record<FileFormat, string>> = {
  xlsx: 'Excel .xlsx',
  xls: 'Excel 97–2003 .xls',
  csv: 'teks/CSV',
};
