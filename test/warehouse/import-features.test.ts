import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDetail, ExportResult, ImportPreview, ImportResult, IssuesPage, MappingProfile, RejectsPage } from '../../shared/contracts/imports.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The import pipeline's behaviour on small hand-made files whose every value is known: mapping
 * profiles, the BPS crosswalk, a Windows-1252 `;` CSV with title and total rows, rejected rows and
 * their export (NIK masked, logged), and deleting a batch with everything derived from it.
 */

const tmp = tempDir('import-features');
let wh: Warehouse;

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = await wh.call(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function failure(method: string, args: unknown): Promise<{ kind: string; message: string }> {
  const r = await wh.call(method, args);
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}

function count(sqlText: string, ...params: unknown[]): number {
  return wh.db.prepare(sqlText).pluck().get(...params) as number;
}

beforeAll(async () => {
  wh = await openWarehouse(join(tmp.dir, 'w.db'), { log: () => undefined });
  await call('settings.setWorkingProvince', { code: '53' });
});

afterAll(() => {
  wh.close();
  tmp.cleanup();
});

/** A recipient list as an OPD writes it: own headers, a title, a total row, Windows-1252, `;`. */
const OPD_LIST = [
  'DAFTAR PENERIMA BANTUAN BIBIT TAHUN 2025;;;;;',
  'Dinas Pertanian Kabupaten Kupang;;;;;',
  ';;;;;',
  'No;NIK Penerima;Nama Penerima;Kode Desa;Jenis Bantuan;Catatan Petugas',
  "1;'5301044309800001;MARÍA NENO;5301042003;Bibit jagung;sudah verifikasi",
  '2;5301040101750002;YOHANES  TUAN;53.01.04.2003;Bibit jagung;',
  '3;5301040101750002;PETRUS LAY;53.01.04.2003;Bibit jagung;NIK sama dengan no 2',
  '4;5301040101750003;ANA BEKU;63.01.04.2003;Bibit jagung;',
  'JUMLAH;;;;3 orang;',
].join('\r\n');

describe('import features on hand-made files', () => {
  let opdBatch = 0;

  it('reads a Windows-1252 `;` list past its title rows, skips the total row, rejects the out-of-province row', async () => {
    const path = join(tmp.dir, 'bibit.csv');
    writeFileSync(path, Buffer.from(OPD_LIST, 'latin1'));
    const p = await call<ImportPreview>('imports.preview', { file: { path } });
    expect(p.plan.source).toBe('program');
    expect(p.plan.headerRow).toBe(4);
    expect(p.file.encoding).toBe('windows-1252');
    expect(p.file.delimiter).toBe(';');
    expect(p.counts).toEqual({ rowsRead: 4, rowsImported: 3, rowsRejected: 1, rowsWarned: 1, rowsSkipped: 1 });
    expect(p.issues.map((i) => i.kind).sort()).toEqual(['duplicate_nik', 'name_cleaned', 'region_outside_province', 'total_row_skipped']);
    const outside = p.issues.find((i) => i.kind === 'region_outside_province');
    expect(outside?.example).toMatchObject({ row: 8, column: 'Kode Desa', value: '63.01.04.2003' });
    expect(outside?.message).toContain('bibit.csv');
    expect(p.columns.find((c) => c.header === 'Catatan Petugas')?.field).toBeNull();

    const r = await call<ImportResult>('imports.commit', { file: { path }, plan: p.plan, vintage: '2025', label: 'Bibit 2025' });
    opdBatch = r.batchId;
    expect(r.rowsImported).toBe(3);
    expect(r.rejects).toEqual({ region_outside_province: 1 });
    const rows = wh.db.prepare('SELECT nik, name, region_code, program, extra FROM program_recipient WHERE batch_id = ? ORDER BY row_no').all(r.batchId) as Record<string, string>[];
    expect(rows.map((x) => x['name'])).toEqual(['MARÍA NENO', 'YOHANES TUAN', 'PETRUS LAY']);
    expect(rows.map((x) => x['region_code'])).toEqual(['53.01.04.2003', '53.01.04.2003', '53.01.04.2003']);
    expect(rows[0]?.['nik']).toBe('5301044309800001');
    // The unmapped column is kept with its row, by its header.
    expect(JSON.parse(rows[0]?.['extra'] ?? '{}')).toMatchObject({ columns: { 'Catatan Petugas': 'sudah verifikasi' } });
  });

  it('takes the header row the planner sets instead of the detected one', async () => {
    const path = join(tmp.dir, 'bibit.csv');
    const wrong = await call<ImportPreview>('imports.preview', { file: { path }, source: 'program', headerRow: 2 });
    expect(wrong.plan.headerRow).toBe(2);
    expect(wrong.columns[0]?.header).toBe('Dinas Pertanian Kabupaten Kupang');
    expect(wrong.missingRequired.length).toBeGreaterThan(0);
    const right = await call<ImportPreview>('imports.preview', { file: { path }, source: 'program', headerRow: 4 });
    expect(right.columns.map((c) => c.header)).toEqual(['No', 'NIK Penerima', 'Nama Penerima', 'Kode Desa', 'Jenis Bantuan', 'Catatan Petugas']);
    expect(right.missingRequired).toEqual([]);
  });

  it('keeps the rejected row with its original cells and reason, and exports it with the NIK masked (logged)', async () => {
    const page = await call<RejectsPage>('imports.rejects', { batchId: opdBatch });
    expect(page.total).toBe(1);
    expect(page.rows[0]?.row).toBe(8);
    expect(page.rows[0]?.cells).toEqual(['4', '5301040101750003', 'ANA BEKU', '63.01.04.2003', 'Bibit jagung', '']);
    expect(page.rows[0]?.reasons).toContain('di luar provinsi kerja');
    const issues = await call<IssuesPage>('imports.issues', { batchId: opdBatch, severity: 'warning' });
    expect(issues.rows.map((i) => i.kind)).toEqual(['duplicate_nik']);

    const out = await call<ExportResult>('imports.exportRejects', { batchId: opdBatch });
    expect(out.niksMasked).toBe(true);
    const wb = XLSX.read(readFileSync(out.path));
    const rejected = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Ditolak'] as XLSX.WorkSheet, { header: 1 });
    expect(rejected[1]).toEqual(expect.arrayContaining(['5301**********03', 'ANA BEKU']));
    expect(JSON.stringify(wb.Sheets['Peringatan'])).not.toContain('5301040101750002');
    const logged = wh.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.rejects'").pluck().all() as string[];
    expect(logged.map((d) => (JSON.parse(d) as { niksMasked: boolean }).niksMasked)).toEqual([true]);

    const full = await call<ExportResult>('imports.exportRejects', { batchId: opdBatch, showFullNik: true, path: join(tmp.dir, 'full.xlsx') });
    expect(full.niksMasked).toBe(false);
    expect(JSON.stringify(XLSX.read(readFileSync(full.path)).Sheets['Ditolak'])).toContain('5301040101750003');
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'export.rejects'")).toBe(2);
  });

  it('saves the confirmed mapping as a profile and proposes it for the next file of the same shape', async () => {
    const profiles = await call<MappingProfile[]>('profiles.list', {});
    const profile = profiles.find((x) => x.source === 'program');
    expect(profile?.columns).toEqual(['No', 'NIK Penerima', 'Nama Penerima', 'Kode Desa', 'Jenis Bantuan', 'Catatan Petugas']);
    // Next year's list: same columns, other people. The planner maps `Catatan Petugas` to the note
    // field this time and sets the year; that confirmed mapping comes back for the next file.
    const path = join(tmp.dir, 'bibit-2026.csv');
    writeFileSync(path, Buffer.from(OPD_LIST.replace(/2025/g, '2026').replace('MARÍA', 'MARTA'), 'latin1'));
    const first = await call<ImportPreview>('imports.preview', { file: { path } });
    expect(first.basis).toBe('profile');
    const adjusted = { ...first.plan, mapping: first.plan.mapping.map((m, i) => (i === 5 ? 'note' : m)), constants: { year: '2026' } };
    await call<ImportResult>('imports.commit', { file: { path }, plan: adjusted });
    const again = await call<ImportPreview>('imports.preview', { file: { path: join(tmp.dir, 'bibit.csv') } });
    expect(again.basis).toBe('profile');
    expect(again.plan.mapping[5]).toBe('note');
    expect(again.plan.constants).toEqual({ year: '2026' });
  });

  it('places BPS-coded rows through an imported crosswalk, and keeps them flagged without one', async () => {
    const header = 'Kode BPS,Nama Kepala Keluarga,NIK Keluarga,Desil,Persentil';
    const dtsen = [header, '5301040003,HERLINA NENO,5301042605120001,1,8', '5301040099,ELIAS NENOBAIS,5301042210240001,2,15'].join('\n');
    const path = join(tmp.dir, 'dtsen-bps.csv');
    writeFileSync(path, dtsen);
    const before = await call<ImportPreview>('imports.preview', { file: { path }, source: 'dtsen_keluarga' });
    expect(before.counts.rowsImported).toBe(2);
    expect(before.issues.find((i) => i.kind === 'region_bps_no_crosswalk')?.count).toBe(2);

    const cw = join(tmp.dir, 'padanan.xlsx');
    const ws = XLSX.utils.aoa_to_sheet([['Padanan kode wilayah'], [], ['Kode BPS', 'Kode Kemendagri', 'Nama Desa'], ['5301040003', '53.01.04.2003', 'BOKONUSAN']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Padanan');
    writeFileSync(cw, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const loaded = await call<{ rows: number; rejected: number }>('crosswalk.import', { file: { path: cw } });
    expect(loaded).toMatchObject({ rows: 1, rejected: 0 });

    const r = await call<ImportResult>('imports.commit', { file: { path }, source: 'dtsen_keluarga', allowDuplicate: true });
    expect(r.rowsImported).toBe(2);
    expect(r.warnings.region_bps_no_crosswalk).toBe(1);
    const codes = wh.db.prepare('SELECT region_code FROM family WHERE batch_id = ? ORDER BY row_no').pluck().all(r.batchId);
    expect(codes).toEqual(['53.01.04.2003', null]);
  });

  it('refuses a second import of the same file unless asked, and deletes a batch with everything derived from it', async () => {
    const path = join(tmp.dir, 'bibit.csv');
    const dup = await failure('imports.commit', { file: { path }, source: 'program' });
    expect(dup.kind).toBe('conflict');
    expect(dup.message).toContain('sudah pernah diimpor');

    const list = await call<BatchDetail[]>('batches.list', {});
    const b = list.find((x) => x.id === opdBatch);
    expect(b).toMatchObject({ fileName: 'bibit.csv', encoding: 'windows-1252', delimiter: ';', headerRow: 4, rowsRead: 4, rowsRejected: 1, rowsSkipped: 1 });
    expect(b?.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.issues.region_outside_province).toBe(1);
    await call('batches.delete', { id: opdBatch });
    for (const t of ['program_recipient', 'import_issue', 'import_reject']) expect(count(`SELECT count(*) FROM ${t} WHERE batch_id = ?`, opdBatch), t).toBe(0);
    expect(count('SELECT count(*) FROM batch WHERE id = ?', opdBatch)).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'batch.delete'")).toBe(1);
    expect(wh.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
  it('keeps a family’s region names, address and programme flags once, on the family; a member who differs keeps its own', async () => {
    const header = 'ID Keluarga P3KE,Provinsi,Kabupaten/Kota,Kecamatan,Desa/Kelurahan,Kode Kemdagri,Desil Kesejahteraan,Alamat,ID Individu,Nama,NIK,Jenis Kelamin,Hubungan dengan Kepala Keluarga,Tanggal Lahir,Usia < 7 Tahun,Penerima PKH,Resiko Stunting';
    const place = 'NUSA TENGGARA TIMUR,KABUPATEN KUPANG,SEMAU,BOKONUSAN,53.01.04.2003';
    const lines = [
      header,
      // Family A: the wife is listed first; her address is written differently from the head's.
      `PA01,${place},1,"DUSUN WAIRIA, RT 006",PA0102,NATALIA LOPO,5301045805950001,PEREMPUAN,ISTRI/SUAMI,18/05/1995,Tidak,Ya,BERESIKO STUNTING`,
      `PA01,${place},1,"DUSUN WAIRIA, RT 6",PA0101,ELIAS NENOBAIS,5301042804830001,LAKI-LAKI,KEPALA KELUARGA,28/04/1983,Tidak,Ya,BERESIKO STUNTING`,
      `PA01,${place},1,"DUSUN WAIRIA, RT 6",PA0103,YOSEF NENOBAIS,5301040101200001,LAKI-LAKI,ANAK,01/01/2020,Ya,Ya,BERESIKO STUNTING`,
      // Family B: every member the same.
      `PB01,${place},2,DUSUN KOTABURA,PB0101,HERLINA NENO,5301045909480001,PEREMPUAN,KEPALA KELUARGA,19/09/1948,Tidak,Tidak,BUKAN TARGET SASARAN`,
      `PB01,${place},2,DUSUN KOTABURA,PB0102,MARIA NENO,5301044101700001,PEREMPUAN,ANAK,01/01/1970,Tidak,Tidak,BUKAN TARGET SASARAN`,
      // A member of family A listed apart from it joins it and keeps its values itself.
      `PA01,${place},1,"DUSUN WAIRIA, RT 6",PA0104,ANA NENOBAIS,5301044202100001,PEREMPUAN,ANAK,02/02/2010,Tidak,Ya,BERESIKO STUNTING`,
    ];
    const path = join(tmp.dir, 'individu-family-fields.csv');
    writeFileSync(path, lines.join('\n'));
    const r = await call<ImportResult>('imports.commit', { file: { path }, source: 'p3ke_individu' });
    expect(r.rowsImported).toBe(6);
    const fields = (json: string | null): Record<string, unknown> => ((json === null ? {} : JSON.parse(json)) as { fields?: Record<string, unknown> }).fields ?? {};
    const family = (id: string): { extra: string | null; address: string; rcv_pkh: number } =>
      wh.db.prepare('SELECT extra, address, rcv_pkh FROM family WHERE batch_id = ? AND source_id = ?').get(r.batchId, id) as { extra: string | null; address: string; rcv_pkh: number };
    const person = (id: string): Record<string, unknown> => JSON.parse((wh.db.prepare('SELECT extra FROM person WHERE batch_id = ? AND source_id = ?').pluck().get(r.batchId, id) as string | null) ?? '{}') as Record<string, unknown>;
    const familyLevel = { province_name: 'NUSA TENGGARA TIMUR', regency_name: 'KABUPATEN KUPANG', district_name: 'SEMAU', village_name: 'BOKONUSAN' };

    // Family A is headed by the kepala: its values are the family's; the wife's differ and stay hers.
    const a = family('PA01');
    expect(a.address).toBe('DUSUN WAIRIA, RT 6');
    expect(fields(a.extra)).toEqual({ ...familyLevel, address: 'DUSUN WAIRIA, RT 6', rcv_pkh: 1, stunting_risk: 1 });
    expect(person('PA0101')).toEqual({ fields: { age_lt7: 0 } });
    expect(person('PA0103')).toEqual({ fields: { age_lt7: 1 } });
    expect(person('PA0102')).toEqual({ family: 'own', fields: { ...familyLevel, address: 'DUSUN WAIRIA, RT 006', rcv_pkh: 1, stunting_risk: 1, age_lt7: 0 } });

    const b = family('PB01');
    expect(fields(b.extra)).toEqual({ ...familyLevel, address: 'DUSUN KOTABURA', rcv_pkh: 0, stunting_risk: 3 });
    expect(person('PB0101')).toEqual({ fields: { age_lt7: 0 } });
    expect(person('PB0102')).toEqual({ fields: { age_lt7: 0 } });
    expect(person('PA0104')).toEqual({ family: 'own', fields: { ...familyLevel, address: 'DUSUN WAIRIA, RT 6', rcv_pkh: 1, stunting_risk: 1, age_lt7: 0 } });
    expect(count('SELECT members FROM family WHERE batch_id = ? AND source_id = ?', r.batchId, 'PA01')).toBe(4);

    // The family detail shows them once, on the family; only the wife's own values on her.
    const famId = wh.db.prepare('SELECT id FROM family WHERE batch_id = ? AND source_id = ?').pluck().get(r.batchId, 'PA01') as number;
    const detail = await call<{ extraFields: { key: string; value: string }[]; members: { name: string; fields: { key: string; value: string | null }[] }[] }>('analysis.family', { familyId: famId });
    expect(detail.extraFields).toContainEqual({ key: 'village_name', value: 'BOKONUSAN' });
    const extraOf = (name: string): string[] => (detail.members.find((m) => m.name === name)?.fields ?? []).filter((f) => f.key.startsWith('extra.')).map((f) => `${f.key}=${f.value ?? ''}`);
    expect(extraOf('ELIAS NENOBAIS')).toEqual(['extra.age_lt7=0']);
    expect(extraOf('NATALIA LOPO')).toContain('extra.address=DUSUN WAIRIA, RT 006');
    await call('batches.delete', { id: r.batchId });
  });
});
