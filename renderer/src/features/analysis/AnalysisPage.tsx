import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import type { AnalysisCatalog, DrillRow, Measure, PercentMode, SavedAnalysis } from '../../../../shared/contracts/analysis.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { DemoProgress } from '../first-run/DemoProgress.tsx';
import { useDemoJob } from '../first-run/useDemoJob.ts';
import { useWarehouseInfo } from '../settings/useWarehouseInfo.ts';
import { CrosstabChart } from './CrosstabChart.tsx';
import { CrosstabTable } from './CrosstabTable.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { ExportCrosstab } from './ExportCrosstab.tsx';
import { FamilyPanel } from './FamilyPanel.tsx';
import { SavedAnalysesCard } from './SavedAnalyses.tsx';
import { SpecBuilder } from './SpecBuilder.tsx';
import {
  defaultDraft, findAttribute, fromSpec, reconcile, specKey, toSpec, type ChartKind, type Draft, type DrillTarget,
} from './analysisModel.ts';
import { useAnalysisCatalog, useCrosstab, useCrosstabExport, useSavedAnalyses } from './useAnalysis.ts';

const PERCENT_MODES: readonly { readonly value: PercentMode; readonly key: UiKey }[] = [
  { value: 'none', key: 'analysis.percent.none' },
  { value: 'row', key: 'analysis.percent.row' },
  { value: 'col', key: 'analysis.percent.col' },
  { value: 'total', key: 'analysis.percent.total' },
];

const CHART_KINDS: readonly { readonly value: ChartKind; readonly key: UiKey }[] = [
  { value: 'bar', key: 'analysis.chart.bar' },
  { value: 'stacked', key: 'analysis.chart.stacked' },
  { value: 'stacked100', key: 'analysis.chart.stacked100' },
  { value: 'none', key: 'analysis.chart.none' },
];

const MEASURES: readonly { readonly value: Measure; readonly key: UiKey }[] = [
  { value: 'families', key: 'unit.familiesCap' },
  { value: 'persons', key: 'unit.personsCap' },
];

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
 * Analisis: build a cross-tab (rows, columns, region, sources and vintages, filters), read it with
 * its provenance above it, open the families behind any figure and any one family, draw it as a
 * chart, export it to Excel, and keep it by name for the next workshop.
 */
export function AnalysisPage() {
  const { t } = useI18n();
  const info = useWarehouseInfo();
  const catalog = useAnalysisCatalog();
  const province = info.data?.province ?? null;

  let body;
  if (catalog.error && !catalog.data) body = <ErrorBanner error={catalog.error} context={t('analysis.catalogFailed')} onRetry={catalog.reload} />;
  else if (info.error && !info.data) body = <ErrorBanner error={info.error} context={t('app.infoFailed')} onRetry={info.reload} />;
  else if (!catalog.data || !province) body = <Loading text={t('common.loading')} />;
  else if (catalog.data.sources.length === 0) body = <NoData />;
  else body = <Workspace catalog={catalog.data} province={province} />;

  return (
    <div className="page page-analysis">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('analysis.title')}
        </h1>
        <p className="page-meta">{t('analysis.lead')}</p>
      </header>
      {body}
    </div>
  );
}

/** Nothing to analyse yet: where the data comes from. */
function NoData() {
  const { t } = useI18n();
  const demo = useDemoJob();
  if (demo.status === 'running' || demo.status === 'done') {
    return (
      <div className="card">
        <h2 className="card-title">{t('demo.runningTitle')}</h2>
        <DemoProgress progress={demo.progress} />
      </div>
    );
  }
  return (
    <div className="card">
      <EmptyState
        title={t('analysis.empty.title')}
        actions={
          <>
            <a className="btn btn-primary" href="#/impor">
              {t('analysis.empty.import')}
            </a>
            <button type="button" className="btn btn-secondary" onClick={demo.start}>
              {t('home.empty.demoButton')}
            </button>
          </>
        }
      >
        <p>{t('analysis.empty.text')}</p>
        <p className="synthetic-inline">{t('demo.syntheticTag')}</p>
        {demo.error ? <ErrorBanner error={demo.error} context={t('demo.failed')} onRetry={demo.start} /> : null}
      </EmptyState>
    </div>
  );
}

function Workspace({ catalog, province }: { readonly catalog: AnalysisCatalog; readonly province: Region }) {
  const i18n = useI18n();
  const { t, num, label, lang } = i18n;
  const ids = { definition: useId(), measure: useId(), percent: useId(), chart: useId() };
  const idCounter = useRef(0);
  const nextId = useCallback(() => ++idCounter.current, []);

  const [draft, setDraft] = useState<Draft>(() => defaultDraft(catalog));
  const [percent, setPercent] = useState<PercentMode>('none');
  const [chart, setChart] = useState<ChartKind>('bar');
  const [drill, setDrill] = useState<{ readonly target: DrillTarget; readonly key: string } | null>(null);
  const [family, setFamily] = useState<DrillRow | null>(null);
  const [savedId, setSavedId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const drillRef = useRef<HTMLDivElement>(null);

  // Batches come and go (imports, deletions): drop choices that no longer exist.
  useEffect(() => setDraft((d) => reconcile(d, catalog)), [catalog]);

  const spec = useMemo(() => toSpec(draft), [draft]);
  const key = specKey(spec);
  const table = useCrosstab(draft.sources.length > 0 ? spec : null);
  const result = table.result;
  const exporter = useCrosstabExport();
  const saved = useSavedAnalyses();

  // A new table closes the drill-down of the previous one and its export link.
  const { reset: resetExport } = exporter;
  useEffect(() => {
    setDrill(null);
    resetExport();
  }, [key, resetExport]);

  const openDrill = useCallback((target: DrillTarget, cellKey: string) => {
    setDrill({ target, key: cellKey });
    focusHeading(drillRef.current);
  }, []);

  const dimName = (k: string): string => {
    const a = findAttribute(catalog.attributes, k);
    return a ? label(a) : k;
  };
  const shownSpec = result?.definition.spec;
  const rowName = shownSpec ? (shownSpec.rows.kind === 'region' ? REGION_LEVEL_NAMES[lang][shownSpec.rows.level] : dimName(shownSpec.rows.key)) : '';
  const colName = shownSpec?.cols ? dimName(shownSpec.cols) : null;
  const demoData = result?.definition.datasets.some((d) => d.familyBatch.origin === 'demo') ?? false;

  const openSaved = (a: SavedAnalysis) => {
    setDraft(fromSpec(a.spec, catalog, nextId));
    setPercent(a.view.percent);
    setChart(a.view.chart);
    setSavedId(a.id);
    setNotice(t('analysis.saved.opened', { name: a.name }));
  };

  const save = (name: string) => {
    void saved.save(name, spec, { percent, chart }).then((s) => {
      if (!s) return;
      setSavedId(s.id);
      setNotice(t('analysis.saved.done', { name: s.name }));
    });
  };

  return (
    <div className="an-layout">
      <aside className="card an-side" aria-labelledby="an-builder-title">
        <h2 id="an-builder-title" className="card-title">
          {t('analysis.builder.title')}
        </h2>
        <SpecBuilder catalog={catalog} province={province} draft={draft} onChange={setDraft} nextId={nextId} />
      </aside>

      <div className="an-main">
        {notice ? (
          <p className="notice notice-info an-notice" role="status">
            {notice}{' '}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
              {t('common.close')}
            </button>
          </p>
        ) : null}
        {demoData ? (
          <p className="demo-note" role="note">
            <strong>{t('demo.noteTitle')}</strong> {t('demo.note')}
          </p>
        ) : null}

        <section
          className={`card an-result${table.fresh ? '' : ' is-stale'}`}
          aria-labelledby={ids.definition}
          aria-busy={!table.fresh}
          data-testid="crosstab"
          data-state={table.fresh ? 'ready' : table.error ? 'error' : 'loading'}
          data-spec={key}
        >
          {table.error ? <ErrorBanner error={table.error} context={t('analysis.crosstabFailed')} onRetry={table.reload} /> : null}
          {result ? (
            <>
              <div className="an-definition" id={`${ids.definition}-desc`}>
                <h2 id={ids.definition} className="card-title an-title">
                  {result.definition.title}
                </h2>
                <ul className="an-lines" data-testid="definition">
                  {result.definition.description.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
                <p className="an-ms muted" data-testid="crosstab-ms">
                  {t('analysis.ms', { ms: num(result.ms, result.ms < 10 ? 1 : 0) })}
                  {table.fresh ? '' : ` · ${t('analysis.computing')}`}
                </p>
              </div>

              <div className="an-viewbar">
                <fieldset className="an-measure">
                  <legend className="an-viewbar-label">{t('analysis.measure')}</legend>
                  {MEASURES.map((m) => (
                    <label key={m.value} className="an-inline-choice">
                      <input type="radio" name={ids.measure} checked={draft.measure === m.value} onChange={() => setDraft({ ...draft, measure: m.value })} />
                      <span>{t(m.key)}</span>
                    </label>
                  ))}
                </fieldset>
                <div className="inline-field">
                  <label htmlFor={ids.percent}>{t('analysis.percent')}</label>
                  <select id={ids.percent} className="select select-small" value={percent} onChange={(e) => setPercent(e.target.value as PercentMode)}>
                    {PERCENT_MODES.map((p) => (
                      <option key={p.value} value={p.value}>
                        {t(p.key)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="inline-field">
                  <label htmlFor={ids.chart}>{t('analysis.chart')}</label>
                  <select id={ids.chart} className="select select-small" value={chart} onChange={(e) => setChart(e.target.value as ChartKind)}>
                    {CHART_KINDS.map((c) => (
                      <option key={c.value} value={c.value}>
                        {t(c.key)}
                      </option>
                    ))}
                  </select>
                </div>
                <ExportCrosstab result={result} percent={percent} state={exporter} stale={!table.fresh} />
              </div>

              {result.personLevel && draft.measure === 'families' ? <p className="field-note">{t('analysis.personLevelNote')}</p> : null}
              {result.total.families === 0 ? <p className="notice notice-warning">{t('analysis.emptyTable')}</p> : null}
              <CrosstabTable
                result={result}
                measure={draft.measure}
                percent={percent}
                activeKey={drill?.key ?? null}
                onDrill={openDrill}
                rowName={rowName}
                colName={colName}
                describedBy={`${ids.definition}-desc`}
              />
            </>
          ) : table.error ? null : (
            <Loading text={t('analysis.computing')} />
          )}
        </section>

        {result && chart !== 'none' ? (
          <section className="card an-chart" aria-label={t('analysis.chartTitle')}>
            <CrosstabChart result={result} percent={percent} kind={chart} measure={draft.measure} />
          </section>
        ) : null}

        <div ref={drillRef}>{drill ? <DrillPanel key={drill.key} target={drill.target} onOpenFamily={setFamily} onClose={() => setDrill(null)} /> : null}</div>

        <SavedAnalysesCard
          saved={saved}
          suggestedName={result?.definition.title ?? ''}
          canSave={result !== null && draft.sources.length > 0}
          onSave={save}
          onOpen={openSaved}
          currentId={savedId}
        />
      </div>

      {family ? <FamilyPanel key={family.familyId} row={family} onClose={() => setFamily(null)} /> : null}
    </div>
  );
}
