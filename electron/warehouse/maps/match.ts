/**
 * Features to regions. The cascade, per feature: the Kemendagri code (dotted or not), else the BPS
 * code through the crosswalk, else the name within the parent — the parent taken from a parent code
 * attribute, the feature's own code, ancestor name attributes (WADMKK/WADMKC in BIG files), or the
 * imported layer above it (the feature's inside point in the parent's polygon). A name that fits
 * several regions is not guessed: it is listed with its candidates. Without any parent the name is
 * looked up in the whole working province.
 */
import type { BoundaryLevel, MatchMethod } from '../../../shared/contracts/maps.ts';
import { levelOfCode, parentOfCode } from '../../../shared/model/region.ts';
import type { KeyChoice, RegionRef } from './detect.ts';
import { pointInPolygons, type Bbox, type Polygon, type PropValue } from './geometry.ts';
import { bpsFromValue, cityWord, codeFromValue, editDistance, nameKey } from './names.ts';

/** Why a feature is unmatched, stored as data and worded when read (in the language of the day). */
export type Reason =
  | { readonly kind: 'codeUnknown' | 'codeOutsideProvince'; readonly code: string }
  | { readonly kind: 'codeOtherLevel'; readonly code: string; readonly level: BoundaryLevel }
  | { readonly kind: 'bpsNoCrosswalk'; readonly code: string }
  | { readonly kind: 'nameNotFound'; readonly name: string; readonly level: BoundaryLevel; readonly parent: string }
  | { readonly kind: 'nameNotFoundAnywhere'; readonly name: string; readonly level: BoundaryLevel }
  | { readonly kind: 'nameAmbiguous'; readonly name: string; readonly n: number }
  | { readonly kind: 'noKey' }
  | { readonly kind: 'manualNone' };

export interface MatchFeature {
  readonly index: number;
  readonly props: readonly (readonly [string, PropValue])[];
  readonly label: readonly [number, number];
}

export interface FeatureMatch {
  readonly index: number;
  /** The code and name the file gave (as text). */
  readonly code: string | null;
  readonly name: string | null;
  readonly regionCode: string | null;
  readonly method: MatchMethod | null;
  readonly reason: Reason | null;
  readonly candidates: readonly string[];
}

export interface ParentShape {
  readonly regionCode: string;
  readonly bbox: Bbox;
  readonly polygons: readonly Polygon[];
}

export interface MatchContext {
  readonly level: BoundaryLevel;
  readonly province: string;
  readonly regions: readonly RegionRef[];
  readonly crosswalk: ReadonlyMap<string, string>;
  /** Matched features of the nearest imported layer above (kecamatan for villages …), if any. */
  readonly parents: readonly ParentShape[];
}

function valueOf(props: readonly (readonly [string, PropValue])[], key: string | null): PropValue {
  if (key === null) return null;
  for (const [k, v] of props) if (k === key) return v;
  return null;
}

function text(v: PropValue): string | null {
  if (v === null || typeof v === 'boolean') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Regions by level and name key, looked up under an ancestor (or the whole province). */
class NameIndex {
  private readonly byKey = new Map<string, RegionRef[]>();
  private readonly byLevel = new Map<number, RegionRef[]>();
  constructor(regions: readonly RegionRef[]) {
    for (const r of regions) {
      const k = `${r.level}|${nameKey(r.level, r.name)}`;
      const list = this.byKey.get(k);
      if (list) list.push(r);
      else this.byKey.set(k, [r]);
      const l = this.byLevel.get(r.level);
      if (l) l.push(r);
      else this.byLevel.set(r.level, [r]);
    }
  }

  find(level: BoundaryLevel | 2 | 3, raw: string, within: string | null): RegionRef[] {
    const key = nameKey(level, raw);
    if (key === '') return [];
    let found = (this.byKey.get(`${level}|${key}`) ?? []).filter((r) => within === null || r.code.startsWith(`${within}.`));
    if (level === 2 && found.length > 1) {
      // BPS and BIG write a kabupaten by its bare name and a kota with "Kota" in front.
      const city = cityWord(raw) === 'kota';
      const narrowed = found.filter((r) => Number(r.code.slice(3, 5)) >= 71 === city);
      if (narrowed.length > 0) found = narrowed;
    }
    return found;
  }

  /** Regions of the level under `within` whose names are close (typing slips, one letter). */
  similar(level: BoundaryLevel, raw: string, within: string | null, limit = 5): RegionRef[] {
    const key = nameKey(level, raw);
    if (key === '') return [];
    const max = key.length <= 4 ? 1 : 2;
    const scored: { r: RegionRef; d: number }[] = [];
    for (const r of this.byLevel.get(level) ?? []) {
      if (within !== null && !r.code.startsWith(`${within}.`)) continue;
      const k = nameKey(level, r.name);
      const d = k.includes(key) || key.includes(k) ? 1 : editDistance(k, key, max);
      if (d <= max) scored.push({ r, d });
    }
    return scored.sort((a, b) => a.d - b.d || a.r.code.localeCompare(b.r.code)).slice(0, limit).map((s) => s.r);
  }
}

export function matchFeatures(features: readonly MatchFeature[], keys: KeyChoice, ctx: MatchContext): FeatureMatch[] {
  const L = ctx.level;
  const byCode = new Map(ctx.regions.map((r) => [r.code, r]));
  const names = new NameIndex(ctx.regions);
  const inProvince = (code: string): boolean => code === ctx.province || code.startsWith(`${ctx.province}.`);

  const parentByPoint = (x: number, y: number): string | null => {
    for (const p of ctx.parents) {
      const b = p.bbox;
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
      if (pointInPolygons(x, y, p.polygons)) return p.regionCode;
    }
    return null;
  };

  return features.map((f): FeatureMatch => {
    const codeText = text(valueOf(f.props, keys.codeKey));
    const nameText = text(valueOf(f.props, keys.nameKey));
    const base = { index: f.index, code: codeText, name: nameText };
    let reason: Reason | null = null;
    let candidates: string[] = [];
    let parentFromCode: string | null = null;

    // 1. Kemendagri code.
    const code = codeText === null ? null : codeFromValue(codeText);
    if (codeText !== null) {
      const r = code ? byCode.get(code) : undefined;
      if (r && r.level === L) return { ...base, regionCode: r.code, method: 'code', reason: null, candidates: [] };
      if (r) reason = { kind: 'codeOtherLevel', code: codeText, level: L };
      else if (code && !inProvince(code)) reason = { kind: 'codeOutsideProvince', code: codeText };
      else reason = { kind: 'codeUnknown', code: codeText };
      // A new village's code still tells its kecamatan.
      if (code && levelOfCode(code) === L) {
        const parent = parentOfCode(code);
        if (parent && byCode.has(parent)) parentFromCode = parent;
      }
    }

    // 2. BPS code through the crosswalk.
    const bps = bpsFromValue(valueOf(f.props, keys.bpsKey));
    if (bps !== null) {
      const mapped = ctx.crosswalk.get(bps);
      const r = mapped ? byCode.get(mapped) : undefined;
      if (r && r.level === L) return { ...base, regionCode: r.code, method: 'bps_code', reason: null, candidates: [] };
      reason ??= { kind: 'bpsNoCrosswalk', code: bps };
    }

    // 3. Name within the parent.
    if (nameText === null) return { ...base, regionCode: null, method: null, reason: reason ?? { kind: 'noKey' }, candidates };
    let parent: string | null = null;
    let firm = true;
    const parentCode = codeFromValue(valueOf(f.props, keys.parentCodeKey));
    if (parentCode && byCode.get(parentCode)?.level === L - 1) parent = parentCode;
    parent ??= parentFromCode;
    if (parent === null && keys.ancestorNameKeys.length > 0) {
      let within: string | null = null;
      for (const a of keys.ancestorNameKeys) {
        const n = text(valueOf(f.props, a.key));
        if (n === null) continue;
        const found = names.find(a.level, n, within);
        if (found.length !== 1) break;
        within = found[0]?.code ?? null;
      }
      parent = within;
    }
    if (parent === null && ctx.parents.length > 0) {
      parent = parentByPoint(f.label[0], f.label[1]);
      firm = false;
    }
    if (L === 2) parent = null;

    let found = names.find(L, nameText, parent);
    let where = parent;
    // A point near a border can fall in the neighbouring parent: then the province decides.
    if (found.length === 0 && (!firm || parent === null)) {
      found = names.find(L, nameText, null);
      where = null;
    }
    if (found.length === 1) return { ...base, regionCode: found[0]?.code ?? null, method: 'name', reason: null, candidates: [] };
    if (found.length > 1) {
      candidates = found.slice(0, 12).map((r) => r.code);
      return { ...base, regionCode: null, method: null, reason: reason ?? { kind: 'nameAmbiguous', name: nameText, n: found.length }, candidates };
    }
    const near = names.similar(L, nameText, where);
    const elsewhere = where === null ? [] : names.find(L, nameText, null);
    candidates = [...near, ...elsewhere].map((r) => r.code).filter((c, i, all) => all.indexOf(c) === i).slice(0, 8);
    reason ??= where === null ? { kind: 'nameNotFoundAnywhere', name: nameText, level: L } : { kind: 'nameNotFound', name: nameText, level: L, parent: where };
    return { ...base, regionCode: null, method: null, reason, candidates };
  });
}
