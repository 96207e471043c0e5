import { useId, useState } from 'react';
import type { ListSummary } from '../../../../shared/contracts/interventions.ts';
import { downloadHref } from '../../bridge/files.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useListExport } from './useList.ts';

/**
 * The OPD's file: .xlsx (letterhead, the list, summary and method sheets) or .csv, written by the
 * warehouse. NIK and No KK are masked unless the planner explicitly asks for full numbers and
 * confirms it; the export is logged either way, and its SHA-256 shown so the copy handed over can
 * be checked.
 */
export function ListExport({ summary }: { readonly summary: ListSummary }) {
  const { t, num } = useI18n();
  const base = useId();
  const state = useListExport();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [fullNik, setFullNik] = useState(false);
  const [asking, setAsking] = useState(false);
  const r = state.result;
  const href = r ? downloadHref(r.path) : null;

  return (
    <Card title={t('plist.export.title')} subtitle={summary.status === 'draft' ? t('plist.export.draftNote') : undefined} className="pg-export">
      <div className="export-controls pg-export-controls">
        <fieldset className="pg-radios pg-inline-radios">
          <legend className="field-label">{t('plist.export.format')}</legend>
          <label className="radio">
            <input type="radio" name={`${base}-format`} checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} />
            <span>{t('plist.export.xlsx')}</span>
          </label>
          <label className="radio">
            <input type="radio" name={`${base}-format`} checked={format === 'csv'} onChange={() => setFormat('csv')} />
            <span>{t('plist.export.csv')}</span>
          </label>
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={fullNik}
            onChange={(e) => {
              // Full numbers only after an explicit yes in the dialog; unticking needs no question.
              if (e.target.checked) setAsking(true);
              else setFullNik(false);
            }}
          />
          <span>{t('plist.export.fullNik')}</span>
        </label>
        <button type="button" className="btn btn-primary" disabled={state.busy} onClick={() => state.run({ listId: summary.listId, format, fullNik })}>
          {state.busy ? t('plist.export.busy') : format === 'xlsx' ? t('plist.export.buttonXlsx') : t('plist.export.buttonCsv')}
        </button>
      </div>
      {fullNik ? (
        <p className="export-warning" role="note">
          {t('plist.export.fullNikOn')}
        </p>
      ) : (
        <p className="field-note">{t('plist.export.maskedNote')}</p>
      )}
      {state.error ? <ErrorBanner error={state.error} context={t('plist.export.failed')} onDismiss={state.reset} /> : null}
      {r ? (
        <div className="export-done pg-export-done" role="status" data-testid="list-export-done" data-rows={r.rows} data-sha={r.sha256} data-masked={r.masked}>
          <dl className="dl">
            <div className="dl-row">
              <dt>{t('plist.export.file')}</dt>
              <dd>
                <code className="path">{r.fileName}</code>
              </dd>
            </div>
            <div className="dl-row">
              <dt>{t('plist.export.rows')}</dt>
              <dd>{num(r.rows)}</dd>
            </div>
            <div className="dl-row">
              <dt>{t('plist.export.nik')}</dt>
              <dd>{r.masked ? t('plist.export.masked') : t('plist.export.full')}</dd>
            </div>
            <div className="dl-row">
              <dt>SHA-256</dt>
              <dd>
                <code className="path pg-sha">{r.sha256}</code>
              </dd>
            </div>
          </dl>
          {href ? (
            <a className="btn btn-secondary btn-small" href={href} download={r.fileName}>
              {t('plist.export.download', { file: r.fileName })}
            </a>
          ) : (
            <p>
              {t('analysis.export.savedAt')} <code className="path">{r.path}</code>
            </p>
          )}
          <button type="button" className="btn btn-ghost btn-small" onClick={state.reset}>
            {t('common.close')}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={t('plist.export.fullNikTitle')}
        confirmLabel={t('plist.export.fullNikConfirm')}
        cancelLabel={t('plist.export.fullNikCancel')}
        danger
        onConfirm={() => {
          setFullNik(true);
          setAsking(false);
        }}
        onCancel={() => setAsking(false)}
      >
        <p>{t('plist.export.fullNikText')}</p>
      </ConfirmDialog>
    </Card>
  );
}
