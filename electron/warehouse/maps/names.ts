/**
 * Region names as boundary files spell them, reduced to a key that survives the usual variation:
 * case, diacritics, punctuation and spacing (`N i a n`, `Nunle"u` ~ `Nunle'u`), and the level words
 * in front (`Desa`, `Kelurahan`, `Kecamatan`, `Kabupaten`, `Kota`). Kota and kabupaten of the same
 * name (Kupang) keep apart through `cityWord`.
 */
import { normalizeRegionCode, regionNameKey, type RegionLevel } from '../../../shared/model/region.ts';

const LEVEL_WORDS: Readonly<Record<RegionLevel, RegExp>> = {
  1: /^(provinsi|propinsi|prov) /,
  2: /^(kabupaten|kab|kota administrasi|kota adm|kotamadya|kodya|kota) /,
  3: /^(kecamatan|kec|distrik) /,
  4: /^(desa|kelurahan|kel|ds|kampung|nagari|gampong) /,
};

/** The comparison key of a name at a level: no level word, no spaces, no punctuation. */
export function nameKey(level: RegionLevel, raw: string): string {
  return regionNameKey(raw).replace(LEVEL_WORDS[level], '').replace(/ /g, '');
}

/** How a kabupaten/kota name says which it is: "kota" / "kabupaten" in front, or nothing. */
export function cityWord(raw: string): 'kota' | 'kabupaten' | null {
  const k = regionNameKey(raw);
  if (/^(kota|kotamadya|kodya)\b/.test(k)) return 'kota';
  if (/^(kabupaten|kab)\b/.test(k)) return 'kabupaten';
  return null;
}

/**
 * A Kemendagri code from a property value: dotted or not, or with the `ID` prefix of OCHA/HDX
 * P-codes (`ID5301042003`). Null when the value cannot be one.
 */
export function codeFromValue(v: string | number | boolean | null): string | null {
  if (v === null || typeof v === 'boolean') return null;
  const s = String(v).trim().replace(/^id(?=\d)/i, '');
  if (s.length === 0 || s.length > 16) return null;
  return normalizeRegionCode(s);
}

/** Digits of a BPS code value (4, 7 or 10 digits), or null. */
export function bpsFromValue(v: string | number | boolean | null): string | null {
  if (v === null || typeof v === 'boolean') return null;
  const s = String(v).trim().replace(/\.0+$/, '').replace(/[.\s-]/g, '');
  return /^\d{4}$|^\d{7}$|^\d{10}$/.test(s) ? s : null;
}

/** Levenshtein distance, bounded: stops counting past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}
