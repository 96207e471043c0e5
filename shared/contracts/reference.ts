import type { Region, RegionLevel, RegionWithCounts } from '../model/region.ts';

export interface RegionSearchArgs {
  /** Part of a name, any case, with or without diacritics; or a code, dotted or not. */
  readonly query: string;
  readonly level?: RegionLevel;
  /** Restrict to the subtree of this code. */
  readonly within?: string;
  readonly limit?: number;
}

export interface RegionSearchHit extends Region {
  /** Names from the province down, for telling apart villages of the same name. */
  readonly path: readonly string[];
}

export interface ReferenceContract {
  /** All provinces. */
  'reference.provinces': (args: Record<string, never>) => readonly RegionWithCounts[];
  /** The region with this code (dotted or not), or null. */
  'reference.get': (args: { readonly code: string }) => Region | null;
  /** Direct children of a region, ordered by code. */
  'reference.children': (args: { readonly code: string }) => readonly RegionWithCounts[];
  /** The chain from the province down to the region itself. */
  'reference.path': (args: { readonly code: string }) => readonly Region[];
  /** Regions whose name contains the query (case and diacritic insensitive), or whose code matches. */
  'reference.search': (args: RegionSearchArgs) => readonly RegionSearchHit[];
}
