/**
 * The only ECharts adapter: tree-shaken `echarts/core`, canvas renderer, sized by its container,
 * disposed on unmount. Feature code builds a `ChartOption` (plain data and functions) and passes
 * it in; the chart gets an accessible name and, as children, a text alternative for screen readers.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer]);

/** The option object feature code builds (bar series, grid, tooltip, legend, title). */
export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption
>;

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
}

export function Chart({ option, ariaLabel, height = 320, children, className }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

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
