import type { ArgsOf, EventMap, EventName, Method, ResultOf } from '../../../shared/contracts/index.ts';
import type { ErrorData, ErrorKind } from '../../../shared/ipc/envelope.ts';
import type { Transport } from './transport.ts';

/** A failed warehouse call, with the kind the UI can act on and a message in the user's language. */
export class WarehouseCallError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorData['details'];
  constructor(error: ErrorData) {
    super(error.message);
    this.name = 'WarehouseCallError';
    this.kind = error.kind;
    this.details = error.details;
  }
}

export interface WarehouseClient {
  /** Call a warehouse method; rejects with WarehouseCallError on `{ ok: false }`. */
  call<M extends Method>(method: M, args: ArgsOf<M>): Promise<Awaited<ResultOf<M>>>;
  /** Subscribe to a pushed event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createClient(transport: Transport): WarehouseClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  transport.listen(
    (m) => {
      if (m.type === 'response') {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.result.ok) p.resolve(m.result.value);
        else p.reject(new WarehouseCallError(m.result.error));
      } else {
        for (const l of listeners.get(m.name) ?? []) l(m.payload);
      }
    },
    (reason) => {
      for (const p of pending.values()) {
        p.reject(new WarehouseCallError({ kind: 'internal', message: `Sambungan ke gudang data terputus (${reason}).` }));
      }
      pending.clear();
    },
  );

  return {
    call(method, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        transport.send({ type: 'request', id, method, args });
      });
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
