import { useMemo } from 'react';
import type { SourceCount } from '../../../../shared/contracts/home.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME, UNIT_MAIN, hasPersons } from './sourceLabels.ts';

const batchRowId = (r: SourceCount): string => String(r.batch.id);

/** Every batch in the warehouse with its counts inside the chosen region (client-side rows). */
export function BatchTable({ bySource, regionName }: { readonly bySource: readonly SourceCount[]; readonly regionName: string }) {
  const { t, num, dateShort } = useI18n();
  const columns = useMemo<readonly DataGridColumn<SourceCount>[]>(
    () => [
      { id: 'source', header: t('batches.colSource'), value: (r) => t(SOURCE_NAME[r.batch.source]), flex: 1.1, minWidth: 150 },
      { id: 'label', header: t('batches.colLabel'), value: (r) => r.batch.label, flex: 1.6, minWidth: 230 },
      { id: 'vintage', header: t('batches.colVintage'), value: (r) => r.batch.vintage ?? '—', width: 124 },
      {
        id: 'origin',
        header: t('batches.colOrigin'),
        value: (r) => t(r.batch.origin === 'demo' ? 'origin.demo' : 'origin.import'),
        width: 110,
        cellClass: (r) => (r.batch.origin === 'demo' ? 'cell-demo' : undefined),
      },
      {
        id: 'families',
        header: t('batches.colCount'),
        value: (r) => r.families,
        format: (v, r) => `${num(typeof v === 'number' ? v : 0)} ${t(UNIT_MAIN[r.batch.source])}`,
        numeric: true,
        width: 210,
      },
      {
        id: 'persons',
        header: t('batches.colPersons'),
        value: (r) => (hasPersons(r.batch.source) ? r.persons : null),
        format: (v) => (typeof v === 'number' ? num(v) : '—'),
        numeric: true,
        width: 120,
      },
      { id: 'created', header: t('batches.colCreated'), value: (r) => r.batch.createdAt, format: (v) => (typeof v === 'string' ? dateShort(v) : ''), width: 140 },
    ],
    [t, num, dateShort],
  );
  return (
    <Card level={3} title={t('batches.title')} subtitle={t('batches.subtitle', { region: regionName })} className="batch-card">
      <DataGrid
        columns={columns}
        rows={bySource}
        getRowId={batchRowId}
        ariaLabel={t('batches.title')}
        emptyText={t('batches.empty')}
      />
    </Card>
  );
}
