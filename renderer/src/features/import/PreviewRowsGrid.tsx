import { useMemo } from 'react';
import type { ImportPreview, PreviewRow } from '../../../../shared/contracts/imports.ts';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { STATUS_LABEL, kindLabel } from './importLabels.ts';

const rowId = (r: PreviewRow): string => `${r.sheet}\u0000${r.row}`;

/** The first mapped rows as they would be stored, with their status and issues. */
export function PreviewRowsGrid({ preview }: { readonly preview: ImportPreview }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const multiSheet = preview.plan.sheets.length > 1;
  const columns = useMemo<readonly DataGridColumn<PreviewRow>[]>(() => {
    const fieldByKey = new Map(preview.fields.map((f) => [f.key, f]));
    const keys: string[] = [];
    for (const key of preview.plan.mapping) if (key !== null && !keys.includes(key)) keys.push(key);
    const cols: DataGridColumn<PreviewRow>[] = [
      {
        id: 'status',
        header: t('import.rows.colStatus'),
        value: (r) => t(STATUS_LABEL[r.status]),
        width: 130,
        cellClass: (r) => `cell-status status-${r.status}`,
      },
      ...(multiSheet ? [{ id: 'sheet', header: t('import.rows.colSheet'), value: (r: PreviewRow) => r.sheet, width: 120 }] : []),
      { id: 'row', header: t('import.rows.colRow'), value: (r) => r.row, format: (v) => (typeof v === 'number' ? num(v) : ''), numeric: true, width: 90 },
      {
        id: 'issues',
        header: t('import.rows.colIssues'),
        value: (r) => r.issues.map((k) => kindLabel(i18n, k)).join('; '),
        minWidth: 300,
      },
      ...keys.map((key): DataGridColumn<PreviewRow> => {
        const f = fieldByKey.get(key);
        return {
          id: `f:${key}`,
          header: f ? i18n.label(f) : key,
          value: (r) => r.values[key] ?? null,
          minWidth: 130,
        };
      }),
    ];
    return cols;
  }, [preview.fields, preview.plan.mapping, multiSheet, t, num, i18n]);

  return (
    <DataGrid
      columns={columns}
      rows={preview.rows}
      getRowId={rowId}
      height={380}
      ariaLabel={t('import.rows.gridLabel')}
      emptyText={t('import.rows.empty')}
      className="preview-grid"
    />
  );
}
