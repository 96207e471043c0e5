import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { CrosstabResult, CrosstabSpec } from '../../../../shared/contracts/analysis.ts';
import type {
  BoundaryImportResult, BoundaryLayer, BoundaryLevel, IndicatorMapValues, IndicatorOption, MapGeometry,
} from '../../../../shared/contracts/maps.ts';
import { warehouse } from '../../bridge/index.ts';
import { stageFile } from '../../bridge/files.ts';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';
import { specKey } from '../analysis/analysisModel.ts';
import {
  effectiveUnit, mapSpec, universeSpec, valuesFromCrosstab, valuesFromIndicator, type MapDraft, type RegionValue,
} from './mapModel.ts';

/** Boundary layers and manual matches change the geometry a map is drawn from. */
const MAP_SCOPES = ['maps', 'reference'] as const;

// ── geometry, fetched once per layer version and region ──────────────────────────────────────

/**
 * Bumped whenever this window changes a layer (import, manual match, deletion) or the warehouse
 * says boundary data changed: cached geometry of an older revision is never drawn again.
 */
let geometryRevision = 0;
const revisionListeners = new Set<() => void>();

function bumpGeometry(): void {
  geometryRevision++;
  geometryCache.clear();
  for (const l of revisionListeners) l();
}

/** The geometry revision, as state: a component re-renders when it changes. */
export function useGeometryRevision(): number {
  const [rev, setRev] = useState(geometryRevision);
  useEffect(() => {
    const l = () => setRev(geometryRevision);
    revisionListeners.add(l);
    return () => {
      revisionListeners.delete(l);
    };
  }, []);
  useDataChanged(MAP_SCOPES, bumpGeometry);
  return rev;
}

/** Fetched geometry by key, newest last; a few maps are kept so going back up draws at once. */
const geometryCache = new Map<string, Promise<MapGeometry | null>>();
const GEOMETRY_CACHE_SIZE = 12;

export interface LoadedGeometry {
  /** The name the map is registered under: layer, level, region and revision. */
  readonly mapName: string;
  readonly geometry: MapGeometry;
  /** Milliseconds the warehouse call took (0 from the cache). */
  readonly fetchMs: number;
}

function geometryKey(layer: BoundaryLayer, level: BoundaryLevel, parent: string | null, rev: number): string {
  return `padu-${layer.id}-${level}-${parent ?? 'prov'}-${layer.matched}-${rev}`;
}

/** The simplified polygons of the children at `level` of `parent` (null: the working province). */
export function useMapGeometry(layer: BoundaryLayer | null, level: BoundaryLevel, parent: string | null, rev: number): AsyncState<LoadedGeometry | null> {
  const key = layer ? geometryKey(layer, level, parent, rev) : '';
  return useAsync(async () => {
    if (!layer) return null;
    const started = performance.now();
    let pending = geometryCache.get(key);
    const cached = pending !== undefined;
    if (!pending) {
      pending = warehouse().call('maps.geometry', { level, ...(parent ? { parent } : {}) });
      geometryCache.set(key, pending);
      pending.catch(() => geometryCache.delete(key));
      while (geometryCache.size > GEOMETRY_CACHE_SIZE) {
        const oldest = geometryCache.keys().next().value;
        if (oldest === undefined) break;
        geometryCache.delete(oldest);
      }
    }
    const geometry = await pending;
    return geometry ? { mapName: key, geometry, fetchMs: cached ? 0 : performance.now() - started } : null;
  }, [key]);
}

// ── layers ───────────────────────────────────────────────────────────────────────────────────

/** The boundary layers held (one per level), again after any change to them. */
export function useBoundaryLayers(): AsyncState<readonly BoundaryLayer[]> {
  const state = useAsync(() => warehouse().call('maps.layers', {}), []);
  useDataChanged(MAP_SCOPES, state.reload);
  return state;
}

/** What did not match in a layer, and the reference regions without a polygon. */
export function useUnmatched(layerId: number | null, version: number): AsyncState<Omit<BoundaryImportResult, 'seconds' | 'replaced'> | null> {
  return useAsync(() => (layerId === null ? Promise.resolve(null) : warehouse().call('maps.unmatched', { layerId })), [layerId, version]);
}

export interface BoundaryImportState {
  readonly busy: boolean;
  /** 'upload' while the file is handed to the warehouse, 'import' while it is read and matched. */
  readonly phase: 'upload' | 'import' | null;
  readonly result: BoundaryImportResult | null;
  readonly error: Error | null;
  readonly run: (file: File, level: BoundaryLevel | null) => void;
  readonly reset: () => void;
}

/** Hand a boundary file to the warehouse (as every import does) and import it as a layer. */
export function useBoundaryImport(noPathMessage: string): BoundaryImportState {
  const [phase, setPhase] = useState<BoundaryImportState['phase']>(null);
  const [result, setResult] = useState<BoundaryImportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(
    (file: File, level: BoundaryLevel | null) => {
      setPhase('upload');
      setError(null);
      setResult(null);
      stageFile(file, noPathMessage)
        .then((staged) => {
          setPhase('import');
          // The original name: in the browser host the staged copy has a name of its own.
          return warehouse().call('maps.import', { path: staged.path, name: staged.name, ...(level ? { level } : {}) });
        })
        .then(
          (r) => {
            bumpGeometry();
            setResult(r);
            setPhase(null);
          },
          (e: unknown) => {
            setError(toError(e));
            setPhase(null);
          },
        );
    },
    [noPathMessage],
  );
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  return { busy: phase !== null, phase, result, error, run, reset };
}

export interface LayerActions {
  readonly busy: boolean;
  readonly error: Error | null;
  /** Match a feature by hand (null undoes it); resolves to the layer's new matched count, or null on failure. */
  readonly match: (layerId: number, feature: number, regionCode: string | null) => Promise<number | null>;
  readonly remove: (layerId: number) => Promise<boolean>;
  /** Write a layer's original geometry (with the matched codes) as GeoJSON; the file, once written. */
  readonly exportGeometry: (layerId: number) => Promise<void>;
  readonly exported: { readonly path: string; readonly fileName: string } | null;
  readonly clearExported: () => void;
  readonly dismissError: () => void;
}

export function useLayerActions(): LayerActions {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const match = useCallback(async (layerId: number, feature: number, regionCode: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const r = await warehouse().call('maps.match', { layerId, feature, regionCode });
      bumpGeometry();
      return r.matched;
    } catch (e) {
      setError(toError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const remove = useCallback(async (layerId: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await warehouse().call('maps.delete', { layerId });
      bumpGeometry();
      return r.deleted;
    } catch (e) {
      setError(toError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const [exported, setExported] = useState<LayerActions['exported']>(null);
  const exportGeometry = useCallback(async (layerId: number) => {
    setBusy(true);
    setError(null);
    setExported(null);
    try {
      setExported(await warehouse().call('maps.exportGeometry', { layerId }));
    } catch (e) {
      setError(toError(e));
    } finally {
      setBusy(false);
    }
  }, []);
  const clearExported = useCallback(() => setExported(null), []);
  const dismissError = useCallback(() => setError(null), []);
  return useMemo(
    () => ({ busy, error, match, remove, exportGeometry, exported, clearExported, dismissError }),
    [busy, error, match, remove, exportGeometry, exported, clearExported, dismissError],
  );
}

// ── values ───────────────────────────────────────────────────────────────────────────────────

/** Sectoral indicators with their periods and coverage per level. */
export function useIndicators(): AsyncState<readonly IndicatorOption[]> {
  const state = useAsync(() => warehouse().call('maps.indicators', {}), []);
  useDataChanged(['batches', 'maps'], state.reload);
  return state;
}

export interface MapValues {
  readonly key: string;
  readonly values: readonly RegionValue[];
  /** The measure's cross-tab (its definition holds the filters and batches), or null for an indicator. */
  readonly result: CrosstabResult | null;
  readonly spec: CrosstabSpec | null;
  readonly indicator: IndicatorMapValues | null;
  /** Warehouse time for the values. */
  readonly ms: number;
}

export interface MapValuesState {
  readonly data: MapValues | null;
  /** The values on screen are those of the current measure and region. */
  readonly fresh: boolean;
  readonly loading: boolean;
  readonly error: Error | null;
  readonly reload: () => void;
}

/**
 * The measure's value for every child at `level` of `parent`: one cross-tab (and, for counts, the
 * unfiltered universe to tell "none" from "no data"), or the indicator's values.
 */
export function useMapValues(draft: MapDraft | null, level: BoundaryLevel, parent: string | null, attributes: readonly AttributeMeta[]): MapValuesState {
  const spec = draft ? mapSpec(draft, level, parent, attributes) : null;
  const m = draft?.measure ?? null;
  const universe = spec && m ? universeSpec(spec, m) : null;
  const indicatorArgs =
    m?.kind === 'indicator' && m.indicator !== '' && m.period !== '' ? { indicator: m.indicator, period: m.period, level, ...(parent ? { parent } : {}) } : null;
  const key = spec ? `x:${specKey(spec)}|${m ? JSON.stringify(m) : ''}` : indicatorArgs ? `i:${JSON.stringify(indicatorArgs)}` : '';
  const latest = useRef({ spec, universe, indicatorArgs, m });
  latest.current = { spec, universe, indicatorArgs, m };

  const state = useAsync(async (): Promise<MapValues | null> => {
    const { spec: s, universe: u, indicatorArgs: ia, m: measure } = latest.current;
    if (!measure) return null;
    const started = performance.now();
    if (s) {
      const [result, base] = await Promise.all([
        warehouse().call('analysis.crosstab', { spec: s }),
        u ? warehouse().call('analysis.crosstab', { spec: u }) : Promise.resolve(null),
      ]);
      const values = valuesFromCrosstab(result, measure, base, effectiveUnit(measure, attributes));
      return { key, values, result, spec: s, indicator: null, ms: performance.now() - started };
    }
    if (ia) {
      const indicator = await warehouse().call('maps.indicatorValues', ia);
      return { key, values: valuesFromIndicator(indicator, new Map()), result: null, spec: null, indicator, ms: performance.now() - started };
    }
    return null;
  }, [key]);
  // A language change rewrites labels and the definition; new batches change the figures.
  useDataChanged(['batches', 'reference', 'settings', 'maps'], state.reload);
  const data = state.data ?? null;
  return {
    data,
    fresh: key === '' || (data !== null && data.key === key && !state.loading),
    loading: state.loading,
    error: state.error,
    reload: state.reload,
  };
}
