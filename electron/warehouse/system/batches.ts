import type { Database } from 'better-sqlite3';
import type { BatchOrigin, BatchStatus, BatchSummary, SourceKind } from '../../../shared/model/source.ts';
import { all, get, sql } from '../db/sql.ts';

interface BatchRow {
  id: number;
  source: string;
  label: string;
  vintage: string | null;
  origin: string;
  status: string;
  file_name: string | null;
  rows_loaded: number;
  rows_rejected: number;
  families: number;
  persons: number;
  created_at: string;
}

export function toBatchSummary(r: BatchRow): BatchSummary {
  return {
    id: r.id,
    source: r.source as SourceKind,
    label: r.label,
    vintage: r.vintage,
    origin: r.origin as BatchOrigin,
    status: r.status as BatchStatus,
    fileName: r.file_name,
    rowsLoaded: r.rows_loaded,
    rowsRejected: r.rows_rejected,
    families: r.families,
    persons: r.persons,
    createdAt: r.created_at,
  };
}

const BATCH_COLUMNS = sql`id, source, label, vintage, origin, status, file_name, rows_loaded, rows_rejected, families, persons, created_at`;

/** Complete batches, newest first within each source. */
export function listBatches(db: Database): BatchSummary[] {
  return all<BatchRow>(db, sql`SELECT ${BATCH_COLUMNS} FROM batch WHERE status = 'complete' ORDER BY source, id DESC`).map(toBatchSummary);
}

/** One batch (any status), or null. */
export function batchById(db: Database, id: number): BatchSummary | null {
  const r = get<BatchRow>(db, sql`SELECT ${BATCH_COLUMNS} FROM batch WHERE id = ${id}`);
  return r ? toBatchSummary(r) : null;
}
