import type { ErrorData, ErrorKind } from '../../../shared/ipc/envelope.ts';

type Details = Readonly<Record<string, string | number | boolean | null>>;

/** An expected failure with a kind the UI can act on; the message is already in the user's language. */
export class WarehouseError extends Error {
  readonly kind: ErrorKind;
  readonly details: Details | undefined;

  constructor(kind: ErrorKind, message: string, details?: Details) {
    super(message);
    this.name = 'WarehouseError';
    this.kind = kind;
    this.details = details;
  }
}

export function toErrorData(e: unknown, internalMessage: string): ErrorData {
  if (e instanceof WarehouseError) {
    return e.details ? { kind: e.kind, message: e.message, details: e.details } : { kind: e.kind, message: e.message };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: internalMessage, details: { cause: detail } };
}
