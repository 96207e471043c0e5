import { useCallback, useId, useMemo, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/contracts/audit.ts';
import { downloadHref } from '../../bridge/files.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';
import { actionLabel, auditSummary, detailJson, formatAuditTime, isFiltered, NO_FILTER, shortHash, type AuditFilter } from './auditModel.ts';
import { auditDatasource, useAuditExport, useAuditVerify, useDebounced, type AuditPageInfo } from './useAudit.ts';

const BLOCK = 100;

const entryId = (e: AuditEntry): string => String(e.id);

/**
 * Log Audit: every import, deletion, finalised list, export and unmasked view, newest first, with
 * who and when; filtered by action, words and dates; the hash chain checked on request; the
 * (filtered) log exported to Excel — an export that is itself logged.
 */
export function AuditPage() {
  const { t, num } = useI18n();
  const ids = { action: useId(), text: useId(), from: useId(), to: useId() };
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [textBox, setTextBox] = useState('');
  const text = useDebounced(textBox, 350);
  const effective = useMemo<AuditFilter>(() => ({ ...filter, text }), [filter, text]);

  // Bumped after an export (itself a new entry) or a data change elsewhere (imports, deletions).
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  useDataChanged(['batches', 'settings', 'crosswalk'], refresh);

  const [info, setInfo] = useState<AuditPageInfo | null>(null);
  const [actions, setActions] = useState<readonly string[]>([]);
  const onPage = useCallback((p: AuditPageInfo) => {
    setInfo(p);
    setActions(p.actions);
  }, []);
  // `version` is only a dependency: a new datasource makes the grid fetch again.
  const datasource = useMemo(() => auditDatasource(effective, onPage), [effective, onPage, version]);
  const [gridError, setGridError] = useState<Error | null>(null);
  const onGridError = useCallback((e: Error) => setGridError(e), []);
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const verify = useAuditVerify();
  const exporter = useAuditExport(refresh);

  const columns = useAuditColumns();
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = isFiltered(effective);
  const href = exporter.result ? downloadHref(exporter.result.path) : null;

  return (
    <div className="page page-audit">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('audit.title')}
        </h1>
        <p className="page-meta">{t('audit.lead')}</p>
      </header>

      <Card title={t('audit.chain.title')} className="audit-chain">
        <p className="muted">{t('audit.chain.lead')}</p>
        <div className="button-row">
          <button type="button" className="btn btn-secondary" onClick={verify.run} disabled={verify.busy}>
            {verify.busy ? t('audit.chain.busy') : t('audit.chain.button')}
          </button>
        </div>
        {verify.error ? <ErrorBanner error={verify.error} context={t('audit.chain.failed')} onDismiss={verify.reset} /> : null}
        {verify.result ? <Verdict result={verify.result} /> : null}
      </Card>

      <Card
        title={t('audit.log.title')}
        subtitle={info === null ? t('common.loading') : filtered ? t('audit.log.countFiltered', { n: num(info.count) }) : t('audit.log.count', { n: num(info.count) })}
        className="audit-log"
      >
        <div className="audit-filters" role="search" aria-label={t('audit.filter.label')}>
          <div className="form-field">
            <label className="field-label" htmlFor={ids.action}>
              {t('audit.filter.action')}
            </label>
            <select id={ids.action} className="select" value={filter.action} onChange={(e) => set({ action: e.target.value })}>
              <option value="">{t('audit.filter.allActions')}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(t, a)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field audit-filter-text">
            <label className="field-label" htmlFor={ids.text}>
              {t('audit.filter.text')}
            </label>
            <input id={ids.text} className="text-input" type="search" value={textBox} placeholder={t('audit.filter.textPlaceholder')} onChange={(e) => setTextBox(e.target.value)} />
          </div>
          <div className="form-field">
            <label className="field-label" htmlFor={ids.from}>
              {t('audit.filter.from')}
            </label>
            <input id={ids.from} className="text-input" type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} />
          </div>
          <div className="form-field">
            <label className="field-label" htmlFor={ids.to}>
              {t('audit.filter.to')}
            </label>
            <input id={ids.to} className="text-input" type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} />
          </div>
          <div className="audit-filter-actions">
            {filtered ? (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  setFilter(NO_FILTER);
                  setTextBox('');
                }}
              >
                {t('audit.filter.clear')}
              </button>
            ) : null}
          </div>
        </div>

        <div className="audit-export">
          <button type="button" className="btn btn-secondary" disabled={exporter.busy} onClick={() => exporter.run(effective)}>
            {exporter.busy ? t('audit.export.busy') : filtered ? t('audit.export.buttonFiltered') : t('audit.export.button')}
          </button>
          {exporter.error ? <ErrorBanner error={exporter.error} context={t('audit.export.failed')} onDismiss={exporter.reset} /> : null}
          {exporter.result ? (
            <div className="export-done" role="status" data-testid="audit-export-done">
              <p>{t('audit.export.done', { n: num(exporter.result.rows), file: exporter.result.fileName })}</p>
              {href ? (
                <a className="btn btn-primary btn-small" href={href} download={exporter.result.fileName}>
                  {t('audit.export.download', { file: exporter.result.fileName })}
                </a>
              ) : (
                <p>
                  {t('audit.export.savedAt')} <code className="path">{exporter.result.path}</code>
                </p>
              )}
              <button type="button" className="btn btn-ghost btn-small" onClick={exporter.reset}>
                {t('common.close')}
              </button>
            </div>
          ) : null}
        </div>

        {gridError ? <ErrorBanner error={gridError} context={t('audit.log.failed')} onDismiss={() => setGridError(null)} /> : null}
        <p className="field-note">{t('audit.log.hint')}</p>
        <div data-testid="audit-count" data-count={info?.count ?? ''}>
          <DataGrid
            columns={columns}
            datasource={datasource}
            blockSize={BLOCK}
            getRowId={entryId}
            height={480}
            ariaLabel={t('audit.log.gridLabel')}
            emptyText={filtered ? t('audit.log.noneFiltered') : t('audit.log.none')}
            onError={onGridError}
            onRowClick={setSelected}
            className="audit-grid"
          />
        </div>
      </Card>

      {selected ? <EntryDetail entry={selected} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}

function useAuditColumns(): readonly DataGridColumn<AuditEntry>[] {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return useMemo<readonly DataGridColumn<AuditEntry>[]>(
    () => [
      { id: 'id', header: t('audit.col.id'), value: (e) => e.id, format: (v) => (typeof v === 'number' ? `#${v}` : ''), numeric: true, width: 80, sortable: false },
      { id: 'at', header: t('audit.col.at'), value: (e) => e.at, format: (v) => (typeof v === 'string' ? formatAuditTime(lang, v) : ''), minWidth: 180, sortable: false },
      { id: 'actor', header: t('audit.col.actor'), value: (e) => e.actor, minWidth: 100, sortable: false },
      { id: 'action', header: t('audit.col.action'), value: (e) => e.action, format: (v) => (typeof v === 'string' ? actionLabel(t, v) : ''), minWidth: 170, sortable: false },
      { id: 'summary', header: t('audit.col.detail'), value: (e) => auditSummary(i18n, e), minWidth: 280, flex: 1, sortable: false },
      { id: 'hash', header: t('audit.col.hash'), value: (e) => e.hash, format: (v) => (typeof v === 'string' ? shortHash(v) : ''), width: 150, sortable: false, cellClass: () => 'cell-id' },
    ],
    [i18n, t, lang],
  );
}

/** The chain's verdict: green when whole, red with the first entry that no longer fits. */
function Verdict({ result }: { readonly result: AuditVerification }) {
  const { t, num } = useI18n();
  if (result.ok) {
    return (
      <div className="audit-verdict is-ok" role="status" data-testid="audit-verdict" data-ok="true">
        <svg className="audit-verdict-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="10" fill="currentColor" />
          <path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <div>
          <p className="audit-verdict-title">{t('audit.chain.ok')}</p>
          <p>{result.message}</p>
          <p className="muted">{t('audit.chain.entries', { n: num(result.entries) })}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="audit-verdict is-broken" role="alert" data-testid="audit-verdict" data-ok="false" data-broken-at={result.brokenAt ?? ''}>
      <svg className="audit-verdict-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" fill="currentColor" />
        <path d="M12 6.5v7M12 16.5v.5" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      <div>
        <p className="audit-verdict-title">{t('audit.chain.broken')}</p>
        <p>{result.message}</p>
        {result.brokenAt !== null ? <p className="audit-verdict-entry">{t('audit.chain.brokenAt', { id: result.brokenAt })}</p> : null}
        <p className="muted">{t('audit.chain.brokenNote')}</p>
      </div>
    </div>
  );
}

/** One entry in full: its detail as stored (what the hash covers) and the whole hash. */
function EntryDetail({ entry, onClose }: { readonly entry: AuditEntry; readonly onClose: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={t('audit.entry.title', { id: entry.id })}
      subtitle={`${actionLabel(t, entry.action)} · ${entry.actor} · ${formatAuditTime(lang, entry.at)}`}
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      }
      className="audit-entry"
    >
      <dl className="dl">
        <div className="dl-row">
          <dt>{t('audit.entry.action')}</dt>
          <dd>
            <code>{entry.action}</code>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('audit.entry.at')}</dt>
          <dd>
            <code>{entry.at}</code>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('audit.entry.hash')}</dt>
          <dd>
            <code className="audit-hash">{entry.hash}</code>
          </dd>
        </div>
      </dl>
      <h3 className="fam-heading audit-json-title">{t('audit.entry.detail')}</h3>
      <pre className="audit-json" data-testid="audit-json">
        {detailJson(entry)}
      </pre>
    </Card>
  );
}
