/**
 * Padu-padan end to end: the real renderer in Chromium, through the browser host, over a demo
 * warehouse — a planner matching the P3KE individu batch against DTKS, reading the figures (equal
 * to the warehouse's own summary), deciding two pairs of the review queue (one by keyboard, one by
 * button) and seeing the review count follow, then opening "P3KE desil 1 not in DTKS" and finding
 * as many records in the grid as the figure said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { LinkRunInfo, LinkSummary, OverlapResult, ReviewPair } from '../../shared/contracts/linkage.ts';
import type { WarehouseInfo } from '../../shared/contracts/system.ts';
import { tempDir } from '../helpers/tmp.ts';
import { type AppSession, callWarehouse, demoWarehouse, parseCount, startApp, waitUntil } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 4_000;
const SEED = 11;
const PROVINCE = '53';

/** Poll an expression in the page until it is true (`waitForFunction` uses eval, which the CSP refuses). */
function attr(testId: string, name: string): string {
  return `(document.querySelector('[data-testid="${testId}"]')?.getAttribute('${name}') ?? '')`;
}

/** The summary on screen is ready and shows `review` pairs to review in its total row. */
async function summaryShows(page: Page, runId: number, review: number): Promise<void> {
  await waitUntil(
    page,
    `${attr('link-result', 'data-state')} === 'ready' && ${attr('link-result', 'data-run')} === '${runId}'
      && (document.querySelector('[data-testid="link-table"] tfoot td[data-bucket="review"] button')?.getAttribute('data-value') ?? '') === '${review}'`,
    60_000,
  );
}

/** The review queue has loaded and is not waiting for a decision. */
async function queueIdle(page: Page): Promise<void> {
  await waitUntil(page, `${attr('link-review', 'data-state')} !== 'loading' && ${attr('link-review', 'data-busy')} === 'false'`);
}

describe('Padu-padan', () => {
  let app: AppSession;
  let cleanupDb: () => void;

  beforeAll(async () => {
    const tmp = tempDir('linkage-e2e');
    cleanupDb = tmp.cleanup;
    const dbPath = join(tmp.dir, 'padu.db');
    await demoWarehouse(dbPath, { province: PROVINCE, families: FAMILIES, seed: SEED });
    app = await startApp({ dbPath, viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await app.close();
    cleanupDb();
  });

  it('P3KE individu against DTKS: figures, review queue by keyboard and button, a question drilled', async () => {
    const { page } = app;
    const info = await callWarehouse<WarehouseInfo>(app, 'system.info', {});
    const p3ke = info.batches.find((b) => b.source === 'p3ke_individu');
    const dtks = info.batches.find((b) => b.source === 'dtks');
    if (!p3ke || !dtks) throw new Error('the demo has no P3KE individu or DTKS batch');

    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Padu-padan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Padu-padan' }).waitFor();
    expect(await page.title()).toBe('Padu-padan · Padu');
    await page.getByLabel('Batch A').selectOption(String(p3ke.id));
    await page.getByLabel('Batch B').selectOption(String(dtks.id));

    // Run: the status names the run and its seconds; the address opens it.
    await page.getByRole('button', { name: 'Jalankan padu-padan' }).click();
    await waitUntil(page, `${attr('link-run-status', 'data-run')} !== ''`, 120_000);
    const runId = Number(await page.getByTestId('link-run-status').getAttribute('data-run'));
    expect(await page.getByTestId('link-run-status').getAttribute('data-reused')).toBe('false');
    expect(await page.getByTestId('link-run-status').textContent()).toMatch(/Padu-padan #\d+ selesai dalam [\d,]+ detik/);
    expect(page.url()).toContain(`#/padu-padan/${runId}`);

    const before = await callWarehouse<LinkSummary>(app, 'linkage.summary', { runId });
    expect(before.run.a.id).toBe(p3ke.id);
    expect(before.total.both).toBeGreaterThan(0);
    expect(before.total.review).toBeGreaterThanOrEqual(2);
    await summaryShows(page, runId, before.total.review);
    const table = page.getByTestId('link-table');
    expect(await table.locator('tbody tr').count()).toBe(before.rows.length);
    for (const b of ['both', 'onlyA', 'onlyB', 'conflicts'] as const) {
      expect(parseCount(await table.locator(`tfoot td[data-bucket="${b}"] button`).textContent())).toBe(before.total[b]);
      expect(parseCount(await page.getByTestId(`link-count-${b}`).textContent())).toBe(before.total[b]);
    }
    await page.getByTestId('link-result').screenshot({ path: `${SHOTS}/padu-linkage-summary.png` });

    // The same batches again: the earlier result is reused, and said so.
    await page.getByRole('button', { name: 'Jalankan padu-padan' }).click();
    await waitUntil(page, `${attr('link-run-status', 'data-reused')} === 'true'`, 60_000);
    expect(await page.getByTestId('link-run-status').textContent()).toContain('dipakai ulang');
    expect(await page.getByTestId('link-runs').locator(`tr[data-run="${runId}"]`).count()).toBe(1);

    // The review queue: the pair on screen is the warehouse's first, differences marked.
    await page.getByTestId('link-open-review').click();
    const queue = page.getByTestId('link-review');
    await queueIdle(page);
    const first = await callWarehouse<ReviewPair>(app, 'linkage.review.next', { runId });
    expect(await queue.getAttribute('data-pair')).toBe(`${first.a.id}-${first.b.id}`);
    expect(Number(await queue.getAttribute('data-waiting'))).toBe(first.waiting);
    expect(await queue.textContent()).toContain(`${first.waiting.toLocaleString('id-ID')} menunggu`);
    for (const f of first.differs) expect(await queue.locator(`tr[data-field="${f}"]`).getAttribute('data-differs')).toBe('true');
    expect(await queue.getByRole('button', { name: /Terima/ }).getAttribute('aria-keyshortcuts')).toBe('T A');
    await queue.screenshot({ path: `${SHOTS}/padu-linkage-review.png` });

    // Accept by keyboard: the focus is in the queue (its heading), "T" accepts.
    await waitUntil(page, `document.querySelector('[data-testid="link-review"]')?.contains(document.activeElement) === true`);
    await page.keyboard.press('t');
    await waitUntil(page, `${attr('link-review', 'data-pair')} !== '${first.a.id}-${first.b.id}' && ${attr('link-review', 'data-busy')} === 'false'`);
    expect(await page.getByTestId('link-review-status').textContent()).toContain('Diterima.');
    const second = await callWarehouse<ReviewPair>(app, 'linkage.review.next', { runId });
    expect(await queue.getAttribute('data-pair')).toBe(`${second.a.id}-${second.b.id}`);
    expect(second.waiting).toBe(first.waiting - 1);

    // Reject by button: the focus stays on the button (it is never disabled under it).
    await queue.getByRole('button', { name: /Tolak/ }).click();
    await waitUntil(page, `${attr('link-review', 'data-pair')} !== '${second.a.id}-${second.b.id}' && ${attr('link-review', 'data-busy')} === 'false'`);
    expect(await page.getByTestId('link-review-status').textContent()).toContain('Ditolak.');
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-action') ?? ''`)).toBe('reject');

    // Skip by "→": the next pair after it, nothing decided.
    const third = await callWarehouse<ReviewPair>(app, 'linkage.review.next', { runId });
    expect(await queue.getAttribute('data-pair')).toBe(`${third.a.id}-${third.b.id}`);
    await page.keyboard.press('ArrowRight');
    await waitUntil(page, `${attr('link-review', 'data-pair')} !== '${third.a.id}-${third.b.id}' && ${attr('link-review', 'data-busy')} === 'false'`);
    expect(await page.getByTestId('link-review-status').textContent()).toContain('Dilewati.');
    expect(await queue.textContent()).toContain('1 dilewati');

    // The summary follows: two pairs fewer to review, as the warehouse says.
    const after = await callWarehouse<LinkSummary>(app, 'linkage.summary', { runId });
    expect(after.total.review).toBe(before.total.review - 2);
    await summaryShows(page, runId, after.total.review);
    expect(parseCount(await page.getByTestId('link-count-review').textContent())).toBe(after.total.review);
    const runs = await callWarehouse<LinkRunInfo[]>(app, 'linkage.runs', {});
    expect(runs.find((r) => r.runId === runId)?.newDecisions).toBe(2);

    // "P3KE desil 1 not in DTKS": the grid has as many records as the figure, NIKs masked.
    const question = after.questions.find((q) => q.key === 'a_desil1_not_in_b');
    if (!question) throw new Error('no a_desil1_not_in_b question');
    expect(question.count).toBeGreaterThan(0);
    const button = page.getByTestId('link-q-a_desil1_not_in_b');
    expect(parseCount(await button.textContent())).toBe(question.count);
    await button.click();
    await waitUntil(page, `${attr('link-records-count', 'data-count')} !== ''`);
    expect(Number(await page.getByTestId('link-records-count').getAttribute('data-count'))).toBe(question.count);
    await waitUntil(page, `(document.querySelector('.link-grid .ag-row[row-index="0"] [col-id="name"]')?.textContent ?? '').trim() !== ''`);
    const niks = await page.locator('.link-grid .ag-row [col-id="nik"]').allTextContents();
    expect(niks.length).toBeGreaterThan(0);
    for (const v of niks) expect(v).not.toMatch(/^\d{16}$/);

    // The same records exported: as many rows as the figure, NIKs masked.
    await page.getByTestId('link-export-records').click();
    const done = page.getByTestId('link-export-done');
    await done.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('link').click()]);
    const saved = join(app.dir, 'padu-padan.xlsx');
    await download.saveAs(saved);
    const book = XLSX.read(readFileSync(saved));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Rekaman'] as XLSX.WorkSheet, { header: 1, defval: null });
    const body = rows.slice(rows.findIndex((r) => r[0] === 'No') + 1);
    expect(body.length).toBe(question.count);
    expect(body.every((r) => !/^\d{16}$/.test(typeof r[5] === 'string' ? r[5] : ''))).toBe(true);

    expect(app.pageErrors).toEqual([]);
  });

  it('Overlap of three batches: combinations as the warehouse counts them, the unmatched pairs said', async () => {
    const { page } = app;
    const info = await callWarehouse<WarehouseInfo>(app, 'system.info', {});
    // P3KE individu and DTKS (matched in the test above) and a third people-bearing batch, never matched.
    const third = info.batches.find((b) => ['dtsen_individu', 'dtsen_keluarga', 'p3ke_keluarga', 'program'].includes(b.source));
    const pick = [info.batches.find((b) => b.source === 'p3ke_individu'), info.batches.find((b) => b.source === 'dtks'), third];
    if (pick.some((b) => b === undefined)) throw new Error('the demo lacks a batch for the overlap');
    // The screen asks in the warehouse's batch order, so the combinations' indexes match.
    const order = info.batches.map((b) => b.id);
    const ids = pick.flatMap((b) => (b ? [b.id] : [])).sort((x, y) => order.indexOf(x) - order.indexOf(y));
    const panel = page.getByTestId('link-overlap');
    for (const b of pick) if (b) await panel.getByRole('checkbox', { name: new RegExp(`\\(#${b.id}\\)$`) }).check();
    await waitUntil(page, `${attr('link-overlap', 'data-state')} === 'ready' && document.querySelector('[data-testid="link-overlap-table"]') !== null`, 60_000);
    const expected = await callWarehouse<OverlapResult>(app, 'linkage.overlap', { batches: ids });
    // Only P3KE ↔ DTKS was matched: the two pairs with the third batch are unknown, and said so.
    expect(expected.missing.length).toBe(2);
    const missing = page.getByTestId('link-overlap-missing');
    expect(await missing.locator('li').count()).toBe(2);
    expect(await missing.textContent()).toContain('tidak diketahui');
    const areas = expected.areas.filter((a) => a.sets.length > 0);
    const table = page.getByTestId('link-overlap-table');
    expect(await table.locator('tbody tr').count()).toBe(areas.length);
    for (const a of areas) {
      expect(parseCount(await table.locator(`tbody tr[data-sets="${a.sets.join(',')}"] td[data-field="people"]`).textContent())).toBe(a.people);
    }
    await panel.locator('canvas').first().waitFor();
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Unduh PNG' }).click();
    expect((await download).suggestedFilename()).toMatch(/^orang-menurut-gabungan-sumber-3-batch\.png$/);
    await panel.screenshot({ path: `${SHOTS}/padu-linkage-overlap.png` });
  });
});
