/**
 * A padu-padan result as an .xlsx for the workshop table or an OPD: the per-region counts of the
 * run (in both, only in A, only in B, review, conflicts) with the planners' questions, and — when a
 * count was chosen — every record behind it (NIK and No KK masked, text neutralised so no name
 * becomes a formula). Every export is logged with the file's SHA-256.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { LinkBucket } from '../../../shared/contracts/linkage.ts';
import { formatDate } from '../../../shared/i18n/format.ts';
import { appendAudit, fileSha256 } from '../audit/log.ts';
import { currentLanguage, fail, type WarehouseContext } from '../context.ts';
import { get, sql } from '../db/sql.ts';
import { exportDir, freePath } from '../imports/rejects.ts';
import { neutralize } from '../interventions/export.ts';
import { XlsxStreamWriter, type CellValue } from '../xlsx/xlsx-writer.ts';
import { bucketRecords, linkSummary } from './results.ts';

const METHOD = 'linkage.export';
const BUCKETS: readonly LinkBucket[] = ['both', 'onlyA', 'onlyB', 'review', 'conflicts', 'a_desil1_not_in_b', 'b_not_in_a', 'desil_differs'];

const WORDS = {
  id: {
    sheetSummary: 'Ringkasan',
    sheetRecords: 'Rekaman',
    title: (a: string, b: string) => `Padu-padan ${a} ↔ ${b}`,
    region: 'Wilayah',
    run: 'Dijalankan',
    thresholds: 'Ambang: tertaut otomatis pada skor ≥ {accept}, ditinjau pada skor ≥ {review}',
    made: 'Dibuat',
    cols: ['Kode', 'Wilayah', 'Rekaman A', 'Rekaman B', 'Di keduanya', 'Hanya di A', 'Hanya di B', 'Perlu ditinjau', 'Konflik'],
    total: 'Jumlah',
    questions: 'Pertanyaan perencana',
    count: 'Jumlah',
    bucket: {
      both: 'Di keduanya', onlyA: 'Hanya di A', onlyB: 'Hanya di B', review: 'Perlu ditinjau', conflicts: 'Konflik (satu NIK dua orang, atau satu orang dua keluarga)',
      a_desil1_not_in_b: 'Keluarga desil 1 A yang tidak ada di B', b_not_in_a: 'Keluarga B yang tidak ada di A', desil_differs: 'Desil berbeda',
    } as Record<LinkBucket, string>,
    recordCols: ['No', 'Kecamatan', 'Desa/Kelurahan', 'ID sumber', 'Nama', 'NIK', 'No KK', 'Tanggal lahir', 'Desil', 'Tertaut dengan', 'Metode', 'Skor'],
    masked: 'NIK dan No KK disamarkan (UU 27/2022 tentang Pelindungan Data Pribadi).',
    methods: { nik: 'NIK sama', kk_name: 'No KK + nama', desa_lahir: 'Desa + tahun lahir', kecamatan_lahir: 'Kecamatan + tanggal lahir', manual: 'Diterima peninjau' },
  },
  en: {
    sheetSummary: 'Summary',
    sheetRecords: 'Records',
    title: (a: string, b: string) => `Record linkage ${a} ↔ ${b}`,
    region: 'Region',
    run: 'Run at',
    thresholds: 'Thresholds: linked automatically at score ≥ {accept}, reviewed at score ≥ {review}',
    made: 'Made',
    cols: ['Code', 'Region', 'Records A', 'Records B', 'In both', 'Only in A', 'Only in B', 'Awaiting review', 'Conflicts'],
    total: 'Total',
    questions: 'Planners\' questions',
    count: 'Count',
    bucket: {
      both: 'In both', onlyA: 'Only in A', onlyB: 'Only in B', review: 'Awaiting review', conflicts: 'Conflicts (one NIK two people, or one person two families)',
      a_desil1_not_in_b: 'Desil-1 families of A not in B', b_not_in_a: 'Families of B not in A', desil_differs: 'Desil differs',
    } as Record<LinkBucket, string>,
    recordCols: ['No', 'Kecamatan', 'Village', 'Source id', 'Name', 'NIK', 'No KK', 'Birth date', 'Desil', 'Linked to', 'Method', 'Score'],
    masked: 'NIK and No KK masked (Law 27/2022 on Personal Data Protection).',
    methods: { nik: 'Same NIK', kk_name: 'No KK + name', desa_lahir: 'Village + birth year', kecamatan_lahir: 'Kecamatan + birth date', manual: 'Accepted by a reviewer' },
  },
} as const;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export async function exportLinkage(
  ctx: WarehouseContext,
  args: { readonly runId: number; readonly region?: string; readonly bucket?: LinkBucket; readonly path?: string },
): Promise<{ path: string; fileName: string; records: number }> {
  const { db, dbPath } = ctx;
  if (args.bucket !== undefined && !BUCKETS.includes(args.bucket)) fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'bucket' });
  if (args.path !== undefined && !/\.xlsx$/i.test(args.path)) fail(db, 'invalid_input', 'error.exportNotXlsx', { path: args.path });
  const summary = linkSummary(db, { runId: args.runId, ...(args.region ? { region: args.region } : {}) });
  const lang = currentLanguage(db);
  const w = WORDS[lang];
  const now = new Date();
  const run = summary.run;
  let path: string;
  if (args.path !== undefined) path = args.path;
  else {
    const dir = exportDir(dbPath);
    mkdirSync(dir, { recursive: true });
    const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
    path = freePath(dir, `padu-padan-${run.a.id}-${run.b.id}-${summary.region.code.replace(/\./g, '')}${args.bucket ? `-${args.bucket}` : ''}-${stamp}.xlsx`);
  }
  mkdirSync(dirname(path), { recursive: true });
  const title = w.title(`${run.a.label} (#${run.a.id})`, `${run.b.label} (#${run.b.id})`);
  const params = JSON.parse(get<{ params: string }>(db, sql`SELECT params FROM link_run WHERE id = ${run.runId}`)?.params ?? '{}') as { acceptScore?: number; reviewScore?: number };
  const book = await XlsxStreamWriter.create(path, { creator: 'Padu', title, created: { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() } });
  let records = 0;
  try {
    const s = book.addSheet(w.sheetSummary, { columns: [{ width: 16 }, { width: 34 }, ...Array.from({ length: 7 }, () => ({ width: 14 }))] });
    s.addRow([{ v: neutralize(title), style: 'heading' }]);
    s.addRow([`${w.region}: ${summary.region.name} (${summary.region.code})`]);
    s.addRow([`${w.run}: ${formatDate(lang, run.startedAt, true)}`]);
    s.addRow([w.thresholds.replace('{accept}', String(params.acceptScore ?? '—')).replace('{review}', String(params.reviewScore ?? '—'))]);
    s.addRow([`${w.made}: ${formatDate(lang, now.toISOString(), true)}`]);
    s.addRow([]);
    s.addRow(w.cols.map((v): CellValue => ({ v, style: 'header' })));
    const line = (r: typeof summary.total, strong: boolean): CellValue[] => {
      const n = strong ? 'integerBold' : 'integer';
      return [{ v: r.code, style: strong ? 'bold' : 'text' }, { v: neutralize(r.name), style: strong ? 'bold' : 'text' },
        ...[r.a, r.b, r.both, r.onlyA, r.onlyB, r.review, r.conflicts].map((v): CellValue => ({ v, style: n }))];
    };
    for (const r of summary.rows) s.addRow(line(r, false));
    s.addRow(line({ ...summary.total, name: `${w.total} ${summary.total.name}` }, true));
    s.addRow([]);
    s.addRow([{ v: w.questions, style: 'bold' }]);
    for (const q of summary.questions) s.addRow([null, neutralize(q.label), { v: q.count, style: 'integer' }]);

    if (args.bucket) {
      const r = book.addSheet(w.sheetRecords, { columns: [6, 20, 22, 20, 30, 20, 20, 12, 7, 30, 16, 8].map((width) => ({ width })), freezeRows: 4 });
      r.addRow([{ v: `${neutralize(title)} — ${w.bucket[args.bucket]}`, style: 'heading' }]);
      r.addRow([`${w.region}: ${summary.region.name} (${summary.region.code})`]);
      r.addRow([w.masked]);
      r.addRow(w.recordCols.map((v): CellValue => ({ v, style: 'header' })));
      const t = (v: string | null): CellValue => ({ v: v === null ? null : neutralize(v), style: 'text' });
      for (const x of bucketRecords(db, { runId: run.runId, ...(args.region ? { region: args.region } : {}), bucket: args.bucket })) {
        records++;
        const row: CellValue[] = [records, t(x.kecamatan), t(x.desa), t(x.sourceId), t(x.name), t(x.nik), t(x.kk), t(x.birth), x.desil,
          t(x.other?.name ?? null), t(x.other ? (w.methods[x.other.method as keyof typeof w.methods] ?? x.other.method) : null), x.other ? { v: x.other.score, style: 'decimal' } : null];
        if (r.addRow(row)) await book.drain();
      }
    }
    await book.close();
  } catch (e) {
    book.abort();
    rmSync(path, { force: true });
    throw e;
  }
  appendAudit(db, METHOD, {
    path, file: basename(path), runId: run.runId, region: summary.region.code, bucket: args.bucket ?? null, records, masked: true, sha256: await fileSha256(path),
  }, now);
  return { path, fileName: basename(path), records };
}
