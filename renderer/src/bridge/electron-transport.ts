import { isOutboundEnvelope, type RequestEnvelope, type WarehouseOutbound } from '../../../shared/ipc/envelope.ts';
import { WAREHOUSE_PORT_MESSAGE, type PaduNative } from '../../../shared/contracts/native.ts';
import type { Transport } from './transport.ts';

/**
 * The warehouse MessagePort handed over by the preload. Requests sent before the port arrives are
 * queued; if the main process hands a new port (warehouse restarted), it replaces the old one.
 */
export function electronTransport(native: PaduNative): Transport {
  let port: MessagePort | null = null;
  const queue: RequestEnvelope[] = [];
  let deliver: ((m: WarehouseOutbound) => void) | null = null;

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window || event.origin !== window.location.origin) return;
    const data = event.data as { type?: unknown } | null;
    if (data?.type !== WAREHOUSE_PORT_MESSAGE) return;
    const [next] = event.ports;
    if (!next) return;
    port?.close();
    port = next;
    port.onmessage = (e: MessageEvent) => {
      if (isOutboundEnvelope(e.data)) deliver?.(e.data);
    };
    port.start();
    for (const r of queue.splice(0)) port.postMessage(r);
  });
  native.connectWarehouse();

  return {
    send(request) {
      if (port) port.postMessage(request);
      else queue.push(request);
    },
    listen(onMessage) {
      deliver = onMessage;
    },
  };
}
