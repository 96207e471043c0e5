import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { SOURCE_KINDS, type SourceKind } from '../../../../shared/model/source.ts';
import type { SourceCount } from '../../../../shared/contracts/home.ts';

/** Display name of each source kind. */
export const SOURCE_NAME: Readonly<Record<SourceKind, UiKey>> = {
  p3ke_keluarga: 'source.p3ke_keluarga',
  p3ke_individu: 'source.p3ke_individu',
  dtks: 'source.dtks',
  dtsen_keluarga: 'source.dtsen_keluarga',
  dtsen_individu: 'source.dtsen_individu',
  program: 'source.program',
  indicator: 'source.indicator',
};

/**
 * What the `families` figure counts for each kind: families (KK); households for DTKS (it counts
 * rumah tangga, DOMAIN.md §2.4); recipient rows for program lists; values for indicators.
 */
export const UNIT_MAIN: Readonly<Record<SourceKind, UiKey>> = {
  p3ke_keluarga: 'unit.families',
  p3ke_individu: 'unit.families',
  dtks: 'unit.households',
  dtsen_keluarga: 'unit.families',
  dtsen_individu: 'unit.families',
  program: 'unit.recipients',
  indicator: 'unit.values',
};

/** Person-level files (and DTKS, whose rows are people) count people; family files, program lists and indicators do not. */
export function hasPersons(kind: SourceKind): boolean {
  return kind === 'p3ke_individu' || kind === 'dtsen_individu' || kind === 'dtks';
}


/** Desil labels are display only (DOMAIN.md §2.3); desil 1 is the extreme-poverty group. */
export function desilLabelKey(desil: number): UiKey | null {
  switch (desil) {
    case 1:
      return 'desil.label1';
    case 2:
      return 'desil.label2';
    case 3:
      return 'desil.label3';
    case 4:
      return 'desil.label4';
    default:
      return null;
  }
}

/** Batches in the order a planner reads them: P3KE, DTKS, DTSEN, programs, indicators; then by label. */
export function bySourceOrder(rows: readonly SourceCount[]): SourceCount[] {
  return [...rows].sort(
    (a, b) => SOURCE_KINDS.indexOf(a.batch.source) - SOURCE_KINDS.indexOf(b.batch.source) || a.batch.label.localeCompare(b.batch.label, 'id') || a.batch.id - b.batch.id,
  );
}
