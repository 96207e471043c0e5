/**
 * Peta end to end: the real renderer in Chromium, through the browser host, over a demo warehouse
 * of NTT — a planner importing the kabupaten, kecamatan and desa boundary files, colouring the
 * 3,352 villages by the share of desil-1 families without an own latrine (figures equal to the
 * warehouse's own cross-tab), changing the measure and the classes, drilling from a kabupaten to a
 * desa by clicking the kabupaten and kecamatan maps, opening the families behind a desa's figure,
 * saving the map as a print-resolution PNG, colouring the kabupaten by a sectoral indicator,
 * matching a feature with an unknown code by hand and deleting a layer. First-draw and recolour
 * times are measured in the page (ECharts `finished`) and printed.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrosstabResult, CrosstabSpec } from '../../shared/contracts/analysis.ts';
import type { BoundaryLayer, IndicatorMapValues, IndicatorOption } from '../../shared/contracts/maps.ts';
import { formatPercent } from '../../shared/i18n/format.ts';
import { tempDir } from '../helpers/tmp.ts';
import { type AppSession, callWarehouse, demoWarehouse, ROOT, startApp, waitUntil } from './harness.ts';

const SHOTS = '/tmp';
const FAMILIES = 12_000;
const SEED = 11;
const PROVINCE = '53';
/** The boundary files live beside the repository (never copied into it). */
const BOUNDARIES = join(ROOT, '..', 'shared', 'data', 'boundaries');
const FILES = { 2: 'ntt-kabupaten.geojson', 3: 'ntt-kecamatan.geojson', 4: 'ntt-desa.geojson' } as const;

interface Feature {
  readonly properties: { readonly kode: string; readonly nama: string; readonly lat: number; readonly lng: number };
  readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: number[][][] | number[][][][] };
}

function readFeatures(level: 2 | 3 | 4): Feature[] {
  return (JSON.parse(readFileSync(join(BOUNDARIES, FILES[level]), 'utf8')) as { features: Feature[] }).features;
}

function inRing(x: number, y: number, ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(f: Feature): number[][][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][]);
}

/** The point is well inside the feature: inside its polygon and inside it again a little way off in every direction. */
function wellInside(f: Feature, lng: number, lat: number, margin: number): boolean {
  const inside = (x: number, y: number) => polygonsOf(f).some(([outer, ...holes]) => outer !== undefined && inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h)));
  return [
    [0, 0],
    [margin, 0],
    [-margin, 0],
    [0, margin],
    [0, -margin],
  ].every(([dx = 0, dy = 0]) => inside(lng + dx, lat + dy));
}

/** The feature's label point lies well inside it (a click there lands on the region). */
function clickPoint(f: Feature, margin: number): boolean {
  return wellInside(f, f.properties.lng, f.properties.lat, margin);
}

/** Poll an expression in the page until it is true (`waitForFunction` uses eval, which the CSP refuses). */
const waitLong = (page: Page, expression: string, timeout = 60_000): Promise<void> => waitUntil(page, expression, timeout);

const MAP = '[data-testid="map"]';
const CANVAS = '[data-testid="map-canvas"]';

function attr(selector: string, name: string): string {
  return `(document.querySelector('${selector}')?.getAttribute('${name}') ?? '')`;
}

/** The map on screen is the one of `level` under `parent` (null: the province), and it is painted. */
async function mapReady(page: Page, level: 2 | 3 | 4, parent: string | null): Promise<void> {
  // Registered map names are `padu-<layer>-<level>-<region>-…` (see useMaps.ts).
  const prefix = `-${level}-${parent ?? 'prov'}-`;
  await waitLong(
    page,
    `${attr(MAP, 'data-state')} === 'ready' && ${attr(MAP, 'data-map')}.includes('${prefix}') && ${attr(CANVAS, 'data-map')} === ${attr(MAP, 'data-map')} && ${attr(CANVAS, 'data-state')} === 'ready'`,
  );
}

/** Click the map at a longitude/latitude (through the canvas's own pixel transform). */
async function clickAt(page: Page, lng: number, lat: number, action: 'click' | 'move' = 'click'): Promise<void> {
  await page.locator(CANVAS).scrollIntoViewIfNeeded();
  const px = JSON.parse((await page.locator(CANVAS).getAttribute('data-px')) ?? '[]') as number[];
  const [ax = 0, bx = 0, ay = 0, by = 0] = px;
  const box = await page.locator(CANVAS).boundingBox();
  if (!box) throw new Error('no map canvas');
  const x = box.x + ax * lng + bx;
  const y = box.y + ay * lat + by;
  if (action === 'click') await page.mouse.click(x, y);
  else await page.mouse.move(x, y);
}

/** The cross-tab the screen's first measure computes: desa rows, latrine columns, desil 1, P3KE. */
const LATRINE_SPEC: CrosstabSpec = {
  rows: { kind: 'region', level: 4 },
  cols: 'jamban',
  filters: [{ attribute: 'desil', values: [1] }],
  sources: ['p3ke'],
  batches: [],
  measure: 'families',
};

/** Each village's desil-1 families without an own latrine (2 shared, 3 none) of those whose latrine is known. */
function sharesOf(result: CrosstabResult): Map<string, { n: number; base: number }> {
  const chosen = result.cols.flatMap((c, i) => (c.key === '2' || c.key === '3' ? [i] : []));
  const unknown = result.cols.findIndex((c) => c.key === '');
  const out = new Map<string, { n: number; base: number }>();
  result.rows.forEach((r, i) => {
    const line = result.cells.families[i] ?? [];
    const n = chosen.reduce((s, c) => s + (line[c] ?? 0), 0);
    out.set(r.key, { n, base: (result.rowTotals.families[i] ?? 0) - (line[unknown] ?? 0) });
  });
  return out;
}

/**
 * A kabupaten, one of its kecamatan and one of that kecamatan's villages, each with its label point
 * well inside its polygon (so a click there lands on it), the village with families to count.
 */
function drillPath(shares: ReadonlyMap<string, { n: number; base: number }>): { kabupaten: Feature; kecamatan: Feature; desa: Feature } {
  const kabupaten = readFeatures(2).filter((f) => clickPoint(f, 0.05));
  const kecamatan = readFeatures(3).filter((f) => clickPoint(f, 0.015));
  const villages = readFeatures(4)
    .filter((f) => (shares.get(f.properties.kode)?.n ?? 0) > 0 && (shares.get(f.properties.kode)?.base ?? 0) >= 2 && clickPoint(f, 0.004))
    .sort((a, b) => (shares.get(b.properties.kode)?.base ?? 0) - (shares.get(a.properties.kode)?.base ?? 0));
  for (const desa of villages) {
    const kec = kecamatan.find((k) => desa.properties.kode.startsWith(`${k.properties.kode}.`));
    const kab = kabupaten.find((k) => desa.properties.kode.startsWith(`${k.properties.kode}.`));
    // The kecamatan's point must lie in the kecamatan on the kabupaten's map too (it does: same file family).
    if (kec && kab && !desa.properties.kode.startsWith('53.7')) return { kabupaten: kab, kecamatan: kec, desa };
  }
  throw new Error('no kabupaten › kecamatan › desa to click through');
}

interface Timings {
  readonly draw: number;
  readonly recolour: number;
  readonly drawTotal: number;
  readonly recolourTotal: number;
}

async function readTimings(page: Page): Promise<Timings> {
  const num = async (sel: string, name: string) => Number((await page.locator(sel).getAttribute(name)) ?? 'NaN');
  return {
    draw: await num(CANVAS, 'data-draw-ms'),
    recolour: await num(CANVAS, 'data-recolour-ms'),
    drawTotal: await num(MAP, 'data-draw-total-ms'),
    recolourTotal: await num(MAP, 'data-recolour-total-ms'),
  };
}

/** One attribute of every element a locator finds. */
async function attrsOf(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  const n = await locator.count();
  for (let i = 0; i < n; i++) out.push((await locator.nth(i).getAttribute(name)) ?? '');
  return out;
}

/** The PNG's width and height from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Peta: boundary layers, a village choropleth, drilling down, PNG export', () => {
  let app: AppSession;
  let cleanupDb: () => void;
  const timings: Record<string, number[]> = { draw: [], drawTotal: [], recolour: [], recolourTotal: [] };
  /** Keep the figures of a draw or a recolour; generous bounds only (a loaded machine must not fail the test). */
  const record = (t: Timings, kind: 'draw' | 'recolour') => {
    if (kind === 'draw') {
      timings['draw']?.push(t.draw);
      timings['drawTotal']?.push(t.drawTotal);
      expect(t.draw).toBeLessThan(5000);
    } else {
      timings['recolour']?.push(t.recolour);
      timings['recolourTotal']?.push(t.recolourTotal);
      expect(t.recolour).toBeLessThan(2000);
    }
  };

  beforeAll(async () => {
    const tmp = tempDir('maps-e2e');
    cleanupDb = tmp.cleanup;
    const dbPath = join(tmp.dir, 'padu.db');
    await demoWarehouse(dbPath, { province: PROVINCE, families: FAMILIES, seed: SEED });
    app = await startApp({ dbPath, viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    const line = (k: string) => `${k}: ${timings[k]?.map((v) => v.toFixed(0)).join(', ') ?? ''} ms`;
    // draw/recolour: from setOption (or the in-place repaint) to ECharts' `finished`; the totals add
    // the warehouse calls and the page's own work from the planner's click.
    console.log(`Peta timings — ${['draw', 'drawTotal', 'recolour', 'recolourTotal'].map(line).join(' · ')}`);
    await app.close();
    cleanupDb();
  });

  it('imports the kabupaten, kecamatan and desa boundaries and shows what matched', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Peta' }).click();
    await page.getByRole('heading', { level: 1, name: 'Peta' }).waitFor();
    expect(await page.title()).toBe('Peta · Padu');
    // No layer yet: the layers tab comes first.
    await waitLong(page, `document.querySelector('[role="tab"][data-tab="lapisan"]')?.getAttribute('aria-selected') === 'true'`);

    for (const level of [2, 3, 4] as const) {
      await page.getByTestId('map-file').setInputFiles(join(BOUNDARIES, FILES[level]));
      await waitLong(page, `${attr('[data-testid="map-import-result"]', 'data-level')} === '${level}'`, 120_000);
      const result = page.getByTestId('map-import-result');
      expect(Number(await result.getAttribute('data-features'))).toBe(readFeatures(level).length);
    }
    const layers = await callWarehouse<BoundaryLayer[]>(app, 'maps.layers', {});
    expect(layers.map((l) => l.level).sort()).toEqual([2, 3, 4]);
    const desa = layers.find((l) => l.level === 4);
    expect(desa?.features).toBe(3352);
    await waitLong(page, `document.querySelectorAll('[data-testid="map-layers"] tbody tr').length === 3`);
    // The desa layer's matching: villages of the reference without a polygon are listed.
    await page.locator('[data-testid="map-layers"] tr[data-level="4"]').getByRole('button', { name: 'Hasil pencocokan' }).click();
    await waitLong(page, `${attr('[data-testid="map-review"]', 'data-missing')} !== ''`);
    await page.screenshot({ path: `${SHOTS}/padu-maps-layers.png`, fullPage: true });

    // The kecamatan layer's original geometry goes out again as GeoJSON, with the matched codes.
    await page.locator('[data-testid="map-layers"] tr[data-level="3"]').getByTestId('layer-export').click();
    const done = page.getByTestId('layer-export-done');
    await done.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('link').click()]);
    const saved = join(app.dir, 'kecamatan.geojson');
    await download.saveAs(saved);
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(exported.features.length).toBe(readFeatures(3).length);
    expect(exported.features.every((f) => JSON.stringify(f.properties).includes('53.'))).toBe(true);
  });

  it('colours the 3,352 villages by the share of desil-1 families without an own latrine', async () => {
    const { page } = app;
    await page.locator('[data-testid="map-layers"] tr[data-level="4"]').getByRole('button', { name: 'Lihat peta' }).click();
    await mapReady(page, 4, null);
    expect(await page.evaluate('window.location.hash')).toBe('#/peta/desa');
    record(await readTimings(page), 'draw');
    expect(await page.locator(MAP).getAttribute('data-regions')).toBe('3352');
    // Thereafter a new measure repaints the drawn villages in place.
    expect(await page.locator(CANVAS).getAttribute('data-recolour-path')).toBe('in-place');

    // The figures are the warehouse's own cross-tab: villages without any desil-1 family with a
    // known latrine are "no data" (hatched), never 0%.
    const result = await callWarehouse<CrosstabResult>(app, 'analysis.crosstab', { spec: LATRINE_SPEC });
    const shares = sharesOf(result);
    const drawn = new Set(readFeatures(4).map((f) => f.properties.kode));
    const withoutData = [...drawn].filter((code) => (shares.get(code)?.base ?? 0) === 0).length;
    expect(Number(await page.locator(MAP).getAttribute('data-no-data'))).toBe(withoutData);
    expect(Number(await page.locator('[data-testid="map-legend"] [data-key="no-data"]').getAttribute('data-count'))).toBe(withoutData);
    const classed = (await attrsOf(page.locator('[data-testid="map-legend"] [data-key^="class-"]'), 'data-count')).map(Number);
    expect(classed.reduce((a, b) => a + b, 0)).toBe(drawn.size - withoutData);
    expect(Number(await page.locator(MAP).getAttribute('data-no-polygon'))).toBeGreaterThan(0);
    await expect(page.locator('[data-testid="map-legend"]').innerText()).resolves.toContain('Tanpa poligon');

    // The whole province: the share over all its villages, as the cross-tab's totals give it.
    const noLatrine = result.cols.flatMap((c, i) => (c.key === '2' || c.key === '3' ? [i] : []));
    const unknown = result.cols.findIndex((c) => c.key === '');
    const n = noLatrine.reduce((s, i) => s + (result.colTotals.families[i] ?? 0), 0);
    const base = result.total.families - (result.colTotals.families[unknown] ?? 0);
    await expect(page.getByTestId('map-detail-value').innerText()).resolves.toBe(formatPercent('id', n / base, 1));
    // The table (villages with and without a polygon) starts with the highest share, of the largest
    // base among equal shares.
    const drawnShares = [...shares.entries()].filter(([code, v]) => code !== '' && v.base > 0);
    const top = Math.max(...drawnShares.map(([, v]) => v.n / v.base));
    const firstRow = page.locator('[data-testid="map-table"] tbody tr').first();
    await expect(firstRow.locator('td').first().innerText()).resolves.toBe(formatPercent('id', top, 1));
    const topBase = Math.max(...drawnShares.filter(([, v]) => v.n / v.base === top).map(([, v]) => v.base));
    await expect(firstRow.locator('td').nth(2).innerText()).resolves.toBe(String(topBase));
    await page.screenshot({ path: `${SHOTS}/padu-maps-desa.png`, fullPage: true });
  });

  it('recolours when the measure, the classes or the palette change', async () => {
    const { page } = app;
    const recolour = async (change: () => Promise<unknown>) => {
      await page.evaluate(`document.querySelector('${CANVAS}')?.removeAttribute('data-recolour-ms')`);
      await change();
      await waitLong(page, `${attr(CANVAS, 'data-recolour-ms')} !== '' && ${attr(MAP, 'data-state')} === 'ready'`);
      record(await readTimings(page), 'recolour');
    };
    await recolour(() => page.getByLabel('Cara membagi kelas').selectOption('jenks'));
    await expect(page.locator(MAP).innerText()).resolves.toContain('Jeda alami (Jenks)');
    await recolour(() => page.getByLabel('Jumlah kelas').selectOption('7'));
    await recolour(() => page.getByRole('radio', { name: 'Hijau' }).check());
    await recolour(() => page.getByRole('radio', { name: 'Keluarga desil 1 yang bukan penerima PKH (%)' }).check());
    await page.getByRole('heading', { level: 2, name: /Penerima PKH: Tidak/ }).waitFor();
    await recolour(() => page.getByRole('radio', { name: 'Jumlah keluarga' }).check());
    await recolour(() => page.getByLabel('Cara membagi kelas').selectOption('quantile'));
    await recolour(() => page.getByRole('radio', { name: 'Keluarga desil 1 tanpa jamban sendiri (%)' }).check());
    // Breaks of one's own, typed in percent.
    await page.getByLabel('Cara membagi kelas').selectOption('manual');
    await recolour(() => page.getByLabel('Batas kelas (dalam %)').fill('25; 50; 75'));
    const labels = await page.locator('[data-testid="map-legend"] [data-key^="class-"] .map-legend-label').allInnerTexts();
    expect(labels).toEqual(['0,0 – 25,0%', '> 25,0 – 50,0%', '> 50,0 – 75,0%', '> 75,0 – 100,0%']);
    await page.getByLabel('Cara membagi kelas').selectOption('quantile');
    await page.getByLabel('Jumlah kelas').selectOption('5');
    await recolour(() => page.getByRole('radio', { name: 'Oranye–cokelat' }).check());
    // The recolour never went back to rebuilding the map.
    expect(await page.locator(CANVAS).getAttribute('data-recolour-path')).toBe('in-place');
  });

  it('drills from a kabupaten to a desa through the kabupaten and kecamatan maps', async () => {
    const { page } = app;
    const result = await callWarehouse<CrosstabResult>(app, 'analysis.crosstab', { spec: LATRINE_SPEC });
    const shares = sharesOf(result);
    const path = drillPath(shares);

    await page.getByRole('radio', { name: 'Kabupaten/kota' }).check();
    await waitLong(page, `window.location.hash === '#/peta/kabupaten'`);
    await mapReady(page, 2, null);
    expect(await page.locator(MAP).getAttribute('data-regions')).toBe('22');
    await page.screenshot({ path: `${SHOTS}/padu-maps-kabupaten.png`, fullPage: true });

    // Kabupaten → its kecamatan.
    await clickAt(page, path.kabupaten.properties.lng, path.kabupaten.properties.lat);
    await waitLong(page, `window.location.hash === '#/peta/${path.kabupaten.properties.kode}'`);
    await mapReady(page, 3, path.kabupaten.properties.kode);
    record(await readTimings(page), 'draw');
    await expect(page.getByRole('navigation', { name: 'Wilayah terpilih' }).innerText()).resolves.toContain(path.kabupaten.properties.nama);

    // Kecamatan → its villages.
    await clickAt(page, path.kecamatan.properties.lng, path.kecamatan.properties.lat);
    await waitLong(page, `window.location.hash === '#/peta/${path.kecamatan.properties.kode}'`);
    await mapReady(page, 4, path.kecamatan.properties.kode);
    record(await readTimings(page), 'draw');

    // Hover: the village's name, its share and what it is counted of.
    const desa = path.desa;
    const figure = shares.get(desa.properties.kode);
    if (!figure) throw new Error('no figure for the village');
    await clickAt(page, desa.properties.lng, desa.properties.lat, 'move');
    await waitLong(page, `(document.querySelector('${CANVAS}')?.textContent ?? '').includes(${JSON.stringify(desa.properties.nama)})`);
    const tip = (await page.locator(CANVAS).textContent()) ?? '';
    expect(tip).toContain(formatPercent('id', figure.n / figure.base, 1));
    expect(tip).toContain(`${figure.n} dari ${figure.base} keluarga`);
    await page.screenshot({ path: `${SHOTS}/padu-maps-kecamatan-desa.png` });

    // Click: the village's figure, then the families behind it in the drill-down grid.
    await clickAt(page, desa.properties.lng, desa.properties.lat);
    await waitLong(page, `${attr('[data-testid="map-detail"]', 'data-code')} === '${desa.properties.kode}'`);
    await expect(page.getByTestId('map-detail-value').innerText()).resolves.toBe(formatPercent('id', figure.n / figure.base, 1));
    await page.getByTestId('map-detail').getByRole('button', { name: /keluarga di balik angka ini/ }).click();
    await waitLong(page, `${attr('[data-testid="drill-count"]', 'data-count')} !== ''`);
    expect(Number(await page.getByTestId('drill-count').getAttribute('data-count'))).toBe(figure.n);
    await page.locator('.an-drill').screenshot({ path: `${SHOTS}/padu-maps-drill.png` });

    // Its profile, and back to the same map.
    await page.getByTestId('map-detail').getByRole('link', { name: 'Buka profil wilayah' }).click();
    await waitLong(page, `window.location.hash === '#/profil/${desa.properties.kode}'`);
    await page.getByRole('heading', { level: 1, name: 'Profil Wilayah' }).waitFor();
    await page.goBack();
    await waitLong(page, `window.location.hash === '#/peta/${path.kecamatan.properties.kode}'`);
    await mapReady(page, 4, path.kecamatan.properties.kode);

    // The breadcrumb goes back up.
    await page.getByRole('navigation', { name: 'Wilayah terpilih' }).getByRole('button', { name: path.kabupaten.properties.nama }).click();
    await waitLong(page, `window.location.hash === '#/peta/${path.kabupaten.properties.kode}'`);
    await mapReady(page, 3, path.kabupaten.properties.kode);
  });

  it('saves the village map of the province as a print-resolution PNG with its legend and sources', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Wilayah terpilih' }).getByRole('button', { name: 'Nusa Tenggara Timur' }).click();
    await waitLong(page, `window.location.hash === '#/peta'`);
    await page.getByRole('radio', { name: 'Desa/kelurahan' }).check();
    await waitLong(page, `window.location.hash === '#/peta/desa'`);
    await mapReady(page, 4, null);
    const canvasBox = await page.locator(CANVAS).boundingBox();
    if (!canvasBox) throw new Error('no map');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-png').click()]);
    const saved = join(app.dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/^keluarga-dengan-fasilitas-bab.*\.png$/);
    copyFileSync(saved, `${SHOTS}/padu-maps-export.png`);
    const bytes = readFileSync(saved);
    const size = pngSize(bytes);
    // Three image pixels per screen pixel: the map alone is three times its width on screen, and
    // the title, legend and notes are drawn around it.
    expect(size.width).toBeGreaterThan(Math.round(canvasBox.width) * 3);
    expect(size.height).toBeGreaterThan(Math.round(canvasBox.height) * 3);
    expect(bytes.length).toBeGreaterThan(150_000);
    console.log(`Peta PNG: ${size.width} × ${size.height} px, ${Math.round(bytes.length / 1024)} KB`);
  });

  it('colours the kabupaten by a sectoral indicator, with its source and vintage', async () => {
    const { page } = app;
    const indicators = await callWarehouse<IndicatorOption[]>(app, 'maps.indicators', {});
    const indicator = indicators.find((i) => i.periods.some((p) => (p.regions[2] ?? 0) > 0));
    if (!indicator) throw new Error('the demo has no indicator by kabupaten');
    const period = indicator.periods[0]?.period ?? '';
    await page.getByRole('radio', { name: 'Kabupaten/kota' }).check();
    await waitLong(page, `window.location.hash === '#/peta/kabupaten'`);
    await mapReady(page, 2, null);
    await page.getByLabel('Yang dipetakan').selectOption('indicator');
    await page.getByLabel('Indikator', { exact: true }).selectOption(indicator.indicator);
    await page.getByLabel('Periode').selectOption(period);
    await waitLong(page, `${attr(MAP, 'data-state')} === 'ready' && (document.querySelector('${MAP} h2')?.textContent ?? '').includes(${JSON.stringify(indicator.indicator)})`);
    const values = await callWarehouse<IndicatorMapValues>(app, 'maps.indicatorValues', { indicator: indicator.indicator, period, level: 2 });
    expect(values.values.length).toBeGreaterThan(0);
    // The legend counts every kabupaten with a value; the notes name the batch it came from.
    const classed = (await attrsOf(page.locator('[data-testid="map-legend"] [data-key^="class-"]'), 'data-count')).map(Number);
    expect(classed.reduce((a, b) => a + b, 0)).toBe(values.values.length);
    const batch = values.values[0]?.batch;
    if (!batch) throw new Error('no batch');
    await expect(page.locator(MAP).innerText()).resolves.toContain(`batch #${batch.id}`);
    const best = [...values.values].sort((a, b) => b.value - a.value)[0];
    if (!best) throw new Error('no value');
    await expect(page.locator('[data-testid="map-table"] tbody tr').first().getAttribute('data-code')).resolves.toBe(best.code);
    await page.screenshot({ path: `${SHOTS}/padu-maps-indicator.png`, fullPage: true });
    // Back to the families' measure for what follows.
    await page.getByRole('radio', { name: 'Keluarga desil 1 tanpa jamban sendiri (%)' }).check();
  });

  it('lists a feature that does not match, matches it by hand, and deletes a layer', async () => {
    const { page } = app;
    // A kabupaten file in which Kabupaten Kupang carries an unknown code and an old name.
    const collection = JSON.parse(readFileSync(join(BOUNDARIES, FILES[2]), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const kupang = collection.features.findIndex((f) => f.properties['kode'] === '53.01');
    const feature = collection.features[kupang];
    if (!feature) throw new Error('no Kabupaten Kupang in the file');
    feature.properties = { ...feature.properties, kode: '53.99', nama: 'Kupang Lama' };
    const file = join(app.dir, 'kabupaten-salah-kode.geojson');
    writeFileSync(file, JSON.stringify(collection));

    await page.getByRole('tab', { name: /Lapisan batas/ }).click();
    await page.getByTestId('map-file').setInputFiles(file);
    await waitLong(page, `${attr('[data-testid="map-import-result"]', 'data-matched')} === '21'`, 120_000);
    await waitLong(page, `${attr('[data-testid="map-review"]', 'data-unmatched')} === '1'`);
    const row = page.locator(`[data-testid="map-unmatched"] tr[data-feature="${kupang + 1}"]`);
    await expect(row.innerText()).resolves.toContain('Kupang Lama');
    // Kabupaten Kupang has no polygon now.
    await expect(page.getByTestId('map-missing').innerText()).resolves.toContain('Kupang');

    // Choose the region: from the suggestions when Kupang is among them, else by searching.
    const options = await attrsOf(row.locator('select option'), 'value');
    if (options.includes('53.01')) {
      await row.locator('select').selectOption('53.01');
    } else {
      if (options.length > 0) await row.getByRole('button', { name: 'Cari wilayah lain' }).click();
      await row.getByRole('combobox', { name: 'Cari wilayah' }).fill('Kabupaten Kupang');
      await row.locator('[role="option"][data-code="53.01"]').click();
    }
    await row.getByRole('button', { name: 'Cocokkan' }).click();
    await waitLong(page, `${attr('[data-testid="map-review"]', 'data-unmatched')} === '0'`);
    await expect(page.getByTestId('map-manual').innerText()).resolves.toContain('53.01');
    const layers = await callWarehouse<BoundaryLayer[]>(app, 'maps.layers', {});
    expect(layers.find((l) => l.level === 2)?.matched).toBe(22);
    await page.screenshot({ path: `${SHOTS}/padu-maps-match.png`, fullPage: true });

    // The map of the kabupaten has all 22 again.
    await page.locator('[data-testid="map-layers"] tr[data-level="2"]').getByRole('button', { name: 'Lihat peta' }).click();
    await waitLong(page, `window.location.hash === '#/peta/kabupaten'`);
    await mapReady(page, 2, null);
    expect(await page.locator(MAP).getAttribute('data-regions')).toBe('22');

    // Deleting the kecamatan layer (after a confirmation): the province's maps go from kabupaten to desa.
    await page.getByRole('tab', { name: /Lapisan batas/ }).click();
    await page.locator('[data-testid="map-layers"] tr[data-level="3"]').getByRole('button', { name: 'Hapus' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Hapus lapisan' }).click();
    await waitLong(page, `document.querySelectorAll('[data-testid="map-layers"] tbody tr').length === 2`);
    expect((await callWarehouse<BoundaryLayer[]>(app, 'maps.layers', {})).map((l) => l.level).sort()).toEqual([2, 4]);
    await page.getByRole('tab', { name: 'Peta tematik' }).click();
    await mapReady(page, 2, null);
    await expect(page.getByRole('radio', { name: 'Kecamatan' }).count()).resolves.toBe(0);
    await page.getByRole('radio', { name: 'Desa/kelurahan' }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
