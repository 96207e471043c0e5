import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/analysis/attributes.ts';
import type { FamilyDetail, FamilyMember, RegionProfile } from '../../shared/contracts/analysis.ts';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import { maskNik } from '../../shared/model/nik.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import { migrate, schemaVersion } from '../../electron/warehouse/db/migrate.ts';
import { MIGRATIONS } from '../../electron/warehouse/db/migrations/index.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parseCsv, readTruth } from './demo-helpers.ts';

/**
 * A family's record and a region's profile on a generated warehouse: members against the
 * generator's truth, NIK masking and its audit trail, the same family found in the other sources,
 * unmodelled columns, and every profile figure against plain SQL on the same warehouse.
 */

const FAMILIES = 600;
const SEED = 43;
const tmp = tempDir('family-profile');
const dir = join(tmp.dir, 'files');
let truth: GroundTruth;
let wh: Warehouse;
const batch = new Map<string, number>();
let truthFamilies: Record<string, string>[] = [];
let truthPersons: Record<string, string>[] = [];
/** file → line numbers (CSV) carrying an injected fault */
const faultLines = new Map<string, Set<number>>();

const FILES: readonly { name: string; source: SourceKind }[] = [
  { name: 'p3ke-keluarga.csv', source: 'p3ke_keluarga' },
  { name: 'p3ke-individu.csv', source: 'p3ke_individu' },
  { name: 'dtks.csv', source: 'dtks' },
  { name: 'dtsen-keluarga.csv', source: 'dtsen_keluarga' },
  { name: 'program-pkh-2025.csv', source: 'program' },
  { name: 'indikator-kabupaten.xlsx', source: 'indicator' },
];

function records(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'), ',');
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

beforeAll(async () => {
  await generateDemoFiles({ outDir: dir, province: '53', families: FAMILIES, seed: SEED, formats: ['csv'] });
  truth = readTruth(dir);
  truthFamilies = records(join(dir, 'truth-families.csv'));
  truthPersons = records(join(dir, 'truth-persons.csv'));
  for (const [file, , row, , kind] of parseCsv(readFileSync(join(dir, 'faults.csv'), 'utf8'), ',').slice(1)) {
    if (!file || kind === 'title_row') continue;
    const set = faultLines.get(file) ?? new Set<number>();
    set.add(Number(row));
    faultLines.set(file, set);
  }
  wh = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
  expect((await wh.call('settings.setWorkingProvince', { code: '53' })).ok).toBe(true);
  for (const f of FILES) {
    const r = await wh.call('imports.commit', { file: { path: join(dir, f.name), name: f.name }, source: f.source });
    if (!r.ok) throw new Error(`${f.name}: ${r.error.message}`);
    batch.set(f.name, (r.value as ImportResult).batchId);
  }
}, 120_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

function batchId(name: string): number {
  const id = batch.get(name);
  if (id === undefined) throw new Error(`no batch for ${name}`);
  return id;
}

async function family(familyId: number, showFullNik = false): Promise<FamilyDetail> {
  const r = await wh.call('analysis.family', { familyId, showFullNik });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as FamilyDetail;
}

async function profile(args: Record<string, unknown>): Promise<RegionProfile> {
  const r = await wh.call('analysis.profile', args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as RegionProfile;
}

function count(sqlText: string, ...params: unknown[]): number {
  return (wh.db.prepare(sqlText).pluck().get(...params) as number | null) ?? 0;
}

/** First data line of a generated CSV (its ordinals in the truth count from there). */
function firstLine(file: string): number {
  const f = truth.files.find((x) => x.name === file);
  const first = f?.sheets[0]?.firstDataRow;
  if (!first) throw new Error(`no layout for ${file}`);
  return first;
}

function clean(file: string, ordinal: string): boolean {
  return ordinal !== '' && !(faultLines.get(file)?.has(firstLine(file) + Number(ordinal) - 1) ?? false);
}

function field(m: FamilyMember | FamilyDetail, key: string): { value: string | null; code?: number | null } | undefined {
  return m.fields.find((f) => f.key === key);
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function p3keFamilyId(idKeluarga: string): number {
  return count('SELECT id FROM family WHERE batch_id = ? AND source_id = ?', batchId('p3ke-keluarga.csv'), idKeluarga);
}

describe('migration 003', () => {
  it('brings a version-2 file to 3: the look-up indexes, the saved-analysis table, data untouched', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    db.exec(`INSERT INTO batch (id, source, label, origin, status, created_at) VALUES (1, 'dtks', 'x', 'import', 'complete', '2025-01-01');
             INSERT INTO family (id, batch_id, kk, source_id) VALUES (7, 1, '5301041108110001', 'A1');`);
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toBe(3);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('index', 'table')`).pluck().all() as string[]);
    expect(names).toEqual(expect.arrayContaining([
      'family_by_kk', 'family_by_source_id', 'family_by_head_nik', 'program_recipient_by_nik', 'program_recipient_by_kk', 'saved_analysis',
    ]));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM family WHERE kk = ?`).all('5301041108110001') as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('family_by_kk');
    expect(db.prepare('SELECT id FROM family WHERE kk = ?').pluck().get('5301041108110001')).toBe(7);
    db.prepare(`INSERT INTO saved_analysis (name, spec, view, created_at, updated_at) VALUES ('a', '{}', '{}', 'now', 'now')`).run();
    // STRICT: a blob is refused in a TEXT column.
    expect(() => db.prepare(`INSERT INTO saved_analysis (name, spec, view, created_at, updated_at) VALUES ('a', x'00', '{}', 'now', 'now')`).run()).toThrow();
    db.close();
  });
});

describe('analysis.family', () => {
  it('lists a P3KE family’s members as the generator made them (from the individu file)', async () => {
    const p3keLine = (ordinal: string): boolean => clean('p3ke-individu.csv', ordinal);
    const byFamily = new Map<string, Record<string, string>[]>();
    for (const p of truthPersons) {
      if (p['p3ke_id_individu'] === '') continue;
      const list = byFamily.get(p['family_uid'] ?? '') ?? [];
      list.push(p);
      byFamily.set(p['family_uid'] ?? '', list);
    }
    const picked = truthFamilies
      .filter((f) => f['p3ke_id_keluarga'] !== '' && (byFamily.get(f['family_uid'] ?? '')?.length ?? 0) >= 3)
      .filter((f) => (byFamily.get(f['family_uid'] ?? '') ?? []).every((p) => p3keLine(p['p3ke_row'] ?? '')))
      .slice(0, 8);
    expect(picked.length).toBe(8);
    const at = today();
    for (const f of picked) {
      const d = await family(p3keFamilyId(f['p3ke_id_keluarga'] ?? ''), true);
      expect(d.source).toBe('p3ke');
      expect(d.batch.id).toBe(batchId('p3ke-keluarga.csv'));
      const want = (byFamily.get(f['family_uid'] ?? '') ?? []).sort((a, b) => Number(a['p3ke_row']) - Number(b['p3ke_row']));
      expect(d.members.map((m) => ({
        nik: m.nik,
        name: m.name,
        sex: field(m, 'jk')?.code,
        birth: field(m, 'tanggal_lahir')?.value,
        relation: field(m, 'hubungan')?.code,
        age: field(m, 'umur')?.value,
      }))).toEqual(want.map((p) => ({
        nik: p['nik_true'],
        name: p['name_true'],
        sex: Number(p['sex']),
        birth: p['birth_date'],
        relation: Number(p['relation']),
        age: String(ageOn(p['birth_date'] ?? null, at)),
      })));
      expect(field(d, 'jumlah_anggota')?.value).toBe(String(want.length));
      expect(d.region.map((r) => r.code)).toEqual(['53', f['kabupaten'], f['kecamatan'], f['desa']]);
      expect(d.region.every((r) => r.name.length > 0)).toBe(true);
    }
  });

  it('every sampled P3KE family has as many members as the truth lists in P3KE', async () => {
    const perFamily = new Map<string, number>();
    for (const p of truthPersons) if (p['p3ke_id_individu'] !== '') perFamily.set(p['family_uid'] ?? '', (perFamily.get(p['family_uid'] ?? '') ?? 0) + 1);
    const sample = truthFamilies.filter((f) => f['p3ke_id_keluarga'] !== '').filter((_, i) => i % 15 === 0);
    for (const f of sample) {
      const d = await family(p3keFamilyId(f['p3ke_id_keluarga'] ?? ''));
      expect(d.members.length, f['family_uid']).toBe(perFamily.get(f['family_uid'] ?? ''));
    }
  });

  it('masks NIK and No KK unless asked; an unmasked view is written to the audit log', async () => {
    const dtks = truthFamilies.find((f) => f['dtks_kk_position'] === '1' && f['p3ke_id_keluarga'] !== '');
    const id = count('SELECT id FROM family WHERE batch_id = ? AND kk = ?', batchId('dtks.csv'), dtks?.['kk_true']);
    expect(id).toBeGreaterThan(0);
    const audits = (): number => count(`SELECT count(*) FROM audit_log WHERE action = 'family.view_full_nik'`);
    const before = audits();
    const masked = await family(id);
    expect(masked.nikShown).toBe(false);
    expect(audits()).toBe(before);
    expect(field(masked, 'no_kk')?.value).toBe(maskNik(dtks?.['kk_true'] ?? ''));
    expect(masked.members.length).toBeGreaterThan(0);
    for (const m of masked.members) if (m.nik !== null) expect(m.nik).toMatch(/^\d{4}\*+\d{2}$/);
    for (const a of masked.appearances) expect(a.detail ?? '').not.toMatch(/\d{15,16}/);

    const full = await family(id, true);
    expect(full.nikShown).toBe(true);
    expect(field(full, 'no_kk')?.value).toBe(dtks?.['kk_true']);
    expect(full.members.map((m) => (m.nik === null ? null : maskNik(m.nik)))).toEqual(masked.members.map((m) => m.nik));
    expect(audits()).toBe(before + 1);
    const row = wh.db.prepare(`SELECT detail FROM audit_log WHERE action = 'family.view_full_nik' ORDER BY id DESC LIMIT 1`).pluck().get() as string;
    expect(JSON.parse(row)).toMatchObject({ familyId: id, batchId: batchId('dtks.csv') });
  });

  it('turns codes into words in the UI language', async () => {
    const id = p3keFamilyId(truthFamilies.find((f) => f['p3ke_id_keluarga'] !== '')?.['p3ke_id_keluarga'] ?? '');
    const row = wh.db.prepare('SELECT toilet, desil FROM family WHERE id = ?').get(id) as { toilet: number; desil: number };
    const id1 = await family(id);
    expect(field(id1, 'desil')).toMatchObject({ value: `Desil ${row.desil}`, code: row.desil });
    expect(id1.fields.find((f) => f.key === 'jamban')?.label).toBe('Fasilitas BAB (jamban)');
    expect((await wh.call('settings.setLanguage', { language: 'en' })).ok).toBe(true);
    try {
      const en = await family(id);
      expect(field(en, 'desil')?.value).toBe(`Decile ${row.desil}`);
      expect(en.fields.find((f) => f.key === 'jamban')?.label).toBe('Toilet facility');
      expect(en.members[0]?.fields.find((f) => f.key === 'hubungan')?.label).toBe('Relation to head');
    } finally {
      await wh.call('settings.setLanguage', { language: 'id' });
    }
  });

  it('finds a DTKS family in DTSEN by No KK, in P3KE by its head’s NIK, and on the PKH list by No KK', async () => {
    const dtksBatch = batchId('dtks.csv');
    const dtsenBatch = batchId('dtsen-keluarga.csv');
    const pkhBatch = batchId('program-pkh-2025.csv');
    const dtksPersons = new Map<string, Record<string, string>[]>();
    for (const p of truthPersons) {
      if (p['dtks_id_dtks'] === '') continue;
      const list = dtksPersons.get(p['dtks_id_dtks'] ?? '') ?? [];
      list.push(p);
      dtksPersons.set(p['dtks_id_dtks'] ?? '', list);
    }
    const listed = truthFamilies
      .filter((f) => f['dtks_kk_position'] === '1' && clean('dtsen-keluarga.csv', f['dtsen_row'] ?? ''))
      .filter((_, i) => i % 6 === 0)
      .slice(0, 40);
    expect(listed.length).toBeGreaterThan(20);
    let viaNik = 0;
    let viaPkh = 0;
    for (const f of listed) {
      const kk = f['kk_true'] ?? '';
      const id = count('SELECT id FROM family WHERE batch_id = ? AND kk = ?', dtksBatch, kk);
      const dtsen = count('SELECT id FROM family WHERE batch_id = ? AND kk = ?', dtsenBatch, kk);
      expect(id, kk).toBeGreaterThan(0);
      expect(dtsen, kk).toBeGreaterThan(0);
      const d = await family(id);
      expect(d.appearances.find((a) => a.batch.id === dtsenBatch), kk).toMatchObject({ familyId: dtsen, matchedBy: 'kk' });
      expect(d.appearances.every((a) => a.batch.id !== dtksBatch)).toBe(true);
      // P3KE carries no No KK: the family is found through its head's NIK when both files wrote it intact.
      const headClean =
        f['p3ke_id_keluarga'] !== '' && clean('p3ke-keluarga.csv', f['p3ke_row'] ?? '') &&
        (dtksPersons.get(f['dtks_id_dtks'] ?? '') ?? []).every((p) => clean('dtks.csv', p['dtks_row'] ?? ''));
      if (headClean) {
        viaNik++;
        expect(d.appearances.find((a) => a.batch.id === batchId('p3ke-keluarga.csv')), kk).toMatchObject({
          familyId: p3keFamilyId(f['p3ke_id_keluarga'] ?? ''),
          matchedBy: 'nik',
        });
      }
      if (f['pkh_row'] !== '' && clean('program-pkh-2025.csv', f['pkh_row'] ?? '')) {
        viaPkh++;
        const pkh = d.appearances.find((a) => a.batch.id === pkhBatch);
        expect(pkh, kk).toMatchObject({ familyId: null, matchedBy: 'kk' });
        expect(pkh?.detail).toContain('PKH (2025)');
      }
    }
    expect(viaNik).toBeGreaterThan(5);
    expect(viaPkh).toBeGreaterThan(0);
  });

  it('links a P3KE family and its individu row both ways by the family id, with the same members', async () => {
    const f = truthFamilies.find((x) => x['p3ke_id_keluarga'] !== '' && x['dtks_id_dtks'] === '' && x['pkh_row'] === '');
    const idKeluarga = f?.['p3ke_id_keluarga'] ?? '';
    const d = await family(p3keFamilyId(idKeluarga));
    const individu = count('SELECT id FROM family WHERE batch_id = ? AND source_id = ?', batchId('p3ke-individu.csv'), idKeluarga);
    expect(d.appearances.find((a) => a.matchedBy === 'source_id')).toMatchObject({ familyId: individu });
    expect(d.appearances.find((a) => a.batch.id === batchId('p3ke-individu.csv'))?.batch.source).toBe('p3ke_individu');
    const other = await family(individu);
    expect(other.members.map((m) => m.personId)).toEqual(d.members.map((m) => m.personId));
    expect(other.appearances.find((a) => a.batch.id === batchId('p3ke-keluarga.csv'))).toMatchObject({ familyId: d.familyId, matchedBy: 'source_id' });
  });

  it('answers not_found for an unknown id and invalid_input for a bad one', async () => {
    const r = await wh.call('analysis.family', { familyId: 99_999_999 });
    expect(r.ok ? null : r.error.kind).toBe('not_found');
    expect(r.ok ? '' : r.error.message).toContain('99999999');
    const bad = await wh.call('analysis.family', { familyId: 'x' });
    expect(bad.ok ? null : bad.error.kind).toBe('invalid_input');
  });
});

/** The working province's kabupaten with the most P3KE families, one of its kecamatan and desa. */
function busiest(counter: Readonly<Record<string, number>>, prefix: string): string {
  const best = Object.entries(counter).filter(([k]) => k.startsWith(prefix)).sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error(`no region under ${prefix}`);
  return best[0];
}

const IN = (code: string): string => `(region_code = '${code}' OR region_code LIKE '${code}.%')`;

/** Each figure as SQL over the family table: [hit, base]. */
const FIGURE_SQL: Readonly<Record<string, readonly [string, string]>> = {
  tanpa_jamban_sendiri: ['toilet IN (2, 3)', 'toilet IS NOT NULL'],
  air_minum_tidak_layak: ['water IN (5, 6, 7, 8)', 'water IS NOT NULL'],
  lantai_tanah: ['floor = 4', 'floor IS NOT NULL'],
  risiko_stunting: ['stunting_risk = 1', 'stunting_risk IS NOT NULL'],
  tanpa_bantuan: [
    'rcv_bpnt = 0 AND rcv_bpum = 0 AND rcv_bst = 0 AND rcv_pkh = 0 AND rcv_sembako = 0',
    'rcv_bpnt IS NOT NULL AND rcv_bpum IS NOT NULL AND rcv_bst IS NOT NULL AND rcv_pkh IS NOT NULL AND rcv_sembako IS NOT NULL',
  ],
  desil_1: ['desil = 1', 'desil IS NOT NULL'],
};

function sqlFigures(batches: readonly number[], where: string): Record<string, { count: number; base: number }> {
  const inBatches = `batch_id IN (${batches.join(', ')})`;
  return Object.fromEntries(Object.entries(FIGURE_SQL).map(([key, [hit, base]]) => [key, {
    count: count(`SELECT count(*) FROM family WHERE ${inBatches} AND ${where} AND ${hit}`),
    base: count(`SELECT count(*) FROM family WHERE ${inBatches} AND ${where} AND ${base}`),
  }]));
}

describe('analysis.profile', () => {
  it('a kabupaten’s figures, desil and people equal plain SQL, beside the province’s', async () => {
    const kab = busiest(truth.counts.sources.p3ke_keluarga.byKabupaten, '53.');
    const p = await profile({ regionCode: kab });
    const fam = batchId('p3ke-keluarga.csv');
    expect(p.region).toMatchObject({ code: kab, level: 2 });
    expect(p.parent).toMatchObject({ code: '53', level: 1 });
    expect(p.datasets.map((d) => d.familyBatch.id)).toEqual([fam]);
    expect(p.families).toBe(truth.counts.sources.p3ke_keluarga.byKabupaten[kab]);
    expect(p.families).toBe(count(`SELECT count(*) FROM family WHERE batch_id = ? AND ${IN(kab)}`, fam));
    expect(p.parentFamilies).toBe(count('SELECT count(*) FROM family WHERE batch_id = ?', fam));
    const persons = (where: string): number => count(
      `SELECT count(*) FROM person p JOIN family i ON i.id = p.family_id JOIN family f ON f.batch_id = ? AND f.source_id = i.source_id
       WHERE p.batch_id = ? AND ${where.replace(/region_code/g, 'f.region_code')}`,
      fam, batchId('p3ke-individu.csv'),
    );
    expect(p.persons).toBe(persons(IN(kab)));
    expect(p.parentPersons).toBe(persons('1 = 1'));
    const mine = sqlFigures([fam], IN(kab));
    const parent = sqlFigures([fam], '1 = 1');
    expect(p.figures.map((f) => f.key)).toEqual(Object.keys(FIGURE_SQL));
    for (const f of p.figures) {
      expect({ key: f.key, count: f.count, base: f.base }).toEqual({ key: f.key, ...mine[f.key] });
      expect({ key: f.key, count: f.parentCount, base: f.parentBase }).toEqual({ key: f.key, ...parent[f.key] });
      expect(f.share).toBeCloseTo((mine[f.key]?.count ?? 0) / (mine[f.key]?.base ?? 1), 12);
      expect(f.parentShare).toBeCloseTo((parent[f.key]?.count ?? 0) / (parent[f.key]?.base ?? 1), 12);
      expect(f.label.length).toBeGreaterThan(5);
    }
    expect(p.figures.find((f) => f.key === 'tanpa_jamban_sendiri')?.count).toBeGreaterThan(0);
    const desil = wh.db.prepare(`SELECT desil, count(*) AS n FROM family WHERE batch_id = ? AND ${IN(kab)} GROUP BY desil`).all(fam) as { desil: number; n: number }[];
    expect(p.desil.map((d) => d.desil)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const d of p.desil) expect(d.families, `desil ${d.desil}`).toBe(desil.find((x) => x.desil === d.desil)?.n ?? 0);
    expect(p.desil.reduce((a, d) => a + d.parentFamilies, 0)).toBe(count('SELECT count(*) FROM family WHERE batch_id = ? AND desil BETWEEN 1 AND 10', fam));
  });

  it('lists every kecamatan of the kabupaten with its families and shares', async () => {
    const kab = busiest(truth.counts.sources.p3ke_keluarga.byKabupaten, '53.');
    const p = await profile({ regionCode: kab });
    const fam = batchId('p3ke-keluarga.csv');
    expect(p.children.map((c) => c.code)).toEqual(wh.db.prepare('SELECT code FROM region WHERE parent_code = ? ORDER BY code').pluck().all(kab));
    const byKec = Object.fromEntries(Object.entries(truth.counts.sources.p3ke_keluarga.byKecamatan).filter(([k]) => k.startsWith(`${kab}.`)));
    expect(Object.fromEntries(p.children.filter((c) => c.families > 0).map((c) => [c.code, c.families]))).toEqual(byKec);
    for (const c of p.children.filter((x) => x.families > 0)) {
      const want = sqlFigures([fam], IN(c.code));
      Object.values(want).forEach((w, i) => expect(c.shares[i], `${c.code} #${i}`).toBeCloseTo(w.base > 0 ? w.count / w.base : Number.NaN, 12));
    }
    for (const c of p.children.filter((x) => x.families === 0)) expect(c.shares.every((s) => s === null)).toBe(true);
  });

  it('a desa compares with its kecamatan; the province has no parent; several sources add up', async () => {
    const kec = busiest(truth.counts.sources.p3ke_keluarga.byKecamatan, '53.');
    const fam = batchId('p3ke-keluarga.csv');
    const desa = wh.db.prepare(`SELECT region_code FROM family WHERE batch_id = ? AND region_code LIKE ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).pluck().get(fam, `${kec}.%`) as string;
    const p = await profile({ regionCode: desa });
    expect(p.region).toMatchObject({ code: desa, level: 4 });
    expect(p.parent).toMatchObject({ code: kec, level: 3 });
    expect(p.children).toEqual([]);
    expect(p.families).toBe(count('SELECT count(*) FROM family WHERE batch_id = ? AND region_code = ?', fam, desa));
    expect(p.parentFamilies).toBe(truth.counts.sources.p3ke_keluarga.byKecamatan[kec]);
    const lantai = sqlFigures([fam], IN(kec))['lantai_tanah'];
    expect(p.figures.find((f) => f.key === 'lantai_tanah')).toMatchObject({ parentCount: lantai?.count, parentBase: lantai?.base });

    const prov = await profile({ regionCode: '53' });
    expect(prov.parent).toBeNull();
    expect(prov.families).toBe(truth.counts.sources.p3ke_keluarga.families);
    expect(prov.figures.every((f) => f.parentShare === null && f.parentBase === 0)).toBe(true);
    expect(prov.children.reduce((a, c) => a + c.families, 0)).toBe(prov.families);

    const both = await profile({ regionCode: '53', sources: ['p3ke', 'dtsen', 'dtks'] });
    const all3 = [fam, batchId('dtsen-keluarga.csv'), batchId('dtks.csv')];
    expect(both.datasets.map((d) => d.source)).toEqual(['p3ke', 'dtsen', 'dtks']);
    expect(both.families).toBe(count(`SELECT count(*) FROM family WHERE batch_id IN (${all3.join(', ')})`));
    const want = sqlFigures(all3, '1 = 1');
    for (const f of both.figures) expect({ key: f.key, count: f.count, base: f.base }).toEqual({ key: f.key, ...want[f.key] });
    // DTKS records no housing: its figures have no base, so no share.
    const dtks = await profile({ regionCode: '53', sources: ['dtks'] });
    expect(dtks.families).toBe(truth.counts.sources.dtks.households);
    expect(dtks.figures.filter((f) => f.key !== 'desil_1').every((f) => f.base === 0 && f.share === null)).toBe(true);
  });

  it('lists the region’s and the parent’s indicators, latest first, flagging values two sources disagree on', async () => {
    const kab = busiest(truth.counts.sources.p3ke_keluarga.byKabupaten, '53.');
    const p = await profile({ regionCode: kab });
    const rows = wh.db.prepare('SELECT indicator, period, value, source FROM indicator_value WHERE region_code = ?').all(kab) as { indicator: string; period: string; value: number; source: string }[];
    expect(p.indicators.length).toBe(rows.length);
    expect(p.parentIndicators.length).toBe(count(`SELECT count(*) FROM indicator_value WHERE region_code = '53'`));
    const distinct = new Map<string, Set<number>>();
    for (const r of rows) distinct.set(`${r.indicator}|${r.period}`, (distinct.get(`${r.indicator}|${r.period}`) ?? new Set()).add(r.value));
    for (const e of p.indicators) expect(e.conflict, `${e.indicator} ${e.period} ${e.source}`).toBe((distinct.get(`${e.indicator}|${e.period}`)?.size ?? 0) > 1);
    const periods = p.indicators.map((e) => e.period);
    expect(periods).toEqual([...periods].sort().reverse());
    // The demo's stunting prevalence: SSGI and e-PPGBM give different 2022 values; both are listed, both flagged.
    const stunting = p.parentIndicators.filter((e) => e.period === '2022' && /stunting/i.test(e.indicator));
    expect(stunting.length).toBe(2);
    expect(new Set(stunting.map((e) => e.source)).size).toBe(2);
    expect(stunting.every((e) => e.conflict)).toBe(true);
    expect(stunting.map((e) => e.value).sort()).toEqual([17.7, 35.4]);
    expect(p.indicators.every((e) => e.batch.id === batchId('indikator-kabupaten.xlsx'))).toBe(true);
  });

  it('refuses a region outside the reference', async () => {
    const r = await wh.call('analysis.profile', { regionCode: '53.99' });
    expect(r.ok ? null : r.error.kind).toBe('invalid_input');
    expect(r.ok ? '' : r.error.message).toContain('53.99');
  });
});

describe('columns the warehouse does not model', () => {
  it('shows a file’s unknown column on the family, NIKs in it masked, and the same family in the earlier batch', async () => {
    const path = join(dir, 'p3ke-keluarga.csv');
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    const header = lines.find((l) => l.startsWith('ID Keluarga P3KE')) ?? '';
    const first = lines[lines.indexOf(header) + 1] ?? '';
    const note = 'Rumah dicek bersama 5301041307900001';
    const small = join(tmp.dir, 'p3ke-catatan.csv');
    writeFileSync(small, `${header},Catatan Pendamping\r\n${first},${note}\r\n`);
    const r = await wh.call('imports.commit', { file: { path: small, name: 'p3ke-catatan.csv' }, source: 'p3ke_keluarga', label: 'P3KE catatan' });
    if (!r.ok) throw new Error(r.error.message);
    const newBatch = (r.value as ImportResult).batchId;
    const id = count('SELECT id FROM family WHERE batch_id = ?', newBatch);
    const masked = await family(id);
    expect(masked.extraColumns).toEqual([{ header: 'Catatan Pendamping', value: 'Rumah dicek bersama 5301**********01' }]);
    expect(masked.extraFields.map((f) => f.key)).toContain('pensasaran');
    const full = await family(id, true);
    expect(full.extraColumns).toEqual([{ header: 'Catatan Pendamping', value: note }]);
    const idKeluarga = wh.db.prepare('SELECT source_id FROM family WHERE id = ?').pluck().get(id) as string;
    expect(full.appearances.find((a) => a.batch.id === batchId('p3ke-keluarga.csv'))).toMatchObject({ familyId: p3keFamilyId(idKeluarga), matchedBy: 'source_id' });
    expect(full.members.length).toBeGreaterThan(0);
  });
});
