import { useT } from '../i18n/useT.ts';

export interface ErrorBannerProps {
  /** The message as the warehouse sent it (already in the user's language). */
  readonly error: Error;
  /** What failed, e.g. "Ringkasan Beranda tidak dapat dimuat." */
  readonly context?: string;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
}

/** A clear, announced error with the warehouse's own message and what can be done. */
export function ErrorBanner({ error, context, onRetry, onDismiss }: ErrorBannerProps) {
  const t = useT();
  return (
    <div className="error-banner" role="alert">
      <svg className="error-banner-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" fill="currentColor" />
        <path d="M12 6.5v7M12 16.5v.5" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      <div className="error-banner-text">
        {context ? <p className="error-banner-context">{context}</p> : null}
        <p className="error-banner-message">{error.message}</p>
      </div>
      <div className="error-banner-actions">
        {onRetry ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
            {t('common.close')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
