/**
 * The padu-padan cascade over two sets of person records (DOMAIN.md §5), pure and in memory:
 *   1. exact NIK — only well-formed NIKs, and only when the names agree (a NIK shared by two
 *      different people is a conflict, not a link);
 *   2. exact No KK plus a similar name;
 *   3. blocking on desa and birth year (then kecamatan and birth year for the rest), scored on
 *      name similarity, birth date (exact or day/month swapped) and sex (from the NIK when the
 *      column is empty), accepted above one threshold and queued for review between two.
 * Every link carries its method and score. A person is linked at most once (best score first);
 * decisions a planner made (accept / reject a pair) override the cascade.
 */
import type { LinkMethod } from '../../../shared/contracts/linkage.ts';
import { birthDateAgreement, nameSimilarity } from '../../../shared/linkage/names.ts';

export type { LinkMethod };

export interface PersonRecord {
  readonly id: number;
  /** A well-formed NIK, or null. */
  readonly nik: string | null;
  /** A well-formed No KK, or null. */
  readonly kk: string | null;
  /** Normalised name (shared/linkage/names.ts normalizeName). */
  readonly name: string;
  readonly birth: string | null;
  /** 1 male, 2 female, 0 unknown. */
  readonly sex: 0 | 1 | 2;
  /** Dotted desa code, or null. */
  readonly region: string | null;
}

export type LinkStatus = 'auto' | 'review' | 'accepted';

export interface Link {
  readonly a: number;
  readonly b: number;
  readonly method: LinkMethod;
  readonly score: number;
  readonly status: LinkStatus;
}

export interface Conflict {
  readonly kind: 'nik_two_people';
  readonly a: number;
  readonly b: number;
  readonly nik: string;
}

export interface MatchOptions {
  /** At or above: linked automatically. */
  readonly acceptScore: number;
  /** At or above (and below accept): to the review queue. */
  readonly reviewScore: number;
}

export const DEFAULT_MATCH: MatchOptions = { acceptScore: 0.9, reviewScore: 0.75 };

export interface Decision {
  readonly a: number;
  readonly b: number;
  readonly decision: 'accept' | 'reject';
}

export interface MatchResult {
  readonly links: Link[];
  readonly conflicts: Conflict[];
}

const pairKey = (a: number, b: number): string => `${a}:${b}`;

function birthScore(a: string | null, b: string | null): number {
  switch (birthDateAgreement(a, b)) {
    case 'exact': return 1;
    case 'swapped': return 0.85;
    case 'year': return 0.45;
    case 'unknown': return 0.5;
    default: return 0;
  }
}

function sexScore(a: 0 | 1 | 2, b: 0 | 1 | 2): number {
  if (a === 0 || b === 0) return 0.5;
  return a === b ? 1 : 0;
}

/** The probabilistic score of a pair (blocking passes): name dominates, birth date and sex confirm. */
export function pairScore(a: PersonRecord, b: PersonRecord): number {
  const s = nameSimilarity(a.name, b.name);
  return Math.round((0.6 * s + 0.28 * birthScore(a.birth, b.birth) + 0.12 * sexScore(a.sex, b.sex)) * 10000) / 10000;
}

function year(birth: string | null): string {
  return birth && birth.length >= 4 ? birth.slice(0, 4) : '';
}

export function matchPersons(A: readonly PersonRecord[], B: readonly PersonRecord[], options: MatchOptions = DEFAULT_MATCH, decisions: readonly Decision[] = []): MatchResult {
  const links: Link[] = [];
  const conflicts: Conflict[] = [];
  const usedA = new Uint8Array(A.length);
  const usedB = new Uint8Array(B.length);
  const aIndex = new Map(A.map((r, i) => [r.id, i]));
  const bIndex = new Map(B.map((r, i) => [r.id, i]));
  const rejected = new Set<string>();

  // 0. The planners' decisions first: an accepted pair is linked, a rejected one never is.
  for (const d of decisions) {
    if (d.decision === 'reject') {
      rejected.add(pairKey(d.a, d.b));
      continue;
    }
    const i = aIndex.get(d.a);
    const j = bIndex.get(d.b);
    if (i === undefined || j === undefined || usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    links.push({ a: d.a, b: d.b, method: 'manual', score: 1, status: 'accepted' });
  }
  const allowed = (i: number, j: number): boolean => !usedA[i] && !usedB[j] && !rejected.has(pairKey((A[i] as PersonRecord).id, (B[j] as PersonRecord).id));

  // Candidate pairs of a pass, linked greedily by score (ties: lower ids, for a stable result).
  const settle = (cands: { i: number; j: number; score: number; method: LinkMethod }[]): void => {
    cands.sort((x, y) => y.score - x.score || (A[x.i] as PersonRecord).id - (A[y.i] as PersonRecord).id || (B[x.j] as PersonRecord).id - (B[y.j] as PersonRecord).id);
    for (const c of cands) {
      if (!allowed(c.i, c.j) || c.score < options.reviewScore) continue;
      usedA[c.i] = 1;
      usedB[c.j] = 1;
      links.push({ a: (A[c.i] as PersonRecord).id, b: (B[c.j] as PersonRecord).id, method: c.method, score: c.score, status: c.score >= options.acceptScore ? 'auto' : 'review' });
    }
  };

  // 1. Exact NIK, names agreeing.
  const byNik = new Map<string, number[]>();
  B.forEach((r, j) => {
    if (r.nik) {
      const l = byNik.get(r.nik);
      if (l) l.push(j);
      else byNik.set(r.nik, [j]);
    }
  });
  const nikCands: { i: number; j: number; score: number; method: LinkMethod }[] = [];
  A.forEach((r, i) => {
    if (!r.nik) return;
    for (const j of byNik.get(r.nik) ?? []) {
      const s = nameSimilarity(r.name, (B[j] as PersonRecord).name);
      if (s < 0.6) {
        conflicts.push({ kind: 'nik_two_people', a: r.id, b: (B[j] as PersonRecord).id, nik: r.nik });
        continue;
      }
      // Same NIK: the name decides how sure; birth date and sex nudge a borderline name.
      const score = Math.min(1, 0.55 + 0.4 * s + 0.05 * birthScore(r.birth, (B[j] as PersonRecord).birth));
      nikCands.push({ i, j, score: Math.round(score * 10000) / 10000, method: 'nik' });
    }
  });
  settle(nikCands);

  // 2. Exact No KK and a similar name.
  const byKk = new Map<string, number[]>();
  B.forEach((r, j) => {
    if (r.kk && !usedB[j]) {
      const l = byKk.get(r.kk);
      if (l) l.push(j);
      else byKk.set(r.kk, [j]);
    }
  });
  const kkCands: { i: number; j: number; score: number; method: LinkMethod }[] = [];
  A.forEach((r, i) => {
    if (!r.kk || usedA[i]) return;
    for (const j of byKk.get(r.kk) ?? []) {
      const b = B[j] as PersonRecord;
      const s = nameSimilarity(r.name, b.name);
      if (s < 0.8) continue;
      const score = 0.5 * s + 0.3 * birthScore(r.birth, b.birth) + 0.2 * sexScore(r.sex, b.sex);
      kkCands.push({ i, j, score: Math.round(Math.min(1, score + 0.08) * 10000) / 10000, method: 'kk_name' });
    }
  });
  settle(kkCands);

  // 3. Blocks: desa + birth year, then kecamatan + birth year for what is left.
  const blockPass = (keyOf: (r: PersonRecord) => string | null, method: LinkMethod, penalty: number): void => {
    const blocks = new Map<string, number[]>();
    B.forEach((r, j) => {
      if (usedB[j]) return;
      const k = keyOf(r);
      if (k === null) return;
      const l = blocks.get(k);
      if (l) l.push(j);
      else blocks.set(k, [j]);
    });
    const cands: { i: number; j: number; score: number; method: LinkMethod }[] = [];
    A.forEach((r, i) => {
      if (usedA[i]) return;
      const k = keyOf(r);
      if (k === null) return;
      for (const j of blocks.get(k) ?? []) {
        const score = pairScore(r, B[j] as PersonRecord) - penalty;
        if (score >= options.reviewScore) cands.push({ i, j, score: Math.round(score * 10000) / 10000, method });
      }
    });
    settle(cands);
  };
  blockPass((r) => (r.region && year(r.birth) ? `${r.region}|${year(r.birth)}` : null), 'desa_lahir', 0);
  blockPass((r) => (r.region && year(r.birth) ? `${r.region.slice(0, 8)}|${year(r.birth)}` : null), 'kecamatan_lahir', 0.03);
  return { links, conflicts };
}
