import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisView, CrosstabResult, CrosstabSpec, SavedAnalysis } from '../../shared/contracts/analysis.ts';
import type { ErrorData, Result } from '../../shared/ipc/envelope.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The cross-tab workbook read back with an independent reader (SheetJS): provenance in words,
 * numbers equal to the engine's, subtotals, the total row, percentages as formatted numbers, and
 * the audit entry. Saved analyses round-trip through the same warehouse.
 */

const tmp = tempDir('analysis-export');
let wh: Warehouse;

beforeAll(async () => {
  wh = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
  value(await wh.call('settings.setWorkingProvince', { code: '53' }));
  value(await wh.call('demo.create', { families: 600, seed: 11 }));
}, 120_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

function failure(r: Result<unknown>): ErrorData {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

type Cell = string | number | null;

function sheetRows(ws: XLSX.WorkSheet): Cell[][] {
  return XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
}

function readBook(path: string): XLSX.WorkBook {
  return XLSX.read(readFileSync(path), { cellNF: true });
}

function sheet(book: XLSX.WorkBook, name: string): XLSX.WorkSheet {
  const ws = book.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row index whose first cell is `label`. */
function rowOf(rows: readonly Cell[][], label: string): number {
  const i = rows.findIndex((r) => r[0] === label);
  if (i < 0) throw new Error(`no row ${label}`);
  return i;
}

const NO_OWN_LATRINE: CrosstabSpec = {
  rows: { kind: 'region', level: 2 },
  cols: 'desil',
  filters: [{ attribute: 'jamban', values: [2, 3] }],
};

describe('analysis.export', () => {
  it('writes kabupaten × desil of families without own latrine with its provenance, numbers, total and percentages', async () => {
    const before = Date.now();
    const r = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec: NO_OWN_LATRINE }));
    const out = value<{ path: string; fileName: string }>(await wh.call('analysis.export', { spec: NO_OWN_LATRINE, percent: 'row' }));
    expect(dirname(out.path)).toBe(join(tmp.dir, 'ekspor'));
    expect(out.fileName).toBe(basename(out.path));
    expect(out.fileName).toMatch(/^tabulasi-kabupaten-x-desil-\d{8}-\d{6}\.xlsx$/);
    expect(existsSync(out.path)).toBe(true);

    const book = readBook(out.path);
    expect(book.SheetNames).toEqual(['Tabel', 'Persentase', 'Keluarga dan Jiwa']);
    const rows = sheetRows(sheet(book, 'Tabel'));
    expect(rows[0]?.[0]).toBe(r.definition.title);
    expect(r.definition.title).toContain('Keluarga menurut Kabupaten/kota × Desil kesejahteraan');
    const texts = rows.map((x) => x[0]).filter((x): x is string => typeof x === 'string');
    expect(texts).toContain('Filter: Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya');
    expect(texts).toContain('Wilayah: Nusa Tenggara Timur (53)');
    expect(texts.some((t) => t.startsWith('Sumber — P3KE: batch #'))).toBe(true);
    expect(texts).toContain('Angka: jumlah keluarga');
    expect(texts.some((t) => /^Dibuat: \d{1,2} \S+ \d{4}/.test(t))).toBe(true);

    const h = rowOf(rows, 'Kabupaten/kota');
    expect(rows[h]).toEqual(['Kabupaten/kota', ...r.cols.map((c) => c.label), 'Jumlah']);
    expect(r.groups).toEqual([]);
    r.rows.forEach((row, i) => {
      expect(rows[h + 1 + i]).toEqual([row.label, ...(r.cells.families[i] ?? []), r.rowTotals.families[i]]);
    });
    const total = rows[h + 1 + r.rows.length];
    expect(total).toEqual(['Jumlah', ...r.colTotals.families, r.total.families]);
    expect(r.total.families).toBeGreaterThan(0);
    // Every number is a real number cell with a thousands separator format.
    const ws = sheet(book, 'Tabel');
    const b = ws[XLSX.utils.encode_cell({ r: h + 1, c: 1 })] as XLSX.CellObject;
    expect(b.t).toBe('n');
    expect(b.z).toBe('#,##0');

    // Percentages by row: numeric cells formatted 0.0%, each row's total 100%.
    const pws = sheet(book, 'Persentase');
    const prows = sheetRows(pws);
    expect(prows.map((x) => x[0])).toContain('Persentase per baris (setiap baris = 100%)');
    const ph = rowOf(prows, 'Kabupaten/kota');
    r.rows.forEach((row, i) => {
      const line = prows[ph + 1 + i] ?? [];
      expect(line[0]).toBe(row.label);
      const rowTotal = r.rowTotals.families[i] ?? 0;
      (r.cells.families[i] ?? []).forEach((n, c) => {
        const cell = pws[XLSX.utils.encode_cell({ r: ph + 1 + i, c: c + 1 })] as XLSX.CellObject;
        if (rowTotal === 0) return;
        expect(cell.t).toBe('n');
        expect(cell.z).toBe('0.0%');
        expect(cell.v as number).toBeCloseTo(n / rowTotal, 12);
      });
      if (rowTotal > 0) expect(line[r.cols.length + 1]).toBe(1);
    });
    const pTotal = prows[ph + 1 + r.rows.length] ?? [];
    expect(pTotal[0]).toBe('Jumlah');
    expect(pTotal[1] as number).toBeCloseTo((r.colTotals.families[0] ?? 0) / r.total.families, 12);

    // Both measures side by side.
    const brows = sheetRows(sheet(book, 'Keluarga dan Jiwa'));
    const bh = rowOf(brows, 'Kabupaten/kota');
    expect(brows[bh + 1]?.slice(1, 3)).toEqual(['Keluarga', 'Jiwa']);
    expect(brows[bh + 2]?.slice(0, 3)).toEqual([r.rows[0]?.label, r.cells.families[0]?.[0], r.cells.persons[0]?.[0]]);
    expect(brows[bh + 2 + r.rows.length]?.slice(-2)).toEqual([r.total.families, r.total.persons]);

    // A cross-tab never carries a NIK: no text cell holds a 16-digit run (numbers are counts and shares).
    for (const name of book.SheetNames) {
      const strings = sheetRows(sheet(book, name)).flat().filter((v): v is string => typeof v === 'string');
      expect(strings.filter((v) => /\d{16}/.test(v))).toEqual([]);
    }

    const audit = wh.db.prepare(`SELECT at, detail FROM audit_log WHERE action = 'analysis.export' ORDER BY id DESC LIMIT 1`).get() as { at: string; detail: string };
    expect(Date.parse(audit.at)).toBeGreaterThanOrEqual(before - 1000);
    const detail = JSON.parse(audit.detail) as { path: string; spec: CrosstabSpec; percent: string };
    expect(detail.path).toBe(out.path);
    expect(detail.spec.filters).toEqual(NO_OWN_LATRINE.filters);
    expect(detail.spec.cols).toBe('desil');
    expect(detail.percent).toBe('row');
  });

  it('adds subtotals per kabupaten for kecamatan rows, in people, to a chosen path and title', async () => {
    const spec: CrosstabSpec = { rows: { kind: 'region', level: 3 }, cols: 'jamban', measure: 'persons' };
    const r = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec }));
    expect(r.groups.length).toBeGreaterThan(1);
    const path = join(tmp.dir, 'sendiri', 'jamban.xlsx');
    const out = value<{ path: string; fileName: string }>(await wh.call('analysis.export', { spec, percent: 'col', title: '  Jiwa per kecamatan  ', path }));
    expect(out).toEqual({ path, fileName: 'jamban.xlsx' });
    const book = readBook(path);
    const rows = sheetRows(sheet(book, 'Tabel'));
    expect(rows[0]?.[0]).toBe('Jiwa per kecamatan');
    expect(rows.map((x) => x[0])).toContain('Angka: jumlah jiwa (anggota keluarga)');
    for (const g of r.groups) {
      const line = rows[rowOf(rows, `Subtotal ${g.label}`)];
      expect(line).toEqual([`Subtotal ${g.label}`, ...g.persons, g.total.persons]);
    }
    // The first group's kecamatan come just before its subtotal.
    const h = rowOf(rows, 'Kecamatan');
    const firstGroup = r.rows.filter((x) => x.group === 0);
    expect(rows.slice(h + 1, h + 1 + firstGroup.length).map((x) => x[0])).toEqual(firstGroup.map((x) => x.label));
    expect(rows[h + 1 + firstGroup.length]?.[0]).toBe(`Subtotal ${r.groups[0]?.label ?? ''}`);
    expect(rows.at(-1)).toEqual(['Jumlah', ...r.colTotals.persons, r.total.persons]);
    // Column shares: the total row is 100% in every column that has people.
    const prows = sheetRows(sheet(book, 'Persentase'));
    expect(prows.at(-1)?.slice(1, -1)).toEqual(r.colTotals.persons.map((n) => (n > 0 ? 1 : null)));
  });

  it('refuses a bad percent mode, a path that is not .xlsx and an unknown attribute', async () => {
    expect(failure(await wh.call('analysis.export', { spec: NO_OWN_LATRINE, percent: 'half' })).kind).toBe('invalid_input');
    const notXlsx = failure(await wh.call('analysis.export', { spec: NO_OWN_LATRINE, path: join(tmp.dir, 'a.csv') }));
    expect(notXlsx.message).toContain('harus berakhiran .xlsx');
    expect(existsSync(join(tmp.dir, 'a.csv'))).toBe(false);
    const unknown = failure(await wh.call('analysis.export', { spec: { ...NO_OWN_LATRINE, cols: 'warna' } }));
    expect(unknown.message).toBe('Atribut warna tidak dikenal.');
  });
});

describe('saved analyses', () => {
  const view: AnalysisView = { percent: 'row', chart: 'stacked' };

  it('round-trip, overwrite by id, list newest-updated first and delete', async () => {
    const a = value<SavedAnalysis>(await wh.call('analysis.saved.save', { name: '  Tanpa jamban per kabupaten ', spec: NO_OWN_LATRINE, view }));
    expect(a.name).toBe('Tanpa jamban per kabupaten');
    expect(a.spec).toMatchObject(NO_OWN_LATRINE);
    expect(a.spec.ageDate).toBeUndefined();
    expect(a.view).toEqual(view);
    expect(a.createdAt).toBe(a.updatedAt);
    const bSpec: CrosstabSpec = { rows: { kind: 'attribute', key: 'jk' }, cols: 'umur', ageDate: '2025-06-30' };
    const b = value<SavedAnalysis>(await wh.call('analysis.saved.save', { name: 'Anggota menurut umur', spec: bSpec, view: { percent: 'none', chart: 'bar' } }));
    expect(b.spec.ageDate).toBe('2025-06-30');
    expect(value<SavedAnalysis[]>(await wh.call('analysis.saved.list', {})).map((s) => s.id)).toEqual([b.id, a.id]);

    // A saved spec reopens as the same table.
    const again = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec: a.spec }));
    const direct = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec: NO_OWN_LATRINE }));
    expect(again.cells).toEqual(direct.cells);

    const a2 = value<SavedAnalysis>(await wh.call('analysis.saved.save', { id: a.id, name: 'Tanpa jamban (revisi)', spec: { ...NO_OWN_LATRINE, cols: 'lantai' }, view: { percent: 'col', chart: 'none' } }));
    expect(a2.id).toBe(a.id);
    expect(a2.createdAt).toBe(a.createdAt);
    expect(a2.updatedAt > a.updatedAt).toBe(true);
    const list = value<SavedAnalysis[]>(await wh.call('analysis.saved.list', {}));
    expect(list.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(list[0]).toMatchObject({ name: 'Tanpa jamban (revisi)', spec: { cols: 'lantai' }, view: { percent: 'col', chart: 'none' } });

    expect(value(await wh.call('analysis.saved.delete', { id: a.id }))).toEqual({ deleted: true });
    expect(value(await wh.call('analysis.saved.delete', { id: a.id }))).toEqual({ deleted: false });
    expect(value<SavedAnalysis[]>(await wh.call('analysis.saved.list', {})).map((s) => s.id)).toEqual([b.id]);
  });

  it('refuses an unknown id, a bad name, view or spec', async () => {
    const missing = failure(await wh.call('analysis.saved.save', { id: 9999, name: 'X', spec: NO_OWN_LATRINE, view }));
    expect(missing).toMatchObject({ kind: 'not_found', message: 'Analisis tersimpan #9999 tidak ditemukan.' });
    for (const name of ['', '   ', 'x'.repeat(121), 42]) {
      expect(failure(await wh.call('analysis.saved.save', { name, spec: NO_OWN_LATRINE, view })).kind).toBe('invalid_input');
    }
    expect(value<SavedAnalysis>(await wh.call('analysis.saved.save', { name: 'y'.repeat(120), spec: NO_OWN_LATRINE, view })).name).toHaveLength(120);
    for (const bad of [{ percent: 'row', chart: 'pie' }, { percent: 'half', chart: 'bar' }, null, 'row']) {
      expect(failure(await wh.call('analysis.saved.save', { name: 'Z', spec: NO_OWN_LATRINE, view: bad })).kind).toBe('invalid_input');
    }
    const badSpec = failure(await wh.call('analysis.saved.save', { name: 'Z', spec: { rows: { kind: 'region', level: 7 }, cols: null }, view }));
    expect(badSpec.kind).toBe('invalid_input');
    expect(failure(await wh.call('analysis.saved.save', { name: 'Z', spec: { ...NO_OWN_LATRINE, cols: 'warna' }, view })).message).toBe('Atribut warna tidak dikenal.');
    expect(failure(await wh.call('analysis.saved.delete', { id: 'satu' })).kind).toBe('invalid_input');
    expect(value<SavedAnalysis[]>(await wh.call('analysis.saved.list', {})).some((s) => s.name === 'Z')).toBe(false);
  });
});
