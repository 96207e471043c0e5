import type { ImportProgress } from '../../../../shared/contracts/events.ts';
import type { FieldOption, PreviewRow } from '../../../../shared/contracts/imports.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { ISSUE_KINDS, type IssueKind, type Severity } from '../../../../shared/import/issues.ts';
import type { I18n } from '../../i18n/I18nProvider.tsx';

export const SEVERITY_LABEL: Readonly<Record<Severity, UiKey>> = {
  error: 'import.severity.error',
  warning: 'import.severity.warning',
  info: 'import.severity.info',
};

export const STATUS_LABEL: Readonly<Record<PreviewRow['status'], UiKey>> = {
  ok: 'import.rowStatus.ok',
  warning: 'import.rowStatus.warning',
  rejected: 'import.rowStatus.rejected',
};

export const PHASE_LABEL: Readonly<Record<ImportProgress['phase'], UiKey>> = {
  reading: 'import.phase.reading',
  writing: 'import.phase.writing',
  finishing: 'import.phase.finishing',
  cancelling: 'import.phase.cancelling',
};

/** Short names of the issue kinds for tables and counts; the warehouse's full messages go beside them. */
// Keyed by string, not IssueKind: a kind added to or renamed in the catalogue must not break the build.
const KIND_LABEL: Readonly<Record<string, UiKey | undefined>> = {
  nik_empty: 'issue.nik_empty',
  nik_placeholder: 'issue.nik_placeholder',
  nik_excel_damaged: 'issue.nik_excel_damaged',
  nik_not_digits: 'issue.nik_not_digits',
  nik_length: 'issue.nik_length',
  nik_bad_region: 'issue.nik_bad_region',
  nik_bad_date: 'issue.nik_bad_date',
  nik_sex_mismatch: 'issue.nik_sex_mismatch',
  nik_birth_mismatch: 'issue.nik_birth_mismatch',
  nik_birth_swapped: 'issue.nik_birth_swapped',
  kk_empty: 'issue.kk_empty',
  kk_placeholder: 'issue.kk_placeholder',
  kk_excel_damaged: 'issue.kk_excel_damaged',
  kk_not_digits: 'issue.kk_not_digits',
  kk_length: 'issue.kk_length',
  kk_bad_region: 'issue.kk_bad_region',
  id_excel_damaged: 'issue.id_excel_damaged',
  duplicate_id: 'issue.duplicate_id',
  duplicate_nik: 'issue.duplicate_nik',
  region_invalid: 'issue.region_invalid',
  region_unknown: 'issue.region_unknown',
  region_outside_province: 'issue.region_outside_province',
  region_level: 'issue.region_level',
  region_bps_invalid: 'issue.region_bps_invalid',
  region_bps_no_crosswalk: 'issue.region_bps_no_crosswalk',
  desil_invalid: 'issue.desil_invalid',
  desil_out_of_range: 'issue.desil_out_of_range',
  date_invalid: 'issue.date_invalid',
  date_year_only: 'issue.date_year_only',
  date_future: 'issue.date_future',
  label_unknown: 'issue.label_unknown',
  number_invalid: 'issue.number_invalid',
  number_not_integer: 'issue.number_not_integer',
  year_invalid: 'issue.year_invalid',
  required_missing: 'issue.required_missing',
  total_row_skipped: 'issue.total_row_skipped',
  sign_off_skipped: 'issue.sign_off_skipped',
  footnote_skipped: 'issue.footnote_skipped',
  column_numbers_skipped: 'issue.column_numbers_skipped',
  repeated_header_skipped: 'issue.repeated_header_skipped',
  name_cleaned: 'issue.name_cleaned',
};

/** Kinds that mean an identity number lost digits in Excel: shown in their own callout. */
export const EXCEL_DAMAGE_KINDS: ReadonlySet<string> = new Set<IssueKind>(['nik_excel_damaged', 'kk_excel_damaged', 'id_excel_damaged']);

/**
 * The short name of an issue kind. A kind the dictionary does not know yet (the catalogue grows
 * with the pipeline) falls back to the opening words of its message, placeholders removed.
 */
export function kindLabel(i18n: Pick<I18n, 't' | 'lang'>, kind: string): string {
  const key = KIND_LABEL[kind];
  if (key) return i18n.t(key);
  const spec = (ISSUE_KINDS as Readonly<Record<string, { readonly id: string; readonly en: string } | undefined>>)[kind];
  if (!spec) return kind;
  const text = spec[i18n.lang]
    .split(/[:;.]/)[0]
    ?.replace(/\s*\([^)]*\{[^}]+\}[^)]*\)/g, '')
    .replace(/\{[^}]+\}\s*/g, '')
    .trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : kind;
}

export function severityOrder(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

/** `3 dtk`, `2 mnt 05 dtk`, `1 j 04 mnt`. */
export function formatDuration(t: I18n['t'], seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.seconds', { s });
  if (s < 3600) return t('time.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return t('time.hours', { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

/** `830 byte`, `12,4 KB`, `1,2 MB`, `2,1 GB` (powers of 1024, as file managers show them). */
export function formatBytes(i18n: Pick<I18n, 'num'>, bytes: number): string {
  if (bytes < 1024) return `${i18n.num(bytes)} byte`;
  const units = ['KB', 'MB', 'GB'] as const;
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${i18n.num(v, v < 10 ? 1 : 0)} ${units[u] ?? 'GB'}`;
}

/** A field's label in the current language, marked when the template requires it. */
export function fieldLabel(i18n: Pick<I18n, 'label'>, field: FieldOption): string {
  return `${i18n.label(field)}${field.required ? ' *' : ''}`;
}
