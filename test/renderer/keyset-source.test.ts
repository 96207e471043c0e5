import { describe, expect, it } from 'vitest';
import { keysetDatasource, type KeysetPage } from '../../renderer/src/features/import/keysetSource.ts';

interface Row {
  readonly id: number;
}

/** A keyset-paged table of `total` rows whose ids go up in steps of 3 (ids are not positions). */
function table(total: number, calls: { afterId: number | undefined; limit: number }[] = []) {
  const rows: Row[] = Array.from({ length: total }, (_, i) => ({ id: 10 + 3 * i }));
  return (afterId: number | undefined, limit: number): Promise<KeysetPage<Row>> => {
    calls.push({ afterId, limit });
    const from = afterId === undefined ? 0 : rows.findIndex((r) => r.id > afterId);
    return Promise.resolve({ rows: from < 0 ? [] : rows.slice(from, from + limit), total });
  };
}

const request = (startRow: number, endRow: number) => ({ startRow, endRow, sortModel: [], filterModel: {} });

describe('keysetDatasource', () => {
  it('answers ranges from the rows after the last id it has, fetching only what is missing', async () => {
    const calls: { afterId: number | undefined; limit: number }[] = [];
    const ds = keysetDatasource(table(1000, calls), (r) => r.id, undefined, 100);
    const a = await ds.getRows(request(0, 100));
    expect(a.rows.map((r) => r.id)).toEqual(Array.from({ length: 100 }, (_, i) => 10 + 3 * i));
    expect(a.lastRow).toBe(1000);
    // A jump ahead fetches everything in between, in order, after the last known id.
    const b = await ds.getRows(request(300, 400));
    expect(b.rows[0]?.id).toBe(10 + 3 * 300);
    expect(calls).toEqual([
      { afterId: undefined, limit: 100 },
      { afterId: 10 + 3 * 99, limit: 300 },
    ]);
    // Going back needs no fetch.
    await ds.getRows(request(100, 200));
    expect(calls).toHaveLength(2);
  });

  it('starts from a page already loaded and says where the table ends', async () => {
    const fetch = table(250);
    const first = await fetch(undefined, 200);
    const calls: { afterId: number | undefined; limit: number }[] = [];
    const ds = keysetDatasource(table(250, calls), (r) => r.id, first, 200);
    const head = await ds.getRows(request(0, 200));
    expect(head.rows).toHaveLength(200);
    expect(calls).toHaveLength(0);
    const tail = await ds.getRows(request(200, 400));
    expect(tail.rows).toHaveLength(50);
    expect(tail.lastRow).toBe(250);
  });

  it('runs concurrent requests one after the other and recovers after a failed fetch', async () => {
    let fail = true;
    const inner = table(500);
    const ds = keysetDatasource<Row>(
      (afterId, limit) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('gone'));
        }
        return inner(afterId, limit);
      },
      (r) => r.id,
      undefined,
      100,
    );
    await expect(ds.getRows(request(0, 100))).rejects.toThrow('gone');
    const [x, y] = await Promise.all([ds.getRows(request(0, 100)), ds.getRows(request(100, 200))]);
    expect(x.rows[0]?.id).toBe(10);
    expect(y.rows[0]?.id).toBe(10 + 3 * 100);
  });

  it('stops at an empty page even when the total said more', async () => {
    const ds = keysetDatasource<Row>((afterId) => Promise.resolve({ rows: afterId === undefined ? [{ id: 1 }] : [], total: 5 }), (r) => r.id, undefined, 1);
    const page = await ds.getRows(request(0, 10));
    expect(page.rows).toEqual([{ id: 1 }]);
    expect(page.lastRow).toBe(1);
  });
});
