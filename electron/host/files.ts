/**
 * Files across the browser host: uploads (the browser cannot hand the warehouse a path, so the
 * bytes are streamed to a per-host temporary folder and the warehouse reads them from there) and
 * downloads of what the warehouse exported (only from its export folder, never any other path).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { formatNumber } from '../../shared/i18n/format.ts';

/** 2 GiB: above the largest province-wide P3KE individu CSV the generator writes at 1.2 M families. */
export const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3;

export interface UploadResult {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

type Refuse = (res: ServerResponse, status: number, text: string) => void;

/** `2 GiB`, `512 MiB`, `64 KiB`, `1.000 byte`: the limit as the planner reads it. */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${formatNumber('id', bytes / size)} ${unit}`;
  }
  return `${formatNumber('id', bytes)} byte`;
}

/**
 * The name to store an upload under: the base name only (no folders, no `..`), no control or
 * reserved characters, at most 180 characters; null when nothing usable is left.
 */
export function safeUploadName(raw: string | null): string | null {
  if (raw === null) return null;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return null;
  if (cleaned.length <= 180) return cleaned;
  const ext = extname(cleaned).slice(0, 12);
  return `${cleaned.slice(0, 180 - ext.length)}${ext}`;
}

class TooLarge extends Error {}

export interface UploadStore {
  /** `POST /upload?name=…`: stream the body to disk; answers `{ path, name, size }` or 413. */
  handle(req: IncomingMessage, res: ServerResponse, name: string | null, refuse: Refuse): Promise<void>;
  /** Remove every uploaded file. */
  close(): Promise<void>;
}

export function createUploadStore(limit: number): UploadStore {
  let root: Promise<string> | null = null;
  let seq = 0;
  const tooLarge = (): string =>
    `Berkas terlalu besar: batas unggah di peramban lokal adalah ${formatLimit(limit)}. Untuk berkas sebesar ini gunakan aplikasi desktop Padu, atau pecah berkasnya.`;

  function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    // The rest of the body is not read: answer, then close the connection.
    res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
    res.end(tooLarge(), () => req.destroy());
  }

  return {
    async handle(req, res, rawName, refuse) {
      const name = safeUploadName(rawName);
      if (name === null) return refuse(res, 400, 'Nama berkas tidak sah.');
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) return refuseTooLarge(req, res);

      root ??= mkdtemp(join(tmpdir(), 'padu-upload-'));
      // One folder per upload keeps the original name (and its extension) without collisions.
      const dir = join(await root, String(++seq));
      await mkdir(dir, { mode: 0o700 });
      const path = join(dir, name);
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      let size = 0;
      try {
        await new Promise<void>((ok, fail) => {
          const stop = (e: Error): void => {
            req.unpipe(out);
            out.destroy();
            fail(e);
          };
          req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) stop(new TooLarge());
          });
          req.on('close', () => {
            if (!req.complete) stop(new Error('aborted'));
          });
          req.on('error', stop);
          out.on('error', stop);
          out.on('finish', () => ok());
          req.pipe(out);
        });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        if (e instanceof TooLarge) return refuseTooLarge(req, res);
        if (!res.headersSent && !req.destroyed) refuse(res, 500, 'Berkas tidak dapat disimpan untuk diimpor.');
        return;
      }
      const body: UploadResult = { path, name, size };
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(JSON.stringify(body));
    },
    async close() {
      if (!root) return;
      const dir = await root.catch(() => null);
      root = null;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The warehouse writes exports next to its file: `<folder of the db>/ekspor/`. */
export function exportDirOf(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'ekspor');
}

const DOWNLOAD_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /download?path=…`: a file inside the export folder, as an attachment. Anything else —
 * another folder, `..`, a symbolic link leading out — is refused with 403.
 */
export async function serveExport(req: IncomingMessage, res: ServerResponse, exportDir: string, raw: string | null, refuse: Refuse): Promise<void> {
  if (raw === null || raw === '' || !isAbsolute(raw)) return refuse(res, 400, 'Alamat berkas tidak sah.');
  const outside = 'Akses ditolak: hanya berkas di folder ekspor gudang data yang dapat diunduh.';
  const wanted = resolve(raw);
  if (!wanted.startsWith(exportDir + sep)) return refuse(res, 403, outside);
  // The folder and the file as they really are on disk: a link inside may not point outside.
  const [realDir, realFile] = await Promise.all([realpath(exportDir).catch(() => null), realpath(wanted).catch(() => null)]);
  if (realFile === null || realDir === null) return refuse(res, 404, 'Berkas ekspor tidak ditemukan.');
  if (!realFile.startsWith(realDir + sep)) return refuse(res, 403, outside);
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) return refuse(res, 404, 'Berkas ekspor tidak ditemukan.');
  res.writeHead(200, {
    'Content-Type': DOWNLOAD_TYPES[extname(realFile).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Content-Disposition': contentDisposition(basename(realFile)),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(realFile);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
