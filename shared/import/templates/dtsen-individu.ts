/**
 * DTSEN / Regsosek individual file. The header is an inference (no sample seen): the family file's
 * region and welfare columns (dtsen-keluarga.ts), the P3KE individual person columns and the
 * Regsosek individual items (schooling, disability, chronic disease, health insurance). Person
 * rows have no `rcv_*` columns: the program flags go to `extra`.
 */
import type { SourceTemplate } from '../fields.ts';
import {
  ADDRESS, BIRTH_DATE, BIRTH_PLACE, DESIL, EDUCATION_FIELD, MARITAL_FIELD, OCCUPATION_FIELD, PADAN, PERCENTILE, RECEIPT_FLAGS, REGION_CODE_BPS,
  REGION_NAMES, REGSOSEK_RECEIPT_FLAGS, RELATION_FIELD, SEX_FIELD, STUNTING, SURVEY_YEAR, def, template, withHeaders,
} from './common.ts';
import { DTSEN_FAMILY_ID_HEADERS, DTSEN_KK, KEMENDAGRI_CODE } from './dtsen-keluarga.ts';

export const DTSEN_INDIVIDU_TEMPLATE: SourceTemplate = template({
  source: 'dtsen_individu',
  table: 'person',
  id: 'DTSEN individu',
  en: 'DTSEN individuals',
  desilRange: [1, 10],
  fields: [
    def('family_source_id', 'id', 'ID keluarga DTSEN', 'DTSEN family id', DTSEN_FAMILY_ID_HEADERS),
    def('source_id', 'id', 'ID individu DTSEN', 'DTSEN person id', ['ID Individu', 'ID Individu DTSEN', 'ID ART', 'ID Anggota Keluarga']),
    ...REGION_NAMES,
    REGION_CODE_BPS,
    KEMENDAGRI_CODE,
    SURVEY_YEAR,
    DESIL,
    PERCENTILE,
    ADDRESS,
    DTSEN_KK,
    def('nik', 'nik', 'NIK', 'NIK', ['NIK', 'NIK Padan', 'NIK Individu', 'NIK ART', 'NIK Anggota Keluarga']),
    def('name', 'name', 'Nama', 'Name', ['Nama', 'Nama Lengkap', 'Nama Anggota Keluarga', 'Nama ART', 'Nama Individu'], { required: true }),
    PADAN,
    SEX_FIELD,
    RELATION_FIELD,
    BIRTH_DATE,
    BIRTH_PLACE,
    def('age', 'integer', 'Umur', 'Age', ['Umur', 'Usia', 'Umur (Tahun)']),
    MARITAL_FIELD,
    withHeaders(EDUCATION_FIELD, [...EDUCATION_FIELD.headers, 'Ijazah Tertinggi', 'Jenjang Pendidikan']),
    OCCUPATION_FIELD,
    def('school_participation', 'text', 'Partisipasi sekolah', 'School participation', ['Partisipasi Sekolah', 'Status Sekolah']),
    def('disability', 'text', 'Disabilitas', 'Disability', ['Disabilitas', 'Jenis Disabilitas', 'Status Disabilitas', 'Penyandang Disabilitas']),
    def('chronic_disease', 'text', 'Penyakit kronis', 'Chronic disease', ['Penyakit Kronis', 'Penyakit Kronis/Menahun', 'Keluhan Kesehatan Kronis']),
    def('jkn', 'text', 'Jaminan kesehatan', 'Health insurance', ['Jenis JKN', 'Kepesertaan JKN', 'Jaminan Kesehatan', 'Jenis Jaminan Kesehatan']),
    STUNTING,
    ...RECEIPT_FLAGS,
    ...REGSOSEK_RECEIPT_FLAGS,
  ],
});
