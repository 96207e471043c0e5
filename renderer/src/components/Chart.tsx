/**
 * The only ECharts adapter: tree-shaken `echarts/core`, canvas renderer, sized by its container,
 * disposed on unmount. Feature code builds a `ChartOption` (plain data and functions) and passes
 * it in; the chart gets an accessible name and, as children, a text alternative for screen readers.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, CanvasRenderer]);

/** The option object feature code builds (bar series, grid, tooltip, legend, title, data zoom). */
export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption | DataZoomComponentOption
>;

/** What a parent can ask of a drawn chart (through `ref`). */
export interface ChartHandle {
  /**
   * The chart as a PNG data URL at twice the screen resolution on a white background (a saved
   * image goes into reports and slides, where a transparent background turns black or grey);
   * null before the chart is drawn.
   */
  readonly toPngDataUrl: () => string | null;
}

/** The system font stack of the app (charts draw text on a canvas and cannot inherit CSS). */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

export interface ChartProps {
  readonly option: ChartOption;
  /** Names the chart for assistive technology (the canvas itself says nothing). */
  readonly ariaLabel: string;
  /** Height in pixels; the width follows the container. */
  readonly height?: number;
  /** A text alternative (e.g. a table of the same figures), visually hidden. */
  readonly children?: ReactNode;
  readonly className?: string;
  /** Exposes `ChartHandle` (e.g. for an "Unduh PNG" button). */
  readonly ref?: Ref<ChartHandle>;
}

export function Chart({ option, ariaLabel, height = 320, children, className, ref }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useImperativeHandle(
    ref,
    () => ({
      toPngDataUrl: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null,
    }),
    [],
  );

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: CHART_FONT, fontSize: 14, color: '#1b2420' }, ...option },
      { notMerge: true },
    );
  }, [option]);

  return (
    <figure className={`chart${className ? ` ${className}` : ''}`}>
      <div ref={box} className="chart-canvas" role="img" aria-label={ariaLabel} style={{ height }} />
      {children ? <div className="sr-only">{children}</div> : null}
    </figure>
  );
}
