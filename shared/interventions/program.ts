/**
 * The program catalogue (issue 6): what a program is, the columns its list can carry, the weights
 * of the priority score, and the starting templates — examples to adapt, never official rules.
 */
import { checkCriteria, CriteriaError, MEMBER_AGE, type Criterion, type MemberCondition } from './criteria.ts';

/** Inpres 4/2022: 1 reduce spending, 2 raise income, 3 shrink poverty pockets. */
export type Strategy = 1 | 2 | 3;
export const STRATEGIES: readonly Strategy[] = [1, 2, 3];
export const STRATEGY_LABEL: Readonly<Record<Strategy, { readonly id: string; readonly en: string }>> = {
  1: { id: 'Pengurangan beban pengeluaran', en: 'Reduce spending burden' },
  2: { id: 'Peningkatan pendapatan', en: 'Raise income' },
  3: { id: 'Penurunan kantong kemiskinan', en: 'Shrink poverty pockets' },
};

export type ProgramUnit = 'family' | 'person';
export type AnalysisSourceKey = 'p3ke' | 'dtsen' | 'dtks';

/** The parts of the priority score (each 0–1 before its weight). */
export const SCORE_PARTS = ['desil', 'rumah', 'stunting', 'ukuran', 'rentan'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];
export type Weights = Readonly<Record<ScorePart, number>>;

export const SCORE_PART_LABEL: Readonly<Record<ScorePart, { readonly id: string; readonly en: string }>> = {
  desil: { id: 'Desil (makin rendah makin tinggi)', en: 'Decile (lower is higher)' },
  rumah: { id: 'Kekurangan rumah (atap, dinding, lantai, air, jamban, penerangan, bahan bakar)', en: 'Housing deprivations (roof, wall, floor, water, latrine, lighting, fuel)' },
  stunting: { id: 'Risiko stunting', en: 'Stunting risk' },
  ukuran: { id: 'Jumlah anggota keluarga', en: 'Family size' },
  rentan: { id: 'Anggota lansia (60+) atau penyandang disabilitas (bila tercatat)', en: 'Elderly (60+) or disabled members (where recorded)' },
};

export const DEFAULT_WEIGHTS: Weights = { desil: 40, rumah: 25, stunting: 15, ukuran: 10, rentan: 10 };

/** Columns a list can carry (the program chooses and orders them). */
export const LIST_COLUMNS = [
  'no', 'kabupaten', 'kecamatan', 'desa', 'kode_wilayah', 'id_keluarga', 'no_kk', 'nik', 'nama', 'alamat',
  'desil', 'jumlah_anggota', 'jk', 'umur', 'hubungan', 'skor', 'komponen_skor', 'lantai', 'dinding', 'atap',
  'air_minum', 'jamban', 'penerangan', 'stunting', 'asal', 'keterangan',
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

export const LIST_COLUMN_LABEL: Readonly<Record<ListColumn, { readonly id: string; readonly en: string }>> = {
  no: { id: 'No', en: 'No' },
  kabupaten: { id: 'Kabupaten/Kota', en: 'Regency/City' },
  kecamatan: { id: 'Kecamatan', en: 'District' },
  desa: { id: 'Desa/Kelurahan', en: 'Village' },
  kode_wilayah: { id: 'Kode Wilayah', en: 'Region code' },
  id_keluarga: { id: 'ID Keluarga', en: 'Family ID' },
  no_kk: { id: 'No KK', en: 'Family card no.' },
  nik: { id: 'NIK', en: 'NIK' },
  nama: { id: 'Nama', en: 'Name' },
  alamat: { id: 'Alamat', en: 'Address' },
  desil: { id: 'Desil', en: 'Decile' },
  jumlah_anggota: { id: 'Jumlah Anggota', en: 'Members' },
  jk: { id: 'Jenis Kelamin', en: 'Sex' },
  umur: { id: 'Umur', en: 'Age' },
  hubungan: { id: 'Hubungan dgn KK', en: 'Relation to head' },
  skor: { id: 'Skor Prioritas', en: 'Priority score' },
  komponen_skor: { id: 'Komponen Skor', en: 'Score components' },
  lantai: { id: 'Jenis Lantai', en: 'Floor' },
  dinding: { id: 'Kualitas Dinding', en: 'Wall quality' },
  atap: { id: 'Kualitas Atap', en: 'Roof quality' },
  air_minum: { id: 'Sumber Air Minum', en: 'Drinking water' },
  jamban: { id: 'Fasilitas BAB', en: 'Toilet' },
  penerangan: { id: 'Sumber Penerangan', en: 'Lighting' },
  stunting: { id: 'Risiko Stunting', en: 'Stunting risk' },
  asal: { id: 'Asal', en: 'Origin' },
  keterangan: { id: 'Keterangan', en: 'Notes' },
};

export const DEFAULT_COLUMNS: readonly ListColumn[] = [
  'no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'alamat', 'desil', 'jumlah_anggota', 'skor', 'keterangan',
];

export interface ProgramInput {
  readonly name: string;
  readonly opd: string;
  readonly strategy: Strategy;
  readonly unit: ProgramUnit;
  readonly year: number;
  /** Families that qualify; omitted = every family in the working province. */
  readonly criteria?: Criterion;
  /** For person programs: which members of a qualifying family are listed (every member when empty). */
  readonly memberCriteria?: readonly MemberCondition[];
  readonly unitCost?: number | null;
  /** Budget ceiling (pagu), rupiah. */
  readonly budget?: number | null;
  readonly quota?: number | null;
  readonly notes?: string;
  readonly weights?: Partial<Weights>;
  readonly columns?: readonly ListColumn[];
  /** Names on recipient lists that mean "already receives this program". */
  readonly recipientPrograms?: readonly string[];
  /** Years before the program year a receipt still counts as coverage (0 = the same year only). */
  readonly coverageYears?: number | null;
  /** Poverty data the candidates come from (default P3KE, else what is loaded). */
  readonly source?: AnalysisSourceKey;
  /** The template it started from. */
  readonly template?: string | null;
}

export interface Program {
  readonly id: number;
  readonly name: string;
  readonly opd: string;
  readonly strategy: Strategy;
  readonly unit: ProgramUnit;
  readonly year: number;
  readonly criteria: Criterion;
  readonly memberCriteria: readonly MemberCondition[];
  readonly unitCost: number | null;
  readonly budget: number | null;
  readonly quota: number | null;
  readonly notes: string;
  readonly weights: Weights;
  readonly columns: readonly ListColumn[];
  readonly recipientPrograms: readonly string[];
  readonly coverageYears: number | null;
  readonly source: AnalysisSourceKey | null;
  readonly template: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export class ProgramError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

function money(v: unknown, field: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e15) throw new ProgramError(field, `${field} harus angka rupiah ≥ 0`);
  return v;
}

/** Check a program from the boundary (or a JSON file) and fill its defaults. */
export function checkProgram(raw: unknown): Required<Omit<ProgramInput, 'criteria' | 'source' | 'template'>> & {
  criteria: Criterion; source: AnalysisSourceKey | null; template: string | null;
} {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ProgramError('program', 'program harus objek JSON');
  const v = raw as Record<string, unknown>;
  const text = (key: string, max: number, required: boolean): string => {
    const s = v[key];
    if (s === undefined || s === null) {
      if (required) throw new ProgramError(key, `${key} wajib diisi`);
      return '';
    }
    if (typeof s !== 'string' || s.length > max) throw new ProgramError(key, `${key} harus teks (≤ ${max} karakter)`);
    if (required && s.trim() === '') throw new ProgramError(key, `${key} wajib diisi`);
    return s.trim();
  };
  const name = text('name', 200, true);
  const opd = text('opd', 200, true);
  const strategy = v['strategy'];
  if (strategy !== 1 && strategy !== 2 && strategy !== 3) throw new ProgramError('strategy', 'strategy harus 1, 2 atau 3 (Inpres 4/2022)');
  const unit = v['unit'];
  if (unit !== 'family' && unit !== 'person') throw new ProgramError('unit', 'unit harus "family" atau "person"');
  const year = v['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) throw new ProgramError('year', 'year harus tahun 2000–2100');
  let criteria: Criterion;
  try {
    criteria = checkCriteria(v['criteria']);
  } catch (e) {
    if (e instanceof CriteriaError) throw new ProgramError(e.path, e.message);
    throw e;
  }
  let memberCriteria: readonly MemberCondition[] = [];
  if (v['memberCriteria'] !== undefined && v['memberCriteria'] !== null) {
    try {
      const node = checkCriteria({ op: 'members', where: v['memberCriteria'], atLeast: 1 });
      memberCriteria = node.op === 'members' ? node.where : [];
    } catch (e) {
      if (e instanceof CriteriaError) throw new ProgramError('memberCriteria', e.message);
      throw e;
    }
  }
  const quotaRaw = v['quota'];
  let quota: number | null = null;
  if (quotaRaw !== undefined && quotaRaw !== null && quotaRaw !== '') {
    if (typeof quotaRaw !== 'number' || !Number.isInteger(quotaRaw) || quotaRaw < 0 || quotaRaw > 10_000_000) throw new ProgramError('quota', 'quota harus bilangan bulat ≥ 0');
    quota = quotaRaw;
  }
  const weights = checkWeights(v['weights']);
  let columns: ListColumn[] = [...DEFAULT_COLUMNS];
  if (v['columns'] !== undefined && v['columns'] !== null) {
    const c = v['columns'];
    if (!Array.isArray(c) || c.length === 0 || c.some((x) => !(LIST_COLUMNS as readonly unknown[]).includes(x))) {
      throw new ProgramError('columns', `columns harus daftar dari: ${LIST_COLUMNS.join(', ')}`);
    }
    columns = [...new Set(c as ListColumn[])];
  }
  const rp = v['recipientPrograms'];
  let recipientPrograms: string[] = [];
  if (rp !== undefined && rp !== null) {
    if (!Array.isArray(rp) || rp.some((x) => typeof x !== 'string' || x.trim() === '' || x.length > 200) || rp.length > 100) {
      throw new ProgramError('recipientPrograms', 'recipientPrograms harus daftar nama program');
    }
    recipientPrograms = [...new Set((rp as string[]).map((x) => x.trim()))];
  }
  let coverageYears: number | null = null;
  const cy = v['coverageYears'];
  if (cy !== undefined && cy !== null) {
    if (typeof cy !== 'number' || !Number.isInteger(cy) || cy < 0 || cy > 30) throw new ProgramError('coverageYears', 'coverageYears harus 0–30');
    coverageYears = cy;
  }
  const src = v['source'];
  if (src !== undefined && src !== null && src !== 'p3ke' && src !== 'dtsen' && src !== 'dtks') throw new ProgramError('source', 'source harus p3ke, dtsen atau dtks');
  const template = v['template'];
  return {
    name,
    opd,
    strategy,
    unit,
    year,
    criteria,
    memberCriteria,
    unitCost: money(v['unitCost'], 'unitCost'),
    budget: money(v['budget'], 'budget'),
    quota,
    notes: text('notes', 4000, false),
    weights,
    columns,
    recipientPrograms,
    coverageYears,
    source: (src as AnalysisSourceKey | undefined) ?? null,
    template: typeof template === 'string' && template.length <= 100 ? template : null,
  };
}

export function checkWeights(raw: unknown): Weights {
  if (raw === undefined || raw === null) return DEFAULT_WEIGHTS;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ProgramError('weights', 'weights harus objek');
  const out: Record<ScorePart, number> = { ...DEFAULT_WEIGHTS };
  for (const [k, x] of Object.entries(raw as Record<string, unknown>)) {
    if (!(SCORE_PARTS as readonly string[]).includes(k)) throw new ProgramError('weights', `bobot tidak dikenal: ${k}`);
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1000) throw new ProgramError('weights', `bobot ${k} harus angka 0–1000`);
    out[k as ScorePart] = x;
  }
  return out;
}

// ── templates ────────────────────────────────────────────────────────────────────────────────

export interface ProgramTemplate {
  readonly key: string;
  readonly id: string;
  readonly en: string;
  /** Why the example looks like this (shown beside it; an example, not a rule). */
  readonly note: { readonly id: string; readonly en: string };
  /** Words that pick the recipient-list program names counting as coverage. */
  readonly recipientKeywords: readonly string[];
  readonly program: Omit<ProgramInput, 'year' | 'recipientPrograms'>;
}

const desilAtMost = (d: number): Criterion => ({ op: 'attr', attribute: 'desil', min: 1, max: d });
const age = (min: number, max: number): MemberCondition => ({ attribute: MEMBER_AGE, min, max });

export const PROGRAM_TEMPLATES: readonly ProgramTemplate[] = [
  {
    key: 'rtlh',
    id: 'Rehabilitasi rumah tidak layak huni (RTLH)',
    en: 'Uninhabitable house rehabilitation (RTLH)',
    note: {
      id: 'Contoh: desil 1–2, rumah milik sendiri, dengan dinding atau atap berkualitas rendah atau lantai tanah. Sesuaikan dengan juknis OPD.',
      en: 'Example: decile 1–2, own house, with poor walls or roof or an earth floor. Adapt to the agency’s guidelines.',
    },
    recipientKeywords: ['RTLH', 'BSPS', 'BEDAH RUMAH', 'RUMAH'],
    program: {
      name: 'Rehabilitasi RTLH',
      opd: 'Dinas Perumahan dan Kawasan Permukiman',
      strategy: 3,
      unit: 'family',
      criteria: {
        op: 'and',
        items: [
          desilAtMost(2),
          { op: 'attr', attribute: 'kepemilikan_rumah', values: [1] },
          {
            op: 'or',
            items: [
              { op: 'attr', attribute: 'kualitas_dinding', values: [2] },
              { op: 'attr', attribute: 'kualitas_atap', values: [2] },
              { op: 'attr', attribute: 'lantai', values: [4] },
            ],
          },
        ],
      },
      unitCost: 20_000_000,
      weights: { desil: 35, rumah: 45, stunting: 5, ukuran: 10, rentan: 5 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'alamat', 'desil', 'lantai', 'dinding', 'atap', 'skor', 'keterangan'],
      coverageYears: 5,
    },
  },
  {
    key: 'jamban',
    id: 'Jamban sehat keluarga',
    en: 'Household latrines',
    note: {
      id: 'Contoh: desil 1–3 tanpa jamban sendiri (memakai jamban bersama atau tidak ada).',
      en: 'Example: decile 1–3 without an own latrine (shared or none).',
    },
    recipientKeywords: ['JAMBAN', 'SANITASI', 'MCK', 'STBM'],
    program: {
      name: 'Bantuan Jamban Sehat',
      opd: 'Dinas Pekerjaan Umum dan Penataan Ruang',
      strategy: 3,
      unit: 'family',
      criteria: { op: 'and', items: [desilAtMost(3), { op: 'attr', attribute: 'jamban', values: [2, 3] }] },
      unitCost: 3_500_000,
      weights: { desil: 40, rumah: 20, stunting: 25, ukuran: 10, rentan: 5 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'alamat', 'desil', 'jamban', 'stunting', 'skor', 'keterangan'],
      coverageYears: 5,
    },
  },
  {
    key: 'air_bersih',
    id: 'Sambungan air bersih',
    en: 'Clean water connections',
    note: {
      id: 'Contoh: desil 1–3 yang minum dari sumur/mata air tak terlindung, air permukaan, air hujan atau lainnya.',
      en: 'Example: decile 1–3 drinking from unprotected wells/springs, surface water, rain or other.',
    },
    recipientKeywords: ['AIR BERSIH', 'AIR MINUM', 'PAMSIMAS', 'SAMBUNGAN'],
    program: {
      name: 'Sambungan Air Bersih',
      opd: 'Dinas Pekerjaan Umum dan Penataan Ruang',
      strategy: 3,
      unit: 'family',
      criteria: { op: 'and', items: [desilAtMost(3), { op: 'attr', attribute: 'air_minum', values: [5, 6, 7, 8] }] },
      unitCost: 2_500_000,
      weights: { desil: 40, rumah: 25, stunting: 20, ukuran: 10, rentan: 5 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'alamat', 'desil', 'air_minum', 'skor', 'keterangan'],
      coverageYears: 5,
    },
  },
  {
    key: 'pbi_daerah',
    id: 'PBI JKN Daerah',
    en: 'Regional PBI health insurance',
    note: {
      id: 'Contoh: semua anggota keluarga desil 1–2 yang belum tercatat menerima PBI. Iuran per jiwa per tahun.',
      en: 'Example: every member of decile 1–2 families not yet listed as PBI recipients. Premium per person per year.',
    },
    recipientKeywords: ['PBI', 'JKN', 'KIS'],
    program: {
      name: 'PBI JKN Daerah',
      opd: 'Dinas Kesehatan',
      strategy: 1,
      unit: 'person',
      criteria: desilAtMost(2),
      unitCost: 504_000,
      weights: { desil: 50, rumah: 10, stunting: 15, ukuran: 10, rentan: 15 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'jk', 'umur', 'hubungan', 'desil', 'skor', 'keterangan'],
      coverageYears: 0,
    },
  },
  {
    key: 'bibit_ternak',
    id: 'Bantuan bibit dan ternak',
    en: 'Seed and livestock aid',
    note: {
      id: 'Contoh: desil 1–3 dengan kepala keluarga petani atau tidak bekerja, tanpa simpanan/ternak.',
      en: 'Example: decile 1–3 whose head farms or does not work, without savings/livestock.',
    },
    recipientKeywords: ['BIBIT', 'TERNAK', 'PERTANIAN', 'BENIH'],
    program: {
      name: 'Bantuan Bibit dan Ternak',
      opd: 'Dinas Pertanian dan Peternakan',
      strategy: 2,
      unit: 'family',
      criteria: {
        op: 'and',
        items: [desilAtMost(3), { op: 'attr', attribute: 'pekerjaan_kepala', values: [1, 10] }, { op: 'attr', attribute: 'simpanan', values: [0] }],
      },
      unitCost: 5_000_000,
      weights: { desil: 50, rumah: 10, stunting: 10, ukuran: 20, rentan: 10 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'alamat', 'desil', 'jumlah_anggota', 'skor', 'keterangan'],
      coverageYears: 2,
    },
  },
  {
    key: 'beasiswa',
    id: 'Beasiswa anak sekolah',
    en: 'School scholarships',
    note: {
      id: 'Contoh: anak usia 7–18 tahun dari keluarga desil 1–2.',
      en: 'Example: children aged 7–18 of decile 1–2 families.',
    },
    recipientKeywords: ['BEASISWA', 'PIP', 'KIP'],
    program: {
      name: 'Beasiswa Anak Keluarga Miskin',
      opd: 'Dinas Pendidikan',
      strategy: 1,
      unit: 'person',
      criteria: { op: 'and', items: [desilAtMost(2), { op: 'members', where: [age(7, 18)], atLeast: 1 }] },
      memberCriteria: [age(7, 18)],
      unitCost: 1_800_000,
      weights: { desil: 50, rumah: 15, stunting: 5, ukuran: 20, rentan: 10 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'jk', 'umur', 'desil', 'skor', 'keterangan'],
      coverageYears: 0,
    },
  },
  {
    key: 'pelatihan',
    id: 'Pelatihan keterampilan kerja',
    en: 'Skills training',
    note: {
      id: 'Contoh: anggota keluarga desil 1–3 berumur 18–45 tahun.',
      en: 'Example: members of decile 1–3 families aged 18–45.',
    },
    recipientKeywords: ['PELATIHAN', 'KETERAMPILAN', 'BLK', 'PRAKERJA'],
    program: {
      name: 'Pelatihan Keterampilan Kerja',
      opd: 'Dinas Tenaga Kerja dan Transmigrasi',
      strategy: 2,
      unit: 'person',
      criteria: { op: 'and', items: [desilAtMost(3), { op: 'members', where: [age(18, 45)], atLeast: 1 }] },
      memberCriteria: [age(18, 45)],
      unitCost: 3_000_000,
      weights: { desil: 50, rumah: 10, stunting: 5, ukuran: 25, rentan: 10 },
      columns: ['no', 'kecamatan', 'desa', 'no_kk', 'nik', 'nama', 'jk', 'umur', 'desil', 'skor', 'keterangan'],
      coverageYears: 3,
    },
  },
];

/** Recipient-list names that contain any of a template's keywords (case-insensitive). */
export function namesForKeywords(keywords: readonly string[], names: readonly string[]): string[] {
  const keys = keywords.map((k) => k.toUpperCase());
  return names.filter((n) => {
    const u = n.toUpperCase();
    return keys.some((k) => u.includes(k));
  });
}
