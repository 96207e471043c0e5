/**
 * Region codes (DOMAIN.md §3): Kemendagri codes with or without dots → dotted `PP.KK.CC.DDDD`,
 * checked against the reference and the working province; BPS codes only checked for shape (they
 * need the crosswalk, which the warehouse holds).
 */
import type { RegionLevel } from '../model/region.ts';
import { levelOfCode, normalizeRegionCode } from '../model/region.ts';
import { allDigits, cellResult, detach, EMPTY, isEmptyText, issueList, NO_ISSUES, trimCell } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';
import type { CellIssue, LocalText } from './issues.ts';

export interface RegionOptions {
  /** Two-digit working province; codes elsewhere are rejected. */
  readonly province?: string | null;
  /** Whether a dotted code is in the Kemendagri reference (the warehouse supplies it). */
  readonly exists?: (code: string) => boolean;
  /** The level the column should hold (4 for a village code); other levels are flagged. */
  readonly level?: RegionLevel;
}

const INVALID: Normalized = cellResult(null, issueList('region_invalid'));
const UNKNOWN = issueList('region_unknown');

export const LEVEL_NAMES: Readonly<Record<RegionLevel, LocalText>> = {
  1: { id: 'provinsi', en: 'province' },
  2: { id: 'kabupaten/kota', en: 'regency/city' },
  3: { id: 'kecamatan', en: 'district' },
  4: { id: 'desa/kelurahan', en: 'village' },
};

/** `53.71.01.1002` exactly as the reference writes it: skip the general parser. */
function isDottedVillage(s: string): boolean {
  if (s.length !== 13 || s.charCodeAt(2) !== 46 || s.charCodeAt(5) !== 46 || s.charCodeAt(8) !== 46) return false;
  for (let i = 0; i < 13; i++) {
    if (i === 2 || i === 5 || i === 8) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export type RegionNormalizer = (raw: RawCell) => Normalized;

const MEMO_LIMIT = 100_000;

/** A reader for one region column; results memoised (a file repeats each village's code). */
export function regionNormalizer(opts: RegionOptions = {}): RegionNormalizer {
  const province = opts.province ?? null;
  const outside: readonly CellIssue[] | null = province ? issueList('region_outside_province', { expected: province }) : null;
  const wrongLevel = opts.level ? issueList('region_level', { expected: LEVEL_NAMES[opts.level] }) : null;
  const memo = new Map<string | number, Normalized>();

  function check(code: string): Normalized {
    if (outside && !code.startsWith(province ?? '')) return cellResult(code, outside);
    if (opts.exists && !opts.exists(code)) return cellResult(code, UNKNOWN);
    if (wrongLevel && levelOfCode(code) !== opts.level) return cellResult(code, wrongLevel);
    return cellResult(code, NO_ISSUES);
  }

  function read(raw: string | number): Normalized {
    if (typeof raw === 'string') {
      if (isDottedVillage(raw)) return check(raw);
      const s = trimCell(raw);
      if (isEmptyText(s)) return EMPTY;
      const code = normalizeRegionCode(s);
      return code === null ? INVALID : check(code);
    }
    const code = normalizeRegionCode(raw);
    return code === null ? INVALID : check(code);
  }

  return (raw: RawCell): Normalized => {
    if (raw === null || raw === undefined) return EMPTY;
    if (typeof raw === 'boolean') return INVALID;
    const hit = memo.get(raw);
    if (hit) return hit;
    if (memo.size >= MEMO_LIMIT) return read(raw);
    // The memo outlives the row: key and value must not pin the text the cell was cut from.
    const key = typeof raw === 'string' ? detach(raw) : raw;
    const out = read(key);
    memo.set(key, out);
    return out;
  };
}

/** One-off form of `regionNormalizer`. */
export function normalizeRegion(raw: RawCell, opts: RegionOptions = {}): Normalized {
  return regionNormalizer(opts)(raw);
}

const BPS_INVALID: Normalized = cellResult(null, issueList('region_bps_invalid'));

/** A BPS 10-digit code (`PP KK CCC DDD`), separators dropped; converting it is the caller's job (crosswalk). */
export function normalizeRegionBps(raw: RawCell): Normalized {
  if (raw === null || raw === undefined) return EMPTY;
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0) return BPS_INVALID;
    s = raw.toFixed(0);
  } else if (typeof raw === 'string') {
    s = trimCell(raw);
    if (isEmptyText(s)) return EMPTY;
    if (!(s.length === 10 && allDigits(s))) {
      if (/^\d+\.0+$/.test(s)) s = s.slice(0, s.indexOf('.'));
      else {
        // Written in groups, they must be BPS's 2+2+3+3; a dotted 2.2.2.4 is a Kemendagri code.
        const parts = s.split(/[\s.\-/]+/);
        if (parts.map((p) => p.length).join(',') !== '2,2,3,3') return BPS_INVALID;
        s = parts.join('');
      }
    }
  } else {
    return BPS_INVALID;
  }
  if (s.length !== 10 || !allDigits(s) || s.startsWith('00')) return BPS_INVALID;
  return cellResult(s, NO_ISSUES);
}
