import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import type { AnalysisCatalog, DrillRow } from '../../../../shared/contracts/analysis.ts';
import type { BoundaryLayer, BoundaryLevel, IndicatorOption, MapGeometry } from '../../../../shared/contracts/maps.ts';
import { levelOfCode, parentOfCode, type Region } from '../../../../shared/model/region.ts';
import { hatchFill, MapChart, type MapChartHandle, type MapChartTiming } from '../../components/MapChart.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';
import { pngFileName } from '../analysis/chartOptions.ts';
import { DrillPanel } from '../analysis/DrillPanel.tsx';
import { FamilyPanel } from '../analysis/FamilyPanel.tsx';
import type { DrillTarget } from '../analysis/analysisModel.ts';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { useRegionPath } from '../region-picker/useRegionPath.ts';
import { ClassingPanel } from './ClassingPanel.tsx';
import { composeMapImage, savePng } from './exportPng.ts';
import {
  classingNote, crosstabSourcesNote, filtersNote, indicatorSourcesNote, legendEntries, mapTitle, measureName, regionCount, shareNote, valueFormat,
} from './legend.ts';
import { MapLegend } from './MapLegend.tsx';
import {
  buildMapModel, drillTargetOf, effectiveUnit, nextLevel, parentValue, type ClassingChoice, type MapDraft, type MapModel, type RegionValue,
} from './mapModel.ts';
import { hoverOutline, mapAspect, mapBaseOption, mapData, mapHeight, mapTooltip } from './mapOption.ts';
import { MeasurePanel } from './MeasurePanel.tsx';
import { NO_DATA_FILL, NO_DATA_HATCH } from './palette.ts';
import { RegionDetail } from './RegionDetail.tsx';
import { RegionTable } from './RegionTable.tsx';
import { useGeometryRevision, useMapGeometry, useMapValues } from './useMaps.ts';

/** Print resolution of a saved map: three image pixels per screen pixel. */
export const PNG_PIXEL_RATIO = 3;
/** The box before the first map is drawn. */
const MAP_HEIGHT = 560;

export interface MapWorkspaceProps {
  readonly province: Region;
  /** The region whose children the map shows (from the address), null for the working province. */
  readonly regionCode: string | null;
  /** The level drawn (from the address), null for the next level with a layer. */
  readonly level: BoundaryLevel | null;
  readonly onNavigate: (region: string | null, level: BoundaryLevel | null) => void;
  readonly layers: readonly BoundaryLayer[];
  readonly catalog: AnalysisCatalog;
  readonly indicators: readonly IndicatorOption[];
  readonly draft: MapDraft;
  readonly onDraft: (next: MapDraft) => void;
  readonly classing: ClassingChoice;
  readonly onClassing: (next: ClassingChoice) => void;
  readonly nextId: () => number;
  readonly onOpenLayers: () => void;
}

/** What the map shows: kept until the next region's or measure's figures have all arrived. */
interface Snapshot {
  readonly model: MapModel;
  readonly mapName: string;
  readonly geometry: MapGeometry;
  readonly level: BoundaryLevel;
}

function inProvince(code: string | null, province: string): code is string {
  return code !== null && (code === province || code.startsWith(`${province}.`)) && levelOfCode(code) !== null;
}

/** Put the focus on a panel's heading once it has rendered, and bring it into view. */
function focusHeading(el: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const heading = el?.querySelector<HTMLElement>('h2');
    if (!heading) return;
    el?.scrollIntoView({ block: 'start' });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  });
}

/**
 * The map itself: the measure and classes on the left; the region's path, the level, the map with
 * its legend and the table of figures on the right; a click goes one level down (or, at the lowest
 * level, opens the region), and the families behind any figure open in the drill-down grid.
 */
export function MapWorkspace(props: MapWorkspaceProps) {
  const { province, regionCode, level, onNavigate, layers, catalog, indicators, draft, onDraft, classing, onClassing, nextId, onOpenLayers } = props;
  const i18n = useI18n();
  const { t, num, lang, date } = i18n;
  const ids = { title: useId(), level: useId() };

  // The scope: the address's region (a desa's own kecamatan, with the desa chosen).
  const addressed = inProvince(regionCode, province.code) ? regionCode : null;
  const parent = addressed && levelOfCode(addressed) === 4 ? (parentOfCode(addressed) ?? province.code) : (addressed ?? province.code);
  const parentLevel = levelOfCode(parent) ?? 1;
  const layerLevels = useMemo(() => layers.map((l) => l.level), [layers]);
  const shownLevel: BoundaryLevel | null = level !== null && level > parentLevel && layerLevels.includes(level) ? level : nextLevel(parentLevel, layerLevels);
  const layer = layers.find((l) => l.level === shownLevel) ?? null;
  const parentArg = parent === province.code ? null : parent;

  const path = useRegionPath(parent);
  const crumbs = path.data && path.data.at(-1)?.code === parent ? path.data : parent === province.code ? [province] : [];
  const parentName = crumbs.at(-1)?.name ?? (parent === province.code ? province.name : parent);

  // An unknown code in the address: back to the whole province.
  useEffect(() => {
    if (addressed !== null && !path.loading && path.data?.length === 0) onNavigate(null, null);
  }, [addressed, path.loading, path.data, onNavigate]);

  const rev = useGeometryRevision();
  const geo = useMapGeometry(layer, shownLevel ?? 2, parentArg, rev);
  const values = useMapValues(draft, shownLevel ?? 2, parentArg, catalog.attributes);

  const [selected, setSelected] = useState<string | null>(addressed && levelOfCode(addressed) === 4 ? addressed : null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [family, setFamily] = useState<DrillRow | null>(null);
  const [saving, setSaving] = useState<'idle' | 'busy' | 'failed'>('idle');
  const drillRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapChartHandle>(null);
  const cellRef = useRef<HTMLDivElement>(null);
  const mapWidth = useElementWidth(cellRef);

  // Another region or level: nothing chosen, no families open (a desa in the address stays chosen).
  const viewKey = `${parent}|${shownLevel ?? ''}`;
  const lastView = useRef(viewKey);
  useEffect(() => {
    if (lastView.current === viewKey) return;
    lastView.current = viewKey;
    setSelected(addressed && levelOfCode(addressed) === 4 ? addressed : null);
    setDrill(null);
  }, [viewKey, addressed]);

  const m = draft.measure;
  const unit = effectiveUnit(m, catalog.attributes);
  const unitWord = m.kind === 'indicator' ? null : t(unit === 'families' ? 'unit.families' : 'unit.persons');
  const indicatorUnit = values.data?.indicator?.unit ?? indicators.find((x) => m.kind === 'indicator' && x.indicator === m.indicator)?.unit ?? null;
  const measureText = measureName(i18n, m, unit, indicatorUnit);

  // The figures drawn are those of the current region and measure: until both have arrived, the
  // previous map stays (dimmed) rather than flashing empty.
  const ready = geo.data !== undefined && geo.data !== null && values.data !== null && values.fresh && !geo.loading && shownLevel !== null;
  const model = useMemo(() => {
    if (!ready || !geo.data || !values.data) return null;
    return buildMapModel(geo.data.geometry, values.data.values, classing);
  }, [ready, geo.data, values.data, classing]);
  const shown = useRef<Snapshot | null>(null);
  if (model && geo.data && shownLevel !== null && shown.current?.model !== model) {
    shown.current = { model, mapName: geo.data.mapName, geometry: geo.data.geometry, level: shownLevel };
  }
  const current = shown.current;
  const stale = !ready || current?.mapName !== geo.data?.mapName;

  const format = useMemo(() => valueFormat(m, current?.model.classification.breaks ?? [], indicatorUnit), [m, current, indicatorUnit]);
  const entries = useMemo(() => (current ? legendEntries(i18n, current.model, format) : []), [i18n, current, format]);

  const currentMap = current?.mapName ?? null;
  const currentGeometry = current?.geometry ?? null;
  const currentLevel = current?.level ?? null;
  const base = useMemo(() => {
    if (!currentMap || !currentGeometry || currentLevel === null) return null;
    const names = new Map(currentGeometry.features.map((f) => [f.properties.kode, f.properties.nama]));
    return mapBaseOption({ mapName: currentMap, level: currentLevel, bbox: currentGeometry.bbox, names });
  }, [currentMap, currentGeometry, currentLevel]);
  const currentModel = current?.model ?? null;
  const data = useMemo(() => (currentModel ? mapData(currentModel, hatchFill(NO_DATA_FILL, NO_DATA_HATCH)) : null), [currentModel]);
  const tooltip = useMemo(
    () => (currentModel ? mapTooltip(i18n, currentModel, { format, unit: unitWord, measure: measureText }) : null),
    [i18n, currentModel, format, unitWord, measureText],
  );

  // Timings from the planner's action to the painted map (the adapter times its own part).
  const [timing, setTiming] = useState<{ draw: number | null; recolour: number | null; drawTotal: number | null; recolourTotal: number | null }>({
    draw: null,
    recolour: null,
    drawTotal: null,
    recolourTotal: null,
  });
  const viewStarted = useRef({ key: '', at: performance.now() });
  if (viewStarted.current.key !== viewKey) viewStarted.current = { key: viewKey, at: performance.now() };
  const measureKey = JSON.stringify([draft, classing]);
  const measureStarted = useRef({ key: measureKey, at: performance.now() });
  if (measureStarted.current.key !== measureKey) measureStarted.current = { key: measureKey, at: performance.now() };
  const onTiming = useCallback((tm: MapChartTiming) => {
    const now = performance.now();
    setTiming((x) =>
      tm.kind === 'draw'
        ? { ...x, draw: tm.ms, drawTotal: now - viewStarted.current.at }
        : { ...x, recolour: tm.ms, recolourTotal: now - measureStarted.current.at },
    );
  }, []);

  const title = shownLevel ? mapTitle(i18n, measureText, shownLevel, parentName) : '';
  const result = values.data?.result ?? null;
  const notes = useMemo(() => {
    const out: string[] = [];
    const share = shareNote(i18n, m);
    if (share) out.push(share);
    if (values.data?.result) out.push(crosstabSourcesNote(i18n, values.data.result.definition.datasets));
    if (values.data?.indicator) out.push(indicatorSourcesNote(i18n, values.data.indicator));
    if (layer) out.push(t('maps.note.layer', { file: layer.fileName, projection: layer.projection, date: date(layer.importedAt) }));
    return out;
  }, [i18n, m, values.data, layer, t, date]);
  const lines = useMemo(() => {
    const out: string[] = [];
    const f = result ? filtersNote(i18n, result.definition.spec.filters) : null;
    if (f) out.push(f);
    if (current) out.push(classingNote(i18n, current.model.classification, classing.method === 'manual' ? current.model.classification.classes.length : classing.classes));
    return out;
  }, [i18n, result, current, classing]);

  const drillable = shownLevel !== null && shownLevel < 4 ? nextLevel(shownLevel, layerLevels) : null;
  const openMap = useCallback((code: string) => onNavigate(code, null), [onNavigate]);
  const onRegionClick = useCallback(
    (code: string) => {
      if (drillable !== null) openMap(code);
      else setSelected(code);
    },
    [drillable, openMap],
  );

  const selectedRegion: RegionValue | null = selected ? (current?.model.regions.find((r) => r.code === selected) ?? null) : null;
  const whole = result ? parentValue(result, m, unit, parent, parentName) : null;
  const detail = selectedRegion ?? whole;
  const openFamilies = (v: RegionValue, row: string | null) => {
    const spec = values.data?.spec;
    if (!spec) return;
    const target = drillTargetOf(spec, m, v, row, `${v.name} · ${measureText}`);
    if (!target) return;
    setDrill(target);
    focusHeading(drillRef.current);
  };

  async function download() {
    const handle = mapRef.current;
    const canvas = handle?.renderCanvas(PNG_PIXEL_RATIO) ?? null;
    if (!canvas || !current) {
      setSaving('failed');
      return;
    }
    setSaving('busy');
    try {
      const noPolygon = current.model.noPolygon;
      const image = composeMapImage(
        canvas,
        {
          title,
          lines,
          legendTitle: t('maps.legend.title'),
          measure: measureText,
          entries: entries.map((e) => ({ ...e, countText: regionCount(i18n, e.count) })),
          notes: [
            ...notes,
            ...(noPolygon.length > 0 ? [t('maps.note.noPolygon', { list: noPolygon.map((r) => r.name).join(', ') })] : []),
            ...(values.data?.result?.definition.datasets.some((d) => d.familyBatch.origin === 'demo') ? [t('demo.note')] : []),
          ],
          footer: t('maps.png.footer', { date: date(new Date().toISOString(), true) }),
        },
        PNG_PIXEL_RATIO,
      );
      await savePng(image, pngFileName(title));
      setSaving('idle');
    } catch {
      setSaving('failed');
    }
  }

  const demo = result?.definition.datasets.some((d) => d.familyBatch.origin === 'demo') ?? false;
  const levelChoices = layerLevels.filter((l) => l > parentLevel).sort((a, b) => a - b);
  const error = geo.error ?? values.error;

  return (
    <div className="map-layout">
      <aside className="card an-side map-side" aria-labelledby={`${ids.title}-measure`}>
        <h2 id={`${ids.title}-measure`} className="card-title">
          {t('maps.measure.title')}
        </h2>
        <MeasurePanel catalog={catalog} indicators={indicators} draft={draft} onChange={onDraft} nextId={nextId} level={shownLevel ?? 2} />
        <h2 className="card-title map-side-title">{t('maps.class.title')}</h2>
        <ClassingPanel value={classing} onChange={onClassing} percent={m.kind === 'category' && m.as === 'share'} />
      </aside>

      <div className="an-main">
        {demo ? (
          <p className="demo-note" role="note">
            <strong>{t('demo.noteTitle')}</strong> {t('demo.note')}
          </p>
        ) : null}

        <section className="card map-region-bar" aria-label={t('maps.region.label')} data-region={parent} data-level={shownLevel ?? ''}>
          {crumbs.length > 0 ? <RegionBreadcrumb path={crumbs} onSelect={(c) => onNavigate(c === province.code ? null : c, null)} /> : null}
          {levelChoices.length > 0 ? (
            <fieldset className="map-levels">
              <legend className="field-label">{t('maps.region.level')}</legend>
              {levelChoices.map((l) => (
                <label key={l} className="map-choice">
                  <input type="radio" name={ids.level} checked={shownLevel === l} onChange={() => onNavigate(parentArg, l)} />
                  <span>{REGION_LEVEL_NAMES[lang][l]}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <p className="muted map-region-hint">{t(drillable !== null ? 'maps.region.hintDrill' : 'maps.region.hintOpen')}</p>
        </section>

        <section
          className={`card map-card${stale ? ' is-stale' : ''}`}
          aria-labelledby={ids.title}
          aria-busy={stale}
          data-testid="map"
          data-state={error ? 'error' : stale ? 'loading' : 'ready'}
          data-map={current?.mapName ?? ''}
          data-level={current?.level ?? ''}
          data-regions={current?.model.regions.filter((r) => r.polygon).length ?? 0}
          data-no-data={current?.model.noData ?? 0}
          data-no-polygon={current?.model.noPolygon.length ?? 0}
          data-draw-ms={timing.draw?.toFixed(1) ?? ''}
          data-recolour-ms={timing.recolour?.toFixed(1) ?? ''}
          data-draw-total-ms={timing.drawTotal?.toFixed(1) ?? ''}
          data-recolour-total-ms={timing.recolourTotal?.toFixed(1) ?? ''}
          data-values-ms={values.data?.ms.toFixed(1) ?? ''}
          data-geometry-ms={geo.data?.fetchMs.toFixed(1) ?? ''}
        >
          {shownLevel === null ? (
            <div className="map-none">
              <p>{t(layers.length === 0 ? 'maps.noLayers' : 'maps.noLayerBelow', { name: parentName })}</p>
              <button type="button" className="btn btn-primary" onClick={onOpenLayers}>
                {t('maps.openLayers')}
              </button>
            </div>
          ) : (
            <>
              <div className="map-card-head">
                <div>
                  <h2 id={ids.title} className="card-title map-title">
                    {title}
                  </h2>
                  <ul className="an-lines map-lines">
                    {lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                </div>
                <div className="map-tools">
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => mapRef.current?.resetView()} disabled={!current}>
                    {t('maps.resetView')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => void download()}
                    disabled={!current || stale || saving === 'busy'}
                    title={t('maps.png.title')}
                    data-testid="map-png"
                  >
                    <svg className="btn-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                      <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
                    </svg>
                    {saving === 'busy' ? t('maps.png.busy') : t('xchart.download')}
                  </button>
                </div>
              </div>
              {saving === 'failed' ? (
                <p className="warn-text" role="alert">
                  {t('xchart.downloadFailed')}
                </p>
              ) : null}
              {error ? <ErrorBanner error={error} context={t('maps.loadFailed')} onRetry={geo.error ? geo.reload : values.reload} /> : null}
              {m.kind === 'category' && m.values.length === 0 ? <p className="notice notice-warning">{t('maps.measure.categoriesNone')}</p> : null}
              {geo.data === null && !geo.loading ? <p className="notice notice-warning">{t('maps.noGeometry')}</p> : null}
              <div className="map-body">
                <div className="map-cell" ref={cellRef}>
                {current && base && data && tooltip ? (
                  <MapChart
                    ref={mapRef}
                    mapName={current.mapName}
                    shapes={current.geometry}
                    nameProperty="kode"
                    base={base}
                    data={data}
                    aspect={mapAspect(current.geometry.bbox)}
                    hoverOutline={hoverOutline(current.geometry.features.length)}
                    tooltip={tooltip}
                    onRegionClick={onRegionClick}
                    onTiming={onTiming}
                    ariaLabel={t('maps.ariaLabel', { title })}
                    height={mapHeight(mapWidth, mapAspect(current.geometry.bbox))}
                  >
                    <p>{t('maps.textAlternative')}</p>
                  </MapChart>
                ) : (
                  <div className="map-placeholder" style={{ height: MAP_HEIGHT }}>
                    {error ? null : <Loading text={t('maps.loading')} />}
                  </div>
                )}
                </div>
                {current ? <MapLegend measure={measureText} entries={entries} noPolygon={current.model.noPolygon} /> : null}
              </div>
              <p className="muted map-ms" data-testid="map-ms">
                {timing.draw !== null ? t('maps.ms.draw', { ms: num(timing.draw) }) : ''}
                {timing.recolour !== null ? ` · ${t('maps.ms.recolour', { ms: num(timing.recolour) })}` : ''}
                {values.data ? ` · ${t('maps.ms.values', { ms: num(values.data.ms) })}` : ''}
              </p>
              <ul className="map-notes">
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          )}
        </section>

        {detail && current ? (
          <RegionDetail
            key={detail.code}
            region={detail}
            child={selectedRegion !== null}
            measure={measureText}
            format={format}
            unit={unitWord}
            profileHref={`#/profil/${detail.code}`}
            onFamilies={m.kind === 'indicator' || !values.data?.spec ? null : () => openFamilies(detail, selectedRegion ? detail.code : null)}
            onOpenMap={selectedRegion && drillable !== null ? () => openMap(selectedRegion.code) : null}
            onClose={selectedRegion ? () => setSelected(null) : null}
          />
        ) : null}

        {current && shownLevel ? (
          <section className="card" aria-labelledby={`${ids.title}-table`}>
            <h2 id={`${ids.title}-table`} className="card-title">
              {t('maps.table.title', { level: REGION_LEVEL_NAMES[lang][shownLevel], n: num(current.model.regions.length) })}
            </h2>
            <RegionTable
              key={current.mapName}
              regions={current.model.regions}
              format={format}
              withBase={m.kind !== 'indicator'}
              selected={selected}
              onSelect={setSelected}
              onOpenMap={drillable !== null ? openMap : null}
              caption={title}
            />
          </section>
        ) : null}

        <div ref={drillRef}>{drill ? <DrillPanel key={JSON.stringify([drill.spec, drill.row])} target={drill} onOpenFamily={setFamily} onClose={() => setDrill(null)} /> : null}</div>
      </div>

      {family ? <FamilyPanel key={family.familyId} row={family} onClose={() => setFamily(null)} /> : null}
    </div>
  );
}
