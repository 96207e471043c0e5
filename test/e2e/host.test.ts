import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { ensureRendererBuilt } from '../../electron/host/build.ts';
import { tempDir } from '../helpers/tmp.ts';
import { ROOT, startApp, type AppSession } from './harness.ts';

describe('browser host', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('listens on loopback only and refuses requests without the token', async () => {
    expect(app.host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const noToken = await fetch(`${app.host.origin}/`);
    expect(noToken.status).toBe(401);
    const asset = await fetch(`${app.host.origin}/index.html`);
    expect(asset.status).toBe(401);
    const wrong = await fetch(`${app.host.origin}/?token=nope`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused by Host.
    const spoofed = await new Promise<number>((resolve, reject) => {
      const req = request(app.host.url, { headers: { Host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(spoofed).toBe(403);
  });

  it('trades the token for a cookie and serves the app with a strict CSP', async () => {
    const first = await fetch(app.host.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${app.host.origin}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const tryWs = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WsClient(`${app.host.origin.replace('http', 'ws')}/ws`, { headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('error', () => resolve('refused'));
      });
    const cookie = `padu_token=${app.host.token}`;
    expect(await tryWs({ Origin: app.host.origin })).toBe('refused');
    expect(await tryWs({ Origin: 'http://evil.example', Cookie: cookie })).toBe('refused');
    expect(await tryWs({ Origin: app.host.origin, Cookie: 'padu_token=wrong' })).toBe('refused');
    expect(await tryWs({ Origin: app.host.origin, Cookie: cookie })).toBe('open');
  });

  it('runs the renderer against the warehouse without page errors', async () => {
    await app.page.waitForLoadState('networkidle');
    expect(app.pageErrors).toEqual([]);
  });
});

/** One raw HTTP exchange with the host (fetch would not let a test set Host or Origin freely). */
function exchange(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Buffer | Buffer[] } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const parts = options.body === undefined ? [] : Array.isArray(options.body) ? options.body : [options.body];
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe('browser host: uploads and export downloads', () => {
  const LIMIT = 64 * 1024;
  let host: BrowserHost;
  let dir: string;
  let cleanup: () => void;
  let cookie: string;
  let exportDir: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('host-files'));
    const rendererDir = ensureRendererBuilt(ROOT, () => undefined);
    host = await startBrowserHost({ dbPath: join(dir, 'padu.db'), rendererDir, log: () => undefined, uploadLimit: LIMIT });
    cookie = `padu_token=${host.token}`;
    exportDir = join(dir, 'ekspor');
    mkdirSync(exportDir, { recursive: true });
  });
  afterAll(async () => {
    await host.close();
    cleanup();
  });

  const upload = (name: string, body: Buffer | Buffer[], headers: Record<string, string | number> = {}) =>
    exchange(`${host.origin}/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { Cookie: cookie, Origin: host.origin, ...headers }, body });

  it('stores an upload in its own temporary folder and answers where it is', async () => {
    const bytes = Buffer.from('ID Keluarga P3KE;NIK\n1;5301010101010001\n', 'utf8');
    const res = await upload('../../keluarga p3ke.csv', bytes);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body.toString('utf8')) as { path: string; name: string; size: number };
    // Folders in the name are dropped; the base name and its extension are kept.
    expect(body.name).toBe('keluarga p3ke.csv');
    expect(body.size).toBe(bytes.length);
    expect(basename(body.path)).toBe('keluarga p3ke.csv');
    expect(body.path.startsWith(tmpdir())).toBe(true);
    expect(readFileSync(body.path)).toEqual(bytes);
    // A second upload of the same name does not overwrite the first.
    const again = JSON.parse((await upload('keluarga p3ke.csv', Buffer.from('x'))).body.toString('utf8')) as { path: string };
    expect(again.path).not.toBe(body.path);
    expect(readFileSync(body.path)).toEqual(bytes);
  });

  it('refuses uploads without the token, from another origin or host, and of another method', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    expect((await upload('x.csv', bytes, { Cookie: 'padu_token=wrong' })).status).toBe(401);
    expect((await exchange(`${host.origin}/upload?name=x.csv`, { method: 'POST', headers: { Origin: host.origin }, body: bytes })).status).toBe(401);
    expect((await exchange(`${host.origin}/upload?name=x.csv`, { method: 'POST', headers: { Cookie: cookie }, body: bytes })).status).toBe(403);
    expect((await upload('x.csv', bytes, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload('x.csv', bytes, { Host: 'evil.example' })).status).toBe(403);
    expect((await exchange(`${host.origin}/upload?name=x.csv`, { method: 'PUT', headers: { Cookie: cookie, Origin: host.origin }, body: bytes })).status).toBe(405);
    expect((await upload('..', bytes)).status).toBe(400);
  });

  it('refuses a file over the limit with 413 and a message in Bahasa Indonesia, declared or streamed', async () => {
    // Declared too large: refused before a byte of the body is read.
    const declared = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${host.origin}/upload?name=besar.xlsx`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: host.origin, 'Content-Length': 3 * 1024 ** 3 },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(declared.status).toBe(413);
    expect(declared.text).toContain('Berkas terlalu besar');
    expect(declared.text).toContain('64 KiB');

    // Chunked, no length: counted while streaming, and the partial file is removed.
    const before = JSON.parse((await upload('kecil.csv', Buffer.from('a\n'))).body.toString('utf8')) as { path: string };
    const root = dirname(dirname(before.path));
    const folders = readdirSync(root).length;
    const streamed = await upload('besar.csv', [Buffer.alloc(LIMIT / 2, 0x61), Buffer.alloc(LIMIT, 0x61)], { 'Transfer-Encoding': 'chunked' });
    expect(streamed.status).toBe(413);
    expect(streamed.body.toString('utf8')).toMatch(/^Berkas terlalu besar/);
    expect(readdirSync(root).length).toBe(folders);
  });

  it('serves files from the export folder only, as attachments', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 not really a workbook');
    const file = join(exportDir, 'ditolak batch 1.xlsx');
    writeFileSync(file, bytes);
    const get = (path: string, headers: Record<string, string> = { Cookie: cookie }) =>
      exchange(`${host.origin}/download?path=${encodeURIComponent(path)}`, { headers });

    const ok = await get(file);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(bytes);
    expect(ok.headers['content-disposition']).toContain('attachment');
    expect(ok.headers['content-disposition']).toContain("filename*=UTF-8''ditolak%20batch%201.xlsx");
    expect(ok.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    expect((await get(file, {})).status).toBe(401);
    expect((await get(file, { Cookie: cookie, Host: 'evil.example' })).status).toBe(403);
    // The warehouse file itself, a `..` walk out of the folder, a look-alike folder, a link leading out.
    expect((await get(join(dir, 'padu.db'))).status).toBe(403);
    expect((await get(`${exportDir}/../padu.db`)).status).toBe(403);
    mkdirSync(`${exportDir}-lain`, { recursive: true });
    writeFileSync(join(`${exportDir}-lain`, 'x.xlsx'), 'x');
    expect((await get(join(`${exportDir}-lain`, 'x.xlsx'))).status).toBe(403);
    symlinkSync(join(dir, 'padu.db'), join(exportDir, 'tautan.xlsx'));
    expect((await get(join(exportDir, 'tautan.xlsx'))).status).toBe(403);
    expect((await get('/etc/passwd')).status).toBe(403);
    expect((await get('ekspor/ditolak batch 1.xlsx')).status).toBe(400);
    expect((await get(join(exportDir, 'tidak-ada.xlsx'))).status).toBe(404);
    expect((await get(exportDir)).status).toBe(403);
  });

  it('removes the uploaded files when it closes', async () => {
    const res = JSON.parse((await upload('sementara.csv', Buffer.from('a\n'))).body.toString('utf8')) as { path: string };
    const root = dirname(dirname(res.path));
    expect(existsSync(res.path)).toBe(true);
    await host.close();
    expect(existsSync(root)).toBe(false);
    // Started again for afterAll's close.
    host = await startBrowserHost({ dbPath: join(dir, 'padu.db'), rendererDir: ensureRendererBuilt(ROOT, () => undefined), log: () => undefined, uploadLimit: LIMIT });
  });
});
