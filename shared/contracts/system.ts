import type { BatchSummary } from '../model/source.ts';
import type { Region } from '../model/region.ts';

export type Language = 'id' | 'en';

export interface Settings {
  /** Two-digit province code the office works in; null until chosen at first run. */
  readonly workingProvince: string | null;
  readonly language: Language;
}

export interface RegionSourceInfo {
  readonly package: string;
  readonly packageVersion: string;
  readonly decree: string;
  readonly loadedAt: string;
}

export interface WarehouseInfo {
  readonly dbPath: string;
  readonly schemaVersion: number;
  readonly province: Region | null;
  /** Reference counts within the working province (all of Indonesia when none is chosen). */
  readonly regencies: number;
  readonly districts: number;
  readonly villages: number;
  readonly regionSource: RegionSourceInfo | null;
  readonly batches: readonly BatchSummary[];
}

export interface SystemContract {
  /** Where the warehouse is, its schema, working province, reference counts and batches. */
  'system.info': (args: Record<string, never>) => WarehouseInfo;
  /** Current settings (working province, language). */
  'settings.get': (args: Record<string, never>) => Settings;
  /** Choose the working province (first run, or a later change). */
  'settings.setWorkingProvince': (args: { readonly code: string }) => Settings;
  /** Switch the language of warehouse messages and the UI. */
  'settings.setLanguage': (args: { readonly language: Language }) => Settings;
}
