/**
 * The records of a batch as columns of typed arrays, the form the matcher works on.
 *
 * A province is about five million people per side. As JS objects with string fields they took
 * over 5 GB and ran out of heap; as columns they take about 35 bytes a person: identifiers as two
 * 8-digit halves (a 16-digit number does not fit a double exactly for every province code), the
 * birth date as yyyymmdd, the village and kecamatan as indexes of a dictionary shared by both
 * sides, and the name as an index into a pool of normalised names (names repeat a lot — about
 * one distinct written name in seven rows — so each is normalised once).
 */
import type { Database } from 'better-sqlite3';
import type { RecordKind } from '../../../shared/contracts/linkage.ts';
import { birthCode, normalizeName } from '../../../shared/linkage/names.ts';
import { pluck, raw, rawIterate, sql } from '../db/sql.ts';

export interface RecordSet {
  readonly n: number;
  readonly id: Int32Array;
  /** Well-formed NIK as two 8-digit halves; -1 when absent or malformed. */
  readonly nikHi: Int32Array;
  readonly nikLo: Int32Array;
  readonly kkHi: Int32Array;
  readonly kkLo: Int32Array;
  /** yyyymmdd (month or day 0 when unknown), 0 when no date. */
  readonly birth: Int32Array;
  /** 1 male, 2 female, 0 unknown (from the NIK when the column is empty). */
  readonly sex: Uint8Array;
  /** Index of the desa / kecamatan in the shared dictionaries, -1 when none. */
  readonly desa: Int32Array;
  readonly kec: Int32Array;
  /** Index of the normalised name in the shared pool. */
  readonly name: Int32Array;
  /** The record's family (a household for DTKS; the record itself for a family file), -1 when none. */
  readonly family: Int32Array;
  /** Desil, 0 when none. */
  readonly desil: Int8Array;
}

/** What both sides of a run share: the name pool and the region dictionaries. */
export class Dictionaries {
  readonly names: string[] = [];
  private readonly byNorm = new Map<string, number>();
  private readonly byRaw = new Map<string, number>();
  private readonly desa = new Map<string, number>();
  private readonly kec = new Map<string, number>();

  nameIndex(raw: string | null): number {
    const r = raw ?? '';
    const hit = this.byRaw.get(r);
    if (hit !== undefined) return hit;
    const norm = normalizeName(r);
    let idx = this.byNorm.get(norm);
    if (idx === undefined) {
      idx = this.names.length;
      this.names.push(norm);
      this.byNorm.set(norm, idx);
    }
    this.byRaw.set(r, idx);
    return idx;
  }

  desaIndex(code: string | null): number {
    if (!code) return -1;
    let i = this.desa.get(code);
    if (i === undefined) {
      i = this.desa.size;
      this.desa.set(code, i);
    }
    return i;
  }

  kecIndex(code: string | null): number {
    if (!code || code.length < 8) return -1;
    const k = code.slice(0, 8);
    let i = this.kec.get(k);
    if (i === undefined) {
      i = this.kec.size;
      this.kec.set(k, i);
    }
    return i;
  }

  /** Desa codes by index. */
  desaCodes(): string[] {
    const out: string[] = new Array<string>(this.desa.size);
    for (const [code, i] of this.desa) out[i] = code;
    return out;
  }

  /** Drop the look-up maps once both sides are loaded (the pool itself stays). */
  seal(): void {
    this.byRaw.clear();
    this.byNorm.clear();
  }
}

const ZERO = 48;

/** The two 8-digit halves of a 16-digit identifier that can be a NIK / No KK, or null. */
export function idHalves(raw: string | null): [number, number] | null {
  if (raw === null || raw.length !== 16) return null;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 16; i++) {
    const d = raw.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return null;
    if (i < 8) hi = hi * 10 + d;
    else lo = lo * 10 + d;
  }
  return [hi, lo];
}

/** The checks of shared/model/nik.ts nikProblem, on the halves (PPKKCCDD, MMYYSSSS). */
export function plausibleNik(hi: number, lo: number): boolean {
  if (Math.floor(hi / 1_000_000) === 0 || Math.floor(hi / 10_000) % 100 === 0) return false;
  const dd = hi % 100;
  const mm = Math.floor(lo / 1_000_000);
  if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71))) return false;
  if (mm < 1 || mm > 12) return false;
  // Placeholders: one digit sixteen times, 1234567890123456.
  if (hi === 12345678 && lo === 90123456) return false;
  const rep = hi % 10;
  return !(hi === rep * 11111111 && lo === rep * 11111111);
}

type Row = [number, string | null, string | null, string | null, string | null, number | null, string | null, number | null, number | null];

function selectRows(db: Database, batchId: number, kind: RecordKind): IterableIterator<Row> {
  // Rows of a batch are contiguous in id: a range scan on the table reads it in order, where the
  // batch index would look every row up by id.
  if (kind === 'person') {
    return rawIterate<Row>(db, sql`
      SELECT id, nik, kk, name, birth_date, sex, region_code, family_id, desil FROM person
      WHERE id BETWEEN (SELECT min(id) FROM person WHERE batch_id = ${batchId}) AND (SELECT max(id) FROM person WHERE batch_id = ${batchId})
        AND batch_id = ${batchId}`);
  }
  if (kind === 'family') {
    return rawIterate<Row>(db, sql`
      SELECT id, head_nik, kk, head_name, head_birth, head_sex, region_code, id, desil FROM family
      WHERE id BETWEEN (SELECT min(id) FROM family WHERE batch_id = ${batchId}) AND (SELECT max(id) FROM family WHERE batch_id = ${batchId})
        AND batch_id = ${batchId}`);
  }
  return rawIterate<Row>(db, sql`SELECT id, nik, kk, name, NULL, NULL, region_code, NULL, NULL FROM program_recipient WHERE batch_id = ${batchId} ORDER BY id`);
}

function countRows(db: Database, batchId: number, kind: RecordKind): number {
  const table = kind === 'person' ? 'person' : kind === 'family' ? 'family' : 'program_recipient';
  return pluck<number>(db, sql`SELECT count(*) FROM ${raw(table)} WHERE batch_id = ${batchId}`)[0] ?? 0;
}

/** Columns for rows given one by one (the loader and the tests share it). */
export class RecordSetBuilder {
  private n = 0;
  private readonly set: { -readonly [K in keyof RecordSet]: RecordSet[K] };
  private readonly dict: Dictionaries;

  constructor(capacity: number, dict: Dictionaries) {
    this.dict = dict;
    const c = Math.max(1, capacity);
    this.set = {
      n: 0,
      id: new Int32Array(c),
      nikHi: new Int32Array(c),
      nikLo: new Int32Array(c),
      kkHi: new Int32Array(c),
      kkLo: new Int32Array(c),
      birth: new Int32Array(c),
      sex: new Uint8Array(c),
      desa: new Int32Array(c),
      kec: new Int32Array(c),
      name: new Int32Array(c),
      family: new Int32Array(c),
      desil: new Int8Array(c),
    };
  }

  add(id: number, nik: string | null, kk: string | null, name: string | null, birth: string | null, sex: number | null, region: string | null,
    family: number | null = null, desil: number | null = null): void {
    const s = this.set;
    if (this.n === s.id.length) throw new Error('RecordSetBuilder: more rows than announced');
    const i = this.n++;
    s.id[i] = id;
    const n = idHalves(nik);
    const nikOk = n !== null && plausibleNik(n[0], n[1]);
    s.nikHi[i] = nikOk ? n[0] : -1;
    s.nikLo[i] = nikOk ? n[1] : -1;
    const k = idHalves(kk);
    const kkOk = k !== null && plausibleNik(k[0], k[1]);
    s.kkHi[i] = kkOk ? k[0] : -1;
    s.kkLo[i] = kkOk ? k[1] : -1;
    const b = birth ? birthCode(birth) : 0;
    s.birth[i] = b > 0 ? b : 0;
    // Sex: the column, else the NIK's day (41–71 for women).
    s.sex[i] = sex === 1 || sex === 2 ? sex : nikOk ? (n[0] % 100 > 40 ? 2 : 1) : 0;
    s.desa[i] = this.dict.desaIndex(region);
    s.kec[i] = this.dict.kecIndex(region);
    s.name[i] = this.dict.nameIndex(name);
    s.family[i] = family ?? -1;
    s.desil[i] = desil !== null && desil > 0 && desil <= 10 ? desil : 0;
  }

  build(): RecordSet {
    const n = this.n;
    const s = this.set;
    if (n === s.id.length) return { ...s, n };
    return {
      n,
      id: s.id.slice(0, n),
      nikHi: s.nikHi.slice(0, n),
      nikLo: s.nikLo.slice(0, n),
      kkHi: s.kkHi.slice(0, n),
      kkLo: s.kkLo.slice(0, n),
      birth: s.birth.slice(0, n),
      sex: s.sex.slice(0, n),
      desa: s.desa.slice(0, n),
      kec: s.kec.slice(0, n),
      name: s.name.slice(0, n),
      family: s.family.slice(0, n),
      desil: s.desil.slice(0, n),
    };
  }
}

/** The records of a batch as people to match. */
export function loadRecordSet(db: Database, batchId: number, kind: RecordKind, dict: Dictionaries): RecordSet {
  const builder = new RecordSetBuilder(countRows(db, batchId, kind), dict);
  for (const [id, nik, kk, name, birth, sex, region, family, desil] of selectRows(db, batchId, kind)) builder.add(id, nik, kk, name, birth, sex, region, family, desil);
  return builder.build();
}
