import { describe, expect, it } from 'vitest';
import { SOURCE_KINDS } from '../../shared/model/source.ts';
import type { SourceTemplate } from '../../shared/import/fields.ts';
import { headerKey } from '../../shared/import/fields.ts';
import {
  chooseTemplate, columnNames, createRowClassifier, findHeaderRow, isBlankRow, isColumnNumberRow, isFootnoteRow, isSignOffRow, isTotalRow, mapColumns,
  matchKey, matchTemplate, sameHeader, shapeKeys, shapeSignature, vocabularyConflicts,
} from '../../shared/import/templates/detect.ts';
import type { TemplateCandidate } from '../../shared/import/templates/detect.ts';
import { TEMPLATES, extraFields, isColumnField, templateFor } from '../../shared/import/templates/index.ts';

/** Headers as DOMAIN.md §2 gives them (and as the demo generator writes them). */
const P3KE_KELUARGA_2022 = [
  'ID Keluarga P3KE', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Kode Kemdagri', 'Desil Kesejahteraan', 'Alamat', 'Kepala Keluarga',
  'NIK', 'Padan Dukcapil', 'Jenis Kelamin', 'Tanggal Lahir', 'Pekerjaan', 'Pendidikan', 'Kepemilikan Rumah', 'Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya',
  'Jenis Atap', 'Jenis Dinding', 'Jenis Lantai', 'Sumber Penerangan', 'Bahan Bakar Memasak', 'Sumber Air Minum', 'Memiliki Fasilitas Buang Air Besar',
  'Penerima BPNT', 'Penerima BPUM', 'Penerima BST', 'Penerima PKH', 'Penerima SEMBAKO', 'Resiko Stunting',
];
const P3KE_KELUARGA_2023 = [...P3KE_KELUARGA_2022, 'Kualitas Atap', 'Kualitas Dinding', 'Kualitas Lantai', 'Daya Listrik Terpasang', 'Pensasaran'];
const P3KE_INDIVIDU = [
  'ID Keluarga P3KE', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Kode Kemdagri', 'Desil Kesejahteraan', 'Alamat', 'ID Individu', 'Nama',
  'NIK', 'Padan Dukcapil', 'Jenis Kelamin', 'Hubungan dengan Kepala Keluarga', 'Tanggal Lahir', 'Status Kawin', 'Pekerjaan', 'Pendidikan',
  'Usia < 7 Tahun', 'Usia 7-12 Tahun', 'Usia 13-15 Tahun', 'Usia 16-18 Tahun', 'Usia 19-21 Tahun', 'Usia 22-59 Tahun', 'Usia 60+ Tahun',
  'Penerima BPNT', 'Penerima BPUM', 'Penerima BST', 'Penerima PKH', 'Penerima SEMBAKO', 'Resiko Stunting',
];
const P3KE_INDIVIDU_OTHER_BANDS = [
  ...P3KE_INDIVIDU.slice(0, 18), 'Usia < 5 Tahun', 'Usia 6-12 Tahun', 'Usia 13-15 Tahun', 'Usia 16-18 Tahun', 'Usia 19-59 Tahun', 'Usia 60+ Tahun', ...P3KE_INDIVIDU.slice(25),
];
const DTKS = [
  'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW', 'Nomor KK', 'Nomor NIK', 'Nama', 'Tanggal Lahir',
  'Tempat Lahir', 'Jenis Kelamin', 'Nama Ibu Kandung', 'Hubungan Keluarga',
];
const BDT = [
  'IDBDT', 'IDARTBDT', 'KDPROP', 'KDKAB', 'KDKEC', 'KDDESA', 'Nama', 'JnsKel', 'TmpLahir', 'TglLahir', 'HubKRT', 'NIK', 'NoKK', 'Umur', 'Sta_kawin',
  'Jenis_cacat', 'Penyakit_kronis', 'Pendidikan_tertinggi', 'Sta_Bekerja', 'Ada_kks', 'Ada_pbi', 'Ada_kip', 'Ada_pkh', 'Ada_BPNT',
];
const DTSEN_KELUARGA = [
  'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Tahun Pendataan', 'Desil', 'Persentil', 'Alamat', 'Nama Kepala Keluarga', 'NIK Keluarga',
  'NIK (Kepala Keluarga) Padan', 'Kualitas Dinding', 'Jenis Lantai', 'Kualitas Lantai', 'Bahan Bakar Memasak', 'Sumber Penerangan', 'Daya Listrik Terpasang',
  'Sumber Air Minum', 'Memiliki Fasilitas Buang Air Besar', 'Resiko Stunting', 'Penerima BPNT', 'Penerima BST',
];
const DTSEN_INDIVIDU = [
  'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Tahun Pendataan', 'Desil', 'Persentil', 'Alamat', 'NIK Keluarga', 'NIK', 'Nama',
  'Jenis Kelamin', 'Hubungan dengan Kepala Keluarga', 'Tanggal Lahir', 'Status Perkawinan', 'Pendidikan', 'Pekerjaan', 'Disabilitas', 'Penyakit Kronis',
];
const PROGRAM_RTLH = ['No', 'NIK', 'No KK', 'Nama', 'Desa/Kelurahan', 'Kecamatan', 'Kabupaten/Kota', 'Kode Wilayah', 'Program', 'Tahun', 'Nilai Bantuan (Rp)', 'Satuan'];
const PROGRAM_OTHER = ['NO.', 'Nomor KK', 'Nama Penerima', 'Desa', 'Kode Kemendagri', 'Jenis Bantuan', 'Tahun Anggaran', 'Nominal', 'Satuan'];
const INDICATOR = ['Kode Wilayah', 'Kabupaten/Kota', 'Indikator', 'Periode', 'Nilai', 'Satuan', 'Sumber'];
const INDICATOR_OTHER = ['Kode', 'Wilayah', 'Nama Indikator', 'Tahun', 'Nilai', 'Satuan', 'Sumber Data'];

function best(header: readonly unknown[]): TemplateCandidate {
  const c = matchTemplate(header)[0];
  if (!c) throw new Error('no candidate');
  return c;
}

/** field key per header text, for readable assertions. */
function mapped(header: readonly unknown[], c: TemplateCandidate): Map<string, string | null> {
  return new Map(header.map((h, i) => [String(h), c.mapping[i] ?? null]));
}

function expectConfident(header: readonly unknown[], source: string): TemplateCandidate {
  const candidates = matchTemplate(header);
  const choice = chooseTemplate(candidates);
  expect(choice.best?.source).toBe(source);
  expect(choice.status).toBe('confident');
  return candidates[0] as TemplateCandidate;
}

describe('templates', () => {
  it('cover every source kind, once', () => {
    expect(TEMPLATES.map((t) => t.source)).toEqual([...SOURCE_KINDS]);
    for (const s of SOURCE_KINDS) expect(templateFor(s).source).toBe(s);
  });

  it('are consistent: headers per field, codebooks on categories, required keys exist, desil range where desil is', () => {
    for (const t of TEMPLATES) {
      const keys = new Set(t.fields.map((f) => f.key));
      expect(keys.size, t.source).toBe(t.fields.length);
      expect(Object.keys(t.headers).sort()).toEqual([...keys].sort());
      for (const f of t.fields) {
        expect(t.headers[f.key]?.length, `${t.source}.${f.key}`).toBeGreaterThan(0);
        expect(f.key).toMatch(/^[a-z][a-z0-9_]*$/);
        if (f.kind === 'category') expect(f.codebook, `${t.source}.${f.key}`).toBeDefined();
        if (f.kind === 'desil') expect(t.desilRange, t.source).toBeDefined();
      }
      for (const g of t.requiredAnyOf ?? []) for (const k of g) expect(keys.has(k), `${t.source} anyOf ${k}`).toBe(true);
      // No field may claim a column the loader fills itself.
      for (const f of t.fields) expect(['id', 'batch_id', 'family_id', 'row_no', 'extra'], `${t.source}.${f.key}`).not.toContain(f.key);
    }
    expect(templateFor('p3ke_keluarga').desilRange).toEqual([1, 4]);
    expect(templateFor('p3ke_individu').desilRange).toEqual([1, 4]);
    expect(templateFor('dtsen_keluarga').desilRange).toEqual([1, 10]);
    expect(templateFor('dtsen_individu').desilRange).toEqual([1, 10]);
    // The NOT NULL columns of the target tables are required fields.
    const req = (s: (typeof SOURCE_KINDS)[number], k: string): boolean | undefined => templateFor(s).fields.find((f) => f.key === k)?.required;
    expect(req('program', 'program')).toBe(true);
    expect(req('indicator', 'indicator')).toBe(true);
    expect(req('indicator', 'period')).toBe(true);
  });

  it('have no header spelling claimed by two fields of one template', () => {
    expect(vocabularyConflicts()).toEqual([]);
  });

  it('put fields without a column in extra: P3KE person age bands and receipt flags, region names', () => {
    const ind = templateFor('p3ke_individu');
    const extra = extraFields(ind).map((f) => f.key);
    for (const k of ['age_lt7', 'age_60_plus', 'age_lt5', 'age_19_59', 'rcv_bpnt', 'rcv_sembako', 'stunting_risk', 'village_name', 'address']) expect(extra).toContain(k);
    expect(isColumnField(ind, 'nik')).toBe(true);
    expect(isColumnField(templateFor('p3ke_keluarga'), 'rcv_bpnt')).toBe(true);
    expect(isColumnField(templateFor('program'), 'program')).toBe(true);
  });
});

describe('matchKey / columnNames', () => {
  it('ignores case, spacing, punctuation and common abbreviations', () => {
    expect(matchKey('Kabupaten / Kota ')).toBe(matchKey('KABUPATEN/KOTA'));
    expect(matchKey('NO. KK')).toBe(matchKey('Nomor KK'));
    expect(matchKey('Tgl. Lahir')).toBe(matchKey('Tanggal Lahir'));
    expect(matchKey('Hub. dgn. Kpl Keluarga')).toBe(matchKey('Hubungan dengan Kepala Keluarga'));
    expect(matchKey('Risiko Stunting')).toBe(matchKey('Resiko Stunting'));
    expect(matchKey('Kab/Kota')).toBe(matchKey('Kabupaten/Kota'));
  });

  it('names empty headers `Kolom N` and numbers repeats', () => {
    expect(columnNames(['NIK', null, 'Nama', 'nik', '', 'NIK', '  '])).toEqual(['NIK', 'Kolom 2', 'Nama', 'nik (2)', 'Kolom 5', 'NIK (3)', 'Kolom 7']);
    expect(columnNames(['Kolom 2', null])).toEqual(['Kolom 2', 'Kolom 2 (2)']);
  });
});

describe('matchTemplate', () => {
  it('recognises every source from its DOMAIN.md header, every column mapped', () => {
    const cases: [readonly string[], string][] = [
      [P3KE_KELUARGA_2023, 'p3ke_keluarga'],
      [P3KE_KELUARGA_2022, 'p3ke_keluarga'],
      [P3KE_INDIVIDU, 'p3ke_individu'],
      [P3KE_INDIVIDU_OTHER_BANDS, 'p3ke_individu'],
      [DTKS, 'dtks'],
      [BDT, 'dtks'],
      [DTSEN_KELUARGA, 'dtsen_keluarga'],
      [DTSEN_INDIVIDU, 'dtsen_individu'],
      [PROGRAM_RTLH, 'program'],
      [PROGRAM_OTHER, 'program'],
      [INDICATOR, 'indicator'],
      [INDICATOR_OTHER, 'indicator'],
    ];
    for (const [header, source] of cases) {
      const c = expectConfident(header, source);
      expect(c.unknownColumns, `${source}: ${c.unknownColumns.map((i) => header[i]).join(', ')}`).toEqual([]);
      expect(c.missingRequired, source).toEqual([]);
      expect(c.missingAnyOf, source).toEqual([]);
      expect(c.mapping.length).toBe(header.length);
    }
  });

  it('maps the columns that mean something else in each source', () => {
    const dtsen = mapped(DTSEN_KELUARGA, best(DTSEN_KELUARGA));
    expect(dtsen.get('NIK Keluarga')).toBe('kk');
    expect(dtsen.get('NIK (Kepala Keluarga) Padan')).toBe('head_nik');
    expect(dtsen.get('Persentil')).toBe('percentile');
    expect(dtsen.get('Tahun Pendataan')).toBe('survey_year');
    const kel = mapped(P3KE_KELUARGA_2023, best(P3KE_KELUARGA_2023));
    expect(kel.get('NIK')).toBe('head_nik');
    expect(kel.get('Kepala Keluarga')).toBe('head_name');
    expect(kel.get('Kode Kemdagri')).toBe('region_code');
    expect(kel.get('Daya Listrik Terpasang')).toBe('power');
    expect(kel.get('Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya')).toBe('savings');
    expect(kel.get('Pensasaran')).toBe('pensasaran');
    const ind = mapped(P3KE_INDIVIDU, best(P3KE_INDIVIDU));
    expect(ind.get('ID Keluarga P3KE')).toBe('family_source_id');
    expect(ind.get('ID Individu')).toBe('source_id');
    expect(ind.get('Usia < 7 Tahun')).toBe('age_lt7');
    expect(ind.get('Usia 60+ Tahun')).toBe('age_60_plus');
    const other = mapped(P3KE_INDIVIDU_OTHER_BANDS, best(P3KE_INDIVIDU_OTHER_BANDS));
    expect(other.get('Usia < 5 Tahun')).toBe('age_lt5');
    expect(other.get('Usia 6-12 Tahun')).toBe('age_6_12');
    expect(other.get('Usia 19-59 Tahun')).toBe('age_19_59');
    const dtks = mapped(DTKS, best(DTKS));
    expect(dtks.get('ID DTKS')).toBe('family_source_id');
    expect(dtks.get('Nomor NIK')).toBe('nik');
    expect(dtks.get('Nomor KK')).toBe('kk');
    expect(dtks.get('Hubungan Keluarga')).toBe('relation');
    const bdt = mapped(BDT, best(BDT));
    expect(bdt.get('IDBDT')).toBe('family_source_id');
    expect(bdt.get('IDARTBDT')).toBe('source_id');
    expect(bdt.get('KDKAB')).toBe('regency_code');
    expect(bdt.get('JnsKel')).toBe('sex');
    expect(bdt.get('HubKRT')).toBe('relation');
    expect(bdt.get('Sta_kawin')).toBe('marital');
    expect(bdt.get('NoKK')).toBe('kk');
    expect(bdt.get('Ada_pkh')).toBe('rcv_pkh');
    const prog = mapped(PROGRAM_OTHER, best(PROGRAM_OTHER));
    expect(prog.get('Nomor KK')).toBe('kk');
    expect(prog.get('Nama Penerima')).toBe('name');
    expect(prog.get('Kode Kemendagri')).toBe('region_code');
    expect(prog.get('Jenis Bantuan')).toBe('program');
    expect(prog.get('Tahun Anggaran')).toBe('year');
    expect(prog.get('Nominal')).toBe('amount');
    const indic = mapped(INDICATOR_OTHER, best(INDICATOR_OTHER));
    expect(indic.get('Kode')).toBe('region_code');
    expect(indic.get('Wilayah')).toBe('region_name');
    expect(indic.get('Tahun')).toBe('period');
    expect(indic.get('Sumber Data')).toBe('source');
  });

  it('is insensitive to case, spacing, punctuation and column order', () => {
    const variants = [
      P3KE_KELUARGA_2023.map((h) => h.toUpperCase()),
      P3KE_KELUARGA_2023.map((h) => h.toLowerCase()),
      P3KE_KELUARGA_2023.map((h) => h.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())),
      P3KE_KELUARGA_2023.map((h) => `  ${h.replace(/\//g, ' / ').replace(/ /g, '  ')}\u00a0`),
      [...P3KE_KELUARGA_2023].reverse(),
    ];
    const reference = mapped(P3KE_KELUARGA_2023, best(P3KE_KELUARGA_2023));
    for (const v of variants) {
      const c = expectConfident(v, 'p3ke_keluarga');
      expect(c.unknownColumns).toEqual([]);
      // Same field for the same column, whatever its spelling or position.
      const byOriginal = new Map<string, string | null>();
      v.forEach((h, i) => {
        const orig = P3KE_KELUARGA_2023.find((o) => headerKey(o) === headerKey(h));
        if (orig) byOriginal.set(orig, c.mapping[i] ?? null);
      });
      expect(byOriginal).toEqual(reference);
    }
    const punct = expectConfident(['No.', 'NIK', 'NO. KK', 'Nama', 'Desa / Kelurahan', 'Kabupaten / Kota', 'Kode Wilayah', 'Program', 'Tahun', 'Nilai Bantuan ( Rp )'], 'program');
    expect(punct.unknownColumns).toEqual([]);
    expect(punct.mapping[2]).toBe('kk');
  });

  it('keeps unknown columns (lossless) and reports them, still choosing the source', () => {
    const header = [...PROGRAM_RTLH, 'Keterangan Verifikasi', 'Foto Rumah'];
    const c = expectConfident(header, 'program');
    expect(c.unknownColumns).toEqual([12, 13]);
    expect(c.mapping[12]).toBeNull();
  });

  it('handles duplicate and empty header cells', () => {
    const header = ['NIK', 'Nama', null, 'NIK', 'Program', 'Tahun', 'Nilai', '', null];
    const c = expectConfident(header, 'program');
    expect(c.mapping.slice(0, 7)).toEqual(['nik', 'name', null, null, 'program', 'year', 'amount']);
    expect(c.duplicateColumns).toEqual([3]);
    // The empty cell inside the header is a column (`Kolom 3`); the trailing empties are not.
    expect(c.unknownColumns).toEqual([2, 3]);
    expect(columnNames(header).slice(0, 4)).toEqual(['NIK', 'Nama', 'Kolom 3', 'NIK (2)']);
  });

  it('treats headers named like Object.prototype members as ordinary text', () => {
    const header = ['__proto__', 'NIK', 'constructor', 'Nama', 'toString', 'hasOwnProperty', 'Program', 'valueOf', 'Tahun'];
    const c = best(header);
    expect(c.source).toBe('program');
    expect(c.mapping).toEqual([null, 'nik', null, 'name', null, null, 'program', null, 'year']);
    expect(c.unknownColumns).toEqual([0, 2, 4, 5, 7]);
    expect(columnNames(['__proto__', '__proto__', 'constructor'])).toEqual(['__proto__', '__proto__ (2)', 'constructor']);
    expect(findHeaderRow([['__proto__', 'constructor'], header])?.rowIndex).toBe(1);
    expect(sameHeader(['__proto__', 'toString'], ['__PROTO__', 'tostring'])).toBe(true);
    expect(shapeSignature(['__proto__'])).toMatch(/^v1:1:[0-9a-f]{16}$/);
    expect(Object.prototype).not.toHaveProperty('nik');
  });

  it('reports a weak or ambiguous match instead of pretending', () => {
    expect(chooseTemplate(matchTemplate(['Foo', 'Bar', 'Baz'])).status).toBe('none');
    // Columns every person source shares: no way to tell which.
    const shared = chooseTemplate(matchTemplate(['Nama', 'Jenis Kelamin', 'Tanggal Lahir']));
    expect(shared.status).toBe('ambiguous');
    expect(shared.rivals.length).toBeGreaterThan(0);
    // One known column among many unknown ones.
    const weak = chooseTemplate(matchTemplate(['Indikator', 'A', 'B', 'C', 'D', 'E']));
    expect(weak.best?.source).toBe('indicator');
    expect(weak.status).toBe('weak');
  });

  it('reports missing required fields and groups', () => {
    const c = best(['No', 'NIK', 'Nama', 'Desa', 'Tahun', 'Nilai Bantuan (Rp)', 'Satuan']);
    expect(c.source).toBe('program');
    expect(c.missingRequired).toEqual(['program']);
    const ind = best(['Indikator', 'Periode', 'Nilai', 'Satuan', 'Sumber']);
    expect(ind.source).toBe('indicator');
    expect(ind.missingAnyOf.length).toBe(1);
  });

  it('maps with a template the planner picked', () => {
    const c = mapColumns(['Nama', 'Jenis Kelamin', 'NIK'], templateFor('dtks'));
    expect(c.source).toBe('dtks');
    expect(c.mapping).toEqual(['name', 'sex', 'nik']);
    const custom: SourceTemplate = { source: 'program', table: 'program_recipient', id: 'x', en: 'x', fields: [{ key: 'program', kind: 'text', id: 'P', en: 'P' }], headers: { program: ['Kegiatan OPD'] } };
    expect(mapColumns(['Kegiatan OPD'], custom).mapping).toEqual(['program']);
  });
});

describe('findHeaderRow', () => {
  const width = P3KE_KELUARGA_2023.length;
  const pad = (first: string): (string | null)[] => [first, ...new Array<null>(width - 1).fill(null)];
  const data = ['P530104200400001', 'NUSA TENGGARA TIMUR', 'KABUPATEN KUPANG', 'SEMAU', 'OTAN', '53.01.04.2004', 3, 'DUSUN OEKOLO', 'YEREMIAS RIWU', '5301040510730001'];

  it('passes title rows, merged titles, a `Posisi data` line and blank rows', () => {
    const rows = [
      pad('DATA KELUARGA SASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)'),
      pad('PROVINSI NUSA TENGGARA TIMUR'),
      ['Posisi data: 30/06/2025'],
      [],
      new Array<null>(width).fill(null),
      P3KE_KELUARGA_2023,
      data,
      data,
    ];
    expect(findHeaderRow(rows)).toMatchObject({ rowIndex: 5, source: 'p3ke_keluarga', basis: 'vocabulary', matched: width });
  });

  it('finds a header at row 13 and none beyond maxScan', () => {
    const rows: (readonly unknown[])[] = [];
    for (let i = 0; i < 12; i++) rows.push(i % 3 === 2 ? [] : pad(`Judul ${i + 1}`));
    rows.push(INDICATOR, ['53', 'Provinsi NTT', 'Prevalensi balita stunting', '2022', 35.4, '%', 'SSGI 2022']);
    expect(findHeaderRow(rows)?.rowIndex).toBe(12);
    expect(findHeaderRow(rows, 10)).toBeNull();
  });

  it('prefers the real header over a group row above it', () => {
    const rows = [
      ['Identitas', null, null, 'Kondisi Rumah', null, 'Penerima Bantuan'],
      ['NIK', 'Nama', 'Alamat', 'Jenis Atap', 'Jenis Lantai', 'Penerima PKH'],
      ['5301040510730001', 'X', 'Y', 'SENG', 'TANAH', 'Ya'],
    ];
    expect(findHeaderRow(rows)?.rowIndex).toBe(1);
  });

  it('falls back to the layout for headers no template knows', () => {
    const rows = [['Laporan'], [], ['Kolom Satu', 'Kolom Dua', 'Kolom Tiga', 'Kolom Empat'], ['a', 'b', 1, 2], ['c', 'd', 3, 4]];
    expect(findHeaderRow(rows)).toEqual({ rowIndex: 2, score: 0, matched: 0, source: null, basis: 'layout' });
    expect(findHeaderRow([['a'], [1, 2, 3]])).toBeNull();
  });
});

describe('rows that are not data', () => {
  it('isTotalRow: total labels followed by numbers', () => {
    expect(isTotalRow(['JUMLAH', null, null, 1500])).toBe(true);
    expect(isTotalRow([null, 'Jumlah Total', '', 91, '1.710.000.000'])).toBe(true);
    expect(isTotalRow(['GRAND TOTAL', 1234, 5678])).toBe(true);
    expect(isTotalRow(['TOTAL :', 12])).toBe(true);
    expect(isTotalRow(['Jumlah Kec. Semau', '', 40])).toBe(true);
    expect(isTotalRow([null, 'Jumlah Total :', null, '2.000 KK', 150000000])).toBe(true);
    // A data row that merely contains the word, or a name after it, is data.
    expect(isTotalRow(['P530106100100001', 'NUSA TENGGARA TIMUR', 'JUMLAH'])).toBe(false);
    expect(isTotalRow(['JUMLAH', 'MARTHEN BOLING', '5301062301870001'])).toBe(false);
    expect(isTotalRow([1, 'JUMLAH'])).toBe(false);
    expect(isTotalRow(['JUMLAH'])).toBe(true);
    expect(isTotalRow(['Jumlah', '1.500 KK', '6.070 jiwa', 'Rp 1.710.000.000'])).toBe(true);
    expect(isTotalRow(['Jumlah penduduk miskin', '2023', 112.5, 'ribu jiwa'])).toBe(false);
    expect(isTotalRow(['JUMLAH', 'Nama', 'Alamat', 3])).toBe(false);
    expect(isTotalRow([1, 'JUMLAH', 100])).toBe(false);
    expect(isTotalRow([])).toBe(false);
  });

  it('isBlankRow', () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, '', '  ', '\u00a0', undefined])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });

  it('isSignOffRow: witness lines, titles, NIP, place and date', () => {
    for (const line of ['Mengetahui,', 'Menyetujui', 'KEPALA DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN', 'a.n. Kepala Dinas Sosial', 'Plt. Kepala Bappeda', 'NIP. 19700512 199803 1 007', 'Kupang, 30 Juni 2025', 'Kupang,        Juni 2025', 'Soe, 01-07-2025', 'Pembina Utama Muda']) {
      expect(isSignOffRow([null, null, line]), line).toBe(true);
    }
    expect(isSignOffRow(['Mengetahui', null, null, 'Kupang, 30 Juni 2025'])).toBe(true);
    expect(isSignOffRow(['YOHANES', 'Kepala Keluarga', 'A', 'B', 'C', 'D'])).toBe(false);
    expect(isSignOffRow(['Ir. YOHANES B. FANGGIDAE, M.T.'])).toBe(false);
  });

  it('isColumnNumberRow and isFootnoteRow', () => {
    expect(isColumnNumberRow([1, 2, 3, 4])).toBe(true);
    expect(isColumnNumberRow(['(1)', '(2)', '(3)'])).toBe(true);
    expect(isColumnNumberRow([1, 2])).toBe(false);
    expect(isColumnNumberRow([1, 3, 4])).toBe(false);
    expect(isFootnoteRow(['Sumber: BPS Kabupaten Kupang'])).toBe(true);
    expect(isFootnoteRow(['*) angka sementara'])).toBe(true);
    expect(isFootnoteRow(['Sumber', 'BPS', 'x'])).toBe(false);
  });

  it('createRowClassifier: a list with numbering, data, total and a whole sign-off block', () => {
    const header = PROGRAM_RTLH;
    const row = (n: number): unknown[] => [n, '5301046209510001', '5301040406230001', 'Maryam Rahim', 'Otan', 'Semau', 'Kabupaten Kupang', '53.01.04.2004', 'BSPS', 2025, 20000000, 'Unit'];
    const at = (col: number, text: string): unknown[] => Object.assign(new Array<unknown>(12).fill(null), { [col]: text });
    const rows: unknown[][] = [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      row(1),
      [...header],
      row(2),
      [],
      row(3),
      ['JUMLAH', null, null, null, null, null, null, null, null, null, 60000000, null],
      [],
      at(8, 'Kupang, 30 Juni 2025'),
      at(8, 'KEPALA DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN'),
      at(8, 'PROVINSI NUSA TENGGARA TIMUR'),
      [],
      [],
      at(8, 'Ir. YOHANES B. FANGGIDAE, M.T.'),
      at(8, 'NIP. 19700512 199803 1 007'),
    ];
    const c = createRowClassifier(header);
    expect(rows.map((r) => c.classify(r))).toEqual([
      'column_numbers', 'data', 'repeated_header', 'data', 'blank', 'data', 'total', 'blank',
      'sign_off', 'sign_off', 'sign_off', 'blank', 'blank', 'sign_off', 'sign_off',
    ]);
    // Numbering only counts before the data.
    const fresh = createRowClassifier(header);
    expect(fresh.classify(row(1))).toBe('data');
    expect(fresh.classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toBe('data');
  });

  it('createRowClassifier: footnotes under an indicator table', () => {
    const c = createRowClassifier(INDICATOR);
    expect(c.classify(['53.01', 'Kupang', 'IPM', '2024', 65.1, 'indeks', 'BPS'])).toBe('data');
    expect(c.classify(['Sumber: BPS Provinsi NTT'])).toBe('footnote');
    expect(c.classify(['Keterangan: *) angka sementara'])).toBe('footnote');
  });
});

describe('sameHeader and shapeSignature', () => {
  it('sameHeader compares header keys in order, trailing empties ignored', () => {
    expect(sameHeader(P3KE_INDIVIDU, P3KE_INDIVIDU.map((h) => h.toUpperCase()))).toBe(true);
    expect(sameHeader(P3KE_INDIVIDU, [...P3KE_INDIVIDU, null, ''])).toBe(true);
    expect(sameHeader(P3KE_INDIVIDU, [...P3KE_INDIVIDU].reverse())).toBe(false);
    expect(sameHeader(P3KE_INDIVIDU, P3KE_INDIVIDU.slice(1))).toBe(false);
    expect(sameHeader([], [])).toBe(false);
  });

  it('shapeSignature is stable over case and spacing, and changes with columns and order', () => {
    const sig = shapeSignature(PROGRAM_RTLH);
    expect(sig).toMatch(/^v1:12:[0-9a-f]{16}$/);
    expect(shapeSignature(PROGRAM_RTLH.map((h) => ` ${h.toUpperCase()} `))).toBe(sig);
    expect(shapeSignature([...PROGRAM_RTLH, null])).toBe(sig);
    expect(shapeSignature([...PROGRAM_RTLH].reverse())).not.toBe(sig);
    expect(shapeSignature([...PROGRAM_RTLH, 'Keterangan'])).not.toBe(sig);
    expect(shapeSignature(PROGRAM_OTHER)).not.toBe(sig);
    // Pinned: profiles saved by one version must be found by the next.
    expect(shapeSignature(['NIK', 'Nama'])).toBe('v1:2:df6e7e3669a5bf25');
    expect(shapeSignature(['nik', 'NAMA'])).toBe('v1:2:df6e7e3669a5bf25');
    expect(shapeKeys(['No.', 'Nilai Bantuan (Rp)', null])).toEqual(['no', 'nilai bantuan rp']);
  });
});
