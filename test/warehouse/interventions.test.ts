/**
 * Intervention lists (issue 6) over generated P3KE and recipient files: criteria counts against a
 * brute-force check written independently here, coverage from the recipient lists, drafting with a
 * budget (places, proportions, the top of each area, the cap), manual edits with reasons, draft →
 * final → new version with its diff, the OPD workbook read back cell by cell (letterhead, masking,
 * text cells, neutralised formula-looking names fed in by the generator, summary totals), CSV, the
 * audit chain (verifies; an edited or deleted entry is caught), convergence, and the command line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/analysis/attributes.ts';
import type { AuditVerification } from '../../shared/contracts/audit.ts';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import type {
  ConvergenceResult, CriteriaCount, ListDetail, ListDiff, ListExportResult, ListSummary, MembersPage,
} from '../../shared/contracts/interventions.ts';
import { allocate, placesForBudget } from '../../shared/interventions/allocate.ts';
import type { Criterion } from '../../shared/interventions/criteria.ts';
import type { Program } from '../../shared/interventions/program.ts';
import type { Result } from '../../shared/ipc/envelope.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import { neutralize } from '../../electron/warehouse/interventions/export.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

const FAMILIES = 2500;
const SEED = 29;
const YEAR = 2026;
const AGE_DATE = `${YEAR}-01-01`;
const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));
const tmp = tempDir('interventions');
const dir = join(tmp.dir, 'files');
const dbFile = join(tmp.dir, 'w.db');
let wh: Warehouse;
const batch = new Map<string, number>();

const FILES: readonly { name: string; source: SourceKind }[] = [
  { name: 'p3ke-keluarga.csv', source: 'p3ke_keluarga' },
  { name: 'p3ke-individu.csv', source: 'p3ke_individu' },
  { name: 'program-rtlh-2025.xlsx', source: 'program' },
  { name: 'program-pkh-2025.csv', source: 'program' },
];

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

async function call<T>(method: string, args: unknown): Promise<T> {
  return value<T>(await wh.call(method, args));
}

interface Fam {
  id: number; region: string | null; desil: number | null; own: number | null; wallQ: number | null; roofQ: number | null; floor: number | null;
  toilet: number | null; water: number | null; sourceId: string | null; kk: string | null; headNik: string | null; headName: string | null;
  ages: number[]; niks: string[];
}

let fams: Fam[] = [];

beforeAll(async () => {
  await generateDemoFiles({ outDir: dir, province: '53', families: FAMILIES, seed: SEED, formats: ['csv', 'xlsx'], noise: { formulaName: 0.03 } });
  wh = await openWarehouse(dbFile, { log: () => undefined });
  value(await wh.call('settings.setWorkingProvince', { code: '53' }));
  for (const f of FILES) {
    const r = await wh.call('imports.commit', { file: { path: join(dir, f.name), name: f.name }, source: f.source });
    batch.set(f.name, value<ImportResult>(r).batchId);
  }
  // The families as the brute force sees them: straight from the tables, members joined by the family id.
  const kel = batch.get('p3ke-keluarga.csv') as number;
  const ind = batch.get('p3ke-individu.csv') as number;
  fams = (wh.db.prepare(`SELECT id, region_code AS region, desil, house_ownership AS own, wall_quality AS wallQ, roof_quality AS roofQ, floor, toilet, water,
      source_id AS sourceId, kk, head_nik AS headNik, head_name AS headName FROM family WHERE batch_id = ? ORDER BY id`).all(kel) as Fam[])
    .map((f) => ({ ...f, ages: [], niks: [] }));
  const bySource = new Map(fams.map((f) => [f.sourceId, f]));
  for (const p of wh.db.prepare(`SELECT p.birth_date AS birth, p.nik, f.source_id AS sid FROM person p JOIN family f ON f.id = p.family_id WHERE p.batch_id = ?`).all(ind) as { birth: string | null; nik: string | null; sid: string }[]) {
    const f = bySource.get(p.sid);
    if (!f) continue;
    const age = ageOn(p.birth, AGE_DATE);
    if (age !== null) f.ages.push(age);
    if (p.nik) f.niks.push(p.nik);
  }
}, 240_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

const valid16 = (s: string | null): s is string => s !== null && /^\d{16}$/.test(s) && s.slice(6, 12) !== '000000';

/** Families on a recipient list under these names, by No KK, head NIK or member NIK — computed here, not by the warehouse. */
function coveredBrute(names: readonly string[], yearFrom: number, yearTo: number): Set<number> {
  const rows = wh.db.prepare(`SELECT nik, kk, program, year FROM program_recipient`).all() as { nik: string | null; kk: string | null; program: string; year: number | null }[];
  const keys = new Set(names.map((n) => n.toUpperCase()));
  const kks = new Set<string>();
  const niks = new Set<string>();
  for (const r of rows) {
    if (!keys.has(r.program.trim().toUpperCase())) continue;
    if (r.year !== null && (r.year < yearFrom || r.year > yearTo)) continue;
    if (valid16(r.kk) && r.kk.slice(6) !== '0000000000') kks.add(r.kk);
    if (valid16(r.nik)) niks.add(r.nik);
  }
  const out = new Set<number>();
  for (const f of fams) {
    if ((f.kk && kks.has(f.kk)) || (f.headNik && niks.has(f.headNik)) || f.niks.some((n) => niks.has(n))) out.add(f.id);
  }
  return out;
}

const inNtt = (f: Fam): boolean => f.region !== null && f.region.startsWith('53.');

describe('criteria', () => {
  const cases: { name: string; criteria: Criterion; brute: (f: Fam) => boolean }[] = [
    { name: 'desil 1–2', criteria: { op: 'attr', attribute: 'desil', min: 1, max: 2 }, brute: (f) => f.desil !== null && f.desil <= 2 },
    {
      name: 'RTLH shape (AND with an OR)',
      criteria: {
        op: 'and',
        items: [
          { op: 'attr', attribute: 'desil', values: [1] },
          { op: 'attr', attribute: 'kepemilikan_rumah', values: [1] },
          { op: 'or', items: [{ op: 'attr', attribute: 'kualitas_dinding', values: [2] }, { op: 'attr', attribute: 'lantai', values: [4] }] },
        ],
      },
      brute: (f) => f.desil === 1 && f.own === 1 && (f.wallQ === 2 || f.floor === 4),
    },
    {
      name: 'NOT own latrine, in Kabupaten Kupang',
      criteria: { op: 'and', items: [{ op: 'not', item: { op: 'attr', attribute: 'jamban', values: [1] } }, { op: 'region', codes: ['53.01'] }] },
      brute: (f) => f.toilet !== 1 && (f.region ?? '').startsWith('53.01.'),
    },
    {
      name: 'a child aged 7–18 and an elderly member',
      criteria: {
        op: 'and',
        items: [
          { op: 'members', where: [{ attribute: 'usia', min: 7, max: 18 }], atLeast: 1 },
          { op: 'members', where: [{ attribute: 'usia', min: 60 }], atLeast: 1 },
        ],
      },
      brute: (f) => f.ages.some((a) => a >= 7 && a <= 18) && f.ages.some((a) => a >= 60),
    },
    {
      name: 'listed as a 2025 RTLH recipient',
      criteria: { op: 'receives', programs: ['Rehabilitasi RTLH (APBD Provinsi)', 'BSPS (Bantuan Stimulan Perumahan Swadaya)'], yearFrom: 2025, yearTo: 2025 },
      brute: (() => {
        let set: Set<number> | null = null;
        return (f: Fam): boolean => (set ??= coveredBrute(['Rehabilitasi RTLH (APBD Provinsi)', 'BSPS (Bantuan Stimulan Perumahan Swadaya)'], 2025, 2025)).has(f.id);
      })(),
    },
  ];
  for (const c of cases) {
    it(`counts ${c.name} exactly as a brute-force check`, async () => {
      const r = await call<CriteriaCount>('programs.count', { criteria: c.criteria, year: YEAR });
      const expected = fams.filter((f) => inNtt(f) && c.brute(f)).length;
      expect(expected).toBeGreaterThan(0);
      expect(r.eligible).toBe(expected);
      expect(r.covered).toBe(0);
      expect(r.candidates).toBe(expected);
      expect(r.byKabupaten.reduce((s, k) => s + k.candidates, 0)).toBe(expected);
      expect(r.description.length).toBeGreaterThan(5);
    });
  }

  it('leaves out families already on the program’s recipient lists within the year window', async () => {
    const names = ['Rehabilitasi RTLH (APBD Provinsi)', 'BSPS (Bantuan Stimulan Perumahan Swadaya)'];
    const criteria: Criterion = { op: 'attr', attribute: 'desil', min: 1, max: 4 };
    const r = await call<CriteriaCount>('programs.count', { criteria, year: YEAR, recipientPrograms: names, coverageYears: 3 });
    const covered = coveredBrute(names, YEAR - 3, YEAR);
    const eligible = fams.filter((f) => inNtt(f) && f.desil !== null && f.desil <= 4);
    expect(covered.size).toBeGreaterThan(10);
    expect(r.covered).toBe(eligible.filter((f) => covered.has(f.id)).length);
    expect(r.candidates).toBe(r.eligible - r.covered);
    // A window that ends before the lists' year covers no one.
    const none = await call<CriteriaCount>('programs.count', { criteria, year: 2024, recipientPrograms: names, coverageYears: 3 });
    expect(none.covered).toBe(0);
  });

  it('refuses a malformed tree with a message saying where', async () => {
    const r = await wh.call('programs.count', { criteria: { op: 'and', items: [{ op: 'attr', attribute: 'desil', min: 3, max: 1 }] } as never, year: YEAR });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/kriteria\.0.*batas bawah melebihi batas atas/);
    const r2 = await wh.call('programs.count', { criteria: { op: 'attr', attribute: 'jk', values: [1] } as never, year: YEAR });
    expect(r2.ok).toBe(false);
  });
});

describe('allocation', () => {
  it('adds up to the total, follows the proportions, caps each area and honours manual numbers', () => {
    const areas = [{ code: 'a', eligible: 50 }, { code: 'b', eligible: 30 }, { code: 'c', eligible: 20 }, { code: 'd', eligible: 3 }];
    const m = allocate(41, areas);
    expect([...m.values()].reduce((s, n) => s + n, 0)).toBe(41);
    const total = 103;
    for (const a of areas) expect(Math.abs((m.get(a.code) ?? 0) - (41 * a.eligible) / total)).toBeLessThan(1);
    const capped = allocate(100, [{ code: 'a', eligible: 90 }, { code: 'b', eligible: 5 }, { code: 'c', eligible: 50 }]);
    expect(capped.get('b')).toBeLessThanOrEqual(5);
    expect([...capped.values()].reduce((s, n) => s + n, 0)).toBe(100);
    const all = allocate(500, areas);
    expect([...all.values()]).toEqual(areas.map((a) => a.eligible));
    const manual = allocate(40, areas, { d: 3, a: 10 });
    expect(manual.get('d')).toBe(3);
    expect(manual.get('a')).toBe(10);
    expect((manual.get('b') ?? 0) + (manual.get('c') ?? 0)).toBe(27);
    expect(() => allocate(5, areas, { a: 10 })).toThrow(/melebihi/);
    expect(placesForBudget(1_000_000_000, 17_500_000)).toBe(57);
  });
});

describe('a list from a template, drafted with a budget, edited, finalised and exported', () => {
  let program: Program;
  let draft: ListDetail;
  const BUDGET = 1_500_000_000;

  it('drafts the budget’s places, split in proportion over kecamatan, the top scores of each', async () => {
    program = await call<Program>('programs.fromTemplate', { template: 'rtlh', year: YEAR });
    expect(program.recipientPrograms).toEqual(['BSPS (Bantuan Stimulan Perumahan Swadaya)', 'Rehabilitasi RTLH (APBD Provinsi)']);
    draft = await call<ListDetail>('lists.draft', { programId: program.id, budget: BUDGET });
    const places = Math.floor(BUDGET / (program.unitCost as number));
    const s = draft.summary;
    expect(s.target).toBe(places);
    expect(s.units).toBe(places);
    expect(s.cost).toBeLessThanOrEqual(BUDGET);
    expect(draft.areas.reduce((t, a) => t + a.allocated, 0)).toBe(places);
    expect(draft.areas.reduce((t, a) => t + a.candidates, 0)).toBe(s.candidates);
    for (const a of draft.areas) {
      expect(a.listed).toBe(a.allocated);
      expect(Math.abs(a.allocated - (places * a.candidates) / s.candidates)).toBeLessThan(1);
    }
    expect(draft.byDistrict.reduce((t, d) => t + d.units, 0)).toBe(places);
    // Nobody on the list is already covered, and everyone meets the criteria.
    const covered = coveredBrute(program.recipientPrograms, YEAR - 5, YEAR);
    const page = await call<MembersPage>('lists.members', { listId: s.listId, startRow: 0, endRow: 1000 });
    expect(page.count).toBe(places);
    for (const m of page.rows) {
      expect(covered.has(m.familyId)).toBe(false);
      expect(m.inCriteria).toBe(true);
      // Masked: never 16 digits in the clear (short or damaged values are masked too).
      expect(m.nik === null || !/\d{16}/.test(m.nik)).toBe(true);
      if (m.nik?.length === 16) expect(m.nik).toMatch(/^\d{4}\*{10}\d{2}$/);
    }
    // The top of each area: no candidate left out of an area scores above the lowest chosen there.
    const chosen = new Map<string, number>();
    for (const m of page.rows) chosen.set(m.regionCode?.slice(0, 8) ?? '', Math.min(chosen.get(m.regionCode?.slice(0, 8) ?? '') ?? 101, m.score));
    const area = draft.areas.find((a) => a.allocated > 0 && a.candidates > a.allocated);
    expect(area).toBeDefined();
    const lowest = chosen.get(area?.code ?? '') ?? 0;
    const onList = new Set(page.rows.map((m) => m.familyId));
    const others = fams.filter((f) => (f.region ?? '').startsWith(`${area?.code ?? ''}.`) && !onList.has(f.id) && !covered.has(f.id)
      && f.desil !== null && f.desil <= 2 && f.own === 1);
    const probe = await call<{ familyId: number; score: number | null; inCriteria: boolean }[]>('lists.candidates', { listId: s.listId, search: others[0]?.sourceId ?? 'x' });
    for (const c of probe) if (c.inCriteria && c.score !== null) expect(c.score).toBeLessThanOrEqual(lowest);
  });

  it('removes and adds by hand only with a reason, within the cap, and marks families on other lists', async () => {
    const listId = draft.summary.listId;
    const first = (await call<MembersPage>('lists.members', { listId, startRow: 0, endRow: 1 })).rows[0];
    expect(first).toBeDefined();
    const noReason = await wh.call('lists.remove', { listId, familyId: first?.familyId ?? 0, reason: ' ' });
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error.message).toMatch(/Alasan wajib/);
    const after = await call<ListSummary>('lists.remove', { listId, familyId: first?.familyId ?? 0, reason: 'Rumah sudah direhab swadaya' });
    expect(after.units).toBe(draft.summary.units - 1);
    // Ranks stay 1…n so pages are ranges at any depth.
    const ranks = (await call<MembersPage>('lists.members', { listId, startRow: 0, endRow: 1000 })).rows.map((r) => r.rank);
    expect(ranks).toEqual(Array.from({ length: after.units }, (_, i) => i + 1));
    const outside = fams.find((f) => inNtt(f) && f.desil === 4 && f.sourceId);
    const found = await call<{ familyId: number; onList: boolean; inCriteria: boolean }[]>('lists.candidates', { listId, search: outside?.sourceId ?? '' });
    expect(found[0]?.familyId).toBe(outside?.id);
    expect(found[0]?.inCriteria).toBe(false);
    await call<ListSummary>('lists.add', { listId, familyId: outside?.id, reason: 'Usulan musyawarah desa, rumah rusak berat' });
    const full = await wh.call('lists.add', { listId, familyId: fams.find((f) => f.desil === 3)?.id, reason: 'Usulan kedua dari desa' });
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.error.message).toMatch(/penuh/);
    const manual = await call<MembersPage>('lists.members', { listId, startRow: 0, endRow: 10, origin: 'manual' });
    expect(manual.rows.map((r) => [r.familyId, r.inCriteria, r.reason])).toEqual([[outside?.id, false, 'Usulan musyawarah desa, rumah rusak berat']]);
    // Version 1 has no predecessor: its diff is the manual changes.
    const v1 = await call<ListDiff>('lists.diff', { listId });
    expect(v1.previousVersion).toBeNull();
    expect(v1.removed.map((d) => [d.familyId, d.reason])).toEqual([[first?.familyId, 'Rumah sudah direhab swadaya']]);
    expect(v1.added.map((d) => [d.familyId, d.manual])).toEqual([[outside?.id, true]]);
    // A second program's list holding the same families shows them as drafted elsewhere.
    const jamban = await call<Program>('programs.fromTemplate', { template: 'jamban', year: YEAR });
    await call<ListDetail>('lists.draft', { programId: jamban.id });
    const marked = (await call<MembersPage>('lists.members', { listId, startRow: 0, endRow: 1000 })).rows.filter((r) => r.otherPrograms.length > 0);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked[0]?.otherPrograms).toEqual(['Bantuan Jamban Sehat']);
  });

  it('locks a final list; a new version starts as a copy and its diff says what changed and why', async () => {
    const listId = draft.summary.listId;
    const fin = await call<ListSummary>('lists.finalize', { listId });
    expect(fin.status).toBe('final');
    const locked = await wh.call('lists.remove', { listId, familyId: 1, reason: 'tidak boleh lagi' });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error.message).toMatch(/final dan terkunci/);
    const refused = await wh.call('programs.delete', { id: program.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/daftar final/);
    const v2 = await call<ListSummary>('lists.revise', { listId });
    expect(v2.version).toBe(2);
    expect(v2.units).toBe(fin.units);
    const victim = (await call<MembersPage>('lists.members', { listId: v2.listId, startRow: 5, endRow: 6 })).rows[0];
    await call<ListSummary>('lists.remove', { listId: v2.listId, familyId: victim?.familyId, reason: 'Meninggal dunia, tanpa ahli waris' });
    const diff = await call<ListDiff>('lists.diff', { listId: v2.listId });
    expect(diff.previousVersion).toBe(1);
    expect(diff.added).toEqual([]);
    expect(diff.removed.map((d) => [d.familyId, d.reason, d.manual])).toEqual([[victim?.familyId, 'Meninggal dunia, tanpa ahli waris', true]]);
    // Redrafting version 2 keeps every earlier manual decision: the v1 addition stays, the removals stay out.
    const re = await call<ListDetail>('lists.draft', { programId: program.id, budget: BUDGET });
    expect(re.summary.version).toBe(2);
    const ids = new Set((await call<MembersPage>('lists.members', { listId: v2.listId, startRow: 0, endRow: 1000 })).rows.map((r) => r.familyId));
    expect(ids.has(victim?.familyId ?? -1)).toBe(false);
    expect(re.summary.units).toBe(re.summary.target);
  });

  it('exports the workbook: letterhead, masked NIK as text, neutralised formulas, summary equal to the list', async () => {
    const listId = draft.summary.listId;
    const detail = await call<ListDetail>('lists.get', { listId });
    const r = await call<ListExportResult>('lists.export', { listId });
    expect(r.masked).toBe(true);
    expect(r.rows).toBe(detail.summary.units);
    const wb = XLSX.read(readFileSync(r.path), { cellStyles: true });
    expect(wb.SheetNames).toEqual(['Daftar', 'Ringkasan', 'Metode']);
    const ws = wb.Sheets['Daftar'] as XLSX.WorkSheet;
    const at = (ref: string): XLSX.CellObject | undefined => ws[ref] as XLSX.CellObject | undefined;
    expect(at('A1')?.v).toBe('PEMERINTAH PROVINSI NUSA TENGGARA TIMUR');
    expect(String(at('A5')?.v)).toBe(`DAFTAR CALON PENERIMA REHABILITASI RTLH TAHUN ${YEAR}`);
    expect(String(at('A6')?.v)).toMatch(/^Nomor: /);
    expect(wb.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Titles')?.Ref).toBe("'Daftar'!$9:$9");
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const header = rows[8] as string[];
    expect(header).toEqual(['No', 'Kecamatan', 'Desa/Kelurahan', 'No KK', 'NIK', 'Nama', 'Alamat', 'Desil', 'Jenis Lantai', 'Kualitas Dinding', 'Kualitas Atap', 'Skor Prioritas', 'Keterangan']);
    const body = rows.slice(9, 9 + r.rows);
    expect(body.map((b) => b[0])).toEqual(Array.from({ length: r.rows }, (_, i) => i + 1));
    const nikCol = header.indexOf('NIK');
    for (let i = 0; i < body.length; i++) {
      const cell = at(XLSX.utils.encode_cell({ r: 9 + i, c: nikCol }));
      if (!cell || cell.t === 'z') continue;
      expect(cell.t).toBe('s');
      expect(String(cell.v)).not.toMatch(/\d{16}/);
      if (String(cell.v).length === 16) expect(String(cell.v)).toMatch(/^\d{4}\*{10}\d{2}$/);
    }
    // Housing columns come from the family's record (kept with the list when it was drafted).
    const floorCol = header.indexOf('Jenis Lantai');
    const floors = wh.db.prepare(`SELECT m.rank, f.floor FROM list_member m JOIN family f ON f.id = m.family_id WHERE m.list_id = ? ORDER BY m.rank`).all(listId) as { rank: number; floor: number | null }[];
    const floorLabel: Record<number, string> = { 1: 'Keramik/ubin/marmer', 2: 'Semen', 3: 'Kayu/papan', 4: 'Tanah', 5: 'Bambu', 6: 'Lainnya' };
    let checked = 0;
    for (const f of floors) {
      const label = floorLabel[f.floor ?? -9];
      if (label === undefined) continue;
      expect(body[f.rank - 1]?.[floorCol]).toBe(label);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    expect(rows.some((row) => row.includes('Mengetahui,'))).toBe(true);
    expect(rows.some((row) => row.includes('Menyetujui,'))).toBe(true);
    // The summary's total row equals the list.
    const sum = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Ringkasan'] as XLSX.WorkSheet, { header: 1, raw: true, defval: null });
    const totalRow = sum.find((x) => x[0] === 'Jumlah') as unknown[];
    expect(totalRow[4]).toBe(r.rows);
    expect(totalRow[5]).toBe(r.rows * (program.unitCost as number));
    const perDesa = sum.slice(3).filter((x) => x[2] !== null && x[0] !== 'Jumlah');
    expect(perDesa.reduce((t, x) => t + (x[4] as number), 0)).toBe(r.rows);
    const method = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Metode'] as XLSX.WorkSheet, { header: 1, raw: true, defval: null });
    expect(method.find((x) => x[0] === 'Kriteria')?.[1]).toMatch(/Desil kesejahteraan/);
    expect(method.filter((x) => x[0] === 'Sumber data').length).toBe(2);
  });

  it('never lets a formula-looking name become a formula (xlsx and csv), and logs a full-NIK export', async () => {
    const hostile = wh.db.prepare(`SELECT id FROM family WHERE batch_id = ? AND (head_name LIKE '=%' OR head_name LIKE '+%' OR head_name LIKE '@%' OR head_name LIKE '-%')`)
      .pluck().all(batch.get('p3ke-keluarga.csv')) as number[];
    expect(hostile.length).toBeGreaterThan(10);
    const p = await call<Program>('programs.save', { program: { name: 'Uji rumus', opd: 'Bappeda', strategy: 1, unit: 'family', year: YEAR, criteria: { op: 'attr', attribute: 'desil', min: 1, max: 4 } } });
    const l = await call<ListDetail>('lists.draft', { programId: p.id, level: 'none' });
    const names = wh.db.prepare('SELECT name FROM list_member WHERE list_id = ? AND family_id IN (SELECT value FROM json_each(?))').pluck().all(l.summary.listId, JSON.stringify(hostile)) as string[];
    expect(names.length).toBeGreaterThan(10);
    const x = await call<ListExportResult>('lists.export', { listId: l.summary.listId, fullNik: true });
    expect(x.masked).toBe(false);
    const wb = XLSX.read(readFileSync(x.path));
    const ws = wb.Sheets['Daftar'] as XLSX.WorkSheet;
    const cells = Object.entries(ws).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject);
    expect(cells.some((c) => c.f !== undefined)).toBe(false);
    const texts = cells.filter((c) => c.t === 's').map((c) => String(c.v));
    for (const n of names) {
      expect(texts).toContain(`'${n}`);
      expect(neutralize(n)).toBe(`'${n}`);
    }
    expect(texts.some((t) => /^\d{16}$/.test(t))).toBe(true);
    const raw = readFileSync(x.path);
    expect(raw.includes(Buffer.from('<f>'))).toBe(false);
    const csv = await call<ListExportResult>('lists.export', { listId: l.summary.listId, format: 'csv' });
    const lines = readFileSync(csv.path, 'utf8').split('\r\n');
    expect(lines.length - 2).toBe(l.summary.units);
    for (const line of lines.slice(1)) for (const field of line.split(',')) expect(field).not.toMatch(/^"?[=+@]/);
    const log = wh.db.prepare(`SELECT detail FROM audit_log WHERE action = 'list.export' ORDER BY id DESC LIMIT 2`).pluck().all() as string[];
    const [csvEntry, fullEntry] = log.map((d) => JSON.parse(d) as { masked: boolean; sha256: string; rows: number; format: string });
    expect(fullEntry).toMatchObject({ masked: false, sha256: x.sha256, rows: x.rows, format: 'xlsx' });
    expect(csvEntry).toMatchObject({ masked: true, sha256: csv.sha256, format: 'csv' });
  });
});

describe('person programs', () => {
  it('lists the chosen members of qualifying families, each within the member conditions', async () => {
    const p = await call<Program>('programs.fromTemplate', { template: 'beasiswa', year: YEAR });
    const d = await call<ListDetail>('lists.draft', { programId: p.id, quota: 150, level: 'kabupaten' });
    expect(d.summary.unit).toBe('person');
    expect(d.summary.units).toBe(150);
    const rows = wh.db.prepare('SELECT birth, desil FROM list_member WHERE list_id = ?').all(d.summary.listId) as { birth: string | null; desil: number }[];
    for (const r of rows) {
      const age = ageOn(r.birth, AGE_DATE) ?? -1;
      expect(age).toBeGreaterThanOrEqual(7);
      expect(age).toBeLessThanOrEqual(18);
      expect(r.desil).toBeLessThanOrEqual(2);
    }
    const count = await call<CriteriaCount>('programs.count', { criteria: p.criteria, unit: 'person', memberCriteria: p.memberCriteria, year: YEAR });
    const brute = fams.filter((f) => inNtt(f) && f.desil !== null && f.desil <= 2).reduce((t, f) => t + f.ages.filter((a) => a >= 7 && a <= 18).length, 0);
    expect(count.units).toBe(brute);
    // A program with only drafts can be deleted (logged); its lists go with it.
    expect((await call<{ deleted: boolean }>('programs.delete', { id: p.id })).deleted).toBe(true);
    expect(wh.db.prepare('SELECT count(*) FROM intervention_list WHERE program_id = ?').pluck().get(p.id)).toBe(0);
    expect(wh.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'program.delete'`).pluck().get()).toBe(1);
  });
});

describe('convergence', () => {
  it('counts each desil-1 family once by how many programs reach it, and each program’s reach', async () => {
    const r = await call<ConvergenceResult>('convergence.table', {});
    const d1 = fams.filter((f) => inNtt(f) && f.desil === 1);
    expect(r.total.families).toBe(d1.length);
    expect(r.total.byCount.reduce((a, b) => a + b, 0)).toBe(d1.length);
    expect(r.rows.reduce((t, x) => t + x.families, 0)).toBe(d1.length);
    // PKH flagged in the P3KE file and PKH on the recipient list are one program: a family counts once.
    const pkh = r.programs.findIndex((p) => p.key === 'flag:pkh');
    expect(r.programs.some((p) => p.key === 'recipients:PKH')).toBe(false);
    const flagged = new Set(wh.db.prepare(`SELECT id FROM family WHERE batch_id = ? AND desil = 1 AND rcv_pkh = 1 AND region_code LIKE '53.%'`).pluck().all(batch.get('p3ke-keluarga.csv')) as number[]);
    const listed = coveredBrute(['PKH'], 0, 9999);
    expect(r.total.perProgram[pkh]).toBe(d1.filter((f) => flagged.has(f.id) || listed.has(f.id)).length);
    expect(r.total.perProgram[pkh]).toBeGreaterThan(flagged.size);
    const rtlh = r.programs.findIndex((p) => p.key === 'recipients:Rehabilitasi RTLH (APBD Provinsi)');
    const cov = coveredBrute(['Rehabilitasi RTLH (APBD Provinsi)'], 0, 9999);
    expect(r.total.perProgram[rtlh]).toBe(d1.filter((f) => cov.has(f.id)).length);
    const zero = await call<{ count: number }>('convergence.families', { row: '53', bucket: '0', startRow: 0, endRow: 10 });
    expect(zero.count).toBe(r.total.byCount[0]);
  });
});

describe('deleting a recipient batch', () => {
  it('takes its coverage links with it, so no family counts as covered by it any more', async () => {
    const pkh = batch.get('program-pkh-2025.csv') as number;
    const before = await call<CriteriaCount>('programs.count', { criteria: { op: 'receives', programs: ['PKH'] }, year: YEAR });
    expect(before.eligible).toBeGreaterThan(100);
    const links = (): number => wh.db.prepare('SELECT count(*) FROM recipient_link WHERE recipient_id IN (SELECT id FROM program_recipient WHERE batch_id = ?)').pluck().get(pkh) as number;
    expect(links()).toBeGreaterThan(100);
    value(await wh.call('batches.delete', { id: pkh }));
    expect(links()).toBe(0);
    expect(wh.db.prepare('SELECT count(*) FROM recipient_link_state WHERE recipient_batch_id = ?').pluck().get(pkh)).toBe(0);
    const after = await call<CriteriaCount>('programs.count', { criteria: { op: 'receives', programs: ['PKH'] }, year: YEAR });
    expect(after.eligible).toBe(0);
  });
});

describe('audit trail', () => {
  it('verifies the chain, and catches an edited and a deleted entry', async () => {
    const ok = await call<AuditVerification>('audit.verify', {});
    expect(ok.ok).toBe(true);
    const actions = wh.db.prepare('SELECT DISTINCT action FROM audit_log').pluck().all() as string[];
    expect(actions).toEqual(expect.arrayContaining(['import', 'batch.delete', 'list.finalize', 'list.revise', 'list.export']));
    const copy = join(tmp.dir, 'tamper.db');
    await wh.db.backup(copy);
    const other = await openWarehouse(copy, { log: () => undefined });
    try {
      other.db.prepare(`UPDATE audit_log SET detail = replace(detail, '"masked":false', '"masked":true') WHERE action = 'list.export' AND detail LIKE '%"masked":false%'`).run();
      const bad = value<AuditVerification>(await other.call('audit.verify', {}));
      expect(bad.ok).toBe(false);
      expect(bad.problem).toBe('content');
      other.db.prepare(`UPDATE audit_log SET detail = replace(detail, '"masked":true', '"masked":false') WHERE id = ?`).run(bad.brokenAt);
      expect(value<AuditVerification>(await other.call('audit.verify', {})).ok).toBe(true);
      other.db.prepare(`DELETE FROM audit_log WHERE id = (SELECT min(id) + 1 FROM audit_log)`).run();
      const gap = value<AuditVerification>(await other.call('audit.verify', {}));
      expect(gap.ok).toBe(false);
      expect(gap.problem).toBe('gap');
    } finally {
      other.close();
    }
  });
});

describe('migration 004', () => {
  it('chains the audit entries a version-3 warehouse already had, so the old log verifies', async () => {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const { migrate } = await import('../../electron/warehouse/db/migrate.ts');
    const { MIGRATIONS } = await import('../../electron/warehouse/db/migrations/index.ts');
    const { verifyAudit, appendAudit } = await import('../../electron/warehouse/audit/log.ts');
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    const ins = db.prepare('INSERT INTO audit_log (at, action, detail) VALUES (?, ?, ?)');
    ins.run('2025-01-01T00:00:00.000Z', 'import', '{"batchId":1}');
    ins.run('2025-01-02T00:00:00.000Z', 'export.rejects', '{"batchId":1}');
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4);
    const rows = db.prepare('SELECT id, action, prev_hash, hash FROM audit_log ORDER BY id').all() as { id: number; action: string; prev_hash: string; hash: string }[];
    expect(rows.map((r) => r.action)).toEqual(['import', 'export.rejects']);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(verifyAudit(db).ok).toBe(true);
    appendAudit(db, 'list.export', { rows: 1 });
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 3 });
    db.close();
  });
});

describe('command line', () => {
  function padu(args: readonly string[]): { status: number | null; json: Record<string, unknown>; stderr: string } {
    const r = spawnSync(process.execPath, [LAUNCHER, ...args, '--db', dbFile, '--json'], { encoding: 'utf8' });
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(r.stdout) as Record<string, unknown>;
    } catch {
      json = { raw: r.stdout };
    }
    return { status: r.status, json, stderr: r.stderr };
  }

  it('adds a program, drafts, finalises and exports its list, and prints the audit log', () => {
    wh.close();
    const file = join(tmp.dir, 'program.json');
    writeFileSync(file, JSON.stringify({ name: 'Sambungan Air Desa', opd: 'Dinas PUPR', strategy: 3, unit: 'family', year: YEAR, unitCost: 2_500_000,
      criteria: { op: 'and', items: [{ op: 'attr', attribute: 'desil', values: [1, 2] }, { op: 'attr', attribute: 'air_minum', values: [5, 6, 7, 8] }] } }));
    const add = padu(['program', 'add', '--file', file]);
    expect(add.status).toBe(0);
    const programId = add.json['programId'] as number;
    expect(programId).toBeGreaterThan(0);
    const draft = padu(['list', 'draft', '--program', String(programId), '--budget', '100000000']);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.json['families']).toBe(40);
    const byDistrict = draft.json['byDistrict'] as Record<string, { units: number }>;
    expect(Object.values(byDistrict).reduce((t, d) => t + d.units, 0)).toBe(40);
    expect(Object.keys(byDistrict).every((k) => /^53\.\d\d\.\d\d$/.test(k))).toBe(true);
    const listId = String(draft.json['listId']);
    expect(padu(['list', 'finalize', '--list', listId]).status).toBe(0);
    const out = join(tmp.dir, 'air.xlsx');
    const ex = padu(['list', 'export', '--list', listId, '--out', out]);
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.json['rows']).toBe(40);
    expect(ex.json['masked']).toBe(true);
    const audit = padu(['audit']);
    expect(audit.status).toBe(0);
    expect(audit.json['verified']).toBe(true);
    expect((audit.json['rows'] as { action: string }[])[0]?.action).toBe('list.export');
    const bad = padu(['program', 'add', '--file', join(tmp.dir, 'nope.json')]);
    expect(bad.status).toBe(1);
  });
});
