import { useMemo } from 'react';
import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { Card } from '../../components/Card.tsx';
import { Chart } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { desilLabelKey } from '../home/sourceLabels.ts';
import { desilCompareOption, desilShares } from './profileOptions.ts';

/** Families per desil as shares, the region beside its parent, with the same figures as a table for screen readers. */
export function DesilCompareCard({ profile }: { readonly profile: RegionProfile }) {
  const i18n = useI18n();
  const { t, num, pct } = i18n;
  const { region, parent } = profile;
  const rows = useMemo(() => desilShares(profile.desil), [profile.desil]);
  const option = useMemo(() => desilCompareOption(i18n, rows, region.name, parent?.name ?? null), [i18n, rows, region.name, parent]);
  const withDesil = rows.reduce((n, d) => n + d.families, 0);
  const subtitle = parent ? t('profile.desilSubtitle', { region: region.name, parent: parent.name }) : t('profile.desilSubtitleNoParent', { region: region.name });
  return (
    <Card level={3} title={t('profile.desilTitle')} subtitle={subtitle} className="profile-desil">
      {withDesil === 0 ? (
        <p className="muted">{t('desil.empty')}</p>
      ) : (
        <Chart option={option} height={320} ariaLabel={t('profile.desilChartLabel', { region: region.name })}>
          <table>
            <caption>{t('profile.desilTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desil.colDesil')}</th>
                <th scope="col">{t('desil.colLabel')}</th>
                <th scope="col">{region.name}</th>
                {parent ? <th scope="col">{parent.name}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const key = desilLabelKey(d.desil);
                return (
                  <tr key={d.desil} data-desil={d.desil}>
                    <th scope="row">{num(d.desil)}</th>
                    <td>{key ? t(key) : '—'}</td>
                    <td>
                      {d.share === null ? '—' : pct(d.share)} ({num(d.families)} {t('unit.families')})
                    </td>
                    {parent ? (
                      <td>
                        {d.parentShare === null ? '—' : pct(d.parentShare)} ({num(d.parentFamilies)} {t('unit.families')})
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Chart>
      )}
      <p className="footnote">{t('profile.desilFootnote', { n: num(withDesil) })}</p>
    </Card>
  );
}
