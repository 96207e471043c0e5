/**
 * The map's ECharts option in two parts, as the adapter wants them: the base (layout, projection
 * aspect, borders, labels — fixed for a map) and the update (each region's colour and the tooltip
 * — what a new measure or classification changes). Pure functions, unit-tested without a canvas.
 */
import type { MapChartOption, MapDatum, MapFill } from '../../components/MapChart.tsx';
import type { BoundaryLevel } from '../../../../shared/contracts/maps.ts';
import { formatValue, type LegendI18n, type ValueFormat } from './legend.ts';
import type { MapModel, MapRegion } from './mapModel.ts';
import { BORDER, NO_DATA_FILL } from './palette.ts';

export const SERIES_ID = 'choropleth';

/** Above this many regions names are not written on the map (they would only overlap). */
const MAX_LABELLED = 40;
/** Up to this many regions a hovered region is outlined (a hover style per region costs time on village maps). */
const MAX_OUTLINED = 400;

export interface BaseInput {
  readonly mapName: string;
  readonly level: BoundaryLevel;
  readonly bbox: readonly [number, number, number, number];
  /** Region names by code (labels). */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * The width of a degree of longitude against one of latitude at the map's middle latitude: the
 * map is drawn in plain longitude/latitude, so without it NTT would be stretched sideways.
 */
export function aspectScaleOf(bbox: readonly [number, number, number, number]): number {
  const mid = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  return Math.max(0.2, Math.cos(mid));
}

/** Width over height of the map as drawn: its longitude span (scaled for the latitude) over its latitude span. */
export function mapAspect(bbox: readonly [number, number, number, number]): number {
  const w = (bbox[2] - bbox[0]) * aspectScaleOf(bbox);
  const h = bbox[3] - bbox[1];
  return h > 0 && w > 0 ? w / h : 1;
}

/** A box for the map: as wide as the room, as tall as the map's shape asks, within reason. */
export function mapHeight(width: number, aspect: number): number {
  const w = Math.max(320, width);
  return Math.round(Math.min(680, Math.max(380, w / aspect + 20)));
}

/** Names are written on the map only for a few large regions (never for villages). */
export function showLabels(level: BoundaryLevel, regions: number): boolean {
  return level < 4 && regions <= MAX_LABELLED;
}

/** A name as written on the map: "Kabupaten Ende" → "Ende" (the level is in the title; "Kota" stays). */
export function shortName(name: string): string {
  return name.replace(/^kabupaten\s+/i, '');
}

/** Hovering outlines a region on maps of kabupaten and kecamatan; on village maps the tooltip alone says which. */
export function hoverOutline(regions: number): boolean {
  return regions <= MAX_OUTLINED;
}

export function mapBaseOption(input: BaseInput): MapChartOption {
  const { bbox, level, names } = input;
  const labels = showLabels(level, names.size);
  const outline = hoverOutline(names.size);
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      transitionDuration: 0,
      textStyle: { fontSize: 13, color: '#1b2420' },
    },
    series: [
      {
        id: SERIES_ID,
        type: 'map',
        map: input.mapName,
        nameProperty: 'kode',
        aspectScale: aspectScaleOf(bbox),
        roam: true,
        scaleLimit: { min: 1, max: 40 },
        selectedMode: false,
        showLegendSymbol: false,
        itemStyle: { areaColor: NO_DATA_FILL, borderColor: BORDER, borderWidth: level === 4 ? 0.4 : level === 3 ? 0.7 : 1.1 },
        label: {
          show: labels,
          fontSize: 11,
          color: '#1b2420',
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
          formatter: (p: { name: string }) => shortName(names.get(p.name) ?? ''),
        },
        ...(labels ? { labelLayout: { hideOverlap: true } } : {}),
        emphasis: outline ? { label: { show: labels }, itemStyle: { borderColor: '#1b2420', borderWidth: 1.5 } } : { disabled: true },
        data: [],
      },
    ],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface TooltipInput {
  readonly format: ValueFormat;
  /** "keluarga" / "jiwa" for the numerator and denominator line; null for indicators. */
  readonly unit: string | null;
  /** The measure in words (first line under the name). */
  readonly measure: string;
}

/** A region's tooltip: name, value, and what it was counted from (numerator of denominator, or the source). */
export function tooltipHtml(i18n: LegendI18n, r: MapRegion, input: TooltipInput): string {
  const { t, num } = i18n;
  const lines = [`<div style="font-weight:700;margin-bottom:2px">${escapeHtml(r.name)}</div>`];
  lines.push(`<div style="color:#55615c;font-size:12px;margin-bottom:4px">${escapeHtml(input.measure)}</div>`);
  if (r.value === null) {
    lines.push(`<div>${escapeHtml(t('maps.tip.noData'))}</div>`);
  } else {
    lines.push(`<div style="font-weight:700;font-size:15px">${escapeHtml(formatValue(i18n, input.format, r.value))}</div>`);
  }
  if (r.numerator !== null && input.unit !== null) {
    const text =
      r.denominator !== null
        ? t('maps.tip.ofBase', { n: num(r.numerator), base: num(r.denominator), unit: input.unit })
        : t('maps.tip.count', { n: num(r.numerator), unit: input.unit });
    lines.push(`<div>${escapeHtml(text)}</div>`);
  }
  if (r.source) lines.push(`<div style="color:#55615c">${escapeHtml(t('maps.tip.source', { source: r.source }))}</div>`);
  if (r.conflict && r.conflict.length > 0) {
    const others = r.conflict.map((c) => `${formatValue(i18n, input.format, c.value)}${c.source ? ` (${c.source})` : ''}`).join('; ');
    lines.push(`<div style="color:#b4461b">${escapeHtml(t('maps.tip.conflict', { others }))}</div>`);
  }
  return lines.join('');
}

/**
 * Each drawn region's value and fill: its class colour, or `noData` without a value — on screen the
 * adapter's hatch pattern (`hatchFill`), so a region without data never looks like the lowest class.
 */
export function mapData(model: Pick<MapModel, 'regions'>, noData: MapFill = NO_DATA_FILL): MapDatum[] {
  return model.regions
    .filter((r) => r.polygon)
    .map((r) => (r.klass < 0 ? { name: r.code, value: Number.NaN, fill: noData } : { name: r.code, value: r.value ?? Number.NaN, fill: r.color }));
}

/** The tooltip of each region of the map, by code. */
export function mapTooltip(i18n: LegendI18n, model: Pick<MapModel, 'regions'>, tip: TooltipInput): (code: string) => string {
  const byCode = new Map(model.regions.map((r) => [r.code, r]));
  return (code) => {
    const r = byCode.get(code);
    return r ? tooltipHtml(i18n, r, tip) : '';
  };
}
