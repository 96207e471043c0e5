/**
 * Batches that never completed. An import commits its rows in slices under a batch row whose
 * status is `loading` (writer-worker.ts): every reader of the warehouse looks only at `complete`
 * batches, so those rows are invisible until the last slice marks the batch complete. A cancelled
 * or failed import deletes them again; one whose process died (a crash, a power cut, a killed
 * worker) is deleted here the next time the warehouse opens. Either way the warehouse holds what
 * it held before the import began.
 */
import type { Database } from 'better-sqlite3';
import { hostname } from 'node:os';

/** Tables whose rows belong to a batch (batch_id), children before parents. */
export const BATCH_TABLES = ['import_issue', 'import_reject', 'person', 'family', 'program_recipient', 'indicator_value'] as const;

/** Who is writing a loading batch: `host pid`. */
export function loaderTag(pid = process.pid): string {
  return `${hostname()} ${pid}`;
}

/**
 * Delete a batch's rows and the batch row, inside the caller's transaction. Foreign keys must be
 * off on the connection: checking `person.family_id` row by row would scan the person table once
 * per family.
 */
export function deleteBatchRows(db: Database, id: number): void {
  for (const t of BATCH_TABLES) db.prepare(`DELETE FROM ${t} WHERE batch_id = ?`).run(id);
  db.prepare('DELETE FROM batch WHERE id = ?').run(id);
}

/** Run `f` in one transaction with foreign-key checks paused on this connection. */
export function withoutForeignKeys<T>(db: Database, f: () => T): T {
  const was = db.pragma('foreign_keys', { simple: true }) === 1;
  if (was) db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(f)();
  } finally {
    if (was) db.pragma('foreign_keys = ON');
  }
}

/** Delete a batch still `loading` (a cancelled or failed import); a complete one is left alone. */
export function discardLoadingBatch(db: Database, id: number): boolean {
  return withoutForeignKeys(db, () => {
    const status = db.prepare('SELECT status FROM batch WHERE id = ?').pluck().get(id) as string | undefined;
    if (status !== 'loading') return false;
    deleteBatchRows(db, id);
    return true;
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Delete loading batches whose writing process is gone. A batch being written by another process
 * on this machine (the command line while the app is open) is left alone, and so is one written
 * from another computer (a warehouse on a shared folder): that process may still be at work.
 * Returns the ids deleted.
 */
export function discardAbandonedImports(db: Database): number[] {
  const rows = db.prepare("SELECT id, loader FROM batch WHERE status = 'loading'").all() as { id: number; loader: string | null }[];
  const here = hostname();
  const gone: number[] = [];
  for (const r of rows) {
    const m = r.loader === null ? null : /^(.*) (\d+)$/.exec(r.loader);
    // A loading batch without a loader predates slices; nothing can still be writing it.
    const abandoned = m === null || (m[1] === here && !alive(Number(m[2])));
    if (abandoned && discardLoadingBatch(db, r.id)) gone.push(r.id);
  }
  return gone;
}
