/** Typed push events from the warehouse. */

export interface JobProgress {
  readonly job: string;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface DataChanged {
  /** What changed: 'batches', 'settings', 'reference'. */
  readonly scopes: readonly string[];
}

export interface EventMap {
  'job.progress': JobProgress;
  'data.changed': DataChanged;
}

export type EventName = keyof EventMap;
