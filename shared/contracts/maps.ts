/**
 * Peta (issue 8): boundary files the office imports (GeoJSON, TopoJSON, zipped Shapefile), their
 * features matched to the region reference, simplified geometry for drawing, and the values a
 * choropleth needs that the cross-tab does not already give (sectoral indicators by region).
 */
import type { BatchSummary } from '../model/source.ts';

/** Boundary levels a layer can hold (2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan). */
export type BoundaryLevel = 2 | 3 | 4;

export type BoundaryFormat = 'geojson' | 'topojson' | 'shapefile';

export type MatchMethod = 'code' | 'bps_code' | 'name' | 'manual';

export interface BoundaryLayer {
  readonly id: number;
  readonly level: BoundaryLevel;
  readonly fileName: string;
  readonly format: BoundaryFormat;
  readonly sha256: string;
  /** Projection the file came in (e.g. "EPSG:4326", "EPSG:32750"), reprojected to WGS84 on import. */
  readonly projection: string;
  readonly importedAt: string;
  readonly features: number;
  readonly matched: number;
  /** Bytes of the simplified geometry drawn on screen and of the original kept for export. */
  readonly simplifiedBytes: number;
  readonly originalBytes: number;
}

export interface UnmatchedFeature {
  /** Index of the feature in the file (stable key for manual matching). */
  readonly feature: number;
  /** The code and name the file gave, if any. */
  readonly code: string | null;
  readonly name: string | null;
  /** Why it did not match, in the UI language (code absent from the reference, name ambiguous…). */
  readonly reason: string;
  /** Reference regions of the layer's level that could be meant (same parent, similar name). */
  readonly candidates: readonly { readonly code: string; readonly name: string; readonly path: readonly string[] }[];
}

export interface BoundaryImportResult {
  readonly layer: BoundaryLayer;
  readonly features: number;
  readonly matched: number;
  readonly byMethod: Partial<Record<MatchMethod, number>>;
  readonly unmatchedFeatures: readonly UnmatchedFeature[];
  /** Reference regions of the level (in the working province) with no polygon. */
  readonly regionsWithoutPolygon: readonly { readonly code: string; readonly name: string; readonly path: readonly string[] }[];
  /** A layer of the same level it replaced, if any. */
  readonly replaced: number | null;
  readonly seconds: number;
}

/** A GeoJSON FeatureCollection (WGS84, simplified) whose features carry `properties.kode` (dotted
 *  Kemendagri code of the matched region) and `properties.nama`; unmatched features are left out. */
export interface MapGeometry {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly type: 'Feature';
    readonly properties: { readonly kode: string; readonly nama: string };
    readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: unknown };
  }[];
  /** [minLng, minLat, maxLng, maxLat] of the features. */
  readonly bbox: readonly [number, number, number, number];
  readonly level: BoundaryLevel;
  readonly layerId: number;
  /** Children of `parent` at `level` with no polygon in the layer (drawn as "no polygon" in the legend). */
  readonly missing: readonly { readonly code: string; readonly name: string }[];
}

export interface IndicatorOption {
  readonly indicator: string;
  readonly unit: string | null;
  /** Periods available, newest first, with how many regions of each level have a value. */
  readonly periods: readonly { readonly period: string; readonly regions: Partial<Record<BoundaryLevel, number>> }[];
}

export interface IndicatorMapValues {
  readonly indicator: string;
  readonly period: string;
  readonly unit: string | null;
  /** One entry per region of `level` under `parent` that has a value; when sources disagree, the
   *  newest batch's value is shown and `conflict` names the others. */
  readonly values: readonly {
    readonly code: string;
    readonly value: number;
    readonly source: string | null;
    readonly batch: BatchSummary;
    readonly conflict: readonly { readonly value: number; readonly source: string | null }[];
  }[];
  readonly sources: readonly string[];
}

export interface MapsContract {
  /** Boundary layers held, newest first (one active layer per level). */
  'maps.layers': (args: Record<string, never>) => readonly BoundaryLayer[];
  /** Import a boundary file for a level (detected from the codes when not given); replaces that level's layer. `name` is
   *  the name to record (an upload's original name), the path's base name by default. */
  'maps.import': (args: { readonly path: string; readonly name?: string; readonly level?: BoundaryLevel }) => BoundaryImportResult;
  /** What did not match in a layer, and the reference regions without a polygon. */
  'maps.unmatched': (args: { readonly layerId: number }) => Omit<BoundaryImportResult, 'seconds' | 'replaced'>;
  /** Match a feature to a region by hand (null undoes a match); persists across sessions. */
  'maps.match': (args: { readonly layerId: number; readonly feature: number; readonly regionCode: string | null }) => {
    readonly matched: number;
  };
  'maps.delete': (args: { readonly layerId: number }) => { readonly deleted: boolean };
  /** Simplified geometry of the regions of `level` under `parent` (default: the working province). */
  'maps.geometry': (args: { readonly level: BoundaryLevel; readonly parent?: string }) => MapGeometry | null;
  /** Sectoral indicators imported as tables, with periods and coverage per level. */
  'maps.indicators': (args: Record<string, never>) => readonly IndicatorOption[];
  /** One indicator's values by region, for a choropleth. */
  'maps.indicatorValues': (args: {
    readonly indicator: string;
    readonly period: string;
    readonly level: BoundaryLevel;
    readonly parent?: string;
  }) => IndicatorMapValues;
  /** Write the original (unsimplified) geometry of a layer, with matched codes, as GeoJSON. */
  'maps.exportGeometry': (args: { readonly layerId: number; readonly path?: string }) => { readonly path: string; readonly fileName: string };
}
