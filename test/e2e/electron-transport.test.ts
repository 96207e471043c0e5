/**
 * The renderer as it runs inside Electron: `window.padu` present, the warehouse reached only
 * through the MessagePort the preload hands over with window.postMessage. Electron cannot run
 * here, so an init script plays the preload (named functions only) and carries the port's
 * messages to the real warehouse over the browser host's socket.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import { startApp, type AppSession } from './harness.ts';

const EMULATED_PRELOAD = `(() => {
  const NativeWebSocket = window.WebSocket;
  const state = { connects: 0, rendererSockets: 0, uploads: 0, picked: [] };
  window.__preload = state;
  // Count sockets the renderer itself would open: inside Electron it must open none.
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); state.rendererSockets++; }
  };
  // Nor does it upload files: the warehouse reads them where they are.
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    if (String(input).includes('/upload')) state.uploads++;
    return nativeFetch(input, init);
  };
  const padu = {
    host: 'electron',
    appInfo: async () => ({ name: 'Padu', version: 'emulated', host: 'electron', platform: 'linux', versions: { electron: 'emulated' } }),
    connectWarehouse() {
      state.connects++;
      const channel = new MessageChannel();
      const ws = new NativeWebSocket('ws://' + location.host + '/ws');
      const queue = [];
      ws.onopen = () => { for (const m of queue.splice(0)) ws.send(m); };
      channel.port1.onmessage = (e) => {
        const text = JSON.stringify(e.data);
        if (ws.readyState === 1) ws.send(text); else queue.push(text);
      };
      ws.onmessage = (e) => channel.port1.postMessage(JSON.parse(e.data));
      // As in Electron, the port arrives a little later, from the preload, through window.postMessage.
      setTimeout(() => window.postMessage({ type: 'padu:warehouse-port' }, location.origin, [channel.port2]), 30);
    },
    // webUtils.getPathForFile stands in: the test says which folder picked files lie in.
    pathForFile(file) {
      state.picked.push(file.name);
      return window.__pickedDir ? window.__pickedDir + '/' + file.name : '';
    },
  };
  Object.defineProperty(window, 'padu', { value: Object.freeze(padu) });
})();`;

describe('renderer over the Electron preload bridge', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp({ initScript: EMULATED_PRELOAD });
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs the first run and Beranda through the MessagePort only', async () => {
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Selamat datang di Padu' }).waitFor();
    await page.getByRole('button', { name: 'Mulai' }).click();
    const list = page.getByRole('listbox', { name: 'Provinsi' });
    await list.getByRole('option', { name: /Nusa Tenggara Timur/ }).waitFor();
    expect(await list.getByRole('option').count()).toBe(38);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Mulai dengan gudang kosong' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nusa Tenggara Timur' }).waitFor();
    const meta = (await page.getByTestId('reference-counts').textContent()) ?? '';
    expect(meta).toContain('22');
    expect(meta).toContain('315');
    expect(meta).toContain('3.442');

    const state = await page.evaluate('window.__preload');
    expect(state).toEqual({ connects: 1, rendererSockets: 0, uploads: 0, picked: [] });
    expect(app.pageErrors).toEqual([]);
  });

  it('imports a picked file by its path, without uploading it, and shows where the export was saved', async () => {
    const { page } = app;
    const dir = join(app.dir, 'picked');
    await generateDemoFiles({ outDir: dir, province: '53', families: 60, seed: 5, formats: ['csv'] });
    await page.evaluate(`window.__pickedDir = ${JSON.stringify(dir)}`);
    await page.getByRole('link', { name: 'Impor Data' }).click();
    await page.getByLabel('Pilih berkas…').setInputFiles(join(dir, 'p3ke-keluarga.csv'));
    await page.locator('.preview-body[data-source="p3ke_keluarga"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Impor [\d.]+ baris$/ }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Ekspor ke Excel' }).click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 60_000 });
    // No download link inside the app: the file is already on this computer, in the export folder.
    expect(await done.getByRole('link').count()).toBe(0);
    const saved = ((await done.locator('code').textContent()) ?? '').trim();
    expect(saved.startsWith(join(dirname(app.dbPath), 'ekspor'))).toBe(true);
    expect(existsSync(saved)).toBe(true);
    const state = await page.evaluate('window.__preload');
    expect(state).toMatchObject({ rendererSockets: 0, uploads: 0, picked: ['p3ke-keluarga.csv'] });
    expect(app.pageErrors).toEqual([]);
  });
});
