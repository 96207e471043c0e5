import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './protocol.ts';

/** During `electron-vite dev` the renderer comes from the Vite server on localhost; never in a build. */
export function devRendererUrl(isPackaged: boolean): string | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !isPackaged && url && /^http:\/\/(localhost|127\.0\.0\.1):\d+/.test(url) ? url : null;
}

function allowedUrl(url: string, dev: string | null): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:')) return true;
  return dev !== null && (url.startsWith(dev) || url.startsWith(dev.replace(/^http/, 'ws')));
}

/** Deny every permission and every request that would leave the app: Padu makes no network calls. */
export function hardenSession(session: Session, dev: string | null): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedUrl(details.url, dev) }));
}

/** No navigation away, no new windows, no webviews. */
export function hardenContents(contents: WebContents, dev: string | null): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowedUrl(url, dev)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowedUrl(url, dev)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** IPC from anything but our own page is ignored (checked on every message). */
export function trustedSender(frame: { url: string } | null, dev: string | null): boolean {
  if (!frame) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`) || (dev !== null && frame.url.startsWith(dev));
}
