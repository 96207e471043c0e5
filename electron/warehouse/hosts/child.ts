/**
 * Entry of the warehouse as a Node child process (the browser host). Messages carry the id of the
 * browser connection so responses go back to the socket that asked; events go to every socket.
 */
import { isRequestEnvelope } from '../../../shared/ipc/envelope.ts';
import type { WarehouseOutbound } from '../../../shared/ipc/envelope.ts';
import { openWarehouse } from '../server.ts';
import { dbPathFromArgv } from './args.ts';

export interface ChildInbound {
  readonly conn: number;
  readonly message: unknown;
}

export interface ChildOutbound {
  /** null: an event for every connection. */
  readonly conn: number | null;
  readonly message: WarehouseOutbound | { readonly type: 'ready' };
}

function send(m: ChildOutbound): void {
  process.send?.(m);
}

const warehouse = await openWarehouse(dbPathFromArgv(process.argv));
warehouse.onEvent((event) => send({ conn: null, message: event }));

process.on('message', (raw: unknown) => {
  const m = raw as Partial<ChildInbound>;
  if (typeof m.conn !== 'number' || !isRequestEnvelope(m.message)) return;
  const conn = m.conn;
  void warehouse.handle(m.message).then((response) => send({ conn, message: response }));
});

process.on('disconnect', () => {
  warehouse.close();
  process.exit(0);
});

send({ conn: null, message: { type: 'ready' } });
