/**
 * End-to-end harness: the real renderer build, served by the real browser host over a temporary
 * warehouse, driven in Debian Chromium through playwright-core (no Playwright browser download).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { ensureRendererBuilt } from '../../electron/host/build.ts';
import { openWarehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { WebSocket as WsClient } from 'ws';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env['PADU_CHROMIUM'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export interface AppSession {
  readonly host: BrowserHost;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly dbPath: string;
  readonly dir: string;
  /** Console errors and CSP violations the page reported. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface StartOptions {
  readonly viewport?: { width: number; height: number };
  readonly dbPath?: string;
  /** Script run in every page before its own scripts (e.g. an emulated Electron preload). */
  readonly initScript?: string;
}

export async function startApp(options: StartOptions = {}): Promise<AppSession> {
  const rendererDir = ensureRendererBuilt(ROOT, () => undefined);
  const { dir, cleanup } = tempDir('e2e');
  const dbPath = options.dbPath ?? join(dir, 'padu.db');
  const host = await startBrowserHost({ dbPath, rendererDir, log: () => undefined });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, acceptDownloads: true });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  return {
    host,
    browser,
    context,
    page,
    dbPath,
    dir,
    pageErrors,
    async close() {
      await browser.close();
      await host.close();
      cleanup();
    },
  };
}

/** A count as the UI formats it — `30.000` (id) or `30,000` (en) — as a number. */
export function parseCount(text: string | null | undefined, lang: 'id' | 'en' = 'id'): number {
  const digits = (text ?? '').trim().replace(lang === 'id' ? /\./g : /,/g, '');
  if (!/^\d+$/.test(digits)) throw new Error(`not a formatted count: "${text ?? ''}"`);
  return Number(digits);
}

/** Read the app's warehouse file directly (read-only) to check what the screen shows. */
export function readDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** One warehouse call over the host's WebSocket, as the renderer makes it (token cookie, same origin). */
export function callWarehouse<T>(app: AppSession, method: string, args: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const ws = new WsClient(`${app.host.origin.replace('http', 'ws')}/ws`, {
      headers: { Origin: app.host.origin, Cookie: `padu_token=${app.host.token}` },
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, method, args })));
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as { type: string; id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
      if (m.type !== 'response' || m.id !== 1 || !m.result) return;
      ws.close();
      if (m.result.ok) resolve(m.result.value as T);
      else reject(new Error(m.result.error?.message ?? 'warehouse call failed'));
    });
    ws.on('error', reject);
  });
}

/** The main navigation's links in Bahasa Indonesia, in order (one list for every test that checks it). */
export const NAV_LINKS_ID: readonly string[] = ['Beranda', 'Impor Data', 'Analisis', 'Profil Wilayah', 'Peta', 'Program & Daftar', 'Konvergensi', 'Padu-padan', 'Log Audit', 'Pengaturan & Tentang'];

/** Poll an expression in the page until it is true (AG Grid and ECharts finish in their own time). */
export async function waitUntil(page: Page, expression: string, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${expression}`);
    await page.waitForTimeout(100);
  }
}

/** A warehouse with the demo data, made in-process before the host starts (the first run's demo pipeline). */
export async function demoWarehouse(dbPath: string, options: { readonly province: string; readonly families: number; readonly seed: number }): Promise<void> {
  const wh = await openWarehouse(dbPath, { log: () => undefined });
  try {
    const set = await wh.call('settings.setWorkingProvince', { code: options.province });
    if (!set.ok) throw new Error(set.error.message);
    const demo = await wh.call('demo.create', { families: options.families, seed: options.seed });
    if (!demo.ok) throw new Error(demo.error.message);
  } finally {
    wh.close();
  }
}
