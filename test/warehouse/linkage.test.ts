/**
 * Padu-padan (issue 7) against the generator's ground truth: P3KE individu ↔ DTKS people, on
 * several seeds at the default noise and at higher noise — precision and recall of the automatic
 * links, the review queue's size — and review decisions that survive a re-run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import type { Result } from '../../shared/ipc/envelope.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { NoiseRates } from '../../electron/warehouse/demo/noise.ts';
import { evaluateRun } from '../../electron/warehouse/linkage/eval.ts';
import { decide, nextReview } from '../../electron/warehouse/linkage/review.ts';
import { linkBatches } from '../../electron/warehouse/linkage/run.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

const FAMILIES = 1500;
const tmp = tempDir('linkage');
const open: Warehouse[] = [];

afterAll(() => {
  for (const w of open) w.close();
  tmp.cleanup();
});

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

async function warehouse(seed: number, noise: Partial<NoiseRates> = {}): Promise<{ wh: Warehouse; p3ke: number; dtks: number; truth: string }> {
  const dir = join(tmp.dir, `s${seed}-${JSON.stringify(noise).replace(/\W/g, '')}`);
  await generateDemoFiles({ outDir: join(dir, 'files'), province: '53', families: FAMILIES, seed, formats: ['csv'], noise });
  const wh = await openWarehouse(join(dir, 'w.db'), { log: () => undefined });
  open.push(wh);
  value(await wh.call('settings.setWorkingProvince', { code: '53' }));
  const imp = async (name: string, source: string): Promise<number> =>
    value<ImportResult>(await wh.call('imports.commit', { file: { path: join(dir, 'files', name), name }, source })).batchId;
  const p3ke = await imp('p3ke-individu.csv', 'p3ke_individu');
  const dtks = await imp('dtks.csv', 'dtks');
  return { wh, p3ke, dtks, truth: join(dir, 'files', 'truth-persons.csv') };
}

describe('P3KE individu ↔ DTKS against the ground truth', () => {
  for (const seed of [3, 17]) {
    it(`seed ${seed}, default noise: precision ≥ 0.995, recall ≥ 0.98, review ≤ 2 %`, async () => {
      const { wh, p3ke, dtks, truth } = await warehouse(seed);
      const s = linkBatches(wh.db, { a: p3ke, b: dtks });
      const e = evaluateRun(wh.db, s.runId, truth);
      expect(e.truePairs).toBeGreaterThan(1000);
      expect(e.precision).toBeGreaterThanOrEqual(0.995);
      expect(e.recall).toBeGreaterThanOrEqual(0.98);
      expect(e.review).toBeLessThanOrEqual(0.02);
      expect(s.onlyA + (s.linked.nik ?? 0) + (s.linked.kk_name ?? 0) + (s.linked.desa_lahir ?? 0) + (s.linked.kecamatan_lahir ?? 0)).toBe(s.recordsA);
    }, 120_000);
  }

  it('at five times the name and NIK noise, still precise; recall and queue reported', async () => {
    const { wh, p3ke, dtks, truth } = await warehouse(5, { nameVariant: 0.25, nikMissing: 0.05, nikDuplicate: 0.02, birthDateSwap: 0.1 });
    const s = linkBatches(wh.db, { a: p3ke, b: dtks });
    const e = evaluateRun(wh.db, s.runId, truth);
    expect(e.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.recall).toBeGreaterThanOrEqual(0.93);
    expect(s.conflicts).toBeGreaterThan(0);
  }, 120_000);
});

describe('review decisions', () => {
  it('persist and are respected by the next run of the same batches', async () => {
    const { wh, p3ke, dtks } = await warehouse(29, { nameVariant: 0.2 });
    const first = linkBatches(wh.db, { a: p3ke, b: dtks });
    expect(first.review).toBeGreaterThan(1);
    const again = linkBatches(wh.db, { a: p3ke, b: dtks });
    expect(again.reused).toBe(true);
    const p1 = nextReview(wh.db, first.runId);
    const p2 = nextReview(wh.db, first.runId, 1);
    expect(p1 && p2).toBeTruthy();
    if (!p1 || !p2) return;
    expect(p1.score).toBeGreaterThanOrEqual(p2.score);
    expect(p1.a.nik === null || !/\d{16}/.test(p1.a.nik)).toBe(true);
    decide(wh.db, { runId: first.runId, a: p1.a.id, b: p1.b.id, decision: 'accept' });
    const left = decide(wh.db, { runId: first.runId, a: p2.a.id, b: p2.b.id, decision: 'reject' });
    expect(left.waiting).toBe(first.review - 2);
    const rerun = linkBatches(wh.db, { a: p3ke, b: dtks });
    expect(rerun.reused).toBe(false);
    const links = wh.db.prepare('SELECT a_id, b_id, status, method FROM record_link WHERE run_id = ?').all(rerun.runId) as { a_id: number; b_id: number; status: string; method: string }[];
    expect(links.find((l) => l.a_id === p1.a.id && l.b_id === p1.b.id)).toMatchObject({ status: 'accepted', method: 'manual' });
    expect(links.some((l) => l.a_id === p2.a.id && l.b_id === p2.b.id)).toBe(false);
    expect(rerun.review).toBeLessThanOrEqual(first.review - 1);
  }, 120_000);
});

describe('command line', () => {
  it('padu link prints the run, padu link-eval its precision and recall', async () => {
    const { wh, p3ke, dtks, truth } = await warehouse(41);
    const db = wh.db.name;
    wh.close();
    open.splice(open.indexOf(wh), 1);
    const cli = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));
    const link = spawnSync(process.execPath, [cli, 'link', '--db', db, '--a', String(p3ke), '--b', String(dtks), '--json'], { encoding: 'utf8' });
    expect(link.status, link.stderr).toBe(0);
    const out = JSON.parse(link.stdout) as { runId: number; linked: Record<string, number>; review: number; onlyA: number; onlyB: number; conflicts: number; seconds: number };
    expect(Object.keys(out).sort()).toEqual(['conflicts', 'linked', 'onlyA', 'onlyB', 'review', 'runId', 'seconds']);
    expect(out.linked['nik']).toBeGreaterThan(1000);
    const ev = spawnSync(process.execPath, [cli, 'link-eval', '--db', db, '--run', String(out.runId), '--truth', truth, '--json'], { encoding: 'utf8' });
    expect(ev.status, ev.stderr).toBe(0);
    const e = JSON.parse(ev.stdout) as { precision: number; recall: number; review: number };
    expect(e.precision).toBeGreaterThanOrEqual(0.995);
    expect(e.recall).toBeGreaterThanOrEqual(0.98);
    const bad = spawnSync(process.execPath, [cli, 'link-eval', '--db', db, '--run', String(out.runId), '--truth', join(tmp.dir, 'none.csv'), '--json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  }, 120_000);
});
