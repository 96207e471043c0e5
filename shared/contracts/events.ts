/** Typed push events from the warehouse. */

export interface JobProgress {
  readonly job: string;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface DataChanged {
  /** What changed: 'batches', 'settings', 'reference', 'profiles', 'crosswalk', 'programs', 'lists', 'linkage', 'maps'. */
  readonly scopes: readonly string[];
}

/** An import's progress: rows so far, speed, and the time left (estimated from bytes read). */
export interface ImportProgress {
  readonly jobId: string;
  /** `cancelling`: stopped on request, deleting what the import had written (imports/discard.ts). */
  readonly phase: 'reading' | 'writing' | 'finishing' | 'cancelling';
  readonly rowsDone: number;
  /** Share of the file read, 0–1. */
  readonly fraction: number;
  readonly rowsPerSecond: number;
  /** Seconds left; null until there is enough to estimate. */
  readonly etaSeconds: number | null;
}

export interface EventMap {
  'job.progress': JobProgress;
  'data.changed': DataChanged;
  'import.progress': ImportProgress;
}

export type EventName = keyof EventMap;
