import { useMemo } from 'react';
import type { RejectRow, RejectsPage } from '../../../../shared/contracts/imports.ts';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { warehouse } from '../../bridge/index.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useAsync } from '../../lib/useAsync.ts';
import { keysetDatasource, sheetRowColumn } from './keysetSource.ts';

const PAGE = 200;
const rejectId = (r: RejectRow): string => String(r.id);

/** The rejected rows of a batch as they were in the file, with the row number and the reasons first. */
export function BatchRejectsGrid({ batchId, onError }: { readonly batchId: number; readonly onError: (e: Error) => void }) {
  const { t, num } = useI18n();
  const first = useAsync(() => warehouse().call('imports.rejects', { batchId, limit: PAGE }), [batchId]);
  const page: RejectsPage | undefined = first.data;

  const datasource = useMemo(
    () => (page ? keysetDatasource<RejectRow>((afterId, limit) => warehouse().call('imports.rejects', { batchId, afterId, limit }), (r) => r.id, page) : null),
    [batchId, page],
  );
  const multiSheet = useMemo(() => (page ? new Set(page.rows.map((r) => r.sheet)).size > 1 : false), [page]);
  const columns = useMemo<readonly DataGridColumn<RejectRow>[]>(
    () => [
      sheetRowColumn<RejectRow>(t('import.rejects.colRow'), multiSheet, num),
      { id: 'reasons', header: t('import.rejects.colReasons'), value: (r) => r.reasons, minWidth: 520, flex: 3, sortable: false, cellClass: () => 'cell-reasons' },
      ...(page?.columns ?? []).map(
        (header, i): DataGridColumn<RejectRow> => ({ id: `c${i}`, header: header || `#${i + 1}`, value: (r) => r.cells[i] ?? '', minWidth: 130, sortable: false }),
      ),
    ],
    [page?.columns, multiSheet, t, num],
  );

  if (first.error) return <ErrorBanner error={first.error} context={t('import.rejects.loadFailed')} onRetry={first.reload} />;
  if (!page || !datasource) return <Loading text={t('common.loading')} />;
  if (page.total === 0) return <p className="muted">{t('import.rejects.none')}</p>;
  return (
    <>
      <p className="tab-lead">{t('import.rejects.lead', { n: num(page.total) })}</p>
      <DataGrid
        columns={columns}
        datasource={datasource}
        blockSize={PAGE}
        getRowId={rejectId}
        height={400}
        ariaLabel={t('import.rejects.gridLabel')}
        onError={onError}
        className="rejects-grid"
      />
    </>
  );
}
