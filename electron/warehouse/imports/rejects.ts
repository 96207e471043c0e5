/**
 * A batch's rejected rows and issues: pages for the grids, and an .xlsx for the office that sent
 * the file (rejected rows with their original cells and reasons; flagged rows with the column, the
 * original value and the message). NIK and No KK are masked unless the planner asks otherwise,
 * and every export is written to the audit log.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportResult, IssuesPage, RejectsPage } from '../../../shared/contracts/imports.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import type { IssueKind, IssueParams, Severity } from '../../../shared/import/issues.ts';
import { ISSUE_KINDS, issueMessage } from '../../../shared/import/issues.ts';
import { templateFor } from '../../../shared/import/templates/index.ts';
import { maskNik, maskNiksInText } from '../../../shared/model/nik.ts';
import type { Database } from '../db/connection.ts';
import { XlsxStreamWriter } from '../xlsx/xlsx-writer.ts';
import { getBatchDetail } from './batches.ts';
import { appendAudit, fileSha256 } from '../audit/log.ts';

type StoredIssue = [number, IssueKind, string | null, IssueParams | null];

function reasonsText(reasons: string, columns: readonly string[], lang: Language): string {
  let list: StoredIssue[];
  try {
    list = JSON.parse(reasons) as StoredIssue[];
  } catch {
    return reasons;
  }
  return list
    .map(([col, kind, value, params]) => issueMessage({ kind, column: col >= 0 ? (columns[col] ?? null) : null, value, ...(params ? { params } : {}) }, lang))
    .join(' ');
}

export function rejectsPage(db: Database, batchId: number, lang: Language, afterId = 0, limit = 100): RejectsPage {
  const b = getBatchDetail(db, batchId);
  const rows = db
    .prepare('SELECT id, sheet, row_no, cells, reasons FROM import_reject WHERE batch_id = ? AND id > ? ORDER BY id LIMIT ?')
    .all(batchId, afterId, Math.min(Math.max(1, limit), 5000)) as { id: number; sheet: string | null; row_no: number; cells: string; reasons: string }[];
  const total = db.prepare('SELECT count(*) FROM import_reject WHERE batch_id = ?').pluck().get(batchId) as number;
  return {
    columns: b.columns,
    total,
    rows: rows.map((r) => ({ id: r.id, sheet: r.sheet ?? '', row: r.row_no, cells: JSON.parse(r.cells) as string[], reasons: reasonsText(r.reasons, b.columns, lang) })),
  };
}

interface IssueRow {
  id: number;
  sheet: string | null;
  row_no: number;
  column_name: string | null;
  kind: IssueKind;
  severity: Severity;
  value: string | null;
  params: string | null;
}

function issueView(r: IssueRow, lang: Language): IssuesPage['rows'][number] {
  const params = r.params === null ? undefined : (JSON.parse(r.params) as IssueParams);
  const sheet = r.sheet ?? '';
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    sheet,
    row: r.row_no,
    column: r.column_name,
    value: r.value,
    message: issueMessage({ kind: r.kind, column: r.column_name, value: r.value, ...(params ? { params } : {}), sheet }, lang),
  };
}

export function issuesPage(
  db: Database,
  args: { batchId: number; kind?: IssueKind; severity?: Severity; afterId?: number; limit?: number },
  lang: Language,
): IssuesPage {
  getBatchDetail(db, args.batchId);
  const kind = args.kind ?? null;
  const severity = args.severity ?? null;
  const where = 'batch_id = ? AND (? IS NULL OR kind = ?) AND (? IS NULL OR severity = ?)';
  const params = [args.batchId, kind, kind, severity, severity];
  const rows = db
    .prepare(`SELECT id, sheet, row_no, column_name, kind, severity, value, params FROM import_issue WHERE ${where} AND id > ? ORDER BY id LIMIT ?`)
    .all(...params, args.afterId ?? 0, Math.min(Math.max(1, args.limit ?? 100), 5000)) as IssueRow[];
  const total = db.prepare(`SELECT count(*) FROM import_issue WHERE ${where}`).pluck().get(...params) as number;
  return { total, rows: rows.map((r) => issueView(r, lang)) };
}

const WORDS = {
  id: {
    rejected: 'Ditolak',
    flagged: 'Peringatan',
    about: 'Keterangan',
    sheet: 'Lembar',
    row: 'Baris',
    column: 'Kolom',
    kind: 'Jenis',
    severity: 'Tingkat',
    value: 'Isian asli',
    message: 'Pesan',
    reasons: 'Alasan penolakan',
    title: 'Baris ditolak dan ditandai',
    batch: 'Batch',
    file: 'Berkas',
    source: 'Sumber',
    created: 'Diimpor',
    counts: 'Baris dibaca / dimuat / ditolak / ditandai',
    masked: 'NIK dan No KK disamarkan (UU PDP). Nomor lengkap hanya dapat diekspor atas pilihan yang dicatat.',
    full: 'PERHATIAN: berkas ini memuat NIK dan No KK lengkap. Ekspor ini dicatat.',
    severities: { error: 'Galat', warning: 'Peringatan', info: 'Catatan' },
  },
  en: {
    rejected: 'Rejected',
    flagged: 'Flagged',
    about: 'About',
    sheet: 'Sheet',
    row: 'Row',
    column: 'Column',
    kind: 'Kind',
    severity: 'Severity',
    value: 'Original value',
    message: 'Message',
    reasons: 'Reasons',
    title: 'Rejected and flagged rows',
    batch: 'Batch',
    file: 'File',
    source: 'Source',
    created: 'Imported',
    counts: 'Rows read / loaded / rejected / flagged',
    masked: 'NIK and family card numbers are masked (PDP law). Full numbers are exported only by a logged choice.',
    full: 'WARNING: this file holds full NIK and family card numbers. This export is logged.',
    severities: { error: 'Error', warning: 'Warning', info: 'Note' },
  },
} as const;

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'batch';
}

/** Where exports go by default: `ekspor/` beside the warehouse file. */
export function exportDir(dbPath: string): string {
  return join(dirname(dbPath), 'ekspor');
}

/** `dir/name.ext`, or `name-2.ext`, `name-3.ext` … when taken: an export never overwrites another. */
export function freePath(dir: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  let candidate = join(dir, fileName);
  for (let n = 2; existsSync(candidate); n++) candidate = join(dir, `${stem}-${n}${ext}`);
  return candidate;
}

export async function exportRejects(
  db: Database,
  dbPath: string,
  args: { batchId: number; path?: string; showFullNik?: boolean },
  lang: Language,
): Promise<ExportResult> {
  const b = getBatchDetail(db, args.batchId);
  const w = WORDS[lang];
  const mask = args.showFullNik !== true;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const fileName = `penolakan-${b.id}-${safeName((b.fileName ?? b.label).replace(/\.[A-Za-z0-9]{1,5}$/, ''))}-${stamp}.xlsx`;
  const path = args.path ?? join(exportDir(dbPath), fileName);
  mkdirSync(dirname(path), { recursive: true });
  // Columns holding NIK or No KK (by the batch's mapping) are masked cell by cell; other texts
  // (messages, values in issues) have any 15–16 digit run masked.
  const template = templateFor(b.source);
  const idColumns = new Set<number>();
  b.mapping.forEach((key, i) => {
    const f = key === null ? undefined : template.fields.find((x) => x.key === key);
    if (f && (f.kind === 'nik' || f.kind === 'kk')) idColumns.add(i);
  });
  const text = (s: string | null): string | null => (s === null || !mask ? s : maskNiksInText(s));
  const cellOf = (s: string, col: number): string => (!mask ? s : idColumns.has(col) ? (s.trim() === '' ? s : maskNik(s.trim())) : maskNiksInText(s));

  const book = await XlsxStreamWriter.create(path, { creator: 'Padu', title: w.title, created: ymd(new Date()) });
  // About sheet: what this file is.
  const about = book.addSheet(w.about, { columns: [{ width: 34 }, { width: 80 }] });
  about.addRow([{ v: w.title, style: 'title' }]);
  about.addRow([]);
  about.addRow([{ v: w.batch, style: 'bold' }, `#${b.id} ${b.label}`]);
  about.addRow([{ v: w.file, style: 'bold' }, b.fileName ?? '']);
  about.addRow([{ v: w.source, style: 'bold' }, template[lang === 'en' ? 'en' : 'id']]);
  about.addRow([{ v: w.created, style: 'bold' }, b.createdAt]);
  about.addRow([{ v: w.counts, style: 'bold' }, `${b.rowsRead} / ${b.rowsLoaded} / ${b.rowsRejected} / ${b.rowsWarned}`]);
  about.addRow([]);
  about.addRow([mask ? w.masked : w.full]);

  // Rejected rows.
  const rejected = book.addSheet(w.rejected, { freezeRows: 1, columns: [{ width: 12 }, { width: 8 }, ...b.columns.map(() => ({ width: 18 })), { width: 80 }] });
  rejected.addRow([w.sheet, w.row, ...b.columns, w.reasons].map((h) => ({ v: h, style: 'header' as const })));
  let rejectedCount = 0;
  const rejectStmt = db.prepare('SELECT id, sheet, row_no, cells, reasons FROM import_reject WHERE batch_id = ? AND id > ? ORDER BY id LIMIT 5000');
  for (let after = 0; ; ) {
    const page = rejectStmt.all(b.id, after) as { id: number; sheet: string | null; row_no: number; cells: string; reasons: string }[];
    if (page.length === 0) break;
    for (const r of page) {
      const cells = (JSON.parse(r.cells) as string[]).map((c, i) => ({ v: cellOf(c, i), style: 'text' as const }));
      if (rejected.addRow([r.sheet ?? '', r.row_no, ...cells, text(reasonsText(r.reasons, b.columns, lang))])) await book.drain();
      rejectedCount++;
      after = r.id;
    }
  }

  // Flagged rows: every warning (notes left out; they change nothing).
  const flagged = book.addSheet(w.flagged, { freezeRows: 1, columns: [{ width: 12 }, { width: 8 }, { width: 24 }, { width: 22 }, { width: 11 }, { width: 24 }, { width: 90 }] });
  flagged.addRow([w.sheet, w.row, w.column, w.kind, w.severity, w.value, w.message].map((h) => ({ v: h, style: 'header' as const })));
  let flaggedCount = 0;
  const issueStmt = db.prepare(
    "SELECT id, sheet, row_no, column_name, kind, severity, value, params FROM import_issue WHERE batch_id = ? AND severity = 'warning' AND id > ? ORDER BY id LIMIT 5000",
  );
  for (let after = 0; ; ) {
    const page = issueStmt.all(b.id, after) as IssueRow[];
    if (page.length === 0) break;
    for (const r of page) {
      const v = issueView(r, lang);
      const severityWord = w.severities[ISSUE_KINDS[r.kind].severity];
      const value = r.value === null ? null : mask && r.column_name !== null && b.columns.indexOf(r.column_name) >= 0 && idColumns.has(b.columns.indexOf(r.column_name)) ? maskNik(r.value) : text(r.value);
      if (flagged.addRow([v.sheet, v.row, v.column ?? '', r.kind, severityWord, { v: value, style: 'text' }, text(v.message)])) await book.drain();
      flaggedCount++;
      after = r.id;
    }
  }
  await book.close();
  appendAudit(db, 'export.rejects', { batchId: b.id, path, rejected: rejectedCount, flagged: flaggedCount, niksMasked: mask, sha256: await fileSha256(path) });
  return { path, fileName: path.split(/[\\/]/).pop() ?? fileName, rejected: rejectedCount, flagged: flaggedCount, niksMasked: mask };
}

function ymd(d: Date): { y: number; m: number; d: number } {
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}
