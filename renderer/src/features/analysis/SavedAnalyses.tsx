import { useId, useState, type SyntheticEvent } from 'react';
import type { SavedAnalysis } from '../../../../shared/contracts/analysis.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import type { SavedAnalyses as SavedState } from './useAnalysis.ts';

export interface SavedAnalysesProps {
  readonly saved: SavedState;
  /** A name to offer (the table's title); empty when there is no table to save. */
  readonly suggestedName: string;
  readonly canSave: boolean;
  readonly onSave: (name: string) => void;
  readonly onOpen: (analysis: SavedAnalysis) => void;
  /** The saved analysis last opened or saved (marked in the list). */
  readonly currentId: number | null;
}

/**
 * Analyses kept by name for workshops: save the table being built (rows, columns, filters,
 * sources, percent and chart), reopen one later exactly as it was, or delete it.
 */
export function SavedAnalysesCard({ saved, suggestedName, canSave, onSave, onOpen, currentId }: SavedAnalysesProps) {
  const { t, dateShort } = useI18n();
  const nameId = useId();
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<SavedAnalysis | null>(null);
  const items = saved.list.data ?? [];

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const n = (name.trim() || suggestedName.slice(0, 120)).trim();
    if (!n || !canSave) return;
    onSave(n);
    setName('');
  };

  return (
    <Card title={t('analysis.saved.title')} subtitle={t('analysis.saved.subtitle')} className="an-saved">
      <form className="an-save-form" onSubmit={submit}>
        <label className="field-label" htmlFor={nameId}>
          {t('analysis.saved.name')}
        </label>
        <div className="an-save-row">
          <input
            id={nameId}
            className="text-input"
            type="text"
            value={name}
            maxLength={120}
            placeholder={suggestedName}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={!canSave || saved.busy}>
            {saved.busy ? t('common.saving') : t('analysis.saved.save')}
          </button>
        </div>
      </form>
      {saved.error ? <ErrorBanner error={saved.error} context={t('analysis.saved.failed')} onDismiss={saved.dismissError} /> : null}

      {saved.list.error ? (
        <ErrorBanner error={saved.list.error} context={t('analysis.saved.loadFailed')} onRetry={saved.list.reload} />
      ) : saved.list.data === undefined ? (
        <Loading text={t('common.loading')} />
      ) : items.length === 0 ? (
        <p className="muted an-saved-none">{t('analysis.saved.none')}</p>
      ) : (
        <ul className="an-saved-list" data-testid="saved-list">
          {items.map((a) => (
            <li key={a.id} className={a.id === currentId ? 'is-current' : undefined} data-saved={a.id}>
              <div className="an-saved-text">
                <span className="an-saved-name">{a.name}</span>
                <span className="muted an-saved-date">{t('analysis.saved.updated', { date: dateShort(a.updatedAt) })}</span>
              </div>
              <div className="row-actions">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => onOpen(a)} aria-label={t('analysis.saved.openNamed', { name: a.name })}>
                  {t('analysis.saved.open')}
                </button>
                <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setDeleting(a)} aria-label={t('analysis.saved.deleteNamed', { name: a.name })}>
                  {t('analysis.saved.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={t('analysis.saved.deleteTitle')}
        confirmLabel={t('analysis.saved.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={saved.busy}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const target = deleting;
          if (!target) return;
          void saved.remove(target.id).then(() => setDeleting(null));
        }}
      >
        <p>{t('analysis.saved.deleteText', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </Card>
  );
}
