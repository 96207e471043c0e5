import type { DataGridDatasource } from '../../components/dataGridPaging.ts';
import type { DataGridColumn } from '../../components/DataGrid.tsx';

export interface KeysetPage<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
}

/**
 * A grid datasource over a keyset-paged warehouse method (`afterId` + `limit`, file order): the
 * grid asks for row ranges, the warehouse for "the rows after id N". Rows are loaded in order and
 * kept, so any range can be answered once the rows before it are in; one fetch runs at a time.
 * `first` is a page already loaded (the one that told the columns and the total).
 */
export function keysetDatasource<Row>(
  fetchPage: (afterId: number | undefined, limit: number) => Promise<KeysetPage<Row>>,
  idOf: (row: Row) => number,
  first?: KeysetPage<Row>,
  pageSize = 500,
): DataGridDatasource<Row> {
  const loaded: Row[] = first ? [...first.rows] : [];
  let total: number | null = first ? first.total : null;
  let done = first ? first.rows.length >= first.total : false;
  let chain: Promise<void> = Promise.resolve();

  async function fill(until: number): Promise<void> {
    while (!done && loaded.length < until) {
      const last = loaded.at(-1);
      const page = await fetchPage(last === undefined ? undefined : idOf(last), Math.max(pageSize, until - loaded.length));
      total = page.total;
      loaded.push(...page.rows);
      if (page.rows.length === 0 || loaded.length >= page.total) done = true;
    }
  }

  return {
    getRows(request) {
      const run = chain.then(() => fill(request.endRow));
      // A failed fetch must not block the ones after it.
      chain = run.catch(() => undefined);
      return run.then(() => ({
        rows: loaded.slice(request.startRow, request.endRow),
        lastRow: done ? loaded.length : total,
      }));
    },
  };
}

/**
 * The "row" column of the rejects and issues grids: the sheet row as the planner sees it in the
 * file, with the sheet's name in front when the batch spans several sheets.
 */
export function sheetRowColumn<R extends { readonly sheet: string; readonly row: number }>(header: string, multiSheet: boolean, num: (n: number) => string): DataGridColumn<R> {
  return {
    id: 'row',
    header,
    value: (r) => (multiSheet ? `${r.sheet} · ${num(r.row)}` : r.row),
    format: (v) => (typeof v === 'number' ? num(v) : (v ?? '')),
    numeric: !multiSheet,
    width: multiSheet ? 150 : 90,
    sortable: false,
  };
}
