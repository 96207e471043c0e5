import type { RequestEnvelope, WarehouseOutbound } from '../../../shared/ipc/envelope.ts';

/** A duplex channel to the warehouse: MessagePort in Electron, WebSocket in the browser host. */
export interface Transport {
  send(request: RequestEnvelope): void;
  /** Called for every response and event; `onClose` when the channel is gone. */
  listen(onMessage: (m: WarehouseOutbound) => void, onClose: (reason: string) => void): void;
}
