import { useMemo, useRef, useState } from 'react';
import type { CrosstabResult, Measure, PercentMode } from '../../../../shared/contracts/analysis.ts';
import { Chart, type ChartHandle } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';
import { crosstabChartOption, pngFileName, type CrosstabChartKind } from './chartOptions.ts';

export interface CrosstabChartProps {
  readonly result: CrosstabResult;
  readonly percent: PercentMode;
  readonly kind: CrosstabChartKind;
  readonly measure: Measure;
}

/** Above this many cells the screen-reader alternative points to the table instead of repeating it. */
const MAX_TEXT_CELLS = 600;

/**
 * A cross-tab as bars: grouped, stacked, or stacked to 100% (rows are the categories, one series
 * per column). Title and data sources are drawn on the chart, so "Unduh PNG" saves an image that
 * says what it shows and where the numbers come from.
 */
export function CrosstabChart({ result, percent, kind, measure }: CrosstabChartProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle>(null);
  const width = useElementWidth(box);
  const [saveError, setSaveError] = useState(false);
  const built = useMemo(
    () => crosstabChartOption(i18n, { result, percent, kind, measure, width: width || 900 }),
    [i18n, result, percent, kind, measure, width],
  );
  const empty = result.rows.length === 0 || result.cols.length === 0 || result.total[measure] === 0;
  const fileName = pngFileName(result.definition.title);

  function download() {
    const url = chart.current?.toPngDataUrl() ?? null;
    setSaveError(url === null);
    if (url === null) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  }

  const kindLabel = t(kind === 'bar' ? 'xchart.kindBar' : kind === 'stacked' ? 'xchart.kindStacked' : 'xchart.kindStacked100');
  const cellCount = result.rows.length * result.cols.length;
  const unitCap = t(measure === 'families' ? 'unit.familiesCap' : 'unit.personsCap');

  return (
    <div className="xchart" ref={box} data-kind={kind} data-series={built.data.series.length} data-rows={built.data.categories.length}>
      <div className="xchart-toolbar">
        {built.layout.zoom ? <p className="xchart-hint muted">{t('xchart.zoomHint', { shown: num(built.layout.visibleRows), n: num(result.rows.length) })}</p> : null}
        <button type="button" className="btn btn-secondary btn-small" onClick={download} disabled={empty} title={t('xchart.downloadTitle', { file: fileName })}>
          <svg className="btn-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('xchart.download')}
        </button>
      </div>
      {saveError ? <p className="warn-text" role="alert">{t('xchart.downloadFailed')}</p> : null}
      {empty ? (
        <p className="muted xchart-empty">{t('xchart.empty')}</p>
      ) : (
        <Chart ref={chart} option={built.option} height={built.height} ariaLabel={t('xchart.ariaLabel', { kind: kindLabel, title: result.definition.title })}>
          {cellCount <= MAX_TEXT_CELLS ? (
            <table>
              <caption>{result.definition.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{unitCap}</th>
                  {result.cols.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r, i) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    {built.data.series.map((s) => (
                      <td key={s.key}>{num(s.counts[i] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('xchart.textTooLarge')}</p>
          )}
        </Chart>
      )}
    </div>
  );
}
