/** What the host itself offers the renderer besides the warehouse (window.padu in Electron). */

export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  readonly platform: string;
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * A file the planner picked or dropped in the window: the DOM's `File`, described structurally
 * because shared/ is compiled without DOM types.
 */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

/** The preload's `window.padu`: named functions only, never ipcRenderer. */
export interface PaduNative {
  readonly host: 'electron';
  /** App name, version and runtime versions. */
  appInfo(): Promise<AppInfo>;
  /**
   * Ask the main process for a fresh MessagePort to the warehouse; it arrives as a window
   * `message` event `{ type: 'padu:warehouse-port' }` from this window, with the port in `ports`.
   */
  connectWarehouse(): void;
  /**
   * Where a picked or dropped file lies on disk (Electron's `webUtils.getPathForFile`), so the
   * warehouse can read it in place; '' when the file has no path (e.g. dragged from a web page).
   */
  pathForFile(file: PickedFile): string;
}

export const WAREHOUSE_PORT_MESSAGE = 'padu:warehouse-port';

/** IPC channel names between preload and main; nothing else is listened to. */
export const IPC = {
  connect: 'padu:connect',
  port: 'padu:warehouse-port',
  appInfo: 'padu:app-info',
} as const;
