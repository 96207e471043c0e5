/** `padu import`, `padu batches`, `padu rejects`, `padu crosswalk`: the import pipeline from the command line. */
import { basename, resolve } from 'node:path';
import type { ImportResult, PlanConstants } from '../../shared/contracts/imports.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import { ISSUE_KINDS, type IssueKind } from '../../shared/import/issues.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import type { Warehouse } from '../warehouse/server.ts';
import { CliError, option, requireOption, type ParsedArgs } from './args.ts';

/** Source names as the command line spells them. */
export const CLI_SOURCES: Readonly<Record<string, SourceKind>> = {
  'p3ke-keluarga': 'p3ke_keluarga',
  'p3ke-individu': 'p3ke_individu',
  dtks: 'dtks',
  'dtsen-keluarga': 'dtsen_keluarga',
  'dtsen-individu': 'dtsen_individu',
  'regsosek-keluarga': 'dtsen_keluarga',
  'regsosek-individu': 'dtsen_individu',
  'penerima-program': 'program',
  indikator: 'indicator',
};

type Print = (args: ParsedArgs, json: unknown, text: string) => void;
type Call = <T>(method: string, args: unknown) => Promise<T>;

function caller(wh: Warehouse): Call {
  return async <T>(method: string, args: unknown): Promise<T> => {
    const r = await wh.call(method, args);
    if (!r.ok) throw new CliError(r.error.message);
    return r.value as T;
  };
}

function kindsText(counts: Readonly<Partial<Record<IssueKind, number>>>): string {
  const entries = Object.entries(counts) as [IssueKind, number][];
  if (entries.length === 0) return '  (tidak ada)';
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `  ${formatNumber('id', n).padStart(10)}  ${k} — ${ISSUE_KINDS[k].id.replace(/\{[^}]+\}/g, '…')}`)
    .join('\n');
}

export async function importCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const file = args.positionals[1];
  if (!file) throw new CliError('Pemakaian: padu import --db FILE --source JENIS BERKAS [--sheet NAMA|--all-sheets] [--vintage TEKS] [--program NAMA --year TAHUN] [--json]');
  const sourceName = requireOption(args, 'source');
  const source = CLI_SOURCES[sourceName];
  if (!source) throw new CliError(`Jenis sumber tidak dikenal: ${sourceName}. Pilihan: ${Object.keys(CLI_SOURCES).join(', ')}.`);
  const constants: Record<string, string> = {};
  const program = option(args, 'program');
  const year = option(args, 'year');
  if (program) constants['program'] = program;
  if (year) {
    if (!/^\d{4}$/.test(year)) throw new CliError(`--year harus tahun empat angka, bukan "${year}".`);
    constants['year'] = year;
  }
  const sheet = option(args, 'sheet');
  const path = resolve(file);
  const call = caller(wh);
  const vintage = option(args, 'vintage') ?? null;
  const label = option(args, 'label');
  const result = await call<ImportResult>('imports.commit', {
    file: { path, name: basename(path) },
    source,
    ...(sheet ? { sheets: [sheet] } : {}),
    ...(args.flags.has('all-sheets') ? { allSheets: true } : {}),
    ...(Object.keys(constants).length > 0 ? { constants: constants as PlanConstants } : {}),
    vintage,
    ...(label ? { label } : {}),
    allowDuplicate: args.flags.has('allow-duplicate'),
  });
  const n = (v: number): string => formatNumber('id', v);
  print(
    args,
    { batchId: result.batchId, source: result.source, rowsRead: result.rowsRead, rowsImported: result.rowsImported, rowsRejected: result.rowsRejected, rowsWarned: result.rowsWarned, rowsSkipped: result.rowsSkipped, warnings: result.warnings, rejects: result.rejects, seconds: result.seconds, rowsPerSecond: result.rowsPerSecond },
    [
      `Batch #${result.batchId} (${result.source}) dari ${basename(path)}:`,
      `  ${n(result.rowsRead)} baris dibaca, ${n(result.rowsImported)} dimuat (${n(result.rowsWarned)} dengan peringatan), ${n(result.rowsRejected)} ditolak, ${n(result.rowsSkipped)} baris bukan data dilewati`,
      `  ${result.seconds} detik, ${n(result.rowsPerSecond)} baris/detik`,
      'Ditolak menurut jenis:',
      kindsText(result.rejects),
      'Peringatan dan catatan menurut jenis:',
      kindsText(result.warnings),
    ].join('\n'),
  );
  return 0;
}

export async function batchesCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const list = await caller(wh)<readonly { id: number; label: string; source: string; vintage: string | null; fileName: string | null; fileSha256: string | null; rowsRead: number; rowsLoaded: number; rowsRejected: number; osUser: string | null; createdAt: string; origin: string }[]>('batches.list', {});
  const n = (v: number): string => formatNumber('id', v);
  print(
    args,
    list,
    list.length === 0
      ? '(belum ada batch)'
      : list
          .map((b) => `#${b.id}\t${b.source}\t${b.label}\t${b.vintage ?? '-'}\t${b.fileName ?? '-'}\t${n(b.rowsLoaded)} dimuat, ${n(b.rowsRejected)} ditolak\t${b.createdAt}\t${b.osUser ?? '-'}\t${b.origin}`)
          .join('\n'),
  );
  return 0;
}

export async function rejectsCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const batchId = Number(requireOption(args, 'batch'));
  if (!Number.isInteger(batchId) || batchId < 1) throw new CliError('--batch harus nomor batch.');
  const out = option(args, 'out');
  const r = await caller(wh)<{ path: string; rejected: number; flagged: number; niksMasked: boolean }>('imports.exportRejects', {
    batchId,
    ...(out ? { path: resolve(out) } : {}),
    showFullNik: args.flags.has('full-nik'),
  });
  print(args, r, `${r.path}: ${formatNumber('id', r.rejected)} baris ditolak, ${formatNumber('id', r.flagged)} peringatan${r.niksMasked ? ' (NIK disamarkan)' : ' (NIK LENGKAP — tercatat)'}.`);
  return 0;
}

export async function crosswalkCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const file = args.positionals[1];
  if (!file) throw new CliError('Pemakaian: padu crosswalk --db FILE BERKAS (csv/xlsx dengan kolom Kode BPS dan Kode Kemendagri)');
  const path = resolve(file);
  const r = await caller(wh)<{ rows: number; rejected: number }>('crosswalk.import', { file: { path, name: basename(path) } });
  print(args, r, `Tabel padanan BPS–Kemendagri: ${formatNumber('id', r.rows)} pasangan dimuat, ${formatNumber('id', r.rejected)} baris ditolak.`);
  return 0;
}
