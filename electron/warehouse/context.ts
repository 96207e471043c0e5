import type { Database } from 'better-sqlite3';
import type { Contract } from '../../shared/contracts/index.ts';
import type { EventMap, EventName } from '../../shared/contracts/events.ts';
import type { Language } from '../../shared/contracts/system.ts';
import { interpolate } from '../../shared/i18n/format.ts';
import { warehouseEn, warehouseId, type WarehouseMessageKey } from '../../shared/i18n/warehouse.ts';
import { WarehouseError } from './errors/index.ts';
import type { ErrorKind } from '../../shared/ipc/envelope.ts';
import { get, sql } from './db/sql.ts';

/** What every handler gets: the open database and a way to push events. */
export interface WarehouseContext {
  readonly db: Database;
  readonly dbPath: string;
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
}

/** A handler per method of a contract slice; handlers may be async for long jobs that report progress. */
export type Handlers<C> = {
  [M in keyof C]: C[M] extends (args: infer A) => infer R ? (ctx: WarehouseContext, args: A) => R | Promise<R> : never;
};

export type AllHandlers = Handlers<Contract>;

export function currentLanguage(db: Database): Language {
  const row = get<{ value: string }>(db, sql`SELECT value FROM setting WHERE key = 'language'`);
  return row?.value === 'en' ? 'en' : 'id';
}

export function message(db: Database, key: WarehouseMessageKey, params?: Readonly<Record<string, string | number>>): string {
  const dict = currentLanguage(db) === 'en' ? warehouseEn : warehouseId;
  return interpolate(dict[key], params);
}

/** Throw a WarehouseError whose message is in the user's language. */
export function fail(
  db: Database,
  kind: ErrorKind,
  key: WarehouseMessageKey,
  params?: Readonly<Record<string, string | number>>,
): never {
  throw new WarehouseError(kind, message(db, key, params), params);
}
