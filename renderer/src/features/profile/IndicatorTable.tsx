import { useMemo } from 'react';
import type { IndicatorEntry, RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { Card } from '../../components/Card.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { indicatorRows, valueDigits } from './indicatorRows.ts';

/** Sectoral indicators of the region and its parent: indicator, period, value and unit, source, batch. */
export function IndicatorTable({ profile }: { readonly profile: RegionProfile }) {
  const { t, num } = useI18n();
  const { region, parent } = profile;
  const rows = useMemo(() => indicatorRows(profile.indicators, profile.parentIndicators), [profile.indicators, profile.parentIndicators]);
  const conflicts = rows.filter((r) => r.conflict).length;
  // A column only for a region that has indicators (kecamatan and desa often have none of their own).
  const showRegion = profile.indicators.length > 0;
  const showParent = parent !== null && profile.parentIndicators.length > 0;
  let subtitle = t('profile.indicatorsSubtitleNoParent', { region: region.name });
  if (parent && showRegion && showParent) subtitle = t('profile.indicatorsSubtitle', { region: region.name, parent: parent.name });
  else if (parent && showParent) subtitle = t('profile.indicatorsOnlyParent', { region: region.name, parent: parent.name });

  function value(e: IndicatorEntry | null) {
    if (!e) return <span className="muted">—</span>;
    const shown = e.value === null ? '—' : num(e.value, valueDigits(e.value));
    const unit = e.unit ? (e.unit === '%' ? '%' : ` ${e.unit}`) : '';
    return (
      <>
        <span className="indicator-value" data-field="value">
          {shown}
          {e.value === null ? '' : unit}
        </span>
        {e.conflict ? (
          <span className="badge badge-conflict" title={t('profile.conflictTitle')}>
            {t('profile.conflict')}
          </span>
        ) : null}
      </>
    );
  }

  return (
    <Card
      level={3}
      title={t('profile.indicatorsTitle')}
      subtitle={subtitle}
      className="profile-indicators"
    >
      {rows.length === 0 ? (
        <p className="muted">{t('profile.indicatorsEmpty')}</p>
      ) : (
        <>
          {conflicts > 0 ? (
            <p className="notice notice-warning profile-conflict-note" role="note">
              {t('profile.conflictNote', { n: num(conflicts) })}
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="table profile-table indicator-table">
              <thead>
                <tr>
                  <th scope="col">{t('profile.colIndicator')}</th>
                  <th scope="col">{t('profile.colPeriod')}</th>
                  {showRegion ? (
                    <th scope="col" className="num">
                      {region.name}
                    </th>
                  ) : null}
                  {parent && showParent ? (
                    <th scope="col" className="num">
                      {parent.name}
                    </th>
                  ) : null}
                  <th scope="col">{t('profile.colSource')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className={r.conflict ? 'is-conflict' : undefined} data-indicator={r.indicator} data-period={r.period} data-conflict={r.conflict || undefined}>
                    <th scope="row">{r.indicator}</th>
                    <td className="nowrap">{r.period}</td>
                    {showRegion ? (
                      <td className="num" data-scope="region">
                        {value(r.region)}
                      </td>
                    ) : null}
                    {showParent ? (
                      <td className="num" data-scope="parent">
                        {value(r.parent)}
                      </td>
                    ) : null}
                    <td className="indicator-source">
                      <span data-field="source">{r.source ?? '—'}</span>
                      <span className="indicator-batch" data-field="batch">
                        {t('profile.batchOf', { label: r.batch.label, id: r.batch.id })}
                        {r.batch.vintage ? ` · ${r.batch.vintage}` : ''}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
