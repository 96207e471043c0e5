/**
 * Padu-padan (issue 7): runs of the matching cascade between two batches, results per region,
 * the planners' questions, the review queue, and the overlap of three or more sources.
 */
import type { BatchSummary } from '../model/source.ts';

export type RecordKind = 'person' | 'family' | 'recipient';
export type LinkMethod = 'nik' | 'kk_name' | 'desa_lahir' | 'kecamatan_lahir' | 'manual';

export interface LinkThresholds {
  readonly acceptScore: number;
  readonly reviewScore: number;
}

export interface LinkRunInfo {
  readonly runId: number;
  readonly a: BatchSummary;
  readonly b: BatchSummary;
  readonly aKind: RecordKind;
  readonly bKind: RecordKind;
  readonly startedAt: string;
  readonly seconds: number | null;
  /** Automatic and accepted links by method. */
  readonly linked: Partial<Record<LinkMethod, number>>;
  readonly review: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly conflicts: number;
  readonly recordsA: number;
  readonly recordsB: number;
  /** Decisions made on this pair of batches since the run (a new run would respect them). */
  readonly newDecisions: number;
}

export interface LinkRegionRow {
  readonly code: string;
  readonly name: string;
  /** Records of A / B in the region. */
  readonly a: number;
  readonly b: number;
  /** Records of A linked to B (automatic or accepted). */
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly review: number;
  readonly conflicts: number;
}

export interface LinkQuestion {
  readonly key: 'a_desil1_not_in_b' | 'b_not_in_a' | 'desil_differs';
  readonly label: string;
  /** Families (or households) counted. */
  readonly count: number;
}

export interface LinkSummary {
  readonly run: LinkRunInfo;
  readonly region: { readonly code: string; readonly name: string; readonly level: number };
  readonly rows: readonly LinkRegionRow[];
  readonly total: LinkRegionRow;
  readonly questions: readonly LinkQuestion[];
  readonly ms: number;
}

export type LinkBucket = 'both' | 'onlyA' | 'onlyB' | 'review' | 'conflicts' | LinkQuestion['key'];

export interface LinkedRecordRow {
  /** The record of the side the bucket is about (A unless the bucket is B's). */
  readonly side: 'a' | 'b';
  readonly id: number;
  readonly familyId: number | null;
  readonly sourceId: string | null;
  readonly name: string | null;
  /** Masked. */
  readonly nik: string | null;
  readonly kk: string | null;
  readonly birth: string | null;
  readonly desa: string | null;
  readonly kecamatan: string | null;
  readonly desil: number | null;
  /** The record linked on the other side, when there is one. */
  readonly other: { readonly id: number; readonly name: string | null; readonly method: string; readonly score: number } | null;
}

export interface ReviewRecord {
  readonly id: number;
  readonly sourceId: string | null;
  readonly name: string | null;
  readonly nik: string | null;
  readonly kk: string | null;
  readonly birth: string | null;
  readonly sex: string | null;
  readonly region: string | null;
  readonly regionName: string | null;
}

export interface ReviewPair {
  readonly a: ReviewRecord;
  readonly b: ReviewRecord;
  readonly method: string;
  readonly score: number;
  /** Fields that differ: name, nik, kk, birth, sex, region. */
  readonly differs: readonly string[];
  /** Pairs still waiting, this one included. */
  readonly waiting: number;
}

export interface OverlapResult {
  readonly batches: readonly BatchSummary[];
  /** Each combination of sources (indexes into `batches`) with the people found in exactly those. */
  readonly areas: readonly { readonly sets: readonly number[]; readonly people: number }[];
  /** The runs the overlap was built from (the newest of each pair). */
  readonly runs: readonly number[];
  /** Pairs of batches without a run (their overlap is unknown and shown as such). */
  readonly missing: readonly (readonly [number, number])[];
}

export interface LinkageContract {
  /** Every run, newest first. */
  'linkage.runs': (args: Record<string, never>) => readonly LinkRunInfo[];
  /** Run the cascade between two batches (reused when nothing changed since the last run). */
  'linkage.run': (args: { readonly a: number; readonly b: number; readonly force?: boolean }) => LinkRunInfo;
  /** Both / only A / only B / review / conflicts per child region, and the planners' questions. */
  'linkage.summary': (args: { readonly runId: number; readonly region?: string }) => LinkSummary;
  /** The records behind a count, a page at a time. */
  'linkage.records': (args: { readonly runId: number; readonly region?: string; readonly bucket: LinkBucket; readonly startRow: number; readonly endRow: number }) => {
    readonly count: number;
    readonly rows: readonly LinkedRecordRow[];
  };
  /** The next undecided pair of the review queue (best score first), or null. */
  /** The run's counts per region (and every record behind one count, masked) as an .xlsx in the export folder (or `path`); logged. */
  'linkage.export': (args: { readonly runId: number; readonly region?: string; readonly bucket?: LinkBucket; readonly path?: string }) => {
    readonly path: string;
    readonly fileName: string;
    readonly records: number;
  };
  /** The score thresholds: linked automatically at or above `acceptScore`, queued for review from `reviewScore`. */
  'linkage.thresholds.get': (args: Record<string, never>) => LinkThresholds;
  /** Change the thresholds (0.5 ≤ review < accept ≤ 1); the next run of any pair uses them. */
  'linkage.thresholds.set': (args: LinkThresholds) => LinkThresholds;
  'linkage.review.next': (args: { readonly runId: number; readonly offset?: number }) => ReviewPair | null;
  /** Accept or reject a pair; kept for every later run of the same batches. */
  'linkage.review.decide': (args: { readonly runId: number; readonly a: number; readonly b: number; readonly decision: 'accept' | 'reject' }) => { readonly waiting: number };
  /** People in each combination of three or more batches, from the newest run of every pair. */
  'linkage.overlap': (args: { readonly batches: readonly number[] }) => OverlapResult;
}

/** One record of a linked pair, as shown in a family's detail (NIK and No KK masked unless asked). */
export interface LinkedSide {
  readonly id: number;
  readonly familyId: number | null;
  readonly name: string | null;
  readonly nik: string | null;
  readonly kk: string | null;
  readonly birth: string | null;
  readonly sex: 1 | 2 | null;
  readonly desa: string | null;
  readonly desaCode: string | null;
}

/** A record of a family and the record of another batch it was linked to (or queued with). */
export interface LinkedPair {
  readonly runId: number;
  readonly otherBatch: BatchSummary;
  readonly method: LinkMethod;
  readonly score: number;
  readonly status: 'auto' | 'review' | 'accepted';
  readonly mine: LinkedSide;
  readonly other: LinkedSide;
  /** Fields both records know that disagree; `name_spelling` when only the writing differs (titles, spelling, spaces). */
  readonly differences: readonly ('name' | 'name_spelling' | 'nik' | 'kk' | 'birth' | 'sex' | 'desa')[];
}
