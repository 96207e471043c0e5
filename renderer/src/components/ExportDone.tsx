import type { ReactNode } from 'react';
import { downloadHref } from '../bridge/files.ts';
import { useI18n } from '../i18n/useT.ts';

export interface ExportDoneProps {
  readonly result: { readonly path: string; readonly fileName: string };
  /** What was written, in words (rows, masking), above the link. */
  readonly children?: ReactNode;
  readonly onClose?: () => void;
  readonly testId?: string;
  readonly className?: string;
}

/**
 * After the warehouse wrote a file: in the browser host a download link; in the desktop app the
 * file already lies on this computer, so its place is shown.
 */
export function ExportDone({ result, children, onClose, testId, className }: ExportDoneProps) {
  const { t } = useI18n();
  const href = downloadHref(result.path);
  return (
    <div className={`export-done${className ? ` ${className}` : ''}`} role="status" data-testid={testId}>
      {children}
      {href ? (
        <a className="btn btn-primary btn-small" href={href} download={result.fileName}>
          {t('analysis.export.download', { file: result.fileName })}
        </a>
      ) : (
        <p>
          {t('analysis.export.savedAt')} <code className="path">{result.path}</code>
        </p>
      )}
      {onClose ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      ) : null}
    </div>
  );
}
