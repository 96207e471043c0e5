import { useState } from 'react';
import { warehouse } from '../../bridge/index.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useAsync } from '../../lib/useAsync.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { BatchIssuesGrid } from './BatchIssuesGrid.tsx';
import { BatchRejectsGrid } from './BatchRejectsGrid.tsx';
import { ExportRejects } from './ExportRejects.tsx';

type Tab = 'rejects' | 'issues';

/** One batch: where it came from, its rejected rows and its issues, and the export of both. */
export function BatchDetailPanel({ batchId, onClose }: { readonly batchId: number; readonly onClose: () => void }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const batch = useAsync(() => warehouse().call('batches.get', { id: batchId }), [batchId]);
  const [tab, setTab] = useState<Tab>('rejects');
  const [gridError, setGridError] = useState<Error | null>(null);
  const b = batch.data?.id === batchId ? batch.data : undefined;
  const issueTotal = b ? Object.values(b.issues).reduce<number>((n, v) => n + (v ?? 0), 0) : 0;

  return (
    <Card
      title={b ? t('import.detail.title', { label: b.label }) : t('import.detail.titleLoading')}
      subtitle={
        b
          ? [
              t(SOURCE_NAME[b.source]),
              b.vintage ? t('import.detail.vintage', { vintage: b.vintage }) : null,
              b.fileName,
              t('import.detail.rows', { read: num(b.rowsRead), loaded: num(b.rowsLoaded), rejected: num(b.rowsRejected), warned: num(b.rowsWarned) }),
            ]
              .filter((x): x is string => x !== null && x !== '')
              .join(' · ')
          : undefined
      }
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      }
      className="batch-detail"
      busy={batch.loading}
    >
      <div data-testid="batch-detail" data-batch={batchId}>
        {batch.error ? <ErrorBanner error={batch.error} context={t('import.detail.loadFailed')} onRetry={batch.reload} /> : null}
        {gridError ? <ErrorBanner error={gridError} context={t('import.detail.pageFailed')} onDismiss={() => setGridError(null)} /> : null}
        {!b ? (
          batch.error ? null : <Loading text={t('common.loading')} />
        ) : (
          <>
            <ExportRejects batchId={batchId} />
            <Tabs
              ariaLabel={t('import.detail.tabsLabel')}
              selected={tab}
              onSelect={(id) => setTab(id as Tab)}
              tabs={[
                { id: 'rejects', label: t('import.detail.tabRejects', { n: num(b.rowsRejected) }), content: <BatchRejectsGrid batchId={batchId} onError={setGridError} /> },
                { id: 'issues', label: t('import.detail.tabIssues', { n: num(issueTotal) }), content: <BatchIssuesGrid batchId={batchId} onError={setGridError} /> },
              ]}
            />
          </>
        )}
      </div>
    </Card>
  );
}
