/** What crosses every boundary to the warehouse: requests, responses, pushed events. */

/** Error kinds the UI can act on. */
export type ErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'not_ready'
  | 'unsupported'
  | 'cancelled'
  | 'unauthorised'
  | 'internal';

export interface ErrorData {
  readonly kind: ErrorKind;
  /** Human message in the warehouse's current language (Bahasa Indonesia by default). */
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

export interface RequestEnvelope {
  readonly type: 'request';
  readonly id: number;
  readonly method: string;
  readonly args: unknown;
}

export interface ResponseEnvelope {
  readonly type: 'response';
  readonly id: number;
  readonly result: Result<unknown>;
  /** Time the warehouse spent on the call, in milliseconds. */
  readonly ms: number;
}

export interface EventEnvelope {
  readonly type: 'event';
  readonly name: string;
  readonly payload: unknown;
}

export type WarehouseOutbound = ResponseEnvelope | EventEnvelope;

export function isRequestEnvelope(v: unknown): v is RequestEnvelope {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r['type'] === 'request' && typeof r['id'] === 'number' && typeof r['method'] === 'string';
}

export function isOutboundEnvelope(v: unknown): v is WarehouseOutbound {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (r['type'] === 'response' && typeof r['id'] === 'number') || (r['type'] === 'event' && typeof r['name'] === 'string');
}
