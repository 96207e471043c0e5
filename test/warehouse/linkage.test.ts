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
import type { LinkedRecordRow, LinkRegionRow, LinkRunInfo, LinkSummary, OverlapResult } from '../../shared/contracts/linkage.ts';
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

describe('results for the planners', () => {
  it('per region, the questions, the records behind each count and the overlap all add up', async () => {
    const { wh, p3ke, dtks } = await warehouse(23);
    const info = value<LinkRunInfo>(await wh.call('linkage.run', { a: p3ke, b: dtks }));
    const s = value<LinkSummary>(await wh.call('linkage.summary', { runId: info.runId }));
    const linked = Object.values(info.linked).reduce((t, n) => t + n, 0);
    expect(s.total.a).toBe(info.recordsA);
    expect(s.total.b).toBe(info.recordsB);
    expect(s.total.both).toBe(linked);
    expect(s.total.onlyA).toBe(info.onlyA);
    expect(s.total.onlyB).toBe(info.onlyB);
    expect(s.rows.length).toBe(22);
    for (const k of ['a', 'b', 'both', 'onlyA', 'onlyB', 'review'] as const) expect(s.rows.reduce((t, r) => t + r[k], 0)).toBe(s.total[k]);
    // Down to a kecamatan: its desa add up to its row.
    const kab = s.rows.find((r) => r.a > 0) as LinkRegionRow;
    const down = value<LinkSummary>(await wh.call('linkage.summary', { runId: info.runId, region: kab.code }));
    expect(down.total.both).toBe(kab.both);
    // P3KE desil-1 families with no member in DTKS, counted here from the raw tables.
    const persons = wh.db.prepare('SELECT id, family_id, desil FROM person WHERE batch_id = ?').all(p3ke) as { id: number; family_id: number; desil: number | null }[];
    const linkedIds = new Set(wh.db.prepare(`SELECT a_id FROM record_link WHERE run_id = ? AND status IN ('auto', 'accepted')`).pluck().all(info.runId) as number[]);
    const famLinked = new Set(persons.filter((p) => linkedIds.has(p.id)).map((p) => p.family_id));
    const expected = new Set(persons.filter((p) => p.desil === 1 && !famLinked.has(p.family_id)).map((p) => p.family_id)).size;
    const q = s.questions.find((x) => x.key === 'a_desil1_not_in_b');
    expect(q?.count).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    const recs = value<{ count: number; rows: LinkedRecordRow[] }>(await wh.call('linkage.records', { runId: info.runId, bucket: 'a_desil1_not_in_b', startRow: 0, endRow: 50 }));
    expect(recs.count).toBe(expected);
    expect(recs.rows.every((r) => r.desil === 1 && r.other === null)).toBe(true);
    const only = value<{ count: number; rows: LinkedRecordRow[] }>(await wh.call('linkage.records', { runId: info.runId, bucket: 'onlyB', startRow: 0, endRow: 10 }));
    expect(only.count).toBe(info.onlyB);
    expect(only.rows[0]?.side).toBe('b');
    const both = value<{ count: number; rows: LinkedRecordRow[] }>(await wh.call('linkage.records', { runId: info.runId, bucket: 'both', startRow: 0, endRow: 10 }));
    expect(both.count).toBe(linked);
    expect(both.rows.every((r) => r.other !== null && (r.nik === null || !/\d{16}/.test(r.nik)))).toBe(true);
    // Two batches: the overlap is the run itself.
    const o = value<OverlapResult>(await wh.call('linkage.overlap', { batches: [p3ke, dtks] }));
    const area = (sets: number[]): number => o.areas.find((x) => x.sets.join() === sets.join())?.people ?? 0;
    expect(area([0, 1])).toBe(linked);
    expect(area([0])).toBe(info.onlyA);
    expect(area([1])).toBe(info.onlyB);
    expect(o.missing).toEqual([]);
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
