import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { fail } from '../context.ts';
import { exportDir, freePath } from '../imports/rejects.ts';
import { XlsxStreamWriter } from '../xlsx/xlsx-writer.ts';
import { appendAudit, iterateAudit, verifyAudit } from './log.ts';

/** The audit log (filtered) as a workbook: one row per entry with its hash, and the chain's verdict on top. */
export async function exportAudit(
  db: Database, dbPath: string, args: { action?: string; text?: string; from?: string; to?: string; path?: string },
): Promise<{ path: string; fileName: string; rows: number }> {
  if (args.path !== undefined && (typeof args.path !== 'string' || !/\.xlsx$/i.test(args.path))) fail(db, 'invalid_input', 'error.exportNotXlsx', { path: args.path });
  const now = new Date();
  let path = args.path;
  if (path === undefined) {
    const dir = exportDir(dbPath);
    mkdirSync(dir, { recursive: true });
    path = freePath(dir, `Log-audit-${now.toISOString().slice(0, 10)}.xlsx`);
  }
  mkdirSync(dirname(path), { recursive: true });
  const verdict = verifyAudit(db);
  const entries = [...iterateAudit(db, args)];
  const book = await XlsxStreamWriter.create(path, { creator: 'Padu', title: 'Log audit Padu' });
  try {
    const sheet = book.addSheet('Log audit', { columns: [{ width: 8 }, { width: 24 }, { width: 16 }, { width: 22 }, { width: 90 }, { width: 66 }], freezeRows: 4 });
    sheet.addRow([{ v: 'Log audit Padu', style: 'title' }]);
    sheet.addRow([{ v: `${verdict.ok ? 'Rantai hash sah' : 'RANTAI HASH RUSAK'}: ${verdict.message} Diekspor ${now.toISOString()}.`, style: 'subtitle' }]);
    sheet.addRow([]);
    sheet.addRow(['No', 'Waktu (UTC)', 'Pengguna', 'Tindakan', 'Rincian', 'Hash SHA-256'].map((v) => ({ v, style: 'header' as const })));
    for (const e of entries) {
      if (sheet.addRow([e.id, { v: e.at, style: 'text' }, { v: e.actor, style: 'text' }, { v: e.action, style: 'text' }, { v: JSON.stringify(e.detail), style: 'wrap' }, { v: e.hash, style: 'text' }])) {
        await book.drain();
      }
    }
    await book.close();
  } catch (e) {
    book.abort();
    rmSync(path, { force: true });
    throw e;
  }
  appendAudit(db, 'audit.export', { file: basename(path), path, rows: entries.length, filter: { action: args.action ?? null, text: args.text ?? null, from: args.from ?? null, to: args.to ?? null } });
  return { path, fileName: basename(path), rows: entries.length };
}
