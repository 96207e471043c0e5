import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvStreamWriter } from '../../electron/warehouse/demo/csv-writer.ts';
import { excelScientific, nameVariant, swapDayMonth } from '../../electron/warehouse/demo/noise.ts';
import { Rng } from '../../electron/warehouse/demo/random.ts';
import { columnLetter } from '../../shared/model/spreadsheet.ts';
import { XlsxStreamWriter } from '../../electron/warehouse/xlsx/xlsx-writer.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parseCsv, readWorkbook, readXlsxFile } from './demo-helpers.ts';

const tmp = tempDir('demo-writers');
afterAll(() => tmp.cleanup());

interface ZipEntry {
  name: string;
  data: Buffer;
  time: number;
  date: number;
}

/** A minimal reader of the central directory, to check the archive independently of SheetJS. */
function readZip(buf: Buffer): ZipEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    expect(buf.readUInt32LE(offset)).toBe(0x04034b50);
    const localName = buf.readUInt16LE(offset + 26);
    const localExtra = buf.readUInt16LE(offset + 28);
    const start = offset + 30 + localName + localExtra;
    const data = inflateRawSync(buf.subarray(start, start + csize));
    expect(data.length, name).toBe(usize);
    expect(crc32(data) >>> 0, name).toBe(crc);
    const dd = start + csize;
    expect(buf.readUInt32LE(dd)).toBe(0x08074b50);
    expect(buf.readUInt32LE(dd + 4)).toBe(crc);
    out.push({ name, data, time: buf.readUInt16LE(offset + 10), date: buf.readUInt16LE(offset + 12) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function writeSample(path: string, rows: number): Promise<void> {
  const w = await XlsxStreamWriter.create(path, { creator: 'Padu test', title: 'contoh' });
  const s = w.addSheet('Data & <Uji>', { columns: [{ width: 20 }, { width: 30 }, { width: 12 }, { width: 12 }], freezeRows: 2 });
  s.addRow([{ v: 'JUDUL LAPORAN', style: 'title' }]);
  s.merge('A1:D1');
  s.addRow(['NIK', 'Nama', 'Tanggal', 'Nilai'].map((v) => ({ v, style: 'header' as const })));
  for (let i = 0; i < rows; i++) {
    const needs = s.addRow([
      { v: `53010145019${String(i).padStart(5, '0')}`, style: 'text' },
      i % 7 === 0 ? `  MARIA  "ANA" & <${i}>\u00a0TEFA ` : `YOHANES ${i}`,
      { v: 45000 + (i % 365), style: 'date' },
      i % 5 === 0 ? null : i * 1.5,
    ]);
    if (needs) await w.drain();
  }
  const s2 = w.addSheet('Lanjutan');
  s2.addRow([5301014501900000, 'angka 16 digit', 'ya']);
  s2.addRow([]);
  s2.addRow([null, 'setelah baris kosong']);
  await w.close();
}

describe('XlsxStreamWriter', () => {
  it('writes a valid, reproducible archive that SheetJS reads back exactly', async () => {
    const a = join(tmp.dir, 'a.xlsx');
    const b = join(tmp.dir, 'b.xlsx');
    await writeSample(a, 40_000);
    await writeSample(b, 40_000);
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);

    const entries = readZip(bytes);
    expect(entries.map((e) => e.name).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'].sort(),
    );
    // Fixed timestamps: 2025-06-30 00:00.
    for (const e of entries) {
      expect(e.date).toBe(((2025 - 1980) << 9) | (6 << 5) | 30);
      expect(e.time).toBe(0);
    }
    const sheet1 = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
    // Large enough to have been compressed in several independent slices.
    expect(sheet1?.data.length).toBeGreaterThan(3 * (1 << 20));
    const types = entries.find((e) => e.name === '[Content_Types].xml')?.data.toString('utf8') ?? '';
    expect(types).toContain('/xl/worksheets/sheet2.xml');

    const sheets = readXlsxFile(a);
    expect([...sheets.keys()]).toEqual(['Data & <Uji>', 'Lanjutan']);
    const rows = sheets.get('Data & <Uji>') ?? [];
    expect(rows.length).toBe(40_002);
    expect(rows[0]?.[0]).toBe('JUDUL LAPORAN');
    expect(rows[1]).toEqual(['NIK', 'Nama', 'Tanggal', 'Nilai']);
    expect(rows[2]).toEqual(['5301014501900000', `  MARIA  "ANA" & <0>\u00a0TEFA `, 45000, null]);
    expect(rows[3]).toEqual(['5301014501900001', 'YOHANES 1', 45001, 1.5]);
    expect(rows[40_001]?.[0]).toBe('5301014501939999');
    const second = sheets.get('Lanjutan') ?? [];
    expect(second[0]?.[0]).toBe(5301014501900000);
    expect((second[1] ?? []).every((c) => c === null)).toBe(true);
    expect(second[2]?.[1]).toBe('setelah baris kosong');

    const wb = readWorkbook(a);
    const ws = wb.Sheets['Data & <Uji>'];
    expect(ws?.['!merges']).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }]);
    expect(wb.Props?.Author).toBe('Padu test');
  });

  it('refuses invalid or duplicate sheet names and writes to a closed sheet', async () => {
    const w = await XlsxStreamWriter.create(join(tmp.dir, 'bad.xlsx'));
    expect(() => w.addSheet('a/b')).toThrow(/Invalid sheet name/);
    expect(() => w.addSheet('x'.repeat(32))).toThrow(/Invalid sheet name/);
    const s = w.addSheet('Satu');
    expect(() => w.addSheet('satu')).toThrow(/Duplicate/);
    w.addSheet('Dua');
    expect(() => s.addRow(['late'])).toThrow(/closed/);
    await w.close();
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(16_383)).toBe('XFD');
  });
});

describe('CsvStreamWriter and noise helpers', () => {
  it('quotes per RFC 4180 with the chosen delimiter, BOM and line ending', () => {
    const path = join(tmp.dir, 'x.csv');
    const w = CsvStreamWriter.create(path, { delimiter: ';', bom: true, eol: '\r\n' });
    w.writeRow(['a;b', 'say "hi"', 'plain', 12, null, 'koma, tetap']);
    w.writeRow(['x'.repeat(3_000_000)]);
    expect(w.lines).toBe(2);
    const size = w.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(size);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('"a;b";"say ""hi""";plain;12;;koma, tetap');
    expect(parseCsv(text, ';')[0]).toEqual(['a;b', 'say "hi"', 'plain', '12', '', 'koma, tetap']);
  });

  it('writes Excel-style scientific NIKs, swaps only valid dates, and varies names deterministically', () => {
    expect(excelScientific('5301014501900001')).toBe('5.30101E+15');
    expect(excelScientific('5371010101800000')).toBe('5.37101E+15');
    expect(excelScientific('5300000000000000')).toBe('5.3E+15');
    expect(swapDayMonth({ y: 1990, m: 3, d: 7 })).toEqual({ y: 1990, m: 7, d: 3 });
    expect(swapDayMonth({ y: 1990, m: 3, d: 17 })).toBeNull();
    expect(swapDayMonth({ y: 1990, m: 3, d: 3 })).toBeNull();
    const a = Rng.from(1, 'x');
    const b = Rng.from(1, 'x');
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const va = nameVariant(a, 'MUHAMMAD YUSUF LAMAAU', { sex: 1, age: 40, muslim: true });
      const vb = nameVariant(b, 'MUHAMMAD YUSUF LAMAAU', { sex: 1, age: 40, muslim: true });
      expect(va).toEqual(vb);
      if (va) {
        expect(va.written).not.toBe('MUHAMMAD YUSUF LAMAAU');
        seen.add(va.kind);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
    expect(Rng.from(5, 'a').next()).not.toBe(Rng.from(5, 'b').next());
  });
});
