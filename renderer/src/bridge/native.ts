import type { AppInfo, PaduNative } from '../../../shared/contracts/native.ts';

declare global {
  interface Window {
    /** Present only inside the Electron app (the preload's bridge). */
    readonly padu?: PaduNative;
  }
}

declare const __APP_VERSION__: string;

export function electronNative(): PaduNative | null {
  return window.padu ?? null;
}

/** App information from whichever host runs the renderer. */
export async function appInfo(): Promise<AppInfo> {
  const native = electronNative();
  if (native) return native.appInfo();
  return { name: 'Padu', version: __APP_VERSION__, host: 'browser', platform: navigator.platform, versions: {} };
}
