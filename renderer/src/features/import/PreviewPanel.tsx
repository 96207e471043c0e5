import { useId, useMemo, useState } from 'react';
import type { ImportProgress } from '../../../../shared/contracts/events.ts';
import type { ImportPreview } from '../../../../shared/contracts/imports.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { SOURCE_KINDS, type SourceKind } from '../../../../shared/model/source.ts';
import type { StagedFile } from '../../bridge/files.ts';
import { Card } from '../../components/Card.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { CountTiles } from './CountTiles.tsx';
import { IssueKindsTable } from './IssueKindsTable.tsx';
import { JobProgress } from './JobProgress.tsx';
import { MappingTable } from './MappingTable.tsx';
import { PreviewRowsGrid } from './PreviewRowsGrid.tsx';
import { EXCEL_DAMAGE_KINDS, formatBytes } from './importLabels.ts';
import type { CommitChoice, PreviewRequest } from './useImportFlow.ts';

export interface PreviewPanelProps {
  readonly file: StagedFile;
  readonly preview: ImportPreview;
  readonly request: PreviewRequest;
  readonly previewing: boolean;
  readonly progress: ImportProgress | null;
  readonly onRerun: (request: PreviewRequest) => void;
  readonly onRemap: (mapping: readonly (string | null)[]) => void;
  readonly onCancel: () => void;
  readonly onCommit: (choice: CommitChoice) => void;
  readonly onChangeFile: () => void;
}

type Tab = 'mapping' | 'issues' | 'rows';

const DETECT_LABEL: Readonly<Record<ImportPreview['status'], UiKey>> = {
  confident: 'import.detect.confident',
  ambiguous: 'import.detect.ambiguous',
  weak: 'import.detect.weak',
  none: 'import.detect.none',
};

/**
 * What the warehouse would do with the file: the detected source and how sure it is, sheet and
 * header row, label and data year, the column mapping, the counts and issues, the first rows —
 * and the commit button with everything that still blocks it.
 */
export function PreviewPanel(props: PreviewPanelProps) {
  const { file, preview, request, previewing, progress, onRerun, onRemap, onCancel, onCommit, onChangeFile } = props;
  const i18n = useI18n();
  const { t, num } = i18n;
  const ids = { source: useId(), sheet: useId(), label: useId(), vintage: useId(), all: useId(), header: useId(), blockers: useId() };
  // Until the planner types, the fields follow the guesses of the latest preview (another source
  // or sheet gives another label).
  const [labelDraft, setLabel] = useState<string | null>(null);
  const [vintageDraft, setVintage] = useState<string | null>(null);
  const label = labelDraft ?? preview.labelGuess;
  const vintage = vintageDraft ?? preview.vintageGuess ?? '';
  const [confirmedSource, setConfirmedSource] = useState<SourceKind | null>(null);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [tab, setTab] = useState<Tab>('mapping');
  // The mapping the planner just chose, shown while the warehouse re-reads the file with it.
  const [pending, setPending] = useState<{ readonly base: ImportPreview; readonly mapping: readonly (string | null)[] } | null>(null);
  const shownMapping = previewing && pending?.base === preview ? pending.mapping : preview.plan.mapping;

  const source = preview.plan.source;
  const sourceName = t(SOURCE_NAME[source]);
  const chosenByPlanner = request.source !== undefined || request.plan !== undefined;
  const unsure = preview.status !== 'confident' && preview.basis === 'template' && !chosenByPlanner;
  const confirmed = !unsure || confirmedSource === source;
  const multiSheet = preview.sheets.length > 1;
  const firstSheet = preview.plan.sheets[0] ?? '';
  const appendable = preview.sheets.filter((s) => s.sameHeader && s.name !== firstSheet).length;
  const fieldByKey = useMemo(() => new Map(preview.fields.map((f) => [f.key, f])), [preview.fields]);
  const missing = preview.missingRequired.map((m) =>
    m
      .split(/\s*[|,/]\s*/)
      .map((k) => {
        const f = fieldByKey.get(k);
        return f ? i18n.label(f) : k;
      })
      .join(t('import.missing.or')),
  );
  const excelDamage = preview.issues.filter((i) => EXCEL_DAMAGE_KINDS.has(i.kind));
  const excelDamageRows = excelDamage.reduce((n, i) => n + i.count, 0);
  const others = preview.candidates.filter((c) => c.source !== source).map((c) => t(SOURCE_NAME[c.source]));

  const blockers: string[] = [];
  if (previewing) blockers.push(t('import.block.previewing'));
  if (missing.length > 0) blockers.push(t('import.block.missing'));
  if (!confirmed) blockers.push(t('import.block.confirm'));
  if (preview.duplicateOf && !allowDuplicate) blockers.push(t('import.block.duplicate'));
  if (label.trim() === '') blockers.push(t('import.block.label'));
  if (preview.counts.rowsImported === 0) blockers.push(t('import.block.nothing'));

  const fileMeta = [
    formatBytes(i18n, file.size),
    preview.file.format.toUpperCase(),
    preview.file.encoding ? t('import.file.encoding', { encoding: preview.file.encoding }) : null,
    preview.file.delimiter ? t('import.file.delimiter', { delimiter: preview.file.delimiter === '\t' ? 'Tab' : preview.file.delimiter }) : null,
    t('import.file.reader', { reader: preview.file.reader }),
  ].filter((x): x is string => x !== null);

  return (
    <Card
      title={t('import.preview.title')}
      subtitle={
        <>
          <strong className="file-name" data-testid="file-name">
            {preview.file.name}
          </strong>{' '}
          · {fileMeta.join(' · ')}
        </>
      }
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onChangeFile} disabled={previewing}>
          {t('import.preview.changeFile')}
        </button>
      }
      className="preview-card"
      busy={previewing}
    >
      {previewing ? <JobProgress label={t('import.preview.progressLabel')} progress={progress} onCancel={onCancel} /> : null}

      <div className={`preview-body${previewing ? ' is-stale' : ''}`} data-source={source} data-status={preview.status}>
        <div className="preview-settings">
          <div className="form-field">
            <label className="field-label" htmlFor={ids.source}>
              {t('import.preview.source')}
            </label>
            <select
              id={ids.source}
              className="select"
              value={source}
              disabled={previewing}
              onChange={(e) => onRerun({ sheets: request.sheets, allSheets: request.allSheets, source: e.target.value as SourceKind })}
            >
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(SOURCE_NAME[k])}
                </option>
              ))}
            </select>
            <p className="field-note">
              {preview.basis === 'profile' && preview.profile
                ? t('import.preview.basisProfile', { name: preview.profile.name })
                : chosenByPlanner
                  ? t('import.preview.basisGiven')
                  : t(DETECT_LABEL[preview.status])}
            </p>
          </div>

          {multiSheet ? (
            <div className="form-field form-field-wide">
              <label className="field-label" htmlFor={ids.sheet}>
                {t('import.preview.sheet')}
              </label>
              <select
                id={ids.sheet}
                className="select"
                value={firstSheet}
                disabled={previewing}
                onChange={(e) => onRerun({ source: request.source, sheets: [e.target.value] })}
              >
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.headerRow === null ? t('import.preview.sheetNoHeader', { sheet: s.name }) : t('import.preview.sheetOption', { sheet: s.name, row: num(s.headerRow) })}
                  </option>
                ))}
              </select>
              <label className="checkbox" htmlFor={ids.all}>
                <input
                  id={ids.all}
                  type="checkbox"
                  checked={request.allSheets ?? false}
                  disabled={previewing}
                  // The warehouse appends to the first sheet with a recognised header; a sheet chosen
                  // by hand is read alone.
                  onChange={(e) => onRerun(e.target.checked ? { source: request.source, allSheets: true } : { source: request.source, sheets: [firstSheet] })}
                />
                <span>
                  {t('import.preview.allSheets')}
                  {appendable > 0 ? <span className="muted"> ({t('import.preview.allSheetsCount', { n: num(appendable) })})</span> : null}
                </span>
              </label>
            </div>
          ) : null}

          <div className="form-field form-field-narrow">
            <label className="field-label" htmlFor={ids.header}>
              {t('import.preview.headerRow')}
            </label>
            <input
              id={ids.header}
              key={`${preview.jobId}-${preview.plan.headerRow}`}
              type="number"
              min={1}
              max={40}
              className="text-input"
              defaultValue={preview.plan.headerRow}
              data-testid="header-row"
              title={t('import.preview.headerRowHint')}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                const n = Number(e.currentTarget.value);
                if (Number.isInteger(n) && n >= 1 && n !== preview.plan.headerRow) {
                  onRerun({ source: request.source, sheets: preview.plan.sheets, headerRow: n });
                }
              }}
            />
            <p className="field-note" data-testid="sheets-joined">
              {t('import.preview.columnsCount', { n: num(preview.columns.length) })}
              {preview.plan.sheets.length > 1 ? ` · ${t('import.preview.sheetsJoined', { n: num(preview.plan.sheets.length) })}` : ''}
            </p>
          </div>

          <div className="form-field">
            <label className="field-label" htmlFor={ids.vintage}>
              {t('import.preview.vintage')}
            </label>
            <input id={ids.vintage} className="text-input" value={vintage} onChange={(e) => setVintage(e.target.value)} placeholder={t('import.preview.vintagePlaceholder')} />
            <p className="field-note">{preview.vintageGuess ? t('import.preview.vintageGuess', { guess: preview.vintageGuess }) : t('import.preview.vintageNone')}</p>
          </div>

          <div className="form-field form-field-wide">
            <label className="field-label" htmlFor={ids.label}>
              {t('import.preview.label')}
            </label>
            <input id={ids.label} className="text-input" value={label} onChange={(e) => setLabel(e.target.value)} required aria-invalid={label.trim() === ''} />
          </div>
        </div>

        {unsure ? (
          <div className="notice notice-warning" role="status" data-testid="confirm-source">
            <p>
              <strong>{t('import.confirm.title')}</strong> {t(preview.status === 'none' ? 'import.confirm.none' : 'import.confirm.text', { source: sourceName })}
              {others.length > 0 ? ` ${t('import.confirm.others', { others: others.join(', ') })}` : ''}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={confirmedSource === source} onChange={(e) => setConfirmedSource(e.target.checked ? source : null)} />
              <span>{t('import.confirm.check', { source: sourceName })}</span>
            </label>
          </div>
        ) : null}

        {missing.length > 0 ? (
          <div className="notice notice-error" role="alert" data-testid="missing-required">
            <p>
              <strong>{t('import.missing.title')}</strong> {t('import.missing.text')}
            </p>
            <ul>
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}

        {preview.duplicateOf ? (
          <div className="notice notice-warning" role="status" data-testid="duplicate">
            <p>
              <strong>{t('import.duplicate.title')}</strong>{' '}
              {t('import.duplicate.text', {
                label: preview.duplicateOf.label,
                date: i18n.date(preview.duplicateOf.createdAt, true),
                rows: num(preview.duplicateOf.rowsLoaded),
              })}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)} />
              <span>{t('import.duplicate.check')}</span>
            </label>
          </div>
        ) : null}

        {preview.warnings.length > 0 ? (
          <div className="notice notice-info" role="note">
            <p>
              <strong>{t('import.readerNotes')}</strong>
            </p>
            <ul>
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <CountTiles counts={preview.counts} mode="preview" />

        {excelDamage.length > 0 ? (
          <div className="notice notice-nik" role="note" data-testid="nik-warning" data-count={excelDamageRows}>
            <svg className="notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M12 3 2 21h20z" fill="currentColor" />
              <path d="M12 10v5M12 18v.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
            </svg>
            <div>
              <p>
                <strong>{t('import.nik.title', { n: num(excelDamageRows) })}</strong>
              </p>
              <p>{t('import.nik.text')}</p>
            </div>
          </div>
        ) : null}

        <Tabs
          ariaLabel={t('import.preview.tabsLabel')}
          selected={tab}
          onSelect={(id) => setTab(id as Tab)}
          tabs={[
            {
              id: 'mapping',
              label: t('import.tab.mapping', { n: num(preview.columns.length) }),
              content: (
                <>
                  <p className="tab-lead">{t('import.mapping.lead')}</p>
                  <MappingTable
                    columns={preview.columns}
                    fields={preview.fields}
                    mapping={shownMapping}
                    savedMapping={preview.plan.mapping}
                    disabled={previewing}
                    onChange={(index, field) => {
                      const size = Math.max(preview.plan.mapping.length, preview.columns.length);
                      const next = Array.from({ length: size }, (_, i) => preview.plan.mapping[i] ?? null);
                      next[index] = field;
                      setPending({ base: preview, mapping: next });
                      onRemap(next);
                    }}
                  />
                </>
              ),
            },
            {
              id: 'issues',
              label: t('import.tab.issues', { n: num(preview.issues.length) }),
              content: <IssueKindsTable issues={preview.issues} multiSheet={preview.plan.sheets.length > 1} />,
            },
            {
              id: 'rows',
              label: t('import.tab.rows', { n: num(preview.rows.length) }),
              content: (
                <>
                  <p className="tab-lead">{t('import.rows.lead', { n: num(preview.rows.length) })}</p>
                  <PreviewRowsGrid preview={preview} />
                </>
              ),
            },
          ]}
        />
      </div>

      <div className="commit-bar">
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={blockers.length > 0}
          aria-describedby={blockers.length > 0 ? ids.blockers : undefined}
          onClick={() => onCommit({ label, vintage, allowDuplicate })}
        >
          {t('import.commit.button', { n: num(preview.counts.rowsImported) })}
        </button>
        {blockers.length > 0 ? (
          <ul id={ids.blockers} className="commit-blockers">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        ) : (
          <p className="commit-note">{t('import.commit.note', { source: sourceName })}</p>
        )}
      </div>
    </Card>
  );
}
