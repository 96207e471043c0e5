/**
 * `npm test`: every check the project has, in order, on Node 22 — typecheck of the four
 * TypeScript projects, lint (import zones included), the electron-vite build, warehouse/shared
 * unit tests, then end-to-end tests in Chromium. Ends with one line `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name: string): string => join('node_modules', '.bin', name);
const tmp = mkdtempSync(join(tmpdir(), 'padu-test-'));

interface Step {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  /** Vitest JSON report to count tests from. */
  readonly report?: string;
}

const steps: Step[] = [
  ...['shared', 'node', 'electron', 'web'].map((p) => ({ name: `typecheck ${p}`, cmd: bin('tsc'), args: ['-p', `tsconfig.${p}.json`] })),
  { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(tmp, 'unit.json')}`], report: join(tmp, 'unit.json') },
  {
    name: 'e2e',
    cmd: bin('vitest'),
    args: ['run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(tmp, 'e2e.json')}`],
    report: join(tmp, 'e2e.json'),
  },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary: string[] = [];

for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.startsWith(o))) continue;
  const started = Date.now();
  process.stdout.write(`\n▶ ${step.name}\n`);
  const r = spawnSync(step.cmd, step.args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  if (step.report) {
    try {
      const report = JSON.parse(readFileSync(step.report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      if (!ok && report.numFailedTests === 0) failed += 1;
      summary.push(`${step.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed (${seconds} s)`);
    } catch {
      failed += 1;
      summary.push(`${step.name}: no report, exit ${r.status ?? 'null'} (${seconds} s)`);
    }
  } else {
    if (ok) passed += 1;
    else failed += 1;
    summary.push(`${step.name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  }
}

rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`\n${summary.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
