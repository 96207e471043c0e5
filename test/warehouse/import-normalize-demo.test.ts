import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldKind, FieldSpec } from '../../shared/import/fields.ts';
import { ISSUE_KINDS } from '../../shared/import/issues.ts';
import type { CellIssue } from '../../shared/import/issues.ts';
import type { CellNormalizer, Normalized } from '../../shared/import/normalize.ts';
import { fieldNormalizer } from '../../shared/import/normalize.ts';
import { DuplicateTracker, nikRowChecks } from '../../shared/import/row-checks.ts';
import { isTotalRow } from '../../shared/import/templates/detect.ts';
import type { Codebook } from '../../shared/model/codebook.ts';
import { CODEBOOKS } from '../../shared/model/codebook.ts';
import { readRegionReference } from '../../electron/warehouse/reference/source.ts';
import type { FileTruth, GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { SheetCell } from './demo-helpers.ts';
import { parseCsv, readCsvFile, readTruth, readXlsxFile } from './demo-helpers.ts';

/**
 * The cell normalisers over the generator's files (`padu demo --formats csv,xlsx`; .xlsx cells
 * as a reader hands them over: numbers stay numbers): every fault
 * the generator logs of the kinds the normalisers own is detected or handled, and no clean cell
 * raises an issue. The column → field mapping is written out here on purpose, independent of the
 * import templates, so this test pins the normalisers, not the templates.
 */

const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));
const tmp = tempDir('norm-demo');
let truth: GroundTruth;
let regions: Set<string>;

const B = CODEBOOKS;
function f(key: string, kind: FieldKind, codebook?: Codebook): FieldSpec {
  return codebook ? { key, kind, codebook, id: key, en: key } : { key, kind, id: key, en: key };
}

/** Header → field, per source as the generator writes it (DOMAIN.md §2). */
const REGION_NAMES: Record<string, FieldSpec> = {
  Provinsi: f('provinsi', 'region_name'),
  'Kabupaten/Kota': f('kabupaten', 'region_name'),
  Kecamatan: f('kecamatan', 'region_name'),
  'Desa/Kelurahan': f('desa', 'region_name'),
};
const P3KE_COMMON: Record<string, FieldSpec> = {
  'ID Keluarga P3KE': f('id_keluarga', 'id'),
  ...REGION_NAMES,
  'Kode Kemdagri': f('kode_wilayah', 'region'),
  'Desil Kesejahteraan': f('desil', 'desil'),
  Alamat: f('alamat', 'text'),
  NIK: f('nik', 'nik'),
  'Padan Dukcapil': f('padan', 'category', B.PADAN_DUKCAPIL),
  'Jenis Kelamin': f('jenis_kelamin', 'sex'),
  'Tanggal Lahir': f('tanggal_lahir', 'date'),
  Pekerjaan: f('pekerjaan', 'category', B.OCCUPATION),
  Pendidikan: f('pendidikan', 'category', B.EDUCATION),
  'Penerima BPNT': f('bpnt', 'yesno'),
  'Penerima BPUM': f('bpum', 'yesno'),
  'Penerima BST': f('bst', 'yesno'),
  'Penerima PKH': f('pkh', 'yesno'),
  'Penerima SEMBAKO': f('sembako', 'yesno'),
  'Resiko Stunting': f('stunting', 'category', B.STUNTING_RISK),
};
const HOUSING: Record<string, FieldSpec> = {
  'Kepemilikan Rumah': f('kepemilikan_rumah', 'category', B.HOUSE_OWNERSHIP),
  'Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya': f('simpanan', 'category', B.SAVINGS),
  'Jenis Atap': f('atap', 'category', B.ROOF),
  'Jenis Dinding': f('dinding', 'category', B.WALL),
  'Jenis Lantai': f('lantai', 'category', B.FLOOR),
  'Sumber Penerangan': f('penerangan', 'category', B.LIGHTING),
  'Bahan Bakar Memasak': f('bahan_bakar', 'category', B.FUEL),
  'Sumber Air Minum': f('air', 'category', B.WATER),
  'Memiliki Fasilitas Buang Air Besar': f('bab', 'category', B.TOILET),
  'Kualitas Atap': f('kualitas_atap', 'category', B.ROOF_QUALITY),
  'Kualitas Dinding': f('kualitas_dinding', 'category', B.WALL_QUALITY),
  'Kualitas Lantai': f('kualitas_lantai', 'category', B.FLOOR_QUALITY),
  'Daya Listrik Terpasang': f('daya', 'category', B.POWER),
};
const AGE_FLAGS = ['Usia < 7 Tahun', 'Usia 7-12 Tahun', 'Usia 13-15 Tahun', 'Usia 16-18 Tahun', 'Usia 19-21 Tahun', 'Usia 22-59 Tahun', 'Usia 60+ Tahun'];

interface FileMap {
  readonly fields: Record<string, FieldSpec>;
  readonly desilRange?: readonly [number, number];
  /** The column that must be unique per row, if any. */
  readonly uniqueId?: string;
  /** Columns for the NIK row checks. */
  readonly nikCheck?: { readonly nik: string; readonly sex: string; readonly birth: string };
}

const CSV_FILES: Record<string, FileMap> = {
  'p3ke-keluarga.csv': {
    fields: { ...P3KE_COMMON, ...HOUSING, 'Kepala Keluarga': f('nama', 'name'), Pensasaran: f('pensasaran', 'year') },
    desilRange: [1, 4],
    uniqueId: 'ID Keluarga P3KE',
    nikCheck: { nik: 'NIK', sex: 'Jenis Kelamin', birth: 'Tanggal Lahir' },
  },
  'p3ke-individu.csv': {
    fields: {
      ...P3KE_COMMON,
      'ID Individu': f('id_individu', 'id'),
      Nama: f('nama', 'name'),
      'Hubungan dengan Kepala Keluarga': f('hubungan', 'category', B.RELATION),
      'Status Kawin': f('status_kawin', 'category', B.MARITAL),
      ...Object.fromEntries(AGE_FLAGS.map((h) => [h, f(h, 'yesno')])),
    },
    desilRange: [1, 4],
    uniqueId: 'ID Individu',
    nikCheck: { nik: 'NIK', sex: 'Jenis Kelamin', birth: 'Tanggal Lahir' },
  },
  'dtks.csv': {
    fields: {
      'ID DTKS': f('id_dtks', 'id'),
      ...REGION_NAMES,
      Alamat: f('alamat', 'text'),
      Dusun: f('dusun', 'text'),
      RT: f('rt', 'text'),
      RW: f('rw', 'text'),
      'Nomor KK': f('no_kk', 'kk'),
      'Nomor NIK': f('nik', 'nik'),
      Nama: f('nama', 'name'),
      'Tanggal Lahir': f('tanggal_lahir', 'date'),
      'Tempat Lahir': f('tempat_lahir', 'text'),
      'Jenis Kelamin': f('jenis_kelamin', 'sex'),
      'Nama Ibu Kandung': f('nama_ibu', 'name'),
      'Hubungan Keluarga': f('hubungan', 'category', B.RELATION),
    },
    nikCheck: { nik: 'Nomor NIK', sex: 'Jenis Kelamin', birth: 'Tanggal Lahir' },
  },
  'dtsen-keluarga.csv': {
    fields: {
      ...REGION_NAMES,
      'Tahun Pendataan': f('tahun', 'year'),
      Desil: f('desil', 'desil'),
      Persentil: f('persentil', 'integer'),
      Alamat: f('alamat', 'text'),
      'Nama Kepala Keluarga': f('nama', 'name'),
      'NIK Keluarga': f('no_kk', 'kk'),
      'NIK (Kepala Keluarga) Padan': f('nik', 'nik'),
      ...HOUSING,
      'Resiko Stunting': f('stunting', 'category', B.STUNTING_RISK),
      'Penerima BPNT': f('bpnt', 'yesno'),
      'Penerima BST': f('bst', 'yesno'),
    },
    desilRange: [1, 10],
  },
  'program-pkh-2025.csv': {
    fields: {
      No: f('no', 'integer'),
      NIK: f('nik', 'nik'),
      'No KK': f('no_kk', 'kk'),
      'Nama Pengurus': f('nama', 'name'),
      Alamat: f('alamat', 'text'),
      ...REGION_NAMES,
      'Kode Wilayah': f('kode_wilayah', 'region'),
      Program: f('program', 'text'),
      Tahun: f('tahun', 'year'),
      Komponen: f('komponen', 'text'),
      'Nilai Bantuan (Rp)': f('nilai', 'integer'),
    },
  },
};

/** The .xlsx twins carry the same columns; RTLH is the program list written as .xlsx. */
const FILES: Record<string, FileMap> = {
  ...CSV_FILES,
  ...Object.fromEntries(Object.entries(CSV_FILES).filter(([n]) => !n.startsWith('program')).map(([n, m]) => [n.replace(/\.csv$/, '.xlsx'), m])),
  'program-rtlh-2025.xlsx': {
    fields: {
      ...CSV_FILES['program-pkh-2025.csv']?.fields,
      Nama: f('nama', 'name'),
      Satuan: f('satuan', 'text'),
    },
  },
};

interface Fault {
  readonly file: string;
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly kind: string;
  readonly original: string;
  readonly written: string;
}

/** Every data cell of a CSV file, normalised, with the fault logged for it (if any). */
interface Cell {
  readonly file: string;
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly kind: FieldKind;
  readonly raw: SheetCell;
  readonly out: Normalized;
  readonly fault: Fault | undefined;
}

const faults: Fault[] = [];
const cells: Cell[] = [];
/** Row-level issues: [file, row, issue]. */
/** `isTotalRow` on every total row the generator wrote, and how many data rows it mistook for one. */
const totals: { file: string; row: number; total: boolean }[] = [];
let dataRowsTakenForTotals = 0;
const rowIssues: { file: string; row: number; column: string; value: string; issue: CellIssue; faulty: boolean }[] = [];

function fileTruth(name: string): FileTruth {
  const t = truth.files.find((x) => x.name === name);
  if (!t) throw new Error(`no ${name} in ground truth`);
  return t;
}

beforeAll(async () => {
  const run = spawnSync(process.execPath, [LAUNCHER, 'demo', '--out', tmp.dir, '--families', '800', '--seed', '11', '--formats', 'csv,xlsx', '--json'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  truth = readTruth(tmp.dir);
  regions = new Set((await readRegionReference()).map((r) => r.code));

  const faultRows = parseCsv(readFileSync(join(tmp.dir, 'faults.csv'), 'utf8'), ',');
  const head = faultRows[0] ?? [];
  const col = (name: string): number => head.indexOf(name);
  for (const r of faultRows.slice(1)) {
    if (r.length < head.length) continue;
    faults.push({
      file: r[col('file')] ?? '',
      sheet: r[col('sheet')] ?? '',
      row: Number(r[col('row')]),
      column: r[col('column')] ?? '',
      kind: r[col('kind')] ?? '',
      original: r[col('original')] ?? '',
      written: r[col('written')] ?? '',
    });
  }
  const faultAt = new Map<string, Fault>();
  for (const fl of faults) faultAt.set(`${fl.file}|${fl.sheet}|${fl.row}|${fl.column}`, fl);

  for (const [name, map] of Object.entries(FILES)) {
    const ft = fileTruth(name);
    const sheets = ft.format === 'csv' ? new Map([['', readCsvFile(join(tmp.dir, name), ft.csv?.delimiter ?? ',').rows]]) : readXlsxFile(join(tmp.dir, name));
    const ctx = {
      today: truth.referenceDate,
      province: truth.province.code,
      regionExists: (code: string) => regions.has(code),
      ...(map.desilRange ? { desilRange: map.desilRange } : {}),
    };
    const tracker = new DuplicateTracker();
    for (const layout of ft.sheets) {
      if (layout.firstDataRow === null || layout.lastDataRow === null) continue;
      const rows = sheets.get(layout.name) ?? [];
      const header = (rows[layout.headerRow - 1] ?? []).map((h) => String(h ?? ''));
      for (const h of header) expect(map.fields[h], `${name}: column ${h} mapped`).toBeDefined();
      const readers: (CellNormalizer | null)[] = header.map((h) => {
        const spec = map.fields[h];
        return spec ? fieldNormalizer(spec, ctx) : null;
      });
      const idIdx = map.uniqueId ? header.indexOf(map.uniqueId) : -1;
      const nikIdx = header.findIndex((h) => map.fields[h]?.kind === 'nik');
      if (layout.totalRow !== null) totals.push({ file: name, row: layout.totalRow, total: isTotalRow(rows[layout.totalRow - 1] ?? []) });
      for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
        const row = rows[r - 1] ?? [];
        if (isTotalRow(row)) dataRowsTakenForTotals++;
        const outs: Normalized[] = [];
        let rowFaulty = false;
        header.forEach((h, i) => {
          const raw = row[i] ?? null;
          const reader = readers[i];
          const spec = map.fields[h];
          if (!reader || !spec) return;
          const out = reader(raw);
          outs[i] = out;
          const fault = faultAt.get(`${name}|${layout.name}|${r}|${h}`);
          if (fault) rowFaulty = true;
          cells.push({ file: name, sheet: layout.name, row: r, column: h, kind: spec.kind, raw, out, fault });
        });
        const text = (i: number): string => String(row[i] ?? '');
        if (idIdx >= 0) {
          const id = outs[idIdx]?.value;
          const dup = tracker.seeId(typeof id === 'string' ? id : null, r, layout.name);
          if (dup) rowIssues.push({ file: name, row: r, column: map.uniqueId ?? '', value: String(id), issue: dup, faulty: rowFaulty });
        }
        if (nikIdx >= 0) {
          const nik = outs[nikIdx];
          const dup = nik ? tracker.seeNik(nik, r, layout.name) : null;
          if (dup) rowIssues.push({ file: name, row: r, column: header[nikIdx] ?? '', value: String(nik?.value), issue: dup, faulty: rowFaulty });
        }
        if (map.nikCheck) {
          const at = (h: string): Normalized | undefined => outs[header.indexOf(h)];
          const nik = at(map.nikCheck.nik)?.value;
          const sex = at(map.nikCheck.sex)?.value;
          const birth = at(map.nikCheck.birth)?.value;
          for (const ri of nikRowChecks(typeof nik === 'string' ? nik : null, typeof sex === 'number' ? sex : null, typeof birth === 'string' ? birth : null)) {
            const column = ri.field === 'sex' ? map.nikCheck.sex : map.nikCheck.birth;
            rowIssues.push({ file: name, row: r, column, value: text(header.indexOf(column)), issue: ri.issue, faulty: rowFaulty });
          }
        }
      }
    }
  }
}, 120_000);

afterAll(() => tmp.cleanup());

function idKind(kind: FieldKind): 'nik' | 'kk' {
  return kind === 'kk' ? 'kk' : 'nik';
}

function faultCells(kind: string): Cell[] {
  return cells.filter((c) => c.fault?.kind === kind);
}

describe('normalisers on the generated CSV and XLSX files', () => {
  it('read every mapped file and found the faults the generator logged', () => {
    expect(cells.length).toBeGreaterThan(100_000);
    for (const kind of ['nik_scientific', 'nik_missing', 'nik_placeholder', 'region_undotted', 'name_nbsp', 'name_double_space', 'birth_date_swapped', 'nik_duplicate']) {
      expect(faultCells(kind).length, kind).toBeGreaterThan(0);
    }
  });

  it('flags every NIK/KK stored as a number in .xlsx as damaged by Excel, keeping the digits', () => {
    const asNumber = faultCells('nik_as_number');
    expect(asNumber.length).toBeGreaterThan(0);
    for (const c of asNumber) {
      expect(typeof c.raw, `${c.file}:${c.row} ${c.column}`).toBe('number');
      expect(c.raw).toBeGreaterThanOrEqual(1e15);
      expect(c.out.value).toBe(c.fault?.written);
      expect(c.out.issues.map((i) => i.kind)).toEqual([`${idKind(c.kind)}_excel_damaged`]);
    }
  });

  it('flags every E+15 NIK/KK as damaged by Excel and keeps the text as written', () => {
    for (const c of faultCells('nik_scientific')) {
      expect(c.kind === 'nik' || c.kind === 'kk', `${c.file}:${c.row} ${c.column}`).toBe(true);
      expect(c.out.value).toBe(c.fault?.written);
      expect(c.out.issues.map((i) => i.kind)).toEqual([`${idKind(c.kind)}_excel_damaged`]);
    }
  });

  it('stores missing and placeholder NIKs as empty, with nik_empty / nik_placeholder', () => {
    for (const c of faultCells('nik_missing')) {
      expect(c.out.value, `${c.file}:${c.row} ${JSON.stringify(c.raw)}`).toBeNull();
      expect(c.out.issues.map((i) => i.kind)).toEqual([`${idKind(c.kind)}_empty`]);
    }
    for (const c of faultCells('nik_placeholder')) {
      expect(c.out.value, `${c.file}:${c.row} ${JSON.stringify(c.raw)}`).toBeNull();
      expect(c.out.issues.map((i) => i.kind)).toEqual([`${idKind(c.kind)}_placeholder`]);
    }
  });

  it('turns undotted region codes into the original dotted code, inside the province and the reference', () => {
    for (const c of faultCells('region_undotted')) {
      expect(c.out).toEqual({ value: c.fault?.original, issues: [] });
    }
  });

  it('tidies NBSP and double spaces in names back to the clean name, noting it', () => {
    for (const c of [...faultCells('name_nbsp'), ...faultCells('name_double_space')]) {
      expect(c.out.value, `${c.file}:${c.row}`).toBe(c.fault?.original);
      expect(c.out.issues.map((i) => i.kind)).toEqual(['name_cleaned']);
    }
  });

  it('raises no issue at all on a clean cell: every label maps, every date and number parses', () => {
    const clean = cells.filter((c) => c.fault === undefined);
    const noisy = clean.filter((c) => c.out.issues.length > 0);
    expect(noisy.slice(0, 5).map((c) => `${c.file}:${c.row} ${c.column}=${JSON.stringify(c.raw)} → ${c.out.issues.map((i) => i.kind).join(',')}`)).toEqual([]);
    const coded: FieldKind[] = ['category', 'yesno', 'sex', 'date', 'desil', 'region', 'nik', 'kk', 'integer', 'year'];
    const unread = clean.filter((c) => c.raw !== null && String(c.raw).trim() !== '' && coded.includes(c.kind) && c.out.value === null);
    expect(unread.slice(0, 5).map((c) => `${c.file}:${c.row} ${c.column}=${JSON.stringify(c.raw)}`)).toEqual([]);
    expect(clean.filter((c) => c.kind === 'category').length).toBeGreaterThan(10_000);
    const errors = cells.filter((c) => c.out.issues.some((i) => ISSUE_KINDS[i.kind].severity === 'error'));
    expect(errors.map((c) => `${c.file}:${c.row} ${c.column}`)).toEqual([]);
  });

  it('finds the swapped DTKS birth dates against the NIK, and no NIK conflict on clean rows', () => {
    const swapped = faultCells('birth_date_swapped');
    for (const c of swapped) {
      const found = rowIssues.find((ri) => ri.file === c.file && ri.row === c.row && ri.column === c.column);
      expect(found?.issue.kind, `${c.file}:${c.row}`).toBe('nik_birth_swapped');
    }
    const onCleanRows = rowIssues.filter((ri) => !ri.faulty && ri.issue.kind.startsWith('nik_'));
    expect(onCleanRows.map((ri) => `${ri.file}:${ri.row} ${ri.issue.kind}`)).toEqual([]);
  });

  it('reports duplicate NIKs only where the generator wrote someone else’s NIK; ids are unique', () => {
    const dupFaults = faultCells('nik_duplicate');
    const dupValues = new Set(dupFaults.map((c) => `${c.file}|${c.fault?.written}`));
    const reported = rowIssues.filter((ri) => ri.issue.kind === 'duplicate_nik');
    for (const ri of reported) expect(dupValues.has(`${ri.file}|${ri.value}`), `${ri.file}:${ri.row} ${ri.value}`).toBe(true);
    // Each injected duplicate is caught unless its rightful holder's own cell is faulty or absent.
    const reportedValues = new Set(reported.map((ri) => `${ri.file}|${ri.value}`));
    const caught = dupFaults.filter((c) => reportedValues.has(`${c.file}|${c.fault?.written}`));
    expect(caught.length / dupFaults.length).toBeGreaterThan(0.8);
    expect(rowIssues.filter((ri) => ri.issue.kind === 'duplicate_id')).toEqual([]);
  });

  it('recognises the JUMLAH rows under the sheets and no data row as one', () => {
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) expect(t.total, `${t.file}:${t.row}`).toBe(true);
    expect(dataRowsTakenForTotals).toBe(0);
  });
});
