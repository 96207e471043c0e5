import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTES, HEAD_AGE_BANDS, MISSING_CODE } from '../../shared/analysis/attributes.ts';
import type { AttributeFilter, CrosstabResult, CrosstabSpec, DrillPage } from '../../shared/contracts/analysis.ts';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import { FAMILY_COLUMN } from '../../electron/warehouse/analysis/cube.ts';
import { arenaStats } from '../../electron/warehouse/analysis/wasm-arena.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { readTruth } from './demo-helpers.ts';

/**
 * The cross-tab engine against (1) the generator's ground truth and (2) a plain SQL GROUP BY on
 * the same warehouse for many random specs; drill-downs return exactly the families of their cell.
 */

const FAMILIES = 1500;
const SEED = 31;
const AGE_DATE = '2025-06-30';
const tmp = tempDir('analysis');
const dir = join(tmp.dir, 'files');
let truth: GroundTruth;
let wh: Warehouse;
const batch = new Map<string, number>();

const FILES: readonly { name: string; source: SourceKind }[] = [
  { name: 'p3ke-keluarga.csv', source: 'p3ke_keluarga' },
  { name: 'p3ke-individu.csv', source: 'p3ke_individu' },
  { name: 'dtks.csv', source: 'dtks' },
  { name: 'dtsen-keluarga.csv', source: 'dtsen_keluarga' },
];

beforeAll(async () => {
  await generateDemoFiles({ outDir: dir, province: '53', families: FAMILIES, seed: SEED, formats: ['csv'] });
  truth = readTruth(dir);
  wh = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
  expect((await wh.call('settings.setWorkingProvince', { code: '53' })).ok).toBe(true);
  for (const f of FILES) {
    const r = await wh.call('imports.commit', { file: { path: join(dir, f.name), name: f.name }, source: f.source });
    if (!r.ok) throw new Error(`${f.name}: ${r.error.message}`);
    batch.set(f.name, (r.value as ImportResult).batchId);
  }
}, 180_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

async function crosstab(spec: CrosstabSpec): Promise<CrosstabResult> {
  const r = await wh.call('analysis.crosstab', { spec: { ageDate: AGE_DATE, ...spec } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as CrosstabResult;
}

async function drill(spec: CrosstabSpec, row: string | null, col: string | null, extra: Record<string, unknown> = {}, start = 0, end = 100000): Promise<DrillPage> {
  const r = await wh.call('analysis.drill', { spec: { ageDate: AGE_DATE, ...spec }, row, col, startRow: start, endRow: end, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DrillPage;
}

/** cells[rowKey][colKey] of a result, zeros left out (like the truth's counters). */
function asTable(r: CrosstabResult, measure: 'families' | 'persons' = 'families'): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  r.rows.forEach((row, i) => {
    r.cols.forEach((col, j) => {
      const n = r.cells[measure][i]?.[j] ?? 0;
      if (n > 0) (out[row.key] ??= {})[col.key] = n;
    });
  });
  return out;
}

describe('cross-tabs against the generator’s ground truth', () => {
  it('kabupaten × desil of P3KE equals the truth, totals and people included', async () => {
    const r = await crosstab({ rows: { kind: 'region', level: 2 }, cols: 'desil', sources: ['p3ke'] });
    expect(asTable(r)).toEqual(truth.counts.sources.p3ke_keluarga.byKabupatenDesil);
    expect(r.total.families).toBe(truth.counts.sources.p3ke_keluarga.families);
    expect(r.total.persons).toBe(truth.counts.sources.p3ke_individu.persons);
    expect(r.rowTotals.families.reduce((a, b) => a + b, 0)).toBe(r.total.families);
    expect(r.colTotals.persons.reduce((a, b) => a + b, 0)).toBe(r.total.persons);
    expect(r.definition.description.join('\n')).toContain('p3ke-keluarga.csv');
    expect(r.definition.description.join('\n')).toContain('p3ke-individu.csv');
  });

  it('kecamatan rows list every kecamatan of the province with subtotals per kabupaten', async () => {
    const r = await crosstab({ rows: { kind: 'region', level: 3 }, cols: null, sources: ['p3ke'] });
    const nonZero: Record<string, number> = Object.fromEntries(r.rows.map((row, i): [string, number] => [row.key, r.rowTotals.families[i] ?? 0]).filter(([, n]) => n > 0));
    expect(nonZero).toEqual(truth.counts.sources.p3ke_keluarga.byKecamatan);
    const kecamatan = wh.db.prepare("SELECT count(*) FROM region WHERE level = 3 AND code LIKE '53.%'").pluck().get() as number;
    expect(r.rows.length).toBe(kecamatan);
    for (const [g, group] of r.groups.entries()) {
      const members = r.rows.map((row, i) => ({ row, i })).filter((x) => x.row.group === g);
      expect(members.every((m) => m.row.key.startsWith(`${group.key}.`))).toBe(true);
      expect(group.total.families).toBe(members.reduce((a, m) => a + (r.rowTotals.families[m.i] ?? 0), 0));
    }
    expect(r.groups.reduce((a, g) => a + g.total.families, 0)).toBe(r.total.families);
  });

  it('DTKS households per kabupaten equal the truth, and sources compare side by side', async () => {
    const r = await crosstab({ rows: { kind: 'region', level: 2 }, cols: 'sumber_data', sources: ['p3ke', 'dtks', 'dtsen'] });
    expect(r.cols.map((c) => c.key)).toEqual(['p3ke', 'dtks', 'dtsen']);
    const dtks: Record<string, number> = Object.fromEntries(r.rows.map((row, i): [string, number] => [row.key, r.cells.families[i]?.[1] ?? 0]).filter(([, n]) => n > 0));
    expect(dtks).toEqual(truth.counts.sources.dtks.householdsByKabupaten);
    expect(r.colTotals.families[2]).toBe(truth.counts.population.families);
  });

  it('member-level tables count people, and each family once per cell', async () => {
    const r = await crosstab({ rows: { kind: 'attribute', key: 'jk' }, cols: 'desil', sources: ['p3ke'] });
    expect(r.personLevel).toBe(true);
    expect(r.total.persons).toBe(truth.counts.sources.p3ke_individu.persons);
    expect(r.total.families).toBe(truth.counts.sources.p3ke_keluarga.families);
    // Same numbers from SQL: members of the individu file joined to their P3KE family.
    const rows = wh.db
      .prepare(
        `SELECT coalesce(p.sex, -1) AS sex, f.desil AS desil, count(*) AS persons, count(DISTINCT f.id) AS families
         FROM person p JOIN family i ON i.id = p.family_id JOIN family f ON f.batch_id = ? AND f.source_id = i.source_id
         WHERE p.batch_id = ? GROUP BY 1, 2`,
      )
      .all(batch.get('p3ke-keluarga.csv'), batch.get('p3ke-individu.csv')) as { sex: number; desil: number; persons: number; families: number }[];
    for (const x of rows) {
      const i = r.rows.findIndex((row) => row.key === (x.sex === MISSING_CODE ? '' : String(x.sex)));
      const j = r.cols.findIndex((c) => c.key === String(x.desil));
      expect(r.cells.persons[i]?.[j], `${x.sex}/${x.desil}`).toBe(x.persons);
      expect(r.cells.families[i]?.[j], `${x.sex}/${x.desil}`).toBe(x.families);
    }
  });

  it('member-level filters and family-level filters combine like a SQL join', async () => {
    const r = await crosstab({
      rows: { kind: 'region', level: 2 },
      cols: 'hubungan',
      filters: [{ attribute: 'jk', values: [2] }, { attribute: 'jamban', values: [2, 3] }],
      sources: ['p3ke'],
    });
    const rows = wh.db
      .prepare(
        `SELECT substr(f.region_code, 1, 5) AS kab, coalesce(p.relation, -1) AS rel, count(*) AS persons, count(DISTINCT f.id) AS families
         FROM person p JOIN family i ON i.id = p.family_id JOIN family f ON f.batch_id = ? AND f.source_id = i.source_id
         WHERE p.batch_id = ? AND p.sex = 2 AND f.toilet IN (2, 3) GROUP BY 1, 2`,
      )
      .all(batch.get('p3ke-keluarga.csv'), batch.get('p3ke-individu.csv')) as { kab: string; rel: number; persons: number; families: number }[];
    const expected: Record<string, Record<string, number>> = {};
    const expectedFamilies: Record<string, Record<string, number>> = {};
    for (const x of rows) {
      const ck = x.rel === MISSING_CODE ? '' : String(x.rel);
      (expected[x.kab] ??= {})[ck] = x.persons;
      (expectedFamilies[x.kab] ??= {})[ck] = x.families;
    }
    expect(asTable(r, 'persons')).toEqual(expected);
    expect(asTable(r, 'families')).toEqual(expectedFamilies);
    const distinct = wh.db
      .prepare(
        `SELECT count(DISTINCT f.id) FROM person p JOIN family i ON i.id = p.family_id JOIN family f ON f.batch_id = ? AND f.source_id = i.source_id
         WHERE p.batch_id = ? AND p.sex = 2 AND f.toilet IN (2, 3)`,
      )
      .pluck()
      .get(batch.get('p3ke-keluarga.csv'), batch.get('p3ke-individu.csv')) as number;
    expect(r.total.families).toBe(distinct);
    // Within one kabupaten (a run of the region-ordered cube), member level too.
    const kab = '53.04';
    const inKab = await crosstab({ rows: { kind: 'attribute', key: 'jk' }, cols: 'desil', region: kab, sources: ['p3ke'] });
    const sqlKab = wh.db
      .prepare(
        `SELECT count(*) AS persons, count(DISTINCT f.id) AS families
         FROM person p JOIN family i ON i.id = p.family_id JOIN family f ON f.batch_id = ? AND f.source_id = i.source_id
         WHERE p.batch_id = ? AND f.region_code LIKE ?`,
      )
      .get(batch.get('p3ke-keluarga.csv'), batch.get('p3ke-individu.csv'), `${kab}.%`) as { persons: number; families: number };
    expect(inKab.total).toEqual(sqlKab);
    // The drill-down of a member-level cell lists the distinct families.
    const i = r.rows.findIndex((_, k) => (r.cells.families[k]?.[0] ?? 0) > 0);
    const page = await drill(r.definition.spec, r.rows[i]?.key ?? null, r.cols[0]?.key ?? null);
    expect(page.count).toBe(r.cells.families[i]?.[0]);
  });
});

/** Deterministic pseudo-random numbers for the random specs. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STORED = Object.keys(FAMILY_COLUMN);

/** SQL for an attribute's code (the reference the engine must agree with). */
function sqlOf(attr: string): string {
  if (FAMILY_COLUMN[attr]) return `coalesce(${FAMILY_COLUMN[attr]}, -1)`;
  if (attr === 'umur_kepala') {
    const age = `((${AGE_DATE.replace(/-/g, '')} - cast(replace(head_birth, '-', '') AS INTEGER)) / 10000)`;
    const cases = HEAD_AGE_BANDS.map((b) => `WHEN ${age} BETWEEN ${b.min} AND ${b.max} THEN ${b.code}`).join(' ');
    return `(CASE WHEN head_birth IS NULL THEN -1 ${cases} ELSE -1 END)`;
  }
  throw new Error(attr);
}

function sqlFilter(f: AttributeFilter): string {
  const e = sqlOf(f.attribute);
  const parts: string[] = [];
  if (f.values) parts.push(`${e} IN (${f.values.join(',')})`);
  if (f.min !== undefined) parts.push(`(${e} <> -1 AND ${e} >= ${f.min})`);
  if (f.max !== undefined) parts.push(`(${e} <> -1 AND ${e} <= ${f.max})`);
  const m = parts.join(' AND ');
  return f.exclude ? `NOT (${m})` : `(${m})`;
}

describe('random specs against a plain SQL GROUP BY', () => {
  it('agrees on 60 random two-dimension tables with up to three filters', async () => {
    const rand = rng(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const attrs = [...STORED, 'umur_kepala'];
    const kabupaten = wh.db.prepare("SELECT code FROM region WHERE level = 2 AND code LIKE '53.%'").pluck().all() as string[];
    const keluarga = batch.get('p3ke-keluarga.csv') as number;
    for (let t = 0; t < 60; t++) {
      const regionRows = rand() < 0.5;
      const level = pick([2, 3, 4] as const);
      const rowAttr = pick(attrs);
      const colAttr = pick(attrs);
      const filters: AttributeFilter[] = [];
      const nf = Math.floor(rand() * 4);
      for (let k = 0; k < nf; k++) {
        const attr = pick(attrs);
        const meta = ATTRIBUTES.find((a) => a.key === attr);
        const codes = [...(meta?.values.map((v) => v.code) ?? []), MISSING_CODE];
        if (meta?.ordered && rand() < 0.4) {
          const a = pick(codes.filter((c) => c !== MISSING_CODE));
          filters.push({ attribute: attr, min: a, max: a + Math.floor(rand() * 4) });
        } else {
          const values = codes.filter(() => rand() < 0.4);
          filters.push({ attribute: attr, values: values.length ? values : [codes[0] as number], ...(rand() < 0.2 ? { exclude: true } : {}) });
        }
      }
      const region = rand() < 0.3 ? pick(kabupaten) : undefined;
      const spec: CrosstabSpec = {
        rows: regionRows ? { kind: 'region', level } : { kind: 'attribute', key: rowAttr },
        cols: colAttr,
        filters,
        sources: ['p3ke'],
        ...(region ? { region } : {}),
      };
      const r = await crosstab(spec);
      const rowExpr = regionRows
        ? `CASE WHEN region_code LIKE '53.%' THEN substr(region_code, 1, ${[0, 2, 5, 8, 13][level]}) ELSE '' END`
        : sqlOf(rowAttr);
      const where = [`batch_id = ${keluarga}`, ...filters.map(sqlFilter)];
      if (region) where.push(`(region_code = '${region}' OR region_code LIKE '${region}.%')`);
      const rows = wh.db
        .prepare(`SELECT ${rowExpr} AS r, ${sqlOf(colAttr)} AS c, count(*) AS n FROM family WHERE ${where.join(' AND ')} GROUP BY 1, 2`)
        .all() as { r: string | number; c: number; n: number }[];
      const expected: Record<string, Record<string, number>> = {};
      for (const x of rows) {
        const rk = regionRows ? String(x.r) : x.r === MISSING_CODE ? '' : String(x.r);
        const ck = x.c === MISSING_CODE ? '' : String(x.c);
        (expected[rk] ??= {})[ck] = x.n;
      }
      expect(asTable(r), JSON.stringify(spec)).toEqual(expected);
    }
  }, 120_000);
});

describe('drill-down', () => {
  const spec: CrosstabSpec = { rows: { kind: 'region', level: 2 }, cols: 'jamban', filters: [{ attribute: 'desil', values: [1, 2] }], sources: ['p3ke'] };

  it('returns exactly the families of random cells and totals, in pages that join up', async () => {
    const r = await crosstab(spec);
    const rand = rng(3);
    for (let t = 0; t < 12; t++) {
      const i = Math.floor(rand() * r.rows.length);
      const j = Math.floor(rand() * r.cols.length);
      const page = await drill(spec, r.rows[i]?.key ?? null, r.cols[j]?.key ?? null);
      expect(page.count).toBe(r.cells.families[i]?.[j]);
      expect(new Set(page.rows.map((x) => x.familyId)).size).toBe(page.count);
    }
    expect((await drill(spec, null, null, {}, 0, 1)).count).toBe(r.total.families);
    expect((await drill(spec, r.rows[0]?.key ?? null, null, {}, 0, 1)).count).toBe(r.rowTotals.families[0]);
    expect((await drill(spec, null, r.cols[0]?.key ?? null, {}, 0, 1)).count).toBe(r.colTotals.families[0]);

    // Pages of 50 sorted by name join up to the whole sorted list, names in order.
    const all = await drill(spec, null, null, { sort: [{ column: 'nama_kepala', dir: 'asc' }] }, 0, 500);
    const names: string[] = [];
    for (let s = 0; s < all.count; s += 50) {
      const p = await drill(spec, null, null, { sort: [{ column: 'nama_kepala', dir: 'asc' }] }, s, s + 50);
      names.push(...p.rows.map((x) => x.nama_kepala ?? ''));
    }
    expect(names.length).toBe(all.count);
    for (let k = 1; k < names.length; k++) expect((names[k - 1] as string).localeCompare(names[k] as string, 'en', { sensitivity: 'base' }) <= 0 || (names[k - 1] as string).toUpperCase() <= (names[k] as string).toUpperCase()).toBe(true);
  });

  it('sorts descending by desil and filters by text and number in the warehouse', async () => {
    const base: CrosstabSpec = { rows: { kind: 'region', level: 1 }, cols: null, sources: ['p3ke'] };
    const byDesil = await drill(base, null, null, { sort: [{ column: 'desil', dir: 'desc' }] }, 0, 3000);
    const d = byDesil.rows.map((x) => x.desil ?? 0);
    for (let k = 1; k < d.length; k++) expect(d[k - 1] as number).toBeGreaterThanOrEqual(d[k] as number);
    const keluarga = batch.get('p3ke-keluarga.csv') as number;
    const name = (wh.db.prepare('SELECT head_name FROM family WHERE batch_id = ? AND head_name IS NOT NULL LIMIT 1 OFFSET 17').pluck().get(keluarga) as string).split(' ')[0] as string;
    const sqlCount = wh.db.prepare('SELECT count(*) FROM family WHERE batch_id = ? AND head_name LIKE ?').pluck().get(keluarga, `%${name}%`) as number;
    const filtered = await drill(base, null, null, { filters: [{ column: 'nama_kepala', type: 'contains', text: name.toLowerCase() }] }, 0, 5);
    expect(filtered.count).toBe(sqlCount);
    const big = await drill(base, null, null, { filters: [{ column: 'jumlah_anggota', type: 'ge', number: 5 }] }, 0, 5000);
    expect(big.rows.every((x) => (x.jumlah_anggota ?? 0) >= 5)).toBe(true);
    expect(big.count).toBeGreaterThan(0);
  });

  it('masks NIK and No KK in the grid', async () => {
    const page = await drill({ rows: { kind: 'region', level: 1 }, cols: null, sources: ['dtsen'] }, null, null, {}, 0, 50);
    const withKk = page.rows.filter((x) => x.no_kk);
    expect(withKk.length).toBeGreaterThan(0);
    for (const x of withKk) expect(x.no_kk).toMatch(/^\d{4}\*+\d{2}$/);
  });

  it('rejects a cell that is not in the table and an unknown attribute, in Bahasa Indonesia', async () => {
    const r = await wh.call('analysis.drill', { spec, row: '99.99', col: null, startRow: 0, endRow: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Sel tabel tidak ditemukan');
    const u = await wh.call('analysis.crosstab', { spec: { rows: { kind: 'attribute', key: 'tidak_ada' }, cols: null } });
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.error.message).toContain('Atribut tidak_ada tidak dikenal');
  });
});

describe('cube memory', () => {
  it('columns live in the arena; a new reference date replaces the age column, closing frees them all', async () => {
    const spec = (ageDate: string): CrosstabSpec => ({ rows: { kind: 'attribute', key: 'umur_kepala' }, cols: 'jk_kepala', sources: ['p3ke'], ageDate });
    await crosstab(spec('2025-06-30')); // the scan's scratch block is taken (and kept) here
    // A second connection has cubes of its own: its columns come from the cache files.
    const other = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
    const before = arenaStats().used;
    const ages = async (ageDate: string): Promise<number> => {
      expect((await other.call('analysis.crosstab', { spec: spec(ageDate) })).ok).toBe(true);
      return arenaStats().used;
    };
    const first = await ages('2025-06-30');
    expect(first).toBeGreaterThan(before);
    expect(await ages('2024-01-01')).toBe(first);
    other.close();
    expect(arenaStats().used).toBe(before);
  });
});
