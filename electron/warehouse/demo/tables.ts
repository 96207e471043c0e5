import type { SourceKind } from '../../../shared/model/source.ts';
import type { CsvOptions } from './csv-writer.ts';

/**
 * The shape of every generated file: headers exactly as the real files have them (DOMAIN.md §2),
 * the kind of each column (which decides how a cell is written in .xlsx and which format faults
 * may hit it), and the per-file CSV dialect.
 */

/** `digits`: NIK/KK text that Excel would mangle; `dateIso`: a real date cell in .xlsx. */
export type ColumnKind = 'text' | 'digits' | 'int' | 'decimal' | 'dateIso' | 'code';

export interface TableSpec {
  readonly key: TableKey;
  readonly source: SourceKind;
  readonly headers: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly widths: readonly number[];
}

export type TableKey = 'p3ke_keluarga' | 'p3ke_individu' | 'dtks' | 'dtsen_keluarga' | 'program_rtlh' | 'program_pkh' | 'indicator';

export type Cell = string | number | null;

function spec(key: TableKey, source: SourceKind, columns: readonly (readonly [string, ColumnKind, number])[]): TableSpec {
  return { key, source, headers: columns.map((c) => c[0]), kinds: columns.map((c) => c[1]), widths: columns.map((c) => c[2]) };
}

const REGION: readonly (readonly [string, ColumnKind, number])[] = [
  ['Provinsi', 'text', 22],
  ['Kabupaten/Kota', 'text', 24],
  ['Kecamatan', 'text', 20],
  ['Desa/Kelurahan', 'text', 20],
];

const RECEIPT_COLUMNS: readonly (readonly [string, ColumnKind, number])[] = [
  ['Penerima BPNT', 'text', 9],
  ['Penerima BPUM', 'text', 9],
  ['Penerima BST', 'text', 9],
  ['Penerima PKH', 'text', 9],
  ['Penerima SEMBAKO', 'text', 9],
  ['Resiko Stunting', 'text', 24],
];

export const P3KE_KELUARGA = spec('p3ke_keluarga', 'p3ke_keluarga', [
  ['ID Keluarga P3KE', 'text', 20],
  ...REGION,
  ['Kode Kemdagri', 'code', 15],
  ['Desil Kesejahteraan', 'int', 10],
  ['Alamat', 'text', 30],
  ['Kepala Keluarga', 'text', 28],
  ['NIK', 'digits', 19],
  ['Padan Dukcapil', 'text', 12],
  ['Jenis Kelamin', 'text', 12],
  ['Tanggal Lahir', 'text', 12],
  ['Pekerjaan', 'text', 18],
  ['Pendidikan', 'text', 22],
  ['Kepemilikan Rumah', 'text', 18],
  ['Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya', 'text', 14],
  ['Jenis Atap', 'text', 18],
  ['Jenis Dinding', 'text', 14],
  ['Jenis Lantai', 'text', 18],
  ['Sumber Penerangan', 'text', 20],
  ['Bahan Bakar Memasak', 'text', 16],
  ['Sumber Air Minum', 'text', 22],
  ['Memiliki Fasilitas Buang Air Besar', 'text', 16],
  ...RECEIPT_COLUMNS,
  ['Kualitas Atap', 'text', 18],
  ['Kualitas Dinding', 'text', 18],
  ['Kualitas Lantai', 'text', 18],
  ['Daya Listrik Terpasang', 'text', 14],
  ['Pensasaran', 'text', 14],
]);

export const AGE_BAND_HEADERS = ['Usia < 7 Tahun', 'Usia 7-12 Tahun', 'Usia 13-15 Tahun', 'Usia 16-18 Tahun', 'Usia 19-21 Tahun', 'Usia 22-59 Tahun', 'Usia 60+ Tahun'] as const;
/** Upper bound (inclusive) of each age band above. */
export const AGE_BAND_MAX = [6, 12, 15, 18, 21, 59, 200] as const;

export const P3KE_INDIVIDU = spec('p3ke_individu', 'p3ke_individu', [
  ['ID Keluarga P3KE', 'text', 20],
  ...REGION,
  ['Kode Kemdagri', 'code', 15],
  ['Desil Kesejahteraan', 'int', 10],
  ['Alamat', 'text', 30],
  ['ID Individu', 'text', 22],
  ['Nama', 'text', 28],
  ['NIK', 'digits', 19],
  ['Padan Dukcapil', 'text', 12],
  ['Jenis Kelamin', 'text', 12],
  ['Hubungan dengan Kepala Keluarga', 'text', 16],
  ['Tanggal Lahir', 'text', 12],
  ['Status Kawin', 'text', 12],
  ['Pekerjaan', 'text', 18],
  ['Pendidikan', 'text', 22],
  ...AGE_BAND_HEADERS.map((h) => [h, 'text', 8] as const),
  ...RECEIPT_COLUMNS,
]);

export const DTKS = spec('dtks', 'dtks', [
  ['ID DTKS', 'text', 17],
  ...REGION,
  ['Alamat', 'text', 26],
  ['Dusun', 'text', 12],
  ['RT', 'text', 5],
  ['RW', 'text', 5],
  ['Nomor KK', 'digits', 19],
  ['Nomor NIK', 'digits', 19],
  ['Nama', 'text', 28],
  ['Tanggal Lahir', 'dateIso', 12],
  ['Tempat Lahir', 'text', 16],
  ['Jenis Kelamin', 'text', 12],
  ['Nama Ibu Kandung', 'text', 26],
  ['Hubungan Keluarga', 'text', 20],
]);

export const DTSEN_KELUARGA = spec('dtsen_keluarga', 'dtsen_keluarga', [
  ...REGION,
  ['Tahun Pendataan', 'int', 9],
  ['Desil', 'int', 6],
  ['Persentil', 'int', 8],
  ['Alamat', 'text', 30],
  ['Nama Kepala Keluarga', 'text', 28],
  ['NIK Keluarga', 'digits', 19],
  ['NIK (Kepala Keluarga) Padan', 'digits', 19],
  ['Kualitas Dinding', 'text', 18],
  ['Jenis Lantai', 'text', 18],
  ['Kualitas Lantai', 'text', 18],
  ['Bahan Bakar Memasak', 'text', 16],
  ['Sumber Penerangan', 'text', 20],
  ['Daya Listrik Terpasang', 'text', 14],
  ['Sumber Air Minum', 'text', 22],
  ['Memiliki Fasilitas Buang Air Besar', 'text', 16],
  ['Resiko Stunting', 'text', 24],
  ['Penerima BPNT', 'text', 9],
  ['Penerima BST', 'text', 9],
]);

export const PROGRAM_RTLH = spec('program_rtlh', 'program', [
  ['No', 'int', 6],
  ['NIK', 'digits', 19],
  ['No KK', 'digits', 19],
  ['Nama', 'text', 28],
  ['Desa/Kelurahan', 'text', 20],
  ['Kecamatan', 'text', 20],
  ['Kabupaten/Kota', 'text', 24],
  ['Kode Wilayah', 'code', 15],
  ['Program', 'text', 36],
  ['Tahun', 'int', 7],
  ['Nilai Bantuan (Rp)', 'int', 14],
  ['Satuan', 'text', 8],
]);

export const PROGRAM_PKH = spec('program_pkh', 'program', [
  ['No', 'int', 6],
  ['NIK', 'digits', 19],
  ['No KK', 'digits', 19],
  ['Nama Pengurus', 'text', 28],
  ['Alamat', 'text', 30],
  ['Desa/Kelurahan', 'text', 20],
  ['Kecamatan', 'text', 20],
  ['Kabupaten/Kota', 'text', 24],
  ['Kode Wilayah', 'code', 12],
  ['Program', 'text', 10],
  ['Tahun', 'int', 7],
  ['Komponen', 'text', 30],
  ['Nilai Bantuan (Rp)', 'int', 14],
]);

export const INDICATOR = spec('indicator', 'indicator', [
  ['Kode Wilayah', 'code', 12],
  ['Kabupaten/Kota', 'text', 28],
  ['Indikator', 'text', 52],
  ['Periode', 'text', 9],
  ['Nilai', 'decimal', 10],
  ['Satuan', 'text', 10],
  ['Sumber', 'text', 34],
]);

export const TABLES: readonly TableSpec[] = [P3KE_KELUARGA, P3KE_INDIVIDU, DTKS, DTSEN_KELUARGA, PROGRAM_RTLH, PROGRAM_PKH, INDICATOR];

export function columnIndex(table: TableSpec, header: string): number {
  const i = table.headers.indexOf(header);
  if (i < 0) throw new Error(`${table.key} has no column ${header}`);
  return i;
}

/** One generated file: which table, which format, and (for CSV) which dialect. */
export interface FileSpec {
  readonly name: string;
  readonly table: TableSpec;
  readonly format: 'csv' | 'xlsx';
  readonly csv?: CsvOptions;
  /** Files that exist in one format only are written whatever `formats` asks for. */
  readonly always: boolean;
}

export const FILES: readonly FileSpec[] = [
  { name: 'p3ke-keluarga.xlsx', table: P3KE_KELUARGA, format: 'xlsx', always: false },
  { name: 'p3ke-keluarga.csv', table: P3KE_KELUARGA, format: 'csv', csv: { delimiter: ',', bom: false, eol: '\r\n' }, always: false },
  { name: 'p3ke-individu.xlsx', table: P3KE_INDIVIDU, format: 'xlsx', always: false },
  { name: 'p3ke-individu.csv', table: P3KE_INDIVIDU, format: 'csv', csv: { delimiter: ',', bom: false, eol: '\n' }, always: false },
  { name: 'dtks.xlsx', table: DTKS, format: 'xlsx', always: false },
  { name: 'dtks.csv', table: DTKS, format: 'csv', csv: { delimiter: ';', bom: true, eol: '\r\n' }, always: false },
  { name: 'dtsen-keluarga.xlsx', table: DTSEN_KELUARGA, format: 'xlsx', always: false },
  { name: 'dtsen-keluarga.csv', table: DTSEN_KELUARGA, format: 'csv', csv: { delimiter: ',', bom: true, eol: '\n' }, always: false },
  { name: 'program-rtlh-2025.xlsx', table: PROGRAM_RTLH, format: 'xlsx', always: true },
  { name: 'program-pkh-2025.csv', table: PROGRAM_PKH, format: 'csv', csv: { delimiter: ';', bom: false, eol: '\r\n' }, always: true },
  { name: 'indikator-kabupaten.xlsx', table: INDICATOR, format: 'xlsx', always: true },
];

/** The file whose values the warehouse loader stores for each table (DOMAIN: "what the CSV carries"). */
export const LOAD_FILE: Readonly<Record<TableKey, string>> = {
  p3ke_keluarga: 'p3ke-keluarga.csv',
  p3ke_individu: 'p3ke-individu.csv',
  dtks: 'dtks.csv',
  dtsen_keluarga: 'dtsen-keluarga.csv',
  program_rtlh: 'program-rtlh-2025.xlsx',
  program_pkh: 'program-pkh-2025.csv',
  indicator: 'indikator-kabupaten.xlsx',
};
