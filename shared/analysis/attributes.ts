/**
 * The attributes a cross-tab can use as a dimension or a filter (issue 5), as a registry: later
 * issues (padu-padan, program coverage) add entries here and a loader in the warehouse, nothing
 * else changes. Every attribute is categorical with small integer codes; ordered ones (desil, age
 * groups, size bands) also take ranges in filters.
 */
import {
  CODEBOOKS, type Codebook, type Category, RECEIPT_PROGRAMS,
} from '../model/codebook.ts';

export type AttributeLevel = 'family' | 'person';
export type AttributeGroup = 'sosial' | 'rumah' | 'kepala' | 'anggota' | 'program' | 'data';

export interface AttributeValue {
  readonly code: number;
  readonly id: string;
  readonly en: string;
  /** Counts as a deprivation (no own latrine, unsafe water, earth floor …). */
  readonly deprived?: boolean;
}

export interface AttributeMeta {
  readonly key: string;
  readonly id: string;
  readonly en: string;
  /** Family attributes describe the family (or its head); person attributes each member. */
  readonly level: AttributeLevel;
  readonly group: AttributeGroup;
  readonly values: readonly AttributeValue[];
  /** Values have an order (ranges make sense in filters). */
  readonly ordered: boolean;
}

/** The code a family or person gets when the attribute is empty in its source. */
export const MISSING_CODE = -1;
export const MISSING_LABEL = { id: 'Tidak ada data', en: 'No data' } as const;

function fromBook(book: Codebook): AttributeValue[] {
  return book.categories.map((c: Category) => ({ code: c.code, id: c.id, en: c.en, ...(c.deprived ? { deprived: true } : {}) }));
}

function meta(
  key: string, id: string, en: string, level: AttributeLevel, group: AttributeGroup,
  values: readonly AttributeValue[], ordered = false,
): AttributeMeta {
  return { key, id, en, level, group, values, ordered };
}

const DESIL_VALUES_META: AttributeValue[] = Array.from({ length: 10 }, (_, i) => ({
  code: i + 1, id: `Desil ${i + 1}`, en: `Decile ${i + 1}`,
}));

/** Head-of-family age bands (years at the reference date). */
export const HEAD_AGE_BANDS: readonly { readonly code: number; readonly min: number; readonly max: number }[] = [
  { code: 1, min: 0, max: 24 },
  { code: 2, min: 25, max: 34 },
  { code: 3, min: 35, max: 44 },
  { code: 4, min: 45, max: 54 },
  { code: 5, min: 55, max: 64 },
  { code: 6, min: 65, max: 200 },
];

/** Person age bands following the life stages programs target (balita, school ages, working age, lansia). */
export const PERSON_AGE_BANDS: readonly { readonly code: number; readonly min: number; readonly max: number; readonly id: string; readonly en: string }[] = [
  { code: 1, min: 0, max: 4, id: '0–4 (balita)', en: '0–4 (under five)' },
  { code: 2, min: 5, max: 6, id: '5–6 (PAUD)', en: '5–6 (pre-school)' },
  { code: 3, min: 7, max: 12, id: '7–12 (usia SD)', en: '7–12 (primary age)' },
  { code: 4, min: 13, max: 15, id: '13–15 (usia SMP)', en: '13–15 (lower secondary age)' },
  { code: 5, min: 16, max: 18, id: '16–18 (usia SMA)', en: '16–18 (upper secondary age)' },
  { code: 6, min: 19, max: 24, id: '19–24', en: '19–24' },
  { code: 7, min: 25, max: 44, id: '25–44', en: '25–44' },
  { code: 8, min: 45, max: 59, id: '45–59', en: '45–59' },
  { code: 9, min: 60, max: 200, id: '60+ (lansia)', en: '60+ (elderly)' },
];

/** Family size bands (members). */
export const SIZE_BANDS: readonly { readonly code: number; readonly min: number; readonly max: number }[] = [
  { code: 1, min: 1, max: 1 },
  { code: 2, min: 2, max: 2 },
  { code: 3, min: 3, max: 3 },
  { code: 4, min: 4, max: 4 },
  { code: 5, min: 5, max: 5 },
  { code: 6, min: 6, max: 1000 },
];

function bandLabel(min: number, max: number, unitId: string, unitEn: string): { id: string; en: string } {
  if (max >= 200) return { id: `${min}+ ${unitId}`, en: `${min}+ ${unitEn}` };
  if (min === max) return { id: `${min} ${unitId}`, en: `${min} ${unitEn}` };
  return { id: `${min}–${max} ${unitId}`, en: `${min}–${max} ${unitEn}` };
}

const HEAD_AGE_VALUES: AttributeValue[] = HEAD_AGE_BANDS.map((b) => ({
  code: b.code,
  ...(b.min === 0 ? { id: '< 25 tahun', en: '< 25 years' } : bandLabel(b.min, b.max, 'tahun', 'years')),
}));

const SIZE_VALUES: AttributeValue[] = SIZE_BANDS.map((b) => ({
  code: b.code,
  ...(b.max >= 1000 ? { id: `${b.min}+ orang`, en: `${b.min}+ people` } : bandLabel(b.min, b.max, 'orang', b.min === 1 ? 'person' : 'people')),
}));

const RECEIPT_LABELS: Readonly<Record<(typeof RECEIPT_PROGRAMS)[number], string>> = {
  bpnt: 'BPNT', bpum: 'BPUM', bst: 'BST', pkh: 'PKH', sembako: 'Sembako',
};

const B = CODEBOOKS;

/** Codes of the padu-padan status attributes (`padan_<source>`): found, only queued, not found. */
export const LINK_STATUS = { linked: 1, review: 2, notFound: 3 } as const;

/** The sources a family can be looked up in by padu-padan, one attribute each. */
export const LINK_TARGETS = [
  { source: 'p3ke', label: 'P3KE' },
  { source: 'dtks', label: 'DTKS' },
  { source: 'dtsen', label: 'DTSEN' },
] as const;

const LINK_STATUS_VALUES: AttributeValue[] = [
  { code: LINK_STATUS.linked, id: 'Ditemukan (tertaut)', en: 'Found (linked)' },
  { code: LINK_STATUS.review, id: 'Perlu ditinjau', en: 'Awaiting review' },
  { code: LINK_STATUS.notFound, id: 'Tidak ditemukan', en: 'Not found' },
];

export const ATTRIBUTES: readonly AttributeMeta[] = [
  meta('desil', 'Desil kesejahteraan', 'Welfare decile', 'family', 'sosial', DESIL_VALUES_META, true),
  meta('stunting', 'Risiko stunting', 'Stunting risk', 'family', 'sosial', fromBook(B.STUNTING_RISK)),
  meta('simpanan', 'Memiliki simpanan/ternak', 'Has savings/livestock', 'family', 'sosial', fromBook(B.SAVINGS)),
  meta('padan', 'Padan Dukcapil', 'Matched to civil registry', 'family', 'data', fromBook(B.PADAN_DUKCAPIL)),
  meta('kepemilikan_rumah', 'Kepemilikan rumah', 'House ownership', 'family', 'rumah', fromBook(B.HOUSE_OWNERSHIP)),
  meta('atap', 'Jenis atap', 'Roof', 'family', 'rumah', fromBook(B.ROOF)),
  meta('dinding', 'Jenis dinding', 'Wall', 'family', 'rumah', fromBook(B.WALL)),
  meta('lantai', 'Jenis lantai', 'Floor', 'family', 'rumah', fromBook(B.FLOOR)),
  meta('kualitas_atap', 'Kualitas atap', 'Roof quality', 'family', 'rumah', fromBook(B.ROOF_QUALITY)),
  meta('kualitas_dinding', 'Kualitas dinding', 'Wall quality', 'family', 'rumah', fromBook(B.WALL_QUALITY)),
  meta('kualitas_lantai', 'Kualitas lantai', 'Floor quality', 'family', 'rumah', fromBook(B.FLOOR_QUALITY)),
  meta('penerangan', 'Sumber penerangan', 'Lighting', 'family', 'rumah', fromBook(B.LIGHTING)),
  meta('daya_listrik', 'Daya listrik', 'Installed power', 'family', 'rumah', fromBook(B.POWER)),
  meta('bahan_bakar', 'Bahan bakar memasak', 'Cooking fuel', 'family', 'rumah', fromBook(B.FUEL)),
  meta('air_minum', 'Sumber air minum', 'Drinking water', 'family', 'rumah', fromBook(B.WATER)),
  meta('jamban', 'Fasilitas BAB (jamban)', 'Toilet facility', 'family', 'rumah', fromBook(B.TOILET)),
  ...RECEIPT_PROGRAMS.map((p) =>
    meta(`penerima_${p}`, `Penerima ${RECEIPT_LABELS[p]}`, `${RECEIPT_LABELS[p]} recipient`, 'family', 'program', fromBook(B.RECEIPT)),
  ),
  ...LINK_TARGETS.map((t) =>
    meta(`padan_${t.source}`, `Ada di ${t.label} (padu-padan)`, `Found in ${t.label} (record linkage)`, 'family', 'data', LINK_STATUS_VALUES),
  ),
  meta('jk_kepala', 'Jenis kelamin kepala keluarga', 'Sex of the head', 'family', 'kepala', fromBook(B.SEX)),
  meta('umur_kepala', 'Kelompok umur kepala keluarga', 'Age group of the head', 'family', 'kepala', HEAD_AGE_VALUES, true),
  meta('pekerjaan_kepala', 'Pekerjaan kepala keluarga', 'Occupation of the head', 'family', 'kepala', fromBook(B.OCCUPATION)),
  meta('pendidikan_kepala', 'Pendidikan kepala keluarga', 'Education of the head', 'family', 'kepala', fromBook(B.EDUCATION), true),
  meta('ukuran_keluarga', 'Jumlah anggota keluarga', 'Family size', 'family', 'sosial', SIZE_VALUES, true),
  meta('jk', 'Jenis kelamin (anggota)', 'Sex (members)', 'person', 'anggota', fromBook(B.SEX)),
  meta('umur', 'Kelompok umur (anggota)', 'Age group (members)', 'person', 'anggota',
    PERSON_AGE_BANDS.map((b) => ({ code: b.code, id: b.id, en: b.en })), true),
  meta('hubungan', 'Hubungan dengan kepala keluarga', 'Relation to head', 'person', 'anggota', fromBook(B.RELATION)),
  meta('status_kawin', 'Status kawin (anggota)', 'Marital status (members)', 'person', 'anggota', fromBook(B.MARITAL)),
  meta('pendidikan', 'Pendidikan (anggota)', 'Education (members)', 'person', 'anggota', fromBook(B.EDUCATION), true),
  meta('pekerjaan', 'Pekerjaan (anggota)', 'Occupation (members)', 'person', 'anggota', fromBook(B.OCCUPATION)),
];

/** The dataset dimension: which source (and batch) a family comes from; values are per result. */
export const DATASET_ATTRIBUTE = 'sumber_data';

const BY_KEY = new Map(ATTRIBUTES.map((a) => [a.key, a]));

export function attributeMeta(key: string): AttributeMeta | undefined {
  return BY_KEY.get(key);
}

export function valueLabel(attr: AttributeMeta, code: number, lang: 'id' | 'en'): string {
  if (code === MISSING_CODE) return MISSING_LABEL[lang];
  const v = attr.values.find((x) => x.code === code);
  return v ? v[lang] : String(code);
}

/** Age in whole years on `at` for an ISO birth date; null when either is not a date. */
export function ageOn(birthIso: string | null, at: string): number | null {
  if (!birthIso || birthIso.length < 10 || at.length < 10) return null;
  const by = Number(birthIso.slice(0, 4));
  const bm = Number(birthIso.slice(5, 7));
  const bd = Number(birthIso.slice(8, 10));
  const ay = Number(at.slice(0, 4));
  const am = Number(at.slice(5, 7));
  const ad = Number(at.slice(8, 10));
  if (!by || !bm || !bd || !ay) return null;
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age < 0 ? null : age;
}

export function bandOf(bands: readonly { readonly code: number; readonly min: number; readonly max: number }[], n: number | null): number {
  if (n === null) return MISSING_CODE;
  for (const b of bands) if (n >= b.min && n <= b.max) return b.code;
  return MISSING_CODE;
}
