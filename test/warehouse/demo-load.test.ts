import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../electron/warehouse/db/connection.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import { loadDemo } from '../../electron/warehouse/demo/load.ts';
import { tempDir } from '../helpers/tmp.ts';
import { bump2, csvRecords, readCsvFile, readTruth } from './demo-helpers.ts';

const FAMILIES = 1500;
const SEED = 11;
const tmp = tempDir('demo-load');
afterAll(() => tmp.cleanup());

interface BatchRow {
  id: number;
  source: string;
  label: string;
  vintage: string | null;
  origin: string;
  status: string;
  file_name: string | null;
  rows_loaded: number;
  families: number;
  persons: number;
  completed_at: string | null;
}

function count(db: ReturnType<typeof openDatabase>, table: string, batchId?: number): number {
  const sqlText = batchId === undefined ? `SELECT count(*) AS n FROM ${table}` : `SELECT count(*) AS n FROM ${table} WHERE batch_id = ?`;
  const stmt = db.prepare(sqlText);
  const row = (batchId === undefined ? stmt.get() : stmt.get(batchId)) as { n: number };
  return row.n;
}

describe('loadDemo', () => {
  it('stores one complete demo batch per source with exactly the generator’s counts', async () => {
    const db = openDatabase(join(tmp.dir, 'load.db'));
    const phases = new Set<string>();
    const result = await loadDemo(db, { province: '53', families: FAMILIES, seed: SEED, onProgress: (p) => phases.add(p.phase) });
    expect(phases.has('villages')).toBe(true);
    expect(result.families).toBe(FAMILIES);
    expect(result.persons).toBe(result.truth.sources.p3ke_individu.persons);

    const batches = db.prepare('SELECT * FROM batch ORDER BY id').all() as BatchRow[];
    expect(batches.map((b) => b.id)).toEqual([...result.batchIds]);
    expect(batches.map((b) => b.source)).toEqual(['p3ke_keluarga', 'p3ke_individu', 'dtks', 'dtsen_keluarga', 'program', 'program', 'indicator']);
    for (const b of batches) {
      expect(b.origin).toBe('demo');
      expect(b.status).toBe('complete');
      expect(b.label).toMatch(/\(contoh\)$/);
      expect(b.vintage).not.toBeNull();
      expect(b.completed_at).not.toBeNull();
    }
    const [kel, ind, dtks, dtsen, rtlh, pkh, indic] = batches;
    const s = result.truth.sources;
    expect(kel?.families).toBe(FAMILIES);
    expect(kel?.rows_loaded).toBe(s.p3ke_keluarga.rows);
    expect(count(db, 'family', kel?.id)).toBe(FAMILIES);
    expect(ind?.persons).toBe(s.p3ke_individu.persons);
    expect(count(db, 'person', ind?.id)).toBe(s.p3ke_individu.persons);
    expect(count(db, 'family', ind?.id)).toBe(FAMILIES);
    expect(dtks?.families).toBe(s.dtks.households);
    expect(count(db, 'family', dtks?.id)).toBe(s.dtks.households);
    expect(count(db, 'person', dtks?.id)).toBe(s.dtks.persons);
    expect(dtsen?.families).toBe(s.dtsen_keluarga.families);
    expect(count(db, 'family', dtsen?.id)).toBe(result.truth.population.families);
    expect(count(db, 'program_recipient', rtlh?.id)).toBe(s.program_rtlh.rows);
    expect(count(db, 'program_recipient', pkh?.id)).toBe(s.program_pkh.rows);
    expect(count(db, 'indicator_value', indic?.id)).toBe(s.indicator.rows);

    // Cross-tab from the warehouse equals the truth (kabupaten × desil of P3KE families).
    const rows = db.prepare('SELECT substr(region_code, 1, 5) AS kab, desil, count(*) AS n FROM family WHERE batch_id = ? GROUP BY 1, 2').all(kel?.id) as { kab: string; desil: number; n: number }[];
    const byKabDesil: Record<string, Record<string, number>> = {};
    for (const r of rows) for (let i = 0; i < r.n; i++) bump2(byKabDesil, r.kab, String(r.desil));
    expect(byKabDesil).toEqual(s.p3ke_keluarga.byKabupatenDesil);

    // Codes, not labels, and every person belongs to a family of its own batch.
    const orphans = db.prepare('SELECT count(*) AS n FROM person p LEFT JOIN family f ON f.id = p.family_id WHERE f.id IS NULL OR f.batch_id <> p.batch_id').get() as { n: number };
    expect(orphans.n).toBe(0);
    const uncoded = db.prepare('SELECT count(*) AS n FROM family WHERE batch_id = ? AND (roof IS NULL OR floor IS NULL OR water IS NULL OR toilet IS NULL OR stunting_risk IS NULL OR rcv_pkh IS NULL OR region_code IS NULL)').get(kel?.id) as { n: number };
    expect(uncoded.n).toBe(0);
    const dtksExtra = db.prepare('SELECT extra FROM family WHERE batch_id = ? LIMIT 1').get(dtks?.id) as { extra: string };
    expect(Object.keys(JSON.parse(dtksExtra.extra) as object)).toEqual(expect.arrayContaining(['Dusun', 'RT', 'RW']));
    closeDatabase(db);
  });

  it('loads the same records the CSV files of the same seed carry', async () => {
    const dir = join(tmp.dir, 'files');
    await generateDemoFiles({ outDir: dir, province: '53', families: FAMILIES, seed: SEED, formats: ['csv'] });
    const truth = readTruth(dir);
    const db = openDatabase(join(tmp.dir, 'same.db'));
    const result = await loadDemo(db, { province: '53', families: FAMILIES, seed: SEED });
    expect(result.truth).toEqual(truth.counts);

    const kelFile = truth.files.find((f) => f.name === 'p3ke-keluarga.csv');
    const layout = kelFile?.sheets[0];
    const recs = csvRecords(readCsvFile(join(dir, 'p3ke-keluarga.csv'), ',').rows, layout?.headerRow ?? 1, layout?.firstDataRow ?? null, layout?.lastDataRow ?? null);
    const stored = db.prepare('SELECT row_no, source_id, head_nik, head_name, head_birth FROM family WHERE batch_id = ? ORDER BY id').all(result.batchIds[0]) as {
      row_no: number;
      source_id: string;
      head_nik: string | null;
      head_name: string;
      head_birth: string;
    }[];
    expect(stored.length).toBe(recs.length);
    stored.forEach((row, i) => {
      const rec = recs[i];
      expect(row.row_no).toBe((layout?.firstDataRow ?? 0) + i);
      expect(row.source_id).toBe(rec?.['ID Keluarga P3KE']);
      expect(row.head_nik ?? '').toBe(rec?.NIK);
      expect(row.head_name).toBe(rec?.['Kepala Keluarga']);
      const [d, m, y] = (rec?.['Tanggal Lahir'] ?? '').split('/');
      expect(row.head_birth).toBe(`${y}-${m}-${d}`);
    });
    // Damaged NIKs are stored as the damaged text, as an import would.
    const damaged = db.prepare(`SELECT count(*) AS n FROM person WHERE nik LIKE '%E+15'`).get() as { n: number };
    expect(damaged.n).toBeGreaterThan(0);
    closeDatabase(db);
  });

  it('leaves no batch behind when loading fails midway', async () => {
    const db = openDatabase(join(tmp.dir, 'fail.db'));
    let rowsSeen = 0;
    await expect(
      loadDemo(db, {
        province: '53',
        families: FAMILIES,
        seed: SEED,
        onProgress: (p) => {
          if (p.phase === 'villages' && p.done >= p.total * 0.9) {
            rowsSeen = count(db, 'person');
            throw new Error('disk full (simulated)');
          }
        },
      }),
    ).rejects.toThrow('disk full (simulated)');
    expect(rowsSeen).toBeGreaterThan(0);
    for (const t of ['batch', 'family', 'person', 'program_recipient', 'indicator_value']) expect(count(db, t), t).toBe(0);
    closeDatabase(db);
  });
});
