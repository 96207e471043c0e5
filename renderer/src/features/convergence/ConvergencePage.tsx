import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CandidateRow, ConvergenceRow } from '../../../../shared/contracts/interventions.ts';
import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import { levelOfCode, parentOfCode, type Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { FamilyPanel } from '../analysis/FamilyPanel.tsx';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { useRegionPath } from '../region-picker/useRegionPath.ts';
import { ConvergenceChart } from './ConvergenceChart.tsx';
import { ConvergenceFamilies } from './ConvergenceFamilies.tsx';
import { ConvergenceTable, cellKey } from './ConvergenceTable.tsx';
import {
  argsKey, DEFAULT_DRAFT, DESIL_ALL, DESIL_P3KE, parseYear, toArgs, toggleDesil, type Bucket, type ConvergenceDraft,
} from './convergenceModel.ts';
import { useConvergence, type FamiliesTarget } from './useConvergence.ts';

export interface ConvergencePageProps {
  readonly info: WarehouseInfo;
  readonly province: Region;
  /** The region looked at (from the address), null for the working province. */
  readonly regionCode: string | null;
  readonly onRegionChange: (code: string | null) => void;
}

/** The scope: a province, kabupaten or kecamatan of the working province (a desa is shown within its kecamatan). */
function scopeOf(code: string | null, province: string): string | null {
  if (code === null || code === province || !code.startsWith(`${province}.`)) return null;
  return levelOfCode(code) === 4 ? parentOfCode(code) : code;
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
 * Konvergensi: for the poorest families of a region, how many programs reach each one — who is
 * untouched, who gets several programs, who gets several of one Inpres 4/2022 strategy — per
 * kabupaten, kecamatan or desa, with the families behind every figure.
 */
export function ConvergencePage({ info, province, regionCode, onRegionChange }: ConvergencePageProps) {
  const { t } = useI18n();
  return (
    <div className="page page-convergence">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('conv.title')}
        </h1>
        <p className="page-meta">{t('conv.lead')}</p>
      </header>
      {info.batches.length === 0 ? (
        <div className="card">
          <EmptyState
            title={t('conv.empty.title')}
            actions={
              <a className="btn btn-primary" href="#/impor">
                {t('conv.empty.import')}
              </a>
            }
          >
            <p>{t('conv.empty.text')}</p>
          </EmptyState>
        </div>
      ) : (
        <Workspace province={province} regionCode={regionCode} onRegionChange={onRegionChange} />
      )}
    </div>
  );
}

function Workspace({ province, regionCode, onRegionChange }: Omit<ConvergencePageProps, 'info'>) {
  const { t, num } = useI18n();
  const ids = { title: useId(), years: useId(), from: useId(), to: useId() };
  const scope = scopeOf(regionCode, province.code);
  const code = scope ?? province.code;
  const path = useRegionPath(code);
  const crumbs = path.data && path.data.at(-1)?.code === code ? path.data : code === province.code ? [province] : [];

  // An unknown code in the address: back to the whole province.
  useEffect(() => {
    if (scope !== null && !path.loading && path.data?.length === 0) onRegionChange(null);
  }, [scope, path.loading, path.data, onRegionChange]);

  const [draft, setDraft] = useState<ConvergenceDraft>(DEFAULT_DRAFT);
  const [allDesil, setAllDesil] = useState(false);
  const [yearText, setYearText] = useState({ from: '', to: '' });
  const args = useMemo(() => toArgs(draft, scope), [draft, scope]);
  const key = argsKey(args);
  const table = useConvergence(args);
  const result = table.result;

  const [families, setFamilies] = useState<{ readonly target: FamiliesTarget; readonly cell: string } | null>(null);
  const [family, setFamily] = useState<CandidateRow | null>(null);
  const familiesRef = useRef<HTMLDivElement>(null);

  // Other figures close the families of the previous ones.
  useEffect(() => setFamilies(null), [key]);

  const { resultArgs } = table;
  const open = useCallback(
    (row: ConvergenceRow, bucket: Bucket, label: string, n: number) => {
      if (!resultArgs) return;
      const where = row.code === result?.total.code ? result.region.name : row.name;
      setFamilies({ target: { args: resultArgs, row: row.code, bucket, title: `${where} × ${label}`, families: n }, cell: cellKey(row.code, bucket) });
      focusHeading(familiesRef.current);
    },
    [resultArgs, result],
  );

  const setYear = (side: 'from' | 'to', text: string) => {
    setYearText((y) => ({ ...y, [side]: text }));
    const y = parseYear(text);
    if (y === undefined) return;
    setDraft((d) => (side === 'from' ? { ...d, yearFrom: y } : { ...d, yearTo: y }));
  };
  const badYear = (text: string) => parseYear(text) === undefined;
  const yearsReversed = draft.yearFrom !== null && draft.yearTo !== null && draft.yearFrom > draft.yearTo;

  const desilShown = allDesil ? DESIL_ALL : DESIL_P3KE;
  const showAll = (on: boolean) => {
    setAllDesil(on);
    if (!on) {
      setDraft((d) => {
        const kept = d.desil.filter((x) => x <= 4);
        return { ...d, desil: kept.length > 0 ? kept : [1] };
      });
    }
  };

  return (
    <div className="conv-layout">
      <section className="card conv-controls" aria-labelledby={`${ids.title}-controls`}>
        <h2 id={`${ids.title}-controls`} className="sr-only">
          {t('conv.controls')}
        </h2>
        <div className="conv-region-bar" data-region={code}>
          {crumbs.length > 0 ? <RegionBreadcrumb path={crumbs} onSelect={(c) => onRegionChange(c === province.code ? null : c)} /> : null}
          <p className="muted conv-region-hint">{t(levelOfCode(code) === 3 ? 'conv.region.hintDesa' : 'conv.region.hint')}</p>
        </div>
        <div className="conv-filters">
          <fieldset className="conv-desil">
            <legend className="field-label">{t('conv.desil')}</legend>
            <div className="conv-desil-boxes">
              {desilShown.map((d) => (
                <label key={d} className="checkbox conv-desil-box">
                  <input
                    type="checkbox"
                    checked={draft.desil.includes(d)}
                    disabled={draft.desil.length === 1 && draft.desil.includes(d)}
                    onChange={() => setDraft((x) => ({ ...x, desil: toggleDesil(x.desil, d) }))}
                  />
                  <span>{t('conv.desilN', { n: d })}</span>
                </label>
              ))}
            </div>
            <label className="checkbox conv-desil-all">
              <input type="checkbox" checked={allDesil} onChange={(e) => showAll(e.target.checked)} />
              <span>{t('conv.desilAll')}</span>
            </label>
          </fieldset>

          <fieldset className="conv-years" aria-describedby={`${ids.years}-note`}>
            <legend className="field-label">{t('conv.years')}</legend>
            <div className="conv-year-boxes">
              <label htmlFor={ids.from}>{t('conv.yearFrom')}</label>
              <input
                id={ids.from}
                className="text-input conv-year"
                inputMode="numeric"
                maxLength={4}
                placeholder={t('conv.yearAny')}
                value={yearText.from}
                aria-invalid={badYear(yearText.from) || undefined}
                onChange={(e) => setYear('from', e.target.value)}
              />
              <label htmlFor={ids.to}>{t('conv.yearTo')}</label>
              <input
                id={ids.to}
                className="text-input conv-year"
                inputMode="numeric"
                maxLength={4}
                placeholder={t('conv.yearAny')}
                value={yearText.to}
                aria-invalid={badYear(yearText.to) || undefined}
                onChange={(e) => setYear('to', e.target.value)}
              />
            </div>
            <p id={`${ids.years}-note`} className="field-note">
              {t('conv.yearsNote')}
            </p>
            {badYear(yearText.from) || badYear(yearText.to) ? <p className="warn-text">{t('conv.yearInvalid')}</p> : null}
            {yearsReversed ? <p className="warn-text">{t('conv.yearsReversed')}</p> : null}
          </fieldset>

          <div className="conv-lists">
            <label className="checkbox">
              <input type="checkbox" checked={draft.includeLists} onChange={(e) => setDraft((d) => ({ ...d, includeLists: e.target.checked }))} />
              <span>{t('conv.includeLists')}</span>
            </label>
            <p className="field-note">{t('conv.includeListsNote')}</p>
          </div>
        </div>
      </section>

      <section
        className={`card conv-result${table.fresh ? '' : ' is-stale'}`}
        aria-labelledby={ids.title}
        aria-busy={!table.fresh}
        data-testid="conv-result"
        data-state={table.fresh ? 'ready' : table.error ? 'error' : 'loading'}
        data-key={key}
      >
        {table.error ? <ErrorBanner error={table.error} context={t('conv.failed')} onRetry={table.reload} /> : null}
        {result ? (
          <>
            <div id={`${ids.title}-desc`}>
              <h2 id={ids.title} className="card-title">
                {t('conv.tableTitle', { region: result.region.name })}
              </h2>
              <ul className="an-lines conv-lines" data-testid="conv-description">
                {result.description.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
              <p className="muted an-ms">
                {t('conv.ms', { ms: num(result.ms) })}
                {table.fresh ? '' : ` · ${t('conv.computing')}`}
              </p>
            </div>
            {result.total.families === 0 ? <p className="notice notice-warning">{t('conv.none')}</p> : null}
            <ConvergenceTable
              result={result}
              activeKey={families?.cell ?? null}
              onOpen={open}
              onRegion={(c) => onRegionChange(c)}
              describedBy={`${ids.title}-desc`}
            />
            <p className="footnote">{t('conv.footnote')}</p>
          </>
        ) : table.error ? null : (
          <Loading text={t('conv.computing')} />
        )}
      </section>

      {result ? (
        <section className="card conv-chart-card" aria-label={t('conv.chart.section')}>
          <ConvergenceChart result={result} />
        </section>
      ) : null}

      <div ref={familiesRef}>
        {families ? <ConvergenceFamilies key={`${argsKey(families.target.args)}#${families.cell}`} target={families.target} onOpenFamily={setFamily} onClose={() => setFamilies(null)} /> : null}
      </div>

      {family ? <FamilyPanel key={family.familyId} row={{ familyId: family.familyId, nama_kepala: family.nama }} onClose={() => setFamily(null)} /> : null}
    </div>
  );
}
