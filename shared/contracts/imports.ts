/**
 * Importing source files (issue 4): preview (nothing written), commit (atomic, with progress and
 * cancel), the batches with their provenance, the issues and rejected rows of a batch, mapping
 * profiles and the BPS ↔ Kemendagri crosswalk.
 */
import type { FieldKind } from '../import/fields.ts';
import type { IssueKind, Severity } from '../import/issues.ts';
import type { BatchSummary, SourceKind } from '../model/source.ts';

/** A file on the warehouse's machine: picked in the app, or uploaded to the browser host. */
export interface ImportFile {
  readonly path: string;
  /** The name to record and show (an upload's original name); the path's base name by default. */
  readonly name?: string;
}

/**
 * Values for fields the file has no column for (a recipient list without a `Program` column, an
 * indicator table of one period); also used when the column's cell is empty.
 */
export type PlanConstants = Readonly<Partial<Record<'program' | 'year' | 'indicator' | 'period' | 'unit' | 'source', string>>>;

/** How a file is read: what the preview proposes and the planner confirms or adjusts. */
export interface ImportPlan {
  readonly source: SourceKind;
  /** Sheets to read, appended in this order (one for CSV, named ''). */
  readonly sheets: readonly string[];
  /** 1-based row of the header in the first sheet; appended sheets find theirs by content. */
  readonly headerRow: number;
  /** Per column of the header row: the template field it fills, or null (kept with the row as an extra column). */
  readonly mapping: readonly (string | null)[];
  readonly constants?: PlanConstants;
}

export interface ImportFileInfo {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly format: 'csv' | 'xlsx' | 'xls';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly reader: string;
}

export interface SheetChoice {
  readonly name: string;
  /** 1-based header row found by content; null when nothing looked like a header. */
  readonly headerRow: number | null;
  /** Same header as the first chosen sheet: can be appended. */
  readonly sameHeader: boolean;
  /** Data rows (known after a full scan of the chosen sheets, else null). */
  readonly rows: number | null;
}

export interface ColumnPreview {
  readonly index: number;
  /** Spreadsheet letter (A, B, …). */
  readonly letter: string;
  readonly header: string;
  readonly field: string | null;
  /** Up to five non-empty cells as written. */
  readonly samples: readonly string[];
}

export interface FieldOption {
  readonly key: string;
  readonly kind: FieldKind;
  readonly id: string;
  readonly en: string;
  readonly required: boolean;
}

export interface SourceCandidate {
  readonly source: SourceKind;
  readonly score: number;
  readonly coverage: number;
}

export interface PreviewRow {
  readonly sheet: string;
  readonly row: number;
  readonly status: 'ok' | 'warning' | 'rejected';
  /** Stored values by field key (codes for categories, ISO dates, dotted region codes). */
  readonly values: Readonly<Record<string, string | number | null>>;
  readonly issues: readonly IssueKind[];
}

export interface IssueCount {
  readonly kind: IssueKind;
  readonly severity: Severity;
  readonly count: number;
  readonly message: string;
  /** The first occurrence. */
  readonly example: IssueView;
}

export interface IssueView {
  readonly kind: IssueKind;
  readonly severity: Severity;
  readonly sheet: string;
  readonly row: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

export interface ImportCounts {
  /** Data rows read (blank and skipped rows not counted). */
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  /** Rows imported with at least one warning. */
  readonly rowsWarned: number;
  /** Total, sign-off, footnote, column-number and repeated-header rows skipped. */
  readonly rowsSkipped: number;
}

export interface ImportPreview {
  readonly jobId: string;
  readonly file: ImportFileInfo;
  readonly sheets: readonly SheetChoice[];
  readonly plan: ImportPlan;
  /** How the plan was found: by template matching, from a saved profile, or as given. */
  readonly basis: 'template' | 'profile' | 'given';
  readonly profile: { readonly id: number; readonly name: string } | null;
  /** Template matching: `confident`, or the planner must confirm the source. */
  readonly status: 'confident' | 'ambiguous' | 'weak' | 'none';
  readonly candidates: readonly SourceCandidate[];
  readonly columns: readonly ColumnPreview[];
  readonly fields: readonly FieldOption[];
  /** Required fields (or groups) that no column or constant fills: commit is refused until fixed. */
  readonly missingRequired: readonly string[];
  readonly rows: readonly PreviewRow[];
  readonly counts: ImportCounts;
  readonly issues: readonly IssueCount[];
  /** A complete batch holding a file with the same SHA-256. */
  readonly duplicateOf: BatchSummary | null;
  readonly vintageGuess: string | null;
  readonly labelGuess: string;
  /** Reader notes (extension disagrees with content, fallback reader used). */
  readonly warnings: readonly string[];
  readonly seconds: number;
}

export interface PreviewArgs {
  readonly file: ImportFile;
  /** Read as this source (the planner chose it); detected otherwise. */
  readonly source?: SourceKind;
  /** Sheets to read; the first sheet with a recognised header otherwise. */
  readonly sheets?: readonly string[];
  /** Append every sheet that shares the first sheet's header (after `sheets`, when given). */
  readonly allSheets?: boolean;
  /** 1-based header row of the first sheet, when the planner corrects the detected one. */
  readonly headerRow?: number;
  /** A full plan (after the planner adjusted the mapping). */
  readonly plan?: ImportPlan;
  /** `head`: detect and map from the first rows only (no counts, no preview rows); `full` by default. */
  readonly scan?: 'full' | 'head';
  /** Client-chosen id for progress events and cancel. */
  readonly jobId?: string;
}

export interface CommitArgs {
  readonly file: ImportFile;
  /** The confirmed plan; without one the file is detected as in a preview (source, sheets, constants below). */
  readonly plan?: ImportPlan;
  readonly source?: SourceKind;
  readonly sheets?: readonly string[];
  readonly allSheets?: boolean;
  readonly constants?: PlanConstants;
  readonly label?: string;
  readonly vintage?: string | null;
  /** Save the mapping as a profile for files of the same shape (default true). */
  readonly saveProfile?: boolean;
  /** Import even though a batch with the same file hash exists. */
  readonly allowDuplicate?: boolean;
  /** Data rows the preview counted: lets the progress bar show a share and an ETA for workbooks. */
  readonly expectedRows?: number;
  readonly jobId?: string;
}

export interface ImportResult extends ImportCounts {
  readonly batchId: number;
  readonly source: SourceKind;
  /** Warnings (and notes) by kind, over imported rows. */
  readonly warnings: Readonly<Partial<Record<IssueKind, number>>>;
  /** Rejecting issues by kind. */
  readonly rejects: Readonly<Partial<Record<IssueKind, number>>>;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

/** A batch with everything recorded about where it came from. */
export interface BatchDetail extends BatchSummary {
  readonly fileSize: number | null;
  readonly fileSha256: string | null;
  readonly fileFormat: string | null;
  readonly reader: string | null;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheets: readonly string[];
  readonly headerRow: number | null;
  readonly columns: readonly string[];
  readonly mapping: readonly (string | null)[];
  readonly profileId: number | null;
  readonly osUser: string | null;
  readonly rowsRead: number;
  readonly rowsWarned: number;
  readonly rowsSkipped: number;
  readonly seconds: number | null;
  readonly completedAt: string | null;
  /** Issue counts by kind. */
  readonly issues: Readonly<Partial<Record<IssueKind, number>>>;
}

export interface RejectRow {
  readonly id: number;
  readonly sheet: string;
  readonly row: number;
  /** The original cells, aligned with the batch's columns. */
  readonly cells: readonly string[];
  readonly reasons: string;
}

export interface RejectsPage {
  readonly columns: readonly string[];
  readonly rows: readonly RejectRow[];
  readonly total: number;
}

export interface IssuesPage {
  readonly rows: readonly (IssueView & { readonly id: number })[];
  readonly total: number;
}

export interface ExportResult {
  readonly path: string;
  readonly fileName: string;
  readonly rejected: number;
  readonly flagged: number;
  readonly niksMasked: boolean;
}

export interface MappingProfile {
  readonly id: number;
  readonly name: string;
  readonly source: SourceKind;
  readonly signature: string;
  readonly columns: readonly string[];
  readonly mapping: readonly (string | null)[];
  readonly createdAt: string;
  readonly usedAt: string | null;
  readonly useCount: number;
}

export interface CrosswalkInfo {
  readonly rows: number;
  readonly fileName: string | null;
  readonly importedAt: string | null;
}

export interface ImportsContract {
  /** Read a file and say how it would be imported; nothing is written. */
  'imports.preview': (args: PreviewArgs) => ImportPreview;
  /** Import a file as one batch, atomically; progress as `import.progress` events. */
  'imports.commit': (args: CommitArgs) => ImportResult;
  /** Stop a running preview or commit; the warehouse stays as it was. */
  'imports.cancel': (args: { readonly jobId: string }) => { readonly cancelled: boolean };
  /** Complete batches with provenance, newest first. */
  'batches.list': (args: Record<string, never>) => readonly BatchDetail[];
  'batches.get': (args: { readonly id: number }) => BatchDetail;
  /** Delete a batch and everything derived from it (rows, issues, rejects). */
  'batches.delete': (args: { readonly id: number }) => { readonly deleted: number };
  /** Rejected rows of a batch, in file order (keyset by id). */
  'imports.rejects': (args: { readonly batchId: number; readonly afterId?: number; readonly limit?: number }) => RejectsPage;
  /** Issues of a batch, optionally of one kind or severity (keyset by id). */
  'imports.issues': (args: { readonly batchId: number; readonly kind?: IssueKind; readonly severity?: Severity; readonly afterId?: number; readonly limit?: number }) => IssuesPage;
  /** Write the rejected and flagged rows of a batch to an .xlsx (NIK masked unless asked otherwise; logged). */
  'imports.exportRejects': (args: { readonly batchId: number; readonly path?: string; readonly showFullNik?: boolean }) => ExportResult;
  'profiles.list': (args: Record<string, never>) => readonly MappingProfile[];
  'profiles.delete': (args: { readonly id: number }) => { readonly deleted: number };
  /** Load a BPS ↔ Kemendagri crosswalk (csv/xlsx with a BPS code column and a Kemendagri code column). */
  'crosswalk.import': (args: { readonly file: ImportFile }) => CrosswalkInfo & { readonly rejected: number };
  'crosswalk.info': (args: Record<string, never>) => CrosswalkInfo;
}
