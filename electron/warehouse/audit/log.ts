import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditPage, AuditQuery, AuditVerification } from '../../../shared/contracts/audit.ts';
import { message } from '../context.ts';
import { all, get, join, sql, type SqlFragment } from '../db/sql.ts';
import { AUDIT_GENESIS, auditHash } from './chain.ts';

/**
 * The append-only audit log (PDP law, issue 6): imports and batch deletions, list finalisation and
 * new versions, every export (who, when, what, rows, masked or full, file name and SHA-256), every
 * unmasked view of a family. Entries are chained by hash; `verifyAudit` walks the chain and names
 * the first entry that no longer fits, which is how a tampered or deleted entry shows.
 */

/** Who is working: the operating-system user (the app has no accounts of its own). */
export function currentActor(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? '';
  }
}

/** Append one entry (inside the caller's transaction when there is one). Returns its id. */
export function appendAudit(db: Database, action: string, detail: Readonly<Record<string, unknown>>, at = new Date()): number {
  const write = db.transaction((): number => {
    const last = get<{ id: number; hash: string }>(db, sql`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`);
    const id = (last?.id ?? 0) + 1;
    const prev = last?.hash ?? AUDIT_GENESIS;
    const iso = at.toISOString();
    const actor = currentActor();
    const text = JSON.stringify(detail);
    const hash = auditHash(prev, id, iso, actor, action, text);
    db.prepare('INSERT INTO audit_log (id, at, action, detail, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, iso, action, text, actor, prev, hash);
    return id;
  });
  return db.inTransaction ? write() : write.immediate();
}

/** Walk the whole chain. */
export function verifyAudit(db: Database): AuditVerification {
  const stmt = db.prepare('SELECT id, at, action, detail, actor, prev_hash, hash FROM audit_log ORDER BY id');
  let prev = AUDIT_GENESIS;
  let expectedId = 1;
  let entries = 0;
  for (const r of stmt.iterate() as IterableIterator<{ id: number; at: string; action: string; detail: string; actor: string; prev_hash: string; hash: string }>) {
    entries++;
    if (r.id !== expectedId) {
      return { ok: false, entries, brokenAt: r.id, problem: 'gap', message: message(db, 'audit.gap', { from: expectedId, to: r.id > expectedId + 1 ? `–#${r.id - 1}` : '' }) };
    }
    if (r.prev_hash !== prev) {
      return { ok: false, entries, brokenAt: r.id, problem: 'link', message: message(db, 'audit.link', { id: r.id }) };
    }
    if (auditHash(prev, r.id, r.at, r.actor, r.action, r.detail) !== r.hash) {
      return { ok: false, entries, brokenAt: r.id, problem: 'content', message: message(db, 'audit.content', { id: r.id }) };
    }
    prev = r.hash;
    expectedId++;
  }
  return { ok: true, entries, brokenAt: null, problem: null, message: message(db, 'audit.ok', { n: entries }) };
}

function where(q: AuditQuery): SqlFragment {
  const parts: SqlFragment[] = [sql`1 = 1`];
  if (q.action) parts.push(sql`(action = ${q.action} OR action LIKE ${`${q.action}.%`})`);
  if (q.from) parts.push(sql`at >= ${q.from}`);
  if (q.to) parts.push(sql`at < ${nextDay(q.to)}`);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(detail LIKE ${like} ESCAPE '\\' OR actor LIKE ${like} ESCAPE '\\' OR action LIKE ${like} ESCAPE '\\')`);
  }
  return join(parts, ' AND ');
}

function nextDay(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

interface Row { id: number; at: string; action: string; detail: string; actor: string; hash: string }

function entry(r: Row): AuditEntry {
  let detail: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(r.detail);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) detail = v as Record<string, unknown>;
  } catch {
    detail = { text: r.detail };
  }
  return { id: r.id, at: r.at, action: r.action, actor: r.actor, detail, hash: r.hash };
}

/** Newest first, filtered, a page at a time (keyset on id). */
export function listAudit(db: Database, q: AuditQuery): AuditPage {
  const w = where(q);
  const count = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE ${w}`)?.n ?? 0;
  const limit = Math.max(0, Math.min(1000, q.endRow - q.startRow));
  const rows = all<Row>(db, sql`SELECT id, at, action, detail, actor, hash FROM audit_log WHERE ${w} ORDER BY id DESC LIMIT ${limit} OFFSET ${Math.max(0, q.startRow)}`);
  const actions = all<{ action: string }>(db, sql`SELECT DISTINCT action FROM audit_log ORDER BY action`).map((r) => r.action);
  return { count, rows: rows.map(entry), actions };
}

/** Every entry matching, oldest first (for the export). */
export function* iterateAudit(db: Database, q: Omit<AuditQuery, 'startRow' | 'endRow'>): Generator<AuditEntry> {
  const w = where({ ...q, startRow: 0, endRow: 0 });
  const stmt = db.prepare(`SELECT id, at, action, detail, actor, hash FROM audit_log WHERE ${w.text} ORDER BY id`);
  for (const r of stmt.iterate(...w.values) as IterableIterator<Row>) yield entry(r);
}

/** SHA-256 of an exported file, for its audit entry. */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}
