/**
 * P3KE individual file (DOMAIN.md §2.2): one row per family member, the head first.
 *
 * The age-band Ya/Tidak columns differ by vintage (`< 7, 7-12, 13-15, 16-18, 19-21, 22-59, 60+` in
 * one, `< 5, 6-12, 13-15, 16-18, 19-59, 60+` in the other). The person table has no columns for
 * them, nor for the `Penerima …` flags and the stunting risk: all of these go to the row's `extra`
 * under the field keys below (`age_lt7` …, `rcv_bpnt` …, `stunting_risk`). Birth date is kept, so
 * bands can be recomputed; the flags are kept because they are what the source said.
 */
import { RECEIPT } from '../../model/codebook.ts';
import type { SourceTemplate } from '../fields.ts';
import type { FieldDef } from './common.ts';
import {
  ADDRESS, BIRTH_DATE, BIRTH_PLACE, DESIL, EDUCATION_FIELD, KK, MARITAL_FIELD, OCCUPATION_FIELD, PADAN, PENSASARAN, RECEIPT_FLAGS, REGION_CODE,
  REGION_NAMES, RELATION_FIELD, SEX_FIELD, STUNTING, def, template,
} from './common.ts';
import { P3KE_FAMILY_ID_HEADERS } from './p3ke-keluarga.ts';

function band(key: string, label: string, headers: readonly string[]): FieldDef {
  return def(key, 'yesno', `Usia ${label} tahun`, `Age ${label}`, headers, { codebook: RECEIPT });
}

/** Spellings of a band `a-b`: `Usia 7-12 Tahun`, `7-12 Tahun`, `Usia 7 - 12`, `Umur 7-12 Tahun`. */
function range(a: number, b: number): string[] {
  return [`Usia ${a}-${b} Tahun`, `${a}-${b} Tahun`, `Usia ${a}-${b}`, `Umur ${a}-${b} Tahun`, `Usia ${a}-${b} Thn`, `Usia ${a} s/d ${b} Tahun`];
}

/** Both vintages' bands; `< 7` and `< 5` style bands also appear as `0-6` and `0-4`. */
export const AGE_BANDS: readonly FieldDef[] = [
  band('age_lt7', '< 7', ['Usia < 7 Tahun', 'Usia <7 Tahun', 'Usia < 7', '< 7 Tahun', 'Usia Kurang dari 7 Tahun', 'Umur < 7 Tahun', ...range(0, 6)]),
  band('age_7_12', '7–12', range(7, 12)),
  band('age_13_15', '13–15', range(13, 15)),
  band('age_16_18', '16–18', range(16, 18)),
  band('age_19_21', '19–21', range(19, 21)),
  band('age_22_59', '22–59', range(22, 59)),
  band('age_60_plus', '60+', [
    'Usia 60+ Tahun', 'Usia 60+', '60+ Tahun', 'Usia > 60 Tahun', '> 60 Tahun', 'Usia >= 60 Tahun', 'Usia 60 Tahun Keatas', 'Usia 60 Tahun ke Atas',
    'Usia ≥ 60 Tahun', 'Umur 60+ Tahun', 'Usia Lebih dari 60 Tahun', 'Usia 60 Tahun Lebih',
  ]),
  band('age_lt5', '< 5', ['Usia < 5 Tahun', 'Usia <5 Tahun', 'Usia < 5', '< 5 Tahun', 'Usia Kurang dari 5 Tahun', 'Umur < 5 Tahun', ...range(0, 4), ...range(0, 5)]),
  band('age_6_12', '6–12', range(6, 12)),
  band('age_19_59', '19–59', range(19, 59)),
];

export const P3KE_INDIVIDU_TEMPLATE: SourceTemplate = template({
  source: 'p3ke_individu',
  table: 'person',
  id: 'P3KE individu',
  en: 'P3KE individuals',
  desilRange: [1, 4],
  fields: [
    def('family_source_id', 'id', 'ID keluarga P3KE', 'P3KE family id', P3KE_FAMILY_ID_HEADERS, { required: true }),
    ...REGION_NAMES,
    REGION_CODE,
    DESIL,
    ADDRESS,
    def('source_id', 'id', 'ID individu P3KE', 'P3KE person id', ['ID Individu', 'ID Individu P3KE', 'IDIndividu', 'ID ART', 'Id_Individu']),
    def('name', 'name', 'Nama', 'Name', ['Nama', 'Nama Lengkap', 'Nama Individu', 'Nama Anggota Keluarga', 'Nama ART'], { required: true }),
    def('nik', 'nik', 'NIK', 'NIK', ['NIK', 'NIK Individu', 'No NIK', 'NIK ART']),
    KK,
    PADAN,
    SEX_FIELD,
    RELATION_FIELD,
    BIRTH_DATE,
    BIRTH_PLACE,
    MARITAL_FIELD,
    OCCUPATION_FIELD,
    EDUCATION_FIELD,
    ...AGE_BANDS,
    ...RECEIPT_FLAGS,
    STUNTING,
    PENSASARAN,
  ],
});
