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

function readAll(path: string, options: CsvReadOptions = {}): { rows: CsvRow[]; dialect: CsvDialect } {
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
