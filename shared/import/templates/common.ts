/**
 * Building blocks shared by the source templates: one declaration per field that carries its
 * header spellings next to it (so a field and its vocabulary cannot drift apart), and the fields
 * several sources share (region names, receipt flags, housing).
 *
 * Field keys are warehouse column names where the target table has that column
 * (`TABLE_COLUMNS` in columns.ts); any other key is stored under that key in the row's `extra`.
 */
import type { Codebook } from '../../model/codebook.ts';
import {
  EDUCATION, FLOOR, FLOOR_QUALITY, FUEL, HOUSE_OWNERSHIP, LIGHTING, MARITAL, OCCUPATION, PADAN_DUKCAPIL, POWER, RECEIPT,
  RELATION, ROOF, ROOF_QUALITY, SAVINGS, SEX, STUNTING_RISK, TOILET, WALL, WALL_QUALITY, WATER,
} from '../../model/codebook.ts';
import type { SourceKind } from '../../model/source.ts';
import type { FieldKind, FieldSpec, SourceTemplate, TargetTable } from '../fields.ts';

/** A field together with every header spelling known for it. */
export interface FieldDef extends FieldSpec {
  readonly headers: readonly string[];
}

export function def(
  key: string,
  kind: FieldKind,
  id: string,
  en: string,
  headers: readonly string[],
  opts: { readonly codebook?: Codebook; readonly required?: boolean } = {},
): FieldDef {
  return { key, kind, id, en, headers, ...(opts.codebook ? { codebook: opts.codebook } : {}), ...(opts.required ? { required: true } : {}) };
}

/** The same field with other header spellings (a source words a shared column its own way). */
export function withHeaders(f: FieldDef, headers: readonly string[]): FieldDef {
  return { ...f, headers };
}

/** The same field, required in this source. */
export function required(f: FieldDef): FieldDef {
  return { ...f, required: true };
}

export interface TemplateDef {
  readonly source: SourceKind;
  readonly table: TargetTable;
  readonly id: string;
  readonly en: string;
  readonly desilRange?: readonly [number, number];
  readonly requiredAnyOf?: readonly (readonly string[])[];
  readonly fields: readonly FieldDef[];
}

/** Split field definitions into the `fields` and `headers` a SourceTemplate carries. */
export function template(t: TemplateDef): SourceTemplate {
  const fields: FieldSpec[] = [];
  const headers: Record<string, readonly string[]> = {};
  for (const f of t.fields) {
    const { headers: h, ...spec } = f;
    if (Object.hasOwn(headers, f.key)) throw new Error(`template ${t.source}: field ${f.key} declared twice`);
    fields.push(spec);
    headers[f.key] = h;
  }
  return {
    source: t.source,
    table: t.table,
    id: t.id,
    en: t.en,
    fields,
    headers,
    ...(t.desilRange ? { desilRange: t.desilRange } : {}),
    ...(t.requiredAnyOf ? { requiredAnyOf: t.requiredAnyOf } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Region. Names go to `extra` (the loader resolves them to a code when the file has none);
// `region_code` is the Kemendagri code column of every table.

export const PROVINCE_NAME = def('province_name', 'region_name', 'Provinsi', 'Province', [
  'Provinsi', 'Nama Provinsi', 'Propinsi', 'Prov', 'NMPROP', 'Nama Prop',
]);
export const REGENCY_NAME = def('regency_name', 'region_name', 'Kabupaten/kota', 'Regency/city', [
  'Kabupaten/Kota', 'Kabupaten', 'Kota', 'Kab/Kota', 'Kota/Kabupaten', 'Nama Kabupaten/Kota', 'Nama Kabupaten', 'NMKAB',
]);
export const DISTRICT_NAME = def('district_name', 'region_name', 'Kecamatan', 'District', [
  'Kecamatan', 'Nama Kecamatan', 'Kec', 'NMKEC',
]);
export const VILLAGE_NAME = def('village_name', 'region_name', 'Desa/kelurahan', 'Village', [
  'Desa/Kelurahan', 'Desa', 'Kelurahan', 'Kelurahan/Desa', 'Desa/Kel', 'Kel/Desa', 'Nama Desa', 'Nama Desa/Kelurahan', 'Nama Kelurahan', 'NMDESA', 'NMKEL',
]);
export const REGION_NAMES: readonly FieldDef[] = [PROVINCE_NAME, REGENCY_NAME, DISTRICT_NAME, VILLAGE_NAME];

/** Kemendagri code of the village (dotted or not). */
export const REGION_CODE = def('region_code', 'region', 'Kode wilayah (Kemendagri)', 'Region code (Kemendagri)', [
  'Kode Kemdagri', 'Kode Kemendagri', 'Kode Wilayah', 'Kode Wilayah Kemendagri', 'Kode Desa', 'Kode Desa/Kelurahan', 'Kode Kelurahan',
  'Kode Desa Kemendagri', 'Kode Wil', 'Kode Wilayah Desa', 'kd_wilayah',
]);

/**
 * BPS 10-digit code (Regsosek/DTSEN): it does not convert mechanically to a Kemendagri code
 * (DOMAIN.md §3), so it is kept apart for the crosswalk instead of being read as `region_code`.
 */
export const REGION_CODE_BPS = def('region_code_bps', 'region_bps', 'Kode wilayah BPS', 'BPS region code', [
  'Kode BPS', 'Kode Wilayah BPS', 'Kode Desa BPS', 'Kode Wilayah (BPS)', 'Kode Desa (BPS)',
]);

// ---------------------------------------------------------------------------------------------
// People and families.

export const DESIL = def('desil', 'desil', 'Desil kesejahteraan', 'Welfare decile', [
  'Desil Kesejahteraan', 'Desil', 'Desil Nasional', 'Peringkat Desil', 'Status Desil',
]);
export const PERCENTILE = def('percentile', 'integer', 'Persentil', 'Percentile', ['Persentil', 'Percentile', 'Persentil Nasional', 'Peringkat Persentil', 'Persentil Kesejahteraan']);
export const ADDRESS = def('address', 'text', 'Alamat', 'Address', ['Alamat', 'Alamat Lengkap', 'Alamat Domisili', 'Alamat Rumah', 'Alamat Tempat Tinggal']);
export const KK = def('kk', 'kk', 'No KK', 'Family card number', [
  'No KK', 'Nomor KK', 'NoKK', 'No Kartu Keluarga', 'Nomor Kartu Keluarga', 'NKK', 'KK', 'No KK Keluarga',
]);
export const PADAN = def('padan', 'category', 'Padan Dukcapil', 'Matched to civil registry', [
  'Padan Dukcapil', 'Status Padan', 'Status Padan Dukcapil', 'Padan', 'Padan Capil', 'Status Padan NIK',
], { codebook: PADAN_DUKCAPIL });
export const SEX_FIELD = def('sex', 'sex', 'Jenis kelamin', 'Sex', ['Jenis Kelamin', 'JK', 'L/P', 'Kelamin', 'Jns Kelamin', 'JnsKel', 'Jenis_Kelamin'], { codebook: SEX });
export const BIRTH_DATE = def('birth_date', 'date', 'Tanggal lahir', 'Birth date', ['Tanggal Lahir', 'Tgl Lahir', 'TglLahir', 'Tgl. Lahir', 'Tanggal Lahir (dd/mm/yyyy)', 'Tanggal Lahir (DD-MM-YYYY)']);
export const BIRTH_PLACE = def('birth_place', 'text', 'Tempat lahir', 'Birth place', ['Tempat Lahir', 'TmpLahir', 'Tmp Lahir', 'Tempat Lhr']);
export const RELATION_FIELD = def('relation', 'category', 'Hubungan dengan kepala keluarga', 'Relation to head', [
  'Hubungan dengan Kepala Keluarga', 'Hubungan Dengan KK', 'Hub dgn Kpl Keluarga', 'Hubungan Keluarga', 'Hubungan', 'Status Hubungan Dalam Keluarga', 'SHDK',
  'Hubungan dengan Kepala Rumah Tangga', 'Hubungan dengan KRT',
], { codebook: RELATION });
export const MARITAL_FIELD = def('marital', 'category', 'Status kawin', 'Marital status', ['Status Kawin', 'Status Perkawinan', 'Status Pernikahan', 'Setatus Kawin', 'Sta_kawin'], { codebook: MARITAL });
export const OCCUPATION_FIELD = def('occupation', 'category', 'Pekerjaan', 'Occupation', ['Pekerjaan', 'Pekerjaan Utama', 'Jenis Pekerjaan'], { codebook: OCCUPATION });
export const EDUCATION_FIELD = def('education', 'category', 'Pendidikan', 'Education', ['Pendidikan', 'Pendidikan Terakhir', 'Pendidikan Tertinggi', 'Tingkat Pendidikan'], { codebook: EDUCATION });
export const MEMBERS = def('members', 'integer', 'Jumlah anggota keluarga', 'Family members', [
  'Jumlah Anggota Keluarga', 'Jumlah Anggota', 'Jumlah ART', 'Jml Anggota Keluarga', 'Jml ART', 'Jumlah Jiwa', 'Jumlah Anggota Rumah Tangga',
]);

// ---------------------------------------------------------------------------------------------
// Housing and assets (P3KE and DTSEN family files, DOMAIN.md §2.1, §2.5).

export const HOUSING: readonly FieldDef[] = [
  def('house_ownership', 'category', 'Kepemilikan rumah', 'House ownership', [
    'Kepemilikan Rumah', 'Status Kepemilikan Rumah', 'Status Kepemilikan Bangunan', 'Status Kepemilikan Bangunan Tempat Tinggal', 'Kepemilikan Bangunan', 'Status Rumah',
  ], { codebook: HOUSE_OWNERSHIP }),
  def('savings', 'yesno', 'Memiliki simpanan/ternak', 'Has savings/livestock', [
    'Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya', 'Memiliki Simpanan Uang/Perhiasan/Ternak', 'Memiliki Simpanan', 'Simpanan Uang/Perhiasan/Ternak/Lainnya', 'Kepemilikan Simpanan',
  ], { codebook: SAVINGS }),
  def('roof', 'category', 'Jenis atap', 'Roof', ['Jenis Atap', 'Atap', 'Jenis Atap Terluas', 'Bahan Atap', 'Bahan Atap Terluas'], { codebook: ROOF }),
  def('wall', 'category', 'Jenis dinding', 'Wall', ['Jenis Dinding', 'Dinding', 'Jenis Dinding Terluas', 'Bahan Dinding', 'Bahan Dinding Terluas'], { codebook: WALL }),
  def('floor', 'category', 'Jenis lantai', 'Floor', ['Jenis Lantai', 'Lantai', 'Jenis Lantai Terluas', 'Bahan Lantai', 'Bahan Lantai Terluas'], { codebook: FLOOR }),
  def('roof_quality', 'category', 'Kualitas atap', 'Roof quality', ['Kualitas Atap', 'Kondisi Atap'], { codebook: ROOF_QUALITY }),
  def('wall_quality', 'category', 'Kualitas dinding', 'Wall quality', ['Kualitas Dinding', 'Kondisi Dinding'], { codebook: WALL_QUALITY }),
  def('floor_quality', 'category', 'Kualitas lantai', 'Floor quality', ['Kualitas Lantai', 'Kondisi Lantai'], { codebook: FLOOR_QUALITY }),
  def('lighting', 'category', 'Sumber penerangan', 'Lighting', ['Sumber Penerangan', 'Sumber Penerangan Utama', 'Penerangan', 'Sumber Penerangan Rumah'], { codebook: LIGHTING }),
  def('power', 'category', 'Daya listrik terpasang', 'Installed power', ['Daya Listrik Terpasang', 'Daya Listrik', 'Daya Terpasang', 'Daya Listrik (Watt)', 'Daya Listrik Terpasang (Watt)'], { codebook: POWER }),
  def('fuel', 'category', 'Bahan bakar memasak', 'Cooking fuel', [
    'Bahan Bakar Memasak', 'Bahan Bakar Utama Memasak', 'Bahan Bakar Utama untuk Memasak', 'Bahan Bakar/Energi Utama untuk Memasak', 'Bahan Bakar',
  ], { codebook: FUEL }),
  def('water', 'category', 'Sumber air minum', 'Drinking water', ['Sumber Air Minum', 'Sumber Air Minum Utama', 'Air Minum', 'Sumber Air'], { codebook: WATER }),
  def('toilet', 'category', 'Fasilitas buang air besar', 'Toilet facility', [
    'Memiliki Fasilitas Buang Air Besar', 'Fasilitas Buang Air Besar', 'Fasilitas BAB', 'Memiliki Fasilitas BAB', 'Kepemilikan Fasilitas BAB',
    'Fasilitas Tempat Buang Air Besar', 'Kepemilikan Fasilitas Buang Air Besar',
  ], { codebook: TOILET }),
];

export const STUNTING = def('stunting_risk', 'category', 'Risiko stunting', 'Stunting risk', ['Resiko Stunting', 'Beresiko Stunting', 'Status Resiko Stunting', 'Keluarga Beresiko Stunting'], { codebook: STUNTING_RISK });

/**
 * `Penerima …` Ya/Tidak columns of P3KE and DTSEN (DOMAIN.md §2.3). The keys are the family
 * table's `rcv_*` columns; on person rows, which have no such columns, they go to `extra`.
 */
export const RECEIPT_FLAGS: readonly FieldDef[] = [
  def('rcv_bpnt', 'yesno', 'Penerima BPNT', 'BPNT recipient', ['Penerima BPNT', 'BPNT', 'Penerima BNBT', 'Penerima Bantuan Pangan Non Tunai'], { codebook: RECEIPT }),
  def('rcv_bpum', 'yesno', 'Penerima BPUM', 'BPUM recipient', ['Penerima BPUM', 'BPUM', 'Penerima Banpres Produktif Usaha Mikro'], { codebook: RECEIPT }),
  def('rcv_bst', 'yesno', 'Penerima BST', 'BST recipient', ['Penerima BST', 'BST', 'Penerima Bantuan Sosial Tunai'], { codebook: RECEIPT }),
  def('rcv_pkh', 'yesno', 'Penerima PKH', 'PKH recipient', ['Penerima PKH', 'PKH', 'Penerima Program Keluarga Harapan'], { codebook: RECEIPT }),
  def('rcv_sembako', 'yesno', 'Penerima SEMBAKO', 'SEMBAKO recipient', ['Penerima SEMBAKO', 'SEMBAKO', 'Penerima Program Sembako', 'Penerima Kartu Sembako'], { codebook: RECEIPT }),
];

/**
 * Program flags of Regsosek/DTSEN beyond the five P3KE ones (DOMAIN.md §2.5). No warehouse column:
 * stored in `extra`. The header spellings are an inference from the Regsosek questionnaire items.
 */
export const REGSOSEK_RECEIPT_FLAGS: readonly FieldDef[] = [
  def('rcv_blt_dd', 'yesno', 'Penerima BLT Dana Desa', 'Village-fund cash transfer recipient', ['Penerima BLT Dana Desa', 'Penerima BLT DD', 'Penerima BLT Desa', 'BLT Dana Desa'], { codebook: RECEIPT }),
  def('rcv_pbi', 'yesno', 'Penerima PBI JKN', 'State-paid health insurance (PBI)', ['Penerima PBI JKN', 'Penerima PBI', 'Penerima JKN PBI', 'PBI JKN'], { codebook: RECEIPT }),
  def('rcv_electricity', 'yesno', 'Penerima subsidi listrik', 'Electricity subsidy recipient', ['Penerima Subsidi Listrik', 'Subsidi Listrik'], { codebook: RECEIPT }),
  def('rcv_lpg', 'yesno', 'Penerima subsidi LPG', 'LPG subsidy recipient', ['Penerima Subsidi LPG', 'Subsidi LPG'], { codebook: RECEIPT }),
  def('rcv_fertiliser', 'yesno', 'Penerima subsidi pupuk', 'Fertiliser subsidy recipient', ['Penerima Subsidi Pupuk', 'Subsidi Pupuk'], { codebook: RECEIPT }),
  def('rcv_regional', 'yesno', 'Penerima bantuan pemerintah daerah', 'Regional government aid recipient', [
    'Penerima Bantuan Pemerintah Daerah', 'Penerima Bantuan Pemda', 'Penerima Bantuan Daerah',
  ], { codebook: RECEIPT }),
];

/** `Pensasaran` (P3KE, later vintages): meaning not documented, kept as written in `extra`. */
export const PENSASARAN = def('pensasaran', 'text', 'Pensasaran', 'Targeting (Pensasaran)', ['Pensasaran', 'Penyasaran', 'Tahun Pensasaran']);

/** The year of the DTSEN/Regsosek survey round a record comes from (`extra`). */
export const SURVEY_YEAR = def('survey_year', 'year', 'Tahun pendataan', 'Survey year', ['Tahun Pendataan', 'Tahun Data', 'Tahun Survei', 'Tahun Pemutakhiran']);
