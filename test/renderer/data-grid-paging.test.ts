import { describe, expect, it } from 'vitest';
import { blockLoader, toPageRequest, type DataGridDatasource, type DataGridPageRequest, type GridBlockRequest } from '../../renderer/src/components/dataGridPaging.ts';

interface Row {
  readonly n: number;
}

/** What the grid would pass, recording what the loader answers. */
function gridRequest(startRow: number, endRow: number, extra: Partial<Pick<GridBlockRequest, 'sortModel' | 'filterModel'>> = {}) {
  const answers: { rows?: unknown[]; lastRow?: number | undefined; failed?: true }[] = [];
  const params: GridBlockRequest = {
    startRow,
    endRow,
    sortModel: extra.sortModel ?? [],
    filterModel: extra.filterModel ?? null,
    successCallback: (rows, lastRow) => answers.push({ rows, lastRow }),
    failCallback: () => answers.push({ failed: true }),
  };
  return { params, answers };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** 250 rows; answers with or without the total. */
function source(total: number, tellLastRow: boolean, seen: DataGridPageRequest[] = []): DataGridDatasource<Row> {
  return {
    getRows(request) {
      seen.push(request);
      const rows = Array.from({ length: Math.max(0, Math.min(request.endRow, total) - request.startRow) }, (_, i) => ({ n: request.startRow + i }));
      return Promise.resolve({ rows, lastRow: tellLastRow ? total : null });
    },
  };
}

describe('DataGrid infinite-model paging', () => {
  it('turns the grid block request into a page request (sort directions, filter model)', () => {
    const { params } = gridRequest(100, 200, { sortModel: [{ colId: 'name', sort: 'desc' }, { colId: 'code', sort: 'asc' }], filterModel: { name: { type: 'contains' } } });
    expect(toPageRequest(params)).toEqual({
      startRow: 100,
      endRow: 200,
      sortModel: [
        { colId: 'name', sort: 'desc' },
        { colId: 'code', sort: 'asc' },
      ],
      filterModel: { name: { type: 'contains' } },
    });
    expect(toPageRequest(gridRequest(0, 10).params).filterModel).toEqual({});
  });

  it('passes rows and the known total to the grid', async () => {
    const seen: DataGridPageRequest[] = [];
    const loader = blockLoader(source(250, true, seen), () => undefined);
    const { params, answers } = gridRequest(0, 100);
    loader.getRows(params);
    await tick();
    expect(seen).toHaveLength(1);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.rows).toHaveLength(100);
    expect(answers[0]?.lastRow).toBe(250);
  });

  it('leaves the total open for a full block, and infers it from a short last block', async () => {
    const loader = blockLoader(source(250, false), () => undefined);
    const full = gridRequest(100, 200);
    const short = gridRequest(200, 300);
    loader.getRows(full.params);
    loader.getRows(short.params);
    await tick();
    expect(full.answers[0]?.lastRow).toBeUndefined();
    expect(short.answers[0]?.rows).toHaveLength(50);
    expect(short.answers[0]?.lastRow).toBe(250);
  });

  it('reports a failed block to the grid and to onError', async () => {
    const errors: Error[] = [];
    const failing: DataGridDatasource<Row> = { getRows: () => Promise.reject(new Error('Gudang data sibuk')) };
    const loader = blockLoader(failing, (e) => errors.push(e));
    const { params, answers } = gridRequest(0, 100);
    loader.getRows(params);
    await tick();
    expect(answers).toEqual([{ failed: true }]);
    expect(errors.map((e) => e.message)).toEqual(['Gudang data sibuk']);
  });

  it('drops answers that arrive after the grid replaced the datasource', async () => {
    let release: (() => void) | undefined;
    const slow: DataGridDatasource<Row> = {
      getRows: () =>
        new Promise((resolve) => {
          release = () => resolve({ rows: [{ n: 1 }], lastRow: 1 });
        }),
    };
    const loader = blockLoader(slow, () => undefined);
    const { params, answers } = gridRequest(0, 100);
    loader.getRows(params);
    loader.destroy();
    release?.();
    await tick();
    expect(answers).toEqual([]);
  });
});
