/**
 * "Gunakan data contoh": the generator writes the demo files of the working province into a
 * temporary folder and each is imported through the same pipeline as a planner's file (origin
 * `demo`), so the demo batches carry exactly what an import of those files carries — issues,
 * rejected rows, provenance. If any import fails, the batches already imported are deleted:
 * nothing half-written remains.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportResult } from '../../../shared/contracts/imports.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import { deleteBatch } from '../imports/batches.ts';
import { commitImport, type ImportEnv } from '../imports/run.ts';
import { generateDemoFiles } from './files.ts';
import type { GroundTruth } from './truth.ts';

interface DemoImport {
  readonly file: string;
  readonly source: SourceKind;
  readonly label: string;
  readonly vintage: string;
}

/** One batch per source, from the CSV variant where a file comes in both formats. */
export const DEMO_IMPORTS: readonly DemoImport[] = [
  { file: 'p3ke-keluarga.csv', source: 'p3ke_keluarga', label: 'P3KE Keluarga (contoh)', vintage: '2024' },
  { file: 'p3ke-individu.csv', source: 'p3ke_individu', label: 'P3KE Individu (contoh)', vintage: '2024' },
  { file: 'dtks.csv', source: 'dtks', label: 'DTKS (contoh)', vintage: '2024' },
  { file: 'dtsen-keluarga.csv', source: 'dtsen_keluarga', label: 'DTSEN Keluarga (contoh)', vintage: '2025' },
  { file: 'program-rtlh-2025.xlsx', source: 'program', label: 'Penerima RTLH 2025 (contoh)', vintage: '2025' },
  { file: 'program-pkh-2025.csv', source: 'program', label: 'Penerima PKH 2025 (contoh)', vintage: '2025' },
  { file: 'indikator-kabupaten.xlsx', source: 'indicator', label: 'Indikator Kabupaten/Kota (contoh)', vintage: '2021–2024' },
];

export interface DemoImportOptions {
  readonly province: string;
  readonly families: number;
  readonly seed: number;
  readonly onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface DemoImportResult {
  readonly families: number;
  readonly persons: number;
  readonly batchIds: readonly number[];
  readonly imports: readonly ImportResult[];
  readonly truth: GroundTruth;
}

export async function importDemo(env: ImportEnv, options: DemoImportOptions): Promise<DemoImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'padu-demo-'));
  const done: ImportResult[] = [];
  try {
    const files = await generateDemoFiles({
      outDir: dir,
      province: options.province,
      families: options.families,
      seed: options.seed,
      formats: ['csv'],
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const truth = JSON.parse(readFileSync(files.truthPath, 'utf8')) as GroundTruth;
    for (const [i, d] of DEMO_IMPORTS.entries()) {
      options.onProgress?.({ phase: 'import', done: i, total: DEMO_IMPORTS.length });
      const r = await commitImport(
        env,
        { file: { path: join(dir, d.file), name: d.file }, source: d.source, label: d.label, vintage: d.vintage, saveProfile: false, allowDuplicate: true },
        { origin: 'demo', details: { generator: 'padu-demo', seed: options.seed, families: options.families, province: options.province } },
      );
      done.push(r);
    }
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    return { families: files.families, persons: files.persons, batchIds: done.map((r) => r.batchId), imports: done, truth };
  } catch (e) {
    for (const r of done) deleteBatch(env.db, r.batchId);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
