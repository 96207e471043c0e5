import type { Session, WebContents } from 'electron';
import { isAllowedUrl } from '../../shared/security/navigation.ts';

/** Deny every permission and every request that would leave the app: Padu makes no network calls. */
export function hardenSession(session: Session, dev: string | null): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url, dev) }));
}

/** No navigation away, no new windows, no webviews. */
export function hardenContents(contents: WebContents, dev: string | null): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url, dev)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedUrl(url, dev)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
