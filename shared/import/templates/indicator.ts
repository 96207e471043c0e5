/**
 * Sectoral indicator tables (DOMAIN.md §2.6): one value per region per period, with unit and source.
 * The region is named by code or by name (the loader resolves a name to a code), so a row needs one
 * of them. Long tables only: a wide table with one column per year has to be unpivoted first.
 */
import type { SourceTemplate } from '../fields.ts';
import { DISTRICT_NAME, PROVINCE_NAME, REGENCY_NAME, REGION_CODE, REGION_CODE_BPS, VILLAGE_NAME, def, template, withHeaders } from './common.ts';

export const INDICATOR_TEMPLATE: SourceTemplate = template({
  source: 'indicator',
  table: 'indicator_value',
  id: 'Indikator sektoral',
  en: 'Sectoral indicators',
  requiredAnyOf: [['region_code', 'region_name', 'province_name', 'regency_name', 'district_name', 'village_name']],
  fields: [
    withHeaders(REGION_CODE, [...REGION_CODE.headers, 'Kode', 'Kode Daerah', 'Kode Kab/Kota', 'Kode Kabupaten/Kota', 'Kode Provinsi/Kabupaten/Kota']),
    REGION_CODE_BPS,
    def('region_name', 'region_name', 'Wilayah', 'Region', ['Wilayah', 'Nama Wilayah', 'Daerah', 'Nama Daerah', 'Provinsi/Kabupaten/Kota', 'Kabupaten/Kota/Provinsi', 'Lokasi']),
    PROVINCE_NAME,
    REGENCY_NAME,
    DISTRICT_NAME,
    VILLAGE_NAME,
    def('indicator', 'text', 'Indikator', 'Indicator', ['Indikator', 'Nama Indikator', 'Uraian', 'Uraian Indikator', 'Variabel', 'Indikator Kinerja', 'Nama Data', 'Elemen Data'], { required: true }),
    def('period', 'text', 'Periode', 'Period', ['Periode', 'Tahun', 'Tahun Data', 'Periode Data', 'Tahun/Periode', 'Waktu', 'Bulan/Tahun'], { required: true }),
    def('value', 'number', 'Nilai', 'Value', ['Nilai', 'Capaian', 'Angka', 'Realisasi', 'Nilai Indikator', 'Data', 'Jumlah', 'Nilai Capaian']),
    def('unit', 'text', 'Satuan', 'Unit', ['Satuan', 'Satuan Indikator', 'Unit', 'Sat']),
    def('source', 'text', 'Sumber', 'Source', ['Sumber', 'Sumber Data', 'Produsen Data', 'Sumber/Produsen Data', 'Walidata', 'Sumber Data (Produsen)']),
    def('definition', 'text', 'Definisi', 'Definition', ['Definisi', 'Definisi Operasional', 'Konsep', 'Konsep/Definisi']),
    def('note', 'text', 'Keterangan', 'Note', ['Keterangan', 'Ket', 'Catatan']),
  ],
});
