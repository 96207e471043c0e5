/**
 * The two counting loops of the cross-tab engine, as plain functions over typed arrays so the
 * warehouse thread and the scan worker run the very same code on their halves of the families.
 * Outputs are added to (never reset), so halves can be merged by addition. Both loops also
 * exist in WebAssembly (scan-kernel.wat, run by scan-wasm.ts), which is what normally runs; the
 * JS ones here are their reference and their fallback.
 */

export type Codes = Int8Array | Int16Array;

/** Family level: families and people per cell; a failing family lands in the spare `trash` cell. */
export interface FamilyScanJob {
  readonly kind: 'family';
  readonly from: number;
  readonly to: number;
  readonly rc: Codes;
  /** Row code + 1 → row slot × (C + 1) (spare row for codes outside the rows). */
  readonly rowOff: Int32Array;
  readonly cc: Codes;
  /** Column code + 1 → column slot (spare column C for codes outside the columns). */
  readonly colOff: Int32Array;
  readonly fc: readonly Codes[];
  /** Filter code + 1 → 1 (keep) or 0. */
  readonly fl: readonly Int32Array[];
  readonly persons: Uint16Array;
  readonly trash: number;
  /** Per cell: families × PACK + people, one add per family (see `PACK`). */
  readonly acc: Float64Array;
}

/**
 * Families and people share one counter: families × 2^23 + people. One read-modify-write per
 * family instead of two is ~15 % faster, and exact while a cell holds < 2^23 people and
 * < 2^30 families (a province has ~5 M people).
 */
export const PACK = 2 ** 23;

/**
 * Branch-free: the CPU never mispredicts on the data. Written out for 0–3 filters (the common
 * case) so each loop stays monomorphic and tight.
 */
export function scanFamilies(job: FamilyScanJob): void {
  const { from, to, rc, rowOff, cc, colOff, fc, fl, persons, trash, acc } = job;
  if (fc.length === 0) {
    for (let i = from; i < to; i++) {
      const k = (rowOff[(rc[i] as number) + 1] as number) + (colOff[(cc[i] as number) + 1] as number);
      acc[k] = (acc[k] as number) + PACK + (persons[i] as number);
    }
  } else if (fc.length === 1) {
    const f0 = fc[0] as Codes;
    const l0 = fl[0] as Int32Array;
    for (let i = from; i < to; i++) {
      const pass = l0[(f0[i] as number) + 1] as number;
      const k0 = (rowOff[(rc[i] as number) + 1] as number) + (colOff[(cc[i] as number) + 1] as number);
      const k = (k0 & -pass) | (trash & (pass - 1));
      acc[k] = (acc[k] as number) + PACK + (persons[i] as number);
    }
  } else if (fc.length === 2) {
    const f0 = fc[0] as Codes;
    const l0 = fl[0] as Int32Array;
    const f1 = fc[1] as Codes;
    const l1 = fl[1] as Int32Array;
    for (let i = from; i < to; i++) {
      const pass = (l0[(f0[i] as number) + 1] as number) & (l1[(f1[i] as number) + 1] as number);
      const k0 = (rowOff[(rc[i] as number) + 1] as number) + (colOff[(cc[i] as number) + 1] as number);
      const k = (k0 & -pass) | (trash & (pass - 1));
      acc[k] = (acc[k] as number) + PACK + (persons[i] as number);
    }
  } else if (fc.length === 3) {
    const f0 = fc[0] as Codes;
    const l0 = fl[0] as Int32Array;
    const f1 = fc[1] as Codes;
    const l1 = fl[1] as Int32Array;
    const f2 = fc[2] as Codes;
    const l2 = fl[2] as Int32Array;
    for (let i = from; i < to; i++) {
      const pass = (l0[(f0[i] as number) + 1] as number) & (l1[(f1[i] as number) + 1] as number) & (l2[(f2[i] as number) + 1] as number);
      const k0 = (rowOff[(rc[i] as number) + 1] as number) + (colOff[(cc[i] as number) + 1] as number);
      const k = (k0 & -pass) | (trash & (pass - 1));
      acc[k] = (acc[k] as number) + PACK + (persons[i] as number);
    }
  } else {
    const nl = fc.length;
    for (let i = from; i < to; i++) {
      let pass = 1;
      for (let f = 0; f < nl; f++) pass &= (fl[f] as Int32Array)[((fc[f] as Codes)[i] as number) + 1] as number;
      const k0 = (rowOff[(rc[i] as number) + 1] as number) + (colOff[(cc[i] as number) + 1] as number);
      const k = (k0 & -pass) | (trash & (pass - 1));
      acc[k] = (acc[k] as number) + PACK + (persons[i] as number);
    }
  }
}

/** Member level: people per cell, and each family once per cell, row, column and in all. */
export interface PersonScanJob {
  readonly kind: 'person';
  readonly from: number;
  readonly to: number;
  /** Family i's members are order[start[i]] … order[start[i + 1] − 1]. */
  readonly start: Int32Array;
  readonly order: Int32Array;
  /** order[t] === t for every t (read positions directly). */
  readonly identity: boolean;
  /** Row codes and code + 1 → row slot (−1: not counted); read per member when `rowByPerson`, else per family. */
  readonly rc: Codes;
  readonly rl: Int32Array;
  readonly cc: Codes;
  readonly cl: Int32Array;
  readonly rowByPerson: boolean;
  readonly colByPerson: boolean;
  /** Family-level filters (code + 1 → 1 keep, 0 drop), decided once per family. */
  readonly fc: readonly Codes[];
  readonly fl: readonly Int32Array[];
  /** Member-level filters, decided per member. */
  readonly pc: readonly Codes[];
  readonly plu: readonly Int32Array[];
  readonly R: number;
  readonly C: number;
  readonly per: Int32Array;
  readonly fam: Int32Array;
  readonly rowFam: Int32Array;
  readonly colFam: Int32Array;
  /** [0]: distinct families counted. */
  readonly out: Int32Array;
}

/**
 * Families are visited whole: a family that fails a family-level filter, or whose family-level
 * row or column has no slot, skips all its members. Also in WebAssembly (the `person…` loops of
 * scan-kernel.wat), which is what normally runs; this is their reference and fallback.
 */
export function scanPersons(job: PersonScanJob): void {
  const { from, to, start, order, identity, rc, rl, cc, cl, rowByPerson, colByPerson, fc, fl, pc, plu, R, C, per, fam, rowFam, colFam } = job;
  const nf = fc.length;
  const np = pc.length;
  const cellStamp = new Int32Array(R * C).fill(-1);
  const rowStamp = new Int32Array(R).fill(-1);
  const colStamp = new Int32Array(C).fill(-1);
  let families = 0;
  families: for (let fi = from; fi < to; fi++) {
    for (let f = 0; f < nf; f++) if ((fl[f] as Int32Array)[((fc[f] as Codes)[fi] as number) + 1] === 0) continue families;
    const famRow = rowByPerson ? -2 : (rl[(rc[fi] as number) + 1] as number);
    const famCol = colByPerson ? -2 : (cl[(cc[fi] as number) + 1] as number);
    if (famRow === -1 || famCol === -1) continue;
    let counted = false;
    const end = start[fi + 1] as number;
    members: for (let t = start[fi] as number; t < end; t++) {
      const j = identity ? t : (order[t] as number);
      for (let f = 0; f < np; f++) if ((plu[f] as Int32Array)[((pc[f] as Codes)[j] as number) + 1] === 0) continue members;
      const r = famRow !== -2 ? famRow : (rl[(rc[j] as number) + 1] as number);
      if (r < 0) continue;
      const c = famCol !== -2 ? famCol : (cl[(cc[j] as number) + 1] as number);
      if (c < 0) continue;
      const k = r * C + c;
      per[k] = (per[k] as number) + 1;
      if (cellStamp[k] !== fi) {
        cellStamp[k] = fi;
        fam[k] = (fam[k] as number) + 1;
      }
      if (rowStamp[r] !== fi) {
        rowStamp[r] = fi;
        rowFam[r] = (rowFam[r] as number) + 1;
      }
      if (colStamp[c] !== fi) {
        colStamp[c] = fi;
        colFam[c] = (colFam[c] as number) + 1;
      }
      counted = true;
    }
    if (counted) families++;
  }
  job.out[0] = (job.out[0] as number) + families;
}

export type ScanJob = FamilyScanJob | PersonScanJob;

export function runScan(job: ScanJob): void {
  if (job.kind === 'family') scanFamilies(job);
  else scanPersons(job);
}
