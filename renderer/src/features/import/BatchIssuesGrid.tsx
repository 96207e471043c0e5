import { useId, useMemo, useState } from 'react';
import type { IssuesPage } from '../../../../shared/contracts/imports.ts';
import type { Severity } from '../../../../shared/import/issues.ts';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { warehouse } from '../../bridge/index.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useAsync } from '../../lib/useAsync.ts';
import { SEVERITY_LABEL, kindLabel } from './importLabels.ts';
import { keysetDatasource, sheetRowColumn } from './keysetSource.ts';

const PAGE = 200;
type IssueRow = IssuesPage['rows'][number];
const issueId = (r: IssueRow): string => String(r.id);

/** Every issue of a batch, in file order, optionally of one severity. */
export function BatchIssuesGrid({ batchId, onError }: { readonly batchId: number; readonly onError: (e: Error) => void }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const filterId = useId();
  const [severity, setSeverity] = useState<Severity | ''>('');
  const args = useMemo(() => (severity === '' ? { batchId } : { batchId, severity }), [batchId, severity]);
  const first = useAsync(() => warehouse().call('imports.issues', { ...args, limit: PAGE }), [args]);
  // While another severity loads, the old page is not shown under the new filter.
  const page = first.loading ? undefined : first.data;
  const datasource = useMemo(
    () => (page ? keysetDatasource<IssueRow>((afterId, limit) => warehouse().call('imports.issues', { ...args, afterId, limit }), (r) => r.id, page) : null),
    // A new first page comes with new arguments: the datasource follows it.
    [page],
  );
  const multiSheet = useMemo(() => (page ? new Set(page.rows.map((r) => r.sheet)).size > 1 : false), [page]);
  const columns = useMemo<readonly DataGridColumn<IssueRow>[]>(
    () => [
      sheetRowColumn<IssueRow>(t('import.rejects.colRow'), multiSheet, num),
      {
        id: 'severity',
        header: t('import.issues.colSeverity'),
        value: (r) => t(SEVERITY_LABEL[r.severity]),
        width: 130,
        sortable: false,
        cellClass: (r) => `cell-severity severity-${r.severity}`,
      },
      { id: 'kind', header: t('import.issues.colKind'), value: (r) => kindLabel(i18n, r.kind), minWidth: 300, sortable: false },
      { id: 'column', header: t('import.issues.colColumn'), value: (r) => r.column ?? '—', minWidth: 140, sortable: false },
      { id: 'value', header: t('import.issues.colValue'), value: (r) => r.value ?? '', minWidth: 160, sortable: false },
      { id: 'message', header: t('import.issues.colMessage'), value: (r) => r.message, minWidth: 360, flex: 1, sortable: false },
    ],
    [multiSheet, t, num, i18n],
  );

  return (
    <>
      <div className="grid-toolbar">
        <div className="inline-field">
          <label htmlFor={filterId}>{t('import.issues.filter')}</label>
          <select id={filterId} className="select select-small" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | '')}>
            <option value="">{t('import.issues.filterAll')}</option>
            <option value="error">{t('import.severity.error')}</option>
            <option value="warning">{t('import.severity.warning')}</option>
            <option value="info">{t('import.severity.info')}</option>
          </select>
        </div>
        {page ? <span className="muted">{t('import.issues.total', { n: num(page.total) })}</span> : null}
      </div>
      {first.error ? <ErrorBanner error={first.error} context={t('import.issues.loadFailed')} onRetry={first.reload} /> : null}
      {!page || !datasource ? (
        first.error ? null : <Loading text={t('common.loading')} />
      ) : page.total === 0 ? (
        <p className="muted">{t('import.issues.none')}</p>
      ) : (
        <DataGrid
          columns={columns}
          datasource={datasource}
          blockSize={PAGE}
          getRowId={issueId}
          height={400}
          ariaLabel={t('import.issues.gridLabel')}
          onError={onError}
        />
      )}
    </>
  );
}
