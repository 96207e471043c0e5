import type { SourceCount } from '../../../../shared/contracts/home.ts';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME, UNIT_MAIN, hasPersons } from './sourceLabels.ts';

/** One card per batch: families (households for DTKS) and, for person-level files, people, inside the chosen region. */
export function SourceCards({ bySource }: { readonly bySource: readonly SourceCount[] }) {
  const { t, num } = useI18n();
  return (
    <ul className="kpi-grid" aria-label={t('home.cardsLabel')}>
      {bySource.map(({ batch, families, persons }) => (
        <li key={batch.id} className={`kpi kpi-${batch.source}`} data-batch={batch.id} data-source={batch.source}>
          <h3 className="kpi-source">{t(SOURCE_NAME[batch.source])}</h3>
          <p className="kpi-value">
            <span className="kpi-number" data-field="families">
              {num(families)}
            </span>
          </p>
          <p className="kpi-unit">
            {t(UNIT_MAIN[batch.source])}
            {hasPersons(batch.source) ? (
              <>
                {' · '}
                <span className="kpi-persons" data-field="persons">
                  {num(persons)}
                </span>{' '}
                {t('unit.persons')}
              </>
            ) : null}
          </p>
          <p className="kpi-batch">
            <span className="kpi-batch-label" title={`${batch.label}${batch.vintage ? ` · ${batch.vintage}` : ''}`}>
              {batch.label}
              {batch.vintage ? ` · ${batch.vintage}` : ''}
            </span>
            {batch.origin === 'demo' ? (
              <span className="badge badge-demo" title={t('demo.syntheticTag')}>
                {t('origin.demo')}
              </span>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
