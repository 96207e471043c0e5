/**
 * The local browser host: the built renderer and the warehouse served on 127.0.0.1 only, on a
 * random free port, with a per-launch secret token required on every request and socket. It lets
 * the real renderer run end to end where Electron cannot (tests, and later workshop mode).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRequestEnvelope } from '../../shared/ipc/envelope.ts';
import { contentSecurityPolicy } from '../../shared/security/csp.ts';
import type { ChildInbound, ChildOutbound } from '../warehouse/hosts/child.ts';
import { DEFAULT_UPLOAD_LIMIT, createUploadStore, exportDirOf, serveExport } from './files.ts';

export interface BrowserHostOptions {
  readonly dbPath: string;
  /** Directory holding the built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 (default) picks a random free port. */
  readonly port?: number;
  readonly log?: (line: string) => void;
  /** Largest accepted upload in bytes (default 2 GiB). */
  readonly uploadLimit?: number;
}

export interface BrowserHost {
  /** Open this URL once: it carries the token, which the host turns into a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COOKIE = 'padu_token';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

const CHILD_ENTRY = fileURLToPath(new URL('../warehouse/hosts/child.ts', import.meta.url));

function sameSecret(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return null;
}

function startWarehouse(dbPath: string, log: (line: string) => void): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(CHILD_ENTRY, ['--db', dbPath], { execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const onMessage = (m: ChildOutbound): void => {
      if (m.message.type === 'ready') {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolvePromise(child);
      }
    };
    const onExit = (code: number | null): void => {
      log(`[host] warehouse exited during start (code ${code ?? 'null'})`);
      reject(new Error(`Gudang data gagal dimulai (kode ${code ?? 'null'}).`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = randomBytes(32).toString('base64url');
  const root = resolve(options.rendererDir);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`Renderer belum dibangun: ${join(root, 'index.html')} tidak ada. Jalankan "npm run build".`);
  });

  const child = await startWarehouse(options.dbPath, log);
  const sockets = new Map<number, WebSocket>();
  let nextConn = 1;
  let closing = false;

  child.on('message', (m: ChildOutbound) => {
    const payload = JSON.stringify(m.message);
    if (m.conn === null) {
      for (const ws of sockets.values()) ws.send(payload);
    } else {
      sockets.get(m.conn)?.send(payload);
    }
  });
  child.on('exit', (code) => {
    if (closing) return;
    log(`[host] warehouse process ended unexpectedly (code ${code ?? 'null'}); closing connections`);
    for (const ws of sockets.values()) ws.close(1011, 'warehouse ended');
  });

  const uploads = createUploadStore(options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT);
  const exportDir = exportDirOf(options.dbPath);
  const server = createServer();
  let origin = '';
  let hostHeader = '';
  let csp = '';

  function refuse(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  /** Loopback only, and the Host header must be ours (no DNS rebinding). */
  function allowedHost(req: IncomingMessage): boolean {
    return req.headers.host === hostHeader && (req.socket.remoteAddress === '127.0.0.1' || req.socket.remoteAddress === '::ffff:127.0.0.1');
  }

  server.on('request', (req, res) => {
    void (async () => {
      if (!allowedHost(req)) return refuse(res, 403, 'Akses ditolak: host tidak dikenal.');
      const url = new URL(req.url ?? '/', origin);
      if (req.method === 'POST' && url.pathname === '/upload') {
        if (!sameSecret(cookieToken(req), token)) return refuse(res, 401, 'Token diperlukan. Buka alamat lengkap yang dicetak saat Padu dimulai.');
        // A write from a page of another origin is refused even with the cookie.
        if (req.headers.origin !== origin) return refuse(res, 403, 'Akses ditolak: asal permintaan tidak dikenal.');
        return uploads.handle(req, res, url.searchParams.get('name'), refuse);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Metode tidak diizinkan.');
      const queryToken = url.searchParams.get('token');
      if (queryToken !== null) {
        if (!sameSecret(queryToken, token)) return refuse(res, 401, 'Token tidak sah.');
        // Trade the token in the URL for a cookie, so it leaves the address bar and history.
        res.writeHead(303, {
          Location: '/',
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
        res.end();
        return;
      }
      if (!sameSecret(cookieToken(req), token)) return refuse(res, 401, 'Token diperlukan. Buka alamat lengkap yang dicetak saat Padu dimulai.');
      if (url.pathname === '/download') return serveExport(req, res, exportDir, url.searchParams.get('path'), refuse);
      const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
      const file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) return refuse(res, 404, 'Tidak ditemukan.');
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return refuse(res, 404, 'Tidak ditemukan.');
      }
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((e: unknown) => {
      log(`[host] ${req.method ?? '?'} ${req.url ?? ''} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (res.headersSent) res.destroy();
      else refuse(res, 500, 'Terjadi kesalahan di host lokal.');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const ok =
      allowedHost(req) &&
      url.pathname === '/ws' &&
      req.headers.origin === origin &&
      sameSecret(cookieToken(req) ?? url.searchParams.get('token'), token);
    if (!ok) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = nextConn++;
      sockets.set(conn, ws);
      ws.on('message', (data, isBinary) => {
        if (isBinary || !Buffer.isBuffer(data)) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        if (!isRequestEnvelope(parsed)) return;
        const msg: ChildInbound = { conn, message: parsed };
        child.send(msg);
      });
      ws.on('close', () => sockets.delete(conn));
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;
  csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`]);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      closing = true;
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await uploads.close();
      if (child.connected) child.disconnect();
      await new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          ok();
        });
      });
    },
  };
}
