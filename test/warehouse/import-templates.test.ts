import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { m001Init } from '../../electron/warehouse/db/migrations/001_init.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { FileTruth, GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import type { TableKey } from '../../electron/warehouse/demo/tables.ts';
import {
  chooseTemplate, createRowClassifier, findHeaderRow, isSignOffRow, isTotalRow, matchTemplate, sameHeader, shapeSignature,
} from '../../shared/import/templates/detect.ts';
import type { TemplateCandidate } from '../../shared/import/templates/detect.ts';
import { TABLE_COLUMNS } from '../../shared/import/templates/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { readCsvFile, readTruth } from './demo-helpers.ts';

/**
 * The templates and detection against the files the demo generator writes (title rows, merged
 * titles, JUMLAH rows, a sign-off block, `;` CSV with BOM, a split sheet), and against variants of
 * their headers.
 */

const tmp = tempDir('import-templates');
const dir = join(tmp.dir, 'full');
const splitDir = join(tmp.dir, 'split');
let truth: GroundTruth;
/** Rows of every sheet of every generated file: file name → sheet name ('' for CSV) → rows. */
const sheets = new Map<string, Map<string, unknown[][]>>();

function readXlsx(path: string): Map<string, unknown[][]> {
  const wb = XLSX.read(readFileSync(path), { dense: true });
  const out = new Map<string, unknown[][]>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    // defval/blankrows keep row i at sheet row i + 1, which is how ground-truth.json counts.
    if (ws) out.set(name, XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }));
  }
  return out;
}

function rowsOf(file: FileTruth, sheet: string): unknown[][] {
  const rows = sheets.get(file.name)?.get(sheet);
  if (!rows) throw new Error(`${file.name}: no sheet "${sheet}"`);
  return rows;
}

function headerOf(file: FileTruth, sheet = file.sheets[0]?.name ?? ''): unknown[] {
  const s = file.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`${file.name}: no sheet layout "${sheet}"`);
  return rowsOf(file, sheet)[s.headerRow - 1] ?? [];
}

function fileTruth(name: string): FileTruth {
  const f = truth.files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} in ground truth`);
  return f;
}

beforeAll(async () => {
  await generateDemoFiles({ outDir: dir, province: '53', families: 1500, seed: 9 });
  truth = readTruth(dir);
  for (const f of truth.files) {
    const path = join(dir, f.name);
    sheets.set(f.name, f.format === 'csv' ? new Map([['', readCsvFile(path, f.csv?.delimiter ?? ',').rows]]) : readXlsx(path));
  }
});

afterAll(() => tmp.cleanup());

/** The field every generated column must map to (the spec of the templates for these shapes). */
const EXPECTED: Readonly<Record<TableKey, Readonly<Record<string, string>>>> = {
  p3ke_keluarga: {
    'ID Keluarga P3KE': 'source_id', Provinsi: 'province_name', 'Kabupaten/Kota': 'regency_name', Kecamatan: 'district_name', 'Desa/Kelurahan': 'village_name',
    'Kode Kemdagri': 'region_code', 'Desil Kesejahteraan': 'desil', Alamat: 'address', 'Kepala Keluarga': 'head_name', NIK: 'head_nik', 'Padan Dukcapil': 'padan',
    'Jenis Kelamin': 'head_sex', 'Tanggal Lahir': 'head_birth', Pekerjaan: 'occupation', Pendidikan: 'education', 'Kepemilikan Rumah': 'house_ownership',
    'Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya': 'savings', 'Jenis Atap': 'roof', 'Jenis Dinding': 'wall', 'Jenis Lantai': 'floor',
    'Sumber Penerangan': 'lighting', 'Bahan Bakar Memasak': 'fuel', 'Sumber Air Minum': 'water', 'Memiliki Fasilitas Buang Air Besar': 'toilet',
    'Penerima BPNT': 'rcv_bpnt', 'Penerima BPUM': 'rcv_bpum', 'Penerima BST': 'rcv_bst', 'Penerima PKH': 'rcv_pkh', 'Penerima SEMBAKO': 'rcv_sembako',
    'Resiko Stunting': 'stunting_risk', 'Kualitas Atap': 'roof_quality', 'Kualitas Dinding': 'wall_quality', 'Kualitas Lantai': 'floor_quality',
    'Daya Listrik Terpasang': 'power', Pensasaran: 'pensasaran',
  },
  p3ke_individu: {
    'ID Keluarga P3KE': 'family_source_id', Provinsi: 'province_name', 'Kabupaten/Kota': 'regency_name', Kecamatan: 'district_name', 'Desa/Kelurahan': 'village_name',
    'Kode Kemdagri': 'region_code', 'Desil Kesejahteraan': 'desil', Alamat: 'address', 'ID Individu': 'source_id', Nama: 'name', NIK: 'nik', 'Padan Dukcapil': 'padan',
    'Jenis Kelamin': 'sex', 'Hubungan dengan Kepala Keluarga': 'relation', 'Tanggal Lahir': 'birth_date', 'Status Kawin': 'marital', Pekerjaan: 'occupation',
    Pendidikan: 'education', 'Usia < 7 Tahun': 'age_lt7', 'Usia 7-12 Tahun': 'age_7_12', 'Usia 13-15 Tahun': 'age_13_15', 'Usia 16-18 Tahun': 'age_16_18',
    'Usia 19-21 Tahun': 'age_19_21', 'Usia 22-59 Tahun': 'age_22_59', 'Usia 60+ Tahun': 'age_60_plus', 'Penerima BPNT': 'rcv_bpnt', 'Penerima BPUM': 'rcv_bpum',
    'Penerima BST': 'rcv_bst', 'Penerima PKH': 'rcv_pkh', 'Penerima SEMBAKO': 'rcv_sembako', 'Resiko Stunting': 'stunting_risk',
  },
  dtks: {
    'ID DTKS': 'family_source_id', Provinsi: 'province_name', 'Kabupaten/Kota': 'regency_name', Kecamatan: 'district_name', 'Desa/Kelurahan': 'village_name',
    Alamat: 'address', Dusun: 'hamlet', RT: 'rt', RW: 'rw', 'Nomor KK': 'kk', 'Nomor NIK': 'nik', Nama: 'name', 'Tanggal Lahir': 'birth_date',
    'Tempat Lahir': 'birth_place', 'Jenis Kelamin': 'sex', 'Nama Ibu Kandung': 'mother_name', 'Hubungan Keluarga': 'relation',
  },
  dtsen_keluarga: {
    Provinsi: 'province_name', 'Kabupaten/Kota': 'regency_name', Kecamatan: 'district_name', 'Desa/Kelurahan': 'village_name', 'Tahun Pendataan': 'survey_year',
    Desil: 'desil', Persentil: 'percentile', Alamat: 'address', 'Nama Kepala Keluarga': 'head_name', 'NIK Keluarga': 'kk', 'NIK (Kepala Keluarga) Padan': 'head_nik',
    'Kualitas Dinding': 'wall_quality', 'Jenis Lantai': 'floor', 'Kualitas Lantai': 'floor_quality', 'Bahan Bakar Memasak': 'fuel', 'Sumber Penerangan': 'lighting',
    'Daya Listrik Terpasang': 'power', 'Sumber Air Minum': 'water', 'Memiliki Fasilitas Buang Air Besar': 'toilet', 'Resiko Stunting': 'stunting_risk',
    'Penerima BPNT': 'rcv_bpnt', 'Penerima BST': 'rcv_bst',
  },
  program_rtlh: {
    No: 'list_no', NIK: 'nik', 'No KK': 'kk', Nama: 'name', 'Desa/Kelurahan': 'village_name', Kecamatan: 'district_name', 'Kabupaten/Kota': 'regency_name',
    'Kode Wilayah': 'region_code', Program: 'program', Tahun: 'year', 'Nilai Bantuan (Rp)': 'amount', Satuan: 'unit',
  },
  program_pkh: {
    No: 'list_no', NIK: 'nik', 'No KK': 'kk', 'Nama Pengurus': 'name', Alamat: 'address', 'Desa/Kelurahan': 'village_name', Kecamatan: 'district_name',
    'Kabupaten/Kota': 'regency_name', 'Kode Wilayah': 'region_code', Program: 'program', Tahun: 'year', Komponen: 'component', 'Nilai Bantuan (Rp)': 'amount',
  },
  indicator: {
    'Kode Wilayah': 'region_code', 'Kabupaten/Kota': 'regency_name', Indikator: 'indicator', Periode: 'period', Nilai: 'value', Satuan: 'unit', Sumber: 'source',
  },
};

function mappingByHeader(header: readonly unknown[], c: TemplateCandidate): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  header.forEach((h, i) => {
    out[String(h)] = c.mapping[i] ?? null;
  });
  return out;
}

function confident(header: readonly unknown[]): TemplateCandidate {
  const choice = chooseTemplate(matchTemplate(header));
  expect(choice.status).toBe('confident');
  if (!choice.best) throw new Error('no best candidate');
  return choice.best;
}

describe('generated files: header row and template', () => {
  it('covers every generated file', () => {
    expect(truth.files.map((f) => f.name).sort()).toEqual([
      'dtks.csv', 'dtks.xlsx', 'dtsen-keluarga.csv', 'dtsen-keluarga.xlsx', 'indikator-kabupaten.xlsx', 'p3ke-individu.csv', 'p3ke-individu.xlsx',
      'p3ke-keluarga.csv', 'p3ke-keluarga.xlsx', 'program-pkh-2025.csv', 'program-rtlh-2025.xlsx',
    ]);
  });

  it('finds exactly the header row ground-truth.json states, in every sheet of every file', () => {
    let checked = 0;
    for (const f of truth.files) {
      for (const s of f.sheets) {
        const rows = rowsOf(f, s.name);
        const found = findHeaderRow(rows.slice(0, 40));
        expect(found, `${f.name} ${s.name}`).not.toBeNull();
        expect(found?.rowIndex, `${f.name} ${s.name}`).toBe(s.headerRow - 1);
        expect(found?.basis).toBe('vocabulary');
        expect(found?.source).toBe(f.source);
        checked++;
      }
    }
    expect(checked).toBe(11);
  });

  it('picks the right source with every column mapped to its field and none left unknown', () => {
    for (const f of truth.files) {
      for (const s of f.sheets) {
        const header = headerOf(f, s.name);
        expect(header.map(String), f.name).toEqual(f.headers);
        const c = confident(header);
        expect(c.source, f.name).toBe(f.source);
        expect(c.unknownColumns, f.name).toEqual([]);
        expect(c.missingRequired, f.name).toEqual([]);
        expect(c.missingAnyOf, f.name).toEqual([]);
        expect(mappingByHeader(header, c), f.name).toEqual(EXPECTED[f.table]);
      }
    }
  });

  it('classifies the rows under each header: data, the JUMLAH row, the sign-off block', () => {
    for (const f of truth.files) {
      for (const s of f.sheets) {
        const rows = rowsOf(f, s.name);
        const classifier = createRowClassifier(rows[s.headerRow - 1] ?? []);
        const kinds = new Map<string, number[]>();
        for (let r = s.headerRow + 1; r <= rows.length; r++) {
          const kind = classifier.classify(rows[r - 1] ?? []);
          const list = kinds.get(kind);
          if (list) list.push(r);
          else kinds.set(kind, [r]);
        }
        const data = kinds.get('data') ?? [];
        expect(data.length, f.name).toBe(s.dataRows);
        expect(data[0], f.name).toBe(s.firstDataRow);
        expect(data.at(-1), f.name).toBe(s.lastDataRow);
        expect(kinds.get('total') ?? [], f.name).toEqual(s.totalRow === null ? [] : [s.totalRow]);
        const signOff = kinds.get('sign_off') ?? [];
        const trailingText = s.trailingRows > 0 ? rows.slice(rows.length - s.trailingRows).filter((r) => r.some((c) => c !== null && c !== '')).length : 0;
        expect(signOff.length, f.name).toBe(trailingText);
        expect([...kinds.keys()].filter((k) => !['data', 'total', 'sign_off', 'blank'].includes(k)), f.name).toEqual([]);
      }
    }
  });

  it('isTotalRow is true on the generated JUMLAH rows and false on every data row', () => {
    let totals = 0;
    for (const f of truth.files) {
      for (const s of f.sheets) {
        const rows = rowsOf(f, s.name);
        if (s.totalRow !== null) {
          expect(isTotalRow(rows[s.totalRow - 1] ?? []), f.name).toBe(true);
          totals++;
        }
        if (s.firstDataRow === null || s.lastDataRow === null) continue;
        for (let r = s.firstDataRow; r <= s.lastDataRow; r++) expect(isTotalRow(rows[r - 1] ?? [])).toBe(false);
      }
    }
    expect(totals).toBe(2);
  });

  it('detects the RTLH sign-off lines and no data row as sign-off', () => {
    const f = fileTruth('program-rtlh-2025.xlsx');
    const s = f.sheets[0];
    if (!s?.lastDataRow || !s.firstDataRow) throw new Error('no layout');
    const rows = rowsOf(f, s.name);
    const texts = rows.slice(rows.length - s.trailingRows).map((r) => r.find((c) => typeof c === 'string' && c !== '') ?? null);
    const openers = texts.filter((t): t is string => t !== null && isSignOffRow([t]));
    // The place-and-date line, the title line and the NIP line open or mark the block.
    expect(openers.some((t) => /, 30 Juni 2025$/.test(t))).toBe(true);
    expect(openers.some((t) => t.startsWith('KEPALA DINAS'))).toBe(true);
    expect(openers.some((t) => t.startsWith('NIP.'))).toBe(true);
    for (const f2 of truth.files) {
      for (const s2 of f2.sheets) {
        if (s2.firstDataRow === null || s2.lastDataRow === null) continue;
        const r2 = rowsOf(f2, s2.name);
        for (let r = s2.firstDataRow; r <= s2.lastDataRow; r++) expect(isSignOffRow(r2[r - 1] ?? [])).toBe(false);
      }
    }
  });
});

describe('generated headers, varied', () => {
  function variants(header: readonly unknown[]): (readonly unknown[])[] {
    const text = header.map(String);
    const title = (h: string): string => h.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
    return [
      text.map((h) => h.toUpperCase()),
      text.map((h) => h.toLowerCase()),
      text.map(title),
      // Extra spaces, NBSP and spaced punctuation: `Kabupaten / Kota`, `NO. KK`, `Nilai Bantuan ( Rp )`.
      text.map((h) => ` ${h.replace(/\//g, ' / ').replace(/\(/g, '( ').replace(/\)/g, ' )').replace(/ /g, '  ').replace(/^No /, 'NO. ')}\u00a0`),
      [...text].reverse(),
      [...text.slice(1), text[0]],
    ];
  }

  it('maps every variant of every generated header like the original', () => {
    for (const f of truth.files) {
      const header = headerOf(f);
      const reference = new Map(header.map((h, i) => [String(h), confident(header).mapping[i]]));
      for (const v of variants(header)) {
        const c = confident(v);
        expect(c.source, `${f.name}: ${v.join('|')}`).toBe(f.source);
        expect(c.unknownColumns, `${f.name}: ${v.join('|')}`).toEqual([]);
        // Same field per column whatever the spelling or order: compare as sorted pairs.
        const got = v.map((h, i) => `${String(h).replace(/\s+/g, '').toLowerCase()}→${c.mapping[i] ?? ''}`).sort();
        const want = [...reference].map(([h, k]) => `${h.replace(/\s+/g, '').toLowerCase()}→${k ?? ''}`).sort();
        expect(got.map((x) => x.replace(/[^a-z0-9→_]/g, '')), f.name).toEqual(want.map((x) => x.replace(/[^a-z0-9→_]/g, '')));
      }
    }
  });

  it('finds an UPPER-case header under the generated title rows', () => {
    for (const name of ['p3ke-keluarga.xlsx', 'p3ke-individu.csv', 'program-rtlh-2025.xlsx', 'indikator-kabupaten.xlsx']) {
      const f = fileTruth(name);
      const s = f.sheets[0];
      if (!s) throw new Error('no sheet');
      const rows = rowsOf(f, s.name).slice(0, 40).map((r) => [...r]);
      rows[s.headerRow - 1] = (rows[s.headerRow - 1] ?? []).map((c) => String(c).toUpperCase());
      expect(findHeaderRow(rows)?.rowIndex, name).toBe(s.headerRow - 1);
    }
  });

  it('recognises the 2022 P3KE family header (no quality, power or Pensasaran columns)', () => {
    const later = new Set(['Kualitas Atap', 'Kualitas Dinding', 'Kualitas Lantai', 'Daya Listrik Terpasang', 'Pensasaran']);
    const header = headerOf(fileTruth('p3ke-keluarga.xlsx')).filter((h) => !later.has(String(h)));
    expect(header.length).toBe(30);
    const c = confident(header);
    expect(c.source).toBe('p3ke_keluarga');
    expect(c.unknownColumns).toEqual([]);
    const rows = rowsOf(fileTruth('p3ke-keluarga.csv'), '').slice(0, 40).map((r) => [...r]);
    rows[2] = header;
    expect(findHeaderRow(rows)?.rowIndex).toBe(2);
  });

  it('recognises the BDT short-code DTKS header', () => {
    const header = ['IDBDT', 'IDARTBDT', 'KDPROP', 'KDKAB', 'KDKEC', 'KDDESA', 'Nama', 'JnsKel', 'TmpLahir', 'TglLahir', 'HubKRT', 'NIK', 'NoKK', 'Umur', 'Sta_kawin', 'Jenis_cacat', 'Penyakit_kronis', 'Pendidikan_tertinggi', 'Sta_Bekerja', 'Ada_kks', 'Ada_pbi', 'Ada_kip', 'Ada_pkh', 'Ada_BPNT'];
    const c = confident(header);
    expect(c.source).toBe('dtks');
    expect(c.unknownColumns).toEqual([]);
    expect(c.mapping.slice(0, 4)).toEqual(['family_source_id', 'source_id', 'province_code', 'regency_code']);
    expect(findHeaderRow([['DATA BDT 2015'], [], header, ['5301...', '5301...01', 53, 1, 40, 4]])?.rowIndex).toBe(2);
  });

  it('keeps a column named __proto__ (or constructor) as an ordinary unknown column', () => {
    const f = fileTruth('program-pkh-2025.csv');
    const header = [...headerOf(f), '__proto__', 'constructor'];
    const c = confident(header);
    expect(c.source).toBe('program');
    expect(c.unknownColumns).toEqual([header.length - 2, header.length - 1]);
    expect(shapeSignature(header)).not.toBe(shapeSignature(headerOf(f)));
    expect(({} as Record<string, unknown>)['source']).toBeUndefined();
  });

  it('tells the P3KE family file from the DTSEN family file and the individual files apart', () => {
    const ranked = (name: string): string[] => matchTemplate(headerOf(fileTruth(name))).map((c) => c.source);
    expect(ranked('p3ke-keluarga.xlsx')[0]).toBe('p3ke_keluarga');
    expect(ranked('dtsen-keluarga.csv')[0]).toBe('dtsen_keluarga');
    expect(ranked('p3ke-individu.csv')[0]).toBe('p3ke_individu');
    expect(ranked('dtks.csv')[0]).toBe('dtks');
  });
});

describe('split sheets', () => {
  it('the sheets of a split P3KE individu xlsx share a header and a shape', async () => {
    await generateDemoFiles({ outDir: splitDir, province: '53', families: 400, seed: 9, formats: ['xlsx'], noise: { sheetRowLimit: 600 } });
    const t = readTruth(splitDir);
    const f = t.files.find((x) => x.name === 'p3ke-individu.xlsx');
    if (!f) throw new Error('no p3ke-individu.xlsx');
    expect(f.sheets.length).toBeGreaterThan(1);
    const book = readXlsx(join(splitDir, f.name));
    const headers = f.sheets.map((s) => {
      const rows = book.get(s.name) ?? [];
      const found = findHeaderRow(rows.slice(0, 40));
      expect(found?.rowIndex, s.name).toBe(s.headerRow - 1);
      return rows[s.headerRow - 1] ?? [];
    });
    const first = headers[0] ?? [];
    for (const h of headers.slice(1)) {
      expect(sameHeader(first, h)).toBe(true);
      expect(shapeSignature(h)).toBe(shapeSignature(first));
    }
    expect(sameHeader(first, headerOf(fileTruth('p3ke-keluarga.xlsx')))).toBe(false);
  });
});

describe('TABLE_COLUMNS', () => {
  it('lists the import columns of migration 001 (all but ids, batch, row number and extra)', () => {
    let sql = '';
    const fake = { exec: (s: string) => (sql += s) } as unknown as Database;
    m001Init.up(fake);
    for (const table of ['family', 'person', 'program_recipient', 'indicator_value'] as const) {
      const body = new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\) STRICT`).exec(sql)?.[1] ?? '';
      const cols = body
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0] ?? '')
        .filter((c) => /^[a-z_]+$/.test(c) && !['id', 'batch_id', 'family_id', 'row_no', 'extra'].includes(c));
      expect(cols, table).toEqual([...TABLE_COLUMNS[table]]);
    }
  });
});
