/**
 * Calendar dates as whole days since 1970-01-01 (UTC, proleptic Gregorian). The generator never
 * reads the clock: every age is measured against REFERENCE_DATE so output does not depend on when
 * it runs.
 */

import { daysFromCivil, type CivilDate } from '../../../shared/model/civil-date.ts';

/** "Data as of" for every generated file: ages, ID vintages and program years hang off it. */
export const REFERENCE = { y: 2025, m: 6, d: 30 } as const;
export const REFERENCE_DAYS = daysFromCivil(REFERENCE.y, REFERENCE.m, REFERENCE.d);

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDmy(c: CivilDate): string {
  return `${two(c.d)}/${two(c.m)}/${c.y}`;
}

export function formatIso(c: CivilDate): string {
  return `${c.y}-${two(c.m)}-${two(c.d)}`;
}

/** Excel's 1900 date system serial (valid after 1900-03-01, which every generated date is). */
export function excelSerial(c: CivilDate): number {
  return daysFromCivil(c.y, c.m, c.d) + 25569;
}

/** Whole years between a birth date and REFERENCE. */
export function ageAt(birth: CivilDate, ref: CivilDate = REFERENCE): number {
  let age = ref.y - birth.y;
  if (ref.m < birth.m || (ref.m === birth.m && ref.d < birth.d)) age--;
  return age;
}

export function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}
