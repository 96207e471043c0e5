/**
 * Profil Wilayah end to end: the real renderer in Chromium against a demo warehouse through the
 * browser host. A planner walks from the province to a kabupaten (region list) and on to one of
 * its kecamatan (children table); every figure on screen is checked against what
 * `analysis.profile` returns for the same region, called on the warehouse directly.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorEntry, RegionProfile } from '../../shared/contracts/analysis.ts';
import { formatNumber, formatPercent } from '../../shared/i18n/format.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startApp, type AppSession } from './harness.ts';

const SHOTS = '/tmp';
const NTT = '53';
const FAMILIES = 3000;
const SEED = 41;

const num = (n: number, digits = 0): string => formatNumber('id', n, digits);
const pct = (share: number | null): string => (share === null ? '—' : formatPercent('id', share, 1));

/** Decimal places an indicator value is shown with: as many as it has, up to three. */
function digitsOf(v: number): number {
  if (Number.isInteger(v)) return 0;
  return Math.min(3, String(v).split('.')[1]?.length ?? 0);
}

function exactly(s: string): RegExp {
  const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}$`);
}

function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

let work: { dir: string; cleanup: () => void };
let wh: Warehouse;
let app: AppSession;

beforeAll(async () => {
  work = tempDir('profile-e2e');
  const dbPath = join(work.dir, 'padu.db');
  wh = await openWarehouse(dbPath, { log: () => undefined });
  const set = await wh.call('settings.setWorkingProvince', { code: NTT });
  if (!set.ok) throw new Error(set.error.message);
  const demo = await wh.call('demo.create', { families: FAMILIES, seed: SEED });
  if (!demo.ok) throw new Error(demo.error.message);
  app = await startApp({ dbPath, viewport: { width: 1366, height: 768 } });
}, 300_000);

afterAll(async () => {
  await app?.close();
  wh?.close();
  work?.cleanup();
});

async function profileOf(regionCode: string): Promise<RegionProfile> {
  const r = await wh.call('analysis.profile', { regionCode });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as RegionProfile;
}

/** Wait until the page shows the profile of `code` (not a previous region's, not loading). */
async function profileShown(page: Page, code: string): Promise<void> {
  await page.waitForSelector(`.profile-main[data-region="${code}"][aria-busy="false"]`, { timeout: 60_000 });
}

/** Families and people, the key figures and the children table as shown equal the warehouse's profile. */
async function expectFigures(page: Page, p: RegionProfile): Promise<void> {
  const main = page.locator('.profile-main');
  expect((await main.locator('#profile-region-title').textContent())?.trim()).toBe(p.region.name);
  expect(await main.locator('[data-kpi="families"] [data-field="value"]').textContent()).toBe(num(p.families));
  expect(await main.locator('[data-kpi="persons"] [data-field="value"]').textContent()).toBe(num(p.persons));
  if (p.parent) {
    expect(await main.locator('[data-kpi="families"] [data-field="parent"]').textContent()).toBe(num(p.parentFamilies));
    expect(await main.locator('[data-kpi="persons"] [data-field="parent"]').textContent()).toBe(num(p.parentPersons));
    expect(await main.locator('.profile-figures thead th').allTextContents()).toContain(p.parent.name);
  }

  expect(p.figures.length).toBeGreaterThanOrEqual(6);
  expect(await main.locator('.profile-figures tbody tr').count()).toBe(p.figures.length);
  for (const f of p.figures) {
    const row = main.locator(`.profile-figures tr[data-figure="${f.key}"]`);
    expect(await row.locator('th').textContent()).toBe(f.label);
    expect(await row.locator('[data-field="share"]').textContent()).toBe(pct(f.share));
    expect(await row.locator('[data-field="counts"]').textContent()).toBe(`${num(f.count)} dari ${num(f.base)}`);
    if (p.parent) {
      expect(await row.locator('[data-field="parent-share"]').textContent()).toBe(pct(f.parentShare));
      expect(await row.locator('[data-field="parent-counts"]').textContent()).toBe(`${num(f.parentCount)} dari ${num(f.parentBase)}`);
      const d = f.share !== null && f.parentShare !== null ? f.share - f.parentShare : null;
      const expected = d === null ? null : Math.abs(d) < 0.005 ? 'same' : d > 0 ? 'higher' : 'lower';
      if (expected) expect(await row.locator('[data-compare]').getAttribute('data-compare')).toBe(expected);
    }
  }

  // Families per desil (the chart's text alternative): region and parent shares.
  const withDesil = p.desil.reduce((n, d) => n + d.families, 0);
  const parentWithDesil = p.desil.reduce((n, d) => n + d.parentFamilies, 0);
  for (const d of p.desil.filter((x) => x.families > 0)) {
    const cells = await main.locator(`.profile-desil tr[data-desil="${d.desil}"] td`).allTextContents();
    expect(cells[1]).toBe(`${pct(d.families / withDesil)} (${num(d.families)} keluarga)`);
    if (p.parent) expect(cells[2]).toBe(`${pct(d.parentFamilies / parentWithDesil)} (${num(d.parentFamilies)} keluarga)`);
  }

  if (p.region.level < 4) {
    const rows = main.locator('.profile-children-table tbody tr');
    expect(await rows.count()).toBe(p.children.length);
    for (const c of p.children.slice(0, 5)) {
      const row = main.locator(`.profile-children-table tr[data-code="${c.code}"]`);
      expect(await row.locator('th').textContent()).toBe(c.name);
      expect(await row.locator('[data-field="families"]').textContent()).toBe(num(c.families));
      const shares = await row.locator('td[data-figure]').allTextContents();
      expect(shares).toEqual(c.shares.map((s) => pct(s)));
    }
  }
}

/** Each indicator entry appears on its own line with its value, source and batch. */
async function expectIndicators(page: Page, entries: readonly IndicatorEntry[], scope: 'region' | 'parent'): Promise<void> {
  for (const e of entries) {
    const row = page
      .locator(`.indicator-table tr[data-indicator=${cssString(e.indicator)}][data-period=${cssString(e.period)}]`)
      .filter({ has: page.locator('[data-field="source"]', { hasText: exactly(e.source ?? '—') }) })
      .filter({ has: page.locator('[data-field="batch"]', { hasText: `(batch #${e.batch.id})` }) });
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-field="source"]').textContent()).toBe(e.source ?? '—');
    expect(await row.locator('[data-field="batch"]').textContent()).toContain(e.batch.label);
    const value = (await row.locator(`[data-scope="${scope}"] [data-field="value"]`).textContent()) ?? '';
    if (e.value !== null) expect(value.startsWith(num(e.value, digitsOf(e.value)))).toBe(true);
    const badge = row.locator(`[data-scope="${scope}"] .badge-conflict`);
    expect(await badge.count()).toBe(e.conflict ? 1 : 0);
    if (e.conflict) expect(await badge.textContent()).toBe('berbeda antar sumber');
  }
}

describe('Profil Wilayah on a demo warehouse', () => {
  it('opens on the working province, then a kabupaten from the region list, with its figures beside the province', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Profil Wilayah' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profil Wilayah' }).waitFor();
    await profileShown(page, NTT);
    const province = await profileOf(NTT);
    expect(province.parent).toBeNull();
    expect(await page.locator('[data-kpi="families"] [data-field="value"]').textContent()).toBe(num(province.families));
    // The data sources line names the batches the figures come from.
    const sources = (await page.getByTestId('profile-sources').textContent()) ?? '';
    for (const d of province.datasets) expect(sources).toContain(d.familyBatch.label);

    const kab = province.children.find((c) => c.code === '53.07') ?? province.children[0];
    if (!kab) throw new Error('the province has no kabupaten');
    await page.locator('.region-list').getByRole('button', { name: new RegExp(`^${kab.name}`) }).click();
    await profileShown(page, kab.code);
    expect(await page.evaluate('location.hash')).toBe(`#/profil/${kab.code}`);
    const p = await profileOf(kab.code);
    expect(p.parent?.code).toBe(NTT);
    await expectFigures(page, p);
    await expectIndicators(page, p.indicators, 'region');
    await expectIndicators(page, p.parentIndicators, 'parent');
    expect(p.indicators.length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/padu-profil-kabupaten.png`, fullPage: true });

    // Sorting the children by families puts the largest first; again, the smallest.
    const byFamilies = [...p.children].sort((a, b) => b.families - a.families || a.code.localeCompare(b.code));
    const header = page.locator('.profile-children-table thead th').nth(1);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('.profile-children-table tbody tr').first().getAttribute('data-code')).toBe(byFamilies[0]?.code);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('.profile-children-table tbody tr').first().locator('[data-field="families"]').textContent()).toBe(
      num(Math.min(...p.children.map((c) => c.families))),
    );
  });

  it('goes on to a kecamatan from the children table: its figures, the kabupaten’s beside them, the kabupaten’s indicators', async () => {
    const { page } = app;
    const kab = await profileOf((await page.locator('.profile-main').getAttribute('data-region')) ?? '');
    const kec = kab.children.find((c) => c.families > 0);
    if (!kec) throw new Error('no kecamatan with families');
    await page.locator(`.profile-children-table tr[data-code="${kec.code}"]`).getByRole('button', { name: kec.name }).click();
    await profileShown(page, kec.code);
    expect(await page.evaluate('location.hash')).toBe(`#/profil/${kec.code}`);
    const crumbs = page.getByRole('navigation', { name: 'Wilayah terpilih' });
    expect(await crumbs.locator('li').allTextContents()).toEqual(['Nusa Tenggara Timur', kab.region.name, kec.name]);

    const p = await profileOf(kec.code);
    expect(p.parent?.code).toBe(kab.region.code);
    expect(p.parent?.name).toBe(kab.region.name);
    await expectFigures(page, p);
    // The kecamatan's own families are the kabupaten's child row; its parent figures are the kabupaten's own.
    expect(p.families).toBe(kec.families);
    expect(p.parentFamilies).toBe(kab.families);

    // Sectoral indicators: the demo has them per kabupaten, so the kabupaten's are listed, each with its source.
    expect(p.parentIndicators.length).toBeGreaterThan(0);
    const indicatorCard = page.locator('.profile-indicators');
    expect(await indicatorCard.locator('thead th').allTextContents()).toContain(kab.region.name);
    await expectIndicators(page, p.parentIndicators, 'parent');
    const conflicting = p.parentIndicators.filter((e) => e.conflict);
    expect(await indicatorCard.locator('.badge-conflict').count()).toBe(conflicting.length + p.indicators.filter((e) => e.conflict).length);
    await page.screenshot({ path: `${SHOTS}/padu-profil-kecamatan.png`, fullPage: true });

    // Back up through the breadcrumb.
    await crumbs.getByRole('button', { name: kab.region.name }).click();
    await profileShown(page, kab.region.code);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a desa from the address, in English, with the kecamatan beside it and no children table', async () => {
    const { page } = app;
    const kec = await profileOf('53.07');
    const district = kec.children.find((c) => c.families > 0);
    if (!district) throw new Error('no kecamatan with families');
    const villages = await profileOf(district.code);
    const village = villages.children.find((c) => c.families > 0);
    if (!village) throw new Error('no desa with families');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.evaluate(`location.hash = '#/profil/${village.code}'`);
    await profileShown(page, village.code);
    const p = await profileOf(village.code);
    expect(p.parent?.code).toBe(district.code);
    expect(await page.locator('[data-kpi="families"] [data-field="value"]').textContent()).toBe(formatNumber('en', p.families));
    expect(await page.locator('[data-kpi="families"] [data-field="parent"]').textContent()).toBe(formatNumber('en', p.parentFamilies));
    const first = p.figures[0];
    if (!first) throw new Error('no figures');
    expect(await page.locator(`.profile-figures tr[data-figure="${first.key}"] [data-field="parent-share"]`).textContent()).toBe(
      first.parentShare === null ? '—' : formatPercent('en', first.parentShare, 1),
    );
    expect(await page.locator('.profile-children-table').count()).toBe(0);
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
