/**
 * Calendar dates as whole days since 1970-01-01 (UTC, proleptic Gregorian). The generator never
 * reads the clock: every age is measured against REFERENCE_DATE so output does not depend on when
 * it runs.
 */

export interface CivilDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Howard Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

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
