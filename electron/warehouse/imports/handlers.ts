import type { ImportsContract } from '../../../shared/contracts/imports.ts';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/model/source.ts';
import type { Handlers, WarehouseContext } from '../context.ts';
import { currentLanguage } from '../context.ts';
import { WarehouseError } from '../errors/index.ts';
import { deleteBatch, getBatchDetail, listBatchDetails } from './batches.ts';
import { exportRejects, issuesPage, rejectsPage } from './rejects.ts';
import { cancelImport, commitImport, importCrosswalk, previewImport, type ImportEnv } from './run.ts';

function env(ctx: WarehouseContext): ImportEnv {
  return { db: ctx.db, dbPath: ctx.dbPath, language: currentLanguage(ctx.db), emit: (p) => ctx.emit('import.progress', p) };
}

function positiveInt(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new WarehouseError('invalid_input', `${name} harus berupa bilangan bulat positif.`);
  return v;
}

function checkFile(v: unknown): { path: string; name?: string } {
  const f = v as { path?: unknown; name?: unknown } | null;
  if (!f || typeof f !== 'object' || typeof f.path !== 'string' || f.path === '') throw new WarehouseError('invalid_input', 'Berkas belum dipilih.');
  return typeof f.name === 'string' && f.name !== '' ? { path: f.path, name: f.name } : { path: f.path };
}

function checkSource(v: unknown): SourceKind | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(SOURCE_KINDS as readonly string[]).includes(v)) {
    throw new WarehouseError('invalid_input', `Jenis sumber tidak dikenal: ${typeof v === 'string' ? v : JSON.stringify(v)}. Pilihan: ${SOURCE_KINDS.join(', ')}.`);
  }
  return v as SourceKind;
}

function requireProvince(ctx: WarehouseContext): void {
  const p = ctx.db.prepare("SELECT value FROM setting WHERE key = 'working_province'").pluck().get();
  if (p === undefined) throw new WarehouseError('not_ready', 'Provinsi kerja belum dipilih.');
}

export const importHandlers: Handlers<ImportsContract> = {
  'imports.preview': (ctx, args) => {
    requireProvince(ctx);
    const source = checkSource(args.source);
    return previewImport(env(ctx), { ...args, file: checkFile(args.file), ...(source ? { source } : {}) });
  },
  'imports.commit': async (ctx, args) => {
    requireProvince(ctx);
    if (args.plan !== undefined) checkSource(args.plan.source);
    checkSource(args.source);
    const result = await commitImport(env(ctx), { ...args, file: checkFile(args.file) }, args.expectedRows !== undefined ? { expectedRows: args.expectedRows } : {});
    ctx.emit('data.changed', { scopes: ['batches', 'profiles'] });
    return result;
  },
  'imports.cancel': (_ctx, args) => ({ cancelled: cancelImport(args.jobId) }),
  'batches.list': (ctx) => listBatchDetails(ctx.db),
  'batches.get': (ctx, args) => getBatchDetail(ctx.db, positiveInt(args.id, 'id')),
  'batches.delete': (ctx, args) => {
    const deleted = deleteBatch(ctx.db, positiveInt(args.id, 'id'));
    ctx.emit('data.changed', { scopes: ['batches'] });
    return { deleted };
  },
  'imports.rejects': (ctx, args) => rejectsPage(ctx.db, positiveInt(args.batchId, 'batchId'), currentLanguage(ctx.db), args.afterId ?? 0, args.limit ?? 100),
  'imports.issues': (ctx, args) => issuesPage(ctx.db, { ...args, batchId: positiveInt(args.batchId, 'batchId') }, currentLanguage(ctx.db)),
  'imports.exportRejects': (ctx, args) => exportRejects(ctx.db, ctx.dbPath, { ...args, batchId: positiveInt(args.batchId, 'batchId') }, currentLanguage(ctx.db)),
  'profiles.list': (ctx) =>
    (ctx.db.prepare('SELECT id, name, source, signature, columns, mapping, created_at, used_at, use_count FROM mapping_profile ORDER BY used_at DESC, id DESC').all() as {
      id: number;
      name: string;
      source: SourceKind;
      signature: string;
      columns: string;
      mapping: string;
      created_at: string;
      used_at: string | null;
      use_count: number;
    }[]).map((r) => ({
      id: r.id,
      name: r.name,
      source: r.source,
      signature: r.signature,
      columns: JSON.parse(r.columns) as string[],
      mapping: JSON.parse(r.mapping) as (string | null)[],
      createdAt: r.created_at,
      usedAt: r.used_at,
      useCount: r.use_count,
    })),
  'profiles.delete': (ctx, args) => {
    const n = ctx.db.prepare('DELETE FROM mapping_profile WHERE id = ?').run(positiveInt(args.id, 'id')).changes;
    ctx.emit('data.changed', { scopes: ['profiles'] });
    return { deleted: n };
  },
  'crosswalk.import': async (ctx, args) => {
    const r = await importCrosswalk(env(ctx), checkFile(args.file));
    ctx.emit('data.changed', { scopes: ['crosswalk'] });
    return { rows: r.rows, rejected: r.rejected, fileName: r.fileName, importedAt: r.importedAt };
  },
  'crosswalk.info': (ctx) => {
    const r = ctx.db.prepare('SELECT count(*) AS rows, max(file_name) AS fileName, max(imported_at) AS importedAt FROM bps_crosswalk').get() as {
      rows: number;
      fileName: string | null;
      importedAt: string | null;
    };
    return { rows: r.rows, fileName: r.fileName, importedAt: r.importedAt };
  },
};
