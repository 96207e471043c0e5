import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnalysisCatalog } from '../../../../shared/contracts/analysis.ts';
import type { BoundaryLevel, IndicatorOption } from '../../../../shared/contracts/maps.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { reconcile } from '../analysis/analysisModel.ts';
import { useAnalysisCatalog } from '../analysis/useAnalysis.ts';
import { LayersPanel } from './LayersPanel.tsx';
import { DEFAULT_CLASSING, defaultMapDraft, type ClassingChoice, type MapDraft } from './mapModel.ts';
import { MapWorkspace } from './MapWorkspace.tsx';
import { useBoundaryLayers, useIndicators } from './useMaps.ts';

export interface MapPageProps {
  readonly province: Region;
  /** The region whose children the map shows (`#/peta/53.07`), null for the working province. */
  readonly regionCode: string | null;
  /** The level drawn (`#/peta/53.07/desa`), null for the next level with a layer. */
  readonly level: BoundaryLevel | null;
  readonly onNavigate: (region: string | null, level: BoundaryLevel | null) => void;
}

type TabId = 'peta' | 'lapisan';

/** The first measure: desil-1 families without an own latrine when there are families, else the first indicator. */
function initialDraft(catalog: AnalysisCatalog, indicators: readonly IndicatorOption[], nextId: () => number): MapDraft {
  const draft = defaultMapDraft(catalog, nextId);
  const first = indicators[0];
  if (catalog.sources.length === 0 && first) return { ...draft, measure: { kind: 'indicator', indicator: first.indicator, period: first.periods[0]?.period ?? '' } };
  return draft;
}

/**
 * Peta: choropleth maps of any cross-tab figure or sectoral indicator by kabupaten, kecamatan or
 * desa, drilled down by clicking, saved as a PNG that carries its legend and sources; and the
 * boundary layers they are drawn from (import, matching to the reference, deletion).
 */
export function MapPage({ province, regionCode, level, onNavigate }: MapPageProps) {
  const { t, num } = useI18n();
  const layers = useBoundaryLayers();
  const catalog = useAnalysisCatalog();
  const indicators = useIndicators();
  const idCounter = useRef(0);
  const nextId = useCallback(() => ++idCounter.current, []);

  const [tab, setTab] = useState<TabId | null>(null);
  const [draft, setDraft] = useState<MapDraft | null>(null);
  const [classing, setClassing] = useState<ClassingChoice>(DEFAULT_CLASSING);

  // Without any layer the planner starts with the layers tab; decided once, when the layers first
  // arrive (an import then keeps the planner where they are).
  const layerCount = layers.data?.length ?? null;
  useEffect(() => {
    if (tab === null && layerCount !== null) setTab(layerCount === 0 ? 'lapisan' : 'peta');
  }, [tab, layerCount]);
  const shownTab: TabId = tab ?? (layerCount === 0 ? 'lapisan' : 'peta');

  useEffect(() => {
    if (!catalog.data || !indicators.data) return;
    const c = catalog.data;
    const ind = indicators.data;
    setDraft((d) => (d === null ? initialDraft(c, ind, nextId) : { ...d, base: reconcile(d.base, c) }));
  }, [catalog.data, indicators.data, nextId]);

  const showMap = useCallback(
    (l: BoundaryLevel) => {
      setTab('peta');
      onNavigate(null, l);
    },
    [onNavigate],
  );

  let mapTab;
  const loadError = catalog.error ?? indicators.error ?? layers.error;
  if (loadError && (!catalog.data || !indicators.data || !layers.data)) {
    mapTab = <ErrorBanner error={loadError} context={t('maps.loadFailed')} onRetry={() => (catalog.error ? catalog.reload() : indicators.error ? indicators.reload() : layers.reload())} />;
  } else if (!catalog.data || !indicators.data || !layers.data || !draft) {
    mapTab = <Loading text={t('common.loading')} />;
  } else if (catalog.data.sources.length === 0 && indicators.data.length === 0) {
    mapTab = (
      <div className="card">
        <EmptyState
          title={t('maps.empty.title')}
          actions={
            <a className="btn btn-primary" href="#/impor">
              {t('maps.empty.import')}
            </a>
          }
        >
          <p>{t('maps.empty.text')}</p>
        </EmptyState>
      </div>
    );
  } else {
    mapTab = (
      <MapWorkspace
        province={province}
        regionCode={regionCode}
        level={level}
        onNavigate={onNavigate}
        layers={layers.data}
        catalog={catalog.data}
        indicators={indicators.data}
        draft={draft}
        onDraft={setDraft}
        classing={classing}
        onClassing={setClassing}
        nextId={nextId}
        onOpenLayers={() => setTab('lapisan')}
      />
    );
  }

  return (
    <div className="page page-maps">
      <header className="page-head">
        <p className="eyebrow">{t('maps.eyebrow', { province: province.name })}</p>
        <h1 tabIndex={-1} className="page-title">
          {t('maps.title')}
        </h1>
        <p className="page-meta">{t('maps.lead')}</p>
      </header>
      <Tabs
        ariaLabel={t('maps.tabs')}
        selected={shownTab}
        onSelect={(id) => setTab(id === 'lapisan' ? 'lapisan' : 'peta')}
        className="map-tabs"
        tabs={[
          { id: 'peta', label: t('maps.tab.map'), content: mapTab },
          {
            id: 'lapisan',
            label: layerCount === null ? t('maps.tab.layers') : t('maps.tab.layersN', { n: num(layerCount) }),
            content: <LayersPanel province={province} layers={layers} onShowMap={showMap} />,
          },
        ]}
      />
    </div>
  );
}
