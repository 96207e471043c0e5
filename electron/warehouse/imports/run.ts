/**
 * Runs an import from the warehouse thread: the reader worker (untrusted bytes, limits, killable)
 * and, for a commit, the writer worker (own connection, one transaction), wired by a
 * MessageChannel. Progress goes out as `import.progress` events; a job can be cancelled by id.
 */
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { CommitArgs, ImportFile, ImportPreview, ImportResult, PreviewArgs } from '../../../shared/contracts/imports.ts';
import type { ImportProgress } from '../../../shared/contracts/events.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { ISSUE_KINDS, issueMessage, type IssueKind } from '../../../shared/import/issues.ts';
import { templateFor } from '../../../shared/import/templates/index.ts';
import { localToday } from '../../../shared/import/normalize-date.ts';
import { columnLetter } from '../../../shared/model/spreadsheet.ts';
import type { Database } from '../db/connection.ts';
import { WarehouseError } from '../errors/index.ts';
import { startWorkerJob, WorkerJobError, type WorkerJob } from '../jobs/worker-job.ts';
import type { CrosswalkRead, ProfileHint, ReaderHead, ReaderInput, ReaderProgress, ReaderResult } from './reader-worker.ts';
import { findBatchBySha, loadCrosswalk, loadProfiles, provinceRegions, saveProfile } from './store.ts';
import type { WriterInbound, WriterInput, WriterOutbound } from './writer-protocol.ts';
import { getBatchSummary } from './batches.ts';
import { discardLoadingBatch } from './discard.ts';
import { detectFormat } from './readers/detect-format.ts';
import { missingLabels } from './plan.ts';
import { appendAudit } from '../audit/log.ts';
import { linkAfterImport } from '../interventions/coverage.ts';

let workerDir: string | null = null;

/** The bundled app tells where the worker bundles are (next to its entry); sources run as .ts. */
export function setImportWorkerDir(dir: string): void {
  workerDir = dir;
}

function workerEntry(name: 'reader' | 'writer'): URL | string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL(`./${name}-worker.ts`, here);
  return join(workerDir ?? dirname(fileURLToPath(here)), `import-${name}.js`);
}

export interface ImportEnv {
  readonly db: Database;
  readonly dbPath: string;
  readonly language: Language;
  readonly emit: (p: ImportProgress) => void;
}

export interface ImportLimits {
  readonly timeoutMs?: number;
  readonly maxOldGenerationMb?: number;
  readonly maxFileBytes?: number;
}

/**
 * The reader's heap: enough for the largest files measured (a province's individu file) with the
 * duplicate tables off-heap, small enough that the collector keeps the process lean. A 48 MB young
 * generation held ~15–40 MB more at 1.2 M families than 32 MB, for no speed measurable on a
 * shared machine.
 */
const READER_HEAP = { maxOldGenerationMb: 192, maxYoungGenerationMb: 32 } as const;

/**
 * Legacy `.xls` is only readable by SheetJS, which holds the whole workbook in memory (~1.1 GB for
 * a full 65,000-row sheet of 35 columns, measured): such files get a larger heap, still capped.
 */
const SHEETJS_HEAP_MB = 1600;

function readerLimits(limits: ImportLimits, path?: string): { timeoutMs?: number; maxOldGenerationMb: number; maxYoungGenerationMb: number } {
  let heap: number = READER_HEAP.maxOldGenerationMb;
  if (path !== undefined) {
    try {
      if (detectFormat(path).format === 'xls') heap = SHEETJS_HEAP_MB;
    } catch {
      // Empty, PDF, unreadable: the reader reports it with its own message.
    }
  }
  return {
    ...(limits.timeoutMs !== undefined ? { timeoutMs: limits.timeoutMs } : {}),
    maxOldGenerationMb: limits.maxOldGenerationMb ?? heap,
    maxYoungGenerationMb: READER_HEAP.maxYoungGenerationMb,
  };
}

interface RunningJob {
  cancel(): void;
}

const JOBS = new Map<string, RunningJob>();
let jobCounter = 0;

export function cancelImport(jobId: string): boolean {
  const job = JOBS.get(jobId);
  if (!job) return false;
  job.cancel();
  return true;
}

function newJobId(given: string | undefined): string {
  if (given !== undefined && given !== '') {
    if (JOBS.has(given)) throw new WarehouseError('conflict', 'Pekerjaan impor dengan id ini sedang berjalan.');
    return given;
  }
  jobCounter++;
  return `import-${Date.now().toString(36)}-${jobCounter}`;
}

function readerInput(env: ImportEnv, file: ImportFile, mode: ReaderInput['mode'], extra: Partial<ReaderInput>, limits: ImportLimits): ReaderInput {
  const profiles: ProfileHint[] = loadProfiles(env.db);
  const province = provinceOf(env.db);
  return {
    mode,
    path: file.path,
    fileName: file.name ?? basename(file.path),
    profiles,
    regions: provinceRegions(env.db, province),
    crosswalk: loadCrosswalk(env.db),
    province,
    today: localToday(),
    ...(limits.maxFileBytes !== undefined ? { maxFileBytes: limits.maxFileBytes } : {}),
    ...extra,
  };
}

/** Rows per slice: the caller's, or `PADU_SLICE_ROWS` (tests of a process killed between slices, tuning). */
function sliceOption(options: CommitOptions): { sliceRows?: number } {
  const env = Number(process.env['PADU_SLICE_ROWS']);
  const rows = options.sliceRows ?? (Number.isInteger(env) && env > 0 ? env : undefined);
  return rows === undefined ? {} : { sliceRows: rows };
}

function provinceOf(db: Database): string | null {
  const row = db.prepare("SELECT value FROM setting WHERE key = 'working_province'").get() as { value: string } | undefined;
  return row?.value ?? null;
}

/** A reader failure as a WarehouseError with the reader's own (Bahasa Indonesia) message. */
function readerFailure(e: unknown, fileName: string): WarehouseError {
  if (e instanceof WorkerJobError) {
    if (e.kind === 'failed') {
      try {
        const parsed = JSON.parse(e.message) as { kind: string; message: string; line: number | null };
        return new WarehouseError('invalid_input', `${fileName}: ${parsed.message}`, { reason: parsed.kind, ...(parsed.line !== null ? { line: parsed.line } : {}) });
      } catch {
        return new WarehouseError('invalid_input', `${fileName}: ${e.message}`);
      }
    }
    if (e.kind === 'cancelled') return new WarehouseError('cancelled', 'Impor dibatalkan. Data yang sudah tersimpan tidak berubah.');
    return new WarehouseError('invalid_input', `${fileName}: ${e.message}`, { reason: e.kind });
  }
  return new WarehouseError('internal', e instanceof Error ? e.message : String(e));
}

class Meter {
  private readonly started = performance.now();
  private readonly jobId: string;
  private readonly emit: (p: ImportProgress) => void;
  private readonly expectedRows: number | null;
  constructor(jobId: string, emit: (p: ImportProgress) => void, expectedRows: number | null) {
    this.jobId = jobId;
    this.emit = emit;
    this.expectedRows = expectedRows;
  }
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }
  report(phase: ImportProgress['phase'], rows: number, fractionRead: number): void {
    const s = this.elapsed();
    const rate = s > 0 ? rows / s : 0;
    const fraction = this.expectedRows ? Math.min(1, rows / this.expectedRows) : fractionRead;
    const eta = fraction > 0.02 && s > 1 ? Math.max(0, (s / fraction) * (1 - fraction)) : null;
    this.emit({ jobId: this.jobId, phase, rowsDone: rows, fraction, rowsPerSecond: Math.round(rate), etaSeconds: eta === null ? null : Math.round(eta) });
  }
}

function issueCounts(r: ReaderResult, lang: Language, fileName: string): ImportPreview['issues'] {
  const severityRank = { error: 0, warning: 1, info: 2 } as const;
  return [...r.issues]
    .sort((a, b) => severityRank[ISSUE_KINDS[a.kind].severity] - severityRank[ISSUE_KINDS[b.kind].severity] || b.count - a.count)
    .map((t) => {
      const view = {
        kind: t.kind,
        severity: ISSUE_KINDS[t.kind].severity,
        sheet: t.example.sheet,
        row: t.example.row,
        column: t.example.column,
        value: t.example.value,
        message: issueMessage({ kind: t.kind, column: t.example.column, value: t.example.value, ...(t.example.params ? { params: t.example.params } : {}), sheet: t.example.sheet }, lang),
      };
      return { kind: t.kind, severity: view.severity, count: t.count, message: `${fileName}: ${view.message}`, example: view };
    });
}

/** Read the whole file and say what an import would do. Nothing is written. */
export async function previewImport(env: ImportEnv, args: PreviewArgs, limits: ImportLimits = {}): Promise<ImportPreview> {
  const jobId = newJobId(args.jobId);
  const fileName = args.file.name ?? basename(args.file.path);
  const meter = new Meter(jobId, env.emit, null);
  const job = startWorkerJob<ReaderInput, ReaderProgress, ReaderResult>(
    workerEntry('reader'),
    readerInput(env, args.file, 'preview', {
      ...(args.source ? { source: args.source } : {}),
      ...(args.sheets ? { sheets: args.sheets } : {}),
      ...(args.allSheets ? { allSheets: true } : {}),
      ...(args.plan ? { plan: args.plan } : {}),
      ...(args.scan === 'head' ? { headOnly: true } : {}),
      ...(args.headerRow !== undefined ? { headerRow: args.headerRow } : {}),
    }, limits),
    (p) => meter.report('reading', p.rows, p.fraction),
    readerLimits(limits, args.file.path),
  );
  JOBS.set(jobId, job);
  let r: ReaderResult;
  try {
    r = await job.result;
  } catch (e) {
    throw readerFailure(e, fileName);
  } finally {
    JOBS.delete(jobId);
  }
  const template = templateFor(r.plan.source);
  const dup = findBatchBySha(env.db, r.file.sha256);
  const vintage = r.vintageGuess;
  return {
    jobId,
    file: { name: fileName, path: args.file.path, ...r.file },
    sheets: r.sheets,
    plan: r.plan,
    basis: r.basis,
    profile: r.profile,
    status: r.status,
    candidates: r.candidates,
    columns: r.columns.map((c) => ({ ...c, letter: columnLetter(c.index) })),
    fields: template.fields.map((f) => ({ key: f.key, kind: f.kind, id: f.id, en: f.en, required: f.required === true })),
    missingRequired: r.missingRequired,
    rows: r.rows,
    counts: r.counts,
    issues: issueCounts(r, env.language, fileName),
    duplicateOf: dup === null ? null : getBatchSummary(env.db, dup),
    vintageGuess: vintage,
    labelGuess: `${template.id}${vintage ? ` ${vintage}` : ''}`,
    warnings: r.warnings,
    seconds: Math.round(meter.elapsed() * 100) / 100,
  };
}

export interface CommitOptions extends ImportLimits {
  readonly origin?: 'demo' | 'import';
  /** Rows the preview counted: better progress for workbooks. */
  readonly expectedRows?: number;
  /** More provenance for the batch's `details` (the demo's generator, seed and size). */
  readonly details?: Readonly<Record<string, string | number>>;
  /** Rows per committed slice of the writer (tests make it small to cancel between slices). */
  readonly sliceRows?: number;
  /** False: CSV records all through the general parser, without column text ids (tests compare). */
  readonly csvFast?: boolean;
}

/** Import one file as one batch, atomically: committed in slices, visible only once complete (writer-worker.ts). */
export async function commitImport(env: ImportEnv, args: CommitArgs, options: CommitOptions = {}): Promise<ImportResult> {
  const jobId = newJobId(args.jobId);
  const fileName = args.file.name ?? basename(args.file.path);
  const meter = new Meter(jobId, env.emit, options.expectedRows ?? null);
  const { port1, port2 } = new MessageChannel();
  const writer = new Worker(workerEntry('writer'), {
    workerData: { dbPath: env.dbPath, port: port2, filePath: args.file.path, ...sliceOption(options) } satisfies WriterInput,
    transferList: [port2],
    // Trusted code holding a few batches of rows at a time. Its young generation at 8 MB instead of
    // 16: ~10 MB less at the province individu file, its CPU time the same within the noise (the
    // reader's is not: 16 MB semi-spaces, 32 MB, are its sweet spot; 8 MB cost it ~25 %).
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
  });
  let writerExit: ((m: WriterOutbound) => void) | null = null;
  const writerDone = new Promise<WriterOutbound>((resolve) => {
    writerExit = resolve;
  });
  let onHashed: ((m: Extract<WriterOutbound, { t: 'hashed' }>) => void) | null = null;
  const hashed = new Promise<Extract<WriterOutbound, { t: 'hashed' }>>((resolve) => {
    onHashed = resolve;
  });
  /** The batch row the writer committed as loading; deleted here if the writer could not. */
  let loadingBatch: number | null = null;
  const begun = new Promise<number>((resolve, reject) => {
    writer.on('message', (m: WriterOutbound) => {
      if (m.t === 'begun') {
        loadingBatch = m.batchId;
        resolve(m.batchId);
      }
      else if (m.t === 'hashed') onHashed?.(m);
      else if (m.t === 'committed' || m.t === 'aborted' || m.t === 'error') {
        if (m.t === 'error') reject(new WarehouseError('internal', m.message));
        writerExit?.(m);
      }
    });
    writer.on('error', (e) => {
      reject(e);
      onHashed?.({ t: 'hashed', sha256: null, message: e.message });
      writerExit?.({ t: 'error', message: e.message });
    });
    writer.on('exit', () => {
      onHashed?.({ t: 'hashed', sha256: null, message: 'penulis berhenti' });
      writerExit?.({ t: 'aborted' });
    });
  });
  // Awaited once the reader is done; a writer failing before then must not go unhandled meanwhile.
  begun.catch(() => undefined);
  let cancelled = false;
  let reader: WorkerJob<ReaderResult> | null = null;
  // The writer deletes its slices when aborted; if it failed or was terminated first, they go here.
  const discardLeftover = (): void => {
    if (loadingBatch !== null) discardLoadingBatch(env.db, loadingBatch);
  };
  const abortWriter = async (): Promise<void> => {
    writer.postMessage({ t: 'abort' } satisfies WriterInbound);
    // Deleting a province's worth of committed slices takes a while; a writer stuck past this is stopped.
    const timer = setTimeout(() => void writer.terminate(), 120_000);
    await writerDone;
    clearTimeout(timer);
    discardLeftover();
  };
  let rowsSeen = 0;
  let fractionSeen = 0;
  JOBS.set(jobId, {
    cancel() {
      // The flag first: the progress event below may reach a listener that cancels again (a test
      // did), which recursed until the stack ran out.
      const first = !cancelled;
      cancelled = true;
      if (first) meter.report('cancelling', rowsSeen, fractionSeen);
      reader?.cancel();
    },
  });
  // The writer hashes the file while rows arrive. A file already imported is refused as soon as
  // its hash is known (the reader is stopped, the writer rolls back); `end` waits for the hash.
  const refusal: { error: WarehouseError | null } = { error: null };
  const hashing = hashed.then((m) => {
    if (m.sha256 === null) throw new WarehouseError('invalid_input', `${fileName}: berkas tidak dapat dibaca (${m.message ?? ''}).`);
    const dup = args.allowDuplicate ? null : findBatchBySha(env.db, m.sha256);
    if (dup !== null) {
      refusal.error = new WarehouseError('conflict', `Berkas ${fileName} sudah pernah diimpor (batch #${dup}). Impor lagi hanya bila memang disengaja.`, { batchId: dup });
      reader?.cancel();
    }
    return m.sha256;
  });
  hashing.catch(() => undefined);
  try {
    // One pass: the reader first sends the head of the file (plan, columns), which decides
    // whether the batch may begin; rows it sends meanwhile wait in the writer until then.
    let head: ReaderHead | null = null;
    let headError: WarehouseError | null = null;
    let profileId: number | null = null;
    const onHead = (h: ReaderHead): void => {
      head = h;
      const plan = h.plan;
      const template = templateFor(plan.source);
      if (h.missingRequired.length > 0) {
        headError = new WarehouseError('invalid_input', `${fileName}: kolom wajib belum dipetakan: ${missingLabels(plan, h.missingRequired)}. Sesuaikan pemetaan kolom.`, { reason: 'required_unmapped' });
      }
      if (headError) {
        reader?.cancel();
        return;
      }
      profileId = loadProfiles(env.db).find((p) => p.source === plan.source && JSON.stringify(p.mapping) === JSON.stringify(plan.mapping))?.id ?? null;
      writer.postMessage({
        t: 'begin',
        table: template.table,
        columns: h.shape.columns,
        familyColumns: h.shape.familyColumns,
        batch: {
          source: plan.source,
          label: args.label ?? `${template.id}${args.vintage ? ` ${args.vintage}` : ''}`,
          vintage: args.vintage ?? null,
          origin: options.origin ?? 'import',
          fileName,
          fileSize: h.size,
          // Set at the end, once hashed.
          fileSha256: '',
          fileFormat: h.format,
          sheets: plan.sheets,
          headerRow: plan.headerRow,
          columns: h.columns,
          mapping: plan.mapping,
          profileId,
          osUser: osUser(),
          details: { ...options.details, constants: plan.constants ?? {} },
        },
      } satisfies WriterInbound);
    };
    const rj = startWorkerJob<ReaderInput, ReaderProgress, ReaderResult>(
      workerEntry('reader'),
      readerInput(env, args.file, 'commit', {
        port: port1,
        skipHash: true,
        ...(args.plan ? { plan: args.plan } : {}),
        ...(args.source ? { source: args.source } : {}),
        ...(args.sheets ? { sheets: args.sheets } : {}),
        ...(args.allSheets ? { allSheets: true } : {}),
        ...(args.constants ? { constants: args.constants } : {}),
        ...(options.expectedRows !== undefined ? { expectedRows: options.expectedRows } : {}),
        ...(options.csvFast === false ? { csvFast: false } : {}),
      }, options),
      (p) => {
        if (p.head) onHead(p.head);
        else if (!cancelled) {
          rowsSeen = p.rows;
          fractionSeen = p.fraction;
          meter.report('reading', p.rows, p.fraction);
        }
      },
      { transferList: [port1], ...readerLimits(options, args.file.path) },
    );
    reader = rj;
    if (cancelled || refusal.error) rj.cancel();
    let r: ReaderResult;
    try {
      r = await rj.result;
    } catch (e) {
      await abortWriter();
      throw refusal.error ?? headError ?? readerFailure(e, fileName);
    }
    let sha256: string;
    try {
      sha256 = await hashing;
    } catch (e) {
      await abortWriter();
      throw e;
    }
    if (refusal.error) {
      await abortWriter();
      throw refusal.error;
    }
    const h = head as ReaderHead | null;
    if (h === null) throw new WarehouseError('internal', `${fileName}: pembaca berkas selesai tanpa judul kolom.`);
    const plan = h.plan;
    const template = templateFor(plan.source);
    if (cancelled) {
      await abortWriter();
      throw new WarehouseError('cancelled', 'Impor dibatalkan. Data yang sudah tersimpan tidak berubah.');
    }
    if (r.counts.rowsImported === 0) {
      await abortWriter();
      const reasons = r.issues.filter((t) => ISSUE_KINDS[t.kind].severity === 'error').sort((a, b) => b.count - a.count);
      const top = reasons[0];
      const why = top ? ` Alasan terbanyak: ${issueMessage({ kind: top.kind, column: top.example.column, value: top.example.value, ...(top.example.params ? { params: top.example.params } : {}) }, env.language)}` : '';
      throw new WarehouseError('invalid_input', `${fileName}: tidak ada baris yang dapat diimpor (${r.counts.rowsRead} baris dibaca, ${r.counts.rowsRejected} ditolak).${why}`, { rowsRead: r.counts.rowsRead });
    }
    const batchId = await begun;
    meter.report('finishing', r.counts.rowsRead, 1);
    writer.postMessage({
      t: 'end-after',
      expected: r.sent,
      end: { t: 'end', counts: r.counts, encoding: r.file.encoding, delimiter: r.file.delimiter, reader: r.file.reader, seconds: Math.round(meter.elapsed() * 100) / 100 },
    });
    const outcome = await writerDone;
    if (outcome.t !== 'committed') {
      discardLeftover();
      throw new WarehouseError('internal', outcome.t === 'error' ? outcome.message : 'Penulisan batch terhenti.');
    }
    if (args.saveProfile !== false && h.basis !== 'profile') saveProfile(env.db, { signature: h.signature, source: plan.source, name: `${template.id} — ${fileName}`, columns: h.columns, mapping: plan.mapping, constants: plan.constants ?? {} });
    else if (profileId !== null) env.db.prepare('UPDATE mapping_profile SET used_at = ?, use_count = use_count + 1 WHERE id = ?').run(new Date().toISOString(), profileId);
    const seconds = meter.elapsed();
    const warnings: Partial<Record<IssueKind, number>> = {};
    const rejects: Partial<Record<IssueKind, number>> = {};
    for (const t of r.issues) {
      if (ISSUE_KINDS[t.kind].severity === 'error') rejects[t.kind] = t.count;
      else warnings[t.kind] = t.count;
    }
    appendAudit(env.db, 'import', { batchId, source: plan.source, file: fileName, sha256, rows: r.counts, osUser: osUser() });
    if (plan.source === 'program' || plan.source.endsWith('keluarga') || plan.source === 'dtks' || plan.source.endsWith('individu')) {
      try {
        linkAfterImport(env.db, env.dbPath);
      } catch {
        // Coverage links are made on first use instead; the batch itself is committed and intact.
      }
    }
    return {
      batchId,
      source: plan.source,
      ...r.counts,
      warnings,
      rejects,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(r.counts.rowsRead / Math.max(seconds, 0.001)),
    };
  } catch (e) {
    if (!(e instanceof WarehouseError)) {
      await abortWriter().catch(() => undefined);
      throw e;
    }
    // Make sure the writer is gone (it may not have begun); once it has, its slices are deleted first.
    if (loadingBatch !== null) await abortWriter().catch(() => undefined);
    else await Promise.race([abortWriter(), new Promise((r) => setTimeout(r, 100))]).catch(() => undefined);
    throw e;
  } finally {
    JOBS.delete(jobId);
    port1.close();
    void writer.terminate();
  }
}

function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? null;
  }
}

/** Replace the BPS ↔ Kemendagri crosswalk with the pairs of a file (read in the reader worker). */
export async function importCrosswalk(env: ImportEnv, file: ImportFile, limits: ImportLimits = {}): Promise<{ rows: number; rejected: number; fileName: string; importedAt: string }> {
  const fileName = file.name ?? basename(file.path);
  const job = startWorkerJob<ReaderInput, ReaderProgress, CrosswalkRead>(
    workerEntry('reader'),
    { ...readerInput(env, file, 'crosswalk', {}, limits), regions: [], profiles: [] },
    () => undefined,
    readerLimits(limits, file.path),
  );
  let r: CrosswalkRead;
  try {
    r = await job.result;
  } catch (e) {
    throw readerFailure(e, fileName);
  }
  if (r.pairs.length === 0) throw new WarehouseError('invalid_input', `${fileName}: tidak ada pasangan kode BPS–Kemendagri yang terbaca.`);
  const importedAt = new Date().toISOString();
  env.db.transaction(() => {
    env.db.prepare('DELETE FROM bps_crosswalk').run();
    const insert = env.db.prepare('INSERT OR REPLACE INTO bps_crosswalk (bps_code, region_code, name, file_name, imported_at) VALUES (?, ?, ?, ?, ?)');
    for (const [bps, code, name] of r.pairs) insert.run(bps, code, name, fileName, importedAt);
    appendAudit(env.db, 'crosswalk.import', { file: fileName, rows: r.pairs.length, rejected: r.rejected }, new Date(importedAt));
  })();
  return { rows: r.pairs.length, rejected: r.rejected, fileName, importedAt };
}
