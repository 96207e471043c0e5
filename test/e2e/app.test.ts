/**
 * The UI end to end: the real renderer build in Debian Chromium against a real warehouse through
 * the browser host, doing what a planner does on first use. Figures on screen are checked against
 * the warehouse file itself (read-only, after the UI has finished) and, for the demo data, against
 * the generator's own ground truth.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorValues } from '../../electron/warehouse/demo/indicators.ts';
import { resolveNoise } from '../../electron/warehouse/demo/noise.ts';
import { preparePlan, runVillages } from '../../electron/warehouse/demo/pipeline.ts';
import { TruthTally, type DemoTruthCounts, type SourceCounts } from '../../electron/warehouse/demo/truth.ts';
import { type AppSession, NAV_LINKS_ID, parseCount, readDb, ROOT, startApp } from './harness.ts';

const NTT = '53';
const SHOTS = '/tmp';



interface BatchCount {
  readonly id: number;
  readonly source: string;
  readonly families: number;
  readonly persons: number;
}

/** Per complete batch, what lies inside a region subtree — straight from the tables. */
function dbCounts(dbPath: string, region: string): BatchCount[] {
  return readDb(dbPath, (db) => {
    const batches = db.prepare("SELECT id, source FROM batch WHERE status = 'complete' ORDER BY id").all() as { id: number; source: string }[];
    const like = `${region}.%`;
    return batches.map((b) => {
      if (b.source === 'program' || b.source === 'indicator') {
        const table = b.source === 'program' ? 'program_recipient' : 'indicator_value';
        const n = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE batch_id = ? AND (region_code = ? OR region_code LIKE ?)`).get(b.id, region, like) as { n: number };
        return { id: b.id, source: b.source, families: n.n, persons: 0 };
      }
      const f = db.prepare('SELECT count(*) AS n FROM family WHERE batch_id = ? AND (region_code = ? OR region_code LIKE ?)').get(b.id, region, like) as { n: number };
      const p = db.prepare('SELECT count(*) AS n FROM person WHERE batch_id = ? AND (region_code = ? OR region_code LIKE ?)').get(b.id, region, like) as { n: number };
      return { id: b.id, source: b.source, families: f.n, persons: p.n };
    });
  });
}

function referenceCounts(dbPath: string, province: string): { regencies: number; districts: number; villages: number } {
  return readDb(dbPath, (db) => {
    const n = (level: number) => (db.prepare('SELECT count(*) AS n FROM region WHERE level = ? AND code LIKE ?').get(level, `${province}.%`) as { n: number }).n;
    return { regencies: n(2), districts: n(3), villages: n(4) };
  });
}

/** The KPI cards as shown: batch id → families and persons (null when the card shows none). */
async function cardFigures(page: Page, lang: 'id' | 'en' = 'id'): Promise<Map<number, { families: number; persons: number | null }>> {
  const out = new Map<number, { families: number; persons: number | null }>();
  for (const card of await page.locator('.kpi').all()) {
    const batch = Number(await card.getAttribute('data-batch'));
    const families = parseCount(await card.locator('[data-field="families"]').textContent(), lang);
    const persons = (await card.locator('[data-field="persons"]').count()) > 0 ? parseCount(await card.locator('[data-field="persons"]').textContent(), lang) : null;
    out.set(batch, { families, persons });
  }
  return out;
}

/** A property of the focused element, read in the page (a string: tests have no DOM types). */
function focused(page: Page, expression: string): Promise<string | null> {
  return page.evaluate<string | null>(`(() => { const el = document.activeElement; return el ? String(${expression}) : null; })()`);
}

/** Wait until Beranda shows the figures of `region` (not a previous region's, not loading). */
async function figuresFor(page: Page, region: string): Promise<void> {
  await page.waitForSelector(`.home-figures[data-region="${region}"][aria-busy="false"]`);
}

async function walkFirstRun(page: Page, choice: 'demo' | 'empty', shots: boolean): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Selamat datang di Padu' }).waitFor();
  // No navigation during the first run: nothing there would work yet.
  expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).count()).toBe(0);
  await page.getByText('kabupaten/kota').first().waitFor();
  if (shots) await page.screenshot({ path: `${SHOTS}/padu-first-run-welcome.png`, fullPage: true });
  await page.getByRole('button', { name: 'Mulai' }).click();

  await page.getByRole('heading', { level: 1, name: 'Pilih provinsi kerja' }).waitFor();
  const list = page.getByRole('listbox', { name: 'Provinsi' });
  await list.getByRole('option').first().waitFor();
  expect(await list.getByRole('option').count()).toBe(38);
  // Nusa Tenggara Timur (53) is chosen by default.
  const ntt = list.getByRole('option', { name: /Nusa Tenggara Timur/ });
  expect(await ntt.getAttribute('aria-selected')).toBe('true');
  if (shots) await page.screenshot({ path: `${SHOTS}/padu-first-run-province.png`, fullPage: true });
  // The list is searchable, case and diacritic insensitive.
  const filter = page.getByRole('searchbox', { name: 'Cari provinsi' });
  await filter.fill('sulawesi');
  expect(await list.getByRole('option').count()).toBe(5);
  await filter.fill('nusa tenggara');
  expect(await list.getByRole('option').count()).toBe(2);
  // Arrow keys move the choice; back up to NTT.
  await list.focus();
  await page.keyboard.press('ArrowUp');
  expect(await list.getByRole('option', { name: /Nusa Tenggara Barat/ }).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowDown');
  expect(await ntt.getAttribute('aria-selected')).toBe('true');
  await page.getByRole('button', { name: 'Lanjut' }).click();

  await page.getByRole('heading', { level: 1, name: 'Isi gudang data' }).waitFor();
  await page.getByText('Data sintetis, bukan data warga sebenarnya.').first().waitFor();
  if (shots) await page.screenshot({ path: `${SHOTS}/padu-first-run-data.png`, fullPage: true });
  if (choice === 'empty') {
    await page.getByRole('button', { name: 'Mulai dengan gudang kosong' }).click();
  } else {
    await page.getByRole('button', { name: 'Gunakan data contoh' }).click();
    await page.getByRole('progressbar', { name: 'Kemajuan pembuatan data contoh' }).waitFor({ timeout: 10_000 });
    if (shots) await page.screenshot({ path: `${SHOTS}/padu-first-run-progress.png`, fullPage: true });
  }
  await page.getByRole('heading', { level: 1, name: 'Nusa Tenggara Timur' }).waitFor({ timeout: 120_000 });
}

describe('first run with an empty warehouse, language, region picker, settings', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp({ viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('walks the first run to an honest empty Beranda', async () => {
    const { page } = app;
    await walkFirstRun(page, 'empty', true);
    await figuresFor(page, NTT);
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(NAV_LINKS_ID);
    await page.getByRole('heading', { name: 'Gudang data masih kosong' }).waitFor();
    await page.getByRole('button', { name: 'Isi dengan data contoh' }).waitFor();
    expect(await page.locator('.kpi').count()).toBe(0);

    const ref = referenceCounts(app.dbPath, NTT);
    const meta = (await page.getByTestId('reference-counts').textContent()) ?? '';
    expect(meta).toContain(`${ref.regencies} kabupaten/kota`);
    expect(meta).toContain(`${ref.districts} kecamatan`);
    expect(meta).toContain(`${ref.villages.toLocaleString('id-ID')} desa/kelurahan`);
    expect(ref.villages).toBeGreaterThan(1000);
    await page.screenshot({ path: `${SHOTS}/padu-beranda-empty.png`, fullPage: true });
  });

  it('switches to English (labels and number format), keeps it after a reload, and back', async () => {
    const { page } = app;
    const ref = referenceCounts(app.dbPath, NTT);
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await page.getByRole('button', { name: 'English' }).click();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    await navEn.getByRole('link', { name: 'Home' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'The warehouse is empty' }).waitFor();
    const metaEn = (await page.getByTestId('reference-counts').textContent()) ?? '';
    expect(metaEn).toContain(`${ref.villages.toLocaleString('en-GB')} villages`);
    expect(metaEn).toMatch(/\d,\d{3} villages/);

    await page.reload();
    await navEn.getByRole('link', { name: 'Home' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await nav.getByRole('link', { name: 'Beranda' }).waitFor();
    const metaId = (await page.getByTestId('reference-counts').textContent()) ?? '';
    expect(metaId).toMatch(/\d\.\d{3} desa\/kelurahan/);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('walks the region reference by mouse and keyboard, and finds a village by a diacritic-free name', async () => {
    const { page } = app;
    await figuresFor(page, NTT);
    const list = page.locator('.region-list');
    await list.getByRole('heading', { name: /Kabupaten\/kota di Nusa Tenggara Timur/ }).waitFor();
    // Click: a kabupaten.
    await list.getByRole('button', { name: /Kabupaten Sikka/ }).click();
    await figuresFor(page, '53.07');
    await list.getByRole('heading', { name: /Kecamatan di Kabupaten Sikka/ }).waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Wilayah terpilih' });
    expect(await crumbs.locator('li').allTextContents()).toEqual(['Nusa Tenggara Timur', 'Kabupaten Sikka']);
    // Keyboard: into the list, down one, Enter goes into that kecamatan; focus stays in the list.
    const first = list.locator('.region-item').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const name = ((await first.locator('.region-item-name').textContent()) ?? '').trim();
    const code = (await first.getAttribute('data-code')) ?? '';
    expect(code).toBe('53.07.01');
    await page.keyboard.press('Enter');
    await figuresFor(page, code);
    await list.getByRole('heading', { name: new RegExp(`Desa/kelurahan di ${name}`) }).waitFor();
    await page.waitForFunction('document.activeElement?.classList.contains("region-item") === true');
    // Down to a village, with the keyboard again; it becomes the chosen one in its siblings' list.
    await page.keyboard.press('End');
    const last = list.locator('.region-item').last();
    const villageCode = (await last.getAttribute('data-code')) ?? '';
    await page.keyboard.press('Enter');
    await figuresFor(page, villageCode);
    expect(await last.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('.figures-head .kind-badge').textContent()).toMatch(/^(Desa|Kelurahan)$/);
    // Breadcrumb back up to the province.
    await crumbs.getByRole('button', { name: 'Nusa Tenggara Timur' }).click();
    await figuresFor(page, NTT);

    // Search: `regapuu` finds Regapu’u, with its path.
    const search = page.getByRole('combobox', { name: 'Cari wilayah' });
    await search.fill('regapuu');
    const option = page.getByRole('option', { name: /Regapu’u/ });
    await option.waitFor();
    expect(await option.textContent()).toContain('Kabupaten Sikka › Paga');
    expect(await option.textContent()).toContain('Desa');
    // Esc closes the list; the arrow key opens it again and Enter chooses.
    await page.keyboard.press('Escape');
    await option.waitFor({ state: 'hidden' });
    await page.keyboard.press('ArrowDown');
    await option.waitFor();
    await page.keyboard.press('Enter');
    await figuresFor(page, '53.07.01.2021');
    expect(await crumbs.locator('li').allTextContents()).toEqual(['Nusa Tenggara Timur', 'Kabupaten Sikka', 'Paga', 'Regapu’u']);
    // The chosen region is in the address: a reload comes back to it.
    expect(new URL(page.url()).hash).toBe('#/beranda/53.07.01.2021');
    await page.reload();
    await figuresFor(page, '53.07.01.2021');
    expect(await crumbs.locator('li').allTextContents()).toEqual(['Nusa Tenggara Timur', 'Kabupaten Sikka', 'Paga', 'Regapu’u']);
    // Two villages called Oebobo: the path tells them apart, and the code segment rule tells the
    // kelurahan (53.71.04.1001) from the desa (53.02.14.2004).
    await search.fill('oebobo');
    await page.locator('[role="option"][data-code="53.71.04.1001"]').waitFor();
    const kel = (await page.locator('[role="option"][data-code="53.71.04.1001"]').textContent()) ?? '';
    const desa = (await page.locator('[role="option"][data-code="53.02.14.2004"]').textContent()) ?? '';
    expect(kel).toContain('Kelurahan');
    expect(kel).toContain('Kota Kupang › Oebobo');
    expect(desa).toContain('Desa');
    expect(desa).not.toContain('Kelurahan');
    await page.screenshot({ path: `${SHOTS}/padu-beranda-search.png` });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
  });

  it('shows language, working province, region reference and the warehouse file on Pengaturan', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Pengaturan & Tentang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaturan & Tentang' }).waitFor();
    await page.getByText('Kepmendagri 300.2.2-2138/2025').waitFor();
    expect(await page.getByTestId('db-path').textContent()).toBe(app.dbPath);
    const schema = readDb(app.dbPath, (db) => db.pragma('user_version', { simple: true }) as number);
    expect(await page.getByTestId('schema-version').textContent()).toBe(String(schema));
    expect(await page.getByRole('radio', { name: 'Bahasa Indonesia' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/padu-pengaturan.png`, fullPage: true });
    await page.getByRole('link', { name: 'Beranda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nusa Tenggara Timur' }).waitFor();
  });

  it('fills the empty warehouse from Beranda; the figures refresh on data.changed', async () => {
    const { page } = app;
    await page.locator('.region-list').getByRole('button', { name: /Kabupaten Sikka/ }).click();
    await figuresFor(page, '53.07');
    await page.getByRole('button', { name: 'Isi dengan data contoh' }).click();
    await page.getByRole('progressbar', { name: 'Kemajuan pembuatan data contoh' }).waitFor();
    await page.getByText(/Membuat keluarga, desa demi desa: [\d.]+ dari [\d.]+ desa\/kelurahan/).waitFor({ timeout: 60_000 });
    // No reload, no navigation: the warehouse's data.changed event brings the figures of Sikka.
    await page.locator('.kpi').first().waitFor({ timeout: 120_000 });
    await figuresFor(page, '53.07');
    expect(await cardFigures(page)).toEqual(expectedCards(app.dbPath, '53.07'));
    await page.getByRole('note').getByText('Data contoh.').waitFor();
    await page.getByRole('navigation', { name: 'Wilayah terpilih' }).getByRole('button', { name: 'Nusa Tenggara Timur' }).click();
    await figuresFor(page, NTT);
  });

  it('has a skip link and reported no console errors or CSP violations', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Nusa Tenggara Timur' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Langsung ke konten utama' });
    expect(await skip.textContent()).toBe('Langsung ke konten utama');
    expect(await focused(page, "el.getAttribute('href')")).toBe('#main');
    await page.keyboard.press('Enter');
    await page.waitForFunction('document.activeElement?.id === "main"');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});

/**
 * The generator's ground truth for a (province, families, seed), computed here without any
 * database: the same village loop the loader runs, tallied, with nothing stored.
 */
async function demoTruth(province: string, families: number, seed: number): Promise<DemoTruthCounts> {
  const plan = await preparePlan(province, families, seed);
  const tally = new TruthTally(plan.province.code);
  await runVillages(plan, seed, resolveNoise(undefined), tally, () => Promise.resolve());
  for (const v of indicatorValues(plan, seed)) tally.source.indicator.row(v.code, v.code, null);
  return tally.freeze();
}

/** Which truth tally a demo batch stands for. */
function truthKey(source: string, label: string): keyof DemoTruthCounts['sources'] {
  if (source === 'program') return /PKH/.test(label) ? 'program_pkh' : 'program_rtlh';
  if (source === 'p3ke_keluarga' || source === 'p3ke_individu' || source === 'dtks' || source === 'dtsen_keluarga' || source === 'indicator') return source;
  throw new Error(`no truth for ${source}`);
}

/** What a card should show for a batch in a kabupaten (or the whole province when kab is null), per the truth. */
function truthFigures(s: SourceCounts, source: string, kab: string | null): { families: number; persons: number | null } {
  const at = (c: Readonly<Record<string, number>> | undefined, whole: number) => (kab === null ? whole : (c?.[kab] ?? 0));
  switch (source) {
    case 'p3ke_individu':
      return { families: at(s.familiesByKabupaten, s.families), persons: at(s.byKabupaten, s.persons) };
    case 'dtks':
      return { families: at(s.householdsByKabupaten, s.households ?? 0), persons: at(s.byKabupaten, s.persons) };
    default:
      return { families: at(s.byKabupaten, s.rows), persons: null };
  }
}

const PERSON_CARDS = new Set(['p3ke_individu', 'dtsen_individu', 'dtks']);

/** The DB counts as the cards should show them (persons only on person-level cards). */
function expectedCards(dbPath: string, region: string): Map<number, { families: number; persons: number | null }> {
  return new Map(dbCounts(dbPath, region).map((b) => [b.id, { families: b.families, persons: PERSON_CARDS.has(b.source) ? b.persons : null }]));
}

/** The desil table behind the chart: desil → families. */
async function desilShown(page: Page): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const row of await page.locator('.desil-card tr[data-desil]').all()) {
    out.set(Number(await row.getAttribute('data-desil')), parseCount(await row.locator('[data-field="families"]').textContent()));
  }
  return out;
}

const DEMO_WIRED = readFileSync(`${ROOT}electron/warehouse/server.ts`, 'utf8').includes('demoHandlers');

describe.skipIf(!DEMO_WIRED)('first run with the demo data', () => {
  let app: AppSession;
  let truth: DemoTruthCounts;
  let labels: Map<number, { source: string; label: string }>;

  beforeAll(async () => {
    app = await startApp({ viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates the demo data from the first run; Beranda shows the counts the generator reports', async () => {
    const { page } = app;
    await walkFirstRun(page, 'demo', true);
    await figuresFor(page, NTT);
    await page.getByRole('note').getByText('Data contoh.').waitFor();
    await page.locator('.desil-card canvas').waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-beranda.png` });
    await page.screenshot({ path: `${SHOTS}/padu-beranda-full.png`, fullPage: true });

    const batches = readDb(app.dbPath, (db) => db.prepare("SELECT id, source, label, details FROM batch WHERE origin = 'demo' AND status = 'complete' ORDER BY id").all() as { id: number; source: string; label: string; details: string }[]);
    expect(batches.map((b) => b.source)).toEqual(['p3ke_keluarga', 'p3ke_individu', 'dtks', 'dtsen_keluarga', 'program', 'program', 'indicator']);
    labels = new Map(batches.map((b) => [b.id, { source: b.source, label: b.label }]));
    const details = JSON.parse(batches[0]?.details ?? '{}') as { seed: number; families: number; province: string };
    expect(details).toMatchObject({ families: 30_000, province: NTT });
    truth = await demoTruth(details.province, details.families, details.seed);

    // Screen = warehouse file = generator truth, batch by batch.
    const shown = await cardFigures(page);
    expect(shown).toEqual(expectedCards(app.dbPath, NTT));
    for (const [id, { source, label }] of labels) {
      expect(shown.get(id), `${label} vs truth`).toEqual(truthFigures(truth.sources[truthKey(source, label)], source, null));
    }
    const p3ke = [...labels].find(([, b]) => b.source === 'p3ke_keluarga')?.[0] ?? -1;
    expect(shown.get(p3ke)?.families).toBe(truth.sources.p3ke_keluarga.families);
    expect(await page.locator(`.kpi[data-batch="${p3ke}"] [data-field="families"]`).textContent()).toBe(truth.sources.p3ke_keluarga.families.toLocaleString('id-ID'));

    // The desil chart's figures (P3KE keluarga), against the file and the truth.
    const desil = await desilShown(page);
    const dbDesil = readDb(app.dbPath, (db) => db.prepare('SELECT desil, count(*) AS n FROM family WHERE batch_id = ? AND desil IS NOT NULL GROUP BY desil').all(p3ke) as { desil: number; n: number }[]);
    expect(desil).toEqual(new Map(dbDesil.map((r) => [r.desil, r.n])));
    const truthDesil = new Map<number, number>();
    for (const byDesil of Object.values(truth.sources.p3ke_keluarga.byKabupatenDesil ?? {})) {
      for (const [d, n] of Object.entries(byDesil)) truthDesil.set(Number(d), (truthDesil.get(Number(d)) ?? 0) + n);
    }
    expect(desil).toEqual(truthDesil);
    expect(await page.locator('.desil-callout').getAttribute('data-desil1')).toBe(String(truthDesil.get(1)));

    // The batch table (DataGrid, client rows) has a row per batch, numbers in Indonesian format.
    const grid = page.getByRole('group', { name: 'Batch data di gudang' });
    const sourceCells = grid.locator('[role="gridcell"][col-id="source"]');
    await sourceCells.first().waitFor();
    expect(await sourceCells.allTextContents()).toEqual(['P3KE keluarga', 'P3KE individu', 'DTKS', 'DTSEN keluarga', 'Penerima program', 'Penerima program', 'Indikator sektoral']);
    const countCells = await grid.locator('[role="gridcell"][col-id="families"]').allTextContents();
    expect(countCells[0]).toBe(`${truth.sources.p3ke_keluarga.families.toLocaleString('id-ID')} keluarga`);
    expect(countCells[2]).toBe(`${(truth.sources.dtks.households ?? 0).toLocaleString('id-ID')} rumah tangga`);
  });

  it('follows the region picker down to a village; the figures are those of the subtree', async () => {
    const { page } = app;
    const list = page.locator('.region-list');
    const check = async (region: string, kab: string | null) => {
      await figuresFor(page, region);
      const shown = await cardFigures(page);
      expect(shown, `cards for ${region}`).toEqual(expectedCards(app.dbPath, region));
      if (kab !== null) {
        for (const [id, { source, label }] of labels) {
          expect(shown.get(id), `${label} in ${kab} vs truth`).toEqual(truthFigures(truth.sources[truthKey(source, label)], source, kab));
        }
      }
      return shown;
    };
    const province = await cardFigures(page);
    await list.getByRole('button', { name: /Kabupaten Sikka/ }).click();
    const sikka = await check('53.07', '53.07');
    const p3ke = [...labels].find(([, b]) => b.source === 'p3ke_keluarga')?.[0] ?? -1;
    expect(sikka.get(p3ke)?.families).toBeLessThan(province.get(p3ke)?.families ?? 0);
    expect(sikka.get(p3ke)?.families).toBeGreaterThan(0);

    // Keyboard: first kecamatan (Paga), Enter.
    const first = list.locator('.region-item').first();
    await first.focus();
    await page.keyboard.press('Enter');
    const paga = await check('53.07.01', null);
    const rows = (key: keyof DemoTruthCounts['sources']) => truth.sources[key].byKecamatan['53.07.01'] ?? 0;
    expect(paga.get(p3ke)?.families).toBe(rows('p3ke_keluarga'));
    // A village by click.
    await list.locator('.region-item').nth(1).click();
    const village = (await list.locator('.region-item').nth(1).getAttribute('data-code')) ?? '';
    await check(village, null);
    await page.screenshot({ path: `${SHOTS}/padu-beranda-village.png` });
    // And Regapu’u through the search.
    await page.getByRole('combobox', { name: 'Cari wilayah' }).fill('regapuu');
    await page.getByRole('option', { name: /Regapu’u/ }).click();
    await check('53.07.01.2021', null);
    await page.getByRole('navigation', { name: 'Wilayah terpilih' }).getByRole('button', { name: 'Nusa Tenggara Timur' }).click();
    await figuresFor(page, NTT);
  });

  it('shows the figures in English with English number format, and back', async () => {
    const { page } = app;
    const idShown = await cardFigures(page, 'id');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Figures for Nusa Tenggara Timur' }).waitFor();
    await page.getByRole('heading', { name: 'P3KE families' }).waitFor();
    await page.getByRole('heading', { name: 'Welfare desil distribution' }).waitFor();
    expect(await cardFigures(page, 'en')).toEqual(idShown);
    const p3ke = [...labels].find(([, b]) => b.source === 'p3ke_keluarga')?.[0] ?? -1;
    expect(await page.locator(`.kpi[data-batch="${p3ke}"] [data-field="families"]`).textContent()).toBe(truth.sources.p3ke_keluarga.families.toLocaleString('en-GB'));
    await page.getByRole('group', { name: 'Data batches in the warehouse' }).getByText('Demo').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/padu-beranda-en.png` });
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { name: 'Angka untuk Nusa Tenggara Timur' }).waitFor();
    expect(await cardFigures(page, 'id')).toEqual(idShown);
  });

  it('reported no console errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
