import { useCallback, useMemo, useState } from 'react';
import type { DrillColumn, DrillRow } from '../../../../shared/contracts/analysis.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { NUMBER_DRILL_COLUMNS, type DrillTarget } from './analysisModel.ts';
import { drillDatasource } from './useAnalysis.ts';

const BLOCK = 200;

interface ColumnSpec {
  readonly id: DrillColumn;
  readonly header: UiKey;
  readonly width?: number;
  readonly minWidth?: number;
  readonly flex?: number;
}

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'kabupaten', header: 'analysis.drill.col.kabupaten', minWidth: 170 },
  { id: 'kecamatan', header: 'analysis.drill.col.kecamatan', minWidth: 140 },
  { id: 'desa', header: 'analysis.drill.col.desa', minWidth: 150 },
  { id: 'nama_kepala', header: 'analysis.drill.col.nama_kepala', minWidth: 200 },
  { id: 'nik_kepala', header: 'analysis.drill.col.nik_kepala', minWidth: 190 },
  { id: 'no_kk', header: 'analysis.drill.col.no_kk', minWidth: 190 },
  { id: 'desil', header: 'analysis.drill.col.desil', width: 110 },
  { id: 'jumlah_anggota', header: 'analysis.drill.col.jumlah_anggota', width: 150 },
  { id: 'umur_kepala', header: 'analysis.drill.col.umur_kepala', width: 140 },
  { id: 'jk_kepala', header: 'analysis.drill.col.jk_kepala', minWidth: 170 },
  { id: 'alamat', header: 'analysis.drill.col.alamat', minWidth: 220 },
  { id: 'lantai', header: 'analysis.drill.col.lantai', minWidth: 150 },
  { id: 'air_minum', header: 'analysis.drill.col.air_minum', minWidth: 170 },
  { id: 'jamban', header: 'analysis.drill.col.jamban', minWidth: 170 },
  { id: 'stunting', header: 'analysis.drill.col.stunting', minWidth: 160 },
  { id: 'id_keluarga', header: 'analysis.drill.col.id_keluarga', minWidth: 170 },
  { id: 'sumber', header: 'analysis.drill.col.sumber', width: 110 },
];

const familyRowId = (r: DrillRow): string => String(r.familyId);

export interface DrillPanelProps {
  readonly target: DrillTarget;
  readonly onOpenFamily: (row: DrillRow) => void;
  readonly onClose: () => void;
}

/**
 * The families behind a cell, in an infinite grid: the warehouse sorts and filters (the filter
 * boxes under the headers) and answers with the exact count, so the list always has as many rows
 * as the cell counts (until a column filter narrows it). NIK and No KK arrive masked.
 */
export function DrillPanel({ target, onOpenFamily, onClose }: DrillPanelProps) {
  const { t, num } = useI18n();
  const [count, setCount] = useState<{ n: number; ms: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const onCount = useCallback((n: number, ms: number) => setCount({ n, ms }), []);
  const datasource = useMemo(() => drillDatasource(target, onCount), [target, onCount]);
  const onError = useCallback((e: Error) => setError(e), []);

  const columns = useMemo<readonly DataGridColumn<DrillRow>[]>(
    () =>
      COLUMNS.map((c): DataGridColumn<DrillRow> => {
        const numeric = NUMBER_DRILL_COLUMNS.includes(c.id);
        return {
          id: c.id,
          header: t(c.header),
          value: (r) => r[c.id],
          format: numeric ? (v) => (typeof v === 'number' ? num(v) : '') : (v) => (v === null ? '' : String(v)),
          numeric,
          filter: numeric ? 'number' : 'text',
          width: c.width,
          minWidth: c.minWidth ?? c.width,
          flex: c.flex,
          cellClass: c.id === 'no_kk' || c.id === 'nik_kepala' ? () => 'cell-id' : undefined,
        };
      }),
    [t, num],
  );

  const filtered = count !== null && count.n !== target.families;
  return (
    <Card
      title={t('analysis.drill.title', { cell: target.title })}
      subtitle={
        count === null
          ? t('common.loading')
          : filtered
            ? t('analysis.drill.countFiltered', { n: num(count.n), total: num(target.families) })
            : t('analysis.drill.count', { n: num(count.n) })
      }
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      }
      className="an-drill"
    >
      <div className="an-drill-meta" data-testid="drill-count" data-count={count?.n ?? ''} data-expected={target.families}>
        <p className="muted">
          {t('analysis.drill.lead')} {count ? t('analysis.drill.ms', { ms: num(count.ms, count.ms < 10 ? 1 : 0) }) : ''}
        </p>
      </div>
      {error ? <ErrorBanner error={error} context={t('analysis.drill.failed')} onDismiss={() => setError(null)} /> : null}
      <DataGrid
        columns={columns}
        datasource={datasource}
        blockSize={BLOCK}
        getRowId={familyRowId}
        height={460}
        ariaLabel={t('analysis.drill.gridLabel')}
        emptyText={t('analysis.drill.none')}
        onError={onError}
        onRowClick={onOpenFamily}
        className="drill-grid"
      />
    </Card>
  );
}
