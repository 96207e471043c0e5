import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';

export interface ReasonDialogProps {
  readonly title: string;
  /** What is about to happen, and to whom. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly busy: boolean;
  /** The warehouse's answer when it refused. */
  readonly error: Error | null;
  readonly onConfirm: (reason: string) => void;
  readonly onCancel: () => void;
}

/**
 * A manual change to a list needs a reason — it goes on the list, the version comparison and the
 * method sheet. The dialog refuses an empty one before anything is sent.
 */
export function ReasonDialog({ title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: ReasonDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const areaId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      areaRef.current?.focus();
    }
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const confirm = () => {
    if (reason.trim() === '') {
      setMissing(true);
      areaRef.current?.focus();
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog pg-reason-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="confirm-dialog-title">
        {title}
      </h2>
      <div className="confirm-dialog-body">{children}</div>
      <div className="form-field">
        <label className="field-label" htmlFor={areaId}>
          {t('plist.reason.label')}
        </label>
        <textarea
          id={areaId}
          ref={areaRef}
          className="text-input"
          rows={3}
          maxLength={500}
          required
          aria-invalid={missing}
          aria-describedby={missing ? `${areaId}-missing` : undefined}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim() !== '') setMissing(false);
          }}
        />
        {missing ? (
          <p id={`${areaId}-missing`} className="field-note warn-text" role="alert">
            {t('plist.reason.required')}
          </p>
        ) : null}
      </div>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="button-row confirm-dialog-actions">
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onClick={confirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
