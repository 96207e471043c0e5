/**
 * Analisis end to end: the real renderer in Chromium, through the browser host, over a demo
 * warehouse — a planner building "families per kabupaten × desil, only those without an own
 * latrine", checking a figure against the warehouse's own cross-tab, opening the families behind
 * it (count, column filter, scrolling to the last row), one family with its members, exporting the
 * table and reading the workbook back, and saving the analysis and reopening it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CrosstabResult, CrosstabSpec, DrillArgs, DrillPage } from '../../shared/contracts/analysis.ts';
import { tempDir } from '../helpers/tmp.ts';
import { type AppSession, callWarehouse, demoWarehouse, parseCount, startApp, waitUntil } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 12_000;
const SEED = 11;
const PROVINCE = '53';
/** Fasilitas BAB (jamban): 2 = Umum/bersama, 3 = Tidak ada/lainnya (shared/model/codebook.ts TOILET). */
const NO_OWN_LATRINE = [2, 3];

/** The spec the screen builds: kabupaten rows, desil columns, the latrine filter, P3KE. */
const SPEC: CrosstabSpec = {
  rows: { kind: 'region', level: 2 },
  cols: 'desil',
  filters: [{ attribute: 'jamban', values: NO_OWN_LATRINE }],
  sources: ['p3ke'],
  batches: [],
  measure: 'families',
};

/** Wait until the table on screen is the one of the current spec (not a previous one, not loading). */
async function tableReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="crosstab"][data-state="ready"]', { timeout: 60_000 });
}

/** The drill grid's scrolling viewport and the container of its (non-pinned) rows. */
const VIEWPORT = '.drill-grid .ag-grid-viewport';
const ROWS = '.drill-grid .ag-grid-scrolling-container';

/**
 * Poll an expression in the page until it is true. (`page.waitForFunction` evaluates its predicate
 * with `eval`, which the app's CSP refuses — rightly.)
 */
/** The drill grid scrolled to a fraction of its height (the grid scales huge lists, so a fraction, not pixels). */
async function scrollGrid(page: Page, fraction: number): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector('${VIEWPORT}');
    if (el) el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * ${fraction});
  })()`);
}

async function scrollGridLeft(page: Page, x: number): Promise<void> {
  await page.evaluate(`(() => { const el = document.querySelector('${VIEWPORT}'); if (el) el.scrollLeft = ${x}; })()`);
  await page.waitForTimeout(80);
}

/** A row of the drill grid by index, once its block has loaded (its first column has text). */
async function gridRowLoaded(page: Page, index: number): Promise<void> {
  await waitUntil(
    page,
    `(() => {
      const cell = document.querySelector('${ROWS} .ag-row[row-index="${index}"] [col-id="kabupaten"]');
      return cell !== null && (cell.textContent ?? '').trim() !== '';
    })()`,
  );
}

/**
 * The texts of one column in the rendered rows. The grid draws only the columns in view, so it
 * is scrolled sideways until the column is there, then back.
 */
async function columnTexts(page: Page, colId: string): Promise<string[]> {
  const width = await page.evaluate<number>(`document.querySelector('${VIEWPORT}')?.scrollWidth ?? 0`);
  try {
    for (let x = 0; x <= width; x += 300) {
      await scrollGridLeft(page, x);
      const cells = page.locator(`${ROWS} .ag-row [col-id="${colId}"]`);
      if ((await cells.count()) > 0) return await cells.allTextContents();
    }
    throw new Error(`column ${colId} not found`);
  } finally {
    await scrollGridLeft(page, 0);
  }
}

/** Scroll sideways until a column's filter box is drawn, and return it. */
async function filterBox(page: Page, colId: string) {
  const width = await page.evaluate<number>(`document.querySelector('${VIEWPORT}')?.scrollWidth ?? 0`);
  for (let x = 0; x <= width; x += 300) {
    await scrollGridLeft(page, x);
    const box = page.locator(`.drill-grid .ag-floating-filter[col-id="${colId}"] input:not([disabled])`);
    if ((await box.count()) > 0) return box;
  }
  throw new Error(`filter of ${colId} not found`);
}

async function drillCount(page: Page): Promise<number> {
  const el = page.getByTestId('drill-count');
  await waitUntil(page, `document.querySelector('[data-testid="drill-count"]')?.getAttribute('data-count') !== ''`);
  return Number(await el.getAttribute('data-count'));
}

describe('Analisis: kabupaten × desil without an own latrine, from the table to one family', () => {
  let app: AppSession;
  let cleanupDb: () => void;
  let expected: CrosstabResult;
  /** The figure checked: the largest cell of the table. */
  let cell: { row: string; rowLabel: string; col: string; colLabel: string; families: number };

  beforeAll(async () => {
    const tmp = tempDir('analysis-e2e');
    cleanupDb = tmp.cleanup;
    const dbPath = join(tmp.dir, 'padu.db');
    await demoWarehouse(dbPath, { province: PROVINCE, families: FAMILIES, seed: SEED });
    app = await startApp({ dbPath, viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    await app.close();
    cleanupDb();
  });

  it('builds kabupaten × desil with the latrine filter; the figures are the warehouse’s own cross-tab', async () => {
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Analisis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analisis' }).waitFor();
    expect(await page.title()).toBe('Analisis · Padu');
    await tableReady(page);

    await page.getByLabel('Baris', { exact: true }).selectOption({ label: 'Kabupaten/kota' });
    await page.getByLabel('Kolom', { exact: true }).selectOption({ label: 'Desil kesejahteraan' });
    await page.getByLabel('Tambah filter').selectOption({ label: 'Fasilitas BAB (jamban)' });
    const filter = page.locator('fieldset[data-attribute="jamban"]');
    await filter.waitFor();
    await filter.getByLabel('Umum/bersama').check();
    await filter.getByLabel('Tidak ada/lainnya').check();
    const definition = page.getByTestId('definition');
    await definition.getByText('Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya').waitFor({ timeout: 60_000 });
    await tableReady(page);
    expect(JSON.parse((await page.getByTestId('crosstab').getAttribute('data-spec')) ?? '{}')).toEqual(SPEC);
    expect(await definition.textContent()).toContain('P3KE');
    expect(await page.getByTestId('crosstab-ms').textContent()).toMatch(/^Dihitung dalam [\d.,]+ ms/);

    // The same spec, asked of the warehouse directly.
    expected = await callWarehouse<CrosstabResult>(app, 'analysis.crosstab', { spec: SPEC });
    expect(expected.total.families).toBeGreaterThan(500);
    let best = { r: 0, c: 0, n: -1 };
    expected.cells.families.forEach((row, r) => row.forEach((n, c) => {
      if (n > best.n) best = { r, c, n };
    }));
    const row = expected.rows[best.r];
    const col = expected.cols[best.c];
    if (!row || !col) throw new Error('empty cross-tab');
    cell = { row: row.key, rowLabel: row.label, col: col.key, colLabel: col.label, families: best.n };

    const table = page.getByTestId('crosstab-table');
    const button = table.locator(`td[data-row="${cell.row}"][data-col="${cell.col}"] button`);
    expect(parseCount(await button.textContent())).toBe(cell.families);
    // Thousands with a dot (id-ID) in the totals, and every figure of that row as the warehouse has it.
    const rowCells = await table.locator(`tbody tr[data-row="${cell.row}"] td[data-col] button`).allTextContents();
    expect(rowCells.map((t) => parseCount(t))).toEqual([...(expected.cells.families[best.r] ?? []), expected.rowTotals.families[best.r]]);
    const grand = table.locator('tfoot td[data-row=""][data-col=""] button');
    expect(await grand.textContent()).toBe(expected.total.families.toLocaleString('id-ID'));
    expect(await table.locator('thead th[scope="col"]').first().textContent()).toBe('Kabupaten/kota');
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(expected.rows.length);
    await page.getByTestId('crosstab').screenshot({ path: `${SHOTS}/padu-analysis-table.png` });
  });

  it('opens the families behind the figure: as many rows as the cell, filterable, down to the last one', async () => {
    const { page } = app;
    const table = page.getByTestId('crosstab-table');
    await table.locator(`td[data-row="${cell.row}"][data-col="${cell.col}"] button`).click();
    await page.getByRole('heading', { name: `Keluarga: ${cell.rowLabel} × ${cell.colLabel}` }).waitFor();
    expect(await drillCount(page)).toBe(cell.families);
    await page.getByRole('group', { name: 'Daftar keluarga di balik angka terpilih' }).waitFor();
    await gridRowLoaded(page, 0);
    // Every listed family is of that kabupaten and desil, without an own latrine; NIKs masked.
    expect(new Set(await columnTexts(page, 'kabupaten'))).toEqual(new Set([cell.rowLabel]));
    expect(new Set(await columnTexts(page, 'desil'))).toEqual(new Set([cell.col]));
    for (const v of await columnTexts(page, 'jamban')) expect(['Umum/bersama', 'Tidak ada/lainnya']).toContain(v);
    const niks = await columnTexts(page, 'nik_kepala');
    expect(niks.length).toBeGreaterThan(0);
    for (const v of niks) expect(v).not.toMatch(/^\d{16}$/);
    await page.locator('.an-drill').screenshot({ path: `${SHOTS}/padu-analysis-drill.png` });

    // The last row loads when scrolled to, and there is none after it.
    await scrollGrid(page, 1);
    await gridRowLoaded(page, cell.families - 1);
    expect(await page.locator(`${ROWS} .ag-row[row-index="${cell.families}"]`).count()).toBe(0);

    // Sorting is done by the warehouse: the first row after sorting by name is the warehouse's first.
    await scrollGrid(page, 0);
    const byName = await callWarehouse<DrillPage>(app, 'analysis.drill', {
      spec: expected.definition.spec,
      row: cell.row,
      col: cell.col,
      sort: [{ column: 'nama_kepala', dir: 'asc' }],
      startRow: 0,
      endRow: 3,
    } satisfies DrillArgs);
    await page.locator('.drill-grid .ag-header-cell[col-id="nama_kepala"] .ag-header-cell-label').click();
    await waitUntil(
      page,
      `(document.querySelector('${ROWS} .ag-row[row-index="0"] [col-id="nama_kepala"]')?.textContent ?? '') === ${JSON.stringify(byName.rows[0]?.nama_kepala ?? '')}`,
    );
    expect(await page.locator('.drill-grid .ag-header-cell:not(.ag-floating-filter)[col-id="nama_kepala"]').getAttribute('aria-sort')).toBe('ascending');

    // A number filter under "Jumlah anggota" goes to the warehouse: the count is the warehouse's.
    const members = await filterBox(page, 'jumlah_anggota');
    await members.fill('3');
    const filtered = await callWarehouse<DrillPage>(app, 'analysis.drill', {
      spec: expected.definition.spec,
      row: cell.row,
      col: cell.col,
      filters: [{ column: 'jumlah_anggota', type: 'eq', number: 3 }],
      startRow: 0,
      endRow: 1,
    } satisfies DrillArgs);
    expect(filtered.count).toBeLessThan(cell.families);
    await waitUntil(page, `document.querySelector('[data-testid="drill-count"]')?.getAttribute('data-count') === '${filtered.count}'`);
    await scrollGridLeft(page, 0);
    await gridRowLoaded(page, 0);
    expect(new Set(await columnTexts(page, 'jumlah_anggota'))).toEqual(new Set(['3']));
    await (await filterBox(page, 'jumlah_anggota')).fill('');
    await scrollGridLeft(page, 0);
    await waitUntil(page, `document.querySelector('[data-testid="drill-count"]')?.getAttribute('data-count') === '${cell.families}'`);
  });

  it('the grand total lists every family of the table; rows deep in the list load', async () => {
    const { page } = app;
    await page.getByTestId('crosstab-table').locator('tfoot td[data-row=""][data-col=""] button').click();
    await page.getByRole('heading', { name: 'Keluarga: Jumlah' }).waitFor();
    const n = await drillCount(page);
    expect(n).toBe(expected.total.families);
    await gridRowLoaded(page, 0);
    await scrollGrid(page, 0.6);
    await waitUntil(
      page,
      `[...document.querySelectorAll('${ROWS} .ag-row[row-index]')].some((r) => Number(r.getAttribute('row-index')) > ${Math.floor(n * 0.5)} && (r.querySelector('[col-id="kabupaten"]')?.textContent ?? '') !== '')`,
    );
    await scrollGrid(page, 1);
    await gridRowLoaded(page, n - 1);
    await page.locator('.an-drill').screenshot({ path: `${SHOTS}/padu-analysis-drill-deep.png` });
    await scrollGrid(page, 0);
    await gridRowLoaded(page, 0);
  });

  it('opens one family: its members, where it lives, full NIKs only on request', async () => {
    const { page } = app;
    const first = page.locator(`${ROWS} .ag-row[row-index="0"]`);
    const size = Number((await columnTexts(page, 'jumlah_anggota'))[0]);
    const name = (await first.locator('[col-id="nama_kepala"]').textContent()) ?? '';
    expect(size).toBeGreaterThan(0);
    await first.locator('[col-id="kabupaten"]').click();
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    const members = dialog.getByTestId('family-members');
    await members.waitFor({ timeout: 30_000 });
    await dialog.getByRole('heading', { name: `Anggota keluarga (${size})` }).waitFor();
    expect(await members.locator('tbody tr').count()).toBe(size);
    expect(await dialog.getByTestId('family-region').textContent()).toContain('Nusa Tenggara Timur');
    // Masked until asked; asking is logged and said so.
    for (const nik of await members.locator('tbody td.cell-id').allTextContents()) expect(nik).not.toMatch(/^\d{16}$/);
    await page.screenshot({ path: `${SHOTS}/padu-analysis-family.png` });
    await dialog.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    await dialog.getByText(/dicatat di log audit/).first().waitFor();
    await dialog.getByText('NIK ditampilkan lengkap', { exact: false }).waitFor({ timeout: 30_000 });
    expect((await members.locator('tbody td.cell-id').allTextContents()).some((nik) => /^\d{16}$/.test(nik))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('exports the table to Excel: the workbook has the figures and the definition', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Ekspor ke Excel' }).click();
    const done = page.getByTestId('analysis-export-done');
    await done.waitFor({ timeout: 60_000 });
    const link = done.getByRole('link', { name: /^Unduh .+\.xlsx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(app.dir, 'tabulasi.xlsx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = XLSX.read(readFileSync(saved), { dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null });
    const text = rows.map((r) => r.join(' ')).join('\n');
    expect(text).toContain(expected.definition.title);
    expect(text).toContain('Fasilitas BAB (jamban): Umum/bersama, Tidak ada/lainnya');
    const header = rows.findIndex((r) => r[0] === 'Kabupaten/kota');
    expect(header).toBeGreaterThan(0);
    const headRow = rows[header] ?? [];
    const c = headRow.indexOf(cell.colLabel);
    const line = rows.find((r, i) => i > header && r[0] === cell.rowLabel);
    expect(c).toBeGreaterThan(0);
    expect(line?.[c]).toBe(cell.families);
    const totalCol = headRow.indexOf('Jumlah');
    const totals = rows.find((r, i) => i > header && r[0] === 'Jumlah');
    expect(totals?.[totalCol]).toBe(expected.total.families);
  });

  it('saves the analysis with its view and reopens it after the spec has changed', async () => {
    const { page } = app;
    await page.getByLabel('Tampilkan', { exact: true }).selectOption({ label: '% baris' });
    await page.getByLabel('Grafik', { exact: true }).selectOption({ label: 'Batang bertumpuk' });
    const table = page.getByTestId('crosstab-table');
    expect(await table.locator(`td[data-row="${cell.row}"][data-col=""] button`).textContent()).toBe('100,0%');
    await page.getByLabel('Nama analisis').fill('Tanpa jamban sendiri per kabupaten');
    await page.getByRole('button', { name: 'Simpan analisis' }).click();
    const list = page.getByTestId('saved-list');
    await list.getByText('Tanpa jamban sendiri per kabupaten').waitFor({ timeout: 30_000 });

    // Change everything: kecamatan rows, no filter, plain figures, no chart.
    await page.getByRole('button', { name: 'Hapus filter Fasilitas BAB (jamban)' }).click();
    await page.getByLabel('Baris', { exact: true }).selectOption({ label: 'Kecamatan' });
    await page.getByLabel('Tampilkan', { exact: true }).selectOption({ label: 'Angka' });
    await page.getByLabel('Grafik', { exact: true }).selectOption({ label: 'Tanpa grafik' });
    await waitUntil(page, `!(document.querySelector('[data-testid="crosstab"]')?.getAttribute('data-spec') ?? '').includes('jamban')`);
    await tableReady(page);
    expect(await page.locator('fieldset[data-attribute="jamban"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Buka analisis Tanpa jamban sendiri per kabupaten' }).click();
    await page.getByText('Analisis “Tanpa jamban sendiri per kabupaten” dibuka.').waitFor();
    await tableReady(page);
    expect(JSON.parse((await page.getByTestId('crosstab').getAttribute('data-spec')) ?? '{}')).toEqual(SPEC);
    expect(await page.getByLabel('Baris', { exact: true }).inputValue()).toBe('region:2');
    expect(await page.getByLabel('Tampilkan', { exact: true }).inputValue()).toBe('row');
    expect(await page.getByLabel('Grafik', { exact: true }).inputValue()).toBe('stacked');
    const filter = page.locator('fieldset[data-attribute="jamban"]');
    expect(await filter.getByLabel('Umum/bersama').isChecked()).toBe(true);
    expect(await filter.getByLabel('Tidak ada/lainnya').isChecked()).toBe(true);
    expect(Number(await table.locator(`td[data-row="${cell.row}"][data-col="${cell.col}"] button`).getAttribute('data-value'))).toBe(cell.families);
    await page.locator('.xchart').waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-analysis-saved.png`, fullPage: true });

    // Deleting asks first; the table stays.
    await page.getByRole('button', { name: 'Hapus analisis Tanpa jamban sendiri per kabupaten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus analisis tersimpan?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Hapus' }).click();
    await page.getByText('Belum ada analisis tersimpan.').waitFor();
    const left = await callWarehouse<readonly unknown[]>(app, 'analysis.saved.list', {});
    expect(left).toEqual([]);
    await tableReady(page);
  });

  it('reported no console errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
