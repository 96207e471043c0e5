import { useCallback, useMemo, useState } from 'react';
import type { LinkedRecordRow } from '../../../../shared/contracts/linkage.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type CellValue, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { methodLabel } from './linkageModel.ts';
import { LinkExport } from './LinkExport.tsx';
import { recordsDatasource, type RecordsTarget } from './useLinkage.ts';

const BLOCK = 200;

interface ColumnSpec {
  readonly id: string;
  readonly header: UiKey;
  readonly value: (r: LinkedRecordRow) => CellValue;
  readonly minWidth?: number;
  readonly width?: number;
  readonly numeric?: boolean;
  readonly idCell?: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'side', header: 'link.rec.col.side', value: (r) => r.side.toUpperCase(), width: 80 },
  { id: 'kecamatan', header: 'link.rec.col.kecamatan', value: (r) => r.kecamatan, minWidth: 140 },
  { id: 'desa', header: 'link.rec.col.desa', value: (r) => r.desa, minWidth: 150 },
  { id: 'name', header: 'link.rec.col.name', value: (r) => r.name, minWidth: 200 },
  { id: 'nik', header: 'link.rec.col.nik', value: (r) => r.nik, minWidth: 180, idCell: true },
  { id: 'kk', header: 'link.rec.col.kk', value: (r) => r.kk, minWidth: 180, idCell: true },
  { id: 'birth', header: 'link.rec.col.birth', value: (r) => r.birth, width: 130 },
  { id: 'desil', header: 'link.rec.col.desil', value: (r) => r.desil, width: 90, numeric: true },
  { id: 'other', header: 'link.rec.col.other', value: (r) => r.other?.name ?? null, minWidth: 200 },
  { id: 'method', header: 'link.rec.col.method', value: (r) => r.other?.method ?? null, minWidth: 150 },
  { id: 'score', header: 'link.rec.col.score', value: (r) => r.other?.score ?? null, width: 100, numeric: true },
];

const recordRowId = (r: LinkedRecordRow): string => `${r.side}${r.id}`;

export interface LinkRecordsProps {
  readonly target: RecordsTarget;
  readonly onOpenFamily: (row: LinkedRecordRow) => void;
  readonly onClose: () => void;
}

/**
 * The records behind a padu-padan count, a block at a time from the warehouse, which also gives
 * the exact count (so the grid has as many rows as the figure clicked). NIK and No KK arrive
 * masked; the order is the warehouse's, so the columns do not sort.
 */
export function LinkRecords({ target, onOpenFamily, onClose }: LinkRecordsProps) {
  const { t, num } = useI18n();
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const onCount = useCallback((n: number) => setCount(n), []);
  const datasource = useMemo(() => recordsDatasource(target, onCount), [target, onCount]);
  const onError = useCallback((e: Error) => setError(e), []);
  // Only records that belong to a family open the family's detail.
  const onRow = useCallback((r: LinkedRecordRow) => {
    if (r.familyId !== null) onOpenFamily(r);
  }, [onOpenFamily]);

  const columns = useMemo<readonly DataGridColumn<LinkedRecordRow>[]>(
    () =>
      COLUMNS.map((c): DataGridColumn<LinkedRecordRow> => ({
        id: c.id,
        header: t(c.header),
        value: c.value,
        format:
          c.id === 'method'
            ? (v) => (typeof v === 'string' ? methodLabel(t, v) : '')
            : c.id === 'score'
              ? (v) => (typeof v === 'number' ? num(v, 2) : '')
              : c.numeric
                ? (v) => (typeof v === 'number' ? num(v) : '')
                : (v) => (v === null ? '' : String(v)),
        numeric: c.numeric,
        sortable: false,
        width: c.width,
        minWidth: c.minWidth ?? c.width,
        cellClass: c.idCell ? () => 'cell-id' : undefined,
      })),
    [t, num],
  );

  return (
    <Card
      title={t('link.rec.title', { what: target.title })}
      subtitle={count === null ? t('common.loading') : t('link.rec.count', { n: num(count) })}
      actions={
        <>
          <LinkExport runId={target.runId} region={target.region} bucket={target.bucket} />
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
      className="link-records-card"
    >
      <p className="muted conv-fam-lead" data-testid="link-records-count" data-count={count ?? ''} data-expected={target.expected}>
        {t('link.rec.lead')}
      </p>
      {error ? <ErrorBanner error={error} context={t('link.rec.failed')} onDismiss={() => setError(null)} /> : null}
      <DataGrid
        columns={columns}
        datasource={datasource}
        blockSize={BLOCK}
        getRowId={recordRowId}
        height={440}
        ariaLabel={t('link.rec.gridLabel')}
        emptyText={t('link.rec.none')}
        onError={onError}
        onRowClick={onRow}
        className="link-grid"
      />
    </Card>
  );
}
