import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrosstabResult, CrosstabSpec, Measure } from '../../shared/contracts/analysis.ts';
import type { Result } from '../../shared/ipc/envelope.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

/** `padu crosstab` against the same warehouse call the app makes. */

const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));
const AGE_DATE = '2025-06-30';
const tmp = tempDir('analysis-cli');
const db = join(tmp.dir, 'w.db');
let wh: Warehouse;

function padu(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LAUNCHER, 'crosstab', '--db', db, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

interface CliJson {
  measure: Measure;
  rows: string[];
  cols: string[];
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  definition: { title: string; description: string[] };
  ms: number;
  xlsx?: string;
}

async function crosstab(spec: CrosstabSpec): Promise<CrosstabResult> {
  return value<CrosstabResult>(await wh.call('analysis.crosstab', { spec: { ageDate: AGE_DATE, ...spec } }));
}

/** What --json should print for a result. */
function expected(r: CrosstabResult, measure: Measure): Omit<CliJson, 'ms' | 'definition' | 'xlsx'> & { definition: { title: string; description: readonly string[] } } {
  return {
    measure,
    rows: r.rows.map((x) => x.label),
    cols: r.cols.map((x) => x.label),
    cells: r.cells[measure].map((x) => [...x]),
    rowTotals: [...r.rowTotals[measure]],
    colTotals: [...r.colTotals[measure]],
    total: r.total[measure],
    definition: { title: r.definition.title, description: r.definition.description },
  };
}

function json(args: readonly string[]): CliJson {
  const r = padu([...args, '--age-date', AGE_DATE, '--json']);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as CliJson;
}

beforeAll(async () => {
  wh = await openWarehouse(db, { log: () => undefined });
  value(await wh.call('settings.setWorkingProvince', { code: '53' }));
  value(await wh.call('demo.create', { families: 400, seed: 5 }));
}, 120_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

describe('padu crosstab', () => {
  it('--json equals analysis.crosstab for the same spec; label and code filters agree', async () => {
    const r = await crosstab({ rows: { kind: 'region', level: 2 }, cols: 'desil', filters: [{ attribute: 'jamban', values: [2, 3] }] });
    expect(r.total.families).toBeGreaterThan(0);
    const byLabel = json(['--rows', 'kabupaten', '--cols', 'desil', '--filter', 'jamban in Umum/bersama,tidak ada/LAINNYA']);
    expect(byLabel).toMatchObject(expected(r, 'families'));
    expect(typeof byLabel.ms).toBe('number');
    // Codes, and the complement written with "not in", give the same table.
    const byCode = json(['--rows', '2', '--cols', 'desil', '--filter', 'jamban not in 1,-1']);
    expect(byCode.cells).toEqual(byLabel.cells);
  });

  it('takes ranges, sources, a region and people as the measure', async () => {
    const spec: CrosstabSpec = {
      rows: { kind: 'region', level: 3 },
      cols: 'sumber_data',
      region: '53.71',
      sources: ['p3ke', 'dtks'],
      filters: [{ attribute: 'desil', min: 1, max: 2 }, { attribute: 'air_minum', values: [7] }],
      measure: 'persons',
    };
    const r = await crosstab(spec);
    const out = json([
      '--rows', 'kecamatan', '--cols', 'sumber_data', '--region', '5371', '--source', 'p3ke', '--source', 'dtks',
      '--filter', 'desil between 2,1', '--filter', 'air_minum in Air hujan', '--measure', 'persons',
    ]);
    expect(out).toMatchObject(expected(r, 'persons'));
    expect(out.cols).toEqual(['P3KE 2024', 'DTKS 2024']);
    // The dataset dimension filtered by source name.
    const p3keOnly = json(['--rows', 'kecamatan', '--region', '53.71', '--source', 'p3ke,dtks', '--filter', 'sumber_data not in dtks']);
    const p3ke = await crosstab({ rows: { kind: 'region', level: 3 }, cols: null, region: '53.71', sources: ['p3ke'] });
    expect(p3keOnly.cells).toEqual(p3ke.cells.families.map((x) => [...x]));
  });

  it('prints an aligned table and writes the workbook with --xlsx', async () => {
    const r = await crosstab({ rows: { kind: 'attribute', key: 'jamban' }, cols: 'lantai' });
    const out = join(tmp.dir, 'keluar', 'jamban-lantai.xlsx');
    const text = padu(['--rows', 'jamban', '--cols', 'lantai', '--age-date', AGE_DATE, '--xlsx', out, '--percent', 'total']);
    expect(text.status).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(r.definition.title);
    const totalLine = lines.find((l) => l.startsWith('Jumlah')) ?? '';
    expect(totalLine.trim().split(/\s{2,}/).at(-1)).toBe(r.total.families.toLocaleString('id-ID'));
    expect(text.stdout).toContain(`Tabel ditulis ke ${out}`);
    expect(existsSync(out)).toBe(true);
    const book = XLSX.read(readFileSync(out));
    expect(book.SheetNames).toEqual(['Tabel', 'Persentase', 'Keluarga dan Jiwa']);
    const audit = wh.db.prepare(`SELECT detail FROM audit_log WHERE action = 'analysis.export' ORDER BY id DESC LIMIT 1`).get() as { detail: string };
    expect((JSON.parse(audit.detail) as { path: string }).path).toBe(out);
  });

  it('fails with a Bahasa Indonesia message and a non-zero exit on bad input', () => {
    const badAttr = padu(['--rows', 'kabupaten', '--cols', 'warna']);
    expect(badAttr.status).not.toBe(0);
    expect(badAttr.stderr).toContain('Atribut tidak dikenal di --cols: "warna"');
    const badValue = padu(['--rows', 'kabupaten', '--filter', 'jamban in Emas']);
    expect(badValue.status).not.toBe(0);
    expect(badValue.stderr).toContain('Nilai "Emas" tidak dikenal untuk atribut jamban');
    const badFilter = padu(['--rows', 'kabupaten', '--filter', 'jamban kira-kira 2', '--json']);
    expect(badFilter.status).not.toBe(0);
    expect(badFilter.stderr).toContain('--filter tidak dapat dibaca');
    expect(JSON.parse(badFilter.stdout)).toMatchObject({ ok: false });
    const badRegion = padu(['--rows', 'kecamatan', '--region', '54.01']);
    expect(badRegion.status).not.toBe(0);
    expect(badRegion.stderr).toContain('Kode wilayah 54.01 tidak ada dalam referensi Kemendagri.');
  });
});
