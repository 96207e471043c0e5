import { useMemo, useState } from 'react';
import type { BatchDetail } from '../../../../shared/contracts/imports.ts';
import { locale } from '../../../../shared/i18n/format.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { toError } from '../../lib/useAsync.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { deleteBatch, useBatches } from './useBatches.ts';

export interface BatchListProps {
  /** The batch whose details are open, if any. */
  readonly openId: number | null;
  readonly onOpen: (batch: BatchDetail) => void;
  readonly onDeleted: (id: number) => void;
}

/** Every batch in the warehouse with where it came from; open one, or delete it (after a confirmation). */
export function BatchList({ openId, onOpen, onDeleted }: BatchListProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const batches = useBatches();
  const stamp = useMemo(() => new Intl.DateTimeFormat(locale(i18n.lang), { dateStyle: 'medium', timeStyle: 'short' }), [i18n.lang]);
  const when = (iso: string): string => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : stamp.format(d);
  };
  const [pending, setPending] = useState<BatchDetail | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const confirmDelete = () => {
    if (!pending) return;
    const id = pending.id;
    setDeleting(true);
    setError(null);
    deleteBatch(id).then(
      () => {
        setDeleting(false);
        setPending(null);
        onDeleted(id);
        batches.reload();
      },
      (e: unknown) => {
        setDeleting(false);
        setPending(null);
        setError(toError(e));
      },
    );
  };

  const list = batches.data;
  return (
    <Card title={t('import.batches.title')} subtitle={t('import.batches.subtitle')} className="batches-card" busy={batches.loading}>
      {error ? <ErrorBanner error={error} context={t('import.batches.deleteFailed')} onDismiss={() => setError(null)} /> : null}
      {batches.error ? <ErrorBanner error={batches.error} context={t('import.batches.loadFailed')} onRetry={batches.reload} /> : null}
      {!list ? (
        batches.error ? null : <Loading text={t('common.loading')} />
      ) : list.length === 0 ? (
        <p className="muted">{t('import.batches.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table batch-list" data-testid="batch-list">
            <caption className="sr-only">{t('import.batches.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.batches.colLabel')}</th>
                <th scope="col">{t('import.batches.colSource')}</th>
                <th scope="col">{t('import.batches.colVintage')}</th>
                <th scope="col">{t('import.batches.colFile')}</th>
                <th scope="col" className="num">
                  {t('import.batches.colRows')}
                </th>
                <th scope="col">{t('import.batches.colImported')}</th>
                <th scope="col">{t('import.batches.colUser')}</th>
                <th scope="col">
                  <span className="sr-only">{t('import.batches.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id} data-batch={b.id} aria-current={b.id === openId ? 'true' : undefined}>
                  <th scope="row" className="batch-label">
                    {b.label}
                    {b.origin === 'demo' ? (
                      <>
                        {' '}
                        <span className="badge badge-demo">{t('origin.demo')}</span>
                      </>
                    ) : null}
                  </th>
                  <td className="nowrap">{t(SOURCE_NAME[b.source])}</td>
                  <td>{b.vintage ?? '—'}</td>
                  <td className="batch-file" title={b.fileName ?? undefined}>
                    {b.fileName ?? '—'}
                  </td>
                  <td className="num">
                    <span data-field="loaded">{num(b.rowsLoaded)}</span>
                    {b.rowsRejected > 0 ? (
                      <span className="batch-rejected">
                        {' '}
                        · {t('import.batches.rejected', { n: num(b.rowsRejected) })}
                      </span>
                    ) : null}
                  </td>
                  <td className="nowrap">{when(b.completedAt ?? b.createdAt)}</td>
                  <td>{b.osUser ?? '—'}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => onOpen(b)}
                      aria-label={t('import.batches.openLabel', { label: b.label })}
                    >
                      {t('import.batches.open')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small btn-danger-text"
                      onClick={() => setPending(b)}
                      aria-label={t('import.batches.deleteLabel', { label: b.label })}
                    >
                      {t('import.batches.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={t('import.delete.title')}
        confirmLabel={t('import.delete.confirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={deleting}
        onConfirm={confirmDelete}
        onCancel={() => setPending(null)}
      >
        {pending ? (
          <p>
            {t('import.delete.text', { label: pending.label, source: t(SOURCE_NAME[pending.source]), rows: num(pending.rowsLoaded), rejected: num(pending.rowsRejected) })}
          </p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
