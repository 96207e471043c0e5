import type { TableKey } from './tables.ts';

/**
 * Ground truth of a generated data set: exact counts (what every source holds, per kabupaten,
 * kecamatan and desil) and the record-level links between sources that a record-linkage
 * evaluation scores against.
 *
 * truth-families.csv — one row per family (KK) of the population, in generation order:
 *   family_uid         F0000001…, stable for a (seed, province, families) triple
 *   household_uid      H0000001…; families sharing a house (rumah tangga) share it
 *   kabupaten, kecamatan, desa   dotted Kemendagri codes of where the family lives
 *   desil_true         1–10; 1–4 are the P3KE families
 *   kk_true            the family's real No KK
 *   head_person_uid, head_nik_true, head_name_true   the head of the KK
 *   members            people in the KK
 *   p3ke_id_keluarga, p3ke_row   ID Keluarga P3KE and the 1-based data-record ordinal in the
 *                      P3KE keluarga files (empty when the family is not in P3KE)
 *   dtks_id_dtks       ID DTKS of the household the family is listed in (empty: not in DTKS)
 *   dtks_kk_position   1 for the household head's KK, 2 for a second KK in the same household
 *   dtsen_row, dtsen_desil   ordinal in dtsen-keluarga and the desil DTSEN gives (every family)
 *   rtlh_row, pkh_row  ordinal in program-rtlh-2025 / program-pkh-2025 (empty: not a recipient)
 *   pkh_person_uid     the pengurus whose NIK and name the PKH list carries
 *
 * truth-persons.csv — one row per person:
 *   person_uid, family_uid
 *   nik_true           the real NIK (files may show it damaged, missing or someone else's)
 *   nik_moved          1 when the NIK prefix is another kecamatan than the one lived in
 *   name_true          the name without spelling variants, upper case
 *   sex (1 L, 2 P), birth_date (ISO), age (at 2025-06-30), relation (1 head, 2 spouse, 3 child, 4 other)
 *   p3ke_id_individu, p3ke_row   ID Individu and ordinal in the P3KE individu files
 *   dtks_id_dtks, dtks_row       household and ordinal in the DTKS files
 *
 * Ordinals ("rows") count data records from 1 in file order, across sheets, ignoring title
 * rows, the header and total rows; ground-truth.json says where each file's data starts.
 */

export const TRUTH_FAMILY_COLUMNS = [
  'family_uid',
  'household_uid',
  'kabupaten',
  'kecamatan',
  'desa',
  'desil_true',
  'kk_true',
  'head_person_uid',
  'head_nik_true',
  'head_name_true',
  'members',
  'p3ke_id_keluarga',
  'p3ke_row',
  'dtks_id_dtks',
  'dtks_kk_position',
  'dtsen_row',
  'dtsen_desil',
  'rtlh_row',
  'pkh_row',
  'pkh_person_uid',
] as const;

export const TRUTH_PERSON_COLUMNS = [
  'person_uid',
  'family_uid',
  'nik_true',
  'nik_moved',
  'name_true',
  'sex',
  'birth_date',
  'age',
  'relation',
  'p3ke_id_individu',
  'p3ke_row',
  'dtks_id_dtks',
  'dtks_row',
] as const;

export const FAULT_COLUMNS = ['file', 'sheet', 'row', 'column', 'kind', 'original', 'written'] as const;

export function familyUid(n: number): string {
  return `F${String(n).padStart(7, '0')}`;
}
export function personUid(n: number): string {
  return `P${String(n).padStart(8, '0')}`;
}
export function householdUid(n: number): string {
  return `H${String(n).padStart(7, '0')}`;
}

type Counter = Record<string, number>;
type Counter2 = Record<string, Counter>;

function bump(c: Counter, key: string, by = 1): void {
  c[key] = (c[key] ?? 0) + by;
}
function bump2(c: Counter2, a: string, b: string, by = 1): void {
  let inner = c[a];
  if (!inner) {
    inner = {};
    c[a] = inner;
  }
  inner[b] = (inner[b] ?? 0) + by;
}

/** Keys sorted so the JSON is stable and diff-able. */
function sorted<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k] as T;
  return out;
}
function sorted2(obj: Counter2): Counter2 {
  const out: Counter2 = {};
  for (const k of Object.keys(obj).sort()) out[k] = sorted(obj[k] ?? {});
  return out;
}

export interface SourceCounts {
  /** Data records in the file (rows of a family file, person rows of a person file). */
  readonly rows: number;
  /** Families (KK) the source lists. */
  readonly families: number;
  /** Person rows (0 for family-level files). */
  readonly persons: number;
  /** DTKS only: households (ID DTKS). */
  readonly households?: number;
  /** Records per kabupaten code. */
  readonly byKabupaten: Counter;
  /** Records per kecamatan code. */
  readonly byKecamatan: Counter;
  /** Records per kabupaten × desil as written in the file (files that carry a desil). */
  readonly byKabupatenDesil?: Counter2;
  /** Families per kabupaten (person-level files). */
  readonly familiesByKabupaten?: Counter;
  /** DTKS: households per kabupaten. */
  readonly householdsByKabupaten?: Counter;
  /** Programs: sum of `Nilai Bantuan (Rp)`. */
  readonly amount?: number;
}

export interface DemoTruthCounts {
  readonly province: string;
  readonly population: {
    readonly households: number;
    readonly families: number;
    readonly persons: number;
    readonly p3keFamilies: number;
    readonly otherFamilies: number;
    /** Families by kabupaten × true desil. */
    readonly byKabupatenDesil: Counter2;
  };
  readonly sources: Readonly<Record<TableKey, SourceCounts>>;
  readonly linkage: {
    readonly p3keFamiliesInDtks: number;
    readonly p3keDesil1Families: number;
    readonly p3keDesil1NotInDtks: number;
    readonly dtksFamiliesNotInP3ke: number;
    readonly dtksHouseholdsWithTwoKk: number;
    readonly dtsenDesilSame: number;
    readonly dtsenDesilOffByOne: number;
    readonly dtsenDesilOffMore: number;
    readonly rtlhNotInP3ke: number;
    readonly pkhNotInP3ke: number;
    readonly personsWithMovedNik: number;
  };
}

class SourceTally {
  rows = 0;
  families = 0;
  persons = 0;
  households = 0;
  amount = 0;
  readonly byKabupaten: Counter = {};
  readonly byKecamatan: Counter = {};
  readonly byKabupatenDesil: Counter2 = {};
  readonly familiesByKabupaten: Counter = {};
  readonly householdsByKabupaten: Counter = {};

  row(kab: string, kec: string, desil: number | null): void {
    this.rows++;
    bump(this.byKabupaten, kab);
    bump(this.byKecamatan, kec);
    if (desil !== null) bump2(this.byKabupatenDesil, kab, String(desil));
  }

  freeze(kind: 'family' | 'person' | 'dtks' | 'program' | 'indicator'): SourceCounts {
    const base = {
      rows: this.rows,
      families: this.families,
      persons: this.persons,
      byKabupaten: sorted(this.byKabupaten),
      byKecamatan: sorted(this.byKecamatan),
    };
    switch (kind) {
      case 'family':
        return { ...base, byKabupatenDesil: sorted2(this.byKabupatenDesil) };
      case 'person':
        return { ...base, byKabupatenDesil: sorted2(this.byKabupatenDesil), familiesByKabupaten: sorted(this.familiesByKabupaten) };
      case 'dtks':
        return { ...base, households: this.households, familiesByKabupaten: sorted(this.familiesByKabupaten), householdsByKabupaten: sorted(this.householdsByKabupaten) };
      case 'program':
        return { ...base, amount: this.amount };
      case 'indicator':
        // Indicator rows are per kabupaten (and the province); byKabupaten is keyed by their code.
        return { ...base, byKecamatan: {} };
    }
  }
}

/** Accumulates the exact counts while records stream past; nothing per record is kept. */
export class TruthTally {
  readonly province: string;
  readonly source: Readonly<Record<TableKey, SourceTally>> = {
    p3ke_keluarga: new SourceTally(),
    p3ke_individu: new SourceTally(),
    dtks: new SourceTally(),
    dtsen_keluarga: new SourceTally(),
    program_rtlh: new SourceTally(),
    program_pkh: new SourceTally(),
    indicator: new SourceTally(),
  };
  households = 0;
  families = 0;
  persons = 0;
  p3keFamilies = 0;
  otherFamilies = 0;
  readonly populationByKabupatenDesil: Counter2 = {};
  p3keFamiliesInDtks = 0;
  p3keDesil1Families = 0;
  p3keDesil1NotInDtks = 0;
  dtksFamiliesNotInP3ke = 0;
  dtksHouseholdsWithTwoKk = 0;
  dtsenDesilSame = 0;
  dtsenDesilOffByOne = 0;
  dtsenDesilOffMore = 0;
  rtlhNotInP3ke = 0;
  pkhNotInP3ke = 0;
  personsWithMovedNik = 0;

  constructor(province: string) {
    this.province = province;
  }

  populationFamily(kab: string, desil: number, persons: number, movedNiks: number): void {
    this.families++;
    this.persons += persons;
    this.personsWithMovedNik += movedNiks;
    if (desil <= 4) this.p3keFamilies++;
    else this.otherFamilies++;
    bump2(this.populationByKabupatenDesil, kab, String(desil));
  }

  freeze(): DemoTruthCounts {
    const s = this.source;
    return {
      province: this.province,
      population: {
        households: this.households,
        families: this.families,
        persons: this.persons,
        p3keFamilies: this.p3keFamilies,
        otherFamilies: this.otherFamilies,
        byKabupatenDesil: sorted2(this.populationByKabupatenDesil),
      },
      sources: {
        p3ke_keluarga: s.p3ke_keluarga.freeze('family'),
        p3ke_individu: s.p3ke_individu.freeze('person'),
        dtks: s.dtks.freeze('dtks'),
        dtsen_keluarga: s.dtsen_keluarga.freeze('family'),
        program_rtlh: s.program_rtlh.freeze('program'),
        program_pkh: s.program_pkh.freeze('program'),
        indicator: s.indicator.freeze('indicator'),
      },
      linkage: {
        p3keFamiliesInDtks: this.p3keFamiliesInDtks,
        p3keDesil1Families: this.p3keDesil1Families,
        p3keDesil1NotInDtks: this.p3keDesil1NotInDtks,
        dtksFamiliesNotInP3ke: this.dtksFamiliesNotInP3ke,
        dtksHouseholdsWithTwoKk: this.dtksHouseholdsWithTwoKk,
        dtsenDesilSame: this.dtsenDesilSame,
        dtsenDesilOffByOne: this.dtsenDesilOffByOne,
        dtsenDesilOffMore: this.dtsenDesilOffMore,
        rtlhNotInP3ke: this.rtlhNotInP3ke,
        pkhNotInP3ke: this.pkhNotInP3ke,
        personsWithMovedNik: this.personsWithMovedNik,
      },
    };
  }
}

/** Where the data of one sheet (or CSV) sits, so a reader can find it without guessing. */
export interface SheetLayout {
  readonly name: string;
  /** 1-based row (line for CSV) of the header. */
  readonly headerRow: number;
  readonly firstDataRow: number | null;
  readonly lastDataRow: number | null;
  readonly dataRows: number;
  readonly titleRows: number;
  /** Row of a `JUMLAH` line, if any. */
  readonly totalRow: number | null;
  /** Rows after the data and total row (signature block), if any. */
  readonly trailingRows: number;
}

export interface FileTruth {
  readonly name: string;
  readonly source: string;
  readonly table: TableKey;
  readonly format: 'csv' | 'xlsx';
  readonly bytes: number;
  readonly rows: number;
  readonly headers: readonly string[];
  readonly sheets: readonly SheetLayout[];
  readonly csv?: { readonly delimiter: string; readonly encoding: 'utf-8'; readonly bom: boolean; readonly eol: 'CRLF' | 'LF' };
}

export interface GroundTruth {
  readonly generator: string;
  readonly version: number;
  readonly seed: number;
  readonly province: { readonly code: string; readonly name: string };
  readonly families: number;
  readonly referenceDate: string;
  readonly noise: Readonly<Record<string, number>>;
  readonly files: readonly FileTruth[];
  readonly counts: DemoTruthCounts;
  readonly faults: { readonly total: number; readonly byKind: Readonly<Record<string, number>>; readonly byFile: Readonly<Record<string, number>> };
  readonly indicators: readonly { readonly code: string; readonly indicator: string; readonly period: string; readonly value: number; readonly unit: string; readonly source: string }[];
  readonly notes: readonly string[];
}
