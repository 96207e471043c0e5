import { describe, expect, it } from 'vitest';
import { packedTransfer, RowPacker, RowUnpacker, type PackedRows, type PackedValue } from '../../electron/warehouse/imports/row-pack.ts';

/** Rows of every kind of value: nulls, numbers, empty, ASCII, accented, emoji, lone surrogates, long text. */
function rowsOf(n: number, salt: number): PackedValue[][] {
  const out: PackedValue[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([
      i + salt,
      i % 3 === 0 ? null : `ID${salt}-${i}`,
      i % 5 === 0 ? '' : 'MARÍA NENO ’ ✓',
      i % 7 === 0 ? 'a\uD800b' : `😀${i}`,
      'DUSUN KOTABURA, RT 001/RW 004 — '.repeat(1 + (i % 4)),
      i / 8,
    ]);
  }
  return out;
}

function pack(packer: RowPacker, rows: readonly PackedValue[][]): PackedRows {
  for (const r of rows) {
    for (const v of r) packer.add(v);
    packer.endRow();
  }
  return packer.take();
}

function unpack(p: PackedRows): PackedValue[][] {
  const u = new RowUnpacker(p);
  const out: PackedValue[][] = [];
  for (let r = 0; r < p.rows; r++) {
    const row: PackedValue[] = [];
    for (let c = 0; c < p.width; c++) row.push(u.value());
    out.push(row);
  }
  return out;
}

const expected = (rows: readonly PackedValue[][]): PackedValue[][] => rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i, i + 2)) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i - 1, i + 1)) ? c : '\uFFFD')) : v)));

describe('RowPacker', () => {
  it('round-trips every kind of value, growing past its first buffers', () => {
    const packer = new RowPacker(6, 10);
    const rows = rowsOf(100, 1);
    expect(unpack(pack(packer, rows))).toEqual(expected(rows));
  });

  it('packs the next messages into the buffers given back', () => {
    const packer = new RowPacker(6, 50);
    const first = pack(packer, rowsOf(40, 1));
    const [tags, nums, bytes] = packedTransfer(first);
    expect(unpack(first)).toEqual(expected(rowsOf(40, 1)));
    packer.recycle(first);
    // The packer is already holding fresh buffers for the next message; the one after reuses these.
    const second = pack(packer, rowsOf(30, 2));
    const third = pack(packer, rowsOf(20, 3));
    expect(third.tags.buffer).toBe(tags);
    expect(third.nums.buffer).toBe(nums);
    expect(third.bytes.buffer).toBe(bytes);
    expect(unpack(second)).toEqual(expected(rowsOf(30, 2)));
    expect(unpack(third)).toEqual(expected(rowsOf(20, 3)));

  });
});
