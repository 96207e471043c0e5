/**
 * The warehouse columns each target table has for imported values (migration 001): a template
 * field whose key is listed here fills that column, any other field goes to the row's `extra`
 * JSON under its key. Kept here because shared/ cannot import the migration; a test compares the
 * two.
 */
import type { FieldSpec, SourceTemplate, TargetTable } from '../fields.ts';

export const TABLE_COLUMNS: Readonly<Record<TargetTable, readonly string[]>> = {
  family: [
    'source_id', 'region_code', 'kk', 'head_nik', 'head_name', 'head_sex', 'head_birth', 'address', 'desil', 'percentile', 'members',
    'house_ownership', 'roof', 'wall', 'floor', 'roof_quality', 'wall_quality', 'floor_quality', 'lighting', 'power', 'fuel', 'water', 'toilet',
    'stunting_risk', 'savings', 'padan', 'occupation', 'education', 'rcv_bpnt', 'rcv_bpum', 'rcv_bst', 'rcv_pkh', 'rcv_sembako',
  ],
  person: [
    'source_id', 'family_source_id', 'region_code', 'kk', 'nik', 'name', 'sex', 'birth_date', 'birth_place', 'mother_name', 'relation', 'marital',
    'occupation', 'education', 'desil', 'padan',
  ],
  program_recipient: ['nik', 'kk', 'name', 'region_code', 'program', 'year', 'amount', 'unit'],
  indicator_value: ['region_code', 'indicator', 'period', 'value', 'unit', 'source'],
};

const COLUMN_SETS = new Map<TargetTable, ReadonlySet<string>>(
  (Object.keys(TABLE_COLUMNS) as TargetTable[]).map((t) => [t, new Set(TABLE_COLUMNS[t])]),
);

/** True when the field fills a column of the template's table; false when it goes to `extra`. */
export function isColumnField(template: Pick<SourceTemplate, 'table'>, key: string): boolean {
  return COLUMN_SETS.get(template.table)?.has(key) ?? false;
}

/** The template's fields stored in `extra` rather than in a column. */
export function extraFields(template: SourceTemplate): readonly FieldSpec[] {
  return template.fields.filter((f) => !isColumnField(template, f.key));
}
