import { useI18n } from '../../i18n/useT.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { SOURCE_LABEL } from '../analysis/analysisModel.ts';
import type { CountState } from './usePrograms.ts';

export interface LiveCountProps {
  readonly count: CountState;
  readonly unit: 'family' | 'person';
  /** Conditions still waiting for a choice (not counted). */
  readonly incomplete: number;
}

/**
 * How many families the criteria reach while they are edited: eligible, already covered by the
 * program's recipient lists, candidates, and units; candidates by kabupaten, and the criteria in
 * words as the warehouse reads them.
 */
export function LiveCount({ count, unit, incomplete }: LiveCountProps) {
  const { t, num } = useI18n();
  const r = count.result;
  const state = count.fresh ? 'ready' : count.error ? 'error' : 'loading';
  return (
    <section
      className={`card pg-count${count.fresh ? '' : ' is-stale'}`}
      aria-labelledby="pg-count-title"
      aria-busy={!count.fresh}
      data-testid="live-count"
      data-state={state}
      data-key={count.key ?? ''}
      data-eligible={r?.eligible ?? ''}
      data-covered={r?.covered ?? ''}
      data-candidates={r?.candidates ?? ''}
      data-units={r?.units ?? ''}
    >
      <h2 id="pg-count-title" className="card-title">
        {t('prog.count.title')}
      </h2>
      {count.error ? <ErrorBanner error={count.error} context={t('prog.count.failed')} /> : null}
      {r ? (
        <>
          <dl className="pg-count-figures" aria-live="polite">
            <div className="pg-count-figure">
              <dt>{t('prog.count.eligible')}</dt>
              <dd data-testid="count-eligible">{num(r.eligible)}</dd>
            </div>
            <div className="pg-count-figure">
              <dt>{t('prog.count.covered')}</dt>
              <dd data-testid="count-covered">{num(r.covered)}</dd>
            </div>
            <div className="pg-count-figure is-main">
              <dt>{t('prog.count.candidates')}</dt>
              <dd data-testid="count-candidates">{num(r.candidates)}</dd>
            </div>
            <div className="pg-count-figure">
              <dt>{unit === 'person' ? t('prog.count.unitsPersons') : t('prog.count.unitsFamilies')}</dt>
              <dd data-testid="count-units">{num(r.units)}</dd>
            </div>
          </dl>
          <p className="muted pg-count-base">
            {t('prog.count.base', { total: num(r.total), source: SOURCE_LABEL[r.dataset.source], batch: r.dataset.familyBatch.label })}
            {' · '}
            {t('analysis.ms', { ms: num(r.ms, r.ms < 10 ? 1 : 0) })}
            {count.fresh ? '' : ` · ${t('prog.count.computing')}`}
          </p>
          {incomplete > 0 ? <p className="field-note warn-text">{t('prog.count.incomplete', { n: num(incomplete) })}</p> : null}
          {r.membersUnknown ? <p className="notice notice-warning">{t('prog.count.membersUnknown')}</p> : null}
          <div className="pg-count-words">
            <h3 className="pg-subhead">{t('prog.count.words')}</h3>
            <p data-testid="count-description">{r.description}</p>
          </div>
          {r.byKabupaten.length > 0 ? (
            <div className="table-scroll pg-count-kab">
              <table className="table">
                <caption className="sr-only">{t('prog.count.byKabupaten')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('prog.count.kabupaten')}</th>
                    <th scope="col" className="num">
                      {t('prog.count.candidates')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.byKabupaten.map((k) => (
                    <tr key={k.code}>
                      <th scope="row">{k.name}</th>
                      <td className="num">{num(k.candidates)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : count.error ? null : (
        <Loading text={t('prog.count.computing')} />
      )}
    </section>
  );
}
