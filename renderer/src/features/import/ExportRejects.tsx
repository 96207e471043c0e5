import { useId, useState } from 'react';
import type { ExportResult } from '../../../../shared/contracts/imports.ts';
import { downloadHref } from '../../bridge/files.ts';
import { warehouse } from '../../bridge/index.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { toError } from '../../lib/useAsync.ts';

/**
 * Export the rejected and flagged rows of a batch to Excel, NIKs masked unless the planner asks
 * otherwise (the warehouse logs that). The browser host offers a download; in the desktop app the
 * file is already on this computer, so its place is shown.
 */
export function ExportRejects({ batchId }: { readonly batchId: number }) {
  const { t, num } = useI18n();
  const fullId = useId();
  const warnId = useId();
  const [showFullNik, setShowFullNik] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const run = () => {
    setBusy(true);
    setError(null);
    setResult(null);
    warehouse()
      .call('imports.exportRejects', { batchId, showFullNik })
      .then(
        (r) => {
          setBusy(false);
          setResult(r);
        },
        (e: unknown) => {
          setBusy(false);
          setError(toError(e));
        },
      );
  };

  const href = result ? downloadHref(result.path) : null;
  return (
    <div className="export-box">
      <div className="export-controls">
        <label className="checkbox" htmlFor={fullId}>
          <input id={fullId} type="checkbox" checked={showFullNik} onChange={(e) => setShowFullNik(e.target.checked)} aria-describedby={showFullNik ? warnId : undefined} />
          <span>{t('import.export.fullNik')}</span>
        </label>
        <button type="button" className="btn btn-primary" onClick={run} disabled={busy}>
          {busy ? t('import.export.busy') : t('import.export.button')}
        </button>
      </div>
      {showFullNik ? (
        <p id={warnId} className="export-warning">
          {t('import.export.fullNikWarning')}
        </p>
      ) : null}
      {error ? <ErrorBanner error={error} context={t('import.export.failed')} onDismiss={() => setError(null)} /> : null}
      {result ? (
        <div className="export-done" role="status" data-testid="export-done">
          <p>
            {t('import.export.done', { rejected: num(result.rejected), flagged: num(result.flagged) })}{' '}
            {t(result.niksMasked ? 'import.export.masked' : 'import.export.unmasked')}
          </p>
          {href ? (
            <a className="btn btn-secondary" href={href} download={result.fileName}>
              {t('import.export.download', { file: result.fileName })}
            </a>
          ) : (
            <p>
              {t('import.export.savedAt')} <code className="path">{result.path}</code>
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
