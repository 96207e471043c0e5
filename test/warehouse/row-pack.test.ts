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

describe('RowPacker repeats', () => {
  it('sends a text repeating its column as a tag, and the receiver gives the same text back, also after skipped values', () => {
    const width = 4;
    const packer = new RowPacker(width, 100);
    const rows: PackedValue[][] = [];
    for (let i = 0; i < 60; i++) rows.push([i, `53.01.04.${2000 + Math.floor(i / 10)}`, i % 4 === 0 ? null : `F${Math.floor(i / 3)}`, i % 2 === 0 ? 'ÅGE ✓' : 'x']);
    const p = pack(packer, rows);
    // Only the first of each run of repeated texts carries bytes.
    const textBytes = rows.reduce((n, r, i) => n + r.slice(1).filter((v, c) => typeof v === 'string' && rows.slice(0, i).reverse().find((x) => x[c + 1] !== null)?.[c + 1] !== v).reduce((m: number, v) => m + Buffer.byteLength(v as string), 0), 0);
    expect(p.bytes.byteLength).toBe(textBytes);
    expect(unpack(p)).toEqual(rows);
    // The receiver passing over values (the writer skips family values of members) still knows them.
    const u = new RowUnpacker(p);
    const seen: PackedValue[] = [];
    for (let r = 0; r < p.rows; r++) {
      if (r % 3 === 1) u.skip(width);
      else for (let c = 0; c < width; c++) seen.push(u.value());
    }
    expect(seen).toEqual(rows.filter((_, r) => r % 3 !== 1).flat());
  });

  it('starts every message afresh and stops comparing a column whose texts seldom repeat', () => {
    const packer = new RowPacker(2, 1000);
    const ids = (from: number, n: number): PackedValue[][] => Array.from({ length: n }, (_, i) => [`5301045909${String(from + i).padStart(6, '0')}`, 'SAMA']);
    const first = pack(packer, ids(0, 5000));
    expect(unpack(first)).toEqual(ids(0, 5000));
    // A fresh message repeats nothing of the last: its first 'SAMA' has its bytes again.
    const second = pack(packer, ids(5000, 10));
    expect(second.bytes.byteLength).toBe(10 * 16 + 4);
    expect(unpack(second)).toEqual(ids(5000, 10));
    // Equal ids after the trial go with their bytes (the column is no longer compared), still exact.
    const third = pack(packer, [['X', 'SAMA'], ['X', 'SAMA']]);
    expect(third.bytes.byteLength).toBe(2 + 4);
    expect(unpack(third)).toEqual([['X', 'SAMA'], ['X', 'SAMA']]);
  });
});
