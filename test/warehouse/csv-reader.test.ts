import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFormatError, readCsv, sniffCsv, type CsvDialect, type CsvReadOptions, type CsvRow } from '../../electron/warehouse/imports/readers/csv.ts';
import { tempDir } from '../helpers/tmp.ts';

const tmp = tempDir('csv');
afterAll(() => tmp.cleanup());
let fileNo = 0;

function write(content: string | Uint8Array): string {
  const path = join(tmp.dir, `f${++fileNo}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Rows as line and cells (the column ids are checked on their own). */
function readAll(path: string, options: CsvReadOptions = {}): { rows: Pick<CsvRow, 'line' | 'cells'>[]; dialect: CsvDialect } {
  const { rows, dialect } = readRows(path, options);
  return { rows: rows.map((r) => ({ line: r.line, cells: r.cells })), dialect: { encoding: dialect.encoding, bom: dialect.bom, delimiter: dialect.delimiter } };
}

function readRows(path: string, options: CsvReadOptions = {}): { rows: CsvRow[]; dialect: CsvDialect & { fastRecords: number } } {
  const rows: CsvRow[] = [];
  const it = readCsv(path, options);
  for (;;) {
    const r = it.next();
    if (r.done) return { rows, dialect: r.value };
    rows.push(...r.value);
  }
}

const cp1252 = (s: string): Uint8Array => Uint8Array.from(Array.from(s, (ch) => ch).map((ch) => (ch === '’' ? 0x92 : ch === 'é' ? 0xe9 : ch.charCodeAt(0))));

describe('CSV reader', () => {
  it('reads a ;-delimited UTF-8 file with BOM and CRLF, as Indonesian-locale Excel writes it', () => {
    const path = write('\uFEFFID DTKS;Nama;Alamat\r\n1;YOHANES BENU;"Jl. Timor; RT 001"\r\n2;MARIA SERAN;Oebobo\r\n');
    const { rows, dialect } = readAll(path);
    expect(dialect).toEqual({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(rows.map((r) => r.cells)).toEqual([
      ['ID DTKS', 'Nama', 'Alamat'],
      ['1', 'YOHANES BENU', 'Jl. Timor; RT 001'],
      ['2', 'MARIA SERAN', 'Oebobo'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('keeps quoted newlines and doubled quotes inside a field and counts physical lines', () => {
    const path = write('a,b,c\n1,"line one\nline two",x\n2,"say ""ya""",y\r\n3,"crlf\r\ninside",z\n4,last,row');
    const { rows } = readAll(path);
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'line one\nline two', 'x'],
      ['2', 'say "ya"', 'y'],
      ['3', 'crlf\r\ninside', 'z'],
      ['4', 'last', 'row'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 7]);
  });

  it('detects Windows-1252 and decodes it', () => {
    const path = write(cp1252('Desa,Nama\nRegapu’u,José\n'));
    const { rows, dialect } = readAll(path);
    expect(dialect.encoding).toBe('windows-1252');
    expect(rows[1]?.cells).toEqual(['Regapu’u', 'José']);
  });

  it('switches to Windows-1252 when the first invalid byte comes after a long ASCII start', () => {
    const ascii = 'Kode,Nama\n' + '53.01.01.2001,DESA\n'.repeat(20_000);
    const path = write(Uint8Array.from([...Buffer.from(ascii), ...cp1252('53.07.01.2021,Regapu’u\n')]));
    const { rows, dialect } = readAll(path, { chunkBytes: 64 * 1024 });
    expect(dialect.encoding).toBe('windows-1252');
    expect(rows.at(-1)?.cells).toEqual(['53.07.01.2021', 'Regapu’u']);
    expect(rows).toHaveLength(20_002);
  });

  it('gives the same rows whatever the read size (records, quotes, CRLF and UTF-8 cut across reads)', () => {
    const content = '\uFEFFNama\tAlamat\tCatatan\r\n' + Array.from({ length: 200 }, (_, i) => `Regapu’u ${i}\t"Dusun ${i}\r\nRT 00${i % 9}"\t"ké ""${i}"""\r\n`).join('');
    const path = write(content);
    const reference = readAll(path).rows;
    expect(reference).toHaveLength(201);
    expect(reference[1]?.cells).toEqual(['Regapu’u 0', 'Dusun 0\r\nRT 000', 'ké "0"']);
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, 1000]) {
      expect(readAll(path, { chunkBytes, batchRows: 17 }).rows).toEqual(reference);
    }
  });

  it('reads non-ASCII lines scattered through ASCII ones exactly, quoted fields spanning them included', () => {
    // Non-ASCII lines are decoded on their own (pieces between line feeds): cells cut across a
    // piece boundary, multi-line quoted fields holding non-ASCII text and NBSP must come out whole.
    const expected: string[][] = [['Nama', 'Alamat', 'Catatan']];
    let content = 'Nama,Alamat,Catatan\n';
    for (let i = 0; i < 6000; i++) {
      const name = i % 97 === 0 ? `MARIA\u00a0GO’O ${i}` : `YOHANES ${i}`;
      const address = i % 251 === 0 ? `Dusun ${i}\nRT é${i % 9}` : `Dusun ${i}`;
      const note = i % 13 === 0 ? `“${i}”` : `${i}`;
      expected.push([name, address, note]);
      content += `${name},${address.includes('\n') ? `"${address}"` : address},${note}\n`;
    }
    const path = write(content);
    for (const chunkBytes of [4096, 10_000, 64 * 1024, 4 * 1024 * 1024]) {
      const { rows, dialect } = readAll(path, { chunkBytes, batchRows: 256 });
      expect(dialect.encoding).toBe('utf-8');
      expect(rows.map((r) => r.cells)).toEqual(expected);
      expect(rows.at(-1)?.line).toBe(6001 + Math.floor(5999 / 251) + 1);
    }
  });

  it('cuts simple ASCII records in WebAssembly exactly as the general parser does, whatever the read size', () => {
    // Every kind of record the fast path must hand back to the general parser, among simple ones:
    // doubled quotes, quoted line breaks and CR, text after a closing quote, non-ASCII lines, a
    // record of 300 cells, cells longer than the look-up limit, empty cells, CRLF and LF, no
    // final line feed.
    const lines: string[] = ['KODE;DESA;ATAP;NAMA;CATATAN'];
    for (let i = 0; i < 3000; i++) {
      const note =
        i % 101 === 0 ? '"kata ""ya"""'
        : i % 103 === 0 ? '"dua\nbaris"'
        : i % 107 === 0 ? '"cr\rdi dalam"'
        : i % 109 === 0 ? '"kutip"sesudah'
        : i % 113 === 0 ? 'Regapu’u'
        : i % 127 === 0 ? Array.from({ length: 296 }, (_, k) => String(k)).join(';')
        : i % 131 === 0 ? 'x'.repeat(200)
        : i % 7 === 0 ? ''
        : `"${i % 3 === 0 ? `Jl. Timor; RT 00${i % 9}` : 'Oebobo'}"`;
      lines.push(`53.01.0${i % 4}.20${String(i % 50).padStart(2, '0')};DESA ${(i >> 6) % 9};${['SENG', 'GENTENG', 'ASBES/SENG', ''][i % 4]};NAMA ${i};${note}`);
    }
    const path = write(lines.map((l, i) => `${l}${i % 2 === 0 ? '\r\n' : '\n'}`).join('').replace(/\n$/, ''));
    const general = readRows(path, { fast: false });
    expect(general.rows).toHaveLength(3001);
    expect(general.rows.every((r) => r.ids === null)).toBe(true);
    expect(general.dialect.fastRecords).toBe(0);
    for (const chunkBytes of [7, 100, 4096, 65_536, 4 * 1024 * 1024]) {
      const fast = readRows(path, { chunkBytes, batchRows: 37 });
      expect(fast.rows.map((r) => [r.line, r.cells])).toEqual(general.rows.map((r) => [r.line, r.cells]));
      // The same id in a column is the same text, throughout the file.
      const texts = new Map<string, string>();
      for (const r of fast.rows) {
        if (r.ids === null) continue;
        r.cells.forEach((cell, c) => {
          const id = r.ids?.[r.at + c] ?? -1;
          if (id < 0) return;
          const key = `${c}:${id}`;
          const seen = texts.get(key);
          if (seen === undefined) texts.set(key, cell);
          else expect(cell).toBe(seen);
        });
      }
      if (chunkBytes >= 4096) {
        expect(fast.dialect.fastRecords).toBeGreaterThan(2700);
        // Codes and labels get ids; a column of names (all different) stops getting them.
        const withId = (c: number): number => fast.rows.filter((r) => r.ids !== null && (r.ids[r.at + c] ?? -1) >= 0).length;
        expect(withId(0)).toBeGreaterThan(2700);
        expect(withId(2)).toBeGreaterThan(2700);
        expect(withId(3)).toBeLessThan(600);
      }
    }
  });

  it('sniffs the delimiter past title lines', () => {
    const head = Buffer.from('DATA KELUARGA P3KE PROVINSI NTT\nPosisi data: 30/06/2025\nA,B,C,D\n1,2,3,4\n5,6,7,8\n');
    expect(sniffCsv(head).delimiter).toBe(',');
    expect(sniffCsv(Buffer.from('a|b|c\n1|2|3\n')).delimiter).toBe('|');
  });

  it('names the line of an unterminated quote and of a runaway record', () => {
    const path = write('a,b\n1,"never closed\n2,x\n');
    expect(() => readAll(path)).toThrow(CsvFormatError);
    try {
      readAll(path);
    } catch (e) {
      expect(e instanceof CsvFormatError && e.line).toBe(2);
    }
    const long = write(`a\n"${'x'.repeat(5000)}`);
    expect(() => readAll(long, { chunkBytes: 256, maxRecordChars: 1000 })).toThrow(/terlalu panjang/);
  });
});
