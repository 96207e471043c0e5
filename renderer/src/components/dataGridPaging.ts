/**
 * The infinite row model's paging, kept free of AG Grid types so it can be tested in Node:
 * DataGrid turns a `DataGridDatasource` (promise based, ours) into the grid's callback datasource.
 */

export interface DataGridSortItem {
  readonly colId: string;
  readonly sort: 'asc' | 'desc';
}

export interface DataGridPageRequest {
  /** First row index wanted. */
  readonly startRow: number;
  /** First row index NOT wanted. */
  readonly endRow: number;
  readonly sortModel: readonly DataGridSortItem[];
  /** Column id → filter state, when filters are in use (empty object otherwise). */
  readonly filterModel: Readonly<Record<string, unknown>>;
}

export interface DataGridPage<Row> {
  readonly rows: readonly Row[];
  /** Total number of rows when known (pass the cached count so the scrollbar is right), else null. */
  readonly lastRow: number | null;
}

export interface DataGridDatasource<Row> {
  /** Fetch one block of rows; sorting and filtering are done by the warehouse, never in the grid. */
  getRows(request: DataGridPageRequest): Promise<DataGridPage<Row>>;
}

/** What the grid passes to a datasource's getRows (the subset used here, structurally). */
export interface GridBlockRequest {
  readonly startRow: number;
  readonly endRow: number;
  readonly sortModel: readonly { readonly colId: string; readonly sort: string | null }[];
  readonly filterModel: unknown;
  successCallback(rows: unknown[], lastRow?: number): void;
  failCallback(): void;
}

export interface BlockLoader {
  getRows(params: GridBlockRequest): void;
  /** Called by the grid when this datasource is replaced: late answers are dropped. */
  destroy(): void;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toPageRequest(params: GridBlockRequest): DataGridPageRequest {
  return {
    startRow: params.startRow,
    endRow: params.endRow,
    sortModel: params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort === 'desc' ? 'desc' : 'asc' })),
    filterModel: isRecord(params.filterModel) ? params.filterModel : {},
  };
}

export function blockLoader<Row>(source: DataGridDatasource<Row>, onError: (error: Error) => void): BlockLoader {
  let live = true;
  return {
    getRows(params) {
      const request = toPageRequest(params);
      source.getRows(request).then(
        (page) => {
          if (!live) return;
          const wanted = request.endRow - request.startRow;
          // A short block is the last one even when the source did not say how many rows there are.
          const lastRow = page.lastRow ?? (page.rows.length < wanted ? request.startRow + page.rows.length : undefined);
          params.successCallback([...page.rows], lastRow);
        },
        (e: unknown) => {
          if (!live) return;
          params.failCallback();
          onError(e instanceof Error ? e : new Error(String(e)));
        },
      );
    },
    destroy() {
      live = false;
    },
  };
}
