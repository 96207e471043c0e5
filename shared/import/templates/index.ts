/**
 * The recognised source templates (DOMAIN.md §2): one per source kind, each with every header
 * spelling known across vintages. `detect.ts` matches a file's header against them.
 */
import type { SourceKind } from '../../model/source.ts';
import type { SourceTemplate } from '../fields.ts';
import { DTKS_TEMPLATE } from './dtks.ts';
import { DTSEN_INDIVIDU_TEMPLATE } from './dtsen-individu.ts';
import { DTSEN_KELUARGA_TEMPLATE } from './dtsen-keluarga.ts';
import { INDICATOR_TEMPLATE } from './indicator.ts';
import { P3KE_INDIVIDU_TEMPLATE } from './p3ke-individu.ts';
import { P3KE_KELUARGA_TEMPLATE } from './p3ke-keluarga.ts';
import { PROGRAM_TEMPLATE } from './program.ts';

export { DTKS_TEMPLATE, DTSEN_INDIVIDU_TEMPLATE, DTSEN_KELUARGA_TEMPLATE, INDICATOR_TEMPLATE, P3KE_INDIVIDU_TEMPLATE, P3KE_KELUARGA_TEMPLATE, PROGRAM_TEMPLATE };
export { TABLE_COLUMNS, extraFields, isColumnField } from './columns.ts';

/** Every template, in SOURCE_KINDS order (the order also breaks exact ties in matching). */
export const TEMPLATES: readonly SourceTemplate[] = [
  P3KE_KELUARGA_TEMPLATE,
  P3KE_INDIVIDU_TEMPLATE,
  DTKS_TEMPLATE,
  DTSEN_KELUARGA_TEMPLATE,
  DTSEN_INDIVIDU_TEMPLATE,
  PROGRAM_TEMPLATE,
  INDICATOR_TEMPLATE,
];

const BY_SOURCE = new Map<SourceKind, SourceTemplate>(TEMPLATES.map((t) => [t.source, t]));

export function templateFor(source: SourceKind): SourceTemplate {
  const t = BY_SOURCE.get(source);
  // Every SourceKind has a template (a test checks); reaching this is a programming error.
  if (!t) throw new Error(`no import template for source ${source}`);
  return t;
}
