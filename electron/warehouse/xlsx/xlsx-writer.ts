import { ZipStreamWriter } from './zip-writer.ts';
import { columnLetter } from '../../../shared/model/spreadsheet.ts';

/**
 * A streaming .xlsx writer: sheets are written row by row into the ZIP as they come, so memory
 * stays flat whatever the row count, and the output is byte-for-byte reproducible (fixed ZIP
 * timestamps and document dates). Strings go as inline strings, so no shared-string table has to
 * be held in memory. A fixed set of named styles covers what the app's files need.
 *
 *   const w = await XlsxStreamWriter.create(path, { creator: 'Padu' });
 *   const s = w.addSheet('Data', { columns: [{ width: 20 }], freezeRows: 1 });
 *   s.addRow([{ v: 'NIK', style: 'header' }]);
 *   if (s.addRow(['5301014501900001'])) await w.drain();
 *   await w.close();
 *
 * Identifiers (NIK, No KK, codes) must be passed as strings: a number cell keeps only 15
 * significant digits in Excel.
 */

export type CellStyle =
  | 'header' | 'title' | 'subtitle' | 'bold' | 'date' | 'dateIso' | 'integer' | 'decimal' | 'text'
  | 'percent' | 'integerBold' | 'percentBold' | 'heading'
  | 'cell' | 'cellText' | 'cellInteger' | 'cellDecimal' | 'cellMoney' | 'kop' | 'kopLarge' | 'center' | 'money' | 'moneyBold' | 'wrap';

export type CellValue = string | number | null | undefined | { readonly v: string | number | null; readonly style?: CellStyle };

export interface ColumnSpec {
  /** Width in characters. */
  readonly width?: number;
}

export interface SheetOptions {
  readonly columns?: readonly ColumnSpec[];
  /** Rows kept visible at the top (e.g. the header row) when scrolling. */
  readonly freezeRows?: number;
  /** Printing: paper (F4 is written as Folio, 8.5 × 13 in, Excel's nearest size), orientation, fit to page width. */
  readonly print?: {
    readonly paper: 'A4' | 'F4';
    readonly landscape: boolean;
    readonly fitToWidth?: boolean;
    /** Rows repeated at the top of every printed page (1-based, inclusive). */
    readonly titleRows?: readonly [number, number];
    /** Footer text on the left; the right side shows "Halaman n dari m". */
    readonly footer?: string;
  };
}

export interface WorkbookOptions {
  readonly creator?: string;
  readonly title?: string;
  /** Document date written into docProps (default 2025-06-30); never the clock, for reproducibility. */
  readonly created?: { readonly y: number; readonly m: number; readonly d: number };
  /** zlib level (default 6). */
  readonly level?: number;
}

/** Style index in styles.xml cellXfs for each named style. */
const STYLE_INDEX: Readonly<Record<CellStyle, number>> = {
  header: 1,
  title: 2,
  subtitle: 3,
  bold: 4,
  date: 5,
  dateIso: 6,
  integer: 7,
  decimal: 8,
  text: 9,
  // Added later; appended so files and tests that rely on the indexes above stay valid.
  percent: 10,
  integerBold: 11,
  percentBold: 12,
  heading: 13,
  // Lists for the OPDs (bordered table cells, letterhead, rupiah).
  cell: 14,
  cellText: 15,
  cellInteger: 16,
  cellDecimal: 17,
  cellMoney: 18,
  kop: 19,
  kopLarge: 20,
  center: 21,
  money: 22,
  moneyBold: 23,
  wrap: 24,
};

/** Excel's sheet limits. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;

const SHEET_NAME_BAD = /[\\/?*[\]:]/;


// XML 1.0 forbids most control characters even when escaped; they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function xmlEscape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Leading, trailing or doubled whitespace would be collapsed by readers without xml:space. */
function needsPreserve(s: string): boolean {
  return isXmlSpace(s.charCodeAt(0)) || isXmlSpace(s.charCodeAt(s.length - 1)) || s.includes('  ') || s.includes('\t') || s.includes('\n');
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Margins, page setup and footer (in the order the schema wants them after sheetData). */
function printXml(p: SheetOptions['print'] | null): string {
  if (!p) return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const paper = p.paper === 'A4' ? 9 : 14;
  const fit = p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
  const footer = `&amp;L${xmlEscape((p.footer ?? '').replace(/&/g, '&&'))}&amp;RHalaman &amp;P dari &amp;N`;
  return '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.2" footer="0.3"/>' +
    `<pageSetup paperSize="${paper}" orientation="${p.landscape ? 'landscape' : 'portrait'}"${fit}/>` +
    `<headerFooter><oddFooter>${footer}</oddFooter></headerFooter>`;
}

export class XlsxSheetWriter {
  readonly name: string;
  /** @internal print settings of the sheet. */
  print: SheetOptions['print'] | null = null;
  private readonly book: XlsxStreamWriter;
  private rowNo = 0;
  private readonly merges: string[] = [];
  private readonly letters: string[] = [];
  private closed = false;

  /** @internal created by XlsxStreamWriter.addSheet */
  constructor(book: XlsxStreamWriter, name: string) {
    this.book = book;
    this.name = name;
  }

  /** Rows written so far; the next row is `rowCount + 1`. */
  get rowCount(): number {
    return this.rowNo;
  }

  /**
   * Append one row (row numbers are consecutive from 1; an empty array writes a blank row).
   * Returns true when the caller should `await workbook.drain()` before adding more.
   */
  addRow(cells: readonly CellValue[]): boolean {
    if (this.closed) throw new Error(`Sheet ${this.name} is closed`);
    if (this.rowNo >= XLSX_MAX_ROWS) throw new Error(`Sheet ${this.name} is full (${XLSX_MAX_ROWS} rows); start another sheet`);
    if (cells.length > XLSX_MAX_COLUMNS) throw new Error(`Row has more than ${XLSX_MAX_COLUMNS} columns`);
    const r = ++this.rowNo;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      let v: string | number | null;
      let style: CellStyle | undefined;
      if (typeof cell === 'object') {
        v = cell.v;
        style = cell.style;
      } else {
        v = cell;
      }
      const ref = `${this.letter(i)}${r}`;
      const s = style ? ` s="${STYLE_INDEX[style]}"` : '';
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new Error(`Cell ${ref}: ${v} is not a finite number`);
        xml += `<c r="${ref}"${s}><v>${v}</v></c>`;
      } else if (v === null) {
        if (s) xml += `<c r="${ref}"${s}/>`;
      } else if (v === '') {
        if (s) xml += `<c r="${ref}"${s}/>`;
      } else {
        // Leading/trailing or doubled spaces are data here (they are some of the faults the
        // generator writes on purpose), so they must survive XML whitespace handling.
        const space = needsPreserve(v) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlEscape(v)}</t></is></c>`;
      }
    }
    xml += '</row>';
    return this.book.writeSheetXml(xml);
  }

  /** Merge a range such as `A1:H1` (written when the sheet closes). */
  merge(range: string): void {
    if (!/^[A-Z]+\d+:[A-Z]+\d+$/.test(range)) throw new Error(`Bad merge range ${range}`);
    this.merges.push(range);
  }

  /** @internal the XML that follows sheetData. */
  tailXml(): string {
    this.closed = true;
    if (this.merges.length === 0) return '';
    return `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  }

  private letter(i: number): string {
    let l = this.letters[i];
    if (l === undefined) {
      l = columnLetter(i);
      this.letters[i] = l;
    }
    return l;
  }
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="166" formatCode="0.0%"/><numFmt numFmtId="167" formatCode="&quot;Rp&quot;\\ #,##0"/></numFmts>' +
  '<fonts count="5">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="25">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="166" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="167" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="167" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Uncompressed bytes per compression slice. */
const SLICE_BYTES = 1 << 20;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Print titles (rows repeated on every page) as the workbook's defined names. */
function definedNames(sheets: readonly XlsxSheetWriter[]): string {
  const names = sheets.flatMap((s, i) => {
    const t = s.print?.titleRows;
    if (!t) return [];
    const quoted = `'${s.name.replace(/'/g, "''")}'`;
    return [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${quoted}!$${t[0]}:$${t[1]}`)}</definedName>`];
  });
  return names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : '';
}

export class XlsxStreamWriter {
  readonly path: string;
  private readonly zip: ZipStreamWriter;
  private readonly options: WorkbookOptions;
  private readonly sheets: XlsxSheetWriter[] = [];
  private current: XlsxSheetWriter | null = null;
  /** Sheet XML is encoded straight into this buffer; a full one is handed to the ZIP as a slice. */
  private buf = Buffer.allocUnsafe(SLICE_BYTES);
  private pos = 0;
  private closed = false;

  private constructor(path: string, options: WorkbookOptions) {
    this.path = path;
    this.options = options;
    this.zip = new ZipStreamWriter(path, { date: options.created ?? { y: 2025, m: 6, d: 30 }, level: options.level ?? 6 });
  }

  static create(path: string, options: WorkbookOptions = {}): Promise<XlsxStreamWriter> {
    const w = new XlsxStreamWriter(path, options);
    w.zip.addEntry('xl/styles.xml', STYLES_XML);
    return Promise.resolve(w);
  }

  get sheetNames(): readonly string[] {
    return this.sheets.map((s) => s.name);
  }

  /**
   * Start a new sheet; the previous sheet is finished first (sheets are written one after
   * another, never interleaved). Names follow Excel's rules: ≤ 31 characters, none of \ / ? * [ ] :.
   */
  addSheet(name: string, options: SheetOptions = {}): XlsxSheetWriter {
    if (this.closed) throw new Error('Workbook is closed');
    if (name.length === 0 || name.length > 31 || SHEET_NAME_BAD.test(name)) throw new Error(`Invalid sheet name ${JSON.stringify(name)}`);
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`Duplicate sheet name ${name}`);
    this.finishSheetXml();
    const sheet = new XlsxSheetWriter(this, name);
    this.sheets.push(sheet);
    this.current = sheet;
    this.zip.begin(`xl/worksheets/sheet${this.sheets.length}.xml`);
    sheet.print = options.print ?? null;
    let head = `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`;
    if (options.print?.fitToWidth) head += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
    const freeze = options.freezeRows ?? 0;
    head +=
      freeze > 0
        ? `<sheetViews><sheetView workbookViewId="0"${this.sheets.length === 1 ? ' tabSelected="1"' : ''}><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
        : `<sheetViews><sheetView workbookViewId="0"${this.sheets.length === 1 ? ' tabSelected="1"' : ''}/></sheetViews>`;
    head += '<sheetFormatPr defaultRowHeight="15"/>';
    const cols = options.columns ?? [];
    if (cols.some((c) => c.width !== undefined)) {
      head += '<cols>';
      cols.forEach((c, i) => {
        if (c.width !== undefined) head += `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, Math.min(255, c.width))}" customWidth="1"/>`;
      });
      head += '</cols>';
    }
    head += '<sheetData>';
    this.writeSheetXml(head);
    return sheet;
  }

  /** @internal rows of the current sheet, as XML. */
  writeSheetXml(xml: string): boolean {
    const worst = xml.length * 3;
    let needsDrain = false;
    if (this.pos + worst > this.buf.length) {
      needsDrain = this.flushParts();
      if (worst > this.buf.length) this.buf = Buffer.allocUnsafe(worst);
    }
    this.pos += this.buf.write(xml, this.pos, 'utf8');
    return needsDrain;
  }

  /** Let queued compression finish and reach the disk; call when addRow returns true. */
  async drain(): Promise<void> {
    await this.zip.drain();
  }

  /** Finish the last sheet and write the workbook parts; returns the file size in bytes. */
  async close(): Promise<number> {
    if (this.closed) throw new Error('Workbook is closed');
    try {
      if (this.sheets.length === 0) this.addSheet('Sheet1');
      this.finishSheetXml();
      this.closed = true;
      this.writeParts();
      return await this.zip.close();
    } catch (err) {
      this.zip.abort();
      throw err;
    }
  }

  /** Give up after an error: close the file handle, leaving an incomplete file. */
  abort(): void {
    this.closed = true;
    this.zip.abort();
  }

  private flushParts(): boolean {
    if (this.pos === 0) return false;
    const slice = this.buf.subarray(0, this.pos);
    // The slice is compressed asynchronously, so the next rows need a fresh buffer.
    this.buf = Buffer.allocUnsafe(SLICE_BYTES);
    this.pos = 0;
    return this.zip.write(slice);
  }

  private finishSheetXml(): void {
    const prev = this.current;
    if (!prev) return;
    this.writeSheetXml(`</sheetData>${prev.tailXml()}${printXml(prev.print)}</worksheet>`);
    this.flushParts();
    this.zip.end();
    this.current = null;
  }

  private writeParts(): void {
    const created = this.options.created ?? { y: 2025, m: 6, d: 30 };
    const iso = `${created.y}-${two(created.m)}-${two(created.d)}T00:00:00Z`;
    const creator = xmlEscape(this.options.creator ?? 'Padu');
    const title = this.options.title ? `<dc:title>${xmlEscape(this.options.title)}</dc:title>` : '';
    const n = this.sheets.length;
    const sheetOverrides = this.sheets
      .map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('');
    this.zip.addEntry(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>' +
        this.sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets>' +
        definedNames(this.sheets) +
        '</workbook>',
    );
    this.zip.addEntry(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        this.sheets
          .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    );
    this.zip.addEntry(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `${title}<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
    );
    this.zip.addEntry(
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<Application>${creator}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${this.sheets.map((s) => `<vt:lpstr>${xmlEscape(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
        '</Properties>',
    );
    this.zip.addEntry(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '</Relationships>',
    );
    this.zip.addEntry(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetOverrides +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    );
  }
}
