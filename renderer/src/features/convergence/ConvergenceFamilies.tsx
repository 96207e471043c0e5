import { useCallback, useMemo, useState } from 'react';
import type { CandidateRow } from '../../../../shared/contracts/interventions.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type CellValue, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { familiesDatasource, type FamiliesTarget } from './useConvergence.ts';

const BLOCK = 200;

interface ColumnSpec {
  readonly id: string;
  readonly header: UiKey;
  readonly value: (r: CandidateRow) => CellValue;
  readonly minWidth?: number;
  readonly width?: number;
  readonly numeric?: boolean;
  readonly idCell?: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'kecamatan', header: 'conv.fam.col.kecamatan', value: (r) => r.kecamatan, minWidth: 150 },
  { id: 'desa', header: 'conv.fam.col.desa', value: (r) => r.desa, minWidth: 160 },
  { id: 'nama', header: 'conv.fam.col.nama', value: (r) => r.nama, minWidth: 220 },
  { id: 'nik', header: 'conv.fam.col.nik', value: (r) => r.nik, minWidth: 190, idCell: true },
  { id: 'noKk', header: 'conv.fam.col.noKk', value: (r) => r.noKk, minWidth: 190, idCell: true },
  { id: 'desil', header: 'conv.fam.col.desil', value: (r) => r.desil, width: 100, numeric: true },
  { id: 'idKeluarga', header: 'conv.fam.col.idKeluarga', value: (r) => r.idKeluarga, minWidth: 190 },
];

const familyRowId = (r: CandidateRow): string => String(r.familyId);

export interface ConvergenceFamiliesProps {
  readonly target: FamiliesTarget;
  readonly onOpenFamily: (row: CandidateRow) => void;
  readonly onClose: () => void;
}

/**
 * The families behind a convergence count, a block at a time from the warehouse, which also gives
 * the exact count (so the grid has as many rows as the figure clicked). NIK and No KK arrive masked;
 * the order is the warehouse's (file order), so the columns do not sort.
 */
export function ConvergenceFamilies({ target, onOpenFamily, onClose }: ConvergenceFamiliesProps) {
  const { t, num } = useI18n();
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const onCount = useCallback((n: number) => setCount(n), []);
  const datasource = useMemo(() => familiesDatasource(target, onCount), [target, onCount]);
  const onError = useCallback((e: Error) => setError(e), []);

  const columns = useMemo<readonly DataGridColumn<CandidateRow>[]>(
    () =>
      COLUMNS.map((c): DataGridColumn<CandidateRow> => ({
        id: c.id,
        header: t(c.header),
        value: c.value,
        format: c.numeric ? (v) => (typeof v === 'number' ? num(v) : '') : (v) => (v === null ? '' : String(v)),
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
      title={t('conv.fam.title', { what: target.title })}
      subtitle={count === null ? t('common.loading') : t('conv.fam.count', { n: num(count) })}
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      }
      className="conv-families-card"
    >
      <p className="muted conv-fam-lead" data-testid="conv-families-count" data-count={count ?? ''} data-expected={target.families}>
        {t('conv.fam.lead')}
      </p>
      {error ? <ErrorBanner error={error} context={t('conv.fam.failed')} onDismiss={() => setError(null)} /> : null}
      <DataGrid
        columns={columns}
        datasource={datasource}
        blockSize={BLOCK}
        getRowId={familyRowId}
        height={440}
        ariaLabel={t('conv.fam.gridLabel')}
        emptyText={t('conv.fam.none')}
        onError={onError}
        onRowClick={onOpenFamily}
        className="conv-grid"
      />
    </Card>
  );
}
