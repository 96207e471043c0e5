/**
 * The narrow bridge. The renderer gets `window.padu` with named functions and, on request, a
 * MessagePort to the warehouse (forwarded with window.postMessage, since ports cannot cross
 * contextBridge). ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC, WAREHOUSE_PORT_MESSAGE, type AppInfo, type PaduNative } from '../../shared/contracts/native.ts';

ipcRenderer.on(IPC.port, (event) => {
  window.postMessage({ type: WAREHOUSE_PORT_MESSAGE }, window.location.origin, [...event.ports]);
});

const padu: PaduNative = {
  host: 'electron',
  appInfo: () => ipcRenderer.invoke(IPC.appInfo) as Promise<AppInfo>,
  connectWarehouse: () => ipcRenderer.send(IPC.connect),
  // Only a real File from this window has a path; the renderer passes what its input or drop gave it.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('padu', padu);
