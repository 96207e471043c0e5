import { isOutboundEnvelope, type RequestEnvelope } from '../../../shared/ipc/envelope.ts';
import type { Transport } from './transport.ts';

/** The browser host's WebSocket on the page's own origin; the host's cookie carries the token. */
export function webSocketTransport(): Transport {
  const socket = new WebSocket(`${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`);
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const m of queue.splice(0)) socket.send(m);
  });
  return {
    send(request: RequestEnvelope) {
      const text = JSON.stringify(request);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    listen(onMessage, onClose) {
      socket.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data !== 'string') return;
        const parsed: unknown = JSON.parse(e.data);
        if (isOutboundEnvelope(parsed)) onMessage(parsed);
      });
      socket.addEventListener('close', (e) => onClose(e.reason || `code ${e.code}`));
    },
  };
}
