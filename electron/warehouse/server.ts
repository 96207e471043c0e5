import type { EventMap, EventName } from '../../shared/contracts/events.ts';
import type { EventEnvelope, RequestEnvelope, ResponseEnvelope, Result } from '../../shared/ipc/envelope.ts';
import type { AllHandlers, WarehouseContext } from './context.ts';
import { message } from './context.ts';
import { closeDatabase, openDatabase, type Database } from './db/connection.ts';
import { dropCubes } from './analysis/cube.ts';
import { analysisHandlers } from './analysis/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { demoHandlers } from './demo/handlers.ts';
import { toErrorData } from './errors/index.ts';
import { homeHandlers } from './home/handlers.ts';
import { importHandlers } from './imports/handlers.ts';
import { discardAbandonedImports } from './imports/discard.ts';
import { interventionsHandlers } from './interventions/handlers.ts';
import { linkageHandlers } from './linkage/handlers.ts';
import { mapsHandlers } from './maps/handlers.ts';
import { referenceHandlers } from './reference/handlers.ts';
import { ensureRegionReference } from './reference/store.ts';
import { systemHandlers } from './system/handlers.ts';

/** Every method of the contract; a missing one is a compile error. */
const HANDLERS: AllHandlers = {
  ...systemHandlers,
  ...referenceHandlers,
  ...homeHandlers,
  ...demoHandlers,
  ...importHandlers,
  ...analysisHandlers,
  ...interventionsHandlers,
  ...auditHandlers,
  ...linkageHandlers,
  ...mapsHandlers,
};

export type EventListener = (event: EventEnvelope) => void;

export interface WarehouseOptions {
  /** Calls slower than this are logged to stderr (milliseconds). */
  readonly slowMs?: number;
  readonly log?: (line: string) => void;
}

export interface Warehouse {
  readonly db: Database;
  readonly dbPath: string;
  /** Run one request; never throws — failures come back as `{ ok: false, error }`. */
  handle(request: RequestEnvelope): Promise<ResponseEnvelope>;
  call(method: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  close(): void;
}

/** Open the warehouse file (migrating it and loading the region reference on first open). */
export async function openWarehouse(dbPath: string, options: WarehouseOptions = {}): Promise<Warehouse> {
  const db = openDatabase(dbPath);
  // Imports a crash or a power cut interrupted (imports/discard.ts).
  discardAbandonedImports(db);
  await ensureRegionReference(db);
  const listeners = new Set<EventListener>();
  const slowMs = options.slowMs ?? 250;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const ctx: WarehouseContext = {
    db,
    dbPath,
    emit<E extends EventName>(name: E, payload: EventMap[E]) {
      const event: EventEnvelope = { type: 'event', name, payload };
      for (const l of listeners) l(event);
    },
  };

  async function call(method: string, args: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(HANDLERS, method)) {
      return { ok: false, error: { kind: 'invalid_input', message: message(db, 'error.unknownMethod', { method }) } };
    }
    const handler = HANDLERS[method as keyof AllHandlers] as (c: WarehouseContext, a: unknown) => unknown;
    try {
      const value = await handler(ctx, args ?? {});
      return { ok: true, value };
    } catch (e) {
      const error = toErrorData(e, message(db, 'error.internal'));
      if (error.kind === 'internal') log(`[warehouse] ${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { ok: false, error };
    }
  }

  return {
    db,
    dbPath,
    async handle(request) {
      const started = performance.now();
      const result = await call(request.method, request.args);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      if (ms > slowMs) log(`[warehouse] slow ${request.method}: ${ms} ms`);
      return { type: 'response', id: request.id, result, ms };
    },
    call,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      dropCubes(db);
      closeDatabase(db);
    },
  };
}
