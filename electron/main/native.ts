import { app, ipcMain } from 'electron';
import { IPC, type AppInfo } from '../../shared/contracts/native.ts';
import { isTrustedSender } from '../../shared/security/navigation.ts';
import type { WarehouseProcess } from './warehouse.ts';

/** The few native functions behind window.padu; every message's sender frame is checked. */
export function registerNativeHandlers(warehouse: WarehouseProcess, dev: string | null): void {
  ipcMain.on(IPC.connect, (event) => {
    if (!isTrustedSender(event.senderFrame?.url, dev)) return;
    warehouse.connect(event.sender);
  });
  ipcMain.handle(IPC.appInfo, (event): AppInfo => {
    if (!isTrustedSender(event.senderFrame?.url, dev)) throw new Error('untrusted sender');
    return {
      name: app.getName(),
      version: app.getVersion(),
      host: 'electron',
      platform: process.platform,
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
    };
  });
}
