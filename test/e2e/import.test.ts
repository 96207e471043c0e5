/**
 * Impor Data end to end: the real renderer in Chromium, through the browser host (upload and
 * download included), against a real warehouse — a planner importing the generator's P3KE
 * keluarga workbook (title rows, NIKs stored as numbers), adjusting the mapping, committing,
 * looking at what was flagged, exporting it, deleting the batch; and a CSV with broken rows.
 * Screen figures are checked against the generator's fault log and the warehouse file itself.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import { type AppSession, NAV_LINKS_ID, parseCount, readDb, startApp } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 300;
const SEED = 7;



interface Counts {
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsWarned: number;
  readonly rowsSkipped: number;
}

/** The count tiles as shown (preview or result). */
async function shownCounts(page: Page, scope: string): Promise<Counts> {
  const get = async (key: keyof Counts) => parseCount(await page.locator(`${scope} [data-count="${key}"]`).textContent());
  return { rowsRead: await get('rowsRead'), rowsImported: await get('rowsImported'), rowsRejected: await get('rowsRejected'), rowsWarned: await get('rowsWarned'), rowsSkipped: await get('rowsSkipped') };
}

/** Wait until the preview on screen is settled (no re-run under way). */
async function previewSettled(page: Page): Promise<void> {
  await page.waitForSelector('.preview-card:not([aria-busy]) .preview-body:not(.is-stale)', { timeout: 60_000 });
}

/** Column ids of the sample-rows grid, scrolled from left to right (the grid renders visible columns only). */
async function mappedColumns(page: Page): Promise<string[]> {
  const ids = new Set<string>();
  const viewport = '[aria-label="Contoh baris hasil pemetaan"] .ag-body-horizontal-scroll-viewport';
  const width = await page.evaluate<number>(`document.querySelector('${viewport}')?.scrollWidth ?? 0`);
  for (let x = 0; x <= width; x += 400) {
    await page.evaluate(`(() => { const el = document.querySelector('${viewport}'); if (el) el.scrollLeft = ${x}; })()`);
    await page.waitForTimeout(60);
    for (const cell of await page.locator('[aria-label="Contoh baris hasil pemetaan"] .ag-header-cell').all()) ids.add((await cell.getAttribute('col-id')) ?? '');
  }
  await page.evaluate(`(() => { const el = document.querySelector('${viewport}'); if (el) el.scrollLeft = 0; })()`);
  return [...ids];
}

async function emptyFirstRun(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Mulai' }).click();
  await page.getByRole('listbox', { name: 'Provinsi' }).getByRole('option', { name: /Nusa Tenggara Timur/ }).waitFor();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('button', { name: 'Mulai dengan gudang kosong' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nusa Tenggara Timur' }).waitFor({ timeout: 60_000 });
}

/**
 * Record, in the page, every state a progress bar of this name goes through (it may come and go
 * between two polls of the test): how often it was seen and the texts under it.
 */
async function watchProgress(page: Page, name: string): Promise<void> {
  await page.evaluate(`(() => {
    const seen = { count: 0, details: [], values: [] };
    window.__progress = seen;
    const look = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label="${name}"]');
      if (!bar) return;
      seen.count++;
      const detail = bar.getAttribute('aria-valuetext');
      if (detail && seen.details.at(-1) !== detail) seen.details.push(detail);
      const v = bar.getAttribute('aria-valuenow');
      if (v !== null) seen.values.push(Number(v));
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
}

async function progressSeen(page: Page): Promise<{ count: number; details: string[]; values: number[] }> {
  return page.evaluate<{ count: number; details: string[]; values: number[] }>('window.__progress');
}

describe('Impor Data: a P3KE keluarga workbook from upload to deletion', () => {
  let app: AppSession;
  let xlsxPath: string;
  let csvPath: string;
  let excelFaults: number;
  let preview: Counts;
  let batchId: number;
  let splitPath: string;
  let splitRows: number;
  let splitSheets: number;

  beforeAll(async () => {
    app = await startApp({ viewport: { width: 1366, height: 768 } });
    const out = join(app.dir, 'files');
    await generateDemoFiles({ outDir: out, province: '53', families: FAMILIES, seed: SEED, formats: ['xlsx', 'csv'] });
    xlsxPath = join(out, 'p3ke-keluarga.xlsx');
    // The generator logs every NIK it wrote as an Excel number (15 significant digits kept).
    excelFaults = readFileSync(join(out, 'faults.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('p3ke-keluarga.xlsx,') && l.split(',')[4] === 'nik_as_number').length;

    // A CSV copy whose first five families carry a region code that does not exist: rejected rows.
    const lines = readFileSync(join(out, 'p3ke-keluarga.csv'), 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('ID Keluarga P3KE,'));
    for (let i = header + 1; i <= header + 5; i++) lines[i] = (lines[i] ?? '').replace(/,53\.\d\d\.\d\d\.\d{4},/, ',53.99.99.9999,');
    csvPath = join(app.dir, 'p3ke-keluarga-rusak.csv');
    writeFileSync(csvPath, lines.join('\n'));

    // P3KE individu split over sheets (a small row limit stands in for Excel 97's 65,535).
    const split = join(app.dir, 'split');
    const gen = await generateDemoFiles({ outDir: split, province: '53', families: 200, seed: SEED, formats: ['xlsx'], noise: { sheetRowLimit: 400 } });
    splitPath = join(split, 'p3ke-individu.xlsx');
    splitRows = gen.persons;
    const truth = JSON.parse(readFileSync(join(split, 'ground-truth.json'), 'utf8')) as { files: { name: string; sheets: unknown[] }[] };
    splitSheets = truth.files.find((f) => f.name === 'p3ke-individu.xlsx')?.sheets.length ?? 0;
    expect(splitSheets).toBeGreaterThan(1);

    await emptyFirstRun(app.page);
  });
  afterAll(async () => {
    await app.close();
  });

  it('uploads the workbook and previews it: P3KE keluarga, the NIKs Excel damaged, counts and rows', async () => {
    const { page } = app;
    expect(excelFaults).toBeGreaterThan(0);
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(NAV_LINKS_ID);
    await nav.getByRole('link', { name: 'Impor Data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor Data' }).waitFor();
    expect(await page.title()).toBe('Impor Data · Padu');
    await page.getByText('Belum ada batch.').waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-import-choose.png` });

    await page.getByLabel('Pilih berkas…').setInputFiles(xlsxPath);
    await page.locator('.preview-body[data-source="p3ke_keluarga"]').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    expect(await page.getByTestId('file-name').textContent()).toBe('p3ke-keluarga.xlsx');
    expect(await page.getByLabel('Sumber data').inputValue()).toBe('p3ke_keluarga');
    expect(await page.locator('.preview-body').getAttribute('data-status')).toBe('confident');
    // Five title rows above the header (the generator's default).
    expect(Number(await page.getByTestId('header-row').inputValue())).toBe(6);
    expect(await page.getByLabel('Nama batch').inputValue()).not.toBe('');

    // The NIK-precision warning is in plain sight, with as many rows as the generator damaged.
    const nik = page.getByTestId('nik-warning');
    await nik.waitFor();
    expect(await nik.textContent()).toContain('NIK kemungkinan rusak oleh Excel');
    expect(Number(await nik.getAttribute('data-count'))).toBe(excelFaults);

    preview = await shownCounts(page, '.preview-card');
    expect(preview.rowsRead).toBe(FAMILIES);
    expect(preview.rowsImported + preview.rowsRejected).toBe(preview.rowsRead);
    expect(preview.rowsWarned).toBeGreaterThanOrEqual(excelFaults);
    // The total row under the table is skipped, not read as a family.
    expect(preview.rowsSkipped).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/padu-import-preview.png` });
    await page.screenshot({ path: `${SHOTS}/padu-import-preview-full.png`, fullPage: true });

    // Issue kinds: the NIK row is there with its count and an example.
    await page.getByRole('tab', { name: /Jenis masalah/ }).click();
    const nikRow = page.locator('.issue-table tr[data-kind="nik_excel_damaged"]');
    await nikRow.waitFor();
    expect(parseCount(await nikRow.locator('[data-field="count"]').textContent())).toBe(excelFaults);
    expect(await nikRow.textContent()).toContain('Peringatan');
    await page.locator('.tab-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-issues.png` });

    // The first rows as they would be stored, with a status column.
    await page.getByRole('tab', { name: /Contoh baris/ }).click();
    const grid = page.getByRole('group', { name: 'Contoh baris hasil pemetaan' });
    await grid.locator('[role="gridcell"][col-id="status"]').first().waitFor();
    const statuses = new Set(await grid.locator('[role="gridcell"][col-id="status"]').allTextContents());
    expect([...statuses].every((s) => ['ok', 'peringatan', 'ditolak'].includes(s))).toBe(true);
    await page.locator('.tab-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-rows.png` });
    expect(await mappedColumns(page)).toContain('f:pensasaran');
  });

  it('reads the file as another source on request, and back', async () => {
    const { page } = app;
    const source = page.getByLabel('Sumber data');
    await source.selectOption({ label: 'DTKS' });
    await page.locator('.preview-body[data-source="dtks"]').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    // A P3KE file read as DTKS lacks DTKS's required columns: commit is blocked and says why.
    await page.getByTestId('missing-required').waitFor();
    expect(await page.getByRole('button', { name: /^Impor [\d.]+ baris$/ }).isDisabled()).toBe(true);
    expect(await page.locator('.commit-blockers').textContent()).toContain('Lengkapi kolom wajib.');
    await page.getByTestId('missing-required').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-missing.png` });
    await source.selectOption({ label: 'P3KE keluarga' });
    await page.locator('.preview-body[data-source="p3ke_keluarga"]').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    expect(await page.getByTestId('missing-required').count()).toBe(0);
    expect(await shownCounts(page, '.preview-card')).toEqual(preview);
  });

  it('keeps a column as an extra column and sees the preview follow', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /Pemetaan kolom/ }).click();
    const row = page.locator('.mapping-table tr[data-field="pensasaran"]');
    await row.waitFor();
    const letter = (await row.getAttribute('data-column')) ?? '';
    const select = page.getByLabel(`Kolom ${letter} “Pensasaran” dipetakan ke`);
    await select.selectOption({ label: '— simpan sebagai kolom tambahan —' });
    // The warehouse answers with the adjusted plan: the column is now unmapped.
    await page.locator(`.mapping-table tr[data-column="${letter}"][data-field=""]`).waitFor({ timeout: 60_000 });
    await previewSettled(page);
    expect(await select.inputValue()).toBe('');
    await page.getByRole('tab', { name: /Contoh baris/ }).click();
    const grid = page.getByRole('group', { name: 'Contoh baris hasil pemetaan' });
    await grid.locator('[role="gridcell"][col-id="status"]').first().waitFor();
    expect(await mappedColumns(page)).not.toContain('f:pensasaran');
    expect(await mappedColumns(page)).toContain('f:head_nik');
    // Dropping an optional column changes no count.
    expect(await shownCounts(page, '.preview-card')).toEqual(preview);
    await page.getByRole('tab', { name: /Pemetaan kolom/ }).click();
    await page.locator(`.mapping-table tr[data-column="${letter}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-mapping.png` });
  });

  it('commits with progress, and the result matches the preview and the warehouse file', async () => {
    const { page } = app;
    await page.getByLabel('Tahun/periode data').fill('2025');
    await page.getByLabel('Nama batch').fill('P3KE keluarga uji e2e');
    await watchProgress(page, 'Kemajuan impor');
    const commit = page.getByRole('button', { name: /^Impor [\d.]+ baris$/ });
    expect(parseCount((await commit.textContent())?.replace(/^Impor | baris$/g, ''))).toBe(preview.rowsImported);
    await commit.click();
    await page.getByRole('progressbar', { name: 'Kemajuan impor' }).waitFor({ timeout: 5_000 }).then(
      () => page.screenshot({ path: `${SHOTS}/padu-import-progress.png` }),
      () => undefined,
    );
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 120_000 });
    const seen = await progressSeen(page);
    expect(seen.count).toBeGreaterThan(0);

    const counts = await shownCounts(page, '[data-testid="import-result"]');
    expect(counts.rowsImported + counts.rowsRejected).toBe(counts.rowsRead);
    expect(counts).toEqual(preview);
    batchId = Number(await result.getAttribute('data-batch'));
    const db = readDb(app.dbPath, (d) => ({
      batch: d.prepare("SELECT label, vintage, status, source FROM batch WHERE id = ?").get(batchId) as { label: string; vintage: string; status: string; source: string },
      families: (d.prepare('SELECT count(*) AS n FROM family WHERE batch_id = ?').get(batchId) as { n: number }).n,
    }));
    expect(db.batch).toEqual({ label: 'P3KE keluarga uji e2e', vintage: '2025', status: 'complete', source: 'p3ke_keluarga' });
    expect(db.families).toBe(counts.rowsImported);
    // Per-kind counts, the NIK warning among them.
    expect(parseCount(await result.locator('[data-kind="nik_excel_damaged"] .kind-counts-n').textContent())).toBe(excelFaults);
    await page.getByRole('heading', { name: 'Impor selesai' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-import-result.png` });
  });

  it('shows the flagged rows of the batch and exports them to an .xlsx', async () => {
    const { page } = app;
    const detail = page.getByTestId('batch-detail');
    await detail.waitFor();
    expect(Number(await detail.getAttribute('data-batch'))).toBe(batchId);
    // Nothing was rejected in this file: said so.
    await page.getByRole('tab', { name: /Baris ditolak \(0\)/ }).waitFor();
    await detail.getByText('Tidak ada baris yang ditolak.').waitFor();
    // The flagged rows: warnings only.
    await page.getByRole('tab', { name: /^Masalah/ }).click();
    await page.getByLabel('Tampilkan', { exact: true }).selectOption('warning');
    const grid = page.getByRole('group', { name: 'Masalah per baris' });
    await grid.locator('[role="gridcell"][col-id="kind"]').first().waitFor();
    const warned = readDb(app.dbPath, (d) => (d.prepare("SELECT count(*) AS n FROM import_issue WHERE batch_id = ? AND severity = 'warning'").get(batchId) as { n: number }).n);
    await page.locator('.grid-toolbar').getByText(`${warned.toLocaleString('id-ID')} masalah`, { exact: true }).waitFor();
    const kinds = await grid.locator('[role="gridcell"][col-id="kind"]').allTextContents();
    expect(kinds).toContain('NIK kemungkinan rusak oleh Excel');
    expect(new Set(await grid.locator('[role="gridcell"][col-id="severity"]').allTextContents())).toEqual(new Set(['Peringatan']));
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-flagged.png` });

    // Export (NIK masked by default), then download it through the host.
    await page.getByRole('button', { name: 'Ekspor ke Excel' }).click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('NIK disamarkan.');
    const link = done.getByRole('link', { name: /^Unduh .+\.xlsx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(app.dir, 'unduhan.xlsx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(statSync(saved).size).toBeGreaterThan(0);
    const book = XLSX.read(readFileSync(saved));
    expect(book.SheetNames.length).toBeGreaterThanOrEqual(2);
    // Every flagged row is in the workbook, and no full 16-digit NIK.
    const allText = book.SheetNames.map((n) => {
      const sheet = book.Sheets[n];
      return sheet ? XLSX.utils.sheet_to_csv(sheet) : '';
    }).join('\n');
    expect(allText).not.toMatch(/(?<!\d)53\d{14}(?!\d)/);
    const flaggedRows = Math.max(
      ...book.SheetNames.map((n) => {
        const sheet = book.Sheets[n];
        return sheet ? XLSX.utils.sheet_to_json(sheet, { header: 1 }).length - 1 : 0;
      }),
    );
    expect(flaggedRows).toBeGreaterThanOrEqual(warned);
    await page.screenshot({ path: `${SHOTS}/padu-import-export.png` });
  });

  it('the committed batch is on Beranda; deleting it (after a confirmation) removes it everywhere', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Beranda', exact: true }).click();
    const card = page.locator(`.kpi[data-batch="${batchId}"]`);
    await card.waitFor();
    expect(parseCount(await card.locator('[data-field="families"]').textContent())).toBe(preview.rowsImported);

    await page.getByRole('link', { name: 'Impor Data' }).click();
    const list = page.getByTestId('batch-list');
    const row = list.locator(`tr[data-batch="${batchId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('P3KE keluarga uji e2e');
    expect(await row.textContent()).toContain('p3ke-keluarga.xlsx');
    // Open it from the list.
    await row.getByRole('button', { name: 'Buka batch P3KE keluarga uji e2e' }).click();
    await page.getByTestId('batch-detail').waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-import-batches.png` });

    // Cancel first: nothing happens.
    await row.getByRole('button', { name: 'Hapus batch P3KE keluarga uji e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus batch?' });
    await dialog.waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-import-delete.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.count()).toBe(1);
    // Then for real.
    await row.getByRole('button', { name: 'Hapus batch P3KE keluarga uji e2e' }).click();
    await dialog.getByRole('button', { name: 'Hapus batch' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Belum ada batch.').waitFor();
    expect(await page.getByTestId('batch-detail').count()).toBe(0);
    expect(readDb(app.dbPath, (d) => (d.prepare('SELECT count(*) AS n FROM batch').get() as { n: number }).n)).toBe(0);

    await page.getByRole('link', { name: 'Beranda', exact: true }).click();
    await page.getByRole('heading', { name: 'Gudang data masih kosong' }).waitFor();
    expect(await page.locator('.kpi').count()).toBe(0);
  });

  it('imports a CSV with broken rows: the rejected rows with their reasons, and a repeated file is caught', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Impor Data' }).click();
    await page.getByLabel('Pilih berkas…').setInputFiles(csvPath);
    await page.locator('.preview-body[data-source="p3ke_keluarga"]').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    const counts = await shownCounts(page, '.preview-card');
    expect(counts.rowsRejected).toBe(5);
    await page.getByRole('button', { name: /^Impor [\d.]+ baris$/ }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await shownCounts(page, '[data-testid="import-result"]')).toEqual(counts);
    const id = Number(await result.getAttribute('data-batch'));

    const grid = page.getByRole('group', { name: 'Baris yang ditolak' });
    await grid.locator('[role="gridcell"][col-id="reasons"]').first().waitFor();
    expect(await grid.locator('[role="row"][row-index]').count()).toBe(5);
    expect(await grid.textContent()).toContain('53.99.99.9999');
    const stored = readDb(app.dbPath, (d) => (d.prepare('SELECT count(*) AS n FROM import_reject WHERE batch_id = ?').get(id) as { n: number }).n);
    expect(stored).toBe(5);
    await page.getByTestId('batch-detail').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/padu-import-rejects.png` });

    // The same file again: the warehouse knows it; commit waits for an explicit "import anyway".
    await page.getByRole('button', { name: 'Impor berkas lain' }).click();
    await page.getByLabel('Pilih berkas…').setInputFiles(csvPath);
    await page.getByTestId('duplicate').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    const commit = page.getByRole('button', { name: /^Impor [\d.]+ baris$/ });
    expect(await commit.isDisabled()).toBe(true);
    await page.getByLabel('Tetap impor sebagai batch baru').check();
    expect(await commit.isDisabled()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/padu-import-duplicate.png` });
    await page.getByRole('button', { name: 'Ganti berkas' }).click();
    await page.getByLabel('Pilih berkas…').waitFor();
  });

  it('combines the sheets of a workbook split at the row limit', async () => {
    const { page } = app;
    await page.getByLabel('Pilih berkas…').setInputFiles(splitPath);
    await page.locator('.preview-body[data-source="p3ke_individu"]').waitFor({ timeout: 60_000 });
    await previewSettled(page);
    const sheet = page.getByLabel('Lembar', { exact: true });
    expect((await sheet.locator('option').allTextContents()).length).toBe(splitSheets);
    const first = await shownCounts(page, '.preview-card');
    expect(first.rowsRead).toBeLessThan(splitRows);
    await page.getByLabel(/^Gabungkan semua lembar dengan judul kolom sama/).check();
    await page.getByTestId('sheets-joined').getByText(/lembar digabung/).waitFor({ timeout: 60_000 });
    await previewSettled(page);
    const all = await shownCounts(page, '.preview-card');
    expect(all.rowsRead).toBe(splitRows);
    expect(await page.getByTestId('sheets-joined').textContent()).toContain(`${splitSheets} lembar digabung`);
    await page.screenshot({ path: `${SHOTS}/padu-import-sheets.png` });
    await page.getByRole('button', { name: 'Ganti berkas' }).click();
    await page.getByLabel('Pilih berkas…').waitFor();
  });

  it('speaks English too', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    await page.getByRole('heading', { name: 'Batches in the warehouse' }).waitFor();
    await page.getByText('Choose a file…').waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-import-en.png` });
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor Data' }).waitFor();
  });

  it('reported no console errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
