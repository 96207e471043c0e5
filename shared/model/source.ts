/** The kinds of batch the warehouse holds (DOMAIN.md §2). */
export const SOURCE_KINDS = [
  'p3ke_keluarga',
  'p3ke_individu',
  'dtks',
  'dtsen_keluarga',
  'dtsen_individu',
  'program',
  'indicator',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type BatchOrigin = 'demo' | 'import';
export type BatchStatus = 'loading' | 'complete' | 'failed';

export interface BatchSummary {
  readonly id: number;
  readonly source: SourceKind;
  readonly label: string;
  readonly vintage: string | null;
  readonly origin: BatchOrigin;
  readonly status: BatchStatus;
  readonly fileName: string | null;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly families: number;
  readonly persons: number;
  readonly createdAt: string;
}
