import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelRoundedDigits, nikDatePart } from '../../shared/model/nik.ts';
import { normalizeRegionCode } from '../../shared/model/region.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { DemoFilesResult } from '../../electron/warehouse/demo/files.ts';
import { loadProvinceTree } from '../../electron/warehouse/demo/pipeline.ts';
import type { FileTruth, GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { SheetCell } from './demo-helpers.ts';
import { bump, bump2, cellText, csvRecords, readCsvFile, readTruth, readWorkbook, readXlsxFile, serialToIso, sha256OfDir } from './demo-helpers.ts';

const FAMILIES = 1500;
const SEED = 42;

const tmp = tempDir('demo-files');
const dirA = join(tmp.dir, 'a');
const dirB = join(tmp.dir, 'b');
const dirC = join(tmp.dir, 'c');
let resultA: DemoFilesResult;
let truth: GroundTruth;

/** Data records of every file, keyed by file name, as objects keyed by header (text values). */
const records = new Map<string, Record<string, string>[]>();
/** Raw sheets / rows per file, for checking faults at their row and column. */
const csvRows = new Map<string, string[][]>();
const xlsxSheets = new Map<string, Map<string, SheetCell[][]>>();

function fileTruth(name: string): FileTruth {
  const f = truth.files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} in ground truth`);
  return f;
}

function xlsxCellText(v: SheetCell | undefined, header: string, file: string): string {
  if (typeof v === 'number' && file.startsWith('dtks') && header === 'Tanggal Lahir') return serialToIso(v);
  return cellText(v);
}

beforeAll(async () => {
  resultA = await generateDemoFiles({ outDir: dirA, province: '53', families: FAMILIES, seed: SEED });
  truth = readTruth(dirA);
  for (const f of truth.files) {
    const path = join(dirA, f.name);
    if (f.format === 'csv') {
      const { rows } = readCsvFile(path, f.csv?.delimiter ?? ',');
      csvRows.set(f.name, rows);
      const s = f.sheets[0];
      if (s) records.set(f.name, csvRecords(rows, s.headerRow, s.firstDataRow, s.lastDataRow));
    } else {
      const sheets = readXlsxFile(path);
      xlsxSheets.set(f.name, sheets);
      const recs: Record<string, string>[] = [];
      for (const layout of f.sheets) {
        const rows = sheets.get(layout.name) ?? [];
        const header = (rows[layout.headerRow - 1] ?? []).map((c) => cellText(c));
        if (layout.firstDataRow === null || layout.lastDataRow === null) continue;
        for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
          const row = rows[r - 1] ?? [];
          const rec: Record<string, string> = {};
          header.forEach((h, i) => {
            rec[h] = xlsxCellText(row[i], h, f.name);
          });
          recs.push(rec);
        }
      }
      records.set(f.name, recs);
    }
  }
});

afterAll(() => tmp.cleanup());

describe('generateDemoFiles: determinism', () => {
  it('gives byte-identical files for the same seed and different files for another seed', async () => {
    await generateDemoFiles({ outDir: dirB, province: '53', families: FAMILIES, seed: SEED });
    const a = sha256OfDir(dirA);
    const b = sha256OfDir(dirB);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, hash] of a) expect(b.get(name), name).toBe(hash);

    await generateDemoFiles({ outDir: dirC, province: '53', families: FAMILIES, seed: SEED + 1, formats: ['csv'] });
    const c = sha256OfDir(dirC);
    for (const name of ['p3ke-keluarga.csv', 'dtks.csv', 'truth-persons.csv']) expect(c.get(name), name).not.toBe(a.get(name));
    expect(c.has('p3ke-keluarga.xlsx')).toBe(false);
  });

  it('reports what it wrote', () => {
    expect(resultA.families).toBe(FAMILIES);
    expect(resultA.persons).toBe(truth.counts.sources.p3ke_individu.persons);
    expect(resultA.truthPath).toBe(join(dirA, 'ground-truth.json'));
    const names = resultA.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'p3ke-keluarga.xlsx', 'p3ke-keluarga.csv', 'p3ke-individu.xlsx', 'p3ke-individu.csv', 'dtks.csv', 'dtks.xlsx',
        'dtsen-keluarga.xlsx', 'dtsen-keluarga.csv', 'program-rtlh-2025.xlsx', 'program-pkh-2025.csv', 'indikator-kabupaten.xlsx',
      ]),
    );
    for (const f of resultA.files) if (!f.name.endsWith('.json')) expect(f.bytes, f.name).toBe(readFileSync(join(dirA, f.name)).length);
  });
});

describe('generateDemoFiles: files agree with ground-truth.json', () => {
  it('has the headers of DOMAIN.md and the row counts it claims, in every file and sheet', () => {
    for (const f of truth.files) {
      const recs = records.get(f.name) ?? [];
      expect(recs.length, f.name).toBe(f.rows);
      expect(f.sheets.reduce((s, x) => s + x.dataRows, 0), f.name).toBe(f.rows);
      if (f.format === 'csv') {
        const rows = csvRows.get(f.name) ?? [];
        const s = f.sheets[0];
        expect(rows[(s?.headerRow ?? 1) - 1], f.name).toEqual(f.headers);
        expect(rows.length, f.name).toBe((s?.lastDataRow ?? 0) || (s?.headerRow ?? 0));
      } else {
        const sheets = xlsxSheets.get(f.name);
        expect([...(sheets?.keys() ?? [])], f.name).toEqual(f.sheets.map((s) => s.name));
        for (const s of f.sheets) {
          const rows = sheets?.get(s.name) ?? [];
          expect((rows[s.headerRow - 1] ?? []).map((c) => cellText(c)), `${f.name}/${s.name}`).toEqual(f.headers);
        }
      }
    }
    expect(fileTruth('dtks.csv').headers).toEqual([
      'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW', 'Nomor KK', 'Nomor NIK', 'Nama',
      'Tanggal Lahir', 'Tempat Lahir', 'Jenis Kelamin', 'Nama Ibu Kandung', 'Hubungan Keluarga',
    ]);
  });

  it('counts families, people and households per source, per kabupaten × desil, as claimed', async () => {
    const tree = await loadProvinceTree('53');
    const regencyByName = new Map<string, string>();
    for (const r of tree.regencies) {
      const bare = r.name.replace(/^Kabupaten\s+/i, '');
      regencyByName.set(r.name.toUpperCase(), r.code);
      regencyByName.set(bare.toUpperCase(), r.code);
      regencyByName.set(`KAB. ${bare}`.toUpperCase(), r.code);
    }
    const c = truth.counts.sources;
    for (const name of ['p3ke-keluarga.csv', 'p3ke-keluarga.xlsx', 'p3ke-individu.csv', 'p3ke-individu.xlsx']) {
      const byKabDesil: Record<string, Record<string, number>> = {};
      const byKec: Record<string, number> = {};
      const families = new Set<string>();
      for (const r of records.get(name) ?? []) {
        const code = normalizeRegionCode(r['Kode Kemdagri']) ?? '';
        bump2(byKabDesil, code.slice(0, 5), r['Desil Kesejahteraan'] ?? '');
        bump(byKec, code.slice(0, 8));
        families.add(r['ID Keluarga P3KE'] ?? '');
      }
      const expected = name.startsWith('p3ke-keluarga') ? c.p3ke_keluarga : c.p3ke_individu;
      expect(byKabDesil, name).toEqual(expected.byKabupatenDesil);
      expect(byKec, name).toEqual(expected.byKecamatan);
      expect(families.size, name).toBe(expected.families);
    }
    expect(c.p3ke_keluarga.families).toBe(FAMILIES);
    expect(Object.keys(c.p3ke_keluarga.byKabupatenDesil ?? {}).length).toBe(22);

    for (const name of ['dtsen-keluarga.csv', 'dtsen-keluarga.xlsx']) {
      const byKabDesil: Record<string, Record<string, number>> = {};
      for (const r of records.get(name) ?? []) bump2(byKabDesil, regencyByName.get(r['Kabupaten/Kota'] ?? '') ?? '?', r.Desil ?? '');
      expect(byKabDesil, name).toEqual(c.dtsen_keluarga.byKabupatenDesil);
    }
    expect(c.dtsen_keluarga.families).toBe(truth.counts.population.families);

    for (const name of ['dtks.csv', 'dtks.xlsx']) {
      const households: Record<string, Set<string>> = {};
      const persons: Record<string, number> = {};
      for (const r of records.get(name) ?? []) {
        const kab = regencyByName.get(r['Kabupaten/Kota'] ?? '') ?? '?';
        (households[kab] ??= new Set()).add(r['ID DTKS'] ?? '');
        bump(persons, kab);
      }
      expect(Object.fromEntries(Object.entries(households).map(([k, v]) => [k, v.size])), name).toEqual(c.dtks.householdsByKabupaten);
      expect(persons, name).toEqual(c.dtks.byKabupaten);
    }
    expect(c.dtks.households).toBeLessThan(c.dtks.families);

    const rtlh = records.get('program-rtlh-2025.xlsx') ?? [];
    expect(rtlh.reduce((s, r) => s + Number(r['Nilai Bantuan (Rp)']), 0)).toBe(c.program_rtlh.amount);
    const pkh = records.get('program-pkh-2025.csv') ?? [];
    expect(pkh.reduce((s, r) => s + Number(r['Nilai Bantuan (Rp)']), 0)).toBe(c.program_pkh.amount);
    expect(records.get('indikator-kabupaten.xlsx')?.length).toBe(truth.indicators.length);
  });

  it('links truth-families and truth-persons to the rows of each source', () => {
    const fam = readCsvFile(join(dirA, 'truth-families.csv'), ',').rows;
    const per = readCsvFile(join(dirA, 'truth-persons.csv'), ',').rows;
    const fh = fam[0] ?? [];
    const ph = per[0] ?? [];
    const col = (h: readonly string[], name: string): number => h.indexOf(name);
    expect(fam.length - 1).toBe(truth.counts.population.families);
    expect(per.length - 1).toBe(truth.counts.population.persons);

    const keluarga = records.get('p3ke-keluarga.csv') ?? [];
    const individu = records.get('p3ke-individu.csv') ?? [];
    const dtks = records.get('dtks.csv') ?? [];
    const dtsen = records.get('dtsen-keluarga.csv') ?? [];
    let inP3ke = 0;
    for (const row of fam.slice(1)) {
      const p3keRow = row[col(fh, 'p3ke_row')] ?? '';
      if (p3keRow !== '') {
        inP3ke++;
        const rec = keluarga[Number(p3keRow) - 1];
        expect(rec?.['ID Keluarga P3KE']).toBe(row[col(fh, 'p3ke_id_keluarga')]);
        expect(rec?.['Desil Kesejahteraan']).toBe(row[col(fh, 'desil_true')]);
      }
      const dtsenRec = dtsen[Number(row[col(fh, 'dtsen_row')]) - 1];
      expect(dtsenRec?.Desil).toBe(row[col(fh, 'dtsen_desil')]);
      expect(dtsenRec?.['NIK Keluarga'] === row[col(fh, 'kk_true')] || /E\+15$/.test(dtsenRec?.['NIK Keluarga'] ?? '')).toBe(true);
    }
    expect(inP3ke).toBe(FAMILIES);
    let matchedNik = 0;
    let withP3ke = 0;
    for (const row of per.slice(1)) {
      const pr = row[col(ph, 'p3ke_row')] ?? '';
      if (pr !== '') {
        withP3ke++;
        const rec = individu[Number(pr) - 1];
        expect(rec?.['ID Individu']).toBe(row[col(ph, 'p3ke_id_individu')]);
        if (rec?.NIK === row[col(ph, 'nik_true')]) matchedNik++;
      }
      const dr = row[col(ph, 'dtks_row')] ?? '';
      if (dr !== '') expect(dtks[Number(dr) - 1]?.['ID DTKS']).toBe(row[col(ph, 'dtks_id_dtks')]);
    }
    expect(withP3ke).toBe(truth.counts.sources.p3ke_individu.persons);
    // Most NIKs are written as they are; a few percent are damaged on purpose.
    expect(matchedNik / withP3ke).toBeGreaterThan(0.95);
    expect(matchedNik).toBeLessThan(withP3ke);
  });

  it('writes every fault listed in faults.csv at its row and column', () => {
    const faults = readCsvFile(join(dirA, 'faults.csv'), ',').rows;
    expect(faults[0]).toEqual(['file', 'sheet', 'row', 'column', 'kind', 'original', 'written']);
    const body = faults.slice(1);
    expect(body.length).toBe(truth.faults.total);
    const kinds = new Set(body.map((f) => f[4]));
    for (const k of ['name_spelling', 'name_typo', 'nik_missing', 'nik_duplicate', 'nik_as_number', 'nik_scientific', 'region_undotted', 'birth_date_swapped', 'title_row', 'total_row', 'rt_rw_unpadded']) {
      expect(kinds.has(k), k).toBe(true);
    }
    const tally: Record<string, number> = {};
    for (const [file = '', sheet = '', rowText = '', column = '', kind = '', original = '', written = ''] of body) {
      bump(tally, kind);
      const f = fileTruth(file);
      const ci = f.headers.indexOf(column);
      expect(ci, `${file} ${column}`).toBeGreaterThanOrEqual(0);
      const row = Number(rowText);
      if (f.format === 'csv') {
        const cell = csvRows.get(file)?.[row - 1]?.[ci] ?? '';
        expect(cell, `${file}:${row} ${column} ${kind}`).toBe(written);
      } else {
        const v = xlsxSheets.get(file)?.get(sheet)?.[row - 1]?.[ci];
        if (kind === 'nik_as_number') {
          expect(typeof v, `${file}:${row}`).toBe('number');
          expect(String(v)).toBe(written);
          expect(written).toBe(excelRoundedDigits(original));
          expect(written.endsWith('0')).toBe(true);
        } else {
          expect(xlsxCellText(v, column, file), `${file}/${sheet}:${row} ${column} ${kind}`).toBe(written);
        }
      }
      if (kind === 'nik_scientific') expect(written).toMatch(/^\d\.\d{1,5}E\+15$/);
      if (kind === 'region_undotted') expect(written).toBe(original.replace(/\./g, ''));
    }
    expect(tally).toEqual(truth.faults.byKind);
  });

  it('writes the real file shapes: ; with BOM and CRLF for DTKS, title rows, JUMLAH, merged title', () => {
    const dtks = readFileSync(join(dirA, 'dtks.csv'));
    expect([...dtks.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = dtks.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\ufeff${fileTruth('dtks.csv').headers.join(';')}`);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(fileTruth('dtks.csv').csv).toEqual({ delimiter: ';', encoding: 'utf-8', bom: true, eol: 'CRLF' });

    const kelCsv = csvRows.get('p3ke-keluarga.csv') ?? [];
    expect(fileTruth('p3ke-keluarga.csv').sheets[0]?.headerRow).toBe(3);
    expect(kelCsv[0]?.[0]).toMatch(/^DATA KELUARGA P3KE/);

    const kel = fileTruth('p3ke-keluarga.xlsx').sheets[0];
    expect(kel?.headerRow).toBe(6);
    expect(kel?.totalRow).toBe((kel?.lastDataRow ?? 0) + 1);
    const sheet = xlsxSheets.get('p3ke-keluarga.xlsx')?.get(kel?.name ?? '') ?? [];
    expect(sheet[0]?.[0]).toMatch(/P3KE/);
    expect(sheet[(kel?.totalRow ?? 0) - 1]?.[0]).toBe('JUMLAH');
    expect(sheet[(kel?.totalRow ?? 0) - 1]?.[fileTruth('p3ke-keluarga.xlsx').headers.indexOf('Kepala Keluarga')]).toBe(FAMILIES);
    const wb = readWorkbook(join(dirA, 'p3ke-keluarga.xlsx'));
    const merges = wb.Sheets[kel?.name ?? '']?.['!merges'] ?? [];
    expect(merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: fileTruth('p3ke-keluarga.xlsx').headers.length - 1 } }]);

    const rtlh = fileTruth('program-rtlh-2025.xlsx').sheets[0];
    expect(rtlh?.totalRow).not.toBeNull();
    expect(rtlh?.trailingRows).toBeGreaterThan(3);

    // NIK cells that were not damaged on purpose are text, all 16 digits.
    const dtksX = records.get('dtks.xlsx') ?? [];
    const dtksC = records.get('dtks.csv') ?? [];
    expect(dtksX.length).toBe(dtksC.length);
    expect(dtksX.filter((r) => /^\d{16}$/.test(r['Nomor NIK'] ?? '')).length / dtksX.length).toBeGreaterThan(0.9);
    // The CSV and XLSX variant carry the same record-level values (names, dates).
    for (let i = 0; i < dtksX.length; i++) {
      expect(dtksX[i]?.Nama).toBe(dtksC[i]?.Nama);
      expect(dtksX[i]?.['Tanggal Lahir']).toBe(dtksC[i]?.['Tanggal Lahir']);
    }
  });
});

describe('generateDemoFiles: the population is plausible', () => {
  it('issues valid, unique NIKs whose prefix, date and sex match the person', async () => {
    const tree = await loadProvinceTree('53');
    const kecamatan = new Set(tree.districts.map((d) => d.code.replace(/\./g, '')));
    const per = readCsvFile(join(dirA, 'truth-persons.csv'), ',').rows;
    const fam = readCsvFile(join(dirA, 'truth-families.csv'), ',').rows;
    const fh = fam[0] ?? [];
    const kecOfFamily = new Map(fam.slice(1).map((r) => [r[fh.indexOf('family_uid')] ?? '', (r[fh.indexOf('kecamatan')] ?? '').replace(/\./g, '')]));
    const h = per[0] ?? [];
    const seen = new Set<string>();
    let moved = 0;
    for (const r of per.slice(1)) {
      const nik = r[h.indexOf('nik_true')] ?? '';
      expect(nik).toMatch(/^\d{16}$/);
      expect(seen.has(nik), nik).toBe(false);
      seen.add(nik);
      expect(kecamatan.has(nik.slice(0, 6)), nik).toBe(true);
      const [y, m, d] = (r[h.indexOf('birth_date')] ?? '').split('-').map(Number);
      const sex = Number(r[h.indexOf('sex')]) as 1 | 2;
      expect(nik.slice(6, 12)).toBe(nikDatePart({ year: y ?? 0, month: m ?? 0, day: d ?? 0 }, sex));
      expect(Number(nik.slice(12))).toBeGreaterThan(0);
      const own = kecOfFamily.get(r[h.indexOf('family_uid')] ?? '');
      if (r[h.indexOf('nik_moved')] === '1') {
        moved++;
        expect(nik.slice(0, 6)).not.toBe(own);
      } else {
        expect(nik.slice(0, 6)).toBe(own);
      }
    }
    expect(moved / (per.length - 1)).toBeGreaterThan(0.03);
    expect(moved / (per.length - 1)).toBeLessThan(0.2);
    for (const r of fam.slice(1)) {
      const kk = r[fh.indexOf('kk_true')] ?? '';
      expect(kk).toMatch(/^\d{16}$/);
      expect(kecamatan.has(kk.slice(0, 6))).toBe(true);
    }
    expect(new Set(fam.slice(1).map((r) => r[fh.indexOf('kk_true')])).size).toBe(fam.length - 1);
  });

  it('skews desil, housing, stunting risk and programs the way real data does', () => {
    const kel = records.get('p3ke-keluarga.csv') ?? [];
    const share = (rows: readonly Record<string, string>[], pred: (r: Record<string, string>) => boolean): number =>
      rows.length === 0 ? 0 : rows.filter(pred).length / rows.length;
    const kota = kel.filter((r) => (r['Kode Kemdagri'] ?? '').replace(/\./g, '').startsWith('5371'));
    const rural = kel.filter((r) => /^53(02|11|17|18|20)/.test((r['Kode Kemdagri'] ?? '').replace(/\./g, '')));
    expect(share(rural, (r) => r['Desil Kesejahteraan'] === '1')).toBeGreaterThan(share(kota, (r) => r['Desil Kesejahteraan'] === '1') + 0.1);
    const d1 = kel.filter((r) => r['Desil Kesejahteraan'] === '1');
    const d4 = kel.filter((r) => r['Desil Kesejahteraan'] === '4');
    expect(share(d1, (r) => r['Jenis Lantai'] === 'TANAH')).toBeGreaterThan(share(d4, (r) => r['Jenis Lantai'] === 'TANAH'));
    expect(share(d1, (r) => r['Sumber Penerangan'] === 'BUKAN LISTRIK')).toBeGreaterThan(share(d4, (r) => r['Sumber Penerangan'] === 'BUKAN LISTRIK'));
    expect(share(d1, (r) => r['Resiko Stunting'] === 'BERESIKO STUNTING')).toBeGreaterThan(share(d4, (r) => r['Resiko Stunting'] === 'BERESIKO STUNTING'));
    expect(share(d1, (r) => r['Penerima PKH'] === 'Ya')).toBeGreaterThan(share(d4, (r) => r['Penerima PKH'] === 'Ya'));
    expect(share(d1, (r) => r['Penerima BPNT'] === 'Ya')).toBeGreaterThan(share(d4, (r) => r['Penerima BPNT'] === 'Ya'));

    const l = truth.counts.linkage;
    const dtksFamilies = truth.counts.sources.dtks.families;
    expect(l.p3keFamiliesInDtks / FAMILIES).toBeGreaterThan(0.78);
    expect(l.p3keFamiliesInDtks / FAMILIES).toBeLessThan(0.92);
    expect(l.p3keDesil1NotInDtks).toBeGreaterThan(0);
    expect(l.dtksFamiliesNotInP3ke / dtksFamilies).toBeGreaterThan(0.05);
    expect(l.dtksFamiliesNotInP3ke / dtksFamilies).toBeLessThan(0.18);
    expect(l.dtksHouseholdsWithTwoKk / (truth.counts.sources.dtks.households ?? 1)).toBeGreaterThan(0.04);
    const dtsenTotal = l.dtsenDesilSame + l.dtsenDesilOffByOne + l.dtsenDesilOffMore;
    expect(l.dtsenDesilSame / dtsenTotal).toBeGreaterThan(0.45);
    expect(l.dtsenDesilOffByOne / dtsenTotal).toBeGreaterThan(0.15);
    expect(l.dtsenDesilOffMore).toBeGreaterThan(0);
    expect(truth.counts.population.otherFamilies).toBe(Math.round(FAMILIES * 0.35));
    const perFamily = truth.counts.sources.p3ke_individu.persons / FAMILIES;
    expect(perFamily).toBeGreaterThan(3.6);
    expect(perFamily).toBeLessThan(4.8);
    expect(l.pkhNotInP3ke + l.rtlhNotInP3ke).toBeGreaterThan(0);

    const ind = truth.indicators.filter((i) => i.code === '53' && i.indicator === 'Prevalensi balita stunting' && i.period === '2022');
    expect(ind.map((i) => i.value).sort()).toEqual([17.7, 35.4]);
  });
});

describe('generateDemoFiles: P3KE individu sheet split and noise control', () => {
  it('splits the individu workbook at the row limit and writes no faults when all rates are 0', async () => {
    const dir = join(tmp.dir, 'split');
    await generateDemoFiles({
      outDir: dir,
      province: '53',
      families: 300,
      seed: 3,
      formats: ['xlsx'],
      noise: {
        sheetRowLimit: 400,
        nameVariant: 0,
        nikMissing: 0,
        nikDuplicate: 0,
        nikAsNumberXlsx: 0,
        nikScientificCsv: 0,
        regionUndotted: 0,
        birthDateSwap: 0,
        rtRwUnpadded: 0,
        xlsxTitleRows: 0,
        csvTitleRows: 0,
        totalRow: 0,
        signOffBlock: 0,
      },
    });
    const t = readTruth(dir);
    const ind = t.files.find((f) => f.name === 'p3ke-individu.xlsx');
    expect(ind).toBeDefined();
    const sheets = ind?.sheets ?? [];
    expect(sheets.length).toBe(Math.ceil((ind?.rows ?? 0) / 399));
    const wb = readXlsxFile(join(dir, 'p3ke-individu.xlsx'));
    let total = 0;
    for (const s of sheets) {
      const rows = wb.get(s.name) ?? [];
      expect(rows.length).toBeLessThanOrEqual(400);
      expect(s.headerRow).toBe(1);
      expect(rows[0]?.[0]).toBe('ID Keluarga P3KE');
      total += rows.length - 1;
    }
    expect(total).toBe(ind?.rows);
    // With every rate at 0 only the structural split is logged.
    expect(Object.keys(t.faults.byKind)).toEqual(['sheet_split']);
    expect(t.faults.byKind.sheet_split).toBe(sheets.length - 1);
    expect(t.files.some((f) => f.format === 'csv' && f.name !== 'program-pkh-2025.csv')).toBe(false);
  });
});
