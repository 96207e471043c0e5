/**
 * The only AG Grid adapter. Feature code describes columns with plain functions (no AG Grid
 * types, no string expressions — the CSP has no unsafe-eval) and passes either client-side
 * `rows` or an infinite-model `datasource` whose pages come from the warehouse.
 */
import {
  CellStyleModule,
  ClientSideRowModelModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  ValidationModule,
  themeQuartz,
  type ColDef,
  type IDatasource,
  type Module,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useI18n } from '../i18n/useT.ts';
import { blockLoader, GRID_NUMBER_OPTION, NUMBER_FILTER_OPS, TEXT_FILTER_OPS, type DataGridDatasource } from './dataGridPaging.ts';

export type { DataGridDatasource, DataGridFilter, DataGridPage, DataGridPageRequest, DataGridSortItem } from './dataGridPaging.ts';
export { filtersOf } from './dataGridPaging.ts';

const modules: Module[] = [ClientSideRowModelModule, InfiniteRowModelModule, CellStyleModule, LocaleModule, TextFilterModule, NumberFilterModule];
if (import.meta.env.DEV) modules.push(ValidationModule);
ModuleRegistry.registerModules(modules);

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 15,
  headerFontSize: 14,
  headerFontWeight: 600,
  foregroundColor: '#1b2420',
  backgroundColor: '#ffffff',
  accentColor: '#0b5d4b',
  borderColor: '#d5dcd9',
  headerBackgroundColor: '#eef3f1',
  headerTextColor: '#1b2420',
  oddRowBackgroundColor: '#f8faf9',
  rowHoverColor: '#e9f3ef',
  wrapperBorderRadius: 8,
  rowHeight: 42,
  cellHorizontalPadding: 12,
  headerHeight: 44,
  browserColorScheme: 'light',
});

export type CellValue = string | number | null;

export interface DataGridColumn<Row> {
  /** Column id; the sort model of an infinite datasource refers to it. */
  readonly id: string;
  readonly header: string;
  /** The cell's value (used for sorting). */
  readonly value: (row: Row) => CellValue;
  /** Display text; defaults to the value as is. Use the i18n number helpers for numbers. */
  readonly format?: (value: CellValue, row: Row) => string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  readonly width?: number;
  readonly minWidth?: number;
  readonly flex?: number;
  /** Default true. */
  readonly sortable?: boolean;
  /** Extra CSS class for the cells of a row. */
  readonly cellClass?: (row: Row) => string | undefined;
  /**
   * A filter box under the header, one condition per column; the conditions reach an infinite
   * datasource's `filterModel` (read them with `filtersOf`), which filters in the warehouse.
   */
  readonly filter?: 'text' | 'number';
}

interface CommonProps<Row> {
  readonly columns: readonly DataGridColumn<Row>[];
  /** Names the grid for assistive technology. */
  readonly ariaLabel: string;
  readonly getRowId?: (row: Row) => string;
  /** 'auto' grows with the rows (short tables); a number is a fixed height in pixels. */
  readonly height?: number | 'auto';
  /** Text shown when there are no rows. */
  readonly emptyText?: string;
  readonly className?: string;
  /** A row was chosen (clicked, or Enter on one of its cells). */
  readonly onRowClick?: (row: Row) => void;
}

interface ClientRowsProps<Row> extends CommonProps<Row> {
  /** Client-side row model: every row is in memory. */
  readonly rows: readonly Row[];
  readonly datasource?: never;
}

interface InfiniteProps<Row> extends CommonProps<Row> {
  /** Infinite row model: blocks of rows fetched on demand. Needs a fixed `height`. */
  readonly datasource: DataGridDatasource<Row>;
  readonly rows?: never;
  /** Rows per fetched block (default 200). */
  readonly blockSize?: number;
  /** A block failed to load. */
  readonly onError?: (error: Error) => void;
}

export type DataGridProps<Row> = ClientRowsProps<Row> | InfiniteProps<Row>;

function toColDef<Row>(c: DataGridColumn<Row>): ColDef<Row> {
  const format = c.format;
  const cellClass = c.cellClass;
  return {
    colId: c.id,
    headerName: c.header,
    valueGetter: (p) => (p.data ? c.value(p.data) : null),
    valueFormatter: format ? (p) => (p.data ? format(p.value as CellValue, p.data) : '') : undefined,
    type: c.numeric ? 'rightAligned' : undefined,
    cellClass: (p) => [c.numeric ? 'dg-num' : '', p.data && cellClass ? (cellClass(p.data) ?? '') : ''].filter(Boolean),
    sortable: c.sortable ?? true,
    width: c.width,
    minWidth: c.minWidth ?? 90,
    flex: c.flex,
    suppressMovable: true,
    ...(c.filter === 'text'
      ? { filter: 'agTextColumnFilter', floatingFilter: true, filterParams: { filterOptions: [...TEXT_FILTER_OPS], maxNumConditions: 1, debounceMs: 400 } }
      : c.filter === 'number'
        ? { filter: 'agNumberColumnFilter', floatingFilter: true, filterParams: { filterOptions: NUMBER_FILTER_OPS.map((o) => GRID_NUMBER_OPTION[o]), maxNumConditions: 1, debounceMs: 400 } }
        : {}),
  };
}

export function DataGrid<Row>(props: DataGridProps<Row>) {
  const { t, lang } = useI18n();
  const { columns, ariaLabel, getRowId, height = 'auto', emptyText, className, onRowClick } = props;
  const columnDefs = useMemo(() => columns.map(toColDef), [columns]);
  const localeText = useMemo(
    () => ({
      noRowsToShow: emptyText ?? t('grid.noRows'),
      loadingOoo: t('grid.loading'),
      ariaSortAscending: t('grid.sortAscending'),
      ariaSortDescending: t('grid.sortDescending'),
      ariaSortNone: t('grid.sortNone'),
      filterOoo: t('grid.filter'),
      contains: t('grid.filter.contains'),
      notContains: t('grid.filter.notContains'),
      equals: t('grid.filter.equals'),
      notEqual: t('grid.filter.notEqual'),
      startsWith: t('grid.filter.startsWith'),
      lessThan: t('grid.filter.lessThan'),
      lessThanOrEqual: t('grid.filter.lessThanOrEqual'),
      greaterThan: t('grid.filter.greaterThan'),
      greaterThanOrEqual: t('grid.filter.greaterThanOrEqual'),
      inRange: t('grid.filter.inRange'),
      inRangeStart: t('grid.filter.from'),
      inRangeEnd: t('grid.filter.to'),
      ariaFilterInput: t('grid.filter.input'),
      ariaFilterValue: t('grid.filter.value'),
      ariaFilterFromValue: t('grid.filter.from'),
      ariaFilterToValue: t('grid.filter.to'),
      ariaFilterMenuOpen: t('grid.filter.open'),
      ariaColumnFiltered: t('grid.filter.active'),
      ariaLabelColumnFilter: t('grid.filter'),
    }),
    [t, emptyText],
  );
  const rowId = useMemo(() => (getRowId ? (p: { data: Row }) => getRowId(p.data) : undefined), [getRowId]);

  const infinite = props.datasource !== undefined;
  const { datasource, onError, blockSize } = infinite ? props : { datasource: undefined, onError: undefined, blockSize: undefined };
  const agDatasource = useMemo<IDatasource | undefined>(() => {
    if (!datasource) return undefined;
    const loader = blockLoader(datasource, (e) => onError?.(e));
    return { getRows: (p) => loader.getRows(p), destroy: () => loader.destroy() };
  }, [datasource, onError]);
  const rowData = useMemo(() => (props.rows ? [...props.rows] : undefined), [props.rows]);
  const rowEvents = useMemo(
    () =>
      onRowClick
        ? {
            onRowClicked: (e: { readonly data?: Row }) => {
              if (e.data) onRowClick(e.data);
            },
            onCellKeyDown: (e: { readonly data?: Row; readonly event?: Event | null }) => {
              if (e.data && e.event instanceof KeyboardEvent && e.event.key === 'Enter') onRowClick(e.data);
            },
          }
        : {},
    [onRowClick],
  );

  const auto = height === 'auto' && !infinite;
  return (
    <div
      className={`data-grid${onRowClick ? ' is-clickable' : ''}${className ? ` ${className}` : ''}`}
      role="group"
      aria-label={ariaLabel}
      style={auto ? undefined : { height: typeof height === 'number' ? height : 400 }}
    >
      <AgGridReact<Row>
        // Locale texts are read once at start; a new key rebuilds the grid in the new language.
        key={lang}
        theme={theme}
        columnDefs={columnDefs}
        localeText={localeText}
        getRowId={rowId}
        domLayout={auto ? 'autoHeight' : 'normal'}
        suppressDragLeaveHidesColumns
        enableCellTextSelection
        ensureDomOrder
        {...rowEvents}
        {...(infinite
          ? { rowModelType: 'infinite' as const, datasource: agDatasource, cacheBlockSize: blockSize ?? 200, maxBlocksInCache: 50 }
          : { rowModelType: 'clientSide' as const, rowData })}
      />
    </div>
  );
}
