import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { datasetsLine } from '../analysis/chartOptions.ts';
import { regionKindKey } from '../region-picker/regionKind.ts';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { RegionList } from '../region-picker/RegionList.tsx';
import { RegionSearch } from '../region-picker/RegionSearch.tsx';
import { useRegionNavigation } from '../region-picker/useRegionNavigation.ts';
import { ChildrenTable } from './ChildrenTable.tsx';
import { DesilCompareCard } from './DesilCompareCard.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { ProfileKpis } from './ProfileKpis.tsx';
import { useRegionProfile } from './useRegionProfile.ts';

export interface ProfilePageProps {
  readonly province: Region;
  /** The region in the address (`#/profil/53.07`), null for the working province. */
  readonly regionCode: string | null;
  readonly onRegionChange: (code: string | null) => void;
}

/**
 * Profil Wilayah: a kabupaten/kota, kecamatan or desa/kelurahan of the working province — its
 * families and people, families per desil, the key shares beside its parent's, its children with
 * the same shares, and the sectoral indicators of the region and its parent.
 */
export function ProfilePage({ province, regionCode, onRegionChange }: ProfilePageProps) {
  const { t } = useI18n();
  const { selected, current, crumbs, listParent } = useRegionNavigation(province, regionCode, onRegionChange);
  const profile = useRegionProfile(selected);

  const data = profile.data;
  const fresh = data?.region.code === selected && !profile.loading;
  const regionName = current?.name ?? data?.region.name ?? '';

  const choose = (code: string) => onRegionChange(code === province.code ? null : code);

  return (
    <div className="page page-profile">
      <header className="page-head">
        <p className="eyebrow">{t('profile.eyebrow', { province: province.name })}</p>
        <h1 tabIndex={-1} className="page-title">
          {t('profile.title')}
        </h1>
        <p className="page-meta">{t('profile.lead')}</p>
      </header>

      <div className="home-grid">
        <div className="home-side">
          <RegionSearch within={province.code} onSelect={choose} />
          <RegionList parent={listParent} selected={selected} onSelect={choose} />
        </div>

        <section
          className={`profile-main${fresh ? '' : ' is-stale'}`}
          aria-labelledby="profile-region-title"
          aria-busy={!fresh}
          data-region={data?.region.code ?? ''}
        >
          <div className="figures-head">
            <div className="figures-title-row">
              <h2 id="profile-region-title" className="figures-title">
                {regionName}
              </h2>
              {current ? <span className={`kind-badge kind-${regionKindKey(current).split('.').pop() ?? ''}`}>{t(regionKindKey(current))}</span> : null}
              <span className="figures-code">{selected}</span>
            </div>
            {crumbs.length > 1 ? <RegionBreadcrumb path={crumbs} onSelect={choose} /> : null}
          </div>

          {profile.error ? <ErrorBanner error={profile.error} context={t('profile.loadFailed')} onRetry={profile.reload} /> : null}

          {data ? <ProfileBody profile={data} onSelect={choose} /> : profile.error ? null : <Loading text={t('common.loading')} />}
        </section>
      </div>
    </div>
  );
}

function ProfileBody({ profile, onSelect }: { readonly profile: RegionProfile; readonly onSelect: (code: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const demo = profile.datasets.some((d) => d.familyBatch.origin === 'demo');
  const hasFamilies = profile.datasets.length > 0;
  return (
    <>
      {demo ? (
        <p className="demo-note" role="note">
          <strong>{t('demo.noteTitle')}</strong> {t('demo.note')}
        </p>
      ) : null}
      <p className="profile-sources" data-testid="profile-sources">
        {datasetsLine(i18n, profile.datasets)}
      </p>
      {hasFamilies ? (
        <>
          <ProfileKpis profile={profile} />
          <FiguresTable profile={profile} />
          <DesilCompareCard profile={profile} />
          {profile.region.level < 4 ? <ChildrenTable profile={profile} onSelect={onSelect} /> : null}
        </>
      ) : (
        <div className="card">
          <EmptyState title={t('profile.emptyTitle')}>
            <p>{t('profile.emptyText')}</p>
          </EmptyState>
        </div>
      )}
      <IndicatorTable profile={profile} />
    </>
  );
}
