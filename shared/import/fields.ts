/**
 * The vocabulary shared by import templates (which columns a source has), normalisers (how a
 * cell's text becomes a stored value) and the mapping screen (what a planner can map a column to).
 */
import type { Codebook } from '../model/codebook.ts';
import type { SourceKind } from '../model/source.ts';

/** How a cell is read. `category` fields name their codebook. */
export type FieldKind =
  | 'id' // a source record id, kept as text exactly (trimmed)
  | 'nik' // 16-digit NIK, validated, never repaired
  | 'kk' // 16-digit No KK
  | 'region' // Kemendagri region code, dotted or not
  | 'region_bps' // BPS 10-digit code (needs the crosswalk)
  | 'region_name' // a province/kabupaten/kecamatan/desa name
  | 'name' // a person's name: NBSP and repeated spaces removed, original kept
  | 'text' // free text (address, occupation written out …)
  | 'date' // dd/mm/yyyy, yyyy-mm-dd, Indonesian month names, Excel serials
  | 'desil' // integer 1–10 (range checked per source)
  | 'integer'
  | 'number' // decimal comma or point
  | 'year'
  | 'yesno' // Ya/Tidak, Y/T, 1/0 → 1/0
  | 'sex' // L/P, Laki-laki/Perempuan, 1/2 → 1/2
  | 'category'; // a codebook's label → its code

/** Where a field is stored: a column of the target table, or a key inside `extra`. */
export interface FieldSpec {
  /** Stable key, also the target column name in the warehouse table (snake_case). */
  readonly key: string;
  readonly kind: FieldKind;
  /** The codebook for `category` fields. */
  readonly codebook?: Codebook;
  /** Labels for the mapping screen. */
  readonly id: string;
  readonly en: string;
  /** A row without this field is rejected. */
  readonly required?: boolean;
}

/** The warehouse table a source's rows go to. */
export type TargetTable = 'family' | 'person' | 'program_recipient' | 'indicator_value';

export interface SourceTemplate {
  readonly source: SourceKind;
  readonly table: TargetTable;
  readonly id: string;
  readonly en: string;
  readonly fields: readonly FieldSpec[];
  /**
   * Header spellings per field key, across known vintages; compared after `headerKey()`
   * normalisation (case, spacing and punctuation insensitive).
   */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Desil range valid for this source, when it carries desil. */
  readonly desilRange?: readonly [number, number];
  /**
   * Groups of field keys of which a row needs at least one (a recipient list identifies people by
   * NIK and/or No KK or only a name; an indicator table names its region by code or by name).
   */
  readonly requiredAnyOf?: readonly (readonly string[])[];
}

/** Case, spacing and punctuation insensitive form of a header cell: `Kabupaten / Kota ` → `kabupaten kota`. */
export function headerKey(raw: string): string {
  return raw
    .replace(/\u00a0/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/</g, ' lt ')
    .replace(/>/g, ' gt ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
