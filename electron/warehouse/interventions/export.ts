/**
 * A list as the OPD receives it: one .xlsx written row by row by the streaming writer — the
 * letterhead (kop surat), the list with the program's columns, printing set up (A4/F4 landscape,
 * fit to width, the header row on every page, page numbers) and the sign-off block; a summary
 * sheet (units and budget by kecamatan and desa, with totals) and a method sheet (criteria in
 * words, weights, coverage, data sources and vintages, generation date). Or the same list as CSV.
 *
 * Personal data: NIK and No KK are masked unless the caller asks for full numbers (the audit log
 * says which); identifiers are always text cells; any text starting with =, +, -, @, tab or
 * carriage return gets a leading apostrophe so no spreadsheet turns it into a formula. Every export
 * is logged with the file's SHA-256.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { ageOn, attributeMeta, valueLabel } from '../../../shared/analysis/attributes.ts';
import type { ListExportArgs, ListExportResult, ListMethod } from '../../../shared/contracts/interventions.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { LIST_COLUMN_LABEL, SCORE_PARTS, STRATEGY_LABEL, type ListColumn } from '../../../shared/interventions/program.ts';
import { formatDate } from '../../../shared/i18n/format.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import { columnLetter } from '../../../shared/model/spreadsheet.ts';
import { appendAudit, fileSha256 } from '../audit/log.ts';
import { currentLanguage, fail, type WarehouseContext } from '../context.ts';
import { all, sql } from '../db/sql.ts';
import { exportDir, freePath } from '../imports/rejects.ts';
import { XlsxStreamWriter, type CellStyle, type CellValue } from '../xlsx/xlsx-writer.ts';
import { listDetail, memberSelect, scoreWords } from './lists.ts';
import { readLetterhead } from './settings.ts';

const METHOD = 'lists.export';
const CHUNK = 5000;

/** A text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralize(s: string): string {
  if (s.length === 0) return s;
  const c = s.charCodeAt(0);
  // = + - @ tab CR; a lone sign is not a formula and stays as it is (e.g. "-" for "none").
  if ((c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) && s.length > 1) return `'${s}`;
  return s;
}

interface Row {
  rank: number; family_id: number; person_id: number; region_code: string | null; source_id: string | null; kk: string | null; nik: string | null;
  name: string | null; address: string | null; desil: number | null; members: number | null; sex: number | null; birth: string | null; relation: number | null;
  score: number; components: string; origin: string; in_criteria: number; reason: string | null;
  kab: string | null; kec: string | null; desa: string | null;
  floor: number | null; wall_quality: number | null; roof_quality: number | null; water: number | null; toilet: number | null; lighting: number | null;
  stunting: number | null; others: string | null;
}

function rowsAfter(db: Database, listId: number, programId: number, after: number): Row[] {
  return all<Row>(db, sql`${memberSelect(listId, programId)} AND m.rank > ${after} ORDER BY m.rank LIMIT ${CHUNK}`);
}

const WORDS = {
  id: {
    list: 'Daftar', summary: 'Ringkasan', method: 'Metode', title: (p: string, y: number) => `DAFTAR CALON PENERIMA ${p.toUpperCase()} TAHUN ${y}`,
    number: 'Nomor', opd: 'Perangkat Daerah pelaksana', version: 'Versi', draft: 'DRAF — belum final, bukan untuk dibagikan', final: 'FINAL',
    units: { family: 'keluarga', person: 'jiwa' }, auto: 'Otomatis', manual: 'Manual', outside: 'di luar kriteria', alsoOn: 'juga di daftar',
    total: 'Jumlah', budget: 'Anggaran (Rp)', families: 'Keluarga', people: 'Jiwa', unitsCol: 'Sasaran', kab: 'Kabupaten/Kota', kec: 'Kecamatan', desa: 'Desa/Kelurahan',
    subtotal: 'Subtotal', nikMasked: 'NIK dan No KK disamarkan (perlindungan data pribadi).', nikFull: 'NIK dan No KK ditulis lengkap atas pilihan pengguna (tercatat di log audit). Jaga kerahasiaannya.',
    made: 'Dibuat', program: 'Program', strategy: 'Strategi (Inpres 4/2022)', year: 'Tahun', unitCost: 'Biaya satuan', criteria: 'Kriteria', members: 'Anggota yang didaftar',
    weights: 'Bobot skor prioritas', coverage: 'Cakupan program', places: 'Jumlah sasaran dan alokasi', tie: 'Urutan skor sama', sources: 'Sumber data',
    recipients: 'Daftar penerima yang diperhitungkan', ageDate: 'Tanggal acuan umur', status: 'Status daftar', pagu: 'Pagu',
    score: 'Skor = Σ bobot × komponen ÷ Σ bobot × 100; setiap komponen bernilai 0–1.', noRecipients: 'tidak ada',
  },
  en: {
    list: 'List', summary: 'Summary', method: 'Method', title: (p: string, y: number) => `LIST OF PROPOSED RECIPIENTS — ${p.toUpperCase()} ${y}`,
    number: 'Number', opd: 'Implementing agency', version: 'Version', draft: 'DRAFT — not final, not for distribution', final: 'FINAL',
    units: { family: 'families', person: 'people' }, auto: 'Automatic', manual: 'Manual', outside: 'outside the criteria', alsoOn: 'also on list',
    total: 'Total', budget: 'Budget (Rp)', families: 'Families', people: 'People', unitsCol: 'Units', kab: 'Regency/City', kec: 'District', desa: 'Village',
    subtotal: 'Subtotal', nikMasked: 'NIK and family card numbers are masked (personal data protection).', nikFull: 'Full NIK and family card numbers by the user’s choice (recorded in the audit log). Keep them confidential.',
    made: 'Made', program: 'Program', strategy: 'Strategy (Inpres 4/2022)', year: 'Year', unitCost: 'Unit cost', criteria: 'Criteria', members: 'Members listed',
    weights: 'Priority score weights', coverage: 'Program coverage', places: 'Places and allocation', tie: 'Equal scores', sources: 'Data sources',
    recipients: 'Recipient lists taken into account', ageDate: 'Age reference date', status: 'List status', pagu: 'Budget',
    score: 'Score = Σ weight × part ÷ Σ weights × 100; each part is 0–1.', noRecipients: 'none',
  },
} as const;

type Words = (typeof WORDS)['id'] | (typeof WORDS)['en'];

function label(key: string, code: number | null, lang: Language): string | null {
  if (code === null) return null;
  const meta = attributeMeta(key);
  return meta ? valueLabel(meta, code, lang) : String(code);
}

/** The value of a list column for one row (text already neutralised, numbers as numbers). */
function cellOf(col: ListColumn, r: Row, o: { lang: Language; full: boolean; ageDate: string; w: Words }): CellValue {
  const t = (s: string | null, style: CellStyle = 'cell'): CellValue => ({ v: s === null ? null : neutralize(s), style });
  const id = (s: string | null): CellValue => ({ v: s === null ? null : o.full ? s : maskNik(s), style: 'cellText' });
  const n = (v: number | null, style: CellStyle = 'cellInteger'): CellValue => ({ v, style });
  const person = r.person_id > 0;
  switch (col) {
    case 'no': return n(r.rank);
    case 'kabupaten': return t(r.kab);
    case 'kecamatan': return t(r.kec);
    case 'desa': return t(r.desa);
    case 'kode_wilayah': return { v: r.region_code, style: 'cellText' };
    case 'id_keluarga': return { v: r.source_id === null ? null : neutralize(r.source_id), style: 'cellText' };
    case 'no_kk': return id(r.kk);
    case 'nik': return id(r.nik);
    case 'nama': return t(r.name);
    case 'alamat': return t(r.address);
    case 'desil': return n(r.desil);
    case 'jumlah_anggota': return n(r.members);
    case 'jk': return t(label('jk', r.sex, o.lang));
    case 'umur': return n(ageOn(r.birth, o.ageDate));
    case 'hubungan': return t(person ? label('hubungan', r.relation, o.lang) : null);
    case 'skor': return n(r.score, 'cellDecimal');
    case 'komponen_skor': {
      const parts = JSON.parse(r.components) as Record<string, number>;
      return t(SCORE_PARTS.map((k) => `${k} ${(parts[k] ?? 0).toFixed(2)}`).join(' · '));
    }
    case 'lantai': return t(label('lantai', r.floor, o.lang));
    case 'dinding': return t(label('kualitas_dinding', r.wall_quality, o.lang));
    case 'atap': return t(label('kualitas_atap', r.roof_quality, o.lang));
    case 'air_minum': return t(label('air_minum', r.water, o.lang));
    case 'jamban': return t(label('jamban', r.toilet, o.lang));
    case 'penerangan': return t(label('penerangan', r.lighting, o.lang));
    case 'stunting': return t(label('stunting', r.stunting, o.lang));
    case 'asal': return t(r.origin === 'manual' ? o.w.manual : o.w.auto);
    case 'keterangan': {
      const notes: string[] = [];
      if (r.reason) notes.push(r.reason);
      if (r.in_criteria === 0) notes.push(o.w.outside);
      if (r.others) notes.push(`${o.w.alsoOn}: ${r.others.split(',').join(', ')}`);
      return t(notes.length > 0 ? notes.join('; ') : null);
    }
  }
}

const WIDTH: Readonly<Record<ListColumn, number>> = {
  no: 7, kabupaten: 18, kecamatan: 16, desa: 18, kode_wilayah: 14, id_keluarga: 16, no_kk: 19, nik: 19, nama: 26, alamat: 30, desil: 6,
  jumlah_anggota: 9, jk: 11, umur: 6, hubungan: 14, skor: 8, komponen_skor: 34, lantai: 12, dinding: 12, atap: 12, air_minum: 16, jamban: 14,
  penerangan: 14, stunting: 14, asal: 10, keterangan: 30,
};

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'daftar';
}

export async function exportList(ctx: WarehouseContext, args: ListExportArgs): Promise<ListExportResult> {
  const { db, dbPath } = ctx;
  const t0 = performance.now();
  const format = args.format ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'format' });
  if (args.fullNik !== undefined && typeof args.fullNik !== 'boolean') fail(db, 'invalid_input', 'error.invalidArgs', { method: METHOD, problem: 'fullNik' });
  if (args.path !== undefined && (typeof args.path !== 'string' || !args.path.toLowerCase().endsWith(`.${format}`))) {
    fail(db, 'invalid_input', 'error.exportExtension', { ext: format, path: args.path });
  }
  const detail = listDetail(db, args.listId);
  const s = detail.summary;
  const p = detail.program;
  const full = args.fullNik === true;
  const lang = currentLanguage(db);
  const now = new Date();
  let path: string;
  if (args.path !== undefined) path = args.path;
  else {
    const dir = exportDir(dbPath);
    mkdirSync(dir, { recursive: true });
    path = freePath(dir, `Daftar-${slug(p.name)}-${p.year}-v${s.version}${s.status === 'draft' ? '-draf' : ''}${full ? '-NIK-lengkap' : ''}.${format}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  const o = { lang, full, ageDate: detail.method.ageDate, w: WORDS[lang] };
  let rows: number;
  try {
    rows = format === 'csv' ? await writeCsv(db, path, detail, o) : await writeWorkbook(db, path, detail, o, now);
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
  const sha256 = await fileSha256(path);
  appendAudit(db, 'list.export', {
    listId: s.listId, programId: s.programId, program: s.programName, version: s.version, status: s.status, format, rows,
    masked: !full, file: basename(path), path, sha256,
  });
  return { path, fileName: basename(path), rows, sha256, masked: !full, seconds: Math.round((performance.now() - t0) / 10) / 100 };
}


type Opts = { lang: Language; full: boolean; ageDate: string; w: Words };

async function writeWorkbook(db: Database, path: string, d: ReturnType<typeof listDetail>, o: Opts, now: Date): Promise<number> {
  const lh = readLetterhead(db);
  const p = d.program;
  const s = d.summary;
  const w = o.w;
  const cols = p.columns;
  const ncol = Math.max(cols.length, 4);
  const last = columnLetter(ncol - 1);
  const book = await XlsxStreamWriter.create(path, { creator: 'Padu', title: w.title(p.name, p.year), created: { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() } });
  try {
    const HEADER_ROW = 9;
    const sheet = book.addSheet(w.list, {
      columns: cols.map((c) => ({ width: WIDTH[c] })),
      freezeRows: HEADER_ROW,
      print: { paper: lh.paper, landscape: true, fitToWidth: true, titleRows: [HEADER_ROW, HEADER_ROW], footer: `${p.name} ${p.year} — ${w.version} ${s.version}${s.status === 'draft' ? ` (${w.draft})` : ''}` },
    });
    const merged = (row: number, v: string, style: CellStyle): void => {
      sheet.addRow([{ v: neutralize(v), style }]);
      sheet.merge(`A${row}:${last}${row}`);
    };
    merged(1, lh.government, 'kopLarge');
    merged(2, lh.agency, 'kopLarge');
    merged(3, lh.address, 'center');
    sheet.addRow([]);
    merged(5, w.title(p.name, p.year), 'kop');
    merged(6, `${w.number}: ${lh.documentNumber}${lh.documentNumber.includes(String(p.year)) ? '' : `/${p.year}`}`, 'center');
    merged(7, `${w.opd}: ${p.opd} · ${w.version} ${s.version} · ${s.status === 'final' ? w.final : w.draft} · ${s.units.toLocaleString('id-ID')} ${w.units[p.unit]}`, 'center');
    sheet.addRow([{ v: o.full ? w.nikFull : w.nikMasked, style: 'subtitle' }]);
    sheet.addRow(cols.map((c) => ({ v: LIST_COLUMN_LABEL[c][o.lang], style: 'header' as const })));
    let after = 0;
    let written = 0;
    for (;;) {
      const chunk = rowsAfter(db, s.listId, p.id, after);
      if (chunk.length === 0) break;
      for (const r of chunk) {
        if (sheet.addRow(cols.map((c) => cellOf(c, r, o)))) await book.drain();
        written++;
      }
      after = (chunk[chunk.length - 1] as Row).rank;
    }
    // Sign-off block: place and date on the right, then each signer's role, title, room to sign, name and NIP.
    sheet.addRow([]);
    const signers = lh.signOff.length > 0 ? lh.signOff : [];
    const span = Math.max(1, Math.floor(ncol / Math.max(1, signers.length)));
    const at = (k: number): number => Math.min(ncol - 1, k * span + Math.floor(span / 2));
    const place: CellValue[] = [];
    place[at(Math.max(0, signers.length - 1))] = `${lh.city}, ${formatDate(o.lang, now.toISOString())}`;
    sheet.addRow(place);
    for (const line of ['role', 'title', '', '', '', 'name', 'nip'] as const) {
      const cells: CellValue[] = [];
      signers.forEach((sg, k) => {
        if (line === '') return;
        const v = line === 'nip' ? (sg.nip ? `NIP. ${sg.nip}` : 'NIP.') : line === 'name' ? (sg.name || '(……………………………)') : sg[line];
        cells[at(k)] = { v: neutralize(v), style: line === 'name' ? 'bold' : 'center' };
      });
      sheet.addRow(cells);
    }

    await writeSummary(db, book, d, o);
    writeMethod(book, d, o, now);
    await book.close();
    return written;
  } catch (e) {
    book.abort();
    throw e;
  }
}

async function writeSummary(db: Database, book: XlsxStreamWriter, d: ReturnType<typeof listDetail>, o: Opts): Promise<void> {
  const w = o.w;
  const cost = d.summary.unitCost;
  const sheet = book.addSheet(w.summary, { columns: [{ width: 22 }, { width: 22 }, { width: 24 }, { width: 12 }, { width: 12 }, { width: 18 }], freezeRows: 3 });
  sheet.addRow([{ v: `${w.summary} — ${d.program.name} ${d.program.year} (${w.version} ${d.summary.version})`, style: 'title' }]);
  sheet.addRow([]);
  sheet.addRow([w.kab, w.kec, w.desa, d.program.unit === 'person' ? w.people : w.families, w.unitsCol, w.budget].map((v) => ({ v, style: 'header' as const })));
  const rows = all<{ kab: string | null; kec: string | null; desa: string | null; kec_code: string | null; units: number; families: number }>(db, sql`
    SELECT k.name AS kab, c.name AS kec, dd.name AS desa, substr(m.region_code, 1, 8) AS kec_code, count(*) AS units, count(DISTINCT m.family_id) AS families
    FROM list_member m
    LEFT JOIN region dd ON dd.code = m.region_code
    LEFT JOIN region c ON c.code = substr(m.region_code, 1, 8)
    LEFT JOIN region k ON k.code = substr(m.region_code, 1, 5)
    WHERE m.list_id = ${d.summary.listId}
    GROUP BY m.region_code ORDER BY m.region_code`);
  let kecCode: string | null | undefined;
  let sub = { units: 0, families: 0, kab: '', kec: '' };
  const flush = (): void => {
    if (kecCode === undefined) return;
    sheet.addRow([
      { v: neutralize(sub.kab), style: 'bold' }, { v: `${w.subtotal} ${neutralize(sub.kec)}`, style: 'bold' }, null,
      { v: sub.families, style: 'integerBold' }, { v: sub.units, style: 'integerBold' }, cost !== null ? { v: sub.units * cost, style: 'moneyBold' } : null,
    ]);
  };
  let total = { units: 0, families: 0 };
  for (const r of rows) {
    if (r.kec_code !== kecCode) {
      flush();
      kecCode = r.kec_code;
      sub = { units: 0, families: 0, kab: r.kab ?? '', kec: r.kec ?? '' };
    }
    const more = sheet.addRow([
      { v: r.kab === null ? null : neutralize(r.kab), style: 'cell' }, { v: r.kec === null ? null : neutralize(r.kec), style: 'cell' },
      { v: r.desa === null ? null : neutralize(r.desa), style: 'cell' }, { v: r.families, style: 'cellInteger' }, { v: r.units, style: 'cellInteger' },
      cost !== null ? { v: r.units * cost, style: 'cellMoney' } : null,
    ]);
    if (more) await book.drain();
    sub.units += r.units;
    sub.families += r.families;
    total = { units: total.units + r.units, families: total.families + r.families };
  }
  flush();
  sheet.addRow([
    { v: w.total, style: 'bold' }, null, null, { v: d.summary.families, style: 'integerBold' }, { v: total.units, style: 'integerBold' },
    cost !== null ? { v: total.units * cost, style: 'moneyBold' } : null,
  ]);
  if (d.summary.budget !== null) sheet.addRow([{ v: w.pagu, style: 'bold' }, null, null, null, null, { v: d.summary.budget, style: 'money' }]);
}

function writeMethod(book: XlsxStreamWriter, d: ReturnType<typeof listDetail>, o: Opts, now: Date): void {
  const w = o.w;
  const m: ListMethod = d.method;
  const p = d.program;
  const sheet = book.addSheet(w.method, { columns: [{ width: 34 }, { width: 110 }] });
  const line = (k: string, v: string | number | null): void => {
    sheet.addRow([{ v: k, style: 'bold' }, typeof v === 'number' ? v : { v: v === null ? null : neutralize(v), style: 'wrap' }]);
  };
  sheet.addRow([{ v: `${w.method} — ${p.name} ${p.year}`, style: 'title' }]);
  sheet.addRow([]);
  line(w.program, `${p.name} (${p.opd})`);
  line(w.strategy, `${p.strategy}. ${STRATEGY_LABEL[p.strategy][o.lang]}`);
  line(w.year, p.year);
  line(w.status, `${w.version} ${d.summary.version} — ${d.summary.status === 'final' ? `${w.final} ${d.summary.finalizedAt ? formatDate(o.lang, d.summary.finalizedAt, true) : ''}` : w.draft}`);
  line(w.unitCost, p.unitCost !== null ? `Rp ${p.unitCost.toLocaleString('id-ID')}` : '—');
  line(w.criteria, m.criteriaWords);
  if (m.memberCriteriaWords) line(w.members, m.memberCriteriaWords);
  line(w.coverage, m.coverageWords);
  line(w.places, m.totalWords);
  line(w.weights, scoreWords(o.lang, m.weights).join('\n'));
  line('', w.score);
  line(w.tie, m.tieBreak);
  line(w.ageDate, m.ageDate);
  for (const ds of m.datasets) {
    line(w.sources, `${ds.source.toUpperCase()} (${ds.role}): ${ds.batch.label}${ds.batch.vintage ? ` — ${ds.batch.vintage}` : ''}${ds.batch.fileName ? ` — ${ds.batch.fileName}` : ''} (batch #${ds.batch.id}, ${formatDate(o.lang, ds.batch.createdAt)})`);
  }
  line(w.recipients, m.recipientBatches.length === 0 ? w.noRecipients : m.recipientBatches.map((b) => `${b.label}${b.fileName ? ` — ${b.fileName}` : ''} (batch #${b.id})`).join('\n'));
  line(w.made, formatDate(o.lang, now.toISOString(), true));
  line('', o.full ? w.nikFull : w.nikMasked);
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutralize(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeCsv(db: Database, path: string, d: ReturnType<typeof listDetail>, o: Opts): Promise<number> {
  const cols = d.program.columns;
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> | null => (out.write(s) ? null : new Promise((r) => out.once('drain', () => r())));
  // A BOM so Excel opens the UTF-8 file with the right characters.
  await write(`\ufeff${cols.map((c) => csvField(LIST_COLUMN_LABEL[c][o.lang])).join(',')}\r\n`);
  let after = 0;
  let written = 0;
  for (;;) {
    const chunk = rowsAfter(db, d.summary.listId, d.program.id, after);
    if (chunk.length === 0) break;
    let text = '';
    for (const r of chunk) {
      text += `${cols.map((c) => {
        const v = cellOf(c, r, o);
        const raw = v !== null && typeof v === 'object' ? v.v : (v ?? null);
        // cellOf already neutralised text; csvField must not add a second apostrophe.
        return raw === null ? '' : typeof raw === 'number' ? String(raw) : /[",\r\n;]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
      }).join(',')}\r\n`;
      written++;
    }
    await write(text);
    after = (chunk[chunk.length - 1] as Row).rank;
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve());
  });
  return written;
}

