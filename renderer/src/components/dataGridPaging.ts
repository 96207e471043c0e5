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

/** Text conditions a filterable text column offers (the warehouse can do each of them in SQL). */
export const TEXT_FILTER_OPS = ['contains', 'notContains', 'equals', 'startsWith'] as const;
/** Number conditions a filterable number column offers. */
export const NUMBER_FILTER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between'] as const;

/**
 * A column filter the user set in the grid, in plain terms (the grid's own filter model stays
 * inside the adapter): one condition per column.
 */
export type DataGridFilter =
  | { readonly colId: string; readonly kind: 'text'; readonly op: (typeof TEXT_FILTER_OPS)[number]; readonly text: string }
  | { readonly colId: string; readonly kind: 'number'; readonly op: Exclude<(typeof NUMBER_FILTER_OPS)[number], 'between'>; readonly number: number }
  | { readonly colId: string; readonly kind: 'number'; readonly op: 'between'; readonly number: number; readonly to: number };

/** The grid's names of the number conditions, and ours. */
export const GRID_NUMBER_OPTION: Readonly<Record<(typeof NUMBER_FILTER_OPS)[number], string>> = {
  eq: 'equals',
  ne: 'notEqual',
  lt: 'lessThan',
  le: 'lessThanOrEqual',
  gt: 'greaterThan',
  ge: 'greaterThanOrEqual',
  between: 'inRange',
};

function conditionOf(colId: string, m: Readonly<Record<string, unknown>>): DataGridFilter | null {
  const type = m['type'];
  if (m['filterType'] === 'text') {
    const text = m['filter'];
    const op = TEXT_FILTER_OPS.find((o) => o === type);
    return op && typeof text === 'string' && text !== '' ? { colId, kind: 'text', op, text } : null;
  }
  if (m['filterType'] === 'number') {
    const n = m['filter'];
    const op = NUMBER_FILTER_OPS.find((o) => GRID_NUMBER_OPTION[o] === type);
    if (!op || typeof n !== 'number' || !Number.isFinite(n)) return null;
    if (op !== 'between') return { colId, kind: 'number', op, number: n };
    const to = m['filterTo'];
    return typeof to === 'number' && Number.isFinite(to) ? { colId, kind: 'number', op, number: Math.min(n, to), to: Math.max(n, to) } : null;
  }
  return null;
}

/**
 * The column filters of a page request as a flat list. A column with two conditions joined by AND
 * gives two entries; an OR cannot be expressed as a list of conditions and is dropped (filterable
 * columns offer one condition, so the grid never produces it).
 */
export function filtersOf(filterModel: Readonly<Record<string, unknown>>): DataGridFilter[] {
  const out: DataGridFilter[] = [];
  for (const [colId, raw] of Object.entries(filterModel)) {
    if (!isRecord(raw)) continue;
    const conditions = raw['conditions'];
    if (Array.isArray(conditions)) {
      if (raw['operator'] !== 'AND') continue;
      for (const c of conditions) {
        const f = isRecord(c) ? conditionOf(colId, c) : null;
        if (f) out.push(f);
      }
      continue;
    }
    const f = conditionOf(colId, raw);
    if (f) out.push(f);
  }
  return out;
}
