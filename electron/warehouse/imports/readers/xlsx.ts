/**
 * A streaming .xlsx reader: the sheet's XML is inflated chunk by chunk and scanned for
 * `<row>`/`<c>`/`<v>`/`<is><t>` with the tag scanner in xml-scan.ts, so memory holds one chunk,
 * one batch and the shared-string table — never the sheet. Hostile containers are refused by the
 * ZIP reader (zip.ts) before any XML is read.
 *
 *   const sheets = await listSheets(path);
 *   const it = readXlsxSheet(path, sheets[0].name);
 *   for await (const batch of it) …          // batches of { line, cells }
 *
 * The generator's return value carries the sheet's merged ranges: `<mergeCells>` come after
 * `<sheetData>` in SpreadsheetML, so they are only known once every row has been read.
 */
import { SpreadsheetError, type SheetCell, type SheetRow } from './spreadsheet-error.ts';
import { attr, decodeOoxmlEscapes, readAttrs, scanXml, type TagHandler } from './xml-scan.ts';
import { ZipReader, type ZipLimits } from './zip.ts';
import { columnLetter } from '../../../../shared/model/spreadsheet.ts';

export interface XlsxSheetInfo {
  readonly name: string;
  /** ZIP entry of the sheet, e.g. `xl/worksheets/sheet1.xml`. */
  readonly part: string;
  /** `visible`, `hidden` or `veryHidden` (hidden sheets often hold lookup lists). */
  readonly state: string;
}

export interface XlsxReadOptions {
  readonly zip?: ZipLimits;
  /** Rows per yielded batch (default 5,000). */
  readonly batchRows?: number;
  /** Highest row number accepted (default Excel's 1,048,576). */
  readonly maxRows?: number;
  /** Highest column count accepted (default Excel's 16,384). */
  readonly maxColumns?: number;
  /** Longest cell text (default 32,767, Excel's own limit). */
  readonly maxCellChars?: number;
  /** Most shared strings (default 5 M) and their total characters (default 128 M, ~256 MB of heap). */
  readonly maxSharedStrings?: number;
  readonly maxSharedStringChars?: number;
  /** Largest workbook.xml / rels / styles part (default 16 MiB). */
  readonly maxSmallPartBytes?: number;
}

export interface XlsxSheetResult {
  /** `<mergeCell ref>` ranges, e.g. `A1:H1` (a merged title). */
  readonly merges: string[];
  /** Rows yielded. */
  readonly rows: number;
  /** Columns of the widest row. */
  readonly columns: number;
}

const DEFAULTS = {
  batchRows: 5000,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxCellChars: 32_767,
  maxSharedStrings: 5_000_000,
  maxSharedStringChars: 128 * 1024 * 1024,
  maxSmallPartBytes: 16 * 1024 * 1024,
} as const;

/** Attributes read from every `<c>`, in one pass over the tag. */
const CELL_ATTRS = ['r', 't', 's'] as const;

const NOT_EXCEL = 'Berkas ini bukan buku kerja Excel (.xlsx) yang sah.';

/** Resolve a relationship target against the folder of the part that holds the .rels. */
function resolvePart(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter((s) => s !== '');
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Calls `fn` for every start tag `<name …>` (local name) in a small, fully read part. */
function eachTag(xml: string, part: string, name: string, fn: (text: string, start: number, end: number) => void): void {
  const h: TagHandler = {
    capturing: false,
    tag(tag, closing, _self, text, start, end) {
      if (!closing && tag === name) fn(text, start, end);
    },
    text() {
      /* not capturing */
    },
  };
  scanXml(xml, 0, true, h, { maxPendingChars: xml.length + 1, part });
}

/** Built-in number formats that display dates or times (ECMA-376 18.8.30). */
function builtinIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/** A custom format shows a date when it has d, m or y outside quoted text, escapes and [brackets]. */
export function formatIsDate(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

interface Workbook {
  readonly zip: ZipReader;
  readonly sheets: XlsxSheetInfo[];
  readonly sharedStringsPart: string | null;
  readonly stylesPart: string | null;
}

async function openWorkbook(path: string, options: XlsxReadOptions): Promise<Workbook> {
  const zip = ZipReader.open(path, options.zip);
  try {
    const small = options.maxSmallPartBytes ?? DEFAULTS.maxSmallPartBytes;
    if (!zip.entries.has('[Content_Types].xml')) throw new SpreadsheetError('not_workbook', NOT_EXCEL);
    // The package root says which part is the workbook (almost always xl/workbook.xml).
    let workbookPart = 'xl/workbook.xml';
    if (zip.entries.has('_rels/.rels')) {
      const rels = await zip.readText('_rels/.rels', small);
      eachTag(rels, '_rels/.rels', 'Relationship', (t, s, e) => {
        const type = attr(t, s, e, 'Type') ?? '';
        const target = attr(t, s, e, 'Target');
        if (target !== undefined && type.endsWith('/officeDocument')) workbookPart = resolvePart('', target);
      });
    }
    if (workbookPart.endsWith('.bin')) {
      throw new SpreadsheetError('unsupported', 'Berkas ini adalah buku kerja biner Excel (.xlsb) yang dibaca dengan cara lain.', { fallback: true, part: workbookPart });
    }
    if (!zip.entries.has(workbookPart)) {
      // A .docx/.pptx/.odt renamed .xlsx is a ZIP too.
      throw new SpreadsheetError('not_workbook', `${NOT_EXCEL} Berkas ZIP ini tidak berisi lembar kerja.`);
    }
    const slash = workbookPart.lastIndexOf('/');
    const dir = slash === -1 ? '' : workbookPart.slice(0, slash);
    const relsPart = `${dir === '' ? '' : `${dir}/`}_rels/${workbookPart.slice(slash + 1)}.rels`;
    const targets = new Map<string, { type: string; part: string }>();
    if (zip.entries.has(relsPart)) {
      const rels = await zip.readText(relsPart, small);
      eachTag(rels, relsPart, 'Relationship', (t, s, e) => {
        const id = attr(t, s, e, 'Id');
        const target = attr(t, s, e, 'Target');
        const mode = attr(t, s, e, 'TargetMode');
        if (id !== undefined && target !== undefined && mode !== 'External') targets.set(id, { type: attr(t, s, e, 'Type') ?? '', part: resolvePart(dir, target) });
      });
    }
    const wbXml = await zip.readText(workbookPart, small);
    const sheets: XlsxSheetInfo[] = [];
    eachTag(wbXml, workbookPart, 'sheet', (t, s, e) => {
      const name = attr(t, s, e, 'name');
      const rid = attr(t, s, e, 'id');
      const target = rid === undefined ? undefined : targets.get(rid);
      // Chart sheets and dialog sheets have no cells.
      if (name === undefined || target === undefined || !target.type.endsWith('/worksheet')) return;
      sheets.push({ name, part: target.part, state: attr(t, s, e, 'state') ?? 'visible' });
    });
    let sharedStringsPart: string | null = null;
    let stylesPart: string | null = null;
    for (const rel of targets.values()) {
      if (rel.type.endsWith('/sharedStrings') && zip.entries.has(rel.part)) sharedStringsPart = rel.part;
      if (rel.type.endsWith('/styles') && zip.entries.has(rel.part)) stylesPart = rel.part;
    }
    return { zip, sheets, sharedStringsPart, stylesPart };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** The workbook's worksheets, in tab order. */
export async function listSheets(path: string, options: XlsxReadOptions = {}): Promise<XlsxSheetInfo[]> {
  const wb = await openWorkbook(path, options);
  wb.zip.close();
  return wb.sheets;
}

/** Decode a part chunk by chunk and feed it to the scanner. */
async function scanPart(zip: ZipReader, part: string, h: TagHandler, maxPendingChars: number, maxBytes?: number): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let pos = 0;
  for await (const chunk of zip.readEntry(part, maxBytes)) {
    text = text.slice(pos) + decoder.decode(chunk, { stream: true });
    pos = scanXml(text, 0, false, h, { maxPendingChars, part });
  }
  text = text.slice(pos) + decoder.decode();
  scanXml(text, 0, true, h, { maxPendingChars, part });
}

/** The shared-string table: `<si>` items, plain `<t>` or rich-text runs `<r><t>` joined; phonetic `<rPh>` left out. */
async function readSharedStrings(zip: ZipReader, part: string, options: XlsxReadOptions): Promise<string[]> {
  const maxCount = options.maxSharedStrings ?? DEFAULTS.maxSharedStrings;
  const maxChars = options.maxSharedStringChars ?? DEFAULTS.maxSharedStringChars;
  const maxCell = options.maxCellChars ?? DEFAULTS.maxCellChars;
  const out: string[] = [];
  let total = 0;
  let current = '';
  let inSi = false;
  let inRph = false;
  const h: TagHandler = {
    capturing: false,
    tag(name, closing, self) {
      if (name === 'si') {
        if (!closing && !self) {
          inSi = true;
          current = '';
        } else {
          if (out.length >= maxCount) throw new SpreadsheetError('too_large', `Tabel teks bersama berisi lebih dari ${maxCount} teks; berkas ditolak.`, { part });
          total += current.length;
          if (total > maxChars) throw new SpreadsheetError('too_large', `Tabel teks bersama lebih dari ${maxChars} karakter; berkas ditolak.`, { part });
          out.push(decodeOoxmlEscapes(current));
          inSi = false;
          current = '';
        }
      } else if (name === 'rPh') {
        inRph = !closing && !self;
      } else if (name === 't') {
        this.capturing = !closing && !self && inSi && !inRph;
      }
    },
    text(value) {
      current += value;
      if (current.length > maxCell) throw new SpreadsheetError('cell_too_long', `Sebuah teks di tabel teks bersama lebih dari ${maxCell} karakter.`, { part });
    },
  };
  await scanPart(zip, part, h, maxCell * 8 + 4096);
  return out;
}

/** Style index → whether its number format is a date, from `<cellXfs>` in styles.xml. */
async function readDateStyles(zip: ZipReader, part: string, maxBytes: number): Promise<boolean[]> {
  const xml = await zip.readText(part, maxBytes);
  const custom = new Map<number, boolean>();
  const dates: boolean[] = [];
  let inCellXfs = false;
  const h: TagHandler = {
    capturing: false,
    tag(name, closing, self, t, s, e) {
      if (name === 'cellXfs') inCellXfs = !closing && !self;
      else if (name === 'numFmt' && !closing) custom.set(Number(attr(t, s, e, 'numFmtId')), formatIsDate(attr(t, s, e, 'formatCode') ?? ''));
      else if (name === 'xf' && !closing && inCellXfs) {
        const id = Number(attr(t, s, e, 'numFmtId') ?? '0');
        dates.push(custom.get(id) ?? builtinIsDate(id));
      }
    },
    text() {
      /* not capturing */
    },
  };
  scanXml(xml, 0, true, h, { maxPendingChars: xml.length + 1, part });
  return dates;
}

/** `B3` → column 1; -1 when the reference has no letters. */
function refColumn(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * Read one sheet as batches of rows. Rows without a value (absent from the XML, or formatting
 * only) are not yielded; `line` is always the Excel row number, so gaps stay visible. Inside a row, missing cells are null, and trailing
 * empty cells are not padded.
 */
export async function* readXlsxSheet(path: string, sheetName: string, options: XlsxReadOptions = {}): AsyncGenerator<SheetRow[], XlsxSheetResult, undefined> {
  const batchRows = options.batchRows ?? DEFAULTS.batchRows;
  const maxRows = options.maxRows ?? DEFAULTS.maxRows;
  const maxColumns = options.maxColumns ?? DEFAULTS.maxColumns;
  const maxCell = options.maxCellChars ?? DEFAULTS.maxCellChars;
  const wb = await openWorkbook(path, options);
  try {
    const sheet = wb.sheets.find((s) => s.name === sheetName) ?? wb.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet) throw new SpreadsheetError('sheet_not_found', `Lembar "${sheetName}" tidak ada di berkas ini. Lembar yang ada: ${wb.sheets.map((s) => s.name).join(', ')}.`);
    if (!wb.zip.entries.has(sheet.part)) throw new SpreadsheetError('corrupt_xml', `Bagian ${sheet.part} untuk lembar "${sheet.name}" tidak ada di berkas.`, { part: sheet.part });
    const shared = wb.sharedStringsPart === null ? [] : await readSharedStrings(wb.zip, wb.sharedStringsPart, options);
    const dateStyles = wb.stylesPart === null ? [] : await readDateStyles(wb.zip, wb.stylesPart, options.maxSmallPartBytes ?? DEFAULTS.maxSmallPartBytes);
    const part = sheet.part;

    const merges: string[] = [];
    let batch: SheetRow[] = [];
    let rowCount = 0;
    let widest = 0;
    let lastLine = 0;
    // Current row and cell.
    let inRow = false;
    let line = 0;
    let cells: SheetCell[] = [];
    let dateCols: number[] | null = null;
    let nextCol = 0;
    let inCell = false;
    let col = 0;
    let type = 'n';
    let style = 0;
    let value: string | null = null;
    let inline: string | null = null;
    let inIs = false;
    let inRph = false;
    let target: 'v' | 't' | null = null;
    const cellAttrs: (string | undefined)[] = [undefined, undefined, undefined];

    const fail = (kind: 'too_many_rows' | 'too_many_columns' | 'cell_too_long' | 'corrupt_xml', message: string): SpreadsheetError => new SpreadsheetError(kind, message, { line, part });

    const finishCell = (): void => {
      let v: SheetCell = null;
      if (type === 's') {
        if (value !== null && value.trim() !== '') {
          const idx = Number(value);
          const s = shared[idx];
          if (!Number.isInteger(idx) || s === undefined) throw fail('corrupt_xml', `Sel ${cellRef()} menunjuk teks bersama nomor ${value} yang tidak ada.`);
          v = s;
        }
      } else if (type === 'inlineStr') {
        v = inline ?? (value === null ? null : decodeOoxmlEscapes(value));
      } else if (type === 'str' || type === 'd') {
        // Formula results that are text; ISO dates (t="d") stay as written for the normaliser.
        v = value === null ? null : decodeOoxmlEscapes(value);
      } else if (type === 'b') {
        v = value === null ? null : value.trim() === '1' || value.trim().toLowerCase() === 'true';
      } else if (type === 'e') {
        // Error values (#N/A, #DIV/0!) carry no data; SheetJS reports them as empty too.
        v = null;
      } else if (value !== null && value.trim() !== '') {
        const num = Number(value);
        v = Number.isFinite(num) ? num : value;
        if (typeof v === 'number' && dateStyles[style] === true) (dateCols ??= []).push(col);
      }
      if (typeof v === 'string' && v.length > maxCell) throw fail('cell_too_long', `Sel ${cellRef()} berisi lebih dari ${maxCell} karakter.`);
      if (v !== null) {
        while (cells.length < col) cells.push(null);
        cells[col] = v;
      }
    };
    const cellRef = (): string => `${columnLetter(col)}${line}`;
    const finishRow = (): void => {
      lastLine = line;
      inRow = false;
      // A row with only formatting holds no data; like rows absent from the XML, it is skipped.
      if (cells.length === 0) return;
      rowCount++;
      if (cells.length > widest) widest = cells.length;
      batch.push(dateCols === null ? { line, cells } : { line, cells, dateColumns: dateCols });
    };

    const h: TagHandler = {
      capturing: false,
      tag(name, closing, self, t, s, e) {
        switch (name) {
          case 'row': {
            if (closing) {
              if (inRow) finishRow();
              return;
            }
            const r = attr(t, s, e, 'r');
            line = r === undefined ? lastLine + 1 : Number(r);
            if (!Number.isInteger(line) || line < 1) throw fail('corrupt_xml', `Nomor baris "${r ?? ''}" tidak sah di lembar "${sheet.name}".`);
            if (line > maxRows) throw fail('too_many_rows', `Lembar "${sheet.name}" memiliki lebih dari ${maxRows.toLocaleString('id-ID')} baris.`);
            inRow = true;
            cells = [];
            dateCols = null;
            nextCol = 0;
            if (self) finishRow();
            return;
          }
          case 'c': {
            if (closing) {
              if (inCell) finishCell();
              inCell = false;
              this.capturing = false;
              return;
            }
            if (!inRow) throw fail('corrupt_xml', `Sel di luar baris pada lembar "${sheet.name}".`);
            readAttrs(t, s, e, CELL_ATTRS, cellAttrs);
            const r = cellAttrs[0];
            col = r === undefined ? nextCol : refColumn(r);
            if (col < 0) col = nextCol;
            if (col >= maxColumns) throw fail('too_many_columns', `Baris ${line} memiliki lebih dari ${maxColumns.toLocaleString('id-ID')} kolom.`);
            nextCol = col + 1;
            type = cellAttrs[1] ?? 'n';
            const st = cellAttrs[2];
            style = st === undefined ? 0 : Number(st);
            value = null;
            inline = null;
            inIs = false;
            inRph = false;
            inCell = !self;
            return;
          }
          case 'v':
            if (!inCell) return;
            if (closing) {
              target = null;
              this.capturing = false;
            } else if (!self) {
              target = 'v';
              value = '';
              this.capturing = true;
            }
            return;
          case 'is':
            inIs = inCell && !closing && !self;
            return;
          case 'rPh':
            inRph = !closing && !self;
            return;
          case 't':
            if (!inIs || inRph) return;
            if (closing) {
              target = null;
              this.capturing = false;
            } else {
              inline ??= '';
              if (!self) {
                target = 't';
                this.capturing = true;
              }
            }
            return;
          case 'mergeCell': {
            const ref = closing ? undefined : attr(t, s, e, 'ref');
            if (ref !== undefined && merges.length < 100_000) merges.push(ref);
            return;
          }
          default:
            return;
        }
      },
      text(piece) {
        if (target === 'v') value = (value ?? '') + piece;
        else if (target === 't') inline = (inline ?? '') + piece;
        if ((value?.length ?? 0) > maxCell || (inline?.length ?? 0) > maxCell) throw fail('cell_too_long', `Sel ${cellRef()} berisi lebih dari ${maxCell} karakter.`);
      },
    };

    const decoder = new TextDecoder('utf-8');
    let text = '';
    const maxPending = maxCell * 8 + 64 * 1024;
    for await (const chunk of wb.zip.readEntry(part)) {
      text += decoder.decode(chunk, { stream: true });
      const consumed = scanXml(text, 0, false, h, { maxPendingChars: maxPending, part });
      text = text.slice(consumed);
      if (batch.length >= batchRows) {
        yield batch;
        batch = [];
      }
    }
    text += decoder.decode();
    scanXml(text, 0, true, h, { maxPendingChars: maxPending, part });
    if (batch.length > 0) yield batch;
    return { merges, rows: rowCount, columns: widest };
  } finally {
    wb.zip.close();
  }
}

