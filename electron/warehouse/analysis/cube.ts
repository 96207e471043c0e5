import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { bandOf, MISSING_CODE, SIZE_BANDS } from '../../../shared/analysis/attributes.ts';
import { KeyIndex } from '../../../shared/import/key-index.ts';
import { ident, pluck, rawRows, sql } from '../db/sql.ts';
import type { Dataset } from './datasets.ts';
import type { RegionDict } from './region-dict.ts';
import { warmScanWorker } from './scan-pool.ts';
import { arenaArray, freeArray, toArena, type ArenaArray, type ArenaCtor } from './wasm-arena.ts';

/**
 * A dataset held column-wise in typed arrays: one entry per family of the family batch, in id
 * order, and (loaded only when a person attribute is used) one per member. Cross-tabs and
 * drill-downs are single passes over these arrays — no SQL on the hot path. Batches never change
 * once complete, so each column is built once from SQLite and kept in a cache folder beside the
 * warehouse file (`<file>.cube/`); codes only, never names or numbers of people. The arrays live in
 * the shared WebAssembly memory of wasm-arena.ts (the scan kernel and the scan worker read them in
 * place) and are freed when the cube is dropped or a derived column is replaced.
 */

/** Family columns behind the stored-code attributes. */
export const FAMILY_COLUMN: Readonly<Record<string, string>> = {
  desil: 'desil',
  stunting: 'stunting_risk',
  simpanan: 'savings',
  padan: 'padan',
  kepemilikan_rumah: 'house_ownership',
  atap: 'roof',
  dinding: 'wall',
  lantai: 'floor',
  kualitas_atap: 'roof_quality',
  kualitas_dinding: 'wall_quality',
  kualitas_lantai: 'floor_quality',
  penerangan: 'lighting',
  daya_listrik: 'power',
  bahan_bakar: 'fuel',
  air_minum: 'water',
  jamban: 'toilet',
  penerima_bpnt: 'rcv_bpnt',
  penerima_bpum: 'rcv_bpum',
  penerima_bst: 'rcv_bst',
  penerima_pkh: 'rcv_pkh',
  penerima_sembako: 'rcv_sembako',
  jk_kepala: 'head_sex',
  pekerjaan_kepala: 'occupation',
  pendidikan_kepala: 'education',
};

export const PERSON_COLUMN: Readonly<Record<string, string>> = {
  jk: 'sex',
  hubungan: 'relation',
  status_kawin: 'marital',
  pendidikan: 'education',
  pekerjaan: 'occupation',
};

/** A column file read straight into the arena (one copy); null when missing or not whole elements. */
function readColumn<T extends ArenaArray>(file: string, ctor: ArenaCtor<T>): T | null {
  let fd = -1;
  let arr: T | null = null;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size % ctor.BYTES_PER_ELEMENT !== 0) return null;
    arr = arenaArray(ctor, size / ctor.BYTES_PER_ELEMENT, false);
    const bytes = new Uint8Array(arr.buffer, arr.byteOffset, size);
    for (let at = 0; at < size;) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n <= 0) throw new Error(`${file}: short read`);
      at += n;
    }
    return arr;
  } catch {
    if (arr) freeArray(arr);
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** yyyymmdd of an ISO date, 0 when not a date; ages are then ⌊(ref − birth) / 10000⌋. */
export function ymd(iso: string | null): number {
  if (!iso || iso.length < 10) return 0;
  const n = Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
  return Number.isFinite(n) ? n : 0;
}

function batchKey(d: Dataset): string {
  const h = createHash('sha1')
    .update(`${d.familyBatch.id}|${d.familyBatch.createdAt}|${d.personBatch?.id ?? ''}|${d.personBatch?.createdAt ?? ''}`)
    .digest('hex')
    .slice(0, 10);
  return `b${d.familyBatch.id}-${d.personBatch?.id ?? 0}-${h}`;
}

export class DatasetCube {
  readonly dataset: Dataset;
  readonly key: string;
  private readonly db: Database;
  private readonly dir: string | null;
  private readonly mem = new Map<string, ArenaArray>();
  private readonly dict: RegionDict;
  /** Family ids in order; index = position in every family column. */
  readonly ids: Float64Array;
  readonly n: number;
  private readonly firstId: number;
  private readonly contiguous: boolean;

  constructor(db: Database, dataset: Dataset, dict: RegionDict, cacheRoot: string | null) {
    this.db = db;
    this.dataset = dataset;
    this.dict = dict;
    this.key = batchKey(dataset);
    this.dir = cacheRoot ? join(cacheRoot, this.key) : null;
    if (this.dir) mkdirSync(this.dir, { recursive: true });
    this.ids = this.column('ids', Float64Array, () => {
      return Float64Array.from(pluck<number>(db, sql`SELECT id FROM family WHERE batch_id = ${dataset.familyBatch.id} ORDER BY id`));
    });
    this.n = this.ids.length;
    this.firstId = this.n > 0 ? (this.ids[0] as number) : 0;
    this.contiguous = this.n === 0 || (this.ids[this.n - 1] as number) - this.firstId === this.n - 1;
  }

  get source(): Dataset['source'] {
    return this.dataset.source;
  }

  /** Position of a family id in the columns, or -1. */
  indexOfId(id: number): number {
    if (this.contiguous) {
      const i = id - this.firstId;
      return i >= 0 && i < this.n ? i : -1;
    }
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid] as number;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** A column from memory, the cache folder, or built from SQLite (then cached). */
  column<T extends ArenaArray>(name: string, ctor: ArenaCtor<T>, build: () => T): T {
    const hit = this.mem.get(name);
    if (hit) return hit as T;
    const file = this.dir ? join(this.dir, `${name}.bin`) : null;
    let arr = file ? readColumn(file, ctor) : null;
    if (arr && !(name === 'ids' || name.startsWith('p.') || arr.length === this.n)) {
      freeArray(arr);
      arr = null;
    }
    if (!arr) {
      arr = build();
      if (file) {
        try {
          writeFileSync(file, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
        } catch {
          // A read-only folder only costs the rebuild next time.
        }
      }
    }
    const kept = toArena(arr, ctor);
    this.mem.set(name, kept);
    return kept;
  }

  /** Free the columns named `prefix`… other than `keep` (older versions of a derived column). */
  dropColumns(prefix: string, keep: string): void {
    for (const [k, a] of this.mem) {
      if (k === keep || !k.startsWith(prefix)) continue;
      freeArray(a);
      this.mem.delete(k);
    }
  }

  /** Free every column; the cube must not be used after. */
  dispose(): void {
    for (const a of this.mem.values()) freeArray(a);
    this.mem.clear();
    if (this.zeroColumn) freeArray(this.zeroColumn);
    this.zeroColumn = null;
  }

  private zeroColumn: Int8Array | null = null;

  /** A column of zeros (for a dimension that is the same for the whole dataset). */
  zeros(n: number): Int8Array {
    if (!this.zeroColumn || this.zeroColumn.length < n) {
      if (this.zeroColumn) freeArray(this.zeroColumn);
      this.zeroColumn = arenaArray(Int8Array, Math.max(n, 1));
    }
    return this.zeroColumn;
  }

  private familyPluck(column: string): unknown[] {
    return pluck<unknown>(this.db, sql`SELECT ${ident(column)} FROM family WHERE batch_id = ${this.dataset.familyBatch.id} ORDER BY id`);
  }

  /**
   * Build the code columns of several attributes in one pass over the family rows (instead of one
   * full scan per column, which is what a cold cube costs at province scale). Columns already in
   * memory or in the cache folder are left alone.
   */
  prefetchFamilyCodes(attributes: Iterable<string>): void {
    const missing: { name: string; column: string }[] = [];
    for (const a of new Set(attributes)) {
      const column = FAMILY_COLUMN[a];
      const name = `f.${a}`;
      if (!column || this.mem.has(name)) continue;
      if (this.dir && existsSync(join(this.dir, `${name}.bin`))) continue;
      missing.push({ name, column });
    }
    if (missing.length < 2) return;
    const arrays = missing.map(() => new Int8Array(this.n));
    const stmt = this.db.prepare(`SELECT ${missing.map((m) => `"${m.column}"`).join(', ')} FROM family WHERE batch_id = ? ORDER BY id`).raw(true);
    let i = 0;
    for (const row of stmt.iterate(this.dataset.familyBatch.id) as IterableIterator<unknown[]>) {
      for (let k = 0; k < arrays.length; k++) {
        const v = row[k];
        (arrays[k] as Int8Array)[i] = typeof v === 'number' && v >= -1 && v <= 127 ? v : MISSING_CODE;
      }
      i++;
    }
    missing.forEach((m, k) => this.column(m.name, Int8Array, () => arrays[k] as Int8Array));
  }

  /** Codes of a stored categorical family column (MISSING_CODE for empty). */
  familyCodes(attribute: string): Int8Array {
    const column = FAMILY_COLUMN[attribute];
    if (!column) throw new Error(`not a family column attribute: ${attribute}`);
    return this.column(`f.${attribute}`, Int8Array, () => {
      const vals = this.familyPluck(column);
      const out = new Int8Array(this.n);
      for (let i = 0; i < this.n; i++) {
        const v = vals[i];
        out[i] = typeof v === 'number' && v >= -1 && v <= 127 ? v : MISSING_CODE;
      }
      return out;
    });
  }

  /** Region dictionary index of each family (-1: no region, or outside the working province). */
  region(): Int16Array {
    return this.column(`region.${this.dict.province}`, Int16Array, () => {
      const vals = this.familyPluck('region_code');
      const out = new Int16Array(this.n);
      for (let i = 0; i < this.n; i++) out[i] = this.dict.indexOf(vals[i] as string | null);
      return out;
    });
  }

  private sortedRegion: boolean | null = null;

  /** The region column never decreases (families come in region order). */
  regionSorted(): boolean {
    if (this.sortedRegion === null) {
      const region = this.region();
      let sorted = true;
      for (let i = 1; i < this.n && sorted; i++) if ((region[i] as number) < (region[i - 1] as number)) sorted = false;
      this.sortedRegion = sorted;
    }
    return this.sortedRegion;
  }

  /**
   * Positions [start, end) of the families whose region index lies in [lo, hi]. Source files come
   * ordered by region, so a subtree is usually one run of families and a scan can skip the rest;
   * when the column is not ordered this is the whole range.
   */
  regionRange(lo: number, hi: number): [number, number] {
    const region = this.region();
    if (!this.regionSorted()) return [0, this.n];
    const lowerBound = (v: number): number => {
      let a = 0;
      let b = this.n;
      while (a < b) {
        const m = (a + b) >> 1;
        if ((region[m] as number) < v) a = m + 1;
        else b = m;
      }
      return a;
    };
    return [lowerBound(lo), lowerBound(hi + 1)];
  }

  /** yyyymmdd of the head's birth date, 0 when unknown. */
  headBirth(): Int32Array {
    return this.column('headBirth', Int32Array, () => {
      const vals = this.familyPluck('head_birth');
      const out = new Int32Array(this.n);
      for (let i = 0; i < this.n; i++) out[i] = ymd(vals[i] as string | null);
      return out;
    });
  }

  /**
   * For a family file with a separate individu file: each family's family row in the individu
   * batch (its id, -1 when the family has no members there), joined by the source's family id.
   */
  memberFamily(): Float64Array | null {
    const d = this.dataset;
    if (!d.personBatch || d.personBatch.id === d.familyBatch.id) return null;
    const personBatch = d.personBatch.id;
    return this.column('memberFamily', Float64Array, () => {
      const rows = rawRows<[number, string]>(this.db, sql`SELECT id, source_id FROM family WHERE batch_id = ${personBatch} AND source_id IS NOT NULL`);
      const index = new KeyIndex(rows.length);
      for (let i = 0; i < rows.length; i++) index.setIfAbsent((rows[i] as [number, string])[1], i);
      const mine = this.familyPluck('source_id');
      const out = new Float64Array(this.n).fill(-1);
      for (let i = 0; i < this.n; i++) {
        const s = mine[i];
        if (typeof s !== 'string') continue;
        const j = index.get(s);
        if (j !== undefined && (rows[j] as [number, string])[1] === s) out[i] = (rows[j] as [number, string])[0];
      }
      return out;
    });
  }

  /** Members of each family: counted in the individu file when there is one, else the family's own `members`. */
  persons(): Uint16Array {
    return this.column('persons', Uint16Array, () => {
      const out = new Uint16Array(this.n);
      const link = this.memberFamily();
      if (link) {
        const personBatch = (this.dataset.personBatch as { id: number }).id;
        const rows = rawRows<[number, number | null]>(this.db, sql`SELECT id, members FROM family WHERE batch_id = ${personBatch}`);
        const members = new Map<number, number>();
        for (const [id, m] of rows) members.set(id, m ?? 0);
        for (let i = 0; i < this.n; i++) {
          const f = link[i] as number;
          out[i] = f >= 0 ? Math.min(65535, members.get(f) ?? 0) : 0;
        }
      } else {
        const vals = this.familyPluck('members');
        for (let i = 0; i < this.n; i++) {
          const v = vals[i];
          out[i] = typeof v === 'number' && v > 0 ? Math.min(65535, v) : 0;
        }
      }
      return out;
    });
  }

  private personsTotal: number | null = null;

  /** Members of all families together. */
  totalPersons(): number {
    if (this.personsTotal === null) {
      const p = this.persons();
      let t = 0;
      for (let i = 0; i < p.length; i++) t += p[i] as number;
      this.personsTotal = t;
    }
    return this.personsTotal;
  }

  /** Family size band (from `persons()`), MISSING_CODE when no member is known. */
  sizeBand(): Int8Array {
    return this.column('sizeBand', Int8Array, () => {
      const p = this.persons();
      const out = new Int8Array(this.n);
      for (let i = 0; i < this.n; i++) out[i] = p[i] === 0 ? MISSING_CODE : bandOf(SIZE_BANDS, p[i] as number);
      return out;
    });
  }

  /** Age band of a yyyymmdd column at a reference date (memory only: depends on the date). */
  ageBands(name: string, births: Int32Array, bands: readonly { code: number; min: number; max: number }[], ageDate: string): Int8Array {
    const key = `${name}@${ageDate}`;
    const hit = this.mem.get(key);
    if (hit) return hit as Int8Array;
    const ref = ymd(ageDate);
    // A table from age in years to band code keeps the loop to one subtraction and a look-up.
    const table = new Int8Array(201);
    for (let a = 0; a <= 200; a++) table[a] = bandOf(bands, a);
    const out = arenaArray(Int8Array, births.length, false);
    for (let i = 0; i < births.length; i++) {
      const b = births[i] as number;
      if (b === 0 || b > ref) {
        out[i] = MISSING_CODE;
        continue;
      }
      const age = Math.floor((ref - b) / 10000);
      out[i] = age <= 200 ? (table[age] as number) : MISSING_CODE;
    }
    this.dropColumns(`${name}@`, key);
    this.mem.set(key, out);
    return out;
  }

  // ── members ─────────────────────────────────────────────────────────────────────────────────

  private personPluck(column: string): unknown[] {
    const batch = (this.dataset.personBatch as { id: number }).id;
    return pluck<unknown>(this.db, sql`SELECT ${ident(column)} FROM person WHERE batch_id = ${batch} ORDER BY id`);
  }

  /** Member record ids in column order (ascending). */
  personIds(): Float64Array {
    return this.column('p.ids', Float64Array, () => Float64Array.from(this.personPluck('id') as number[]));
  }

  /** The warehouse the cube reads (for loaders of derived columns kept elsewhere, e.g. linkage). */
  get database(): Database {
    return this.db;
  }

  /** True when the dataset has member records. */
  get hasPersons(): boolean {
    return this.dataset.personBatch !== null;
  }

  /** For each member: the index of its family in the family columns (-1: its family is not in this dataset). */
  personFamily(): Int32Array {
    return this.column('p.family', Int32Array, () => {
      if (!this.dataset.personBatch) return new Int32Array(0);
      const fids = this.personPluck('family_id');
      const out = new Int32Array(fids.length).fill(-1);
      const link = this.memberFamily();
      let toIndex: (fid: number) => number = (fid) => this.indexOfId(fid);
      if (link) {
        // individu family id → position of the family-file family it joins.
        const map = new Map<number, number>();
        for (let i = 0; i < this.n; i++) if ((link[i] as number) >= 0) map.set(link[i] as number, i);
        toIndex = (fid) => map.get(fid) ?? -1;
      }
      for (let j = 0; j < fids.length; j++) {
        const f = fids[j];
        if (typeof f === 'number') out[j] = toIndex(f);
      }
      return out;
    });
  }

  personCodes(attribute: string): Int8Array {
    const column = PERSON_COLUMN[attribute];
    if (!column) throw new Error(`not a person column attribute: ${attribute}`);
    return this.column(`p.${attribute}`, Int8Array, () => {
      const vals = this.personPluck(column);
      const out = new Int8Array(vals.length);
      for (let j = 0; j < vals.length; j++) {
        const v = vals[j];
        out[j] = typeof v === 'number' && v >= -1 && v <= 127 ? v : MISSING_CODE;
      }
      return out;
    });
  }

  personBirth(): Int32Array {
    return this.column('p.birth', Int32Array, () => {
      const vals = this.personPluck('birth_date');
      const out = new Int32Array(vals.length);
      for (let j = 0; j < vals.length; j++) out[j] = ymd(vals[j] as string | null);
      return out;
    });
  }

  /** Bytes held in memory by this cube. */
  get bytes(): number {
    let n = this.ids.byteLength;
    for (const a of this.mem.values()) if (a !== this.ids) n += a.byteLength;
    return n;
  }
}

interface CubeCache {
  readonly cubes: Map<string, DatasetCube>;
}

const caches = new WeakMap<Database, CubeCache>();

/** The cache folder beside a warehouse file; null for an in-memory warehouse. */
export function cubeRoot(dbPath: string): string | null {
  if (!dbPath || dbPath === ':memory:') return null;
  return `${dbPath}.cube`;
}

/** The cube of a dataset (kept while its batches exist); stale cache folders are removed. */
export function cubeFor(db: Database, dbPath: string, dataset: Dataset, dict: RegionDict): DatasetCube {
  let cache = caches.get(db);
  if (!cache) {
    cache = { cubes: new Map() };
    caches.set(db, cache);
  }
  const key = batchKey(dataset);
  const hit = cache.cubes.get(key);
  if (hit) return hit;
  const root = cubeRoot(dbPath);
  warmScanWorker();
  const cube = new DatasetCube(db, dataset, dict, root);
  cache.cubes.set(key, cube);
  return cube;
}

/** Forget cubes whose batches are gone (after a delete), freeing their columns; their cache folders too. */
export function pruneCubes(db: Database, dbPath: string, liveKeys: (d: string) => boolean): void {
  const cache = caches.get(db);
  if (cache) {
    for (const [k, cube] of [...cache.cubes]) {
      if (liveKeys(k)) continue;
      cache.cubes.delete(k);
      cube.dispose();
    }
  }
  const root = cubeRoot(dbPath);
  if (!root) return;
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const e of entries) if (!liveKeys(e)) rmSync(join(root, e), { recursive: true, force: true });
}

/** Free every cube of a warehouse (when it closes). */
export function dropCubes(db: Database): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const cube of cache.cubes.values()) cube.dispose();
  caches.delete(db);
}

export { batchKey };
