/**
 * The reader worker: untrusted bytes in, mapped rows out. Started by `startWorkerJob` (time and
 * heap limits, killable). In `preview` mode it reads the whole file and reports what an import
 * would do; in `commit` mode it streams mapped rows to the writer worker through a MessagePort,
 * waiting for the writer when it falls behind (bounded memory).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { basename } from 'node:path';
import type { ImportPlan, PlanConstants, PreviewRow } from '../../../shared/contracts/imports.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import type { IssueKind, IssueParams } from '../../../shared/import/issues.ts';
import { ISSUE_KINDS } from '../../../shared/import/issues.ts';
import { cellText, chooseTemplate, columnNames, createRowClassifier, findHeaderRow, mapColumns, matchTemplate, sameHeader, shapeSignature, SKIPPED_ROW_ISSUE } from '../../../shared/import/templates/detect.ts';
import { templateFor } from '../../../shared/import/templates/index.ts';
import type { RegionRecord } from '../../../shared/import/region-names.ts';
import { RegionNameIndex } from '../../../shared/import/region-names.ts';
import type { RawCell } from '../../../shared/import/normalize.ts';
import { rawText } from '../../../shared/import/normalize.ts';
import { detach } from '../../../shared/import/cell.ts';
import { normalizeRegionCode } from '../../../shared/model/region.ts';
import type { JobMessage } from '../jobs/worker-job.ts';
import { RowMapper, type RowIssue } from './row-mapper.ts';
import { packedTransfer, RowPacker } from './row-pack.ts';
import { missingLabels, requiredMissing } from './plan.ts';
import { asImportError, ImportFileError, openSourceFile, readSourceRows, sha256File, type ReadInfo, type SourceRow } from './source-file.ts';
import { SAME_FAMILY_FIELDS, type WriterInbound, type WriterOutbound } from './writer-protocol.ts';

export interface ProfileHint {
  readonly id: number;
  readonly name: string;
  readonly signature: string;
  readonly source: SourceKind;
  readonly mapping: readonly (string | null)[];
  readonly constants: PlanConstants;
}

export interface ReaderInput {
  readonly mode: 'preview' | 'commit' | 'crosswalk';
  readonly path: string;
  readonly fileName: string;
  readonly source?: SourceKind;
  readonly sheets?: readonly string[];
  readonly allSheets?: boolean;
  readonly plan?: ImportPlan;
  readonly profiles: readonly ProfileHint[];
  readonly regions: readonly RegionRecord[];
  readonly crosswalk: readonly (readonly [string, string])[];
  readonly province: string | null;
  readonly today: string;
  readonly maxFileBytes?: number;
  readonly expectedRows?: number;
  /** Commit: the port to the writer. */
  readonly port?: MessagePort;
  readonly previewRows?: number;
  /** Stop after the header: column names, signature and the mapper's output shape. */
  readonly headOnly?: boolean;
  /** Commit: the warehouse thread hashes the file meanwhile; the reader does not. */
  readonly skipHash?: boolean;
  /** Header row (1-based) chosen by the planner instead of the detected one. */
  readonly headerRow?: number;
  /** Constants added to a detected plan (the command line's --program/--year). */
  readonly constants?: PlanConstants;
  /** False: CSV records all through the general parser (`readCsv`'s `fast`). */
  readonly csvFast?: boolean;
}

/** What a commit needs to know before any row is written (sent once, before the rows). */
export interface ReaderHead {
  readonly plan: ImportPlan;
  readonly basis: 'template' | 'profile' | 'given';
  readonly missingRequired: readonly string[];
  readonly sha256: string;
  readonly size: number;
  readonly format: string;
  readonly columns: readonly string[];
  readonly signature: string;
  readonly shape: { readonly columns: readonly string[]; readonly familyColumns: readonly string[] };
}

export interface ReaderProgress {
  readonly rows: number;
  readonly fraction: number;
  readonly head?: ReaderHead;
}

export interface SheetSummary {
  readonly name: string;
  readonly headerRow: number | null;
  readonly sameHeader: boolean;
  readonly rows: number | null;
}

export interface IssueTally {
  readonly kind: IssueKind;
  count: number;
  readonly example: { readonly sheet: string; readonly row: number; readonly column: string | null; readonly value: string | null; readonly params: IssueParams | null };
}

export interface ReaderResult {
  readonly file: { readonly size: number; readonly sha256: string; readonly format: 'csv' | 'xlsx' | 'xls'; readonly encoding: string | null; readonly delimiter: string | null; readonly reader: string };
  readonly sheets: readonly SheetSummary[];
  readonly plan: ImportPlan;
  readonly basis: 'template' | 'profile' | 'given';
  readonly profile: { readonly id: number; readonly name: string } | null;
  readonly status: 'confident' | 'ambiguous' | 'weak' | 'none';
  readonly candidates: readonly { readonly source: SourceKind; readonly score: number; readonly coverage: number }[];
  readonly columns: readonly { readonly index: number; readonly header: string; readonly field: string | null; readonly samples: readonly string[] }[];
  readonly missingRequired: readonly string[];
  readonly rows: readonly PreviewRow[];
  readonly counts: { rowsRead: number; rowsImported: number; rowsRejected: number; rowsWarned: number; rowsSkipped: number };
  readonly issues: readonly IssueTally[];
  readonly signature: string;
  readonly vintageGuess: string | null;
  readonly warnings: readonly string[];
  /** Row messages sent to the writer. */
  readonly sent: number;
  readonly shape?: { readonly columns: readonly string[]; readonly familyColumns: readonly string[] };
}

const HEAD_ROWS = 40;
/**
 * Rows a message to the writer carries. Up to MAX_IN_FLIGHT messages' buffers are alive in each
 * thread (packed, in flight, being written, spare): 5,000-row messages held ~20 MB more at the
 * province individu file than 2,000-row ones (single runs); no speed difference showed through the
 * machine's noise (a message costs one postMessage and one acknowledgement).
 */
const SEND_ROWS = 2000;
const MAX_IN_FLIGHT = 4;

class FatalPlanError extends ImportFileError {}

/** The first rows of a sheet (for header detection) and the rest of its rows after them. */
async function headOf(gen: AsyncGenerator<SourceRow[], void, undefined>): Promise<{ head: SourceRow[]; rest: SourceRow[] }> {
  const head: SourceRow[] = [];
  let rest: SourceRow[] = [];
  while (head.length < HEAD_ROWS) {
    const next = await gen.next();
    if (next.done) break;
    const need = HEAD_ROWS - head.length;
    head.push(...next.value.slice(0, need));
    rest = next.value.slice(need);
  }
  return { head, rest };
}

/** Cells of the head rows laid out by sheet row (missing rows blank), for header detection. */
function byLine(head: readonly SourceRow[]): { rows: RawCell[][]; lines: number[] } {
  return { rows: head.map((r) => r.cells), lines: head.map((r) => r.line) };
}

const YEAR = /\b(20[0-4]\d|19[89]\d)\b/g;

function guessVintage(titleTexts: readonly string[], fileName: string): string | null {
  for (const t of titleTexts) {
    const years = t.match(YEAR);
    if (years && years.length > 0) return years[years.length - 1] ?? null;
  }
  const fromName = fileName.match(YEAR);
  return fromName ? (fromName[fromName.length - 1] ?? null) : null;
}

/**
 * Rows a CSV file holds, estimated from its size and the mean length of the data rows read so far
 * (text plus delimiters and line end); null for workbooks or too few rows. No margin: quotes are
 * not counted, so it errs high (+3 % on the generator's province individu file), the duplicate
 * tables take 8 % more before they are full, and then grow by a quarter (`KeyIndex`).
 */
function estimateCsvRows(format: string, size: number, rows: readonly SourceRow[]): number | null {
  if (format !== 'csv' || rows.length < 20) return null;
  let chars = 0;
  for (const r of rows) {
    chars += r.cells.length;
    for (const c of r.cells) chars += typeof c === 'string' ? c.length : 8;
  }
  return Math.ceil(size / (chars / rows.length));
}

export async function runReader(input: ReaderInput, post: (m: JobMessage<ReaderProgress, ReaderResult>) => void): Promise<ReaderResult> {
  const opened = await openSourceFile(input.path, input.maxFileBytes);
  const sha256 = input.skipHash || (input.headOnly && input.mode === 'commit') ? '' : await sha256File(input.path);
  const info: ReadInfo = { encoding: null, delimiter: null, reader: opened.format === 'csv' ? 'csv' : 'xlsx-stream' };

  // --- Sheets and their heads ------------------------------------------------------------
  const wanted = input.plan?.sheets ?? input.sheets ?? null;
  for (const s of wanted ?? []) {
    if (!opened.sheets.includes(s)) throw new FatalPlanError('sheet_not_found', `Lembar "${s}" tidak ada dalam berkas. Lembar yang ada: ${opened.sheets.join(', ')}.`);
  }
  const heads = new Map<string, { gen: AsyncGenerator<SourceRow[], void, undefined>; head: SourceRow[]; rest: SourceRow[] }>();
  async function openSheet(name: string): Promise<{ gen: AsyncGenerator<SourceRow[], void, undefined>; head: SourceRow[]; rest: SourceRow[] }> {
    let h = heads.get(name);
    if (!h) {
      const gen = readSourceRows(input.path, opened.format, name, info, undefined, input.csvFast !== false);
      const { head, rest } = await headOf(gen);
      h = { gen, head, rest };
      heads.set(name, h);
    }
    return h;
  }
  const headerOf = (head: readonly SourceRow[]): { index: number; line: number } | null => {
    const { rows, lines } = byLine(head);
    const g = findHeaderRow(rows);
    return g ? { index: g.rowIndex, line: lines[g.rowIndex] ?? g.rowIndex + 1 } : null;
  };

  let firstSheet: string;
  if (wanted && wanted.length > 0) firstSheet = wanted[0] ?? '';
  else {
    // The first sheet with a recognised header (lookup lists and notes sheets come later or hidden).
    firstSheet = opened.sheets[0] ?? '';
    for (const name of opened.sheets) {
      const h = await openSheet(name);
      const found = headerOf(h.head);
      if (found) {
        const cand = matchTemplate(h.head[found.index]?.cells ?? []);
        if ((cand[0]?.matched ?? 0) >= 2) {
          firstSheet = name;
          break;
        }
      }
    }
  }
  const first = await openSheet(firstSheet);
  if (first.head.length === 0) throw new FatalPlanError('empty_sheet', opened.format === 'csv' ? 'Berkas tidak berisi baris data.' : `Lembar "${firstSheet}" kosong.`);

  // --- Header row ----------------------------------------------------------------------
  let headerIndex: number;
  if (input.plan) {
    headerIndex = first.head.findIndex((r) => r.line === input.plan?.headerRow);
    if (headerIndex < 0) throw new FatalPlanError('header_not_found', `Baris judul kolom ${input.plan.headerRow} tidak ada di antara ${HEAD_ROWS} baris pertama.`);
  } else if (input.headerRow !== undefined) {
    headerIndex = first.head.findIndex((r) => r.line === input.headerRow);
    if (headerIndex < 0) throw new FatalPlanError('header_not_found', `Baris ${input.headerRow} tidak ada di antara ${HEAD_ROWS} baris pertama${firstSheet ? ` lembar "${firstSheet}"` : ''}.`);
  } else {
    const found = headerOf(first.head);
    if (!found) {
      throw new FatalPlanError('header_not_found', `Tidak ditemukan baris judul kolom pada ${HEAD_ROWS} baris pertama${firstSheet ? ` lembar "${firstSheet}"` : ''}. Pastikan berkas memiliki baris judul kolom.`);
    }
    headerIndex = found.index;
  }
  const headerCells = first.head[headerIndex]?.cells ?? [];
  const headerLine = first.head[headerIndex]?.line ?? 1;
  const names = columnNames(headerCells);
  while (names.length > 0 && cellText(headerCells[names.length - 1]) === '') names.pop();
  const signature = shapeSignature(headerCells);
  const titleTexts = first.head.slice(0, headerIndex).flatMap((r) => r.cells.map(cellText).filter((t) => t !== ''));

  // --- Template and mapping ---------------------------------------------------------------
  const candidates = matchTemplate(headerCells);
  const choice = chooseTemplate(candidates);
  let plan: ImportPlan;
  let basis: ReaderResult['basis'] = 'template';
  let profile: ReaderResult['profile'] = null;
  const sheetsChosen = (sheetList: readonly string[]): readonly string[] => sheetList;
  if (input.plan) {
    plan = input.plan;
    basis = 'given';
  } else {
    const hint = input.profiles.find((p) => p.signature === signature && (input.source === undefined || p.source === input.source));
    const source = input.source ?? hint?.source ?? choice.best?.source ?? null;
    if (source === null) {
      throw new FatalPlanError('source_unknown', 'Jenis sumber data tidak dikenali dari judul kolomnya. Pilih jenis sumber secara manual.');
    }
    let mapping: readonly (string | null)[];
    let constants: PlanConstants = {};
    if (hint && hint.source === source) {
      mapping = hint.mapping;
      constants = hint.constants;
      basis = 'profile';
      profile = { id: hint.id, name: hint.name };
    } else {
      mapping = mapColumns(headerCells, templateFor(source)).mapping;
    }
    let sheetList: string[] = [firstSheet];
    if (input.sheets && input.sheets.length > 0) sheetList = [...input.sheets];
    if (input.allSheets) {
      for (const name of opened.sheets) {
        if (sheetList.includes(name)) continue;
        const h = await openSheet(name);
        const found = headerOf(h.head);
        if (found && sameHeader(h.head[found.index]?.cells ?? [], headerCells)) sheetList.push(name);
      }
    }
    if (input.constants) constants = { ...constants, ...input.constants };
    plan = { source, sheets: sheetsChosen(sheetList), headerRow: headerLine, mapping: mapping.slice(0, Math.max(names.length, 1)), constants };
  }
  const template = templateFor(plan.source);
  const missing = requiredMissing(plan);
  if (input.mode === 'commit' && missing.length > 0) {
    throw new FatalPlanError('required_unmapped', `Kolom wajib belum dipetakan: ${missingLabels(plan, missing)}. Sesuaikan pemetaan kolom.`);
  }

  const regionIndex = new RegionNameIndex(input.regions);
  const regionCodes = new Set(input.regions.map((r) => r.code));
  const expectedRows = input.expectedRows ?? estimateCsvRows(opened.format, opened.size, first.head.slice(headerIndex + 1));
  const mapper = new RowMapper({
    template,
    columnNames: names,
    mapping: plan.mapping,
    ...(plan.constants ? { constants: plan.constants } : {}),
    normalize: {
      today: input.today,
      province: input.province,
      regionExists: (code) => regionCodes.has(code),
      ...(template.desilRange ? { desilRange: template.desilRange } : {}),
    },
    regionNames: regionIndex,
    crosswalk: new Map(input.crosswalk),
    // The duplicate tables: from the preview's count, else a CSV's size over its first rows' mean
    // length (within ~10 % on generator and real files), else none (the tables grow as needed).
    ...(expectedRows === null ? {} : { expectedRows: Math.min(expectedRows, 8_000_000) }),
  });

  const counts = { rowsRead: 0, rowsImported: 0, rowsRejected: 0, rowsWarned: 0, rowsSkipped: 0 };
  const resultBase = {
    file: { size: opened.size, sha256, format: opened.format, encoding: info.encoding, delimiter: info.delimiter, reader: info.reader },
    plan,
    basis,
    profile,
    status: basis === 'template' ? choice.status : ('confident' as const),
    candidates: candidates.slice(0, 4).map((c) => ({ source: c.source, score: Math.round(c.score * 1000) / 1000, coverage: Math.round(c.coverage * 1000) / 1000 })),
    missingRequired: missing,
    counts,
    signature,
    vintageGuess: guessVintage(titleTexts, input.fileName || basename(input.path)),
    warnings: opened.warnings,
    shape: mapper.shape,
  };
  if (input.port) {
    const head: ReaderHead = { plan, basis, missingRequired: missing, sha256, size: opened.size, format: opened.format, columns: names, signature, shape: mapper.shape };
    post({ type: 'progress', payload: { rows: 0, fraction: 0, head } });
  }
  if (input.headOnly) {
    for (const h of heads.values()) await h.gen.return(undefined);
    return { ...resultBase, sheets: [], columns: names.map((header, index) => ({ index, header, field: mapper.fieldOfColumn(index), samples: [] })), rows: [], issues: [], sent: 0 };
  }

  // --- Reading --------------------------------------------------------------------------
    const tallies = new Map<IssueKind, IssueTally>();
  const previewRows: PreviewRow[] = [];
  const previewLimit = input.previewRows ?? 200;
  const samples: string[][] = names.map(() => []);
  let samplesWanted = names.length;
  // Rows after the first 20,000 rarely add a sample worth showing.
  const sampleRows = 20_000;
  const sheetSummaries: SheetSummary[] = [];
  const port = input.port;
  let inFlight = 0;
  let seq = 0;
  let waiters: (() => void)[] = [];
  // Set from the port's message handler; a holder object keeps TypeScript from narrowing it away.
  const writerState: { error: Error | null } = { error: null };
  const writerFailure = (): Error | null => writerState.error;
  if (port) {
    port.on('message', (m: WriterOutbound) => {
      if (m.t === 'ack') {
        inFlight--;
        if (m.spare) packer.recycle(m.spare);
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      } else if (m.t === 'error') {
        writerState.error = new ImportFileError('writer', m.message);
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      }
    });
  }
  let outIssues: unknown[][] = [];
  let outRejects: unknown[][] = [];
  const withFamilies = mapper.shape.familyColumns.length > 0;
  const valueCount = mapper.shape.columns.length;
  const familyCount = mapper.shape.familyColumns.length;
  // Per row: row_no, values…, extra[, family-level fields, relation, family values…] (see WriterInbound 'rows').
  let lastFamilyKey: string | number | null = null;
  let lastFamilyFields: string | null = null;
  const packer = new RowPacker(2 + valueCount + (withFamilies ? 2 + familyCount : 0), SEND_ROWS);
  const sheetIndex = new Map<string, number>(plan.sheets.map((s, i) => [s, i]));
  const flush = async (): Promise<void> => {
    if (!port || (packer.rows === 0 && outIssues.length === 0 && outRejects.length === 0)) return;
    if (writerState.error) throw writerState.error;
    const rows = packer.take();
    const msg: WriterInbound = { t: 'rows', seq: seq++, rows, issues: outIssues, rejects: outRejects };
    port.postMessage(msg, packedTransfer(rows));
    inFlight++;
    outIssues = [];
    outRejects = [];
    while (inFlight >= MAX_IN_FLIGHT && !writerState.error) await new Promise<void>((r) => waiters.push(r));
    const failed = writerFailure();
    if (failed) throw failed;
  };

  const tally = (sheet: string, row: number, i: RowIssue): void => {
    const kind = i[1];
    const t = tallies.get(kind);
    if (t) t.count++;
    else tallies.set(kind, { kind, count: 1, example: { sheet, row, column: i[0] >= 0 ? (names[i[0]] ?? null) : null, value: i[2] === null ? null : detach(i[2]), params: i[3] } });
  };
  const charsPerByte = opened.format === 'csv' ? 1 : 0;
  let approxChars = 0;
  let lastProgress = 0;
  let seenRows = 0;

  const totalFraction = (): number => (charsPerByte > 0 ? Math.min(0.999, approxChars / Math.max(1, opened.size)) : 0);

  for (let s = 0; s < plan.sheets.length; s++) {
    const sheetName = plan.sheets[s] ?? '';
    const h = await openSheet(sheetName);
    let startIndex: number;
    if (s === 0) startIndex = headerIndex + 1;
    else {
      const found = headerOf(h.head);
      const cells = found ? (h.head[found.index]?.cells ?? []) : [];
      if (!found || !sameHeader(cells, headerCells)) {
        throw new FatalPlanError('sheet_header_differs', `Judul kolom lembar "${sheetName}" berbeda dari lembar "${plan.sheets[0] ?? ''}"; lembar tidak dapat digabungkan.`);
      }
      startIndex = found.index + 1;
    }
    const classifier = createRowClassifier(headerCells);
    const sIdx = sheetIndex.get(sheetName) ?? s;
    let sheetRows = 0;
    const handle = (r: SourceRow): void => {
      // Progress: the size of one row in 32, scaled (exact enough, and cheap).
      if (charsPerByte > 0 && (r.line & 31) === 0) {
        let n = r.cells.length;
        for (const c of r.cells) n += typeof c === 'string' ? c.length : 8;
        approxChars += n * 32;
      }
      const kind = classifier.classify(r.cells);
      if (kind === 'blank') return;
      if (kind !== 'data') {
        counts.rowsSkipped++;
        const issueKind = SKIPPED_ROW_ISSUE[kind];
        const firstText = r.cells.map(cellText).find((t) => t !== '') ?? null;
        const issue: RowIssue = [-1, issueKind, firstText, null];
        tally(sheetName, r.line, issue);
        if (port) outIssues.push([sIdx, r.line, -1, issueKind, firstText, null]);
        return;
      }
      counts.rowsRead++;
      sheetRows++;
      const m = mapper.map(r.cells, r.line, plan.sheets.length > 1 ? sheetName : '', r.ids ?? null, r.at ?? 0);
      for (const i of m.issues) tally(sheetName, r.line, i);
      if (m.rejected) counts.rowsRejected++;
      else {
        counts.rowsImported++;
        if (m.warned) counts.rowsWarned++;
      }
      if (!port && previewRows.length < previewLimit) {
        const values: Record<string, string | number | null> = Object.create(null) as Record<string, string | number | null>;
        mapper.shape.columns.forEach((c, i) => {
          values[c] = m.values[i] ?? null;
        });
        if (m.familyFields !== null) {
          for (const [k, v] of Object.entries(JSON.parse(`{${m.familyFields}}`) as Record<string, string | number>)) values[k] = v;
        }
        if (m.extra !== null) {
          const extra = JSON.parse(m.extra) as { fields?: Record<string, string | number> };
          for (const [k, v] of Object.entries(extra.fields ?? {})) values[k] = v;
        }
        previewRows.push({ sheet: sheetName, row: r.line, status: m.rejected ? 'rejected' : m.warned ? 'warning' : 'ok', values, issues: m.issues.map((i) => i[1]) });
      }
      if (samplesWanted > 0 && !port && counts.rowsRead <= sampleRows) {
        for (let c = 0; c < samples.length; c++) {
          const list = samples[c];
          if (list && list.length < 5) {
            const t = rawText(r.cells[c] ?? null);
            if (t !== null && t.trim() !== '' && !list.includes(t)) {
              list.push(t);
              if (list.length === 5) samplesWanted--;
            }
          }
        }
      }
      if (port) {
        for (const i of m.issues) outIssues.push([sIdx, r.line, i[0], i[1], i[2], i[3] === null ? null : JSON.stringify(i[3])]);
        if (m.rejected) {
          const cells = names.map((_, c) => rawText(r.cells[c] ?? null) ?? '');
          outRejects.push([sIdx, r.line, JSON.stringify(cells), JSON.stringify(m.issues.filter((i) => ISSUE_KINDS[i[1]].severity === 'error'))]);
        } else {
          const v = m.values;
          packer.add(r.line);
          for (let i = 0; i < valueCount; i++) packer.add(v[i] ?? null);
          packer.add(m.extra);
          if (withFamilies) {
            // Family-level fields: text when they differ from the previous row sent, else SAME.
            const ff = m.familyFields;
            if (ff !== null && ff === lastFamilyFields) packer.add(SAME_FAMILY_FIELDS);
            else packer.add(ff);
            lastFamilyFields = ff;
            packer.add(m.relation);
            // The writer heads a family with the first member of a run of rows with the same
            // family id, or the one whose relation is 1: only those rows carry the family values.
            const f = m.family;
            const key = f === null ? null : (f[0] ?? null);
            const full = key !== lastFamilyKey || key === null || m.relation === 1;
            lastFamilyKey = key;
            packer.add(key);
            for (let i = 1; i < familyCount; i++) packer.add(full && f !== null ? (f[i] ?? null) : null);
          }
          packer.endRow();
        }
      }
    };
    for (const r of h.head.slice(startIndex)) handle(r);
    for (const r of h.rest) handle(r);
    h.head = [];
    h.rest = [];
    for (;;) {
      const next = await h.gen.next();
      if (next.done) break;
      for (const r of next.value) handle(r);
      if (packer.rows + outRejects.length >= SEND_ROWS) await flush();
      // Batches are small: look at the clock once per message's worth of rows.
      seenRows += next.value.length;
      if (seenRows >= SEND_ROWS) {
        seenRows = 0;
        const now = performance.now();
        if (now - lastProgress > 250) {
          lastProgress = now;
          post({ type: 'progress', payload: { rows: counts.rowsRead, fraction: totalFraction() } });
        }
      }
    }
    sheetSummaries.push({ name: sheetName, headerRow: s === 0 ? headerLine : null, sameHeader: true, rows: sheetRows });
  }
  await flush();
  // Close sheets opened for detection but not read.
  for (const [name, h] of heads) if (!plan.sheets.includes(name)) await h.gen.return(undefined);

  const allSheets: SheetSummary[] = [];
  // The planner chooses among sheets: say for each whether its header matches (heads only).
  for (const name of opened.sheets.slice(0, 64)) {
    if (heads.has(name)) continue;
    const h = await openSheet(name);
    await h.gen.return(undefined);
  }
  for (const name of opened.sheets) {
    const read = sheetSummaries.find((x) => x.name === name);
    if (read) allSheets.push(read);
    else {
      const h = heads.get(name);
      const found = h ? headerOf(h.head) : null;
      allSheets.push({ name, headerRow: found?.line ?? null, sameHeader: found !== null && h !== undefined && sameHeader(h.head[found.index]?.cells ?? [], headerCells), rows: null });
    }
  }

  return {
    ...resultBase,
    file: { size: opened.size, sha256, format: opened.format, encoding: info.encoding, delimiter: info.delimiter, reader: info.reader },
    sheets: allSheets,
    columns: names.map((header, index) => ({ index, header, field: mapper.fieldOfColumn(index), samples: samples[index] ?? [] })),
    rows: previewRows,
    issues: [...tallies.values()],
    sent: seq,
  };
}

export interface CrosswalkRead {
  readonly pairs: readonly (readonly [string, string, string | null])[];
  readonly rejected: number;
  readonly format: string;
}

const BPS_HEADER = /^(kode )?(bps|kode wilayah bps|kode desa bps|kdbps|id bps)( \w+)?$/;
const KEMENDAGRI_HEADER = /^(kode )?(kemendagri|kemdagri|kode wilayah kemendagri|kode wilayah|kode desa kemendagri|kd kemendagri|permendagri)( \w+)?$/;

/** A BPS ↔ Kemendagri crosswalk: the first sheet with a BPS code column and a Kemendagri code column. */
async function readCrosswalk(input: ReaderInput): Promise<CrosswalkRead> {
  const opened = await openSourceFile(input.path, input.maxFileBytes);
  const info: ReadInfo = { encoding: null, delimiter: null, reader: '' };
  for (const sheet of opened.sheets) {
    const gen = readSourceRows(input.path, opened.format, sheet, info);
    let bpsCol = -1;
    let kemCol = -1;
    let nameCol = -1;
    const pairs: [string, string, string | null][] = [];
    let rejected = 0;
    let headerSeen = false;
    for await (const batch of gen) {
      for (const r of batch) {
        if (!headerSeen) {
          const keys = r.cells.map((c) => cellText(c).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
          bpsCol = keys.findIndex((k) => BPS_HEADER.test(k));
          kemCol = keys.findIndex((k, i) => i !== bpsCol && KEMENDAGRI_HEADER.test(k));
          nameCol = keys.findIndex((k) => /^(nama|nama wilayah|nama desa|desa|wilayah)$/.test(k));
          if (bpsCol >= 0 && kemCol >= 0) headerSeen = true;
          else if (r.line > 40) break;
          continue;
        }
        const bps = cellText(r.cells[bpsCol]).replace(/\D/g, '');
        const kem = normalizeRegionCode(cellText(r.cells[kemCol]));
        if (bps.length < 2 || bps.length > 10 || kem === null) {
          if (cellText(r.cells[bpsCol]) !== '' || cellText(r.cells[kemCol]) !== '') rejected++;
          continue;
        }
        pairs.push([bps, kem, nameCol >= 0 ? cellText(r.cells[nameCol]) || null : null]);
      }
      if (!headerSeen && bpsCol < 0) break;
    }
    if (headerSeen) return { pairs, rejected, format: opened.format };
  }
  throw new ImportFileError('crosswalk_header', 'Tidak ditemukan kolom kode BPS dan kolom kode Kemendagri. Beri judul kolom "Kode BPS" dan "Kode Kemendagri".');
}

if (parentPort) {
  const out = parentPort;
  const post = (m: JobMessage<ReaderProgress, ReaderResult>): void => out.postMessage(m);
  const input = workerData as ReaderInput;
  (input.mode === 'crosswalk' ? readCrosswalk(input) : runReader(input, post)).then(
    (result) => {
      out.postMessage({ type: 'done', result });
      (workerData as ReaderInput).port?.close();
    },
    (e: unknown) => {
      const err = asImportError(e);
      const message = err instanceof ImportFileError ? (err.line !== null ? `${err.message} (baris ${err.line})` : err.message) : err instanceof Error ? err.message : String(err);
      const kind = err instanceof ImportFileError ? err.kind : 'failed';
      out.postMessage({ type: 'error', message: JSON.stringify({ kind, message, line: err instanceof ImportFileError ? err.line : null }) });
    },
  );
}
