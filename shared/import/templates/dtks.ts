/**
 * DTKS (Kemensos, SIKS-NG export) and the older BDT files with short-code headers (DOMAIN.md §2.4).
 *
 * Rows are persons. `ID DTKS` and BDT `IDBDT` identify the household (rumah tangga), repeated on
 * every member's row, so they are the person's `family_source_id`; BDT `IDARTBDT` is the person id.
 * BDT region columns are code segments (`KDPROP` 2 digits … `KDDESA` 3 digits, BPS numbering) and
 * go to `extra`; the loader can assemble them through the BPS crosswalk.
 *
 * BDT codes numerically what SIKS-NG writes as labels. Where the numbering is certain it is added
 * to the label codebook, so one field reads both vintages: `JnsKel` 1/2 (the `sex` kind already
 * reads 1/2), `HubKRT` 1 kepala rumah tangga, 2 istri/suami, 3 anak, 4 menantu, 5 cucu, 6 orang
 * tua/mertua, 7 pembantu, 8 lainnya, and `Sta_kawin` 1 belum kawin, 2 kawin, 3 cerai hidup, 4 cerai
 * mati. The other BDT coded items are kept as their integer codes in `extra`.
 */
import type { Category, Codebook } from '../../model/codebook.ts';
import { MARITAL, RECEIPT, RELATION } from '../../model/codebook.ts';
import type { SourceTemplate } from '../fields.ts';
import type { FieldDef } from './common.ts';
import {
  ADDRESS, BIRTH_DATE, BIRTH_PLACE, DESIL, KK, MARITAL_FIELD, PERCENTILE, REGION_CODE, REGION_NAMES, RELATION_FIELD, SEX_FIELD, def, template, withHeaders,
} from './common.ts';

/** A codebook with extra labels on some categories (BDT digits next to SIKS-NG words). */
function withLabels(book: Codebook, key: string, extra: Readonly<Record<number, readonly string[]>>): Codebook {
  const categories: Category[] = book.categories.map((c) => ({ ...c, labels: [...c.labels, ...(extra[c.code] ?? [])] }));
  return { ...book, key, categories };
}

/** RELATION codes: 1 kepala, 2 pasangan, 3 anak, 4 lainnya. */
export const DTKS_RELATION = withLabels(RELATION, 'hubungan_dtks', { 1: ['1'], 2: ['2'], 3: ['3'], 4: ['4', '5', '6', '7', '8', 'PEMBANTU', 'MERTUA', 'ORANG TUA/MERTUA'] });
/** MARITAL codes equal the BDT numbering. */
export const DTKS_MARITAL = withLabels(MARITAL, 'status_kawin_dtks', { 1: ['1'], 2: ['2'], 3: ['3'], 4: ['4'] });

function bdtCode(key: string, id: string, en: string, headers: readonly string[]): FieldDef {
  return def(key, 'integer', id, en, headers);
}

/**
 * BDT `Ada_*` program flags. Whether BDT writes 1/0 or 1/2 for yes/no is not documented here; the
 * `yesno` kind reads 1/0 and flags anything else, so a 1/2 file shows up in the report instead of
 * being misread.
 */
function bdtFlag(key: string, program: string, headers: readonly string[]): FieldDef {
  return def(key, 'yesno', `Memiliki/menerima ${program}`, `Has/receives ${program}`, headers, { codebook: RECEIPT });
}

export const DTKS_TEMPLATE: SourceTemplate = template({
  source: 'dtks',
  table: 'person',
  id: 'DTKS',
  en: 'DTKS',
  // DTKS/BDT desil comes from the welfare percentile 1–40 (DOMAIN.md §2.4).
  desilRange: [1, 4],
  fields: [
    def('family_source_id', 'id', 'ID DTKS (rumah tangga)', 'DTKS household id', ['ID DTKS', 'IDBDT', 'ID BDT', 'ID Rumah Tangga', 'ID Ruta', 'IDRUTA', 'ID DTKS Rumah Tangga']),
    def('source_id', 'id', 'ID anggota rumah tangga', 'Household member id', ['IDARTBDT', 'ID ART', 'ID ART DTKS', 'ID ART BDT', 'ID Anggota Rumah Tangga', 'ID Individu', 'ID DTKS ART']),
    ...REGION_NAMES,
    def('province_code', 'id', 'Kode provinsi', 'Province code', ['KDPROP', 'Kode Provinsi', 'Kode Prop', 'KD PROP']),
    def('regency_code', 'id', 'Kode kabupaten/kota', 'Regency code', ['KDKAB', 'Kode Kabupaten', 'Kode Kab', 'Kode Kabupaten/Kota', 'KD KAB']),
    def('district_code', 'id', 'Kode kecamatan', 'District code', ['KDKEC', 'Kode Kecamatan', 'Kode Kec', 'KD KEC']),
    def('village_code', 'id', 'Kode desa (segmen)', 'Village code segment', ['KDDESA', 'KDKEL', 'KD DESA']),
    withHeaders(REGION_CODE, ['Kode Wilayah', 'Kode Kemendagri', 'Kode Kemdagri', 'kd_wilayah', 'Kode Wilayah Kemendagri']),
    ADDRESS,
    def('hamlet', 'text', 'Dusun', 'Hamlet', ['Dusun', 'Nama Dusun', 'Dusun/Lingkungan', 'Lingkungan']),
    def('rt', 'text', 'RT', 'RT (neighbourhood)', ['RT', 'No RT']),
    def('rw', 'text', 'RW', 'RW (hamlet unit)', ['RW', 'No RW']),
    KK,
    def('nik', 'nik', 'NIK', 'NIK', ['Nomor NIK', 'NIK', 'No NIK', 'NIK KTP', 'NIK ART']),
    def('name', 'name', 'Nama', 'Name', ['Nama', 'Nama Lengkap', 'Nama ART', 'Nama Anggota Rumah Tangga', 'Nama Anggota Keluarga'], { required: true }),
    BIRTH_DATE,
    BIRTH_PLACE,
    SEX_FIELD,
    def('mother_name', 'name', 'Nama ibu kandung', 'Mother’s name', ['Nama Ibu Kandung', 'Ibu Kandung', 'namagadis_ibukandung', 'Nama Gadis Ibu Kandung', 'Nama Ibu']),
    { ...RELATION_FIELD, codebook: DTKS_RELATION, headers: [...RELATION_FIELD.headers, 'HubKRT', 'Hub_KRT', 'Hub KRT'] },
    { ...MARITAL_FIELD, codebook: DTKS_MARITAL },
    DESIL,
    PERCENTILE,
    bdtCode('family_relation', 'Hubungan dengan kepala keluarga (kode BDT)', 'Relation to family head (BDT code)', ['Hubkel', 'Hub_Kel']),
    bdtCode('family_no', 'Nomor urut keluarga', 'Family number within household', ['NUK', 'No Urut Keluarga']),
    bdtCode('age', 'Umur', 'Age', ['Umur', 'Usia', 'Umur (Tahun)']),
    bdtCode('has_marriage_cert', 'Memiliki akta nikah (kode)', 'Has marriage certificate (code)', ['Ada_akta_nikah']),
    bdtCode('in_kk', 'Tercantum di KK (kode)', 'Listed on the family card (code)', ['Ada_diKK']),
    bdtCode('has_id_card', 'Memiliki kartu identitas (kode)', 'Has an identity card (code)', ['Ada_kartu_identitas']),
    bdtCode('pregnant', 'Status hamil (kode)', 'Pregnant (code)', ['Sta_hamil']),
    bdtCode('disability', 'Jenis cacat (kode)', 'Disability (code)', ['Jenis_cacat']),
    bdtCode('chronic_disease', 'Penyakit kronis (kode)', 'Chronic disease (code)', ['Penyakit_kronis']),
    bdtCode('school_participation', 'Partisipasi sekolah (kode)', 'School participation (code)', ['Partisipasi_sekolah']),
    bdtCode('education_level', 'Pendidikan tertinggi (kode)', 'Highest schooling (code)', ['Pendidikan_tertinggi']),
    bdtCode('highest_grade', 'Kelas tertinggi (kode)', 'Highest grade (code)', ['Kelas_tertinggi']),
    bdtCode('highest_diploma', 'Ijazah tertinggi (kode)', 'Highest diploma (code)', ['Ijazah_tertinggi']),
    bdtCode('working', 'Status bekerja (kode)', 'Working (code)', ['Sta_Bekerja']),
    bdtCode('work_hours', 'Jumlah jam kerja', 'Hours worked', ['Jumlah_jamkerja']),
    bdtCode('industry', 'Lapangan usaha (kode)', 'Industry (code)', ['Lapangan_usaha']),
    bdtCode('employment_status', 'Status pekerjaan (kode)', 'Employment status (code)', ['Status_pekerjaan']),
    bdtCode('presence_status', 'Status keberadaan ART (kode)', 'Presence in household (code)', ['Sta_keberadaan_art']),
    bdtCode('pbi_status', 'Status kepesertaan PBI (kode)', 'PBI membership (code)', ['Sta_kepesertaan_pbi']),
    bdtCode('child_outside_household', 'Anak di luar rumah tangga (kode)', 'Child living outside the household (code)', ['Anak_diluar_rt']),
    def('pkh_member_no', 'id', 'Nomor peserta PKH', 'PKH participant number', ['NoPesertaPKH', 'No Peserta PKH', 'Nomor Peserta PKH']),
    bdtFlag('rcv_kks', 'KKS', ['Ada_kks', 'Penerima KKS']),
    bdtFlag('rcv_pbi', 'PBI JKN', ['Ada_pbi', 'Penerima PBI', 'Penerima PBI JKN']),
    bdtFlag('rcv_kip', 'KIP', ['Ada_kip', 'Penerima KIP', 'Penerima PIP']),
    bdtFlag('rcv_pkh', 'PKH', ['Ada_pkh', 'Penerima PKH']),
    bdtFlag('rcv_bpnt', 'BPNT', ['Ada_BPNT', 'Penerima BPNT']),
  ],
});
