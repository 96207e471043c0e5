import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { Card } from '../../components/Card.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { CompareMarker } from './CompareMarker.tsx';

/** Below this many families a share moves by whole points with one family: say so. */
const SMALL_BASE = 30;

/**
 * The key shares (no own latrine, unsafe water, earth floor, stunting risk, no program, desil 1 …)
 * of the region beside its parent's, each with the counts behind it.
 */
export function FiguresTable({ profile }: { readonly profile: RegionProfile }) {
  const { t, num, pct } = useI18n();
  const { region, parent, figures } = profile;
  // One scale for every marker, so the bars compare across rows too.
  const scale = figures.reduce((m, f) => Math.max(m, f.share ?? 0, f.parentShare ?? 0), 0);
  return (
    <Card level={3} title={t('profile.figuresTitle')} subtitle={t('profile.figuresSubtitle')} className="profile-figures">
      {profile.families > 0 && profile.families < SMALL_BASE ? (
        <p className="notice notice-warning" role="note">
          {t('profile.smallBase', { n: num(profile.families) })}
        </p>
      ) : null}
      {figures.length === 0 ? (
        <p className="muted">{t('profile.figuresEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table profile-table">
            <thead>
              <tr>
                <th scope="col">{t('profile.colFigure')}</th>
                <th scope="col" className="num">
                  {region.name}
                </th>
                {parent ? (
                  <>
                    <th scope="col" className="num">
                      {parent.name}
                    </th>
                    <th scope="col">{t('profile.colCompare')}</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.key} data-figure={f.key}>
                  <th scope="row">{f.label}</th>
                  <td className="num">
                    <strong className="share" data-field="share">
                      {f.share === null ? '—' : pct(f.share)}
                    </strong>
                    <span className="share-counts" data-field="counts">
                      {t('profile.countOfBase', { count: num(f.count), base: num(f.base) })}
                    </span>
                  </td>
                  {parent ? (
                    <>
                      <td className="num">
                        <span className="share" data-field="parent-share">
                          {f.parentShare === null ? '—' : pct(f.parentShare)}
                        </span>
                        <span className="share-counts" data-field="parent-counts">
                          {t('profile.countOfBase', { count: num(f.parentCount), base: num(f.parentBase) })}
                        </span>
                      </td>
                      <td>
                        <CompareMarker share={f.share} parentShare={f.parentShare} scale={scale} />
                      </td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="footnote">{parent ? t('profile.figuresFootnote', { parent: parent.name }) : t('profile.figuresFootnoteNoParent')}</p>
    </Card>
  );
}
