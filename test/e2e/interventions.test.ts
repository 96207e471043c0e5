/**
 * Program & Daftar end to end: the real renderer in Chromium, through the browser host, over a
 * demo warehouse — a planner creating the RTLH program from its example, tightening the criteria
 * to desil 1 and watching the live count follow the warehouse's own count, drafting a list with a
 * budget, removing one family with a reason, finalising, exporting the workbook and reading it
 * back (letterhead, masked NIKs, as many rows as the list has units).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CountArgs, CriteriaCount, ListDetail, MembersPage } from '../../shared/contracts/interventions.ts';
import type { Criterion } from '../../shared/interventions/criteria.ts';
import type { Program } from '../../shared/interventions/program.ts';
import { tempDir } from '../helpers/tmp.ts';
import { type AppSession, callWarehouse, demoWarehouse, parseCount, startApp, waitUntil } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 12_000;
const SEED = 11;
const PROVINCE = '53';
/** Rp 1.000.000.000 at the RTLH example's Rp 20.000.000 per family: ⌊1e9 ÷ 2e7⌋ = 50 places. */
const BUDGET = 1_000_000_000;
const REASON = 'Sudah pindah ke luar daerah (laporan desa)';

/**
 * Poll an expression in the page until it is true. (`page.waitForFunction` evaluates its predicate
 * with `eval`, which the app's CSP refuses — rightly.)
 */
/** The live count once it is the count of the criteria on screen; the arguments the UI sent and the figures it shows. */
async function liveCount(page: Page, keyContains?: string): Promise<{ args: CountArgs; eligible: number; candidates: number; units: number; shown: number }> {
  const sel = `[data-testid="live-count"][data-state="ready"]${keyContains ? `[data-key*='${keyContains}']` : ''}`;
  const el = page.locator(sel);
  await el.waitFor({ timeout: 60_000 });
  const num = async (name: string): Promise<number> => Number(await el.getAttribute(`data-${name}`));
  return {
    args: JSON.parse((await el.getAttribute('data-key')) ?? '{}') as CountArgs,
    eligible: await num('eligible'),
    candidates: await num('candidates'),
    units: await num('units'),
    shown: parseCount(await el.getByTestId('count-candidates').textContent()),
  };
}

/** The program's criteria with the desil condition narrowed to desil 1. */
function desilOneOnly(c: Criterion): Criterion {
  switch (c.op) {
    case 'and':
    case 'or':
      return { ...c, items: c.items.map(desilOneOnly) };
    case 'not':
      return { ...c, item: desilOneOnly(c.item) };
    case 'attr':
      return c.attribute === 'desil' ? { op: 'attr', attribute: 'desil', min: 1, max: 1 } : c;
    default:
      return c;
  }
}

function hashId(page: Page, view: 'program' | 'daftar'): number {
  const m = new RegExp(`#/${view}/(\\d+)$`).exec(page.url());
  if (!m) throw new Error(`not on #/${view}/<id>: ${page.url()}`);
  return Number(m[1]);
}

const MEMBER_ROWS = '.members-grid .ag-grid-scrolling-container';

describe('Program & Daftar: RTLH from its example to the OPD’s workbook', () => {
  let app: AppSession;
  let cleanupDb: () => void;
  let programId = 0;
  let listId = 0;
  let before: { eligible: number; candidates: number } = { eligible: 0, candidates: 0 };
  let failed = 0;

  beforeAll(async () => {
    const tmp = tempDir('interventions-e2e');
    cleanupDb = tmp.cleanup;
    const dbPath = join(tmp.dir, 'padu.db');
    await demoWarehouse(dbPath, { province: PROVINCE, families: FAMILIES, seed: SEED });
    app = await startApp({ dbPath, viewport: { width: 1366, height: 900 } });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) {
      failed++;
      await app.page.screenshot({ path: `${SHOTS}/padu-interventions-fail-${failed}.png`, fullPage: true }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await app.close();
    cleanupDb();
  });

  it('creates the RTLH program from its example; the live count is the warehouse’s', async () => {
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Program & Daftar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program & Daftar' }).waitFor();
    expect(await page.title()).toBe('Program & Daftar · Padu');
    await page.getByText('Ini contoh untuk disesuaikan, bukan aturan resmi.', { exact: false }).waitFor();
    await page.getByText('Belum ada program').waitFor();

    await page.getByRole('button', { name: 'Pakai contoh Rehabilitasi rumah tidak layak huni (RTLH)' }).click();
    await page.waitForURL(/#\/program\/\d+$/);
    programId = hashId(page, 'program');
    await page.getByRole('heading', { level: 1, name: 'Rehabilitasi RTLH' }).waitFor();
    expect(await page.getByTestId('template-note').textContent()).toContain('bukan aturan resmi');
    expect(await page.getByLabel('Nama program').inputValue()).toBe('Rehabilitasi RTLH');
    expect(await page.getByLabel('OPD pelaksana').inputValue()).toBe('Dinas Perumahan dan Kawasan Permukiman');

    const program = await callWarehouse<Program>(app, 'programs.get', { id: programId });
    const count = await liveCount(page);
    // What the screen asked is the saved program as it stands …
    expect(count.args.criteria).toEqual(program.criteria);
    expect(count.args.recipientPrograms).toEqual(program.recipientPrograms);
    expect(count.args.coverageYears).toBe(program.coverageYears);
    expect(count.args.year).toBe(program.year);
    // … and what it shows is the warehouse's count for it.
    const direct = await callWarehouse<CriteriaCount>(app, 'programs.count', count.args);
    expect(count.eligible).toBe(direct.eligible);
    expect(count.candidates).toBe(direct.candidates);
    expect(count.shown).toBe(direct.candidates);
    expect(direct.candidates).toBeGreaterThan(100);
    expect(await page.getByTestId('count-description').textContent()).toContain('Desil kesejahteraan');
    before = { eligible: direct.eligible, candidates: direct.candidates };
    await page.screenshot({ path: `${SHOTS}/padu-program-editor.png`, fullPage: true });
  });

  it('tightens the criteria to desil 1: the count drops to what programs.count gives, and saves', async () => {
    const { page } = app;
    const desil = page.locator('fieldset[data-attribute="desil"]');
    await desil.getByLabel('Sampai').selectOption({ label: 'Desil 1' });
    const count = await liveCount(page, '"attribute":"desil","min":1,"max":1');
    const program = await callWarehouse<Program>(app, 'programs.get', { id: programId });
    expect(count.args.criteria).toEqual(desilOneOnly(program.criteria));
    const direct = await callWarehouse<CriteriaCount>(app, 'programs.count', count.args);
    expect(count.candidates).toBe(direct.candidates);
    expect(count.eligible).toBe(direct.eligible);
    expect(count.shown).toBe(direct.candidates);
    expect(direct.candidates).toBeLessThan(before.candidates);
    expect(direct.eligible).toBeLessThan(before.eligible);
    expect(direct.candidates).toBeGreaterThan(BUDGET / 20_000_000);

    const bar = page.getByTestId('save-bar');
    await bar.getByText('Ada perubahan yang belum disimpan.').waitFor();
    await bar.getByRole('button', { name: 'Simpan program' }).click();
    await bar.getByText('Semua perubahan tersimpan.').waitFor({ timeout: 30_000 });
    const saved = await callWarehouse<Program>(app, 'programs.get', { id: programId });
    expect(saved.criteria).toEqual(desilOneOnly(program.criteria));
  });

  it('drafts the list with a budget: ⌊budget ÷ unit cost⌋ families, split over kecamatan', async () => {
    const { page } = app;
    const box = page.getByTestId('draft-box');
    await box.getByLabel('Pagu lain untuk draf ini').check();
    await box.getByLabel('Pagu (Rp)').fill('1.000.000.000');
    const places = Math.floor(BUDGET / 20_000_000);
    expect(await box.getByTestId('draft-places').textContent()).toContain(`Cukup untuk ${places} unit`);
    expect(await box.getByLabel('Dibagi ke wilayah').inputValue()).toBe('kecamatan');
    await box.getByRole('button', { name: 'Susun daftar' }).click();
    await page.waitForURL(/#\/daftar\/\d+$/, { timeout: 60_000 });
    listId = hashId(page, 'daftar');
    await page.getByRole('heading', { level: 1, name: 'Rehabilitasi RTLH — versi 1' }).waitFor();

    const detail = await callWarehouse<ListDetail>(app, 'lists.get', { listId });
    expect(detail.summary.target).toBe(places);
    expect(detail.summary.units).toBe(places);
    expect(detail.summary.status).toBe('draft');
    const summary = page.getByTestId('list-summary');
    expect(Number(await summary.getAttribute('data-units'))).toBe(places);
    expect(parseCount(await page.getByTestId('list-units').textContent())).toBe(places);
    expect(await page.getByTestId('list-status').first().getAttribute('data-status')).toBe('draft');
    // The allocation table adds up to the list.
    const listed = (await page.getByTestId('allocation-table').getByTestId('area-listed').allTextContents()).map((t) => parseCount(t));
    expect(listed.reduce((a, b) => a + b, 0)).toBe(places);
    expect(listed.length).toBe(detail.areas.length);
    await waitUntil(page, `document.querySelector('[data-testid="members-count"]')?.getAttribute('data-count') === '${places}'`);
    await page.locator(`${MEMBER_ROWS} .ag-row[row-index="0"] [col-id="nama"]`).waitFor();
    for (const nik of await page.locator(`${MEMBER_ROWS} .ag-row [col-id="nik"]`).allTextContents()) expect(nik).not.toMatch(/^\d{16}$/);
    await page.screenshot({ path: `${SHOTS}/padu-list-draft.png`, fullPage: true });
  });

  it('removes one family: a reason is required, the list shrinks by one', async () => {
    const { page } = app;
    const first = await callWarehouse<MembersPage>(app, 'lists.members', { listId, startRow: 0, endRow: 1 });
    const row = first.rows[0];
    if (!row) throw new Error('empty list');
    await page.locator(`${MEMBER_ROWS} .ag-row[row-index="0"] [col-id="nama"]`).click();
    const detail = page.getByTestId('member-detail');
    await detail.waitFor();
    expect(await detail.getByRole('heading', { level: 2 }).textContent()).toBe(row.nama);
    expect(await detail.getByTestId('score-components').locator('tbody tr').count()).toBe(5);
    await detail.getByRole('button', { name: 'Hapus dari daftar…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Hapus dari daftar' });
    await dialog.waitFor();
    // An empty reason is refused before anything is sent.
    await dialog.getByRole('button', { name: 'Hapus', exact: true }).click();
    await dialog.getByText('Alasan wajib diisi.').waitFor();
    expect((await callWarehouse<ListDetail>(app, 'lists.get', { listId })).summary.units).toBe(50);

    await dialog.getByLabel('Alasan (wajib)').fill(REASON);
    await dialog.getByRole('button', { name: 'Hapus', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('[data-testid="list-summary"][data-units="49"]').waitFor({ timeout: 30_000 });
    await waitUntil(page, `document.querySelector('[data-testid="members-count"]')?.getAttribute('data-count') === '49'`);
    const after = await callWarehouse<ListDetail>(app, 'lists.get', { listId });
    expect(after.summary.units).toBe(49);
    expect(after.summary.manualChanges).toBe(1);
    const members = await callWarehouse<MembersPage>(app, 'lists.members', { listId, startRow: 0, endRow: 100 });
    expect(members.rows.some((r) => r.familyId === row.familyId)).toBe(false);
  });

  it('finalises the list after a confirmation: editing is gone, a new version is offered', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Finalkan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finalkan daftar?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('dikunci');
    await dialog.getByRole('button', { name: 'Ya, finalkan' }).click();
    await page.locator('[data-testid="list-summary"][data-status="final"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Buat versi baru' }).waitFor();
    expect(await page.getByRole('button', { name: 'Finalkan' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Susun ulang daftar' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Tambah ke daftar' }).count()).toBe(0);
    expect((await callWarehouse<ListDetail>(app, 'lists.get', { listId })).summary.status).toBe('final');
  });

  it('exports the .xlsx with masked NIKs: letterhead, one row per unit, the SHA-256 shown is the file’s', async () => {
    const { page } = app;
    const card = page.locator('.pg-export');
    // Full numbers need an explicit yes; "keep them masked" leaves the box unticked.
    await card.getByLabel('Tampilkan NIK lengkap').click();
    const ask = page.getByRole('dialog', { name: 'Tampilkan NIK dan No KK lengkap?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Tetap disamarkan' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await card.getByLabel('Tampilkan NIK lengkap').isChecked()).toBe(false);

    await card.getByRole('button', { name: 'Ekspor ke Excel' }).click();
    const done = page.getByTestId('list-export-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-rows')).toBe('49');
    expect(await done.getAttribute('data-masked')).toBe('true');
    const sha = (await done.getAttribute('data-sha')) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await done.getByText(sha).waitFor();

    const link = done.getByRole('link', { name: /^Unduh .+\.xlsx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(app.dir, 'daftar.xlsx');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);

    const book = XLSX.read(bytes, { dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null, blankrows: true });
    const top = rows.slice(0, 8).map((r) => r.filter((v) => v !== null).join(' ')).join('\n');
    expect(top).toContain('PEMERINTAH PROVINSI NUSA TENGGARA TIMUR');
    expect(top).toContain('BADAN PERENCANAAN PEMBANGUNAN DAERAH');
    expect(top).toContain('REHABILITASI RTLH');
    const header = rows.findIndex((r) => r[0] === 'No');
    expect(header).toBeGreaterThan(0);
    const head = rows[header] ?? [];
    const nikCol = head.indexOf('NIK');
    const kkCol = head.indexOf('No KK');
    expect(nikCol).toBeGreaterThanOrEqual(0);
    expect(kkCol).toBeGreaterThanOrEqual(0);
    const data: (string | number | null)[][] = [];
    for (let i = header + 1; i < rows.length; i++) {
      const r = rows[i] ?? [];
      if (typeof r[0] !== 'number') break;
      data.push(r);
    }
    expect(data.length).toBe(49);
    const ranks = data.map((r) => Number(r[0]));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // Every number present is masked. The demo leaves about 1 % of NIKs empty, as real files do, and
    // P3KE family files carry no No KK at all, so that column may be empty throughout.
    const niks = data.map((r) => r[nikCol]).filter((v) => v !== null);
    const kks = data.map((r) => r[kkCol]).filter((v) => v !== null);
    expect(niks.length).toBeGreaterThan(40);
    // A NIK Excel once damaged ("5.30101E+15", kept as imported and flagged) is masked too.
    for (const v of [...niks, ...kks]) {
      expect(String(v)).toContain('*');
      expect(String(v)).not.toMatch(/\d{5}/);
    }
    const wellFormed = niks.filter((v) => /^\d{4}\*{10}\d{2}$/.test(String(v)));
    expect(wellFormed.length).toBeGreaterThan(niks.length * 0.9);
    // The removed family is not in the file, and its reason is on no row (a removal leaves the list).
    expect(rows.flat().some((v) => v === REASON)).toBe(false);
    // NIK and No KK cells are text, never numbers.
    const nikRow = data.findIndex((r) => r[nikCol] !== null);
    const nikCell = sheet['!data']?.[header + 1 + nikRow]?.[nikCol];
    expect(nikCell?.t).toBe('s');
    await page.screenshot({ path: `${SHOTS}/padu-list-final.png`, fullPage: true });
  });

  it('reported no console errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
