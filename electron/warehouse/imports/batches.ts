/** Batches with their provenance, and deleting a batch with everything derived from it. */
import type { BatchDetail } from '../../../shared/contracts/imports.ts';
import type { IssueKind } from '../../../shared/import/issues.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import type { Database } from '../db/connection.ts';
import { WarehouseError } from '../errors/index.ts';
import { toBatchSummary } from '../system/batches.ts';
import { appendAudit } from '../audit/log.ts';
import { deleteBatchRows, withoutForeignKeys } from './discard.ts';

interface DetailRow {
  id: number;
  source: string;
  label: string;
  vintage: string | null;
  origin: string;
  status: string;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  file_format: string | null;
  reader: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheets: string | null;
  header_row: number | null;
  columns: string | null;
  mapping: string | null;
  profile_id: number | null;
  os_user: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_warned: number;
  rows_skipped: number;
  families: number;
  persons: number;
  seconds: number | null;
  created_at: string;
  completed_at: string | null;
}

const SELECT = `SELECT id, source, label, vintage, origin, status, file_name, file_size, file_sha256, file_format, reader, encoding, delimiter,
  sheets, header_row, columns, mapping, profile_id, os_user, rows_read, rows_loaded, rows_rejected, rows_warned, rows_skipped, families, persons,
  seconds, created_at, completed_at FROM batch`;

function parseList<T>(text: string | null): T[] {
  if (text === null) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function toDetail(r: DetailRow, issues: Partial<Record<IssueKind, number>>): BatchDetail {
  return {
    ...toBatchSummary(r),
    fileSize: r.file_size,
    fileSha256: r.file_sha256,
    fileFormat: r.file_format,
    reader: r.reader,
    encoding: r.encoding,
    delimiter: r.delimiter,
    sheets: parseList<string>(r.sheets),
    headerRow: r.header_row,
    columns: parseList<string>(r.columns),
    mapping: parseList<string | null>(r.mapping),
    profileId: r.profile_id,
    osUser: r.os_user,
    rowsRead: r.rows_read,
    rowsWarned: r.rows_warned,
    rowsSkipped: r.rows_skipped,
    seconds: r.seconds,
    completedAt: r.completed_at,
    issues,
  };
}

function issueCounts(db: Database, batchId: number): Partial<Record<IssueKind, number>> {
  const out: Partial<Record<IssueKind, number>> = {};
  for (const r of db.prepare('SELECT kind, count(*) AS n FROM import_issue WHERE batch_id = ? GROUP BY kind').all(batchId) as { kind: IssueKind; n: number }[]) {
    out[r.kind] = r.n;
  }
  return out;
}

export function listBatchDetails(db: Database): BatchDetail[] {
  const rows = db.prepare(`${SELECT} WHERE status = 'complete' ORDER BY id DESC`).all() as DetailRow[];
  return rows.map((r) => toDetail(r, issueCounts(db, r.id)));
}

export function getBatchDetail(db: Database, id: number): BatchDetail {
  const r = db.prepare(`${SELECT} WHERE id = ? AND status = 'complete'`).get(id) as DetailRow | undefined;
  if (!r) throw new WarehouseError('not_found', `Batch #${id} tidak ditemukan.`, { id });
  return toDetail(r, issueCounts(db, id));
}

export function getBatchSummary(db: Database, id: number): BatchSummary | null {
  const r = db.prepare(`${SELECT} WHERE id = ?`).get(id) as DetailRow | undefined;
  return r ? toBatchSummary(r) : null;
}

/**
 * Delete a batch: its families, persons, recipients, indicator values, issues and rejects, in one
 * transaction, logged. Every dependent row carries the batch id, so each table is cleared by its
 * batch index (`deleteBatchRows`). A batch still loading belongs to a running import, which
 * deletes it itself if it does not complete.
 */
export function deleteBatch(db: Database, id: number): number {
  const b = getBatchSummary(db, id);
  if (!b || b.status === 'loading') throw new WarehouseError('not_found', `Batch #${id} tidak ditemukan.`, { id });
  withoutForeignKeys(db, () => {
    // Coverage links to or from the batch (interventions/coverage.ts) go first: they point at its rows.
    db.prepare('DELETE FROM recipient_link WHERE recipient_id IN (SELECT id FROM program_recipient WHERE batch_id = ?)').run(id);
    db.prepare('DELETE FROM recipient_link WHERE family_batch_id = ?').run(id);
    db.prepare('DELETE FROM recipient_link_state WHERE recipient_batch_id = ? OR family_batch_id = ?').run(id, id);
    // Padu-padan runs over the batch, their links and conflicts; decisions about its records.
    db.prepare('DELETE FROM record_link WHERE run_id IN (SELECT id FROM link_run WHERE a_batch = ? OR b_batch = ?)').run(id, id);
    db.prepare('DELETE FROM link_conflict WHERE run_id IN (SELECT id FROM link_run WHERE a_batch = ? OR b_batch = ?)').run(id, id);
    db.prepare('DELETE FROM link_run WHERE a_batch = ? OR b_batch = ?').run(id, id);
    db.prepare('DELETE FROM link_decision WHERE a_batch = ? OR b_batch = ?').run(id, id);
    deleteBatchRows(db, id);
    appendAudit(db, 'batch.delete', { batchId: id, source: b.source, label: b.label, fileName: b.fileName, rows: b.rowsLoaded });
  });
  return 1;
}
