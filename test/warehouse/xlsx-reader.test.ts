import { spawnSync } from 'node:child_process';
import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../electron/warehouse/imports/readers/detect-format.ts';
import { readWorkbookSheet, listWorkbookSheets } from '../../electron/warehouse/imports/readers/spreadsheet.ts';
import { SpreadsheetError, type SheetCell, type SheetRow } from '../../electron/warehouse/imports/readers/spreadsheet-error.ts';
import { readSheetJsSheet } from '../../electron/warehouse/imports/readers/xls.ts';
import { decodeXml } from '../../electron/warehouse/imports/readers/xml-scan.ts';
import { listSheets, readXlsxSheet, type XlsxReadOptions } from '../../electron/warehouse/imports/readers/xlsx.ts';
import { ZipReader } from '../../electron/warehouse/imports/readers/zip.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildZip, type ZipPart } from '../helpers/zip.ts';
import { readXlsxFile } from './demo-helpers.ts';

const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));
const tmp = tempDir('xlsx');
afterAll(() => tmp.cleanup());
let fileNo = 0;

function write(name: string, content: string | Uint8Array): string {
  const path = join(tmp.dir, `${++fileNo}-${name}`);
  writeFileSync(path, content);
  return path;
}

interface Drained<R> {
  rows: SheetRow[];
  result: R;
}

async function drain<R>(it: AsyncGenerator<SheetRow[], R, undefined>): Promise<Drained<R>> {
  const rows: SheetRow[] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return { rows, result: r.value };
    rows.push(...r.value);
  }
}

async function readSheet(path: string, sheet: string, options: XlsxReadOptions = {}): Promise<Drained<{ merges: string[]; rows: number; columns: number }>> {
  return drain(readXlsxSheet(path, sheet, options));
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SpreadsheetError) return err;
    throw err;
  }
  throw new Error('expected a SpreadsheetError');
}

/** Bahasa Indonesia, not English: a few common words, none of the English ones. */
function expectIndonesian(message: string): void {
  expect(message).toMatch(/\b(berkas|bukan|tidak|bagian|lembar|sel|baris|kosong|rusak|ditolak|lebih|sandi)\b/i);
  expect(message).not.toMatch(/\b(the|file is|invalid|not a)\b/i);
}

/** SheetJS rows keyed by line, trailing nulls dropped, empty rows left out (as our reader does). */
function sheetJsRows(rows: readonly SheetCell[][]): Map<number, SheetCell[]> {
  const out = new Map<number, SheetCell[]>();
  rows.forEach((row, i) => {
    const t = [...row];
    while (t.length > 0 && t[t.length - 1] === null) t.pop();
    if (t.length > 0) out.set(i + 1, t);
  });
  return out;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** SheetJS finds the parts through their content types, so the comparisons need them. */
function contentTypes(sst: boolean, styles: boolean): string {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/>` +
    (sst ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` : '') +
    (styles ? `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` : '') +
    '</Types>'
  );
}

/** The parts of a one-sheet workbook around the given sheet XML (and optional shared strings / styles). */
function workbookParts(sheetXml: string, extra: { sst?: string; styles?: string; sheetName?: string } = {}): ZipPart[] {
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (extra.sst !== undefined) rels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (extra.styles !== undefined) rels.push(`<Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: contentTypes(extra.sst !== undefined, extra.styles !== undefined) },
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<workbook ${NS}><sheets><sheet name="${extra.sheetName ?? 'Data'}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` },
  ];
  if (extra.sst !== undefined) parts.push({ name: 'xl/sharedStrings.xml', data: extra.sst });
  if (extra.styles !== undefined) parts.push({ name: 'xl/styles.xml', data: extra.styles });
  parts.push({ name: 'xl/worksheets/sheet1.xml', data: sheetXml });
  return parts;
}

function sheetXml(rows: string, tail = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${rows}</sheetData>${tail}</worksheet>`;
}

describe('xlsx reader on the generator files', () => {
  let dir = '';
  beforeAll(() => {
    dir = join(tmp.dir, 'demo');
    const run = spawnSync(process.execPath, [LAUNCHER, 'demo', '--out', dir, '--families', '1500', '--seed', '4', '--json', '--noise', 'sheetRowLimit=2000'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });

  it('reads every sheet of every .xlsx cell for cell as SheetJS does', async () => {
    const files = readdirSync(dir).filter((n) => n.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let sheetsSeen = 0;
    for (const file of files) {
      const path = join(dir, file);
      const reference = readXlsxFile(path);
      const sheets = await listSheets(path);
      expect(sheets.map((s) => s.name)).toEqual([...reference.keys()]);
      for (const sheet of sheets) {
        const { rows, result } = await readSheet(path, sheet.name, { batchRows: 700 });
        const want = sheetJsRows(reference.get(sheet.name) ?? []);
        const got = new Map(rows.map((r) => [r.line, r.cells]));
        expect([...got.keys()], `${file} / ${sheet.name}`).toEqual([...want.keys()]);
        for (const [line, cells] of want) expect(got.get(line), `${file} / ${sheet.name} row ${line}`).toEqual(cells);
        expect(result.rows).toBe(rows.length);
        sheetsSeen++;
      }
    }
    // P3KE individu is split over sheets at 2,000 rows.
    const individu = await listSheets(join(dir, 'p3ke-individu.xlsx'));
    expect(individu.length).toBeGreaterThan(1);
    expect(sheetsSeen).toBeGreaterThan(files.length);
  });

  it('returns the merged title, keeps NIKs and totals as SheetJS reads them', async () => {
    const path = join(dir, 'p3ke-keluarga.xlsx');
    const [sheet] = await listSheets(path);
    if (!sheet) throw new Error('no sheet');
    const { rows, result } = await readSheet(path, sheet.name);
    expect(result.merges).toContain('A1:AI1');
    expect(typeof rows[0]?.cells[0]).toBe('string');
    // Some identifiers are written as numbers on purpose (a fault the generator plants).
    const numbers = rows.flatMap((r) => r.cells.filter((c) => typeof c === 'number' && c > 1e14));
    const strings = rows.flatMap((r) => r.cells.filter((c) => typeof c === 'string' && /^\d{16}$/.test(c)));
    expect(numbers.length + strings.length).toBeGreaterThan(0);
    const programFile = join(dir, 'program-rtlh-2025.xlsx');
    const [program] = await listSheets(programFile);
    if (!program) throw new Error('no sheet');
    const programRows = (await readSheet(programFile, program.name)).rows;
    const all = [...rows, ...programRows].map((r) => r.cells.map((c) => String(c ?? '')).join('|'));
    expect(all.some((s) => /JUMLAH/i.test(s))).toBe(true);
  });

  it('marks date-formatted numbers (DTKS birth dates stay Excel serials)', async () => {
    const path = join(dir, 'dtks.xlsx');
    const [sheet] = await listSheets(path);
    if (!sheet) throw new Error('no sheet');
    const { rows } = await readSheet(path, sheet.name);
    const dated = rows.filter((r) => r.dateColumns !== undefined);
    expect(dated.length).toBeGreaterThan(rows.length / 2);
    for (const r of dated) for (const c of r.dateColumns ?? []) expect(r.cells[c]).toBeTypeOf('number');
  });

  it('stops cleanly when the caller leaves after the first batch', async () => {
    const path = join(dir, 'p3ke-individu.xlsx');
    const [sheet] = await listSheets(path);
    if (!sheet) throw new Error('no sheet');
    const it = readXlsxSheet(path, sheet.name, { batchRows: 50 });
    const first = await it.next();
    expect(first.done).toBe(false);
    const end = await it.return({ merges: [], rows: 0, columns: 0 });
    expect(end.done).toBe(true);
    // The file handle was closed: reading again works and sees the same first rows.
    const again = await readXlsxSheet(path, sheet.name, { batchRows: 50 }).next();
    expect(again.value).toEqual(first.value);
  });
});

describe('xlsx reader on hand-built workbooks', () => {
  it('reads shared strings with rich-text runs, entities, gaps, missing refs and every cell type', async () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">' +
      '<si><t>Nama Kepala Keluarga</t></si>' +
      '<si><r><rPr><b/></rPr><t>Desa </t></r><r><t xml:space="preserve">Oebobo &amp; </t></r><r><t>Kelapa Lima</t></r><rPh><t>ふりがな</t></rPh></si>' +
      '<si><t>caf&#233; &#x1F600; &lt;b&gt; &quot;q&quot; &apos;a&apos; &unknown; a_x000D_b</t></si>' +
      '<si><t/></si>' +
      '</sst>';
    const styles =
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>` +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
      // Row 2 has no r attributes at all: positions come from order.
      '<row><c t="s"><v>2</v></c><c><v>42.5</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>hasil</v></c></row>' +
      // A gap (C empty), a self-closing styled cell, dates by built-in and custom format.
      '<row r="4"><c r="A4" s="1"><v>45473</v></c><c r="B4" s="2"><v>45474</v></c><c r="D4" s="3"/><c r="E4" s="3"><v>1500.25</v></c></row>' +
      // Inline string with runs, an empty shared string, a comment and CDATA in between.
      '<row r="6"><!-- komentar <c> --><c r="B6" t="inlineStr"><is><r><t>Jl. </t></r><r><t>Timor &amp; Rote</t></r></is></c><c r="C6" t="s"><v>3</v></c>' +
      '<c r="D6" t="inlineStr"><is><t><![CDATA[<tidak & diurai>]]></t></is></c><c r="E6" t="b"><v>0</v></c></row>' +
      '<row r="7" spans="1:3" ht="20" customHeight="1"/>';
    const path = write('rich.xlsx', buildZip(workbookParts(sheetXml(rows, '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>'), { sst, styles })));
    const { rows: got, result } = await readSheet(path, 'Data');
    expect(got.map((r) => r.line)).toEqual([1, 2, 4, 6]);
    expect(got[0]?.cells).toEqual(['Nama Kepala Keluarga', null, 'Desa Oebobo & Kelapa Lima']);
    expect(got[1]?.cells).toEqual(['café 😀 <b> "q" \'a\' &unknown; a\rb', 42.5, true, null, 'hasil']);
    expect(got[2]?.cells).toEqual([45473, 45474, null, null, 1500.25]);
    expect(got[2]?.dateColumns).toEqual([0, 1]);
    expect(got[3]?.cells).toEqual([null, 'Jl. Timor & Rote', '', '<tidak & diurai>', false]);
    expect(result.merges).toEqual(['A1:C1']);
    // SheetJS agrees on everything but the error cell and the empty shared string.
    const ref = sheetJsRows(readXlsxFile(path).get('Data') ?? []);
    expect(ref.get(1)).toEqual(got[0]?.cells);
    expect(ref.get(4)).toEqual(got[2]?.cells);
    expect(ref.get(6)?.[1]).toBe('Jl. Timor & Rote');
  });

  it('reads a workbook whose tags carry a namespace prefix (some .NET exporters)', async () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>NIK</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const path = write('prefixed.xlsx', buildZip(workbookParts(xml)));
    expect((await readSheet(path, 'Data')).rows).toEqual([{ line: 1, cells: ['NIK', 7] }]);
  });

  it('keeps a __proto__ header as plain text in an array', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>__proto__</t></is></c><c r="B1" t="inlineStr"><is><t>constructor</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>';
    const path = write('proto.xlsx', buildZip(workbookParts(sheetXml(rows))));
    const { rows: got } = await readSheet(path, 'Data');
    expect(Array.isArray(got[0]?.cells)).toBe(true);
    expect(got[0]?.cells).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes only the five entities and numeric references', () => {
    expect(decodeXml('&amp;lt; &#38; &#x26; &lt;&gt;&quot;&apos; &ent; &#0; &#xD800; &#1114112; & ;')).toBe('&lt; & & <>"\' &ent; &#0; &#xD800; &#1114112; & ;');
  });
});

describe('hostile files', () => {
  it('says a PDF renamed .xlsx is a PDF, not an Excel workbook', async () => {
    const path = write('laporan.xlsx', '%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('pdf');
    expect(err.message).toMatch(/PDF, bukan buku kerja Excel yang sah/);
    expectIndonesian(err.message);
    expect(() => detectFormat(path)).toThrow(/PDF/);
  });

  it('says an empty file is empty', async () => {
    const path = write('kosong.xlsx', '');
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('empty');
    expectIndonesian(err.message);
    expect(() => detectFormat(path)).toThrow(/kosong/);
  });

  it('refuses a text file renamed .xlsx as not an Excel workbook, while detectFormat reads it as CSV', async () => {
    const path = write('data.xlsx', 'NIK;Nama\n1;A\n');
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('not_workbook');
    expectIndonesian(err.message);
    expect(detectFormat(path)).toEqual({ format: 'csv', warning: expect.stringMatching(/berakhiran \.xlsx/) as unknown });
  });

  it('refuses a truncated workbook (cut in half) as damaged', async () => {
    const big = buildZip(workbookParts(sheetXml(Array.from({ length: 2000 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7919}</v></c></row>`).join(''))));
    const path = write('potong.xlsx', big);
    truncateSync(path, Math.floor(big.length / 2));
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('corrupt');
    expect(err.message).toMatch(/rusak atau terpotong/);
    expectIndonesian(err.message);
  });

  it('refuses a zip bomb from its declared sizes, before inflating', async () => {
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const deflated = deflateRawSync(zeros, { level: 9 });
    expect(zeros.length / deflated.length).toBeGreaterThan(500);
    const parts = workbookParts(sheetXml('')).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: '', deflated, realSize: zeros.length } : p));
    const path = write('bom.xlsx', buildZip(parts));
    const started = performance.now();
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('zip_bomb');
    expect(err.part).toBe('xl/worksheets/sheet1.xml');
    expectIndonesian(err.message);
    expect(performance.now() - started).toBeLessThan(1000);
    // Past the ratio, the declared size alone is capped too.
    const capped = await rejection(readSheet(path, 'Data', { zip: { maxRatio: 10_000, maxEntryBytes: 100 * 1024 * 1024 } }));
    expect(capped.kind).toBe('too_large');
    expectIndonesian(capped.message);

    // A header that lies (declares 10 kB): inflating stops at the first byte past it.
    const lying = workbookParts(sheetXml('')).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: '', deflated, realSize: 10_000 } : p));
    const liar = write('bohong.xlsx', buildZip(lying));
    const before = process.memoryUsage().rss;
    const lie = await rejection(readSheet(liar, 'Data'));
    expect(lie.kind).toBe('zip_bomb');
    expect(lie.message).toMatch(/tidak jujur/);
    expectIndonesian(lie.message);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses encrypted entries, Zip64, too many entries and unknown compression', async () => {
    const enc = buildZip(workbookParts(sheetXml('')).map((p) => ({ ...p, flags: 0x801 })));
    const encErr = await rejection(readSheet(write('sandi.xlsx', enc), 'Data'));
    expect(encErr.kind).toBe('encrypted');
    expectIndonesian(encErr.message);

    const zip64 = buildZip(workbookParts(sheetXml('')));
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 + 16);
    const z64 = await rejection(readSheet(write('z64.xlsx', zip64), 'Data'));
    expect(z64.kind).toBe('unsupported');
    expect(z64.fallback).toBe(true);
    expectIndonesian(z64.message);

    const many = await rejection(readSheet(write('banyak.xlsx', buildZip(workbookParts(sheetXml('')))), 'Data', { zip: { maxEntries: 3 } }));
    expect(many.kind).toBe('too_many_entries');
    expectIndonesian(many.message);

    const methodBuf = buildZip(workbookParts(sheetXml('')));
    // Method field of the last central entry (the sheet) → 12 (bzip2).
    const cdStart = methodBuf.readUInt32LE(methodBuf.length - 22 + 16);
    let p = cdStart;
    for (let k = 0; k < 4; k++) p += 46 + methodBuf.readUInt16LE(p + 28);
    methodBuf.writeUInt16LE(12, p + 10);
    const method = await rejection(readSheet(write('bzip.xlsx', methodBuf), 'Data'));
    expect(method.kind).toBe('unsupported');
    expectIndonesian(method.message);
  });

  it('scans 20,000 `<!--` (the SheetJS ReDoS pattern) in linear time', async () => {
    const flood = '<!--'.repeat(20_000);
    const path = write('redos.xlsx', buildZip(workbookParts(sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${flood}`))));
    const started = performance.now();
    const err = await rejection(readSheet(path, 'Data'));
    expect(err.kind).toBe('corrupt_xml');
    expectIndonesian(err.message);
    // Closed comments, many of them, read through.
    const closed = write('komentar.xlsx', buildZip(workbookParts(sheetXml(`${'<!-- x -->'.repeat(20_000)}<row r="1"><c r="A1"><v>1</v></c></row>${'<!--<!--'.repeat(10_000)}-->`))));
    expect((await readSheet(closed, 'Data')).rows).toEqual([{ line: 1, cells: [1] }]);
    // 300,000 tags without a quote, and 300,000 unclosed quotes inside one attribute-only tag run.
    const tags = write('tag.xlsx', buildZip(workbookParts(sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${'<b></b>'.repeat(300_000)}`))));
    // Repetitive XML compresses far beyond the zip-bomb ratio; the ratio guard is relaxed for it.
    const relaxed = { zip: { maxRatio: 100_000 } };
    expect((await readSheet(tags, 'Data', relaxed)).rows).toEqual([{ line: 1, cells: [1] }]);
    const quotes = write('kutip.xlsx', buildZip(workbookParts(sheetXml(`<row r="1" x="${'>'.repeat(300_000)}"><c r="A1"><v>1</v></c></row>`))));
    expect((await readSheet(quotes, 'Data', relaxed)).rows).toEqual([{ line: 1, cells: [1] }]);
    // Cells without attributes (positions by order): each tag's attributes are read within the tag.
    const bare = write('tanpa-r.xlsx', buildZip(workbookParts(sheetXml(`<row>${'<c/>'.repeat(16_000)}<c><v>9</v></c></row>`))));
    const bareRows = (await readSheet(bare, 'Data', relaxed)).rows;
    expect(bareRows[0]?.cells.length).toBe(16_001);
    expect(bareRows[0]?.cells[16_000]).toBe(9);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a DTD (entity expansion) and caps rows, columns and cell length', async () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;
    const dtdErr = await rejection(readSheet(write('dtd.xlsx', buildZip(workbookParts(dtd))), 'Data'));
    expect(dtdErr.kind).toBe('corrupt_xml');
    expect(dtdErr.message).toMatch(/DTD/);
    expectIndonesian(dtdErr.message);

    const rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="XFE2"><v>2</v></c></row>';
    const wide = await rejection(readSheet(write('lebar.xlsx', buildZip(workbookParts(sheetXml(rows)))), 'Data'));
    expect(wide.kind).toBe('too_many_columns');
    expect(wide.line).toBe(2);
    expectIndonesian(wide.message);

    const tall = await rejection(readSheet(write('tinggi.xlsx', buildZip(workbookParts(sheetXml(rows)))), 'Data', { maxRows: 1 }));
    expect(tall.kind).toBe('too_many_rows');
    expectIndonesian(tall.message);

    const long = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row>`;
    const longErr = await rejection(readSheet(write('panjang.xlsx', buildZip(workbookParts(sheetXml(long)))), 'Data'));
    expect(longErr.kind).toBe('cell_too_long');
    expectIndonesian(longErr.message);

    const missing = await rejection(readSheet(write('lembar.xlsx', buildZip(workbookParts(sheetXml('')))), 'Tidak Ada'));
    expect(missing.kind).toBe('sheet_not_found');
    expectIndonesian(missing.message);
  });

  it('refuses a corrupt deflate stream and a CRC mismatch', async () => {
    const good = buildZip(workbookParts(sheetXml('<row r="1"><c r="A1"><v>123456</v></c></row>'.repeat(50))));
    const zip = ZipReader.open(write('ok.xlsx', good));
    const entry = zip.entries.get('xl/worksheets/sheet1.xml');
    zip.close();
    if (!entry) throw new Error('no entry');
    const bad = Buffer.from(good);
    // Flip bytes inside the sheet's compressed data.
    const dataAt = entry.localHeaderOffset + 30 + Buffer.byteLength(entry.name);
    for (let i = 2; i < Math.min(entry.compressedSize, 40); i++) bad[dataAt + i] = 0xff - (bad[dataAt + i] ?? 0);
    const err = await rejection(readSheet(write('rusak.xlsx', bad), 'Data'));
    expect(err.kind === 'corrupt' || err.kind === 'zip_bomb').toBe(true);
    expectIndonesian(err.message);
  });
});

describe('legacy .xls through SheetJS', () => {
  it('reads back 65,000 rows SheetJS wrote as BIFF8, by content even when named .xlsx', async () => {
    // SheetJS writes BIFF8 slowly (~20 µs a cell), so the rows are narrow; every 1,000th has text.
    const aoa: (string | number)[][] = [['__proto__', 'NIK', 'Nama']];
    for (let i = 1; i < 65_000; i++) aoa.push(i % 1000 === 0 ? [i, 5301014500000000 + i, `WARGA ${i}`] : [i, 5301014500000000 + i]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), 'Data Lama');
    const buf = XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
    const path = write('lama.xlsx', buf);
    expect(detectFormat(path)).toEqual({ format: 'xls', warning: expect.stringMatching(/\.xls/) as unknown });
    expect((await listWorkbookSheets(path)).names).toEqual(['Data Lama']);
    const { rows, result } = await drain(readWorkbookSheet(path, 'Data Lama'));
    expect(result.reader).toBe('sheetjs');
    expect(result.warnings.length).toBe(1);
    expect(rows.length).toBe(65_000);
    expect(rows[0]).toEqual({ line: 1, cells: ['__proto__', 'NIK', 'Nama'] });
    expect(rows[64_000]).toEqual({ line: 64_001, cells: [64_000, 5301014500064000, 'WARGA 64000'] });
    expect(rows[64_999]).toEqual({ line: 65_000, cells: [64_999, 5301014500064999] });
    expect(rows.every((r, i) => r.line === i + 1 && r.cells[0] === (i === 0 ? '__proto__' : i))).toBe(true);
    expect(({} as Record<string, unknown>).NIK).toBeUndefined();
    // The row cap is reported, not applied silently.
    const capped = await rejection(Promise.resolve().then(() => [...readSheetJsSheet(path, 'Data Lama', { maxRows: 1000 })]));
    expect(capped.kind).toBe('too_many_rows');
    expectIndonesian(capped.message);
  });

  it('falls back to SheetJS for a binary workbook (.xlsb) named .xlsx, and says so', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['NIK', 'Nama'], [5301014500000001, 'MARIA SERAN']]), 'Biner');
    const path = write('biner.xlsx', XLSX.write(wb, { bookType: 'xlsb', type: 'buffer' }) as Buffer);
    const direct = await rejection(listSheets(path));
    expect(direct.kind).toBe('unsupported');
    expect(direct.fallback).toBe(true);
    expectIndonesian(direct.message);
    const { rows, result } = await drain(readWorkbookSheet(path, 'Biner'));
    expect(result.reader).toBe('sheetjs');
    expect(result.warnings.join(' ')).toMatch(/\.xlsb.*pembaca cadangan/);
    expect(rows).toEqual([
      { line: 1, cells: ['NIK', 'Nama'] },
      { line: 2, cells: [5301014500000001, 'MARIA SERAN'] },
    ]);
  });

  it('reads .xlsx through the streaming reader from the same entry point', async () => {
    const path = write('lewat.xlsx', buildZip(workbookParts(sheetXml('<row r="3"><c r="B3"><v>5</v></c></row>'))));
    const { rows, result } = await drain(readWorkbookSheet(path, 'data'));
    expect(result.reader).toBe('xlsx-stream');
    expect(result.warnings).toEqual([]);
    expect(rows).toEqual([{ line: 3, cells: [null, 5] }]);
  });

  it('refuses garbage named .xls and a CSV handed to the workbook reader', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]);
    const err = await rejection(drain(readWorkbookSheet(write('sampah.xls', ole), 'Data')));
    expect(err.kind).toBe('corrupt');
    expectIndonesian(err.message);
    const csv = await rejection(drain(readWorkbookSheet(write('data.csv', 'a,b\n'), 'Data')));
    expect(csv.kind).toBe('not_workbook');
  });
});
