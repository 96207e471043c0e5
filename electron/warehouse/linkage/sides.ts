/**
 * The records behind a padu-padan count from the run's `link_side` arrays (areas.ts writeSides):
 * the desa runs of the region, filtered by one flag, sorted by id. Used while no decision was made
 * since the run (decisions change links the arrays do not know about; then the caller counts in
 * SQL). Loaded once per run and side, and the last few lists are kept for paging.
 */
import type { Database } from 'better-sqlite3';
import type { LinkBucket, LinkRunInfo } from '../../../shared/contracts/linkage.ts';
import { get, sql } from '../db/sql.ts';
import { FLAG } from './areas.ts';

interface Side {
  readonly codes: readonly string[];
  readonly starts: Int32Array;
  readonly ids: Int32Array;
  readonly flags: Uint8Array;
}

const SIDES = new WeakMap<Database, Map<string, Side>>();
const LISTS = new WeakMap<Database, Map<string, Int32Array>>();
const KEPT_LISTS = 8;

const BUCKETS: Readonly<Record<LinkBucket, { side: 'a' | 'b'; flag: number; without?: true }>> = {
  both: { side: 'a', flag: FLAG.linked },
  onlyA: { side: 'a', flag: FLAG.linked, without: true },
  onlyB: { side: 'b', flag: FLAG.linked, without: true },
  review: { side: 'a', flag: FLAG.review },
  conflicts: { side: 'a', flag: FLAG.conflict },
  a_desil1_not_in_b: { side: 'a', flag: FLAG.question },
  b_not_in_a: { side: 'b', flag: FLAG.question },
  desil_differs: { side: 'a', flag: FLAG.desilDiffers },
};

function typed<T extends Int32Array | Uint8Array>(buf: Buffer, ctor: new (b: ArrayBuffer) => T): T {
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return new ctor(copy);
}

function loadSide(db: Database, key: string, runId: number, side: 'a' | 'b'): Side | null {
  let cache = SIDES.get(db);
  if (!cache) {
    cache = new Map();
    SIDES.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const r = get<{ codes: string; starts: Buffer; ids: Buffer; flags: Buffer }>(db, sql`SELECT codes, starts, ids, flags FROM link_side WHERE run_id = ${runId} AND side = ${side}`);
  if (!r) return null;
  const loaded: Side = { codes: JSON.parse(r.codes) as string[], starts: typed(r.starts, Int32Array), ids: typed(r.ids, Int32Array), flags: typed(r.flags, Uint8Array) };
  // An older run that had this id and side goes, and the cache stays small.
  for (const k of [...cache.keys()]) if (k.startsWith(`${runId}|${side}|`) || cache.size > 4) cache.delete(k);
  cache.set(key, loaded);
  return loaded;
}

/** First index whose code is ≥ `prefix`. */
function lowerBound(codes: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((codes[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Record ids behind a count in a region, ascending; null when the run has no arrays or decisions were made since. */
export function bucketIds(db: Database, info: LinkRunInfo, scope: { code: string; level: number }, bucket: LinkBucket): Int32Array | null {
  const b = BUCKETS[bucket];
  if (info.newDecisions > 0) return null;
  const key = `${info.runId}|${b.side}|${info.startedAt}`;
  const side = loadSide(db, key, info.runId, b.side);
  if (!side) return null;
  const listKey = `${key}|${scope.code}|${bucket}`;
  let lists = LISTS.get(db);
  if (!lists) {
    lists = new Map();
    LISTS.set(db, lists);
  }
  const kept = lists.get(listKey);
  if (kept) return kept;
  const prefix = scope.level === 4 ? scope.code : `${scope.code}.`;
  const first = lowerBound(side.codes, prefix);
  let last = first;
  while (last < side.codes.length && (side.codes[last] as string).startsWith(prefix)) last++;
  const from = side.starts[first] ?? 0;
  const to = side.starts[last] ?? from;
  let n = 0;
  for (let k = from; k < to; k++) if (((side.flags[k] as number) & b.flag) !== 0 !== (b.without === true)) n++;
  const out = new Int32Array(n);
  for (let k = from, m = 0; k < to; k++) if (((side.flags[k] as number) & b.flag) !== 0 !== (b.without === true)) out[m++] = side.ids[k] as number;
  out.sort();
  if (lists.size >= KEPT_LISTS) lists.delete(lists.keys().next().value as string);
  lists.set(listKey, out);
  return out;
}
