import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.ts';
import type { BenchContext, BenchSection } from './run.ts';
import { fmt, measureCommand } from './measure.ts';

/**
 * The synthetic generator at province scale (CSV only — the xlsx variant is timed at 100 k),
 * beside a reference: copying the produced files with `cp`, the disk's own ceiling for writing
 * that many bytes on this machine.
 */
export async function benchGenerator(ctx: BenchContext): Promise<BenchSection> {
  const node = process.execPath;
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  const rows: string[] = [];
  const runs: { families: number; formats: string }[] = [
    { families: ctx.families, formats: 'csv' },
    { families: Math.min(100_000, ctx.families), formats: 'csv,xlsx' },
  ];
  for (const run of runs) {
    const tmp = tempDir('bench-gen');
    try {
      const out = join(tmp.dir, 'out');
      ctx.log(`generator: ${run.families} families, ${run.formats}`);
      const gen = await measureCommand(node, [cli, 'demo', '--out', out, '--families', String(run.families), '--seed', '7', '--formats', run.formats, '--json']);
      const result = JSON.parse(gen.stdout) as { persons: number; files: { rows: number; bytes: number }[] };
      const bytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
      const allRows = result.files.reduce((s, f) => s + f.rows, 0);
      const copy = await measureCommand('cp', ['-r', out, join(tmp.dir, 'copy')]);
      rows.push(
        `| ${fmt(run.families, 0)} | ${run.formats} | ${fmt(result.persons, 0)} | ${fmt(allRows, 0)} | ${fmt(bytes / 2 ** 20, 0)} MB | ` +
          `**${fmt(gen.seconds)} s** | ${fmt(allRows / gen.seconds / 1000, 0)} k rows/s | ${gen.peakMb ?? '?'} MB | ${fmt(copy.seconds)} s |`,
      );
    } finally {
      rmSync(tmp.dir, { recursive: true, force: true });
    }
  }
  return {
    id: 'generator',
    title: 'Synthetic data generator (`padu demo --out`)',
    markdown: [
      'Deterministic P3KE/DTKS/DTSEN/program/indicator files for NTT (seed 7), streamed to disk. Reference: `cp -r` of the same output (the disk ceiling).',
      '',
      '| P3KE families | formats | people | rows written (all files) | output | generator | throughput | peak RSS | reference `cp -r` |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  };
}
