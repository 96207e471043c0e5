import type { Database, Statement } from 'better-sqlite3';

export type SqlValue = string | number | bigint | null | Uint8Array;

const FRAGMENT = Symbol('sql.fragment');

/** A piece of SQL text with its parameters; only `sql`, `ident` and `join` make one. */
export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly text: string;
  readonly values: readonly SqlValue[];
}

function fragment(text: string, values: readonly SqlValue[]): SqlFragment {
  return { [FRAGMENT]: true, text, values };
}

function isFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && FRAGMENT in v;
}

/**
 * Tagged template: interpolated values become `?` parameters, interpolated fragments are spliced.
 * A user-chosen column or value never becomes SQL text.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly (SqlValue | SqlFragment)[]): SqlFragment {
  let text = strings[0] ?? '';
  const values: SqlValue[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (isFragment(p)) {
      text += p.text;
      values.push(...p.values);
    } else {
      text += '?';
      values.push(p ?? null);
    }
    text += strings[i + 1] ?? '';
  }
  return fragment(text, values);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A validated identifier (table or column), quoted. Throws on anything that is not a plain name. */
export function ident(name: string): SqlFragment {
  if (!IDENT.test(name)) throw new Error(`Invalid SQL identifier: ${JSON.stringify(name)}`);
  return fragment(`"${name}"`, []);
}

export function join(parts: readonly SqlFragment[], separator = ', '): SqlFragment {
  return fragment(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.values));
}

export const empty: SqlFragment = fragment('', []);

/** Raw SQL text written by the project itself (never user input). */
export function raw(text: string): SqlFragment {
  return fragment(text, []);
}

const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepare(db: Database, frag: SqlFragment): Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let stmt = byText.get(frag.text);
  if (!stmt) {
    stmt = db.prepare(frag.text);
    byText.set(frag.text, stmt);
  }
  return stmt;
}

export function all<T>(db: Database, frag: SqlFragment): T[] {
  return prepare(db, frag).all(...frag.values) as T[];
}

export function get<T>(db: Database, frag: SqlFragment): T | undefined {
  return prepare(db, frag).get(...frag.values) as T | undefined;
}

export function run(db: Database, frag: SqlFragment): { changes: number; lastInsertRowid: number | bigint } {
  return prepare(db, frag).run(...frag.values);
}

/** The first column of every row. */
export function pluck<T>(db: Database, frag: SqlFragment): T[] {
  return prepare(db, frag).pluck().all(...frag.values) as T[];
}

/** Every row as an array of column values. */
export function rawRows<T extends unknown[]>(db: Database, frag: SqlFragment): T[] {
  return prepare(db, frag).raw(true).all(...frag.values) as T[];
}

/** Every row as an array of column values, one at a time (a statement of its own: an iterating
 *  statement is busy until it ends, so it is not shared through the cache). */
export function rawIterate<T extends unknown[]>(db: Database, frag: SqlFragment): IterableIterator<T> {
  return db.prepare(frag.text).raw(true).iterate(...frag.values) as IterableIterator<T>;
}

/** Every row as an object, one at a time (a statement of its own, as for rawIterate). */
export function iterate<T>(db: Database, frag: SqlFragment): IterableIterator<T> {
  return db.prepare(frag.text).iterate(...frag.values) as IterableIterator<T>;
}
