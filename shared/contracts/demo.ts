import type { BatchSummary } from '../model/source.ts';

/** Demo size bounds and defaults, shared by the warehouse, the CLI and the first-run screen. */
export const DEMO_DEFAULTS = { families: 30_000, seed: 20_251_123, minFamilies: 100, maxFamilies: 200_000 } as const;

export interface DemoArgs {
  /** Families to generate across the working province (default 30,000). */
  readonly families?: number;
  readonly seed?: number;
}

export interface DemoResult {
  readonly seed: number;
  readonly families: number;
  readonly persons: number;
  readonly batches: readonly BatchSummary[];
  readonly seconds: number;
}

export interface DemoContract {
  /** Generate synthetic data for the working province and store it as demo batches. */
  'demo.create': (args: DemoArgs) => DemoResult;
}
