/**
 * Which level a boundary file is and which of its attributes carry the code, the name and the
 * parent: decided from the values, not the column names alone, because every producer names them
 * differently (`kode`, `KDEPUM`, `kd_desa`, `ADM4_PCODE`, `KODE_KEC`, `NAMOBJ`, `WADMKC`, `nama`…).
 * A code attribute is the one whose values are codes of the level; a name attribute the one whose
 * values are names of the level; names of the columns only break ties.
 */
import type { BoundaryLevel } from '../../../shared/contracts/maps.ts';
import { levelOfCode, type RegionLevel } from '../../../shared/model/region.ts';
import type { PropValue } from './geometry.ts';
import { bpsFromValue, codeFromValue, nameKey } from './names.ts';

export interface RegionRef {
  readonly code: string;
  readonly parent: string | null;
  readonly level: RegionLevel;
  readonly name: string;
}

export interface KeyChoice {
  readonly level: BoundaryLevel;
  readonly levelFrom: 'given' | 'codes' | 'bps' | 'count';
  readonly codeKey: string | null;
  readonly bpsKey: string | null;
  readonly nameKey: string | null;
  readonly parentCodeKey: string | null;
  /** Names of the ancestors, outermost first (kabupaten, then kecamatan). */
  readonly ancestorNameKeys: readonly { readonly level: 2 | 3; readonly key: string }[];
}

const CODE_HINT = /^(kode|kd|code|pcode|id)|(kode|code|pcode|kdepum|kdcpum|kdpkab|kdppum|kdbbps|kdcbps|kdebps|kdpbps)/i;
const NAME_HINT: Readonly<Record<BoundaryLevel, RegExp>> = {
  2: /^(nama|name|namobj|wadmkk|kabupaten|kab|kota|nm_?kab|nama_?kab|adm2_(en|id))/i,
  3: /^(nama|name|namobj|wadmkc|kecamatan|kec|nm_?kec|nama_?kec|adm3_(en|id))/i,
  4: /^(nama|name|namobj|wadmkd|desa|kelurahan|nm_?desa|nama_?desa|nama_?kel|adm4_(en|id))/i,
};

interface KeyStats {
  readonly key: string;
  /** Values that are existing codes of each level (index 1–4). */
  readonly codeHits: number[];
  /** Distinct existing codes of each level. */
  readonly codeDistinct: Set<string>[];
  /** Values shaped like a Kemendagri code of each level, existing or not. */
  readonly codeShaped: number[];
  bpsHits: number;
  bpsDistinct: Set<string>;
  bpsShaped: number;
  /** Values that are names of regions of each level. */
  readonly nameHits: number[];
  strings: number;
}

export function detectKeys(
  features: readonly { readonly props: readonly (readonly [string, PropValue])[] }[],
  regions: readonly RegionRef[],
  crosswalk: ReadonlyMap<string, string>,
  given: BoundaryLevel | undefined,
): KeyChoice {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const names: Set<string>[] = [new Set(), new Set(), new Set(), new Set(), new Set()];
  for (const r of regions) names[r.level]?.add(nameKey(r.level, r.name));
  const stats = new Map<string, KeyStats>();
  for (const f of features) {
    for (const [k, v] of f.props) {
      let s = stats.get(k);
      if (!s) {
        s = { key: k, codeHits: [0, 0, 0, 0, 0], codeDistinct: [new Set(), new Set(), new Set(), new Set(), new Set()], codeShaped: [0, 0, 0, 0, 0], bpsHits: 0, bpsDistinct: new Set(), bpsShaped: 0, nameHits: [0, 0, 0, 0, 0], strings: 0 };
        stats.set(k, s);
      }
      if (v === null || typeof v === 'boolean') continue;
      if (typeof v === 'string' && /[a-z]/i.test(v)) s.strings++;
      const code = codeFromValue(v);
      if (code) {
        const lvl = levelOfCode(code);
        if (lvl) s.codeShaped[lvl] = (s.codeShaped[lvl] ?? 0) + 1;
        const r = byCode.get(code);
        if (r) {
          s.codeHits[r.level] = (s.codeHits[r.level] ?? 0) + 1;
          s.codeDistinct[r.level]?.add(code);
        }
      }
      const bps = bpsFromValue(v);
      if (bps) {
        s.bpsShaped++;
        const mapped = crosswalk.get(bps);
        const r = mapped ? byCode.get(mapped) : undefined;
        if (r) {
          s.bpsHits++;
          s.bpsDistinct.add(r.code);
        }
      }
      if (typeof v === 'string') {
        for (const lvl of [2, 3, 4] as const) if (names[lvl]?.has(nameKey(lvl, v))) s.nameHits[lvl] = (s.nameHits[lvl] ?? 0) + 1;
      }
    }
  }
  const all = [...stats.values()];
  const n = Math.max(1, features.length);
  const isBpsName = (k: string): boolean => /bps/i.test(k);

  let level: BoundaryLevel | null = given ?? null;
  let levelFrom: KeyChoice['levelFrom'] = 'given';
  if (level === null) {
    // The deepest level whose codes fill one attribute, one distinct code per feature or so.
    for (const lvl of [4, 3, 2] as const) {
      if (all.some((s) => !isBpsName(s.key) && (s.codeDistinct[lvl]?.size ?? 0) >= 0.5 * n)) {
        level = lvl;
        levelFrom = 'codes';
        break;
      }
    }
  }
  if (level === null) {
    const best = all.reduce<KeyStats | null>((b, s) => (s.bpsDistinct.size >= 0.5 * n && (!b || s.bpsDistinct.size > b.bpsDistinct.size) ? s : b), null);
    if (best) {
      const levels = [...best.bpsDistinct].map((c) => byCode.get(c)?.level ?? 0);
      const deepest = Math.max(...levels);
      if (deepest >= 2) {
        level = deepest as BoundaryLevel;
        levelFrom = 'bps';
      }
    }
  }
  if (level === null) {
    // No codes: the level whose number of regions is nearest the number of features.
    let bestLvl: BoundaryLevel = 4;
    let bestGap = Infinity;
    for (const lvl of [2, 3, 4] as const) {
      const count = regions.filter((r) => r.level === lvl).length;
      const gap = Math.abs(Math.log((features.length + 1) / (count + 1)));
      if (gap < bestGap) {
        bestGap = gap;
        bestLvl = lvl;
      }
    }
    level = bestLvl;
    levelFrom = 'count';
  }
  const L = level;

  const pick = (score: (s: KeyStats) => number, hint: RegExp | null, exclude: readonly (string | null)[] = []): string | null => {
    let best: KeyStats | null = null;
    let bestScore = 0;
    for (const s of all) {
      if (exclude.includes(s.key)) continue;
      const sc = score(s) + (hint?.test(s.key) ? 0.5 : 0);
      if (sc > bestScore) {
        bestScore = sc;
        best = s;
      }
    }
    return best && bestScore >= 1 ? best.key : null;
  };

  const codeKey = pick((s) => (isBpsName(s.key) ? 0 : (s.codeHits[L] ?? 0) * 2 + (s.codeShaped[L] ?? 0)), CODE_HINT);
  const bpsKey = pick((s) => (s.key === codeKey ? 0 : s.bpsHits * 2 + (isBpsName(s.key) ? s.bpsShaped : 0)), /bps/i);
  const nameKeyChoice = pick((s) => (s.nameHits[L] ?? 0) * 2 + (NAME_HINT[L].test(s.key) ? s.strings : 0), NAME_HINT[L], [codeKey, bpsKey]);
  const parentCodeKey = L > 2 ? pick((s) => (isBpsName(s.key) ? 0 : (s.codeHits[L - 1] ?? 0)), CODE_HINT, [codeKey, bpsKey]) : null;
  const ancestorNameKeys: { level: 2 | 3; key: string }[] = [];
  for (const lvl of [2, 3] as const) {
    if (lvl >= L) continue;
    const k = pick((s) => ((s.nameHits[lvl] ?? 0) > (s.nameHits[L] ?? 0) ? (s.nameHits[lvl] ?? 0) : 0), NAME_HINT[lvl], [codeKey, bpsKey, nameKeyChoice, parentCodeKey, ...ancestorNameKeys.map((a) => a.key)]);
    if (k) ancestorNameKeys.push({ level: lvl, key: k });
  }
  return { level: L, levelFrom, codeKey, bpsKey, nameKey: nameKeyChoice, parentCodeKey, ancestorNameKeys };
}
