import type { ListMethod } from '../../../../shared/contracts/interventions.ts';
import { SCORE_PART_LABEL, SCORE_PARTS } from '../../../../shared/interventions/program.ts';
import { Card } from '../../components/Card.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_LABEL } from '../analysis/analysisModel.ts';

/** How the list was made, in words — the same account the workbook's method sheet gives. */
export function MethodBox({ method }: { readonly method: ListMethod }) {
  const { t, num, label, date } = useI18n();
  return (
    <Card title={t('plist.method.title')} className="pg-method">
      <dl className="dl pg-method-list" data-testid="method">
        <div className="dl-row">
          <dt>{t('plist.method.criteria')}</dt>
          <dd>{method.criteriaWords}</dd>
        </div>
        {method.memberCriteriaWords ? (
          <div className="dl-row">
            <dt>{t('plist.method.memberCriteria')}</dt>
            <dd>{method.memberCriteriaWords}</dd>
          </div>
        ) : null}
        <div className="dl-row">
          <dt>{t('plist.method.coverage')}</dt>
          <dd>{method.coverageWords}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.method.total')}</dt>
          <dd>{method.totalWords}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.method.weights')}</dt>
          <dd>
            <ul className="pg-plain-list">
              {SCORE_PARTS.map((p) => (
                <li key={p}>
                  {label(SCORE_PART_LABEL[p])}: {num(method.weights[p])}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.method.tieBreak')}</dt>
          <dd>{method.tieBreak}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.method.sources')}</dt>
          <dd>
            <ul className="pg-plain-list">
              {method.datasets.map((d) => (
                <li key={`${d.source}-${d.batch.id}-${d.role}`}>
                  {SOURCE_LABEL[d.source]} ({d.role}): {d.batch.label}
                  {d.batch.vintage ? ` · ${d.batch.vintage}` : ''} · #{d.batch.id}
                </li>
              ))}
              {method.recipientBatches.map((b) => (
                <li key={`r-${b.id}`}>
                  {t('plist.method.recipientBatch')}: {b.label}
                  {b.vintage ? ` · ${b.vintage}` : ''} · #{b.id}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.method.ageDate')}</dt>
          <dd>{date(method.ageDate)}</dd>
        </div>
      </dl>
    </Card>
  );
}
