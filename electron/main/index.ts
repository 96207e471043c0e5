/** Wiring only: protocol, security, warehouse process, window. */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { registerNativeHandlers } from './native.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { devRendererUrl } from '../../shared/security/navigation.ts';
import { hardenContents, hardenSession } from './security.ts';
import { WarehouseProcess } from './warehouse.ts';
import { createMainWindow } from './window.ts';

const mainDir = import.meta.dirname;
const dev = devRendererUrl(app.isPackaged, process.env['ELECTRON_RENDERER_URL']);

registerAppScheme();
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => hardenContents(contents, dev));

const warehouse = new WarehouseProcess(mainDir, join(app.getPath('userData'), 'padu.db'));

void app.whenReady().then(() => {
  handleAppProtocol();
  hardenSession(session.defaultSession, dev);
  warehouse.start();
  registerNativeHandlers(warehouse, dev);
  createMainWindow(mainDir, dev);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(mainDir, dev);
  });
});

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => warehouse.stop());
