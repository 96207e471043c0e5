/**
 * Placing a row by its region names when the file has no Kemendagri code (DTKS and DTSEN exports
 * name the province, kabupaten/kota, kecamatan and desa/kelurahan in words, DOMAIN.md §2).
 *
 * Names are compared by `regionNameKey` without the level words (`KAB.`, `Kabupaten`, `Kota`,
 * `Kecamatan`, `Desa`, `Kelurahan`), each level within the parent found above it. A bare regency
 * name means the kabupaten, as BPS writes it (`KUPANG` is Kabupaten Kupang, `KOTA KUPANG` the
 * city). A name found twice under one parent is ambiguous: the row is placed at the parent.
 */
import type { RegionLevel } from '../model/region.ts';
import { regionNameKey } from '../model/region.ts';
import { detach } from './cell.ts';
import type { CellIssue } from './issues.ts';

export interface RegionRecord {
  readonly code: string;
  readonly parent: string | null;
  readonly level: RegionLevel;
  readonly name: string;
}

export interface RegionNames {
  readonly province?: string | null;
  readonly regency?: string | null;
  readonly district?: string | null;
  readonly village?: string | null;
  /** A name of unknown level (`Wilayah` in indicator tables). */
  readonly any?: string | null;
}

export interface PlacedByName {
  readonly code: string | null;
  /** Why the row is placed less precisely than named, or not at all. */
  readonly issue: CellIssue | null;
  /** The level name (`village`, …) the issue is about, for its column. */
  readonly at: keyof RegionNames | null;
}

const LEVEL_WORDS: Readonly<Record<RegionLevel, RegExp>> = {
  1: /^(provinsi|prov|propinsi) /,
  2: /^(kabupaten|kab|kota|kotamadya|kodya) /,
  3: /^(kecamatan|kec|distrik) /,
  4: /^(desa|kelurahan|kel|ds|nagari|gampong|kampung) /,
};

function stripped(level: RegionLevel, name: string): string {
  const key = regionNameKey(name);
  return key.replace(LEVEL_WORDS[level], '');
}

function isCityText(name: string): boolean {
  return /^(kota|kotamadya|kodya)\b/.test(regionNameKey(name));
}

export class RegionNameIndex {
  /** parent code ('' for the top) + '|' + stripped key → codes. */
  private readonly byParent = new Map<string, string[]>();
  /** level + '|' + stripped key → codes (for fallbacks across parents). */
  private readonly byLevel = new Map<string, string[]>();
  private readonly levels = new Map<string, RegionLevel>();
  private readonly memo = new Map<string, PlacedByName>();

  constructor(regions: readonly RegionRecord[]) {
    for (const r of regions) {
      const key = stripped(r.level, r.name);
      push(this.byParent, `${r.parent ?? ''}|${key}`, r.code);
      push(this.byLevel, `${r.level}|${key}`, r.code);
      this.levels.set(r.code, r.level);
    }
  }

  private candidates(level: RegionLevel, parent: string | null, name: string): readonly string[] {
    const key = stripped(level, name);
    if (key === '') return [];
    const under = parent === null ? this.byLevel.get(`${level}|${key}`) : this.byParent.get(`${parent}|${key}`);
    return (under ?? []).filter((c) => this.levels.get(c) === level);
  }

  /** The region the names designate, as deep as they allow. */
  place(names: RegionNames): PlacedByName {
    const memoKey = `${names.province ?? ''}\u001f${names.regency ?? ''}\u001f${names.district ?? ''}\u001f${names.village ?? ''}\u001f${names.any ?? ''}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const placed = this.resolve(names);
    if (this.memo.size < 200_000) this.memo.set(detach(memoKey), placed);
    return placed;
  }

  private resolve(names: RegionNames): PlacedByName {
    const steps: { level: RegionLevel; at: keyof RegionNames; name: string }[] = [];
    const add = (level: RegionLevel, at: keyof RegionNames, v: string | null | undefined): void => {
      if (v !== null && v !== undefined && v.trim() !== '') steps.push({ level, at, name: v });
    };
    add(1, 'province', names.province);
    add(2, 'regency', names.regency);
    add(3, 'district', names.district);
    add(4, 'village', names.village);
    if (steps.length === 0) {
      if (names.any) return this.resolveAny(names.any);
      return { code: null, issue: null, at: null };
    }
    let code: string | null = null;
    for (const step of steps) {
      let found = this.candidates(step.level, code, step.name);
      // A province named differently (or a regency listed without its province) must not stop
      // the rest: look the level up across parents and keep it when that settles it.
      if (found.length === 0 && code !== null && step.level <= 2) found = this.candidates(step.level, null, step.name);
      if (found.length > 1 && step.level === 2) {
        const city = isCityText(step.name);
        const narrowed = found.filter((c) => (Number(c.slice(3, 5)) >= 71) === city);
        if (narrowed.length > 0) found = narrowed;
      }
      if (found.length === 1) {
        code = found[0] ?? null;
        continue;
      }
      if (code === null) return { code: null, issue: { kind: 'region_name_unknown' }, at: step.at };
      return { code, issue: { kind: found.length === 0 ? 'region_name_partial' : 'region_name_ambiguous' }, at: step.at };
    }
    return { code, issue: null, at: null };
  }

  /** A name of unknown level: a unique match, trying kabupaten/kota, province, kecamatan, desa. */
  private resolveAny(name: string): PlacedByName {
    for (const level of [2, 1, 3, 4] as const) {
      let found = this.candidates(level, null, name);
      if (found.length > 1 && level === 2) {
        const city = isCityText(name);
        const narrowed = found.filter((c) => (Number(c.slice(3, 5)) >= 71) === city);
        if (narrowed.length > 0) found = narrowed;
      }
      if (found.length === 1) return { code: found[0] ?? null, issue: null, at: null };
      if (found.length > 1) return { code: null, issue: { kind: 'region_name_unknown' }, at: 'any' };
    }
    return { code: null, issue: { kind: 'region_name_unknown' }, at: 'any' };
  }
}

function push(map: Map<string, string[]>, key: string, code: string): void {
  const list = map.get(key);
  if (list) list.push(code);
  else map.set(key, [code]);
}
