import { createClient, type WarehouseClient } from './client.ts';
import { electronTransport } from './electron-transport.ts';
import { electronNative } from './native.ts';
import { webSocketTransport } from './ws-transport.ts';

export { WarehouseCallError, type WarehouseClient } from './client.ts';
export { appInfo } from './native.ts';

let client: WarehouseClient | null = null;

/** The one warehouse client of this window, over whichever transport the host provides. */
export function warehouse(): WarehouseClient {
  if (!client) {
    const native = electronNative();
    client = createClient(native ? electronTransport(native) : webSocketTransport());
  }
  return client;
}
