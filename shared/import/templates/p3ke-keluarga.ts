/**
 * P3KE family file (DOMAIN.md §2.1). Covers the 2022 header (no quality/power columns), the later
 * vintages that add `Kualitas Atap/Dinding/Lantai` and `Daya Listrik Terpasang`, the trailing
 * `Pensasaran`, and the spellings regional copies use (`ID Keluarga`, `Nama Kepala Keluarga`,
 * `Padan DUKCAPIL`, `Risiko Stunting`, `Penerima BNBT` …). In the family file the person columns
 * (NIK, sex, birth date, occupation, education) describe the head of the family.
 */
import { SEX } from '../../model/codebook.ts';
import type { SourceTemplate } from '../fields.ts';
import {
  ADDRESS, BIRTH_DATE, DESIL, EDUCATION_FIELD, HOUSING, KK, MEMBERS, OCCUPATION_FIELD, PADAN, PENSASARAN, RECEIPT_FLAGS, REGION_CODE, REGION_NAMES,
  SEX_FIELD, STUNTING, def, template, withHeaders,
} from './common.ts';

/** `ID Keluarga P3KE`: the family record id, shared by the family and individual files. */
export const P3KE_FAMILY_ID_HEADERS = ['ID Keluarga P3KE', 'ID Keluarga', 'IDKeluarga', 'ID Kel P3KE', 'ID P3KE', 'ID Keluarga (P3KE)', 'Id_Keluarga'] as const;

export const P3KE_KELUARGA_TEMPLATE: SourceTemplate = template({
  source: 'p3ke_keluarga',
  table: 'family',
  id: 'P3KE keluarga',
  en: 'P3KE families',
  desilRange: [1, 4],
  fields: [
    def('source_id', 'id', 'ID keluarga P3KE', 'P3KE family id', P3KE_FAMILY_ID_HEADERS, { required: true }),
    ...REGION_NAMES,
    REGION_CODE,
    DESIL,
    ADDRESS,
    def('head_name', 'name', 'Nama kepala keluarga', 'Head of family', ['Kepala Keluarga', 'Nama Kepala Keluarga', 'Nama KK', 'Nama Kepala Rumah Tangga', 'Nama KRT']),
    def('head_nik', 'nik', 'NIK kepala keluarga', 'Head NIK', ['NIK', 'NIK Kepala Keluarga', 'NIK KRT', 'NIK Kepala Rumah Tangga', 'No NIK']),
    KK,
    PADAN,
    def('head_sex', 'sex', 'Jenis kelamin kepala keluarga', 'Head sex', [...SEX_FIELD.headers, 'Jenis Kelamin Kepala Keluarga'], { codebook: SEX }),
    def('head_birth', 'date', 'Tanggal lahir kepala keluarga', 'Head birth date', [...BIRTH_DATE.headers, 'Tanggal Lahir Kepala Keluarga']),
    withHeaders(OCCUPATION_FIELD, [...OCCUPATION_FIELD.headers, 'Pekerjaan Kepala Keluarga']),
    withHeaders(EDUCATION_FIELD, [...EDUCATION_FIELD.headers, 'Pendidikan Kepala Keluarga']),
    MEMBERS,
    ...HOUSING,
    ...RECEIPT_FLAGS,
    STUNTING,
    PENSASARAN,
  ],
});
