/**
 * Padu-padan (issue 7) against the generator's ground truth: P3KE individu ↔ DTKS people, on
 * several seeds at the default noise and at higher noise — precision and recall of the automatic
 * links, the review queue's size — and review decisions that survive a re-run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import { LINK_STATUS } from '../../shared/analysis/attributes.ts';
import type { AnalysisCatalog, CrosstabResult, DrillPage, FamilyDetail } from '../../shared/contracts/analysis.ts';
import type { CriteriaCount } from '../../shared/contracts/interventions.ts';
import type { LinkBucket, LinkedRecordRow, LinkRegionRow, LinkRunInfo, LinkSummary, OverlapResult } from '../../shared/contracts/linkage.ts';
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

    // The run's per-desa counts follow decisions made on it, exactly as counting the records again does.
    const q1 = nextReview(wh.db, rerun.runId);
    const q2 = nextReview(wh.db, rerun.runId, 1);
    if (!q1 || !q2) throw new Error('nothing left to review');
    decide(wh.db, { runId: rerun.runId, a: q1.a.id, b: q1.b.id, decision: 'accept' });
    decide(wh.db, { runId: rerun.runId, a: q2.a.id, b: q2.b.id, decision: 'reject' });
    const kab = value<LinkSummary>(await wh.call('linkage.summary', { runId: rerun.runId })).rows.find((r) => r.review > 0) ?? null;
    const stored = [value<LinkSummary>(await wh.call('linkage.summary', { runId: rerun.runId })), ...(kab ? [value<LinkSummary>(await wh.call('linkage.summary', { runId: rerun.runId, region: kab.code }))] : [])];
    wh.db.prepare('DELETE FROM link_area WHERE run_id = ?').run(rerun.runId);
    const counted = [value<LinkSummary>(await wh.call('linkage.summary', { runId: rerun.runId })), ...(kab ? [value<LinkSummary>(await wh.call('linkage.summary', { runId: rerun.runId, region: kab.code }))] : [])];
    for (let k = 0; k < stored.length; k++) {
      expect(stored[k]?.rows).toEqual(counted[k]?.rows);
      expect(stored[k]?.questions).toEqual(counted[k]?.questions);
    }
    expect(stored[0]?.total.review).toBe(rerun.review - 2);
  }, 120_000);
});

describe('thresholds', () => {
  it('are settings the warehouse checks; a change makes the next run of a pair run again with them', async () => {
    const { wh, p3ke, dtks } = await warehouse(37, { nameVariant: 0.2 });
    expect(value<{ acceptScore: number; reviewScore: number }>(await wh.call('linkage.thresholds.get', {}))).toEqual({ acceptScore: 0.9, reviewScore: 0.75 });
    const first = linkBatches(wh.db, { a: p3ke, b: dtks });
    const bad = await wh.call('linkage.thresholds.set', { acceptScore: 0.7, reviewScore: 0.8 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('Ambang skor padu-padan tidak sah: ambang tinjauan harus antara 0,50 dan ambang tautan otomatis, dan ambang tautan otomatis paling tinggi 1,00 (diberikan 0,80 dan 0,70).');
    value(await wh.call('linkage.thresholds.set', { acceptScore: 0.95, reviewScore: 0.6 }));
    const again = linkBatches(wh.db, { a: p3ke, b: dtks });
    expect(again.reused).toBe(false);
    expect(JSON.parse(wh.db.prepare('SELECT params FROM link_run WHERE id = ?').pluck().get(again.runId) as string)).toEqual({ acceptScore: 0.95, reviewScore: 0.6 });
    // A wider review band and a stricter automatic link: more pairs wait for a reviewer.
    expect(again.review).toBeGreaterThan(first.review);
    expect(linkBatches(wh.db, { a: p3ke, b: dtks }).reused).toBe(true);
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

    // Records behind counts come from the run's per-record arrays; counting them in SQL gives the same.
    const probes: { region?: string; bucket: LinkBucket }[] = [
      { bucket: 'both' }, { bucket: 'onlyA' }, { bucket: 'onlyB' }, { bucket: 'review' }, { bucket: 'conflicts' },
      { bucket: 'a_desil1_not_in_b' }, { bucket: 'b_not_in_a' }, { bucket: 'desil_differs' },
      { region: kab.code, bucket: 'onlyA' }, { region: kab.code, bucket: 'b_not_in_a' }, { region: kab.code, bucket: 'a_desil1_not_in_b' },
    ];
    const page = async (w: Warehouse, p: (typeof probes)[number]) => {
      const r = value<{ count: number; rows: LinkedRecordRow[] }>(await w.call('linkage.records', { runId: info.runId, ...p, startRow: 0, endRow: 40 }));
      return { count: r.count, ids: r.rows.map((x) => x.id), others: r.rows.map((x) => x.other?.id ?? null) };
    };
    const fromArrays = [];
    for (const p of probes) fromArrays.push(await page(wh, p));
    expect(wh.db.prepare('SELECT count(*) FROM link_side WHERE run_id = ?').pluck().get(info.runId)).toBe(2);
    wh.db.prepare('DELETE FROM link_side WHERE run_id = ?').run(info.runId);
    const fresh = await openWarehouse(wh.db.name, { log: () => undefined });
    open.push(fresh);
    for (const [k, p] of probes.entries()) expect(await page(fresh, p), JSON.stringify(p)).toEqual(fromArrays[k]);

    // Export: the counts per region and every record behind "desil 1 not in DTKS", masked; logged.
    const out = value<{ path: string; fileName: string; records: number }>(await wh.call('linkage.export', { runId: info.runId, bucket: 'a_desil1_not_in_b' }));
    expect(out.records).toBe(expected);
    const book = XLSX.read(readFileSync(out.path));
    const rows = (name: string): unknown[][] => XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name] as XLSX.WorkSheet, { header: 1, raw: true, defval: null });
    const summaryRows = rows('Ringkasan');
    const head = summaryRows.findIndex((r) => r[0] === 'Kode');
    const regionRows = summaryRows.slice(head + 1, head + 1 + s.rows.length);
    expect(regionRows.map((r) => r[0])).toEqual(s.rows.map((r) => r.code));
    expect(regionRows.map((r) => r[4])).toEqual(s.rows.map((r) => r.both));
    expect(summaryRows[head + 1 + s.rows.length]?.slice(2, 9)).toEqual([s.total.a, s.total.b, s.total.both, s.total.onlyA, s.total.onlyB, s.total.review, s.total.conflicts]);
    const recordRows = rows('Rekaman');
    const rh = recordRows.findIndex((r) => r[0] === 'No');
    const body = recordRows.slice(rh + 1);
    expect(body.length).toBe(expected);
    expect(body.every((r) => r[8] === 1 && (typeof r[5] !== 'string' || !/\d{16}/.test(r[5])))).toBe(true);
    const logged = wh.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'linkage.export'").pluck().get() as number;
    expect(logged).toBe(1);
  }, 120_000);
});

describe('linkage status as an attribute', () => {
  it('counts families found in the other source in cross-tabs, drill-downs and program criteria', async () => {
    const { wh, p3ke, dtks } = await warehouse(31);
    const before = value<AnalysisCatalog>(await wh.call('analysis.catalog', {}));
    expect(before.sources.find((x) => x.source === 'p3ke')?.filled).not.toContain('padan_dtks');
    const info = value<LinkRunInfo>(await wh.call('linkage.run', { a: p3ke, b: dtks }));
    const catalog = value<AnalysisCatalog>(await wh.call('analysis.catalog', {}));
    expect(catalog.sources.find((x) => x.source === 'p3ke')?.filled).toContain('padan_dtks');
    expect(catalog.sources.find((x) => x.source === 'dtks')?.filled).toContain('padan_p3ke');
    // Expected from the raw tables: a family is found when any member is linked, in review when one is only queued.
    const famOf = (side: 'a' | 'b', statuses: string): Set<number> => new Set(wh.db.prepare(`
      SELECT DISTINCT p.family_id FROM record_link l JOIN person p ON p.id = l.${side}_id
      WHERE l.run_id = ? AND l.status IN (${statuses})`).pluck().all(info.runId) as number[]);
    const found = famOf('a', "'auto', 'accepted'");
    const queued = [...famOf('a', "'review'")].filter((f) => !found.has(f)).length;
    const families = wh.db.prepare('SELECT count(*) FROM family WHERE batch_id = ?').pluck().get(p3ke) as number;
    const spec = { rows: { kind: 'region', level: 2 }, cols: 'padan_dtks', sources: ['p3ke'] } as const;
    const t = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec }));
    const col = (code: number): number => t.colTotals.families[t.cols.findIndex((c) => c.key === String(code))] ?? -1;
    expect(col(LINK_STATUS.linked)).toBe(found.size);
    expect(col(LINK_STATUS.review)).toBe(queued);
    expect(col(LINK_STATUS.notFound)).toBe(families - found.size - queued);
    expect(found.size).toBeGreaterThan(100);
    expect(col(LINK_STATUS.notFound)).toBeGreaterThan(0);
    // The other way: DTKS households found in P3KE.
    const dt = value<CrosstabResult>(await wh.call('analysis.crosstab', { spec: { rows: { kind: 'region', level: 2 }, cols: 'padan_p3ke', sources: ['dtks'] } }));
    expect(dt.colTotals.families[dt.cols.findIndex((c) => c.key === String(LINK_STATUS.linked))]).toBe(famOf('b', "'auto', 'accepted'").size);
    // Drill: the families behind "not found" are exactly that many, and none has a linked member.
    const drill = value<DrillPage>(await wh.call('analysis.drill', { spec, row: null, col: String(LINK_STATUS.notFound), startRow: 0, endRow: 20 }));
    expect(drill.count).toBe(families - found.size - queued);
    expect(drill.rows.every((r) => !found.has(r.familyId))).toBe(true);
    // Program criteria: desil 1 families not found in DTKS.
    const count = value<CriteriaCount>(await wh.call('programs.count', {
      criteria: { op: 'and', items: [{ op: 'attr', attribute: 'desil', values: [1] }, { op: 'attr', attribute: 'padan_dtks', values: [LINK_STATUS.notFound] }] },
      year: 2026, source: 'p3ke',
    }));
    const q = value<LinkSummary>(await wh.call('linkage.summary', { runId: info.runId })).questions.find((x) => x.key === 'a_desil1_not_in_b');
    const desil1Queued = wh.db.prepare(`SELECT count(DISTINCT p.family_id) FROM record_link l JOIN person p ON p.id = l.a_id
      WHERE l.run_id = ? AND l.status = 'review' AND p.desil = 1
        AND p.family_id NOT IN (SELECT p2.family_id FROM record_link l2 JOIN person p2 ON p2.id = l2.a_id WHERE l2.run_id = l.run_id AND l2.status != 'review')`).pluck().get(info.runId) as number;
    expect(count.eligible).toBe((q?.count ?? 0) - desil1Queued);

    // A family's detail shows its members' linked records side by side, disagreements named.
    const withDiff = wh.db.prepare(`SELECT p.family_id FROM record_link l JOIN person p ON p.id = l.a_id JOIN person o ON o.id = l.b_id
      WHERE l.run_id = ? AND (p.birth_date != o.birth_date OR p.name != o.name) LIMIT 1`).pluck().get(info.runId) as number;
    const detail = value<FamilyDetail>(await wh.call('analysis.family', { familyId: withDiff }));
    const expectedLinks = wh.db.prepare('SELECT count(*) FROM record_link l JOIN person p ON p.id = l.a_id WHERE l.run_id = ? AND p.family_id = ?').pluck().get(info.runId, withDiff) as number;
    expect(detail.linked.length).toBe(expectedLinks);
    expect(detail.linked.every((l) => l.otherBatch.id === dtks && detail.members.some((m) => m.personId === l.mine.id))).toBe(true);
    expect(detail.linked.every((l) => l.mine.nik === null || !/\d{16}/.test(l.mine.nik))).toBe(true);
    for (const l of detail.linked) {
      const [a, b] = [l.mine, l.other];
      expect(l.differences.includes('birth')).toBe(a.birth !== null && b.birth !== null && a.birth !== b.birth);
      expect(l.differences.includes('name') || l.differences.includes('name_spelling')).toBe(a.name !== b.name);
    }
    expect(detail.linked.some((l) => l.differences.length > 0)).toBe(true);
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
