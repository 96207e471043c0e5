/**
 * Intervention lists (issue 6): the program catalogue with criteria as data, live counts, program
 * coverage from recipient lists, convergence per region, drafting a ranked and allocated list,
 * manual edits with reasons, draft → final versions, and the OPD's workbook or CSV.
 */
import type { Criterion, MemberCondition } from '../interventions/criteria.ts';
import type { ListColumn, Program, ProgramInput, ProgramTemplate, ScorePart, Weights } from '../interventions/program.ts';
import type { AnalysisSource } from './analysis.ts';
import type { BatchSummary } from '../model/source.ts';

export interface RecipientProgramName {
  /** The program name as written on the recipient lists. */
  readonly name: string;
  readonly rows: number;
  readonly years: readonly number[];
  readonly batches: readonly number[];
}

export interface ProgramSummary extends Program {
  /** The newest list version (null before the first draft). */
  readonly latest: ListSummary | null;
}

export interface CountArgs {
  readonly criteria: Criterion;
  readonly unit?: 'family' | 'person';
  readonly memberCriteria?: readonly MemberCondition[];
  readonly year?: number;
  readonly recipientPrograms?: readonly string[];
  readonly coverageYears?: number | null;
  readonly source?: AnalysisSource | null;
}

export interface CriteriaCount {
  /** Families meeting the criteria in the working province. */
  readonly eligible: number;
  /** Of those, families already on a recipient list of the program within the year window. */
  readonly covered: number;
  /** Eligible and not covered. */
  readonly candidates: number;
  /** Units of the program among the candidates (families, or the members chosen for a person program). */
  readonly units: number;
  /** Every family in the dataset (the base). */
  readonly total: number;
  /** Candidate families per kabupaten/kota. */
  readonly byKabupaten: readonly { readonly code: string; readonly name: string; readonly candidates: number }[];
  readonly dataset: { readonly source: AnalysisSource; readonly familyBatch: BatchSummary; readonly personBatch: BatchSummary | null };
  /** The criteria in words. */
  readonly description: string;
  /** The dataset has no member records, so member conditions count no one. */
  readonly membersUnknown: boolean;
  readonly ms: number;
}

export type AllocationLevel = 'none' | 'kabupaten' | 'kecamatan' | 'desa';

export interface DraftArgs {
  readonly programId: number;
  /** Places; overrides the program's quota. */
  readonly quota?: number | null;
  /** Budget (rupiah); overrides the program's pagu. Places = ⌊budget ÷ unit cost⌋. */
  readonly budget?: number | null;
  /** Areas the total is split over (default kecamatan). */
  readonly level?: AllocationLevel;
  /** Places set by hand for some areas (area code → places); the rest is split in proportion. */
  readonly manual?: Readonly<Record<string, number>>;
  /** Weights for this draft (default the program's). */
  readonly weights?: Partial<Weights>;
}

export type ListStatus = 'draft' | 'final';

export interface ListSummary {
  readonly listId: number;
  readonly programId: number;
  readonly programName: string;
  readonly version: number;
  readonly previousId: number | null;
  readonly status: ListStatus;
  readonly unit: 'family' | 'person';
  /** Units on the list (families, or people for a person program). */
  readonly units: number;
  readonly families: number;
  readonly target: number;
  readonly eligible: number;
  readonly covered: number;
  readonly candidates: number;
  readonly unitCost: number | null;
  /** The quota the draft was made with (null: places came from the budget, or every candidate). */
  readonly quota: number | null;
  readonly budget: number | null;
  /** units × unit cost. */
  readonly cost: number | null;
  readonly level: AllocationLevel;
  readonly createdAt: string;
  readonly draftedAt: string;
  readonly finalizedAt: string | null;
  readonly manualChanges: number;
}

export interface AreaAllocation {
  readonly code: string;
  readonly name: string;
  /** Parent names (kabupaten, kecamatan) for desa areas. */
  readonly parent: string | null;
  readonly candidates: number;
  readonly allocated: number;
  /** Units on the list in the area now (after manual edits). */
  readonly listed: number;
  readonly manual: boolean;
  readonly cost: number | null;
}

export interface ListMethod {
  readonly criteria: Criterion;
  readonly criteriaWords: string;
  readonly memberCriteriaWords: string | null;
  readonly weights: Weights;
  readonly coverageWords: string;
  readonly datasets: readonly { readonly source: AnalysisSource; readonly batch: BatchSummary; readonly role: string }[];
  readonly recipientBatches: readonly BatchSummary[];
  readonly ageDate: string;
  readonly totalWords: string;
  readonly tieBreak: string;
}

export interface ListDetail {
  readonly summary: ListSummary;
  readonly program: Program;
  readonly areas: readonly AreaAllocation[];
  /** Units and families per kecamatan, whatever the allocation level. */
  readonly byDistrict: readonly { readonly code: string; readonly name: string; readonly units: number; readonly families: number }[];
  readonly method: ListMethod;
  readonly versions: readonly ListSummary[];
}

export type ScoreComponents = Readonly<Record<ScorePart, number>>;

export interface ListMemberRow {
  readonly rank: number;
  readonly familyId: number;
  readonly personId: number;
  readonly kabupaten: string | null;
  readonly kecamatan: string | null;
  readonly desa: string | null;
  readonly regionCode: string | null;
  readonly idKeluarga: string | null;
  /** Masked. */
  readonly noKk: string | null;
  readonly nik: string | null;
  readonly nama: string | null;
  readonly alamat: string | null;
  readonly desil: number | null;
  readonly jumlahAnggota: number | null;
  /** Sex and age (at the list's reference date) of the person listed, or of the head for a family program. */
  readonly jk: string | null;
  readonly umur: number | null;
  /** Relation to the head (person programs). */
  readonly hubungan: string | null;
  readonly score: number;
  readonly components: ScoreComponents;
  readonly origin: 'auto' | 'manual';
  readonly inCriteria: boolean;
  readonly reason: string | null;
  /** Other programs whose newest list holds the same family. */
  readonly otherPrograms: readonly string[];
}

export const LIST_SORT_COLUMNS = ['rank', 'score', 'nama', 'desa', 'kecamatan', 'desil', 'jumlahAnggota'] as const;
export type ListSortColumn = (typeof LIST_SORT_COLUMNS)[number];

export interface MembersArgs {
  readonly listId: number;
  readonly startRow: number;
  readonly endRow: number;
  readonly sort?: { readonly column: ListSortColumn; readonly dir: 'asc' | 'desc' };
  /** Words in the name, NIK, No KK, family id, desa or kecamatan. */
  readonly search?: string;
  readonly origin?: 'auto' | 'manual';
}

export interface MembersPage {
  readonly count: number;
  readonly rows: readonly ListMemberRow[];
  readonly ms: number;
}

export interface CandidateRow {
  readonly familyId: number;
  readonly personId: number;
  readonly regionCode: string | null;
  readonly desa: string | null;
  readonly kecamatan: string | null;
  readonly idKeluarga: string | null;
  readonly noKk: string | null;
  readonly nik: string | null;
  readonly nama: string | null;
  readonly desil: number | null;
  readonly inCriteria: boolean;
  readonly covered: boolean;
  readonly onList: boolean;
  readonly score: number | null;
}

export interface ListChangeEntry {
  readonly action: 'add' | 'remove';
  readonly familyId: number;
  readonly personId: number;
  readonly label: string | null;
  readonly reason: string;
  readonly actor: string;
  readonly at: string;
}

/** Version n against n − 1; for version 1, the manual changes made to it. */
export interface ListDiff {
  readonly version: number;
  readonly previousVersion: number | null;
  readonly added: readonly (ListChangeEntry & { readonly manual: boolean })[];
  readonly removed: readonly (ListChangeEntry & { readonly manual: boolean })[];
}

export interface Letterhead {
  /** Lines of the kop surat: government, agency, address. */
  readonly government: string;
  readonly agency: string;
  readonly address: string;
  /** Document number (may hold the list's number pattern, e.g. `050/…/Bappeda/2026`). */
  readonly documentNumber: string;
  readonly city: string;
  readonly paper: 'A4' | 'F4';
  readonly signOff: readonly {
    readonly role: string;
    readonly title: string;
    readonly name: string;
    readonly nip: string;
  }[];
  /** Years back a recipient-list entry still counts as coverage when the program sets none. */
  readonly coverageYears: number;
}

export interface ListExportArgs {
  readonly listId: number;
  readonly format?: 'xlsx' | 'csv';
  /** Full NIK and No KK instead of masked ones (logged as such). */
  readonly fullNik?: boolean;
  readonly path?: string;
}

export interface ListExportResult {
  readonly path: string;
  readonly fileName: string;
  readonly rows: number;
  readonly sha256: string;
  readonly masked: boolean;
  readonly seconds: number;
}

export interface ConvergenceArgs {
  readonly region?: string;
  /** Desil values of the families looked at (default desil 1). */
  readonly desil?: readonly number[];
  /** Recipient-list years counted (default every year). */
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** Count the newest list of each catalogue program as a program the family will receive. */
  readonly includeLists?: boolean;
  readonly source?: AnalysisSource | null;
}

export interface ConvergenceProgram {
  readonly key: string;
  readonly label: string;
  readonly strategy: 1 | 2 | 3 | null;
  readonly kind: 'flag' | 'recipients' | 'list';
  readonly families: number;
}

export interface ConvergenceRow {
  readonly code: string;
  readonly name: string;
  readonly families: number;
  /** Families reached by 0, 1, 2 and 3 or more programs. */
  readonly byCount: readonly [number, number, number, number];
  /** Families reached by two or more programs of one strategy. */
  readonly sameStrategy: number;
  /** Families per program, in the order of `programs`. */
  readonly perProgram: readonly number[];
}

export interface ConvergenceResult {
  readonly region: { readonly code: string; readonly name: string; readonly level: number };
  readonly programs: readonly ConvergenceProgram[];
  readonly rows: readonly ConvergenceRow[];
  readonly total: ConvergenceRow;
  readonly description: readonly string[];
  readonly ms: number;
}

export interface ConvergenceFamiliesArgs extends ConvergenceArgs {
  /** A row's region code (or the scope's for the total). */
  readonly row: string;
  /** Number of programs (0–3, 3 = three or more), 'same' for several of one strategy, or a program key. */
  readonly bucket: string;
  readonly startRow: number;
  readonly endRow: number;
}

export interface InterventionsContract {
  /** The catalogue with each program's newest list. */
  'programs.list': (args: Record<string, never>) => readonly ProgramSummary[];
  'programs.get': (args: { readonly id: number }) => Program;
  /** Starting templates and the program names found on imported recipient lists. */
  'programs.templates': (args: Record<string, never>) => {
    readonly templates: readonly ProgramTemplate[];
    readonly recipientPrograms: readonly RecipientProgramName[];
    readonly year: number;
  };
  /** Create (no id) or change a program. */
  'programs.save': (args: { readonly id?: number; readonly program: ProgramInput }) => Program;
  /** Create a program from a template (names on recipient lists matched by the template's words). */
  'programs.fromTemplate': (args: { readonly template: string; readonly year?: number }) => Program;
  /** Delete a program and its lists; refused when a list is final. */
  'programs.delete': (args: { readonly id: number }) => { readonly deleted: boolean };
  /** Live count while criteria change. */
  'programs.count': (args: CountArgs) => CriteriaCount;
  /** Lists of a program (every version), or of all programs. */
  'lists.list': (args: { readonly programId?: number }) => readonly ListSummary[];
  /** Draft (or redraft) the program's list: candidates ranked, total allocated over areas. */
  'lists.draft': (args: DraftArgs) => ListDetail;
  'lists.get': (args: { readonly listId: number }) => ListDetail;
  'lists.members': (args: MembersArgs) => MembersPage;
  /** Families (or people) to add by hand: search by name, NIK, No KK or family id. */
  'lists.candidates': (args: { readonly listId: number; readonly search: string; readonly limit?: number }) => readonly CandidateRow[];
  'lists.add': (args: { readonly listId: number; readonly familyId: number; readonly personId?: number; readonly reason: string }) => ListSummary;
  'lists.remove': (args: { readonly listId: number; readonly familyId: number; readonly personId?: number; readonly reason: string }) => ListSummary;
  /** Lock the list (logged). */
  'lists.finalize': (args: { readonly listId: number }) => ListSummary;
  /** A new draft version of a final list, starting as a copy (logged). */
  'lists.revise': (args: { readonly listId: number }) => ListSummary;
  /** What the version added and removed against the one before, and why. */
  'lists.diff': (args: { readonly listId: number }) => ListDiff;
  'lists.export': (args: ListExportArgs) => ListExportResult;
  'lists.settings.get': (args: Record<string, never>) => Letterhead;
  'lists.settings.save': (args: { readonly letterhead: Letterhead }) => Letterhead;
  /** Families × programs per region: how many programs reach each family. */
  'convergence.table': (args: ConvergenceArgs) => ConvergenceResult;
  'convergence.families': (args: ConvergenceFamiliesArgs) => { readonly count: number; readonly rows: readonly CandidateRow[] };
}

export type { ListColumn };
