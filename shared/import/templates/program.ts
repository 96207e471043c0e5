/**
 * Program recipient lists from any OPD (DOMAIN.md §2.6): who received which program in which year.
 * Lists identify people by NIK and/or No KK, and some only by name and village, so a row needs any
 * one of the three. `program` is required by the table; when a list has no program column (the
 * whole file is one program) the mapping screen supplies it as a constant.
 *
 * `Jumlah`, `Nominal` and `Nilai Bantuan (Rp)` are the amount in rupiah; `Satuan` is the unit of
 * the aid (`Unit`, `Paket`, `Ekor`), and a separate quantity column (`Volume`) goes to `extra`.
 */
import type { SourceTemplate } from '../fields.ts';
import { ADDRESS, BIRTH_DATE, DESIL, KK, REGION_CODE, REGION_NAMES, SEX_FIELD, def, template, withHeaders } from './common.ts';

export const PROGRAM_TEMPLATE: SourceTemplate = template({
  source: 'program',
  table: 'program_recipient',
  id: 'Daftar penerima program',
  en: 'Program recipient list',
  // Lists that quote a desil quote DTSEN's (1–10).
  desilRange: [1, 10],
  requiredAnyOf: [['nik', 'kk', 'name']],
  fields: [
    def('list_no', 'integer', 'No urut', 'List number', ['No', 'No Urut', 'Nomor Urut', 'No Urt']),
    def('nik', 'nik', 'NIK', 'NIK', [
      'NIK', 'NIK Penerima', 'NIK KTP', 'No NIK', 'NIK Pengurus', 'NIK Kepala Keluarga', 'NIK KRT', 'NIK Penerima Manfaat', 'NIK KPM', 'NIK Pemilik',
    ]),
    withHeaders(KK, [...KK.headers, 'No KK Penerima', 'KK Penerima']),
    def('name', 'name', 'Nama penerima', 'Recipient name', [
      'Nama', 'Nama Penerima', 'Nama Pengurus', 'Nama Lengkap', 'Nama Penerima Manfaat', 'Nama KPM', 'Nama Kepala Keluarga', 'Nama KK', 'Nama Pemilik', 'Nama Penerima Bantuan',
    ]),
    SEX_FIELD,
    BIRTH_DATE,
    ADDRESS,
    ...REGION_NAMES,
    withHeaders(REGION_CODE, [...REGION_CODE.headers, 'Kode Kemendagri Desa']),
    def('program', 'text', 'Program', 'Program', [
      'Program', 'Nama Program', 'Jenis Bantuan', 'Bantuan', 'Nama Bantuan', 'Jenis Program', 'Program Bantuan', 'Kegiatan', 'Nama Kegiatan', 'Jenis Intervensi', 'Intervensi',
    ], { required: true }),
    def('component', 'text', 'Komponen', 'Component', ['Komponen', 'Komponen Bantuan', 'Kategori', 'Kategori Penerima']),
    def('year', 'year', 'Tahun', 'Year', ['Tahun', 'Tahun Anggaran', 'TA', 'Tahun Penerimaan', 'Tahun Bantuan', 'Tahun Penyaluran', 'Tahun Pelaksanaan']),
    def('amount', 'number', 'Nilai bantuan (Rp)', 'Amount (Rp)', [
      'Nilai Bantuan (Rp)', 'Nilai Bantuan', 'Jumlah', 'Nominal', 'Nominal Bantuan', 'Nilai', 'Nilai (Rp)', 'Jumlah (Rp)', 'Jumlah Bantuan', 'Besaran Bantuan', 'Nominal (Rp)',
      'Jumlah Bantuan (Rp)', 'Besar Bantuan', 'Anggaran', 'Pagu',
    ]),
    def('quantity', 'number', 'Volume', 'Quantity', ['Volume', 'Jumlah Unit', 'Kuantitas', 'Qty', 'Vol']),
    def('unit', 'text', 'Satuan', 'Unit', ['Satuan', 'Satuan Bantuan', 'Sat']),
    def('funding_source', 'text', 'Sumber dana', 'Funding source', ['Sumber Dana', 'Sumber Anggaran', 'Sumber Pendanaan']),
    def('agency', 'text', 'Perangkat daerah', 'Agency', ['OPD', 'Perangkat Daerah', 'Instansi', 'Dinas', 'OPD Pelaksana', 'Instansi Pelaksana']),
    DESIL,
    def('note', 'text', 'Keterangan', 'Note', ['Keterangan', 'Ket', 'Catatan']),
  ],
});
