/**
 * `npm run bench`: performance figures at province scale, each beside a reference measured in the
 * same run, written to test/bench/RESULTS.md (one section per benchmark, replaced on each run).
 *
 *   npm run bench                      all benchmarks at 1.2 M families
 *   npm run bench -- --only generator  one benchmark
 *   npm run bench -- --families 100000 a smaller scale (for a quick look)
 *   npm run bench -- --only import     `padu import` beside `sqlite3 .import` (needs the sqlite3 shell)
 *   npm run bench -- --only analysis   cross-tabs and drill-downs beside DuckDB and SQLite
 *   npm run bench -- --only lists      criteria counts, drafting and OPD exports of 100k/500k-row lists
 *   npm run bench -- --only linkage    padu-padan P3KE ↔ DTKS: time, memory, precision/recall/queue vs the truth
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchAnalysis } from './analysis.ts';
import { benchGenerator } from './generator.ts';
import { benchHostStartup } from './host-startup.ts';
import { benchImport } from './import.ts';
import { benchLinkage } from './linkage.ts';
import { benchLists } from './lists.ts';
import { benchNormalize } from './normalize.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'test', 'bench', 'RESULTS.md');

export interface BenchContext {
  readonly root: string;
  readonly families: number;
  readonly log: (line: string) => void;
}

export interface BenchSection {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
}

const BENCHES: Record<string, (ctx: BenchContext) => Promise<BenchSection>> = {
  generator: benchGenerator,
  host: benchHostStartup,
  normalize: benchNormalize,
  import: benchImport,
  analysis: benchAnalysis,
  lists: benchLists,
  linkage: benchLinkage,
};

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function writeSection(section: BenchSection): void {
  const header = '# Benchmark results\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n';
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : header;
  const start = `<!-- bench:${section.id} -->`;
  const end = `<!-- /bench:${section.id} -->`;
  const block = `${start}\n## ${section.title}\n\n${section.markdown.trim()}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(RESULTS, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
}

const { values } = parseArgs({ options: { only: { type: 'string' }, families: { type: 'string' } } });
const families = Number(values.families ?? 1_200_000);
const only = values.only ? values.only.split(',') : Object.keys(BENCHES);
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
log(`Machine: ${machine()}`);
let commit = 'uncommitted';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
} catch {
  // A tree without commits still benchmarks.
}
for (const name of only) {
  const bench = BENCHES[name];
  if (!bench) throw new Error(`Unknown benchmark ${name}; choose from ${Object.keys(BENCHES).join(', ')}`);
  log(`\n▶ ${name}`);
  const section = await bench({ root: ROOT, families, log });
  writeSection({
    ...section,
    markdown: `${section.markdown.trim()}\n\n_Measured ${new Date().toISOString().slice(0, 10)} at commit ${commit} on ${machine()}._`,
  });
  log(section.markdown);
}
log(`\nWritten to ${RESULTS}`);
