/**
 * Sex and birth date as a NIK states them (DOMAIN.md §3), for padu-padan: when a record's own
 * `Jenis Kelamin` or `Tanggal Lahir` column is empty, the NIK still tells them. Built on
 * `parseNik` (shared/model/nik.ts), which already splits the digits; this adds only what the NIK
 * cannot say by itself — the century of a two-digit year — and a calendar check.
 */
import { parseNik } from '../model/nik.ts';

/** 1 male, 2 female (day of birth + 40), or null when the value cannot be a NIK. */
export function nikSex(nik: string): 1 | 2 | null {
  return parseNik(nik)?.sex ?? null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The birth date a NIK encodes, as ISO `YYYY-MM-DD`, or null when it has none or an impossible
 * one (`300290` — 30 February). The NIK carries only YY: the century is the one that puts the
 * year at or before `referenceYear` (the year of the data, not of the clock, so old files are read
 * as they were meant), i.e. nobody is born in the future and nobody is older than 99 at that
 * year. For planning lists of living people this fails only for centenarians.
 */
export function nikBirth(nik: string, referenceYear: number): string | null {
  const p = parseNik(nik);
  if (p === null) return null;
  const century = Math.floor(referenceYear / 100) * 100;
  const year = century + p.year2 > referenceYear ? century - 100 + p.year2 : century + p.year2;
  if (p.day > daysInMonth(year, p.month)) return null;
  return `${String(year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
