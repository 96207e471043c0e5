import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { GENERATOR_VERSION } from '../../electron/warehouse/demo/pipeline.ts';
import type { FileTruth, GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { readCsv } from '../../electron/warehouse/imports/readers/csv.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { BenchContext, BenchSection } from './run.ts';
import { fmt, measureCommand, type Measured } from './measure.ts';

/**
 * `padu import` end to end (a child process: parse, normalise, validate, insert, commit) on the
 * generator's P3KE files, beside references measured in the same run:
 *
 * - CSV at the bench's scale: the sqlite3 shell's `.import` of the same file into a plain table
 *   of a fresh database (every cell as TEXT, no checks) — the floor for "CSV into SQLite".
 * - a ~100 k-row .xlsx and a 65,000-row BIFF8 .xls: SheetJS reading the same workbook to arrays
 *   (no validation, no writes) — the usual JavaScript way to read a spreadsheet.
 *
 * Generated files are cached under the system temp dir (keyed by families, seed, formats and
 * generator version), since 1.2 M families take ~3 minutes to write.
 */

const SEED = 7;
/** Families giving ≥ 100 k rows in p3ke-individu.xlsx (~4.1 people a family). */
const XLSX_FAMILIES = 25_000;
/** Data rows of the legacy sheet (BIFF8 stops at 65,536 rows, header included). */
const XLS_ROWS = 65_000;
const TARGET = { csvRatio: 1.5, csvPeakMb: 400, xlsxSeconds: 15, xlsxPeakMb: 600 } as const;

/**
 * Rounds of the CSV comparison, ours and the reference alternating, medians reported: on a shared
 * machine one run of the ~10 s reference swung from 9.3 s to 14.2 s between runs of one day,
 * which alone moved the keluarga ratio from 1.53 × to 1.93 ×.
 */
const CSV_ROUNDS = 3;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

interface ImportJson {
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsSkipped: number;
  readonly seconds: number;
}

type Outcome = { readonly ok: true; readonly run: Measured; readonly result: ImportJson } | { readonly ok: false; readonly run: Measured; readonly error: string };

interface Dataset {
  readonly dir: string;
  readonly truth: GroundTruth;
}

function cacheRoot(): string {
  return join(tmpdir(), 'padu-bench-cache');
}

function fileTruth(ds: Dataset, name: string): FileTruth {
  const f = ds.truth.files.find((x) => x.name === name);
  if (!f) throw new Error(`${name} is not in ${ds.dir}/ground-truth.json`);
  return f;
}

/** A cached generator output is reused only when complete and made by this generator version. */
function readCached(dir: string, families: number): GroundTruth | null {
  const path = join(dir, 'ground-truth.json');
  if (!existsSync(path)) return null;
  try {
    const truth = JSON.parse(readFileSync(path, 'utf8')) as GroundTruth;
    if (truth.version !== GENERATOR_VERSION || truth.seed !== SEED || truth.families !== families) return null;
    for (const f of truth.files) {
      if (!existsSync(join(dir, f.name)) || statSync(join(dir, f.name)).size !== f.bytes) return null;
    }
    return truth;
  } catch {
    return null;
  }
}

/** The generator's files for `families` (seed 7), from the cache or written by `padu demo --out`. */
async function dataset(ctx: BenchContext, families: number, formats: string): Promise<Dataset> {
  const dir = join(cacheRoot(), `demo-v${GENERATOR_VERSION}-f${families}-s${SEED}-${formats.replace(',', '+')}`);
  const cached = readCached(dir, families);
  if (cached) {
    ctx.log(`import: reusing generated files in ${dir}`);
    return { dir, truth: cached };
  }
  rmSync(dir, { recursive: true, force: true });
  ctx.log(`import: generating ${fmt(families, 0)} families (${formats}) into ${dir}`);
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  const gen = await measureCommand(process.execPath, [cli, 'demo', '--out', dir, '--families', String(families), '--seed', String(SEED), '--formats', formats, '--json']);
  ctx.log(`import: generated in ${fmt(gen.seconds)} s`);
  const truth = readCached(dir, families);
  if (!truth) throw new Error(`generator output in ${dir} is incomplete`);
  return { dir, truth };
}

/** Read a file once so neither side pays the first disk read (both then read from the page cache). */
function warm(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    while (readSync(fd, buf, 0, buf.length, null) > 0) {
      // Reading is the point.
    }
  } finally {
    closeSync(fd);
  }
}

function initWarehouse(ctx: BenchContext, db: string): void {
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  execFileSync(process.execPath, [cli, 'init', '--db', db, '--province', '53', '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function ours(ctx: BenchContext, db: string, source: string, file: string, extra: readonly string[] = []): Promise<Outcome> {
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  const run = await measureCommand(process.execPath, [cli, 'import', '--db', db, '--source', source, ...extra, file, '--json'], process.env, { allowFailure: true });
  if (run.code === 0) return { ok: true, run, result: JSON.parse(run.stdout) as ImportJson };
  // The CLI's own message (`padu: …`).
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  const error = (lines.findLast((l) => l.startsWith('padu:')) ?? lines.at(-1) ?? `exit ${run.code}`).replace(/^padu:\s*/, '');
  return { ok: false, run, error };
}

/** Reference for CSV: `sqlite3 REF.db .mode csv ".import --skip K FILE t"` into a fresh database. */
async function sqliteImport(dir: string, file: string, truth: FileTruth): Promise<{ run: Measured; rows: number }> {
  const db = join(dir, `ref-${truth.name}.db`);
  const skip = (truth.sheets[0]?.headerRow ?? 1) - 1;
  const delimiter = truth.csv?.delimiter ?? ',';
  const args = [db, '.mode csv', ...(delimiter === ',' ? [] : [`.separator "${delimiter}"`]), `.import --skip ${skip} "${file}" t`];
  const run = await measureCommand('sqlite3', args);
  const rows = Number(execFileSync('sqlite3', [db, 'SELECT count(*) FROM t']).toString().trim());
  rmSync(db, { force: true });
  return { run, rows };
}

/** Reference for spreadsheets: SheetJS `readFile` (dense) and `sheet_to_json` of every sheet, in a fresh process. */
async function sheetJsRead(ctx: BenchContext, file: string): Promise<{ run: Measured; rows: number }> {
  const lib = JSON.stringify(join(ctx.root, 'node_modules', 'xlsx'));
  const script =
    `const X=require(${lib});const wb=X.readFile(process.argv[1],{dense:true,cellFormula:false,cellHTML:false,cellStyles:false,cellText:false});` +
    `let n=0;for(const s of wb.SheetNames)n+=X.utils.sheet_to_json(wb.Sheets[s],{header:1,raw:true,defval:null}).length;console.log(n)`;
  const run = await measureCommand(process.execPath, ['-e', script, file]);
  return { run, rows: Number(run.stdout.trim()) };
}

/** The slice of SheetJS's bundled CFB (OLE2 container) library used here (`XLSX.CFB` is typed `any`). */
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' }): unknown;
  find(cfb: unknown, path: string): { content: Uint8Array } | null;
  write(cfb: unknown, opts: { type: 'buffer' }): Buffer;
  utils: { cfb_new(opts: { root: string }): unknown; cfb_add(cfb: unknown, name: string, content: Uint8Array): unknown };
}

const BIFF = { BOF: 0x0809, EOF: 0x000a, BOUNDSHEET: 0x0085, LABEL: 0x0204, LABELSST: 0x00fd, SST: 0x00fc, CONTINUE: 0x003c } as const;
/** Most payload bytes in one BIFF8 record; longer data goes on in Continue records. */
const BIFF_MAX_PAYLOAD = 8224;

function biffRecord(type: number, payload: Buffer): Buffer {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(payload.length, 2);
  return Buffer.concat([head, payload]);
}

/** An XLUnicodeRichExtendedString without runs: a byte a character when all Latin-1 (as Excel), else UTF-16LE. */
function xlString(text: string): Buffer {
  const v = text.slice(0, 255);
  const wide = !/^[\u0000-\u00ff]*$/.test(v);
  const out = Buffer.allocUnsafe(3 + (wide ? 2 : 1) * v.length);
  out.writeUInt16LE(v.length, 0);
  out.writeUInt8(wide ? 1 : 0, 2);
  out.write(v, 3, wide ? 'utf16le' : 'latin1');
  return out;
}

/** SST and its Continue records, strings never split across records (as SheetJS writes it). */
function sstRecords(strings: readonly string[], total: number): Buffer[] {
  const records: Buffer[] = [];
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32LE(total, 0);
  head.writeUInt32LE(strings.length, 4);
  let type: number = BIFF.SST;
  let parts: Buffer[] = [head];
  let size = head.length;
  for (const s of strings) {
    const enc = xlString(s);
    if (size + enc.length > BIFF_MAX_PAYLOAD) {
      records.push(biffRecord(type, Buffer.concat(parts)));
      type = BIFF.CONTINUE;
      parts = [];
      size = 0;
    }
    parts.push(enc);
    size += enc.length;
  }
  records.push(biffRecord(type, Buffer.concat(parts)));
  return records;
}

/**
 * The legacy sheet: P3KE keluarga headers and the first 65,000 data rows of the CSV, as BIFF8.
 * SheetJS writes the workbook (globals, fonts, XFs, the sheet's records, the header row,
 * dimensions for the full range) and the OLE2 container; the data goes in as Excel stores text —
 * a shared-string table (SST) in the globals and a `LabelSst` record per cell — because SheetJS's
 * own BIFF writer keeps a 16 KiB block per cell record (~37 GB for 65,000 × 35 cells).
 */
function buildXls(ctx: BenchContext, ds: Dataset): string {
  const path = join(ds.dir, `p3ke-keluarga-${XLS_ROWS}.xls`);
  if (existsSync(path)) return path;
  const truth = fileTruth(ds, 'p3ke-keluarga.csv');
  const headerLine = truth.sheets[0]?.headerRow ?? 1;
  ctx.log(`import: writing ${fmt(XLS_ROWS, 0)}-row .xls (SheetJS biff8)`);
  const aoa: string[][] = [];
  // Leaving the loop early closes the reader (and its file).
  for (const batch of readCsv(join(ds.dir, truth.name))) {
    for (const row of batch) {
      if (row.line >= headerLine && aoa.length <= XLS_ROWS) aoa.push(row.cells);
    }
    if (aoa.length > XLS_ROWS) break;
  }
  const header = aoa[0];
  if (!header || aoa.length !== XLS_ROWS + 1) throw new Error(`${truth.name} has fewer than ${XLS_ROWS} data rows`);

  const ws = XLSX.utils.aoa_to_sheet([header]);
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: XLS_ROWS, c: header.length - 1 } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'P3KE Keluarga');
  const cfbApi = XLSX.CFB as CfbApi;
  const template = cfbApi.find(cfbApi.read(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer, { type: 'buffer' }), '/Workbook');
  if (!template) throw new Error('SheetJS wrote no Workbook stream');
  const stream = Buffer.from(template.content);

  // Walk the records: the globals' EOF is where the SST goes; the sheet's header Labels are followed by the data.
  let bofs = 0;
  let globalsEnd = -1;
  let cellsAt = -1;
  let xf = -1;
  const boundSheets: number[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const end = at + 4 + stream.readUInt16LE(at + 2);
    if (type === BIFF.BOF) bofs++;
    if (bofs === 1 && type === BIFF.BOUNDSHEET) boundSheets.push(at + 4);
    if (bofs === 1 && type === BIFF.EOF && globalsEnd < 0) globalsEnd = at;
    if (bofs === 2 && type === BIFF.LABEL) {
      if (xf < 0) xf = stream.readUInt16LE(at + 8);
      cellsAt = end;
    }
    at = end;
  }
  if (globalsEnd < 0 || cellsAt < 0 || boundSheets.length === 0) throw new Error('unexpected record layout in the SheetJS template');

  const ids = new Map<string, number>();
  const strings: string[] = [];
  let total = 0;
  const cells: Buffer[] = [];
  for (let r = 1; r < aoa.length; r++) {
    const row = aoa[r] ?? [];
    const rec = Buffer.alloc(14 * row.length);
    let n = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === undefined || v === '') continue;
      let id = ids.get(v);
      if (id === undefined) {
        id = strings.length;
        ids.set(v, id);
        strings.push(v);
      }
      total++;
      const o = 14 * n++;
      rec.writeUInt16LE(BIFF.LABELSST, o);
      rec.writeUInt16LE(10, o + 2);
      rec.writeUInt16LE(r, o + 4);
      rec.writeUInt16LE(c, o + 6);
      rec.writeUInt16LE(xf, o + 8);
      rec.writeUInt32LE(id, o + 10);
    }
    cells.push(rec.subarray(0, 14 * n));
  }
  const sst = Buffer.concat(sstRecords(strings, total));
  // The sheet moves down by the SST's size: BoundSheet8.lbPlyPos says where its BOF is.
  for (const p of boundSheets) stream.writeUInt32LE(stream.readUInt32LE(p) + sst.length, p);
  const workbook = Buffer.concat([stream.subarray(0, globalsEnd), sst, stream.subarray(globalsEnd, cellsAt), ...cells, stream.subarray(cellsAt)]);
  const out = cfbApi.utils.cfb_new({ root: 'R' });
  cfbApi.utils.cfb_add(out, '/Workbook', workbook);
  writeFileSync(`${path}.part`, cfbApi.write(out, { type: 'buffer' }));
  renameSync(`${path}.part`, path);
  return path;
}

const mb = (n: number | null): string => (n === null ? '?' : `${fmt(n, 0)} MB`);
const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
const cellText = (text: string): string => text.replace(/\|/g, '\\|');

/** The columns both tables share: rows, our figures. */
function oursCells(o: Outcome, expected: number): string {
  if (!o.ok) return `${fmt(expected, 0)} | **failed**: ${cellText(o.error)} | ${fmt(o.run.seconds)} s (failed) | – | – | **${mb(o.run.peakMb)}**`;
  const r = o.result;
  const short = r.rowsRead === expected ? '' : ` (**${fmt(expected - r.rowsRead, 0)} not read**)`;
  return (
    `${fmt(expected, 0)} | ${fmt(r.rowsRead, 0)} / ${fmt(r.rowsImported, 0)} / ${fmt(r.rowsRejected, 0)}${short} | **${fmt(o.run.seconds)} s** | ` +
    `${fmt(r.seconds)} s | ${fmt(r.rowsRead / o.run.seconds / 1000, 1)} k | **${mb(o.run.peakMb)}**`
  );
}

function allRead(o: Outcome, expected: number): boolean {
  return o.ok && o.result.rowsRead === expected && o.result.rowsImported + o.result.rowsRejected === expected;
}

export async function benchImport(ctx: BenchContext): Promise<BenchSection> {
  try {
    execFileSync('sqlite3', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('The import benchmark needs the sqlite3 shell as its reference: apt-get install -y sqlite3 (see .ci/run).');
  }
  const sqliteVersion = execFileSync('sqlite3', ['--version']).toString().split(' ')[0] ?? '';
  mkdirSync(cacheRoot(), { recursive: true });
  const main = await dataset(ctx, ctx.families, 'csv');
  const book = await dataset(ctx, XLSX_FAMILIES, 'csv,xlsx');
  const xlsSource = fileTruth(main, 'p3ke-keluarga.csv').rows >= XLS_ROWS ? main : await dataset(ctx, XLS_ROWS, 'csv');
  const xls = buildXls(ctx, xlsSource);

  const tmp = tempDir('bench-import');
  try {
    // CSV at scale: both P3KE files into one warehouse, keluarga first, as a user would; a fresh
    // warehouse each round, the reference run just before ours each time.
    const csvFiles = [
      ['p3ke-keluarga.csv', 'p3ke-keluarga'],
      ['p3ke-individu.csv', 'p3ke-individu'],
    ] as const;
    const runs = new Map<string, { refs: { run: Measured; rows: number }[]; outs: Outcome[] }>(csvFiles.map(([name]) => [name, { refs: [], outs: [] }]));
    for (let round = 1; round <= CSV_ROUNDS; round++) {
      const db = join(tmp.dir, `padu-${round}.db`);
      initWarehouse(ctx, db);
      for (const [name, source] of csvFiles) {
        const truth = fileTruth(main, name);
        const file = join(main.dir, name);
        const r = runs.get(name) as { refs: { run: Measured; rows: number }[]; outs: Outcome[] };
        warm(file);
        ctx.log(`import: ${name} — round ${round}/${CSV_ROUNDS}, reference sqlite3 .import`);
        r.refs.push(await sqliteImport(tmp.dir, file, truth));
        ctx.log(`import: ${name} — round ${round}/${CSV_ROUNDS}, padu import`);
        r.outs.push(await ours(ctx, db, source, file));
      }
      // A province's warehouse is ~2.5 GB: one at a time on disk.
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    }
    const csvRows: string[] = [];
    for (const [name] of csvFiles) {
      const truth = fileTruth(main, name);
      const { refs, outs } = runs.get(name) as { refs: { run: Measured; rows: number }[]; outs: Outcome[] };
      const refSeconds = median(refs.map((x) => x.run.seconds));
      const failed = outs.find((o) => !o.ok);
      // Shown: our run with the median wall time (or the failure); peak: the highest of the rounds.
      const ordered = [...outs].sort((a, b) => a.run.seconds - b.run.seconds);
      const shown = failed ?? (ordered[ordered.length >> 1] as Outcome);
      const ourSeconds = median(outs.map((o) => o.run.seconds));
      const ratio = failed ? null : ourSeconds / refSeconds;
      const peaks = outs.map((o) => o.run.peakMb).filter((p): p is number => p !== null);
      const peak = peaks.length === outs.length ? Math.max(...peaks) : null;
      const refRows = refs.map((x) => x.rows).find((n) => n !== truth.rows);
      const refShort = refRows === undefined ? '' : ` (**${fmt(refRows, 0)} rows**)`;
      const rounds = outs.map((o, i) => `${fmt(o.run.seconds)} / ${fmt(refs[i]?.run.seconds ?? 0)} s`).join('; ');
      const shownCells = oursCells({ ...shown, run: { ...shown.run, peakMb: peak } }, truth.rows);
      csvRows.push(
        `| \`${name}\` | ${fmt(truth.bytes / 2 ** 20, 0)} MB | ${shownCells} | ${fmt(refSeconds)} s${refShort} | ${mb(Math.max(...refs.map((x) => x.run.peakMb ?? 0)))} | ` +
          `${ratio === null ? '–' : `**${fmt(ratio, 2)} ×**`} | ${rounds} | ${yes(ratio !== null && ratio <= TARGET.csvRatio)} | ${yes(peak !== null && peak <= TARGET.csvPeakMb)} | ${yes(outs.every((o) => allRead(o, truth.rows)))} |`,
      );
    }

    // Spreadsheets, each into a fresh warehouse.
    const sheetRows: string[] = [];
    const individu = fileTruth(book, 'p3ke-individu.xlsx');
    const cases = [
      {
        label: `\`p3ke-individu.xlsx\` (${fmt(XLSX_FAMILIES, 0)} families, ${individu.sheets.length} sheet${individu.sheets.length === 1 ? '' : 's'}), \`--all-sheets\``,
        file: join(book.dir, individu.name),
        source: 'p3ke-individu',
        extra: ['--all-sheets'],
        expected: individu.rows,
        kind: 'xlsx' as const,
      },
      { label: `\`.xls\` (BIFF8), P3KE keluarga, first ${fmt(XLS_ROWS, 0)} rows`, file: xls, source: 'p3ke-keluarga', extra: [], expected: XLS_ROWS, kind: 'xls' as const },
    ];
    for (const c of cases) {
      const cdb = join(tmp.dir, `padu-${c.kind}.db`);
      initWarehouse(ctx, cdb);
      warm(c.file);
      ctx.log(`import: ${c.kind} — reference SheetJS read`);
      const ref = await sheetJsRead(ctx, c.file);
      ctx.log(`import: ${c.kind} — padu import`);
      const o = await ours(ctx, cdb, c.source, c.file, c.extra);
      let target: string;
      let met: string;
      if (c.kind === 'xlsx') {
        target = `≤ ${TARGET.xlsxSeconds} s · ≤ ${TARGET.xlsxPeakMb} MB · all rows`;
        met = o.ok ? `${yes(o.run.seconds <= TARGET.xlsxSeconds)} · ${yes(o.run.peakMb !== null && o.run.peakMb <= TARGET.xlsxPeakMb)} · ${yes(allRead(o, c.expected))}` : '**no** (failed)';
      } else {
        target = 'imports, all rows';
        met = yes(allRead(o, c.expected));
      }
      sheetRows.push(
        `| ${c.label} | ${fmt(statSync(c.file).size / 2 ** 20, 0)} MB | ${oursCells(o, c.expected)} | ${fmt(ref.run.seconds)} s | ${mb(ref.run.peakMb)} | ${fmt(ref.rows, 0)} | ${target} | ${met} |`,
      );
    }

    return {
      id: 'import',
      title: 'Import pipeline (`padu import`)',
      markdown: [
        `Generator files (NTT, seed ${SEED}), each imported by \`padu import --db DB --source … FILE --json\` run as a child process. The reader and writer workers are threads of that one process, so its peak RSS (GNU \`time\` \`%M\`) covers both. "Wall" is the whole process — start-up, opening the warehouse, parse, normalise, validate, insert, commit; "pipeline" is the import's own \`seconds\`; rows/s = rows read ÷ wall. Each warehouse is created by \`padu init --province 53\` first (not timed). Every file is read once before each run, so both read it from the page cache.`,
        '',
        `**CSV, ${fmt(ctx.families, 0)} P3KE families** — both files into one warehouse, keluarga first. Reference: the sqlite3 ${sqliteVersion} shell, \`.mode csv\` + \`.import --skip K FILE t\` (K = the title lines above the header, which becomes the column names) into a fresh database: every cell as TEXT, no checks. ${CSV_ROUNDS} rounds, each in a fresh warehouse, the reference run just before ours each time; wall times are the medians of the rounds (the columns of our figures show the median run), the ratio is median ÷ median, peak RSS the highest of the rounds. Targets: ≤ ${TARGET.csvRatio} × the reference, peak ≤ ${TARGET.csvPeakMb} MB.`,
        '',
        '| file | size | rows in file | read / imported / rejected | wall (median) | pipeline | rows/s | peak RSS | reference `sqlite3 .import` (median) | reference peak | ours ÷ reference | rounds: ours / reference | ≤ 1.5 × | ≤ 400 MB | all rows |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: | :---: | :---: |',
        ...csvRows,
        '',
        `**Spreadsheets**, each into a fresh warehouse, one run each. Reference: SheetJS 0.20.3 in a fresh Node process, \`readFile\` (dense) and \`sheet_to_json\` of every sheet — reading only (title, header and total rows included in its count), no validation, no writes. The generator splits \`p3ke-individu.xlsx\` into sheets as legacy exports do, so it is imported with \`--all-sheets\`. The \`.xls\` holds the keluarga header and the first ${fmt(XLS_ROWS, 0)} data rows of the generated \`p3ke-keluarga.csv\`, all cells text: SheetJS writes the BIFF8 workbook and its OLE2 container; the data cells go in as Excel stores text (shared-string table + \`LabelSst\` records), because SheetJS's own BIFF writer needs a 16 KiB buffer per cell (~37 GB here).`,
        '',
        '| file | size | rows in file | read / imported / rejected | wall | pipeline | rows/s | peak RSS | reference SheetJS read | reference peak | reference rows | target | met |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: |',
        ...sheetRows,
      ].join('\n'),
    };
  } finally {
    tmp.cleanup();
  }
}
