import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../shared/contracts/imports.ts';
import type { IssueKind } from '../../shared/import/issues.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import { generateDemoFiles } from '../../electron/warehouse/demo/files.ts';
import type { GroundTruth } from '../../electron/warehouse/demo/truth.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { bump, bump2, cellText, parseCsv, readTruth, readXlsxFile } from './demo-helpers.ts';

/**
 * Every file the generator writes, imported through the pipeline, against the generator's ground
 * truth: the counts, the region × desil table, sample records field by field, and every injected
 * fault reported at its row and column as the right kind (and no such issue where there is no
 * fault). Sheets are capped at 2,000 rows so the individu workbook arrives split over sheets.
 */

const FAMILIES = 1200;
const SEED = 29;
const tmp = tempDir('import-truth');
const dir = join(tmp.dir, 'files');
let truth: GroundTruth;
let wh: Warehouse;
const results = new Map<string, ImportResult>();

const FILES: readonly { name: string; source: SourceKind; allSheets?: boolean }[] = [
  { name: 'p3ke-keluarga.csv', source: 'p3ke_keluarga' },
  { name: 'p3ke-keluarga.xlsx', source: 'p3ke_keluarga' },
  { name: 'p3ke-individu.csv', source: 'p3ke_individu' },
  { name: 'p3ke-individu.xlsx', source: 'p3ke_individu', allSheets: true },
  { name: 'dtks.csv', source: 'dtks' },
  { name: 'dtks.xlsx', source: 'dtks', allSheets: true },
  { name: 'dtsen-keluarga.csv', source: 'dtsen_keluarga' },
  { name: 'dtsen-keluarga.xlsx', source: 'dtsen_keluarga' },
  { name: 'program-rtlh-2025.xlsx', source: 'program' },
  { name: 'program-pkh-2025.csv', source: 'program' },
  { name: 'indikator-kabupaten.xlsx', source: 'indicator' },
];

interface Fault {
  readonly file: string;
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly kind: string;
  readonly original: string;
  readonly written: string;
}

let faults: Fault[] = [];

interface IssueRow {
  sheet: string | null;
  row_no: number;
  column_name: string | null;
  kind: IssueKind;
  value: string | null;
}

/** The text cells of one column of a file (every sheet), below its header row. */
function nikColumn(path: string, column: string, delimiter: string | null): string[] {
  const sheets = delimiter === null ? [...readXlsxFile(path).values()].map((rows) => rows.map((r) => r.map((c) => (typeof c === 'string' ? c : typeof c === 'number' ? '#' : cellText(c))))) : [parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), delimiter)];
  const out: string[] = [];
  for (const rows of sheets) {
    const h = rows.findIndex((r) => r.includes(column));
    if (h < 0) continue;
    const c = rows[h]?.indexOf(column) ?? -1;
    for (const r of rows.slice(h + 1)) out.push((r[c] ?? '').trim());
  }
  return out;
}

function issuesOf(batchId: number): IssueRow[] {
  return wh.db.prepare('SELECT sheet, row_no, column_name, kind, value FROM import_issue WHERE batch_id = ?').all(batchId) as IssueRow[];
}

beforeAll(async () => {
  await generateDemoFiles({ outDir: dir, province: '53', families: FAMILIES, seed: SEED, noise: { sheetRowLimit: 2000 } });
  truth = readTruth(dir);
  const rows = parseCsv(readFileSync(join(dir, 'faults.csv'), 'utf8'), ',').slice(1);
  faults = rows.filter((r) => r.length >= 7).map(([file, sheet, row, column, kind, original, written]) => ({
    file: file ?? '',
    sheet: sheet ?? '',
    row: Number(row),
    column: column ?? '',
    kind: kind ?? '',
    original: original ?? '',
    written: written ?? '',
  }));
  wh = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
  const set = await wh.call('settings.setWorkingProvince', { code: '53' });
  expect(set.ok).toBe(true);
  for (const f of FILES) {
    const r = await wh.call('imports.commit', {
      file: { path: join(dir, f.name), name: f.name },
      source: f.source,
      ...(f.allSheets ? { allSheets: true } : {}),
      allowDuplicate: true,
    });
    if (!r.ok) throw new Error(`${f.name}: ${r.error.message}`);
    results.set(f.name, r.value as ImportResult);
  }
}, 240_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

function result(name: string): ImportResult {
  const r = results.get(name);
  if (!r) throw new Error(`no import of ${name}`);
  return r;
}

function count(sqlText: string, ...params: unknown[]): number {
  return wh.db.prepare(sqlText).pluck().get(...params) as number;
}

describe('import against the generator’s ground truth', () => {
  it('imports every data row of every file, rejecting none', () => {
    for (const f of truth.files) {
      const r = result(f.name);
      expect(r.rowsRead, f.name).toBe(f.rows);
      expect(r.rowsImported, f.name).toBe(f.rows);
      expect(r.rowsRejected, f.name).toBe(0);
    }
  });

  it('stores the families, households and people the truth counts', () => {
    const s = truth.counts.sources;
    for (const name of ['p3ke-keluarga.csv', 'p3ke-keluarga.xlsx']) {
      expect(count('SELECT count(*) FROM family WHERE batch_id = ?', result(name).batchId)).toBe(FAMILIES);
    }
    for (const name of ['p3ke-individu.csv', 'p3ke-individu.xlsx']) {
      const id = result(name).batchId;
      expect(count('SELECT count(*) FROM person WHERE batch_id = ?', id)).toBe(s.p3ke_individu.persons);
      expect(count('SELECT count(*) FROM family WHERE batch_id = ?', id)).toBe(FAMILIES);
      expect(count('SELECT sum(members) FROM family WHERE batch_id = ?', id)).toBe(s.p3ke_individu.persons);
      // Every person sits in a family of its own batch.
      expect(count('SELECT count(*) FROM person p LEFT JOIN family f ON f.id = p.family_id WHERE p.batch_id = ? AND (f.id IS NULL OR f.batch_id <> p.batch_id)', id)).toBe(0);
    }
    for (const name of ['dtks.csv', 'dtks.xlsx']) {
      const id = result(name).batchId;
      expect(count('SELECT count(*) FROM family WHERE batch_id = ?', id)).toBe(s.dtks.households);
      expect(count('SELECT count(*) FROM person WHERE batch_id = ?', id)).toBe(s.dtks.persons);
    }
    expect(count('SELECT count(*) FROM family WHERE batch_id = ?', result('dtsen-keluarga.csv').batchId)).toBe(truth.counts.population.families);
    expect(count('SELECT count(*) FROM program_recipient WHERE batch_id = ?', result('program-rtlh-2025.xlsx').batchId)).toBe(s.program_rtlh.rows);
    expect(count('SELECT count(*) FROM program_recipient WHERE batch_id = ?', result('program-pkh-2025.csv').batchId)).toBe(s.program_pkh.rows);
    expect(count('SELECT count(*) FROM indicator_value WHERE batch_id = ?', result('indikator-kabupaten.xlsx').batchId)).toBe(s.indicator.rows);
  });

  it('places every family in its region: kabupaten × desil equals the truth, DTKS households per kabupaten too', () => {
    const s = truth.counts.sources;
    for (const name of ['p3ke-keluarga.csv', 'p3ke-keluarga.xlsx', 'p3ke-individu.csv']) {
      const rows = wh.db.prepare('SELECT substr(region_code, 1, 5) AS kab, desil, count(*) AS n FROM family WHERE batch_id = ? GROUP BY 1, 2').all(result(name).batchId) as {
        kab: string;
        desil: number;
        n: number;
      }[];
      const table: Record<string, Record<string, number>> = {};
      for (const r of rows) for (let i = 0; i < r.n; i++) bump2(table, r.kab, String(r.desil));
      expect(table, name).toEqual(s.p3ke_keluarga.byKabupatenDesil);
    }
    // DTKS has no region code: its people are placed by their region names.
    const byKab: Record<string, number> = {};
    for (const r of wh.db.prepare('SELECT substr(region_code, 1, 5) AS kab, count(*) AS n FROM person WHERE batch_id = ? GROUP BY 1').all(result('dtks.csv').batchId) as { kab: string; n: number }[]) {
      bump(byKab, r.kab, r.n);
    }
    expect(byKab).toEqual(s.dtks.byKabupaten);
    // Indicator values keep their (dotted) region codes and numbers.
    const values = wh.db.prepare('SELECT region_code, indicator, period, value, unit, source FROM indicator_value WHERE batch_id = ? ORDER BY id').all(result('indikator-kabupaten.xlsx').batchId) as {
      region_code: string;
      indicator: string;
      period: string;
      value: number;
      unit: string;
      source: string;
    }[];
    expect(values.map((v) => ({ code: v.region_code, indicator: v.indicator, period: v.period, value: v.value, unit: v.unit, source: v.source }))).toEqual(truth.indicators);
  });

  it('stores the records as written, field by field (P3KE keluarga against truth-families.csv)', () => {
    const lines = parseCsv(readFileSync(join(dir, 'truth-families.csv'), 'utf8'), ',');
    const head = lines[0] ?? [];
    const col = (n: string): number => head.indexOf(n);
    const byId = new Map<string, string[]>();
    for (const l of lines.slice(1)) if (l[col('p3ke_id_keluarga')]) byId.set(l[col('p3ke_id_keluarga')] ?? '', l);
    const stored = wh.db
      .prepare('SELECT source_id, region_code, desil, kk, head_nik, head_name, extra FROM family WHERE batch_id = ?')
      .all(result('p3ke-keluarga.csv').batchId) as { source_id: string; region_code: string; desil: number; kk: string | null; head_nik: string | null; head_name: string; extra: string | null }[];
    const faultRows = new Set(faults.filter((f) => f.file === 'p3ke-keluarga.csv').map((f) => `${f.row}|${f.column}`));
    let checkedNik = 0;
    for (const row of stored) {
      const t = byId.get(row.source_id);
      expect(t, row.source_id).toBeDefined();
      if (!t) continue;
      expect(row.region_code).toBe(t[col('desa')]);
      expect(row.desil).toBe(Number(t[col('desil_true')]));
      const p3keRow = Number(t[col('p3ke_row')]);
      const layout = truth.files.find((f) => f.name === 'p3ke-keluarga.csv')?.sheets[0];
      const line = (layout?.firstDataRow ?? 0) + p3keRow - 1;
      if (!faultRows.has(`${line}|NIK`)) {
        expect(row.head_nik).toBe(t[col('head_nik_true')]);
        checkedNik++;
      }
      // Region names and Pensasaran are kept with the row.
      const extra = JSON.parse(row.extra ?? '{}') as { fields?: Record<string, unknown> };
      expect(extra.fields?.['province_name']).toBe('NUSA TENGGARA TIMUR');
    }
    expect(checkedNik).toBeGreaterThan(FAMILIES * 0.9);
  });

  it('keeps every member’s region names and address: on the member when marked its own, else on its family (P3KE individu, DTKS)', () => {
    for (const [name, addressHeader] of [['p3ke-individu.csv', 'Alamat'], ['dtks.csv', 'Alamat']] as const) {
      const text = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
      const rows = parseCsv(text, (text.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',');
      const h = rows.findIndex((r) => r.includes(addressHeader));
      const header = rows[h] ?? [];
      const addressCol = header.indexOf(addressHeader);
      const villageCol = header.findIndex((c) => /^(Desa\/Kelurahan|Desa|Kelurahan)$/i.test(c));
      expect(addressCol, name).toBeGreaterThan(-1);
      const stored = wh.db
        .prepare('SELECT p.row_no, p.extra, f.extra AS family_extra FROM person p LEFT JOIN family f ON f.id = p.family_id WHERE p.batch_id = ?')
        .all(result(name).batchId) as { row_no: number; extra: string | null; family_extra: string | null }[];
      let inherited = 0;
      for (const r of stored) {
        const own = JSON.parse(r.extra ?? '{}') as { family?: string; fields?: Record<string, unknown> };
        const fields = own.family === 'own' ? own.fields : (JSON.parse(r.family_extra ?? '{}') as { fields?: Record<string, unknown> }).fields;
        if (own.family !== 'own') {
          inherited++;
          expect(own.fields?.['address'], `${name} row ${r.row_no}`).toBeUndefined();
        }
        const cells = rows[r.row_no - 1] ?? [];
        expect(fields?.['address'] ?? '', `${name} row ${r.row_no}`).toBe((cells[addressCol] ?? '').trim());
        if (villageCol >= 0) expect(fields?.['village_name'] ?? '', `${name} row ${r.row_no}`).toBe((cells[villageCol] ?? '').trim());
      }
      expect(inherited, name).toBeGreaterThan(stored.length * 0.9);
    }
  });

  /** Generator fault kind → the issue kinds that report it (the column decides NIK or KK). */
  const REPORTED: Readonly<Record<string, readonly IssueKind[]>> = {
    nik_missing: ['nik_empty', 'kk_empty'],
    nik_placeholder: ['nik_placeholder', 'kk_placeholder'],
    nik_scientific: ['nik_excel_damaged', 'kk_excel_damaged'],
    nik_as_number: ['nik_excel_damaged', 'kk_excel_damaged'],
    name_double_space: ['name_cleaned'],
    name_nbsp: ['name_cleaned'],
    birth_date_swapped: ['nik_birth_swapped'],
  };
  /** Issue kinds that only a fault can cause in generated files: each must sit on a fault. */
  const ONLY_FROM_FAULTS: readonly IssueKind[] = ['nik_placeholder', 'kk_placeholder', 'nik_excel_damaged', 'kk_excel_damaged', 'name_cleaned', 'nik_birth_swapped'];
  const NIK_DAMAGE = new Set(['nik_missing', 'nik_placeholder', 'nik_scientific', 'nik_as_number']);
  const KK_COLUMNS = new Set(['Nomor KK', 'No KK', 'NIK Keluarga']);

  it('reports every injected cell fault at its row and column as the right kind, and no such issue elsewhere', () => {
    for (const f of FILES) {
      const issues = issuesOf(result(f.name).batchId);
      const at = new Map<string, Set<IssueKind>>();
      for (const i of issues) {
        const k = `${i.sheet ?? ''}|${i.row_no}|${i.column_name ?? ''}`;
        const set = at.get(k) ?? new Set<IssueKind>();
        set.add(i.kind);
        at.set(k, set);
      }
      const fileFaults = faults.filter((x) => x.file === f.name);
      // Rows whose NIK cell (not the No KK) was damaged cannot be checked against the birth date.
      const nikDamagedRows = new Set(fileFaults.filter((x) => NIK_DAMAGE.has(x.kind) && !KK_COLUMNS.has(x.column)).map((x) => `${x.sheet}|${x.row}`));
      const faultAt = new Set<string>();
      for (const fault of fileFaults) {
        const kinds = REPORTED[fault.kind];
        if (!kinds) continue;
        faultAt.add(`${fault.sheet}|${fault.row}|${fault.column}`);
        // A NIK damaged on the same row may or may not still show the swap (a lost last digit keeps the date part).
        if (fault.kind === 'birth_date_swapped' && nikDamagedRows.has(`${fault.sheet}|${fault.row}`)) continue;
        const found = at.get(`${fault.sheet}|${fault.row}|${fault.column}`) ?? new Set<IssueKind>();
        expect(
          kinds.some((k) => found.has(k)),
          `${f.name} row ${fault.row} column ${fault.column}: fault ${fault.kind} (${fault.written}) reported as ${[...found].join(', ') || 'nothing'}`,
        ).toBe(true);
      }
      for (const i of issues) {
        if (!ONLY_FROM_FAULTS.includes(i.kind)) continue;
        // A swap is reported on the birth-date column; the fault names that column too.
        expect(faultAt.has(`${i.sheet ?? ''}|${i.row_no}|${i.column_name ?? ''}`), `${f.name} ${i.sheet} row ${i.row_no} ${i.column_name}: ${i.kind} without a fault`).toBe(true);
      }
    }
  });

  it('reports duplicated NIKs with the right count, each on a NIK the generator duplicated', () => {
    for (const f of FILES) {
      const dups = faults.filter((x) => x.file === f.name && x.kind === 'nik_duplicate');
      if (dups.length === 0) continue;
      const column = dups[0]?.column ?? '';
      // Count the repeats in the file itself, read independently: every 16-digit NIK written as text
      // that occurs n times gives n − 1 duplicates (numbers are Excel-damaged and prove nothing).
      const values = nikColumn(join(dir, f.name), column, f.name.endsWith('.csv') ? (truth.files.find((t) => t.name === f.name)?.csv?.delimiter ?? ',') : null);
      // Placeholders (`0000000000000000`) are no one's NIK.
      const placeholders = new Set(faults.filter((x) => x.file === f.name && x.kind === 'nik_placeholder').map((x) => x.written));
      const seen = new Map<string, number>();
      for (const v of values) if (/^\d{16}$/.test(v) && !placeholders.has(v)) seen.set(v, (seen.get(v) ?? 0) + 1);
      let expected = 0;
      for (const n of seen.values()) expected += n - 1;
      const issues = issuesOf(result(f.name).batchId).filter((i) => i.kind === 'duplicate_nik');
      expect(issues.length, f.name).toBe(expected);
      const written = new Set(dups.map((d) => d.written));
      for (const i of issues) expect(written.has(i.value ?? ''), `${f.name} row ${i.row_no}`).toBe(true);
    }
  });

  it('skips title rows, the total row and the sign-off block, reporting the last two', () => {
    const rtlh = truth.files.find((f) => f.name === 'program-rtlh-2025.xlsx')?.sheets[0];
    const issues = issuesOf(result('program-rtlh-2025.xlsx').batchId);
    expect(issues.filter((i) => i.kind === 'total_row_skipped').map((i) => i.row_no)).toEqual([rtlh?.totalRow]);
    const signOff = faults.filter((x) => x.file === 'program-rtlh-2025.xlsx' && x.kind === 'signoff_row').length;
    expect(issues.filter((i) => i.kind === 'sign_off_skipped').length).toBe(signOff);
    expect(result('program-rtlh-2025.xlsx').rowsSkipped).toBe(1 + signOff);
  });

  it('keeps the provenance of each batch', () => {
    const b = wh.db.prepare('SELECT * FROM batch WHERE id = ?').get(result('p3ke-individu.xlsx').batchId) as Record<string, unknown>;
    expect(b['status']).toBe('complete');
    expect(b['origin']).toBe('import');
    expect(b['file_name']).toBe('p3ke-individu.xlsx');
    expect(b['file_sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect((JSON.parse(String(b['sheets'])) as string[]).length).toBeGreaterThan(1);
    expect(b['os_user']).toBeTruthy();
    const csv = wh.db.prepare('SELECT encoding, delimiter, header_row FROM batch WHERE id = ?').get(result('dtks.csv').batchId) as Record<string, unknown>;
    expect(csv).toEqual({ encoding: 'utf-8 (BOM)', delimiter: ';', header_row: 1 });
  });

  it('previews without writing: the same counts as the import, the first 200 rows, the detected source', async () => {
    const before = count('SELECT count(*) FROM batch');
    const r = await wh.call('imports.preview', { file: { path: join(dir, 'p3ke-keluarga.xlsx') } });
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value as ImportPreview;
    expect(p.plan.source).toBe('p3ke_keluarga');
    expect(p.status).toBe('confident');
    expect(p.rows.length).toBe(200);
    expect(p.counts.rowsImported).toBe(result('p3ke-keluarga.xlsx').rowsImported);
    expect(p.issues.find((i) => i.kind === 'nik_excel_damaged')?.count).toBe(result('p3ke-keluarga.xlsx').warnings.nik_excel_damaged);
    expect(p.duplicateOf?.id).toBe(result('p3ke-keluarga.xlsx').batchId);
    expect(p.plan.headerRow).toBe(truth.files.find((f) => f.name === 'p3ke-keluarga.xlsx')?.sheets[0]?.headerRow);
    expect(count('SELECT count(*) FROM batch')).toBe(before);
  });
});
