/** Kemendagri administrative levels: 1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan. */
export type RegionLevel = 1 | 2 | 3 | 4;

export const REGION_LEVEL_KEYS = { 1: 'provinsi', 2: 'kabupaten', 3: 'kecamatan', 4: 'desa' } as const;

export interface Region {
  /** Dotted Kemendagri code, e.g. `53.71.01.1002`. */
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: RegionLevel;
  readonly name: string;
}

export interface RegionWithCounts extends Region {
  /** Number of direct children in the reference. */
  readonly childCount: number;
}

/** Segment lengths of a dotted Kemendagri code: PP.KK.CC.DDDD. */
const SEGMENTS = [2, 2, 2, 4] as const;

/** The level of a well-formed dotted code, or null. */
export function levelOfCode(code: string): RegionLevel | null {
  const parts = code.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (p.length !== SEGMENTS[i] || !/^\d+$/.test(p)) return null;
  }
  return parts.length as RegionLevel;
}

export function parentOfCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/**
 * Normalise a region code as found in files to the dotted Kemendagri form.
 * Accepts dotted codes, codes without dots (`5371011002` → `53.71.01.1002`), other separators
 * (`53-71-01`), surrounding spaces and numbers stored as floats (`5371.0` from spreadsheets).
 * Returns null when the input cannot be a Kemendagri code. BPS 10-digit codes are NOT converted
 * here: they need the crosswalk (DOMAIN.md §3); a 10-digit input is read as Kemendagri.
 */
export function normalizeRegionCode(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).replace(/\u00a0/g, ' ').trim();
  if (s === '') return null;
  if (/^\d+\.0+$/.test(s) && !s.includes('..')) s = s.replace(/\.0+$/, '');
  if (/^\d{2}([.\-/ ]\d+)+$/.test(s)) {
    const parts = s.split(/[.\-/ ]/);
    if (parts.length > 4) return null;
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const want = SEGMENTS[i] ?? 0;
      const p = parts[i] ?? '';
      if (p.length > want) return null;
      out.push(p.padStart(want, '0'));
    }
    return out.join('.');
  }
  if (!/^\d+$/.test(s)) return null;
  switch (s.length) {
    case 2:
      return s;
    case 4:
      return `${s.slice(0, 2)}.${s.slice(2, 4)}`;
    case 6:
      return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}`;
    case 10:
      return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}.${s.slice(6, 10)}`;
    default:
      return null;
  }
}

/** `53.71.01.1002` → `5371011002` (the form in NIK prefixes and undotted files). */
export function undottedCode(code: string): string {
  return code.replace(/\./g, '');
}

/** In the village segment a leading 1 marks a kelurahan, 2 a desa (DOMAIN.md §3). */
export function villageKind(code: string): 'kelurahan' | 'desa' | null {
  const seg = code.split('.')[3];
  if (!seg) return null;
  if (seg.startsWith('1')) return 'kelurahan';
  if (seg.startsWith('2')) return 'desa';
  return null;
}

/** Kabupaten 01–69, kota 71–99. */
export function regencyKind(code: string): 'kabupaten' | 'kota' | null {
  const seg = code.split('.')[1];
  if (!seg) return null;
  return Number(seg) >= 71 ? 'kota' : 'kabupaten';
}

/** Lower-case, strip diacritics and punctuation, collapse spaces: the key for name search. */
export function regionNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
