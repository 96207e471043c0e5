import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { startApp, type AppSession } from './harness.ts';

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
