import type { Database } from 'better-sqlite3';
import { inSubtree } from '../db/region-filter.ts';
import { all, sql } from '../db/sql.ts';

/**
 * The working province's regions as a dense dictionary: index = position in code order, so a
 * subtree is a contiguous index range (every code under `53.01` sorts between `53.01` and `53.01/`).
 * Families store their region as this index (Int16), and a region level's row of a cross-tab is
 * one look-up of the ancestor table.
 */
export class RegionDict {
  readonly province: string;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  readonly levels: Uint8Array;
  /** ancestor[level][i]: index of i's ancestor at that level (itself at its own level), -1 above it. */
  readonly ancestor: readonly Int32Array[];
  private readonly byCode: Map<string, number>;

  constructor(db: Database, province: string) {
    this.province = province;
    const rows = all<{ code: string; level: number; name: string }>(
      db,
      sql`SELECT code, level, name FROM region WHERE ${inSubtree('code', province)} ORDER BY code`,
    );
    this.codes = rows.map((r) => r.code);
    this.names = rows.map((r) => r.name);
    this.levels = Uint8Array.from(rows.map((r) => r.level));
    this.byCode = new Map(this.codes.map((c, i) => [c, i]));
    const n = rows.length;
    const anc: Int32Array[] = [];
    for (let level = 0; level <= 4; level++) anc.push(new Int32Array(n).fill(-1));
    for (let i = 0; i < n; i++) {
      const code = this.codes[i] as string;
      const parts = code.split('.');
      for (let level = 1; level <= parts.length && level <= 4; level++) {
        const a = this.byCode.get(parts.slice(0, level).join('.'));
        if (a !== undefined) (anc[level] as Int32Array)[i] = a;
      }
    }
    this.ancestor = anc;
  }

  get size(): number {
    return this.codes.length;
  }

  indexOf(code: string | null | undefined): number {
    if (!code) return -1;
    return this.byCode.get(code) ?? -1;
  }

  /** [first, last] indexes of a code's subtree, or null when the code is not in the dictionary. */
  subtree(code: string): [number, number] | null {
    const i = this.byCode.get(code);
    if (i === undefined) return null;
    let j = i;
    const prefix = `${code}.`;
    while (j + 1 < this.codes.length && (this.codes[j + 1] as string).startsWith(prefix)) j++;
    return [i, j];
  }

  /** Indexes of the regions at `level` within a subtree, in code order. */
  atLevel(level: number, within: [number, number]): number[] {
    const out: number[] = [];
    for (let i = within[0]; i <= within[1]; i++) if (this.levels[i] === level) out.push(i);
    return out;
  }

  name(i: number): string {
    return this.names[i] ?? '';
  }

  code(i: number): string {
    return this.codes[i] ?? '';
  }
}

const cache = new WeakMap<Database, RegionDict>();

/** The dictionary of a province (rebuilt when the working province changes). */
export function regionDict(db: Database, province: string): RegionDict {
  const hit = cache.get(db);
  if (hit && hit.province === province) return hit;
  const dict = new RegionDict(db, province);
  cache.set(db, dict);
  return dict;
}
