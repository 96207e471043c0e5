/**
 * DTSEN / Regsosek files (DOMAIN.md §2.5): family files much like P3KE's, with desil 1–10, a
 * percentile and the survey year; region names follow BPS spelling and any code column is a BPS
 * code unless it says Kemendagri.
 *
 * In the family file `NIK Keluarga` holds the No KK and `NIK (Kepala Keluarga) Padan` the head's
 * NIK. A bare `Kode Wilayah` is deliberately not read as `region_code` here: in a BPS file it is a
 * BPS code, and reading it as Kemendagri would place families in the wrong village without a word.
 * It stays an unknown column (kept in `extra`) until the planner maps it.
 */
import type { SourceTemplate } from '../fields.ts';
import {
  ADDRESS, DESIL, HOUSING, MEMBERS, PADAN, PERCENTILE, RECEIPT_FLAGS,
  REGION_CODE, REGION_CODE_BPS, REGION_NAMES, REGSOSEK_RECEIPT_FLAGS, STUNTING, SURVEY_YEAR, def, template, withHeaders,
} from './common.ts';

/** Only explicitly Kemendagri code headers (see above). */
export const KEMENDAGRI_CODE = withHeaders(REGION_CODE, ['Kode Kemendagri', 'Kode Kemdagri', 'Kode Wilayah Kemendagri', 'Kode Desa Kemendagri', 'Kode Wilayah (Kemendagri)']);

export const DTSEN_FAMILY_ID_HEADERS = ['ID Keluarga', 'ID DTSEN', 'ID Keluarga DTSEN', 'ID Keluarga Regsosek', 'IDKEL'];

/** `NIK Keluarga` is the family card number in DTSEN files. */
export const DTSEN_KK = def('kk', 'kk', 'No KK', 'Family card number', ['NIK Keluarga', 'No KK', 'Nomor KK', 'NoKK', 'No Kartu Keluarga', 'Nomor Kartu Keluarga', 'NKK']);

export const DTSEN_KELUARGA_TEMPLATE: SourceTemplate = template({
  source: 'dtsen_keluarga',
  table: 'family',
  id: 'DTSEN keluarga',
  en: 'DTSEN families',
  desilRange: [1, 10],
  // A family row is identified by its card number or its head; without any of them it is noise.
  requiredAnyOf: [['kk', 'head_nik', 'head_name']],
  fields: [
    def('source_id', 'id', 'ID keluarga DTSEN', 'DTSEN family id', DTSEN_FAMILY_ID_HEADERS),
    ...REGION_NAMES,
    REGION_CODE_BPS,
    KEMENDAGRI_CODE,
    SURVEY_YEAR,
    DESIL,
    PERCENTILE,
    ADDRESS,
    // Not the bare `Kepala Keluarga` / `NIK` of P3KE: they would blur the two family sources.
    def('head_name', 'name', 'Nama kepala keluarga', 'Head of family', ['Nama Kepala Keluarga', 'Nama KK', 'Nama Kepala Rumah Tangga']),
    DTSEN_KK,
    def('head_nik', 'nik', 'NIK kepala keluarga', 'Head NIK', [
      'NIK (Kepala Keluarga) Padan', 'NIK Kepala Keluarga Padan', 'NIK Kepala Keluarga', 'NIK Padan Kepala Keluarga', 'NIK KRT',
    ]),
    PADAN,
    MEMBERS,
    ...HOUSING,
    STUNTING,
    ...RECEIPT_FLAGS,
    ...REGSOSEK_RECEIPT_FLAGS,
  ],
});
