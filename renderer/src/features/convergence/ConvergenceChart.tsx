import { useId, useMemo, useRef, useState } from 'react';
import type { ConvergenceResult } from '../../../../shared/contracts/interventions.ts';
import { Chart, type ChartHandle } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';
import { pngFileName } from '../analysis/chartOptions.ts';
import { convergenceChartOption, type ConvergenceChartMode } from './convergenceModel.ts';

/**
 * Families reached by 0, 1, 2 and 3+ programs per region as stacked bars, in families or as a
 * share of each region's families. Title and description are drawn on the canvas, so "Unduh PNG"
 * saves an image that says what it shows (the same as the cross-tab chart in Analisis).
 */
export function ConvergenceChart({ result }: { readonly result: ConvergenceResult }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const modeId = useId();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle>(null);
  const width = useElementWidth(box);
  const [mode, setMode] = useState<ConvergenceChartMode>('count');
  const [saveError, setSaveError] = useState(false);
  const built = useMemo(() => convergenceChartOption(i18n, result, mode, width || 900), [i18n, result, mode, width]);
  const empty = result.rows.length === 0 || result.total.families === 0;
  const fileName = pngFileName(built.title);

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

  return (
    <div className="xchart conv-chart" ref={box} data-rows={built.data.categories.length} data-mode={mode}>
      <div className="xchart-toolbar">
        <div className="inline-field">
          <label htmlFor={modeId}>{t('conv.chart.mode')}</label>
          <select id={modeId} className="select select-small" value={mode} onChange={(e) => setMode(e.target.value === 'percent' ? 'percent' : 'count')}>
            <option value="count">{t('conv.chart.modeCount')}</option>
            <option value="percent">{t('conv.chart.modePercent')}</option>
          </select>
        </div>
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
        <p className="muted xchart-empty">{t('conv.chart.empty')}</p>
      ) : (
        <Chart ref={chart} option={built.option} height={built.height} ariaLabel={t('conv.chart.ariaLabel', { title: built.title })}>
          <table>
            <caption>{built.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conv.col.region')}</th>
                {built.data.series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {built.data.categories.map((name, i) => (
                <tr key={result.rows[i]?.code ?? i}>
                  <th scope="row">{name}</th>
                  {built.data.series.map((s) => (
                    <td key={s.key}>{num(s.counts[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Chart>
      )}
    </div>
  );
}
