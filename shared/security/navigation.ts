/**
 * Which URLs the Electron app may load or accept messages from. Pure, so it is tested without
 * Electron; electron/main/security.ts applies it to sessions, web contents and IPC.
 */

export const APP_ORIGIN = 'app://padu';

/**
 * During `electron-vite dev` the renderer comes from the Vite server on localhost; never in a
 * packaged build, and never from anywhere but loopback.
 */
export function devRendererUrl(isPackaged: boolean, envUrl: string | undefined): string | null {
  if (isPackaged || !envUrl) return null;
  return /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(envUrl) ? envUrl.replace(/\/$/, '') : null;
}

/** The app's own pages and in-page resources; the dev server only in dev. Everything else is refused. */
export function isAllowedUrl(url: string, dev: string | null): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:')) return true;
  if (dev === null) return false;
  const ws = dev.replace(/^http/, 'ws');
  return url === dev || url.startsWith(`${dev}/`) || url === ws || url.startsWith(`${ws}/`);
}

/** IPC is answered only for our own top-level page. */
export function isTrustedSender(frameUrl: string | null | undefined, dev: string | null): boolean {
  if (!frameUrl) return false;
  return frameUrl.startsWith(`${APP_ORIGIN}/`) || (dev !== null && (frameUrl === dev || frameUrl.startsWith(`${dev}/`)));
}
