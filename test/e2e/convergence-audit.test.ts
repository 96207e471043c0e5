/**
 * Konvergensi, Log Audit and the letterhead end to end: the real renderer in Chromium, through the
 * browser host, over a demo warehouse — a planner reading how many programs reach the desil-1
 * families (figures equal to the warehouse's own table), opening the untouched families and one of
 * them, looking inside a kabupaten; reading the audit log, checking its hash chain (whole, then
 * tampered), exporting it and reading the workbook; saving a letterhead and a refused one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { AuditPage, AuditVerification } from '../../shared/contracts/audit.ts';
import type { ConvergenceArgs, ConvergenceResult, Letterhead } from '../../shared/contracts/interventions.ts';
import { tempDir } from '../helpers/tmp.ts';
import { type AppSession, callWarehouse, demoWarehouse, parseCount, startApp, waitUntil } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 8_000;
const SEED = 5;
const PROVINCE = '53';

/**
 * Poll an expression in the page until it is true. (`page.waitForFunction` evaluates its predicate
 * with `eval`, which the app's CSP refuses — rightly.)
 */
/** The key the screen gives its arguments (convergenceModel.argsKey). */
function keyOf(args: ConvergenceArgs): string {
  return JSON.stringify([args.region ?? null, args.desil ?? [], args.yearFrom ?? null, args.yearTo ?? null, args.includeLists ?? false]);
}

/** Wait until the table on screen is the one of `args` (not a previous one, not loading). */
async function tableFor(page: Page, args: ConvergenceArgs): Promise<void> {
  const key = keyOf(args);
  await waitUntil(
    page,
    `(() => { const el = document.querySelector('[data-testid="conv-result"]'); return el?.getAttribute('data-state') === 'ready' && el.getAttribute('data-key') === ${JSON.stringify(key)}; })()`,
    60_000,
  );
}

/** A grid's row by index, once its block has loaded (the column `colId` has text). */
async function gridRowLoaded(page: Page, grid: string, index: number, colId: string): Promise<void> {
  await waitUntil(
    page,
    `(() => {
      const cell = document.querySelector('${grid} .ag-row[row-index="${index}"] [col-id="${colId}"]');
      return cell !== null && (cell.textContent ?? '').trim() !== '';
    })()`,
  );
}

async function countAttr(page: Page, testId: string): Promise<number> {
  await waitUntil(page, `(document.querySelector('[data-testid="${testId}"]')?.getAttribute('data-count') ?? '') !== ''`);
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

describe('Konvergensi, Log Audit and the letterhead', () => {
  let app: AppSession;
  let cleanupDb: () => void;

  beforeAll(async () => {
    const tmp = tempDir('conv-audit-e2e');
    cleanupDb = tmp.cleanup;
    const dbPath = join(tmp.dir, 'padu.db');
    await demoWarehouse(dbPath, { province: PROVINCE, families: FAMILIES, seed: SEED });
    app = await startApp({ dbPath, viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await app.close();
    cleanupDb();
  });

  it('Konvergensi: desil-1 families by number of programs, the same figures as the warehouse', async () => {
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Konvergensi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konvergensi Program' }).waitFor();
    expect(await page.title()).toBe('Konvergensi · Padu');
    const args: ConvergenceArgs = { desil: [1], includeLists: false };
    await tableFor(page, args);

    const expected = await callWarehouse<ConvergenceResult>(app, 'convergence.table', args);
    expect(expected.total.families).toBeGreaterThan(100);
    expect(expected.total.byCount[0]).toBeGreaterThan(0);
    const table = page.getByTestId('conv-table');
    const foot = table.locator('tfoot');
    expect(parseCount(await foot.locator('td[data-field="families"]').textContent())).toBe(expected.total.families);
    const zero = foot.locator('td[data-bucket="0"] button');
    expect(parseCount(await zero.textContent())).toBe(expected.total.byCount[0]);
    for (const [k, b] of (['0', '1', '2', '3'] as const).entries()) {
      expect(parseCount(await foot.locator(`td[data-bucket="${b}"] button`).textContent())).toBe(expected.total.byCount[k]);
    }
    expect(parseCount(await foot.locator('td[data-bucket="same"] button').textContent())).toBe(expected.total.sameStrategy);
    // One row per kabupaten/kota, one column per program with its kind and strategy.
    expect(await table.locator('tbody tr').count()).toBe(expected.rows.length);
    expect(await table.locator('thead th[data-program]').count()).toBe(expected.programs.length);
    expect(await table.locator('thead th[data-program="flag:pkh"]').textContent()).toContain('Strategi 1: Pengurangan beban pengeluaran');
    const first = expected.rows.find((r) => r.families > 0);
    if (!first) throw new Error('no kabupaten with desil-1 families');
    expect(parseCount(await table.locator(`tbody tr[data-row="${first.code}"] td[data-field="families"]`).textContent())).toBe(first.families);
    expect(await page.getByTestId('conv-description').textContent()).toContain('Keluarga desil 1 di Nusa Tenggara Timur');
    await page.locator('.conv-chart canvas').first().waitFor();
    await page.getByTestId('conv-result').screenshot({ path: `${SHOTS}/padu-convergence-table.png` });

    // The untouched families: as many grid rows as the figure, NIKs masked, one opens.
    await zero.click();
    await page.getByRole('heading', { name: 'Keluarga: Nusa Tenggara Timur × 0 program' }).waitFor();
    expect(await countAttr(page, 'conv-families-count')).toBe(expected.total.byCount[0]);
    await gridRowLoaded(page, '.conv-grid', 0, 'nama');
    const niks = await page.locator('.conv-grid .ag-row [col-id="nik"]').allTextContents();
    expect(niks.length).toBeGreaterThan(0);
    for (const v of niks) expect(v).not.toMatch(/^\d{16}$/);
    const name = (await page.locator('.conv-grid .ag-row[row-index="0"] [col-id="nama"]').textContent()) ?? '';
    await page.locator('.conv-grid .ag-row[row-index="0"] [col-id="nama"]').click();
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    await dialog.getByTestId('family-members').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Inside a kabupaten: its kecamatan, the warehouse's figures again; the breadcrumb goes back.
    await table.locator(`tbody tr[data-row="${first.code}"] th button`).click();
    const inside: ConvergenceArgs = { region: first.code, desil: [1], includeLists: false };
    await tableFor(page, inside);
    expect(page.url()).toContain(`#/konvergensi/${first.code}`);
    const kab = await callWarehouse<ConvergenceResult>(app, 'convergence.table', inside);
    expect(kab.total.families).toBe(first.families);
    expect(parseCount(await table.locator('tfoot td[data-field="families"]').textContent())).toBe(kab.total.families);
    expect(await table.locator('tbody tr').count()).toBe(kab.rows.length);
    await page.getByRole('navigation', { name: 'Wilayah terpilih' }).getByRole('button', { name: 'Nusa Tenggara Timur' }).click();
    await tableFor(page, args);

    // Only recipient lists from 2030 on (none in the demo): the recipient-list columns empty out.
    await page.getByLabel('Dari', { exact: true }).fill('2030');
    const later: ConvergenceArgs = { desil: [1], yearFrom: 2030, includeLists: false };
    await tableFor(page, later);
    const none = await callWarehouse<ConvergenceResult>(app, 'convergence.table', later);
    expect(none.programs.filter((p) => p.kind === 'recipients')).toEqual([]);
    expect(none.total.byCount[0]).toBeGreaterThanOrEqual(expected.total.byCount[0]);
    expect(parseCount(await foot.locator('td[data-bucket="0"] button').textContent())).toBe(none.total.byCount[0]);
    await page.getByLabel('Dari', { exact: true }).fill('');
    await tableFor(page, args);
    // Lists being drafted count too (none drafted here: the same figures, asked again).
    await page.getByLabel('Sertakan daftar yang sedang disusun').check();
    await tableFor(page, { ...args, includeLists: true });
    await page.getByLabel('Sertakan daftar yang sedang disusun').uncheck();
    await tableFor(page, args);

    // Desil 1 and 2 together.
    await page.getByLabel('Desil 2', { exact: true }).check();
    const two: ConvergenceArgs = { desil: [1, 2], includeLists: false };
    await tableFor(page, two);
    const both = await callWarehouse<ConvergenceResult>(app, 'convergence.table', two);
    expect(both.total.families).toBeGreaterThan(expected.total.families);
    expect(parseCount(await table.locator('tfoot td[data-field="families"]').textContent())).toBe(both.total.families);
    await page.getByLabel('Desil 2', { exact: true }).uncheck();
    await tableFor(page, args);
  });

  it('Log Audit: entries newest first, the chain whole, filters, export read back', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Log Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log Audit' }).waitFor();
    const all = await callWarehouse<AuditPage>(app, 'audit.list', { startRow: 0, endRow: 5 });
    expect(all.count).toBeGreaterThanOrEqual(7);
    expect(await countAttr(page, 'audit-count')).toBe(all.count);
    await gridRowLoaded(page, '.audit-grid', 0, 'action');
    const newest = all.rows[0];
    if (!newest) throw new Error('empty log');
    expect(await page.locator('.audit-grid .ag-row[row-index="0"] [col-id="id"]').textContent()).toBe(`#${newest.id}`);
    expect(await page.locator('.audit-grid .ag-row[row-index="0"] [col-id="action"]').textContent()).toBe('Impor data');
    expect(await page.locator('.audit-grid .ag-row[row-index="0"] [col-id="summary"]').textContent()).toMatch(/^Batch #\d+ · .+ · \d+(\.\d{3})* baris diimpor$/);

    // The chain, walked by the warehouse: whole.
    await page.getByRole('button', { name: 'Periksa rantai' }).click();
    const verdict = page.getByTestId('audit-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.textContent()).toContain('Rantai hash utuh');
    expect(await verdict.textContent()).toContain('utuh; rantai hash sah');

    // Filters go to the warehouse.
    await page.getByLabel('Cari', { exact: true }).fill('dtks');
    const dtks = await callWarehouse<AuditPage>(app, 'audit.list', { text: 'dtks', startRow: 0, endRow: 1 });
    expect(dtks.count).toBeGreaterThan(0);
    expect(dtks.count).toBeLessThan(all.count);
    await waitUntil(page, `document.querySelector('[data-testid="audit-count"]')?.getAttribute('data-count') === '${dtks.count}'`);
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await waitUntil(page, `document.querySelector('[data-testid="audit-count"]')?.getAttribute('data-count') === '${all.count}'`);
    await page.getByLabel('Dari tanggal').fill('2099-01-01');
    await waitUntil(page, `document.querySelector('[data-testid="audit-count"]')?.getAttribute('data-count') === '0'`);
    await page.getByText('Tidak ada entri yang sesuai saringan.').waitFor();
    await page.getByLabel('Dari tanggal').fill('2000-01-01');
    await page.getByLabel('Sampai tanggal').fill('2099-12-31');
    await waitUntil(page, `document.querySelector('[data-testid="audit-count"]')?.getAttribute('data-count') === '${all.count}'`);
    await page.getByRole('button', { name: 'Hapus saringan' }).click();

    // One entry in full.
    await page.locator('.audit-grid .ag-row[row-index="0"] [col-id="summary"]').click();
    await page.getByRole('heading', { name: `Entri #${newest.id}` }).waitFor();
    expect(JSON.parse((await page.getByTestId('audit-json').textContent()) ?? '')).toEqual(newest.detail);
    await page.screenshot({ path: `${SHOTS}/padu-audit.png`, fullPage: true });

    // Export: the workbook has every entry; the export is itself logged.
    await page.getByRole('button', { name: 'Ekspor ke Excel' }).click();
    const done = page.getByTestId('audit-export-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain(`${all.count} entri diekspor ke Log-audit-`);
    const link = done.getByRole('link', { name: /^Unduh Log-audit-.+\.xlsx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(app.dir, 'log-audit.xlsx');
    await download.saveAs(saved);
    const book = XLSX.read(readFileSync(saved), { dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null });
    expect(rows[0]?.[0]).toBe('Log audit Padu');
    expect(String(rows[1]?.[0])).toMatch(/^Rantai hash sah/);
    const header = rows.findIndex((r) => r[0] === 'No');
    expect(rows[header]).toEqual(['No', 'Waktu (UTC)', 'Pengguna', 'Tindakan', 'Rincian', 'Hash SHA-256']);
    const entries = rows.slice(header + 1).filter((r) => typeof r[0] === 'number');
    expect(entries.length).toBe(all.count);
    expect(entries.at(-1)?.[5]).toBe(newest.hash);
    await waitUntil(page, `document.querySelector('[data-testid="audit-count"]')?.getAttribute('data-count') === '${all.count + 1}'`);
    await gridRowLoaded(page, '.audit-grid', 0, 'action');
    expect(await page.locator('.audit-grid .ag-row[row-index="0"] [col-id="action"]').textContent()).toBe('Ekspor log audit');
  });

  it('Log Audit: a changed entry shows as a broken chain, named by its id', async () => {
    const { page } = app;
    const target = 2;
    const db = new Database(app.dbPath);
    const before = db.prepare('SELECT detail FROM audit_log WHERE id = ?').pluck().get(target) as string;
    try {
      db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run(before.replace('"rowsImported":', '"rowsImported":1'), target);
      const check = await callWarehouse<AuditVerification>(app, 'audit.verify', {});
      expect(check.ok).toBe(false);
      await page.getByRole('button', { name: 'Periksa rantai' }).click();
      const verdict = page.getByTestId('audit-verdict');
      await waitUntil(page, `document.querySelector('[data-testid="audit-verdict"]')?.getAttribute('data-ok') === 'false'`);
      expect(await verdict.getAttribute('data-broken-at')).toBe(String(target));
      expect(await verdict.textContent()).toContain('Rantai hash RUSAK');
      expect(await verdict.textContent()).toContain(check.message);
      expect(await verdict.textContent()).toContain(`Entri pertama yang tidak cocok: #${target}`);
      await page.getByTestId('audit-verdict').screenshot({ path: `${SHOTS}/padu-audit-broken.png` });
    } finally {
      db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run(before, target);
      db.close();
    }
    await page.getByRole('button', { name: 'Periksa rantai' }).click();
    await waitUntil(page, `document.querySelector('[data-testid="audit-verdict"]')?.getAttribute('data-ok') === 'true'`);
  });

  it('Pengaturan: the letterhead is saved and read back; a refused value is named next to its field', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaturan & Tentang' }).click();
    const form = page.getByTestId('letterhead-form');
    await form.waitFor();
    await form.getByLabel('Baris pemerintah').fill('PEMERINTAH KABUPATEN KUPANG');
    await form.getByLabel('Nama instansi').fill('BADAN PERENCANAAN PEMBANGUNAN DAERAH KABUPATEN KUPANG');
    await form.getByLabel('Alamat').fill('Jl. Timor Raya Km 36, Oelamasi');
    await form.getByLabel('Nomor dokumen').fill('050/   /Bappeda/2026');
    await form.getByLabel('Kota penandatanganan').fill('Oelamasi');
    await form.getByLabel('A4 (210 × 297 mm)').check();
    const first = form.getByTestId('signoff-1');
    await first.getByLabel('Nama').fill('Drs. Yohanes Tefa, M.Si');
    await first.getByLabel('NIP').fill('197001011995031001');
    await form.getByRole('button', { name: 'Tambah blok tanda tangan' }).click();
    const third = form.getByTestId('signoff-3');
    await third.getByLabel('Keterangan').fill('Dibuat oleh,');
    await third.getByLabel('Jabatan').fill('Kepala Bidang Perencanaan');
    await third.getByLabel('Nama').fill('Maria Bano');
    await third.getByLabel('NIP').fill('198502022010012002');
    await form.getByLabel('Tahun ke belakang').fill('5');
    await form.getByRole('button', { name: 'Simpan kop surat' }).click();
    await form.getByTestId('letterhead-saved').waitFor();

    const stored = await callWarehouse<Letterhead>(app, 'lists.settings.get', {});
    expect(stored).toEqual({
      government: 'PEMERINTAH KABUPATEN KUPANG',
      agency: 'BADAN PERENCANAAN PEMBANGUNAN DAERAH KABUPATEN KUPANG',
      address: 'Jl. Timor Raya Km 36, Oelamasi',
      documentNumber: '050/   /Bappeda/2026',
      city: 'Oelamasi',
      paper: 'A4',
      signOff: [
        { role: 'Mengetahui,', title: 'Kepala Bappeda', name: 'Drs. Yohanes Tefa, M.Si', nip: '197001011995031001' },
        { role: 'Menyetujui,', title: 'Kepala Perangkat Daerah', name: '', nip: '' },
        { role: 'Dibuat oleh,', title: 'Kepala Bidang Perencanaan', name: 'Maria Bano', nip: '198502022010012002' },
      ],
      coverageYears: 5,
    } satisfies Letterhead);

    // A coverage window the warehouse refuses: its message above the form, the field marked and told why.
    await form.getByLabel('Tahun ke belakang').fill('99');
    await form.getByRole('button', { name: 'Simpan kop surat' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toContain('Masukan tidak sah untuk lists.settings.save: coverageYears.');
    const field = form.locator('[data-field="coverageYears"]');
    expect(await field.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await field.locator('.kop-field-error').textContent()).toBe('Tulis bilangan bulat dari 0 sampai 30.');
    await page.locator('.kop-card').screenshot({ path: `${SHOTS}/padu-letterhead.png` });
    expect((await callWarehouse<Letterhead>(app, 'lists.settings.get', {})).coverageYears).toBe(5);
    await form.getByRole('button', { name: 'Batalkan perubahan' }).click();
    expect(await form.getByLabel('Tahun ke belakang').inputValue()).toBe('5');

    // The change is in the audit log.
    const log = await callWarehouse<AuditPage>(app, 'audit.list', { action: 'settings.letterhead', startRow: 0, endRow: 5 });
    expect(log.count).toBe(1);
  });

  it('reported no console errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
