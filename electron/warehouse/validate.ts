import type { Database } from 'better-sqlite3';
import { fail } from './context.ts';

/** Small argument checks at the boundary: the renderer is trusted code, but a bug must not reach SQL. */
export function argObject(db: Database, method: string, args: unknown): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) fail(db, 'invalid_input', 'error.invalidArgs', { method, problem: 'args' });
  return args as Record<string, unknown>;
}

export function argString(db: Database, method: string, args: unknown, key: string, maxLength = 200): string {
  const v = argObject(db, method, args)[key];
  if (typeof v !== 'string' || v.length > maxLength) fail(db, 'invalid_input', 'error.invalidArgs', { method, problem: key });
  return v;
}

export function argOptionalString(db: Database, method: string, args: unknown, key: string, maxLength = 200): string | undefined {
  const v = argObject(db, method, args)[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > maxLength) fail(db, 'invalid_input', 'error.invalidArgs', { method, problem: key });
  return v;
}

export function argOptionalInt(db: Database, method: string, args: unknown, key: string, min: number, max: number): number | undefined {
  const v = argObject(db, method, args)[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method, problem: key });
  }
  return v;
}
