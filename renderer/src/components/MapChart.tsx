/**
 * The ECharts adapter for choropleth maps (the bar charts have Chart.tsx). Thousands of village
 * polygons are costly to parse, lay out and paint, so the adapter:
 *  - registers each map once by name (`mapName` must change when the geometry does) and keeps it;
 *  - sets the whole option only when the map changes (the only `notMerge`);
 *  - recolours in place: ECharts rebuilds every region of a map series on any `setOption` (for
 *    3,352 villages that is most of a second), so a new set of colours is written onto the
 *    regions ECharts drew and only repainted. The series data is merged into ECharts' own option
 *    just before anything makes ECharts render the map again (a resize, a reset of the view), so
 *    the map never falls back to old colours. Should the drawn regions not be found (another
 *    ECharts version), the data goes through `setOption` as usual;
 *  - times every draw from its start to ECharts' `finished` event and writes the figures on the
 *    canvas element (`data-draw-ms`, `data-recolour-ms`) and into `performance` measures.
 */
import { MapChart as EMapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { init, registerMap, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { CHART_FONT } from './Chart.tsx';

use([EMapChart, TooltipComponent, CanvasRenderer]);

/** The option object feature code builds for a map: one map series (with an `id`) and the tooltip's look. */
export type MapChartOption = ComposeOption<MapSeriesOption | TooltipComponentOption>;

/** What a region can be filled with: a colour, or a pattern such as `hatchFill()`. */
export type MapFill = NonNullable<NonNullable<MapSeriesOption['itemStyle']>['areaColor']>;

/** One region's value and fill (`name` is the region's `nameProperty`, e.g. its code). */
export interface MapDatum {
  readonly name: string;
  /** NaN for a region without a value. */
  readonly value: number;
  readonly fill: MapFill;
}

/** A GeoJSON FeatureCollection as the warehouse sends it (polygons in longitude/latitude). */
export interface MapShapes {
  readonly type: 'FeatureCollection';
  readonly features: readonly { readonly properties: Readonly<Record<string, unknown>> }[];
}

type RegisteredShapes = Parameters<typeof registerMap>[1];
type TooltipCallback = Extract<NonNullable<TooltipComponentOption['formatter']>, (...args: never[]) => unknown>;

/** Maps registered in this window (ECharts keeps them globally): never parsed twice. */
const registered = new Set<string>();

function ensureRegistered(name: string, shapes: MapShapes): void {
  if (registered.has(name)) return;
  // The warehouse's FeatureCollection is GeoJSON; its coordinates are typed `unknown` in shared/.
  registerMap(name, shapes as unknown as RegisteredShapes);
  registered.add(name);
}

/** Pattern tiles are drawn at this many pixels per screen pixel, so they stay crisp in a print-resolution PNG. */
const PATTERN_RATIO = 3;
const hatches = new Map<string, MapFill>();

/**
 * Diagonal lines on a light ground, for regions drawn without a value. One shared pattern (not an
 * ECharts decal, which paints a tile per region: thousands of canvases for a village map).
 */
export function hatchFill(ground: string, line: string): MapFill {
  const key = `${ground}|${line}`;
  const known = hatches.get(key);
  if (known) return known;
  const size = 6 * PATTERN_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = ground;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = line;
    ctx.lineWidth = PATTERN_RATIO;
    // One diagonal across the tile and its halves at two corners, so neighbouring tiles join.
    for (const d of [-size, 0, size]) {
      ctx.beginPath();
      ctx.moveTo(d, size);
      ctx.lineTo(d + size, 0);
      ctx.stroke();
    }
  }
  const fill: MapFill = { image: canvas, repeat: 'repeat', scaleX: 1 / PATTERN_RATIO, scaleY: 1 / PATTERN_RATIO };
  hatches.set(key, fill);
  return fill;
}

export interface MapChartTiming {
  /** `draw`: a new map (registration, layout and paint); `recolour`: new colours on the same map. */
  readonly kind: 'draw' | 'recolour';
  readonly ms: number;
}

export interface MapChartHandle {
  /** The map painted again at `pixelRatio` on a white background (for a saved image); null before the first draw. */
  readonly renderCanvas: (pixelRatio: number) => HTMLCanvasElement | null;
  /** Back to the whole map after zooming or panning. */
  readonly resetView: () => void;
}

export interface MapChartProps {
  /** Name the shapes are registered under; a new name for new or changed geometry. */
  readonly mapName: string;
  readonly shapes: MapShapes;
  /** The property of each feature that names it (joins `data` to the shapes). */
  readonly nameProperty: string;
  /** The map's layout and series (with an `id`), set whole when `mapName` changes. */
  readonly base: MapChartOption;
  /** Each region's value and fill; a change recolours the map. */
  readonly data: readonly MapDatum[];
  /** Width over height of the map as drawn (after its aspect scale): the map is fitted whole into the box. */
  readonly aspect: number;
  /** Hovering keeps the region's fill and darkens its border (few regions only: it costs a style per region). */
  readonly hoverOutline: boolean;
  /** The tooltip of a region, by name (HTML). */
  readonly tooltip: (name: string) => string;
  readonly onRegionClick?: (name: string) => void;
  readonly onTiming?: (timing: MapChartTiming) => void;
  /** Names the map for assistive technology (the canvas itself says nothing). */
  readonly ariaLabel: string;
  readonly height: number;
  /** A text alternative, visually hidden. */
  readonly children?: ReactNode;
  readonly ref?: Ref<MapChartHandle>;
}

// ── the regions ECharts drew, found in its scene graph ───────────────────────────────────────

/** The parts of a zrender element the in-place recolouring touches (checked at run time). */
interface SceneNode {
  readonly type?: string;
  readonly childrenRef?: () => readonly SceneNode[];
}

interface RegionPath extends SceneNode {
  readonly currentStates?: readonly string[];
  readonly states?: Readonly<Record<string, { style?: Record<string, unknown> } | undefined>>;
  setStyle(key: 'fill', value: unknown): void;
  clearStates(): void;
}

function childrenOf(node: SceneNode): readonly SceneNode[] {
  return typeof node.childrenRef === 'function' ? node.childrenRef() : [];
}

function isRegionPath(node: SceneNode): node is RegionPath {
  return node.type === 'compound' && typeof (node as Partial<RegionPath>).setStyle === 'function';
}

/**
 * The group of region groups ECharts' map drawing builds — one child group per region, in the
 * order the regions first appear in the GeoJSON, each holding the region's compound path(s) —
 * matched to the region names. Null when the scene does not look like that.
 */
function findRegions(roots: readonly SceneNode[], names: readonly string[]): Map<string, RegionPath[]> | null {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    const kids = childrenOf(node);
    if (kids.length === names.length && kids.every((k) => k.type === 'group' && childrenOf(k).some(isRegionPath))) {
      const out = new Map<string, RegionPath[]>();
      kids.forEach((k, i) => out.set(names[i] ?? '', childrenOf(k).filter(isRegionPath)));
      return out;
    }
    for (const k of kids) stack.push(k);
  }
  return null;
}

/** Region names in first-appearance order (ECharts merges features of the same name into one region). */
function regionNames(shapes: MapShapes, nameProperty: string): string[] {
  const seen = new Set<string>();
  for (const f of shapes.features) {
    const v = f.properties[nameProperty];
    if (typeof v === 'string') seen.add(v);
  }
  return [...seen];
}

function seriesData(data: readonly MapDatum[], hoverOutline: boolean) {
  return data.map((d) =>
    hoverOutline
      ? { name: d.name, value: d.value, itemStyle: { areaColor: d.fill }, emphasis: { itemStyle: { areaColor: d.fill } } }
      : { name: d.name, value: d.value, itemStyle: { areaColor: d.fill } },
  );
}

/** Room left around the map, in pixels. */
const MARGIN = 10;

/**
 * Centre and size that fit the whole map into the element, keeping its aspect. (ECharts keeps the
 * aspect only when the box is not given on all four sides; a size in pixels says exactly how big.)
 */
function fitLayout(el: HTMLElement, aspect: number) {
  const w = Math.max(1, el.clientWidth - 2 * MARGIN);
  const h = Math.max(1, el.clientHeight - 2 * MARGIN);
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
  // `layoutSize` is the map's larger side.
  const size = a >= 1 ? Math.min(w, h * a) : Math.min(h, w / a);
  return { layoutCenter: ['50%', '50%'], layoutSize: Math.max(1, Math.floor(size)) };
}

function seriesId(base: MapChartOption): string {
  const s = Array.isArray(base.series) ? base.series[0] : base.series;
  return typeof s?.id === 'string' ? s.id : 'map';
}

export function MapChart(props: MapChartProps) {
  const { mapName, shapes, nameProperty, base, data, aspect, hoverOutline, tooltip, onRegionClick, onTiming, ariaLabel, height, children, ref } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const shownMap = useRef<string | null>(null);
  const pending = useRef<{ kind: MapChartTiming['kind']; started: number } | null>(null);
  /** The drawn regions by name, valid until ECharts renders the map again. */
  const regions = useRef<Map<string, RegionPath[]> | null>(null);
  const names = useRef<readonly string[]>([]);
  /** Data written onto the regions but not yet merged into ECharts' option. */
  const unsynced = useRef<readonly MapDatum[] | null>(null);
  /** The data on screen. */
  const latestData = useRef<readonly MapDatum[]>([]);
  const latest = useRef({ base, onRegionClick, onTiming, tooltip, hoverOutline, aspect });
  useEffect(() => {
    latest.current = { base, onRegionClick, onTiming, tooltip, hoverOutline, aspect };
  });

  /** Merge data recoloured in place into ECharts' option, before ECharts renders the map again. */
  const sync = (instance: EChartsType) => {
    const d = unsynced.current;
    if (!d) return;
    unsynced.current = null;
    regions.current = null;
    instance.setOption({ series: [{ id: seriesId(latest.current.base), type: 'map', data: seriesData(d, latest.current.hoverOutline) }] }, { lazyUpdate: true });
  };

  // The tooltip asks for the newest text through a ref, so a recolour never has to touch the option.
  const tooltipText: TooltipCallback = (params) => {
    const p = Array.isArray(params) ? params[0] : params;
    return p && typeof p.name === 'string' ? latest.current.tooltip(p.name) : '';
  };
  const fullOption = (b: MapChartOption, d: readonly MapDatum[]): MapChartOption => ({
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 13, color: '#1b2420' },
    ...b,
    tooltip: { ...(Array.isArray(b.tooltip) ? b.tooltip[0] : b.tooltip), formatter: tooltipText },
    series: [
      {
        ...(Array.isArray(b.series) ? b.series[0] : b.series),
        ...(box.current ? fitLayout(box.current, latest.current.aspect) : {}),
        type: 'map',
        data: seriesData(d, latest.current.hoverOutline),
      },
    ],
  });

  useImperativeHandle(
    ref,
    () => ({
      renderCanvas: (pixelRatio) => (shownMap.current ? (chart.current?.renderToCanvas({ pixelRatio, backgroundColor: '#ffffff' }) ?? null) : null),
      resetView: () => {
        const instance = chart.current;
        if (!instance || !shownMap.current) return;
        // Zoom and pan live in ECharts' option: setting the map's option anew (its current colours
        // included) undoes them.
        unsynced.current = null;
        regions.current = null;
        instance.setOption(fullOption(latest.current.base, latestData.current), { notMerge: true });
      },
    }),
    [],
  );

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => {
      if (shownMap.current && regions.current === null && unsynced.current === null) {
        regions.current = findRegions(instance.getZr().storage.getRoots(), names.current);
        el.setAttribute('data-recolour-path', regions.current ? 'in-place' : 'set-option');
      }
      // Where longitude/latitude land on the canvas (x = ax·lng + bx, y = ay·lat + by), again after
      // any zoom or pan: lets a test or an overlay find a region without reading ECharts internals.
      if (shownMap.current) {
        const a = instance.convertToPixel({ seriesIndex: 0 }, [0, 0]) as unknown;
        const b = instance.convertToPixel({ seriesIndex: 0 }, [1, 1]) as unknown;
        if (Array.isArray(a) && Array.isArray(b)) {
          const [x0, y0] = a as number[];
          const [x1, y1] = b as number[];
          if (x0 !== undefined && y0 !== undefined && x1 !== undefined && y1 !== undefined) el.setAttribute('data-px', JSON.stringify([x1 - x0, x0, y1 - y0, y0]));
        }
      }
      const p = pending.current;
      if (!p) return;
      pending.current = null;
      const ms = performance.now() - p.started;
      el.setAttribute(p.kind === 'draw' ? 'data-draw-ms' : 'data-recolour-ms', ms.toFixed(1));
      el.setAttribute('data-state', 'ready');
      try {
        performance.measure(`padu-map-${p.kind}`, { start: p.started, duration: ms });
      } catch {
        // An engine without measure options: the attribute above is enough.
      }
      latest.current.onTiming?.({ kind: p.kind, ms });
    });
    instance.on('click', (params) => {
      if (params.componentType === 'series' && typeof params.name === 'string' && params.name !== '') latest.current.onRegionClick?.(params.name);
    });
    const observer = new ResizeObserver(() => {
      if (shownMap.current) {
        sync(instance);
        regions.current = null;
        instance.setOption({ series: [{ id: seriesId(latest.current.base), type: 'map', ...fitLayout(el, latest.current.aspect) }] }, { lazyUpdate: true });
      }
      instance.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      shownMap.current = null;
      regions.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    const el = box.current;
    if (!instance || !el) return;
    const fresh = shownMap.current !== mapName;
    latestData.current = data;
    el.setAttribute('data-state', 'drawing');
    // A draw not painted yet stays a draw when new data follows before the next frame.
    if (pending.current?.kind !== 'draw' || fresh) pending.current = { kind: fresh ? 'draw' : 'recolour', started: performance.now() };
    const t0 = performance.now();
    if (fresh) {
      ensureRegistered(mapName, shapes);
      names.current = regionNames(shapes, nameProperty);
      regions.current = null;
      unsynced.current = null;
      // A new map: the whole option at once, colours included (one layout, one paint).
      instance.setOption(fullOption(latest.current.base, data), { notMerge: true });
      shownMap.current = mapName;
      el.setAttribute('data-map', mapName);
      el.setAttribute('data-build-ms', (performance.now() - t0).toFixed(1));
      return;
    }
    const drawn = regions.current;
    if (drawn) {
      // Same map, new colours: write them onto the drawn regions and repaint.
      for (const d of data) {
        for (const path of drawn.get(d.name) ?? []) {
          if (path.currentStates && path.currentStates.length > 0) path.clearStates();
          path.setStyle('fill', d.fill);
          const emphasis = path.states?.['emphasis']?.style;
          if (emphasis && 'fill' in emphasis) emphasis['fill'] = d.fill;
        }
      }
      unsynced.current = data;
      instance.getZr().refresh();
    } else {
      instance.setOption({ series: [{ id: seriesId(latest.current.base), type: 'map', data: seriesData(data, hoverOutline) }] });
    }
    el.setAttribute('data-build-ms', (performance.now() - t0).toFixed(1));
  }, [mapName, shapes, nameProperty, data, hoverOutline]);

  return (
    <figure className="map-chart">
      <div ref={box} className="map-chart-canvas" role="img" aria-label={ariaLabel} style={{ height }} data-testid="map-canvas" />
      {children ? <div className="sr-only">{children}</div> : null}
    </figure>
  );
}
