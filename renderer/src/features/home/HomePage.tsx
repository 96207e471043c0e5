import { useMemo } from 'react';
import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { DemoProgress } from '../first-run/DemoProgress.tsx';
import { useDemoJob } from '../first-run/useDemoJob.ts';
import { regionKindKey } from '../region-picker/regionKind.ts';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { RegionList } from '../region-picker/RegionList.tsx';
import { RegionSearch } from '../region-picker/RegionSearch.tsx';
import { useRegionNavigation } from '../region-picker/useRegionNavigation.ts';
import { BatchTable } from './BatchTable.tsx';
import { DesilCard } from './DesilCard.tsx';
import { SourceCards } from './SourceCards.tsx';
import { bySourceOrder } from './sourceLabels.ts';
import { useHomeSummary } from './useHomeSummary.ts';

export interface HomePageProps {
  readonly info: WarehouseInfo;
  readonly province: Region;
  /** The region chosen in the picker (from the address), null for the whole province. */
  readonly regionCode: string | null;
  readonly onRegionChange: (code: string | null) => void;
}

/** Beranda: the working province, its reference counts, and the figures of the chosen region. */
export function HomePage({ info, province, regionCode, onRegionChange }: HomePageProps) {
  const { t, num } = useI18n();
  const { selected, current, crumbs, listParent } = useRegionNavigation(province, regionCode, onRegionChange);
  const summary = useHomeSummary(selected);
  const demo = useDemoJob();

  const fresh = summary.data?.regionCode === selected;
  const hasData = info.batches.length > 0;
  const hasDemo = info.batches.some((b) => b.origin === 'demo');
  const regionName = current?.name ?? '';

  const bySource = summary.data?.bySource;
  const ordered = useMemo(() => (bySource ? bySourceOrder(bySource) : null), [bySource]);

  const choose = (code: string) => onRegionChange(code === province.code ? null : code);

  return (
    <div className="page page-home">
      <header className="page-head">
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1 tabIndex={-1} className="page-title">
          {province.name}
        </h1>
        <p className="page-meta" data-testid="reference-counts">
          <span>{t('home.refRegencies', { n: num(info.regencies) })}</span>
          <span>{t('home.refDistricts', { n: num(info.districts) })}</span>
          <span>{t('home.refVillages', { n: num(info.villages) })}</span>
          {info.regionSource ? <span className="muted">{t('home.refDecree', { decree: info.regionSource.decree })}</span> : null}
        </p>
      </header>

      {hasDemo ? (
        <p className="demo-note" role="note">
          <strong>{t('demo.noteTitle')}</strong> {t('demo.note')}
        </p>
      ) : null}

      <div className="home-grid">
        <div className="home-side">
          <RegionSearch within={province.code} onSelect={choose} />
          <RegionList parent={listParent} selected={selected} onSelect={choose} />
        </div>

        <section
          className={`home-figures${fresh ? '' : ' is-stale'}`}
          aria-labelledby="figures-title"
          aria-busy={!fresh}
          data-region={summary.data?.regionCode ?? ''}
        >
          <div className="figures-head">
            <div className="figures-title-row">
              <h2 id="figures-title" className="figures-title">
                {t('home.figuresFor', { region: regionName })}
              </h2>
              {current ? <span className={`kind-badge kind-${regionKindKey(current).split('.').pop() ?? ''}`}>{t(regionKindKey(current))}</span> : null}
              <span className="figures-code">{selected}</span>
            </div>
            {crumbs.length > 1 ? <RegionBreadcrumb path={crumbs} onSelect={choose} /> : null}
          </div>

          {summary.error ? <ErrorBanner error={summary.error} context={t('home.summaryFailed')} onRetry={summary.reload} /> : null}

          {!hasData ? (
            demo.status === 'running' || demo.status === 'done' ? (
              <div className="card">
                <h2 className="card-title">{t('demo.runningTitle')}</h2>
                <DemoProgress progress={demo.progress} />
              </div>
            ) : (
              <div className="card">
                <EmptyState
                  title={t('home.empty.title')}
                  actions={
                    <button type="button" className="btn btn-primary" onClick={demo.start}>
                      {t('home.empty.demoButton')}
                    </button>
                  }
                >
                  <p>{t('home.empty.text', { province: province.name })}</p>
                  <p className="synthetic-inline">{t('demo.syntheticTag')}</p>
                  {demo.error ? <ErrorBanner error={demo.error} context={t('demo.failed')} onRetry={demo.start} /> : null}
                </EmptyState>
              </div>
            )
          ) : summary.data && ordered ? (
            <>
              <SourceCards bySource={ordered} />
              <DesilCard summary={summary.data} regionName={regionName} />
            </>
          ) : (
            <Loading text={t('common.loading')} />
          )}
        </section>

        {hasData && ordered ? (
          <div className={`home-wide${fresh ? '' : ' is-stale'}`}>
            <BatchTable bySource={ordered} regionName={regionName} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
