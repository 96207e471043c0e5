import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { useI18n } from '../../i18n/useT.ts';

/** Families and people in the region, each with the parent's figure and the region's share of it. */
export function ProfileKpis({ profile }: { readonly profile: RegionProfile }) {
  const { t, num, pct } = useI18n();
  const { parent } = profile;
  const items = [
    { key: 'families', label: t('unit.familiesCap'), value: profile.families, parentValue: profile.parentFamilies },
    { key: 'persons', label: t('unit.personsCap'), value: profile.persons, parentValue: profile.parentPersons },
  ] as const;
  return (
    <ul className="kpi-grid profile-kpis" aria-label={t('profile.kpisLabel')}>
      {items.map((k) => (
        <li key={k.key} className="kpi" data-kpi={k.key}>
          <h3 className="kpi-source">{k.label}</h3>
          <p className="kpi-value">
            <span className="kpi-number" data-field="value">
              {num(k.value)}
            </span>
          </p>
          {parent ? (
            <p className="kpi-unit">
              {t('profile.kpiParent', { parent: parent.name })}{' '}
              <strong className="kpi-persons" data-field="parent">
                {num(k.parentValue)}
              </strong>
              {k.parentValue > 0 ? <span className="muted"> · {t('profile.kpiShareOfParent', { share: pct(k.value / k.parentValue) })}</span> : null}
            </p>
          ) : (
            <p className="kpi-unit muted">{t('profile.kpiNoParent')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
