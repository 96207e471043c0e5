/**
 * The padu-padan cascade over two sets of person records (DOMAIN.md §5), pure and in memory:
 *   1. exact NIK — only well-formed NIKs, and only when the names agree (a NIK shared by two
 *      different people is a conflict, not a link);
 *   2. exact No KK plus a similar name;
 *   3. blocking on desa and birth year, scored on name similarity, birth date (exact or day/month
 *      swapped) and sex (from the NIK when the column is empty), accepted above one threshold and
 *      queued for review between two; then kecamatan and birth year for the rest, where only
 *      pairs whose birth dates agree (exactly or swapped) are scored — a name alone is too weak a
 *      hint among the tens of thousands of people of a kecamatan.
 * Every link carries its method and score. A person is linked at most once (best score first, ties
 * to the lower ids); decisions a planner made (accept / reject a pair) override the cascade.
 *
 * Exact passes are sort-merges and blocks are runs of a sorted order (order.ts), over the typed
 * columns of records.ts: at province scale (five million people a side) no per-record object or
 * hash map is made.
 */
import type { LinkMethod } from '../../../shared/contracts/linkage.ts';
import { birthCodeAgreement, nameSimilarity } from '../../../shared/linkage/names.ts';
import { indexesWhere, orderBy } from './order.ts';
import type { RecordSet } from './records.ts';

export type { LinkMethod };

export type LinkStatus = 'auto' | 'review' | 'accepted';

export const METHODS: readonly LinkMethod[] = ['manual', 'nik', 'kk_name', 'desa_lahir', 'kecamatan_lahir'];
export const STATUSES: readonly LinkStatus[] = ['auto', 'review', 'accepted'];

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

/** Links as columns: record indexes of A and B, method and status as indexes of METHODS and STATUSES, score × 10⁴. */
export interface LinkColumns {
  readonly n: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly method: Uint8Array;
  readonly status: Uint8Array;
  readonly score: Int32Array;
}

export const CONFLICT_KINDS = ['nik_two_people', 'person_two_families'] as const;

/**
 * Conflicts (record indexes, kind as an index of CONFLICT_KINDS): one NIK carried by two people
 * whose names disagree; or one person — the same NIK and name — in two families of one side.
 */
export interface ConflictColumns {
  readonly n: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly kind: Uint8Array;
}

export interface MatchResult {
  readonly links: LinkColumns;
  readonly conflicts: ConflictColumns;
  /** 1 where the record of A / B is linked (automatically or accepted), 2 where only queued. */
  readonly usedA: Uint8Array;
  readonly usedB: Uint8Array;
}

const SCALE = 10000;
const M_MANUAL = 0;
const M_NIK = 1;
const M_KK = 2;
const M_DESA = 3;
const M_KEC = 4;

/** A growable list of (i, j, score) triples. */
class Pairs {
  n = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  s = new Int32Array(1024);

  push(i: number, j: number, s: number): void {
    if (this.n === this.i.length) {
      const grow = (x: Int32Array): Int32Array<ArrayBuffer> => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.i = grow(this.i);
      this.j = grow(this.j);
      this.s = grow(this.s);
    }
    this.i[this.n] = i;
    this.j[this.n] = j;
    this.s[this.n] = s;
    this.n++;
  }
}

function birthScore(a: number, b: number): number {
  switch (birthCodeAgreement(a, b)) {
    case 'exact': return 1;
    case 'swapped': return 0.85;
    case 'year': return 0.45;
    case 'unknown': return 0.5;
    default: return 0;
  }
}

function sexScore(a: number, b: number): number {
  if (a === 0 || b === 0) return 0.5;
  return a === b ? 1 : 0;
}

const scaled = (x: number): number => Math.round(x * SCALE);

export function matchSets(A: RecordSet, B: RecordSet, names: readonly string[], options: MatchOptions = DEFAULT_MATCH, decisions: readonly Decision[] = []): MatchResult {
  const usedA = new Uint8Array(A.n);
  const usedB = new Uint8Array(B.n);
  const links = new Pairs();
  const linkMeta: number[] = [];
  const conflicts = new Pairs(); // score slot holds the kind
  const review = scaled(options.reviewScore);
  const accept = scaled(options.acceptScore);
  const sim = (i: number, j: number): number => nameSimilarity(names[A.name[i] as number] ?? '', names[B.name[j] as number] ?? '');

  // 0. The planners' decisions first: an accepted pair is linked, a rejected one never is.
  const rejected = new Map<number, number[]>();
  const wantedA = new Map<number, number>();
  const wantedB = new Map<number, number>();
  for (const d of decisions) {
    if (d.decision === 'reject') {
      const l = rejected.get(d.a);
      if (l) l.push(d.b);
      else rejected.set(d.a, [d.b]);
    } else {
      wantedA.set(d.a, -1);
      wantedB.set(d.b, -1);
    }
  }
  if (wantedA.size > 0) {
    for (let i = 0; i < A.n; i++) if (wantedA.has(A.id[i] as number)) wantedA.set(A.id[i] as number, i);
    for (let j = 0; j < B.n; j++) if (wantedB.has(B.id[j] as number)) wantedB.set(B.id[j] as number, j);
    for (const d of decisions) {
      if (d.decision !== 'accept') continue;
      const i = wantedA.get(d.a) ?? -1;
      const j = wantedB.get(d.b) ?? -1;
      if (i < 0 || j < 0 || usedA[i] || usedB[j]) continue;
      usedA[i] = 1;
      usedB[j] = 1;
      links.push(i, j, SCALE);
      linkMeta.push(M_MANUAL * 4 + 2);
    }
  }
  const isRejected = (i: number, j: number): boolean => {
    if (rejected.size === 0) return false;
    const l = rejected.get(A.id[i] as number);
    return l !== undefined && l.includes(B.id[j] as number);
  };

  // Candidate pairs of a pass, linked greedily by score (ties: lower ids, for a stable result).
  const settle = (cands: Pairs, method: number): void => {
    if (cands.n === 0) return;
    const desc = new Int32Array(cands.n);
    const aid = new Int32Array(cands.n);
    const bid = new Int32Array(cands.n);
    for (let c = 0; c < cands.n; c++) {
      desc[c] = SCALE - Math.min(SCALE, cands.s[c] as number);
      aid[c] = A.id[cands.i[c] as number] as number;
      bid[c] = B.id[cands.j[c] as number] as number;
    }
    const order = orderBy(indexesWhere(cands.n, () => true), [desc, aid, bid]);
    for (let k = 0; k < order.length; k++) {
      const c = order[k] as number;
      const i = cands.i[c] as number;
      const j = cands.j[c] as number;
      const s = cands.s[c] as number;
      if (usedA[i] || usedB[j] || s < review || isRejected(i, j)) continue;
      const auto = s >= accept;
      usedA[i] = auto ? 1 : 2;
      usedB[j] = auto ? 1 : 2;
      links.push(i, j, s);
      linkMeta.push(method * 4 + (auto ? 0 : 1));
    }
  };

  // Records of one side sorted by a pair of keys, walked in runs of equal keys against the other side.
  const mergeRuns = (
    keyA: readonly [Int32Array, Int32Array],
    keyB: readonly [Int32Array, Int32Array],
    okA: (i: number) => boolean,
    okB: (j: number) => boolean,
    visit: (ia: Uint32Array, a0: number, a1: number, ib: Uint32Array, b0: number, b1: number) => void,
  ): void => {
    const ia = orderBy(indexesWhere(A.n, okA), keyA);
    const ib = orderBy(indexesWhere(B.n, okB), keyB);
    const [ha, la] = keyA;
    const [hb, lb] = keyB;
    let x = 0;
    let y = 0;
    while (x < ia.length && y < ib.length) {
      const i = ia[x] as number;
      const j = ib[y] as number;
      const d = (ha[i] as number) - (hb[j] as number) || (la[i] as number) - (lb[j] as number);
      if (d < 0) {
        x++;
        continue;
      }
      if (d > 0) {
        y++;
        continue;
      }
      let x1 = x + 1;
      while (x1 < ia.length && ha[ia[x1] as number] === ha[i] && la[ia[x1] as number] === la[i]) x1++;
      let y1 = y + 1;
      while (y1 < ib.length && hb[ib[y1] as number] === hb[j] && lb[ib[y1] as number] === lb[j]) y1++;
      visit(ia, x, x1, ib, y, y1);
      x = x1;
      y = y1;
    }
  };

  // 1. Exact NIK, names agreeing.
  const nikCands = new Pairs();
  mergeRuns([A.nikHi, A.nikLo], [B.nikHi, B.nikLo], (i) => A.nikHi[i] !== -1 && !usedA[i], (j) => B.nikHi[j] !== -1 && !usedB[j], (ia, a0, a1, ib, b0, b1) => {
    // The same person (NIK and name agreeing) in families of one side that differ: reported once
    // per run of equal NIKs, on the first such pair.
    let famA = -2;
    let famB = -2;
    let twoA = false;
    let twoB = false;
    let pairI = -1;
    let pairJ = -1;
    for (let x = a0; x < a1; x++) {
      const i = ia[x] as number;
      for (let y = b0; y < b1; y++) {
        const j = ib[y] as number;
        const s = sim(i, j);
        if (s < 0.6) {
          conflicts.push(i, j, 0);
          continue;
        }
        // Same NIK: the name decides how sure; birth date and sex nudge a borderline name.
        nikCands.push(i, j, scaled(Math.min(1, 0.55 + 0.4 * s + 0.05 * birthScore(A.birth[i] as number, B.birth[j] as number))));
        const fa = A.family[i] as number;
        const fb = B.family[j] as number;
        if (famA === -2) {
          famA = fa;
          famB = fb;
          pairI = i;
          pairJ = j;
        }
        if (fa >= 0 && famA >= 0 && fa !== famA) twoA = true;
        if (fb >= 0 && famB >= 0 && fb !== famB) twoB = true;
      }
    }
    if (twoA || twoB) conflicts.push(pairI, pairJ, 1);
  });
  settle(nikCands, M_NIK);

  // 2. Exact No KK and a similar name.
  const kkCands = new Pairs();
  mergeRuns([A.kkHi, A.kkLo], [B.kkHi, B.kkLo], (i) => A.kkHi[i] !== -1 && !usedA[i], (j) => B.kkHi[j] !== -1 && !usedB[j], (ia, a0, a1, ib, b0, b1) => {
    for (let x = a0; x < a1; x++) {
      const i = ia[x] as number;
      for (let y = b0; y < b1; y++) {
        const j = ib[y] as number;
        const s = sim(i, j);
        if (s < 0.8) continue;
        const score = 0.5 * s + 0.3 * birthScore(A.birth[i] as number, B.birth[j] as number) + 0.2 * sexScore(A.sex[i] as number, B.sex[j] as number);
        kkCands.push(i, j, scaled(Math.min(1, score + 0.08)));
      }
    }
  });
  settle(kkCands, M_KK);

  // 3. Blocks of region and birth year.
  const yearA = A.birth.map((b) => Math.floor(b / 10000));
  const yearB = B.birth.map((b) => Math.floor(b / 10000));
  const blockPass = (regionA: Int32Array, regionB: Int32Array, method: number, penalty: number, datesMustAgree: boolean): void => {
    const cands = new Pairs();
    // Best possible score of a pair with a perfect name: pairs that cannot reach review are not compared.
    const floor = options.reviewScore + penalty - 0.6;
    mergeRuns([regionA, yearA], [regionB, yearB], (i) => !usedA[i] && (regionA[i] as number) >= 0 && (yearA[i] as number) > 0, (j) => !usedB[j] && (regionB[j] as number) >= 0 && (yearB[j] as number) > 0, (ia, a0, a1, ib, b0, b1) => {
      for (let x = a0; x < a1; x++) {
        const i = ia[x] as number;
        const bi = A.birth[i] as number;
        const si = A.sex[i] as number;
        for (let y = b0; y < b1; y++) {
          const j = ib[y] as number;
          const bj = B.birth[j] as number;
          const agreement = birthCodeAgreement(bi, bj);
          if (datesMustAgree && agreement !== 'exact' && agreement !== 'swapped') continue;
          const rest = 0.28 * birthScore(bi, bj) + 0.12 * sexScore(si, B.sex[j] as number);
          if (rest < floor) continue;
          const score = 0.6 * sim(i, j) + rest - penalty;
          if (score >= options.reviewScore) cands.push(i, j, scaled(score));
        }
      }
    });
    settle(cands, method);
  };
  blockPass(A.desa, B.desa, M_DESA, 0, false);
  blockPass(A.kec, B.kec, M_KEC, 0.03, true);

  const meta = Uint8Array.from(linkMeta);
  return {
    links: {
      n: links.n,
      a: links.i.slice(0, links.n),
      b: links.j.slice(0, links.n),
      method: meta.map((m) => m >> 2),
      status: meta.map((m) => m & 3),
      score: links.s.slice(0, links.n),
    },
    conflicts: { n: conflicts.n, a: conflicts.i.slice(0, conflicts.n), b: conflicts.j.slice(0, conflicts.n), kind: Uint8Array.from(conflicts.s.subarray(0, conflicts.n)) },
    usedA,
    usedB,
  };
}
