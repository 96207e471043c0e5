/**
 * Cell normalisers, one per `FieldKind`: the raw cell as a reader hands it over (text, a
 * spreadsheet number or boolean, or nothing) → the value the warehouse stores and the issues
 * found. Pure TypeScript: it runs in the warehouse, in workers and on the mapping screen.
 *
 * In a loop over a column build the reader once with `fieldNormalizer` (options resolved, lookups
 * memoised), then call it per cell.
 */
import type { FieldSpec } from './fields.ts';
import type { Normalized, RawCell } from './cell.ts';
import { cellResult, issueList } from './cell.ts';
import type { CellIssue } from './issues.ts';
import { normalizeId, normalizeKk, normalizeNik } from './normalize-ids.ts';
import { dateNormalizer } from './normalize-date.ts';
import { categoryNormalizer, sexNormalizer, yesNoNormalizer } from './normalize-labels.ts';
import { normalizeDesil, normalizeInteger, normalizeNumber, normalizeYear } from './normalize-number.ts';
import { normalizeRegionBps, regionNormalizer } from './normalize-region.ts';
import { normalizeName, normalizeText } from './normalize-text.ts';

export type { Normalized, RawCell } from './cell.ts';
export { NO_ISSUES, rawText } from './cell.ts';
export { isUsableKey, looksScientific, normalizeId, normalizeKk, normalizeNik } from './normalize-ids.ts';
export type { DateNormalizer, DateOptions } from './normalize-date.ts';
export { dateNormalizer, daysInMonth, excelSerialToIso, isLeapYear, localToday, normalizeDate } from './normalize-date.ts';
export type { LabelNormalizer } from './normalize-labels.ts';
export { categoryNormalizer, normalizeCategory, normalizeSex, normalizeYesNo, sexNormalizer, yesNoNormalizer } from './normalize-labels.ts';
export type { NumberOptions, YearOptions } from './normalize-number.ts';
export { normalizeDesil, normalizeInteger, normalizeNumber, normalizeYear, parseNumberText } from './normalize-number.ts';
export type { RegionNormalizer, RegionOptions } from './normalize-region.ts';
export { LEVEL_NAMES, normalizeRegion, normalizeRegionBps, regionNormalizer } from './normalize-region.ts';
export type { NormalizedText } from './normalize-text.ts';
export { cleanSpaces, normalizeName, normalizeText } from './normalize-text.ts';

/** What the batch knows when it normalises cells. */
export interface NormalizeContext {
  /** Today as ISO `yyyy-mm-dd` (future dates, two-digit-year pivot); `localToday()` in the app. */
  readonly today: string;
  /** Two-digit working province. */
  readonly province?: string | null;
  /** Whether a dotted Kemendagri code is in the reference. */
  readonly regionExists?: (code: string) => boolean;
  /** Desil range of the source (template's `desilRange`): P3KE 1–4, DTSEN/Regsosek 1–10. */
  readonly desilRange?: readonly [number, number];
  /** The file's decimal separator when the reader knows it. */
  readonly decimal?: ',' | '.';
  /** Numeric date order of the file; `dmy` unless known otherwise. */
  readonly dateOrder?: 'dmy' | 'mdy';
}

export type CellNormalizer = (raw: RawCell) => Normalized;

const REQUIRED: readonly CellIssue[] = issueList('required_missing');

function baseNormalizer(field: FieldSpec, ctx: NormalizeContext): CellNormalizer {
  switch (field.kind) {
    case 'id':
      return normalizeId;
    case 'nik':
      return normalizeNik;
    case 'kk':
      return normalizeKk;
    case 'region':
      return regionNormalizer({ province: ctx.province ?? null, ...(ctx.regionExists ? { exists: ctx.regionExists } : {}) });
    case 'region_bps':
      return normalizeRegionBps;
    case 'name':
      return normalizeName;
    case 'region_name':
    case 'text':
      return normalizeText;
    case 'date':
      return dateNormalizer({ today: ctx.today, ...(ctx.dateOrder ? { order: ctx.dateOrder } : {}) });
    case 'desil': {
      const range = ctx.desilRange ?? [1, 10];
      return (raw) => normalizeDesil(raw, range);
    }
    case 'integer': {
      const opts = ctx.decimal ? { decimal: ctx.decimal } : undefined;
      return (raw) => normalizeInteger(raw, opts);
    }
    case 'number': {
      const opts = ctx.decimal ? { decimal: ctx.decimal } : undefined;
      return (raw) => normalizeNumber(raw, opts);
    }
    case 'year': {
      // Survey and program years: not before 1900, at most a few years ahead (planned programs).
      const opts = { min: 1900, max: Number(ctx.today.slice(0, 4)) + 5 };
      return (raw) => normalizeYear(raw, opts);
    }
    case 'yesno':
      return yesNoNormalizer();
    case 'sex':
      return sexNormalizer();
    case 'category': {
      if (!field.codebook) throw new Error(`Field ${field.key} is a category without a codebook`);
      return categoryNormalizer(field.codebook);
    }
  }
}

/**
 * The reader for one field of a template. A required field whose cell ends up empty (blank, a
 * placeholder, unreadable) also gets `required_missing`, which rejects the row.
 */
export function fieldNormalizer(field: FieldSpec, ctx: NormalizeContext): CellNormalizer {
  const base = baseNormalizer(field, ctx);
  if (!field.required) return base;
  return (raw) => {
    const out = base(raw);
    if (out.value !== null) return out;
    return cellResult(out.value, out.issues.length === 0 ? REQUIRED : [...out.issues, ...REQUIRED], out.unmapped);
  };
}

/** One-off form of `fieldNormalizer` (no memo carried between calls). */
export function normalizeCell(field: FieldSpec, raw: RawCell, ctx: NormalizeContext): Normalized {
  return fieldNormalizer(field, ctx)(raw);
}
