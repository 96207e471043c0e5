import type { BatchSummary } from '../model/source.ts';

export interface DesilCount {
  readonly desil: number;
  readonly families: number;
  readonly persons: number;
}

export interface SourceCount {
  readonly batch: BatchSummary;
  /** Families (households for DTKS) and people of this batch inside the selected region. */
  readonly families: number;
  readonly persons: number;
}

export interface HomeSummary {
  /** The region the figures are for (the working province when none is chosen). */
  readonly regionCode: string;
  readonly bySource: readonly SourceCount[];
  /** Desil distribution of the newest complete P3KE family batch (DTSEN when no P3KE). */
  readonly desil: readonly DesilCount[];
  readonly desilBatchId: number | null;
}

export interface HomeContract {
  /** Counts for Beranda: per batch, and the desil distribution, within a region subtree. */
  'home.summary': (args: { readonly regionCode?: string }) => HomeSummary;
}
