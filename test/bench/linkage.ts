/**
 * `npm run bench -- --only linkage`: padu-padan at province scale and its quality against the
 * generator's ground truth.
 *
 *  - On the analysis bench's warehouse (1.2 M P3KE families: ~5 M P3KE individu against ~4.7 M DTKS
 *    people), `padu link` in a process of its own (wall time and peak RSS by GNU time), then
 *    `padu link-eval` against the generator's truth-persons.csv: precision and recall of the
 *    automatic links, the review queue. Targets: ≤ 120 s and ≤ 1.5 GB; precision ≥ 0.995,
 *    recall ≥ 0.98, queue ≤ 2 %.
 *  - The reference in the same run: the sqlite3 shell joining the two batches on NIK alone — the
 *    cheapest single pass of the cascade, with no name check, scoring, blocking or writing.
 *  - Quality at higher noise: smaller generated files (the same generator, seed and families for
 *    every rate) at the default noise and at three and five times the name, NIK and birth-date noise.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import { DEFAULT_NOISE, type NoiseRates } from '../../electron/warehouse/demo/noise.ts';
import { evaluateRun, type Evaluation } from '../../electron/warehouse/linkage/eval.ts';
import { linkBatches, type LinkStats } from '../../electron/warehouse/linkage/run.ts';
import { openWarehouse } from '../../electron/warehouse/server.ts';
import { demoFilesFor, warehouseFor } from './analysis.ts';
import { fmt, measureCommand, type Measured } from './measure.ts';
import type { BenchContext, BenchSection } from './run.ts';

const TARGET = { seconds: 120, mb: 1536, precision: 0.995, recall: 0.98, review: 0.02 };
const NOISE_FAMILIES = 20_000;
const NOISE_SEED = 11;

function noiseTimes(k: number): Partial<NoiseRates> {
  return {
    nameVariant: DEFAULT_NOISE.nameVariant * k,
    nikMissing: DEFAULT_NOISE.nikMissing * k,
    nikDuplicate: DEFAULT_NOISE.nikDuplicate * k,
    birthDateSwap: DEFAULT_NOISE.birthDateSwap * k,
  };
}

interface NoiseRow {
  readonly k: number;
  readonly stats: LinkStats;
  readonly evaluation: Evaluation;
}

async function atNoise(ctx: BenchContext, k: number): Promise<NoiseRow> {
  const dir = join(tmpdir(), `padu-bench-linkage-x${k}`);
  rmSync(dir, { recursive: true, force: true });
  await generateDemoFiles({ outDir: join(dir, 'files'), province: '53', families: NOISE_FAMILIES, seed: NOISE_SEED, formats: ['csv'], noise: noiseTimes(k) });
  const w = await openWarehouse(join(dir, 'w.db'), { log: () => undefined });
  try {
    const ok = <T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    ok(await w.call('settings.setWorkingProvince', { code: '53' }));
    const imp = async (name: string, source: string): Promise<number> =>
      ok<ImportResult>(await w.call('imports.commit', { file: { path: join(dir, 'files', name), name }, source })).batchId;
    const a = await imp('p3ke-individu.csv', 'p3ke_individu');
    const b = await imp('dtks.csv', 'dtks');
    const stats = linkBatches(w.db, { a, b });
    const evaluation = evaluateRun(w.db, stats.runId, join(dir, 'files', 'truth-persons.csv'));
    ctx.log(`linkage: noise ×${k}: precision ${evaluation.precision}, recall ${evaluation.recall}, review ${stats.review}`);
    return { k, stats, evaluation };
  } finally {
    w.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number, digits = 2): string => `${fmt(x * 100, digits)} %`;
const mb = (m: Measured): string => (m.peakMb === null ? '—' : `${fmt(m.peakMb, 0)} MB`);

export async function benchLinkage(ctx: BenchContext): Promise<BenchSection> {
  const wh = await warehouseFor(ctx);
  const files = await demoFilesFor(ctx);
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  const { individu, dtks } = wh.batches;

  ctx.log(`linkage: padu link --a ${individu} --b ${dtks} (${wh.path})`);
  const link = await measureCommand(process.execPath, [cli, 'link', '--db', wh.path, '--a', String(individu), '--b', String(dtks), '--force', '--json']);
  const run = JSON.parse(link.stdout) as { runId: number; linked: Record<string, number>; review: number; onlyA: number; onlyB: number; conflicts: number; seconds: number };
  const stored = new BetterSqlite3(wh.path, { readonly: true });
  const phases = (JSON.parse((stored.prepare('SELECT stats FROM link_run WHERE id = ?').pluck().get(run.runId) as string | undefined) ?? '{}') as LinkStats).phases;
  stored.close();
  const load = loadavg()[0] ?? 0;
  ctx.log(`linkage: ${fmt(link.seconds)} s, peak ${mb(link)}; phases ${JSON.stringify(phases)}; load average ${fmt(load, 2)}`);
  ctx.log('linkage: padu link-eval against truth-persons.csv');
  const evalRun = await measureCommand(process.execPath, [cli, 'link-eval', '--db', wh.path, '--run', String(run.runId), '--truth', join(files, 'truth-persons.csv'), '--json']);
  const e = JSON.parse(evalRun.stdout) as Evaluation;

  ctx.log('linkage: reference — sqlite3 joining the two batches on NIK');
  // Its best form found here: both sides copied to in-memory temporary tables, one indexed (a plain
  // join of the two batches of the person table ran over 10 minutes).
  const valid = "length(nik) = 16 AND nik NOT GLOB '*[^0-9]*' AND nik NOT GLOB '0*'";
  const nikJoin = [
    'PRAGMA temp_store = MEMORY;',
    'PRAGMA cache_size = -1000000;',
    `CREATE TEMP TABLE a AS SELECT nik FROM person WHERE batch_id = ${individu} AND ${valid};`,
    `CREATE TEMP TABLE b AS SELECT nik FROM person WHERE batch_id = ${dtks} AND ${valid};`,
    'CREATE INDEX temp.b_nik ON b(nik);',
    'SELECT count(*) FROM a JOIN b ON b.nik = a.nik;',
  ].join(' ');
  const ref = await measureCommand('sqlite3', ['-readonly', wh.path, nikJoin], process.env, { allowFailure: true });
  const refPairs = ref.code === 0 ? Number(ref.stdout.trim()) : null;
  const sqliteVersion = (() => {
    try {
      return execFileSync('sqlite3', ['-version']).toString().split(' ')[0] ?? '';
    } catch {
      return '';
    }
  })();

  const noise: NoiseRow[] = [];
  for (const k of [1, 3, 5]) noise.push(await atNoise(ctx, k));

  const records = e.truePairs;
  const linked = Object.values(run.linked).reduce((x, y) => x + y, 0);
  const pass = (ok: boolean): string => (ok ? 'met' : '**missed**');
  const lines = [
    `The analysis bench's warehouse (${fmt(ctx.families, 0)} P3KE families): P3KE individu (batch ${individu}) against DTKS (batch ${dtks}); \`padu link\` and \`padu link-eval\` each in a process of their own, measured by GNU time (wall, peak RSS). The truth is the generator's \`truth-persons.csv\` (${fmt(records, 0)} true pairs).`,
    '',
    '| | wall | peak | result |',
    '| --- | ---: | ---: | --- |',
    `| \`padu link\` (${phases ? `read the records ${fmt(phases.load)} s, cascade ${fmt(phases.match)} s, write the links ${fmt(phases.write)} s` : 'read, cascade, write'}) | ${fmt(link.seconds)} s | ${mb(link)} | ${fmt(linked, 0)} linked (${Object.entries(run.linked).map(([m, n]) => `${m} ${fmt(n, 0)}`).join(', ')}); review ${fmt(run.review, 0)}; only P3KE ${fmt(run.onlyA, 0)}; only DTKS ${fmt(run.onlyB, 0)}; NIK conflicts ${fmt(run.conflicts, 0)} |`,
    `| \`padu link-eval\` (streams the 700 MB truth file) | ${fmt(evalRun.seconds)} s | ${mb(evalRun)} | precision ${fmt(e.precision, 4)}, recall ${fmt(e.recall, 4)}, queue ${pct(e.review)} |`,
    `| reference: sqlite3 ${sqliteVersion} shell, the two batches joined on well-formed NIK only (temporary tables, one indexed) | ${fmt(ref.seconds)} s | ${mb(ref)} | ${refPairs === null ? `failed: ${ref.stderr.trim().slice(0, 120)}` : `${fmt(refPairs, 0)} pairs with equal NIK, duplicated NIKs multiplying (no name check, no other pass, nothing written)`} |`,
    '',
    `Load average (1 min) when the run ended: ${fmt(load, 2)} on ${cpus().length} cores.`,
    '',
    `Targets: ≤ ${TARGET.seconds} s — ${pass(link.seconds <= TARGET.seconds)}; ≤ 1.5 GB — ${pass(link.peakMb !== null && link.peakMb <= TARGET.mb)}; precision ≥ ${TARGET.precision} — ${pass(e.precision >= TARGET.precision)}; recall ≥ ${TARGET.recall} — ${pass(e.recall >= TARGET.recall)}; review queue ≤ 2 % — ${pass(e.review <= TARGET.review)}.`,
    '',
    `Quality at higher noise (${fmt(NOISE_FAMILIES, 0)} families, seed ${NOISE_SEED}; name variants, missing and duplicated NIKs and swapped birth dates at k × the default rates):`,
    '',
    '| noise | name variants | NIK missing | NIK duplicated | birth date swapped | precision | recall | review queue | NIK conflicts | link time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...noise.map((r) => {
      const n = { ...DEFAULT_NOISE, ...noiseTimes(r.k) };
      return `| ×${r.k} | ${pct(n.nameVariant, 1)} | ${pct(n.nikMissing, 1)} | ${pct(n.nikDuplicate, 1)} | ${pct(n.birthDateSwap, 1)} | ${fmt(r.evaluation.precision, 4)} | ${fmt(r.evaluation.recall, 4)} | ${pct(r.evaluation.review)} (${fmt(r.stats.review, 0)}) | ${fmt(r.stats.conflicts, 0)} | ${fmt(r.stats.seconds, 2)} s |`;
    }),
  ];
  return { id: 'linkage', title: 'Padu-padan: P3KE individu ↔ DTKS at province scale, against the ground truth', markdown: lines.join('\n') };
}
