import { useMemo } from 'react';
import type { HomeSummary } from '../../../../shared/contracts/home.ts';
import type { BatchSummary } from '../../../../shared/model/source.ts';
import { Card } from '../../components/Card.tsx';
import { Chart } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { completeDesil, desilOption } from './desilOption.ts';
import { SOURCE_NAME, desilLabelKey } from './sourceLabels.ts';

export interface DesilCardProps {
  readonly summary: HomeSummary;
  readonly regionName: string;
}

/** Families per desil of the newest P3KE (or DTSEN) batch, desil 1 emphasised, with a table for screen readers. */
export function DesilCard({ summary, regionName }: DesilCardProps) {
  const i18n = useI18n();
  const { t, num, pct } = i18n;
  const desil = useMemo(() => completeDesil(summary.desil), [summary.desil]);
  const option = useMemo(() => desilOption(i18n, desil), [i18n, desil]);
  const batch: BatchSummary | undefined = summary.bySource.find((s) => s.batch.id === summary.desilBatchId)?.batch;
  const total = desil.reduce((n, d) => n + d.families, 0);
  const first = desil.find((d) => d.desil === 1);
  // Family-level batches carry no member counts: then the table leaves the people column out.
  const withPersons = desil.some((d) => d.persons > 0);

  const subtitle = batch
    ? t('desil.subtitle', { source: t(SOURCE_NAME[batch.source]), batch: batch.label, region: regionName })
    : t('desil.subtitleNone');

  return (
    <Card level={3} title={t('desil.title')} subtitle={subtitle} className="desil-card">
      {total === 0 ? (
        <p className="muted">{t('desil.empty')}</p>
      ) : (
        <>
          {first ? (
            <p className="desil-callout" data-desil1={first.families}>
              <span className="desil-callout-swatch" aria-hidden="true" />
              <span>
                <strong>{t('desil.calloutTitle')}</strong>{' '}
                {t('desil.callout', { families: num(first.families), share: pct(first.families / total) })}
              </span>
            </p>
          ) : null}
          <Chart option={option} ariaLabel={t('desil.chartLabel', { region: regionName })} height={300}>
            <table>
              <caption>{t('desil.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('desil.colDesil')}</th>
                  <th scope="col">{t('desil.colLabel')}</th>
                  <th scope="col">{t('unit.familiesCap')}</th>
                  {withPersons ? <th scope="col">{t('unit.personsCap')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {desil.map((d) => {
                  const key = desilLabelKey(d.desil);
                  return (
                    <tr key={d.desil} data-desil={d.desil}>
                      <th scope="row">{num(d.desil)}</th>
                      <td>{key ? t(key) : '—'}</td>
                      <td data-field="families">{num(d.families)}</td>
                      {withPersons ? <td data-field="persons">{num(d.persons)}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Chart>
          <p className="footnote">{t('desil.footnote')}</p>
        </>
      )}
    </Card>
  );
}
