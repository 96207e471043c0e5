import { useId, useMemo, useRef, useState } from 'react';
import type { OverlapResult } from '../../../../shared/contracts/linkage.ts';
import type { BatchSummary } from '../../../../shared/model/source.ts';
import { Chart, type ChartHandle } from '../../components/Chart.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';
import { pngFileName } from '../analysis/chartOptions.ts';
import { batchName, batchShortName, missingPairNames, overlapChartOption, toggleBatch } from './linkageModel.ts';
import { useOverlap } from './useLinkage.ts';

/**
 * How three or more sources overlap: pick the batches, read the people found in exactly each
 * combination (built from the newest run of every pair), with the pairs never matched stated
 * plainly, since their overlap is unknown rather than empty.
 */
export function OverlapPanel({ batches }: { readonly batches: readonly BatchSummary[] }) {
  const { t } = useI18n();
  const titleId = useId();
  const order = useMemo(() => batches.map((b) => b.id), [batches]);
  const [chosen, setChosen] = useState<readonly number[]>([]);
  const overlap = useOverlap(chosen);
  const result = chosen.length >= 3 ? (overlap.data ?? null) : null;
  return (
    <section className="card link-overlap" aria-labelledby={titleId} data-testid="link-overlap" data-state={chosen.length < 3 ? 'idle' : overlap.loading ? 'loading' : 'ready'}>
      <h2 id={titleId} className="card-title">
        {t('link.overlap.title')}
      </h2>
      <p className="muted">{t('link.overlap.lead')}</p>
      <fieldset className="link-overlap-pick">
        <legend className="field-label">{t('link.overlap.pick')}</legend>
        <div className="link-overlap-boxes">
          {batches.map((b) => (
            <label key={b.id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(b.id)} onChange={() => setChosen((c) => toggleBatch(c, b.id, order))} />
              <span>{batchName(t, b)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {chosen.length < 3 ? <p className="field-note">{t('link.overlap.needThree', { n: chosen.length })}</p> : null}
      {overlap.error && chosen.length >= 3 ? <ErrorBanner error={overlap.error} context={t('link.overlap.failed')} onRetry={overlap.reload} /> : null}
      {chosen.length >= 3 && !result && !overlap.error ? <Loading text={t('link.overlap.computing')} /> : null}
      {result ? <OverlapView result={result} /> : null}
    </section>
  );
}

function OverlapView({ result }: { readonly result: OverlapResult }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle>(null);
  const width = useElementWidth(box);
  const [saveError, setSaveError] = useState(false);
  const built = useMemo(() => overlapChartOption(i18n, result, width || 900), [i18n, result, width]);
  const missing = missingPairNames(t, result);
  const fileName = pngFileName(built.title);
  const empty = built.rows.length === 0;

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
    <div className="xchart link-overlap-result" ref={box} data-rows={built.rows.length}>
      {missing.length > 0 ? (
        <div className="notice notice-warning" data-testid="link-overlap-missing">
          <p>{t('link.overlap.missing', { n: missing.length })}</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <p>{t('link.overlap.missingHint')}</p>
        </div>
      ) : null}
      <div className="xchart-toolbar">
        <p className="muted">{t('link.overlap.runs', { runs: result.runs.map((r) => `#${r}`).join(', ') || '–' })}</p>
        <button type="button" className="btn btn-secondary btn-small" onClick={download} disabled={empty} title={t('xchart.downloadTitle', { file: fileName })}>
          <svg className="btn-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('xchart.download')}
        </button>
      </div>
      {saveError ? <p className="warn-text" role="alert">{t('xchart.downloadFailed')}</p> : null}
      {empty ? (
        <p className="muted xchart-empty">{t('link.overlap.empty')}</p>
      ) : (
        <Chart ref={chart} option={built.option} height={built.height} ariaLabel={t('link.overlap.ariaLabel', { title: built.title })} />
      )}
      <div className="table-scroll">
        <table className="table link-overlap-table" data-testid="link-overlap-table">
          <caption>{built.title}</caption>
          <thead>
            <tr>
              {result.batches.map((b) => (
                <th key={b.id} scope="col" className="link-set-col" title={batchName(t, b)}>
                  {batchShortName(t, b)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('link.overlap.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {built.rows.map((r) => (
              <tr key={r.sets.join(',')} data-sets={r.sets.join(',')}>
                {result.batches.map((b, i) => (
                  <td key={b.id} className="link-set-cell">
                    {r.sets.includes(i) ? (
                      <span className="link-dot is-in" role="img" aria-label={t('link.overlap.in')}>
                        ●
                      </span>
                    ) : (
                      <span className="link-dot" role="img" aria-label={t('link.overlap.out')}>
                        ○
                      </span>
                    )}
                  </td>
                ))}
                <td className="num" data-field="people">
                  {num(r.people)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
