import type { Database, Statement } from 'better-sqlite3';
import type { Codebook } from '../../../shared/model/codebook.ts';
import {
  codeOfLabel,
  EDUCATION,
  FLOOR,
  FLOOR_QUALITY,
  FUEL,
  HOUSE_OWNERSHIP,
  LIGHTING,
  MARITAL,
  OCCUPATION,
  PADAN_DUKCAPIL,
  POWER,
  RECEIPT,
  RELATION,
  ROOF,
  ROOF_QUALITY,
  SAVINGS,
  SEX,
  STUNTING_RISK,
  TOILET,
  WALL,
  WALL_QUALITY,
  WATER,
} from '../../../shared/model/codebook.ts';
import { normalizeRegionCode } from '../../../shared/model/region.ts';
import type { SourceKind } from '../../../shared/model/source.ts';
import { indicatorRows, indicatorValues } from './indicators.ts';
import { firstDataRow } from './layouts.ts';
import type { NoiseRates } from './noise.ts';
import { resolveNoise } from './noise.ts';
import { GENERATOR_VERSION, preparePlan, runVillages, yieldToEventLoop } from './pipeline.ts';
import type { ProvincePlan } from './province.ts';
import { Rng } from './random.ts';
import { csvFormat, xlsxFormat } from './sinks.ts';
import type { Row, VillageRecords } from './sources.ts';
import type { FileSpec, TableKey, TableSpec } from './tables.ts';
import { FILES, LOAD_FILE } from './tables.ts';
import type { DemoTruthCounts } from './truth.ts';
import { TruthTally } from './truth.ts';

/**
 * "Gunakan data contoh": the same synthetic population as the demo files, stored straight into
 * the warehouse tables as one batch per source (origin `demo`). Each batch holds what the file
 * the loader stands in for carries — the CSV variant where there is one — so record-level noise
 * (name variants, missing or duplicated NIKs, `E+15` NIKs) is in the warehouse as it would be
 * after an import. Rows go in transactions of about 10,000, with the event loop free between them;
 * on any failure the batches created are deleted, so nothing half-written remains.
 */

export interface DemoLoadOptions {
  readonly province: string;
  readonly families: number;
  readonly seed: number;
  readonly onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface DemoLoadResult {
  /** P3KE families loaded. */
  readonly families: number;
  /** P3KE persons loaded (rows of P3KE individu). */
  readonly persons: number;
  readonly batchIds: readonly number[];
  readonly truth: DemoTruthCounts;
}

type LoadKey = TableKey;

interface BatchPlan {
  readonly key: LoadKey;
  readonly source: SourceKind;
  readonly label: string;
  readonly vintage: string;
}

const BATCHES: readonly BatchPlan[] = [
  { key: 'p3ke_keluarga', source: 'p3ke_keluarga', label: 'P3KE Keluarga (contoh)', vintage: '2024' },
  { key: 'p3ke_individu', source: 'p3ke_individu', label: 'P3KE Individu (contoh)', vintage: '2024' },
  { key: 'dtks', source: 'dtks', label: 'DTKS (contoh)', vintage: '2024' },
  { key: 'dtsen_keluarga', source: 'dtsen_keluarga', label: 'DTSEN Keluarga (contoh)', vintage: '2025' },
  { key: 'program_rtlh', source: 'program', label: 'Penerima RTLH 2025 (contoh)', vintage: '2025' },
  { key: 'program_pkh', source: 'program', label: 'Penerima PKH 2025 (contoh)', vintage: '2025' },
  { key: 'indicator', source: 'indicator', label: 'Indikator Kabupaten/Kota (contoh)', vintage: '2021–2024' },
];

const CHUNK_ROWS = 10_000;

function fileFor(key: LoadKey): FileSpec {
  const name = LOAD_FILE[key];
  const f = FILES.find((x) => x.name === name);
  if (!f) throw new Error(`No file ${name}`);
  return f;
}

const LABEL_MEMO = new WeakMap<Codebook, Map<string, number | null>>();

/** Reads one record by header name, as the text the file holds. */
class RecordView {
  private readonly index: Map<string, number>;
  cells: readonly (string | number | null)[] = [];

  constructor(table: TableSpec) {
    this.index = new Map(table.headers.map((h, i) => [h, i]));
  }

  text(header: string): string | null {
    const i = this.index.get(header);
    if (i === undefined) throw new Error(`No column ${header}`);
    const v = this.cells[i];
    if (v === null || v === undefined) return null;
    const s = String(v);
    return s === '' ? null : s;
  }

  int(header: string): number | null {
    const s = this.text(header);
    if (s === null) return null;
    const n = Number(s);
    return Number.isFinite(n) ? Math.trunc(n) : null;
  }

  num(header: string): number | null {
    const s = this.text(header);
    if (s === null) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }

  code(header: string, book: Codebook): number | null {
    const s = this.text(header);
    if (s === null) return null;
    // Labels repeat on every row; normalising each one again would dominate the load.
    let memo = LABEL_MEMO.get(book);
    if (!memo) {
      memo = new Map();
      LABEL_MEMO.set(book, memo);
    }
    let code = memo.get(s);
    if (code === undefined) {
      code = codeOfLabel(book, s) ?? null;
      if (memo.size < 10_000) memo.set(s, code);
    }
    return code;
  }
}

/** `29/03/1977` → `1977-03-29`; anything else is kept as written. */
function dmyToIso(s: string | null): string | null {
  if (s === null) return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : s;
}

function json(obj: Record<string, string | number | readonly string[] | null>): string | null {
  const entries = Object.entries(obj).filter(([, v]) => v !== null && v !== '');
  return entries.length === 0 ? null : JSON.stringify(Object.fromEntries(entries));
}

/** The cells a file of the given format carries for a record, after that format's faults. */
function formatted(file: FileSpec, row: Row, rng: Rng, rates: NoiseRates): (string | number | null)[] {
  if (file.format === 'csv') return csvFormat(file.table, row, rng, rates).cells;
  return xlsxFormat(file.table, row, rng, rates).cells.map((c): string | number | null => {
    if (c === null || c === undefined) return null;
    if (typeof c === 'object') return c.v;
    return c;
  });
}

const FAMILY_COLUMNS = [
  'batch_id', 'row_no', 'source_id', 'region_code', 'kk', 'head_nik', 'head_name', 'head_sex', 'head_birth', 'address', 'desil', 'percentile',
  'members', 'house_ownership', 'roof', 'wall', 'floor', 'roof_quality', 'wall_quality', 'floor_quality', 'lighting', 'power', 'fuel', 'water',
  'toilet', 'stunting_risk', 'savings', 'padan', 'occupation', 'education', 'rcv_bpnt', 'rcv_bpum', 'rcv_bst', 'rcv_pkh', 'rcv_sembako', 'extra',
] as const;
type FamilyColumn = (typeof FAMILY_COLUMNS)[number];
type FamilyValues = Partial<Record<FamilyColumn, string | number | null>>;

const PERSON_COLUMNS = [
  'batch_id', 'family_id', 'row_no', 'source_id', 'family_source_id', 'region_code', 'kk', 'nik', 'name', 'sex', 'birth_date', 'birth_place',
  'mother_name', 'relation', 'marital', 'occupation', 'education', 'desil', 'padan', 'extra',
] as const;
type PersonColumn = (typeof PERSON_COLUMNS)[number];
type PersonValues = Partial<Record<PersonColumn, string | number | null>>;

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

class Loader {
  private readonly db: Database;
  private readonly plan: ProvincePlan;
  private readonly rates: NoiseRates;
  private readonly seed: number;
  readonly batchIds: Map<LoadKey, number>;
  private readonly rngs = new Map<LoadKey, Rng>();
  private readonly lineNo = new Map<LoadKey, number>();
  private readonly views = new Map<LoadKey, RecordView>();
  private readonly inserts = new Map<string, Statement>();
  private readonly insertProgram: Statement;
  private readonly insertIndicator: Statement;
  private dtsenOrdinal = 0;

  constructor(db: Database, plan: ProvincePlan, rates: NoiseRates, seed: number, batchIds: Map<LoadKey, number>) {
    this.db = db;
    this.plan = plan;
    this.rates = rates;
    this.seed = seed;
    this.batchIds = batchIds;
    for (const b of BATCHES) {
      const file = fileFor(b.key);
      // Same stream as the file writer, so format faults land on the same records.
      this.rngs.set(b.key, Rng.from(seed, 'format', file.name));
      this.lineNo.set(b.key, firstDataRow(file, plan, rates));
      this.views.set(b.key, new RecordView(file.table));
    }
    this.insertProgram = db.prepare(
      insertSql('program_recipient', ['batch_id', 'row_no', 'nik', 'kk', 'name', 'region_code', 'program', 'year', 'amount', 'unit', 'extra']),
    );
    this.insertIndicator = db.prepare(insertSql('indicator_value', ['batch_id', 'row_no', 'region_code', 'indicator', 'period', 'value', 'unit', 'source', 'extra']));
  }

  private batch(key: LoadKey): number {
    const id = this.batchIds.get(key);
    if (id === undefined) throw new Error(`No batch for ${key}`);
    return id;
  }

  /** The record as its file carries it, with its row number in that file. */
  private take(key: LoadKey, row: Row): { view: RecordView; rowNo: number } {
    const file = fileFor(key);
    const rng = this.rngs.get(key);
    const view = this.views.get(key);
    const rowNo = this.lineNo.get(key);
    if (!rng || !view || rowNo === undefined) throw new Error(`Loader not set up for ${key}`);
    view.cells = formatted(file, row, rng, this.rates);
    this.lineNo.set(key, rowNo + 1);
    return { view, rowNo };
  }

  /** An INSERT naming only the columns a source fills: binding dozens of NULLs per row costs real time. */
  private insertFor(table: 'family' | 'person', columns: readonly string[]): Statement {
    const key = `${table}:${columns.join(',')}`;
    let stmt = this.inserts.get(key);
    if (!stmt) {
      const allowed: readonly string[] = table === 'family' ? FAMILY_COLUMNS : PERSON_COLUMNS;
      for (const c of columns) if (!allowed.includes(c)) throw new Error(`Unknown ${table} column ${c}`);
      stmt = this.db.prepare(insertSql(table, columns));
      this.inserts.set(key, stmt);
    }
    return stmt;
  }

  private family(v: FamilyValues): number {
    const info = this.insertFor('family', Object.keys(v)).run(...Object.values(v));
    return Number(info.lastInsertRowid);
  }

  private person(v: PersonValues): void {
    this.insertFor('person', Object.keys(v)).run(...Object.values(v));
  }

  p3keKeluarga(row: Row): void {
    const { view: r, rowNo } = this.take('p3ke_keluarga', row);
    this.family({
      batch_id: this.batch('p3ke_keluarga'),
      row_no: rowNo,
      source_id: r.text('ID Keluarga P3KE'),
      region_code: normalizeRegionCode(r.text('Kode Kemdagri')),
      head_nik: r.text('NIK'),
      head_name: r.text('Kepala Keluarga'),
      head_sex: r.code('Jenis Kelamin', SEX),
      head_birth: dmyToIso(r.text('Tanggal Lahir')),
      address: r.text('Alamat'),
      desil: r.int('Desil Kesejahteraan'),
      house_ownership: r.code('Kepemilikan Rumah', HOUSE_OWNERSHIP),
      roof: r.code('Jenis Atap', ROOF),
      wall: r.code('Jenis Dinding', WALL),
      floor: r.code('Jenis Lantai', FLOOR),
      roof_quality: r.code('Kualitas Atap', ROOF_QUALITY),
      wall_quality: r.code('Kualitas Dinding', WALL_QUALITY),
      floor_quality: r.code('Kualitas Lantai', FLOOR_QUALITY),
      lighting: r.code('Sumber Penerangan', LIGHTING),
      power: r.code('Daya Listrik Terpasang', POWER),
      fuel: r.code('Bahan Bakar Memasak', FUEL),
      water: r.code('Sumber Air Minum', WATER),
      toilet: r.code('Memiliki Fasilitas Buang Air Besar', TOILET),
      stunting_risk: r.code('Resiko Stunting', STUNTING_RISK),
      savings: r.code('Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya', SAVINGS),
      padan: r.code('Padan Dukcapil', PADAN_DUKCAPIL),
      occupation: r.code('Pekerjaan', OCCUPATION),
      education: r.code('Pendidikan', EDUCATION),
      rcv_bpnt: r.code('Penerima BPNT', RECEIPT),
      rcv_bpum: r.code('Penerima BPUM', RECEIPT),
      rcv_bst: r.code('Penerima BST', RECEIPT),
      rcv_pkh: r.code('Penerima PKH', RECEIPT),
      rcv_sembako: r.code('Penerima SEMBAKO', RECEIPT),
      extra: json({ Pensasaran: r.text('Pensasaran') }),
    });
  }

  /** One P3KE family's individu rows (contiguous in the file, head first). */
  p3keIndividu(rows: readonly Row[]): void {
    const batch = this.batch('p3ke_individu');
    const taken = rows.map((row) => {
      const t = this.take('p3ke_individu', row);
      return { rowNo: t.rowNo, cells: t.view.cells };
    });
    const view = this.views.get('p3ke_individu');
    const first = taken[0];
    if (!view || !first) return;
    view.cells = first.cells;
    const familySourceId = view.text('ID Keluarga P3KE');
    const region = normalizeRegionCode(view.text('Kode Kemdagri'));
    const familyId = this.family({
      batch_id: batch,
      row_no: first.rowNo,
      source_id: familySourceId,
      region_code: region,
      head_nik: view.text('NIK'),
      head_name: view.text('Nama'),
      head_sex: view.code('Jenis Kelamin', SEX),
      head_birth: dmyToIso(view.text('Tanggal Lahir')),
      address: view.text('Alamat'),
      desil: view.int('Desil Kesejahteraan'),
      members: taken.length,
      stunting_risk: view.code('Resiko Stunting', STUNTING_RISK),
      padan: view.code('Padan Dukcapil', PADAN_DUKCAPIL),
      occupation: view.code('Pekerjaan', OCCUPATION),
      education: view.code('Pendidikan', EDUCATION),
      rcv_bpnt: view.code('Penerima BPNT', RECEIPT),
      rcv_bpum: view.code('Penerima BPUM', RECEIPT),
      rcv_bst: view.code('Penerima BST', RECEIPT),
      rcv_pkh: view.code('Penerima PKH', RECEIPT),
      rcv_sembako: view.code('Penerima SEMBAKO', RECEIPT),
    });
    for (const t of taken) {
      view.cells = t.cells;
      this.person({
        batch_id: batch,
        family_id: familyId,
        row_no: t.rowNo,
        source_id: view.text('ID Individu'),
        family_source_id: view.text('ID Keluarga P3KE'),
        region_code: normalizeRegionCode(view.text('Kode Kemdagri')),
        nik: view.text('NIK'),
        name: view.text('Nama'),
        sex: view.code('Jenis Kelamin', SEX),
        birth_date: dmyToIso(view.text('Tanggal Lahir')),
        relation: view.code('Hubungan dengan Kepala Keluarga', RELATION),
        marital: view.code('Status Kawin', MARITAL),
        occupation: view.code('Pekerjaan', OCCUPATION),
        education: view.code('Pendidikan', EDUCATION),
        desil: view.int('Desil Kesejahteraan'),
        padan: view.code('Padan Dukcapil', PADAN_DUKCAPIL),
      });
    }
  }

  /** One DTKS household: a family row for the household (ID DTKS) and its person rows. */
  dtks(rows: readonly Row[]): void {
    const batch = this.batch('dtks');
    const taken = rows.map((row) => {
      const t = this.take('dtks', row);
      return { rowNo: t.rowNo, cells: t.view.cells, region: row.region ?? null };
    });
    const view = this.views.get('dtks');
    const first = taken[0];
    if (!view || !first) return;
    const kks: string[] = [];
    for (const t of taken) {
      view.cells = t.cells;
      const kk = view.text('Nomor KK');
      if (kk !== null && !kks.includes(kk)) kks.push(kk);
    }
    view.cells = first.cells;
    const householdId = view.text('ID DTKS');
    const familyId = this.family({
      batch_id: batch,
      row_no: first.rowNo,
      source_id: householdId,
      region_code: first.region,
      kk: view.text('Nomor KK'),
      head_nik: view.text('Nomor NIK'),
      head_name: view.text('Nama'),
      head_sex: view.code('Jenis Kelamin', SEX),
      head_birth: view.text('Tanggal Lahir'),
      address: view.text('Alamat'),
      members: taken.length,
      extra: json({ Dusun: view.text('Dusun'), RT: view.text('RT'), RW: view.text('RW'), 'Nomor KK': kks.length > 1 ? kks : null }),
    });
    for (const t of taken) {
      view.cells = t.cells;
      const relationText = view.text('Hubungan Keluarga');
      this.person({
        batch_id: batch,
        family_id: familyId,
        row_no: t.rowNo,
        family_source_id: householdId,
        region_code: t.region,
        kk: view.text('Nomor KK'),
        nik: view.text('Nomor NIK'),
        name: view.text('Nama'),
        sex: view.code('Jenis Kelamin', SEX),
        birth_date: view.text('Tanggal Lahir'),
        birth_place: view.text('Tempat Lahir'),
        mother_name: view.text('Nama Ibu Kandung'),
        relation: view.code('Hubungan Keluarga', RELATION),
        // The detailed relation (MENANTU, CUCU, ORANG TUA …) folds into "other"; keep the words.
        extra: json({ 'Hubungan Keluarga': relationText }),
      });
    }
  }

  dtsen(row: Row): void {
    const { view: r, rowNo } = this.take('dtsen_keluarga', row);
    this.dtsenOrdinal++;
    this.family({
      batch_id: this.batch('dtsen_keluarga'),
      row_no: rowNo,
      // DTSEN family files carry no record ID: the data-record ordinal stands in (= truth dtsen_row).
      source_id: String(this.dtsenOrdinal),
      region_code: row.region ?? null,
      kk: r.text('NIK Keluarga'),
      head_nik: r.text('NIK (Kepala Keluarga) Padan'),
      head_name: r.text('Nama Kepala Keluarga'),
      address: r.text('Alamat'),
      desil: r.int('Desil'),
      percentile: r.int('Persentil'),
      wall_quality: r.code('Kualitas Dinding', WALL_QUALITY),
      floor: r.code('Jenis Lantai', FLOOR),
      floor_quality: r.code('Kualitas Lantai', FLOOR_QUALITY),
      fuel: r.code('Bahan Bakar Memasak', FUEL),
      lighting: r.code('Sumber Penerangan', LIGHTING),
      power: r.code('Daya Listrik Terpasang', POWER),
      water: r.code('Sumber Air Minum', WATER),
      toilet: r.code('Memiliki Fasilitas Buang Air Besar', TOILET),
      stunting_risk: r.code('Resiko Stunting', STUNTING_RISK),
      rcv_bpnt: r.code('Penerima BPNT', RECEIPT),
      rcv_bst: r.code('Penerima BST', RECEIPT),
      extra: json({ 'Tahun Pendataan': r.text('Tahun Pendataan') }),
    });
  }

  rtlh(row: Row): void {
    const { view: r, rowNo } = this.take('program_rtlh', row);
    this.insertProgram.run(
      this.batch('program_rtlh'),
      rowNo,
      r.text('NIK'),
      r.text('No KK'),
      r.text('Nama'),
      normalizeRegionCode(r.text('Kode Wilayah')),
      r.text('Program') ?? 'RTLH',
      r.int('Tahun'),
      r.num('Nilai Bantuan (Rp)'),
      r.text('Satuan'),
      null,
    );
  }

  pkh(row: Row): void {
    const { view: r, rowNo } = this.take('program_pkh', row);
    this.insertProgram.run(
      this.batch('program_pkh'),
      rowNo,
      r.text('NIK'),
      r.text('No KK'),
      r.text('Nama Pengurus'),
      normalizeRegionCode(r.text('Kode Wilayah')),
      r.text('Program') ?? 'PKH',
      r.int('Tahun'),
      r.num('Nilai Bantuan (Rp)'),
      'Rp/tahun',
      json({ Komponen: r.text('Komponen'), Alamat: r.text('Alamat') }),
    );
  }

  indicator(row: Row): void {
    const { view: r, rowNo } = this.take('indicator', row);
    this.insertIndicator.run(
      this.batch('indicator'),
      rowNo,
      normalizeRegionCode(r.text('Kode Wilayah')) ?? row.region ?? '',
      r.text('Indikator') ?? '',
      r.text('Periode') ?? '',
      r.num('Nilai'),
      r.text('Satuan'),
      r.text('Sumber'),
      null,
    );
  }

  /** Insert one village's records (called inside a transaction). */
  village(rec: VillageRecords): void {
    for (const row of rec.rows.p3ke_keluarga) this.p3keKeluarga(row);
    forEachGroup(rec.rows.p3ke_individu, (r) => String(r.cells[0]), (group) => this.p3keIndividu(group));
    forEachGroup(rec.rows.dtks, (r) => String(r.cells[0]), (group) => this.dtks(group));
    for (const row of rec.rows.dtsen_keluarga) this.dtsen(row);
    for (const row of rec.rows.program_rtlh) this.rtlh(row);
    for (const row of rec.rows.program_pkh) this.pkh(row);
  }
}

/** Consecutive runs of rows with the same key (a family's or household's rows). */
function forEachGroup(rows: readonly Row[], key: (r: Row) => string, fn: (group: Row[]) => void): void {
  let group: Row[] = [];
  let current: string | null = null;
  for (const r of rows) {
    const k = key(r);
    if (current !== null && k !== current) {
      fn(group);
      group = [];
    }
    current = k;
    group.push(r);
  }
  if (group.length > 0) fn(group);
}

function recordCount(rec: VillageRecords): number {
  let n = 0;
  for (const rows of Object.values(rec.rows)) n += rows.length;
  return n;
}

export async function loadDemo(db: Database, options: DemoLoadOptions): Promise<DemoLoadResult> {
  const rates = resolveNoise(undefined);
  const plan = await preparePlan(options.province, options.families, options.seed);
  const createdAt = new Date().toISOString();
  const batchIds = new Map<LoadKey, number>();
  const insertBatch = db.prepare(
    `INSERT INTO batch (source, label, vintage, origin, status, file_name, details, created_at) VALUES (?, ?, ?, 'demo', 'loading', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const b of BATCHES) {
      const details = JSON.stringify({ generator: 'padu-demo', version: GENERATOR_VERSION, seed: options.seed, province: options.province, families: options.families });
      const info = insertBatch.run(b.source, b.label, b.vintage, LOAD_FILE[b.key], details, createdAt);
      batchIds.set(b.key, Number(info.lastInsertRowid));
    }
  })();

  try {
    const loader = new Loader(db, plan, rates, options.seed, batchIds);
    const tally = new TruthTally(plan.province.code);
    let pending: VillageRecords[] = [];
    let pendingRows = 0;
    const flush = (): void => {
      if (pending.length === 0) return;
      const chunk = pending;
      pending = [];
      pendingRows = 0;
      db.transaction(() => {
        for (const rec of chunk) loader.village(rec);
      })();
    };
    await runVillages(
      plan,
      options.seed,
      rates,
      tally,
      async (rec) => {
        pending.push(rec);
        pendingRows += recordCount(rec);
        if (pendingRows >= CHUNK_ROWS) {
          flush();
          await yieldToEventLoop();
        }
      },
      options.onProgress,
    );
    flush();

    const indicators = indicatorValues(plan, options.seed);
    const iRows = indicatorRows(indicators, options.seed, rates, plan.province.code);
    db.transaction(() => {
      for (const row of iRows) loader.indicator(row);
    })();
    for (const v of indicators) tally.source.indicator.row(v.code, v.code, null);

    const truth = tally.freeze();
    const finish = db.prepare(
      `UPDATE batch SET status = 'complete', rows_read = ?, rows_loaded = ?, families = ?, persons = ?, completed_at = ? WHERE id = ?`,
    );
    const completedAt = new Date().toISOString();
    db.transaction(() => {
      for (const b of BATCHES) {
        const s = truth.sources[b.key];
        const families = b.key === 'dtks' ? (s.households ?? 0) : s.families;
        finish.run(s.rows, s.rows, families, s.persons, completedAt, batchIds.get(b.key));
      }
    })();
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    return {
      families: truth.sources.p3ke_keluarga.families,
      persons: truth.sources.p3ke_individu.persons,
      batchIds: BATCHES.map((b) => batchIds.get(b.key) ?? 0),
      truth,
    };
  } catch (err) {
    const remove = db.prepare('DELETE FROM batch WHERE id = ?');
    db.transaction(() => {
      for (const id of batchIds.values()) remove.run(id);
    })();
    throw err;
  }
}
