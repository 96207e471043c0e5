import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvStreamWriter } from './csv-writer.ts';
import { formatIso, REFERENCE } from './dates.ts';
import { indicatorRows, indicatorValues } from './indicators.ts';
import type { NoiseRates } from './noise.ts';
import { resolveNoise } from './noise.ts';
import type { Progress } from './pipeline.ts';
import { GENERATOR_VERSION, preparePlan, runVillages } from './pipeline.ts';
import { Rng } from './random.ts';
import type { TableSink } from './sinks.ts';
import { CsvTableSink, FaultLog, XlsxTableSink } from './sinks.ts';
import type { FileSpec, TableKey } from './tables.ts';
import { FILES } from './tables.ts';
import { csvTitles, xlsxLayout } from './layouts.ts';
import type { FileTruth, GroundTruth } from './truth.ts';
import { TRUTH_FAMILY_COLUMNS, TRUTH_PERSON_COLUMNS, TruthTally } from './truth.ts';

/**
 * `generateDemoFiles`: the synthetic source files of a province — P3KE, DTKS, DTSEN, two program
 * lists and a sectoral indicator table, in the shapes and with the faults of real files — plus
 * their ground truth. Every output is streamed, so 1.2 million families fit in flat memory, and
 * the same options give byte-identical files.
 */

export interface DemoFileOptions {
  readonly outDir: string;
  readonly province: string;
  /** P3KE families (desil 1–4); about 0.35 × as many better-off families are added behind them. */
  readonly families: number;
  readonly seed: number;
  /** Which variants of the files that come in both formats to write (default both). */
  readonly formats?: readonly ('csv' | 'xlsx')[];
  readonly noise?: Partial<NoiseRates>;
  readonly onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface DemoFilesResult {
  readonly outDir: string;
  readonly files: readonly { name: string; source: string; rows: number; bytes: number }[];
  readonly truthPath: string;
  /** P3KE families written. */
  readonly families: number;
  /** P3KE persons written (rows of the P3KE individu file). */
  readonly persons: number;
  readonly seconds: number;
}

export const TRUTH_FILES = {
  groundTruth: 'ground-truth.json',
  families: 'truth-families.csv',
  persons: 'truth-persons.csv',
  faults: 'faults.csv',
} as const;

export async function generateDemoFiles(options: DemoFileOptions): Promise<DemoFilesResult> {
  const started = performance.now();
  const rates = resolveNoise(options.noise);
  const formats = new Set(options.formats ?? ['csv', 'xlsx']);
  if (formats.size === 0) throw new Error('formats must include csv or xlsx');
  const onProgress: Progress | undefined = options.onProgress;
  onProgress?.({ phase: 'plan', done: 0, total: 1 });
  const plan = await preparePlan(options.province, options.families, options.seed);
  onProgress?.({ phase: 'plan', done: 1, total: 1 });

  const outDir = options.outDir;
  mkdirSync(outDir, { recursive: true });
  const files = FILES.filter((f) => f.always || formats.has(f.format));
  const created: string[] = [];
  const sinks: { file: FileSpec; sink: TableSink }[] = [];
  const faults = new FaultLog(join(outDir, TRUTH_FILES.faults));
  created.push(TRUTH_FILES.faults);
  const truthFamilies = CsvStreamWriter.create(join(outDir, TRUTH_FILES.families), { delimiter: ',', bom: false, eol: '\n' });
  created.push(TRUTH_FILES.families);
  const truthPersons = CsvStreamWriter.create(join(outDir, TRUTH_FILES.persons), { delimiter: ',', bom: false, eol: '\n' });
  created.push(TRUTH_FILES.persons);
  truthFamilies.writeRow(TRUTH_FAMILY_COLUMNS);
  truthPersons.writeRow(TRUTH_PERSON_COLUMNS);

  try {
    for (const file of files) {
      // One format-noise stream per file: csv-only runs give the same CSVs as csv+xlsx runs.
      const rng = Rng.from(options.seed, 'format', file.name);
      created.push(file.name);
      const sink =
        file.format === 'csv'
          ? new CsvTableSink(outDir, file, rng, rates, faults, csvTitles(file, plan, rates))
          : await XlsxTableSink.create(outDir, file, rng, rates, faults, xlsxLayout(file, plan, rates));
      sinks.push({ file, sink });
    }
    const byTable = new Map<TableKey, TableSink[]>();
    for (const { file, sink } of sinks) byTable.set(file.table.key, [...(byTable.get(file.table.key) ?? []), sink]);

    const tally = new TruthTally(plan.province.code);
    await runVillages(
      plan,
      options.seed,
      rates,
      tally,
      async (rec) => {
        for (const [key, rows] of Object.entries(rec.rows) as [TableKey, (typeof rec.rows)[keyof typeof rec.rows]][]) {
          const targets = byTable.get(key) ?? [];
          for (const row of rows) for (const s of targets) s.add(row);
        }
        for (const r of rec.truthFamilies) truthFamilies.writeRow(r);
        for (const r of rec.truthPersons) truthPersons.writeRow(r);
        for (const { sink } of sinks) await sink.drain();
      },
      onProgress,
    );

    const indicators = indicatorValues(plan, options.seed);
    const iRows = indicatorRows(indicators, options.seed, rates, plan.province.code);
    const indicatorTally = tally.source.indicator;
    for (const [i, row] of iRows.entries()) {
      for (const s of byTable.get('indicator') ?? []) s.add(row);
      const v = indicators[i];
      if (v) indicatorTally.row(v.code, v.code, null);
    }

    onProgress?.({ phase: 'closing', done: 0, total: sinks.length });
    const fileTruths: FileTruth[] = [];
    for (const [i, { sink }] of sinks.entries()) {
      fileTruths.push(await sink.close());
      onProgress?.({ phase: 'closing', done: i + 1, total: sinks.length });
    }
    const familiesBytes = truthFamilies.close();
    const personsBytes = truthPersons.close();
    const faultsBytes = faults.close();

    const counts = tally.freeze();
    const truth: GroundTruth = {
      generator: 'padu-demo',
      version: GENERATOR_VERSION,
      seed: options.seed,
      province: { code: plan.province.code, name: plan.province.name },
      families: options.families,
      referenceDate: formatIso(REFERENCE),
      noise: { ...rates },
      files: fileTruths,
      counts,
      faults: { total: faults.total, byKind: sortedRecord(faults.byKind), byFile: sortedRecord(faults.byFile) },
      indicators: indicators.map((v) => ({ code: v.code, indicator: v.indicator, period: v.period, value: v.value, unit: v.unit, source: v.source })),
      notes: [
        'Rows in truth-*.csv are 1-based data-record ordinals per source (across sheets), not sheet rows; files[].sheets[] gives where data starts.',
        'Record-level faults (name variants, missing/duplicate NIK, swapped dates, undotted codes, unpadded RT/RW) are identical in the CSV and XLSX variant of a file; format faults differ.',
        'faults.csv rows are sheet rows (xlsx) or line numbers (csv), 1-based, header and title rows included; for nik_as_number the cell holds the number whose digits are `written`.',
        'DTKS has no desil column: its counts are by kabupaten/kecamatan; DTKS xlsx birth dates are real date cells (yyyy-mm-dd format).',
        'DTSEN `NIK Keluarga` holds the No KK and `NIK (Kepala Keluarga) Padan` the head NIK; labels are Title Case; region names follow BPS (no KABUPATEN prefix).',
        'PKH `Kode Wilayah` is written without dots throughout (the export convention), not as a fault.',
        'P3KE `Pensasaran` values (the year a family was first targeted) are invented.',
        'Indicator values for regencies are synthetic; the NTT province row uses published figures where known (SSGI 2022 35.4%, e-PPGBM 2022 17.7%).',
      ],
    };
    const truthPath = join(outDir, TRUTH_FILES.groundTruth);
    writeFileSync(truthPath, `${JSON.stringify(truth, null, 2)}\n`);

    const p3keInd = counts.sources.p3ke_individu;
    return {
      outDir,
      files: [
        ...fileTruths.map((f) => ({ name: f.name, source: f.source, rows: f.rows, bytes: f.bytes })),
        { name: TRUTH_FILES.families, source: 'truth', rows: counts.population.families, bytes: familiesBytes },
        { name: TRUTH_FILES.persons, source: 'truth', rows: counts.population.persons, bytes: personsBytes },
        { name: TRUTH_FILES.faults, source: 'truth', rows: faults.total, bytes: faultsBytes },
      ],
      truthPath,
      families: counts.sources.p3ke_keluarga.families,
      persons: p3keInd.persons,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } catch (err) {
    for (const { sink } of sinks) sink.abort();
    for (const w of [truthFamilies, truthPersons]) {
      try {
        w.close();
      } catch {
        // Already closed or failing too; the original error is reported.
      }
    }
    try {
      faults.close();
    } catch {
      // As above.
    }
    // Leave no half-written set behind that could be mistaken for a complete one.
    for (const name of created) rmSync(join(outDir, name), { force: true });
    throw err;
  }
}

function sortedRecord(obj: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k] ?? 0;
  return out;
}
