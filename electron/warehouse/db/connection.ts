import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.ts';

export type { Database };

export interface OpenOptions {
  /** Open without running migrations or writing (used by read-only tools). */
  readonly readonly?: boolean;
}

/** Open (creating if needed) a warehouse file with the project's pragmas and run pending migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    // A new warehouse gets 8 KiB pages (the page size is fixed once the file has content and is
    // in WAL mode): an import writes each page twice through the WAL, one system call a page and
    // two a WAL frame, so half as many pages is ~20 % less kernel time for the writer (P3KE
    // individu at 300 k families: 3.1–3.5 s → 2.6–3.0 s of the process's system time).
    if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -131072');
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 268435456');
  if (!options.readonly) migrate(db);
  return db;
}

export function closeDatabase(db: Database): void {
  if (!db.open) return;
  try {
    if (!db.readonly) {
      // Statistics from a sample of each index, read through a small cache: through the memory
      // map, analysing a table a province import had just filled mapped ~285 MB of the file into
      // the process (page cache, but counted as the process's memory) for a 60 ms job.
      db.pragma('mmap_size = 0');
      db.pragma('cache_size = -8192');
      db.pragma('analysis_limit = 1000');
      db.pragma('busy_timeout = 250');
      try {
        db.pragma('optimize');
      } catch (e) {
        // Statistics are a nicety. Another process (an import from the command line) may hold the
        // write lock, or have committed since this connection's read began, which SQLite answers
        // with SQLITE_BUSY_SNAPSHOT without waiting: closing must still succeed.
        if (!isBusy(e)) throw e;
      }
    }
  } finally {
    db.close();
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
