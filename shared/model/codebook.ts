/**
 * Canonical categories of the poverty-targeting sources (DOMAIN.md §2.3).
 *
 * Every categorical column is stored in the warehouse as the small integer `code` of one of these
 * categories; the labels seen in files (`labels`, upper case as P3KE writes them) map onto it, and
 * the UI shows `id` / `en`. `deprived` marks the categories that count as a deprivation in profiles
 * and scoring (no own latrine, unsafe water, earth floor …).
 */

export interface Category {
  readonly code: number;
  readonly key: string;
  readonly id: string;
  readonly en: string;
  /** Spellings found in source files; the first one is what P3KE writes. */
  readonly labels: readonly string[];
  readonly deprived?: boolean;
}

export interface Codebook {
  readonly key: string;
  readonly id: string;
  readonly en: string;
  readonly categories: readonly Category[];
}

function book(key: string, id: string, en: string, categories: readonly Category[]): Codebook {
  return { key, id, en, categories };
}

const YES_NO: readonly Category[] = [
  { code: 1, key: 'ya', id: 'Ya', en: 'Yes', labels: ['Ya', 'YA', 'Y', '1'] },
  { code: 0, key: 'tidak', id: 'Tidak', en: 'No', labels: ['Tidak', 'TIDAK', 'T', '0'] },
];

export const SEX = book('jenis_kelamin', 'Jenis kelamin', 'Sex', [
  { code: 1, key: 'l', id: 'Laki-laki', en: 'Male', labels: ['LAKI-LAKI', 'L', 'LAKI LAKI', 'PRIA', '1'] },
  { code: 2, key: 'p', id: 'Perempuan', en: 'Female', labels: ['PEREMPUAN', 'P', 'WANITA', '2'] },
]);

export const HOUSE_OWNERSHIP = book('kepemilikan_rumah', 'Kepemilikan rumah', 'House ownership', [
  { code: 1, key: 'milik_sendiri', id: 'Milik sendiri', en: 'Own', labels: ['MILIK SENDIRI'] },
  { code: 2, key: 'sewa', id: 'Kontrak/sewa', en: 'Rented', labels: ['KONTRAK/SEWA', 'KONTRAK', 'SEWA'] },
  { code: 3, key: 'menumpang', id: 'Bebas sewa/menumpang', en: 'Rent-free/lodging', labels: ['BEBAS SEWA/MENUMPANG', 'BEBAS SEWA', 'MENUMPANG'], deprived: true },
  { code: 4, key: 'dinas', id: 'Dinas', en: 'Official housing', labels: ['DINAS'] },
  { code: 5, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'] },
]);

export const ROOF = book('jenis_atap', 'Jenis atap', 'Roof', [
  { code: 1, key: 'beton', id: 'Beton', en: 'Concrete', labels: ['BETON'] },
  { code: 2, key: 'genteng', id: 'Genteng', en: 'Tiles', labels: ['GENTENG'] },
  { code: 3, key: 'seng', id: 'Asbes/seng', en: 'Asbestos/zinc', labels: ['ASBES/SENG', 'SENG', 'ASBES'] },
  { code: 4, key: 'kayu', id: 'Kayu/sirap', en: 'Wood/shingle', labels: ['KAYU/SIRAP'] },
  { code: 5, key: 'bambu', id: 'Bambu', en: 'Bamboo', labels: ['BAMBU'], deprived: true },
  { code: 6, key: 'jerami', id: 'Jerami/ijuk/rumbia/daun', en: 'Thatch/leaves', labels: ['JERAMI/IJUK/RUMBIA/DAUN-DAUNAN', 'JERAMI/IJUK/DAUN-DAUNAN/RUMBIA', 'JERAMI'], deprived: true },
  { code: 7, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'], deprived: true },
]);

export const WALL = book('jenis_dinding', 'Jenis dinding', 'Wall', [
  { code: 1, key: 'tembok', id: 'Tembok', en: 'Masonry', labels: ['TEMBOK'] },
  { code: 2, key: 'kayu', id: 'Kayu/papan', en: 'Wood/board', labels: ['KAYU/PAPAN', 'KAYU'] },
  { code: 3, key: 'bambu', id: 'Bambu', en: 'Bamboo', labels: ['BAMBU'], deprived: true },
  { code: 4, key: 'seng', id: 'Seng', en: 'Zinc sheet', labels: ['SENG'] },
  { code: 5, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'], deprived: true },
]);

export const FLOOR = book('jenis_lantai', 'Jenis lantai', 'Floor', [
  { code: 1, key: 'keramik', id: 'Keramik/ubin/marmer', en: 'Ceramic/tile/marble', labels: ['KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO', 'KERAMIK', 'UBIN/TEGEL'] },
  { code: 2, key: 'semen', id: 'Semen', en: 'Cement', labels: ['SEMEN', 'SEMEN/BATA MERAH'] },
  { code: 3, key: 'kayu', id: 'Kayu/papan', en: 'Wood/board', labels: ['KAYU/PAPAN', 'KAYU'] },
  { code: 4, key: 'tanah', id: 'Tanah', en: 'Earth', labels: ['TANAH'], deprived: true },
  { code: 5, key: 'bambu', id: 'Bambu', en: 'Bamboo', labels: ['BAMBU'], deprived: true },
  { code: 6, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'], deprived: true },
]);

const QUALITY: readonly Category[] = [
  { code: 1, key: 'bagus', id: 'Bagus/kualitas tinggi', en: 'Good', labels: ['BAGUS/KUALITAS TINGGI', 'BAGUS', 'KUALITAS TINGGI'] },
  { code: 2, key: 'jelek', id: 'Jelek/kualitas rendah', en: 'Poor', labels: ['JELEK/KUALITAS RENDAH', 'JELEK', 'KUALITAS RENDAH'], deprived: true },
];
export const ROOF_QUALITY = book('kualitas_atap', 'Kualitas atap', 'Roof quality', QUALITY);
export const WALL_QUALITY = book('kualitas_dinding', 'Kualitas dinding', 'Wall quality', QUALITY);
export const FLOOR_QUALITY = book('kualitas_lantai', 'Kualitas lantai', 'Floor quality', QUALITY);

export const LIGHTING = book('sumber_penerangan', 'Sumber penerangan', 'Lighting', [
  { code: 1, key: 'pln_meteran', id: 'Listrik PLN meteran', en: 'PLN electricity, metered', labels: ['LISTRIK PLN METERAN', 'LISTRIK PLN DENGAN METERAN'] },
  { code: 2, key: 'pln_non_meteran', id: 'Listrik PLN non meteran', en: 'PLN electricity, unmetered', labels: ['LISTRIK PLN NON METERAN', 'LISTRIK PLN TANPA METERAN'] },
  { code: 3, key: 'non_pln', id: 'Listrik non-PLN', en: 'Non-PLN electricity', labels: ['LISTRIK NON-PLN', 'LISTRIK NON PLN'] },
  { code: 4, key: 'bukan_listrik', id: 'Bukan listrik', en: 'No electricity', labels: ['BUKAN LISTRIK'], deprived: true },
]);

export const POWER = book('daya_listrik', 'Daya listrik terpasang', 'Installed power', [
  { code: 1, key: 'le_900', id: '≤ 900 watt', en: '≤ 900 W', labels: ['=< 900 WATT', '<= 900 WATT', '450 WATT', '900 WATT'] },
  { code: 2, key: 'gt_900', id: '> 900 watt', en: '> 900 W', labels: ['> 900 WATT', '1300 WATT', '2200 WATT'] },
]);

export const FUEL = book('bahan_bakar', 'Bahan bakar memasak', 'Cooking fuel', [
  { code: 1, key: 'listrik_gas', id: 'Listrik/gas', en: 'Electricity/gas', labels: ['LISTRIK/GAS', 'GAS', 'LISTRIK'] },
  { code: 2, key: 'minyak_tanah', id: 'Minyak tanah', en: 'Kerosene', labels: ['MINYAK TANAH'] },
  { code: 3, key: 'arang_kayu', id: 'Arang/kayu', en: 'Charcoal/firewood', labels: ['ARANG/KAYU', 'KAYU BAKAR', 'ARANG'], deprived: true },
  { code: 4, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'], deprived: true },
]);

export const WATER = book('sumber_air', 'Sumber air minum', 'Drinking water', [
  { code: 1, key: 'kemasan', id: 'Air kemasan/isi ulang', en: 'Bottled/refill', labels: ['AIR KEMASAN/ISI ULANG', 'AIR KEMASAN', 'AIR ISI ULANG'] },
  { code: 2, key: 'ledeng', id: 'Ledeng/PAM', en: 'Piped (PAM)', labels: ['LEDENG/PAM', 'LEDENG', 'PAM'] },
  { code: 3, key: 'sumur_bor', id: 'Sumur bor', en: 'Borehole', labels: ['SUMUR BOR', 'SUMUR BOR/POMPA'] },
  { code: 4, key: 'sumur_terlindung', id: 'Sumur terlindung', en: 'Protected well', labels: ['SUMUR TERLINDUNG'] },
  { code: 5, key: 'sumur_tak_terlindung', id: 'Sumur tidak terlindung', en: 'Unprotected well', labels: ['SUMUR TIDAK TERLINDUNG'], deprived: true },
  { code: 6, key: 'air_permukaan', id: 'Air permukaan (sungai, danau)', en: 'Surface water', labels: ['AIR PERMUKAAN (SUNGAI, DANAU, DLL)', 'AIR PERMUKAAN', 'SUNGAI/DANAU'], deprived: true },
  { code: 7, key: 'air_hujan', id: 'Air hujan', en: 'Rainwater', labels: ['AIR HUJAN'], deprived: true },
  { code: 8, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA'], deprived: true },
]);

export const TOILET = book('fasilitas_bab', 'Fasilitas buang air besar', 'Toilet facility', [
  { code: 1, key: 'milik_sendiri', id: 'Milik sendiri', en: 'Own', labels: ['MILIK SENDIRI', 'SENDIRI'] },
  { code: 2, key: 'bersama', id: 'Umum/bersama', en: 'Shared/public', labels: ['UMUM/BERSAMA', 'BERSAMA', 'UMUM', 'MCK UMUM'], deprived: true },
  { code: 3, key: 'tidak_ada', id: 'Tidak ada/lainnya', en: 'None/other', labels: ['LAINNYA', 'TIDAK ADA', 'TIDAK MEMILIKI'], deprived: true },
]);

export const STUNTING_RISK = book('resiko_stunting', 'Risiko stunting', 'Stunting risk', [
  { code: 1, key: 'beresiko', id: 'Berisiko stunting', en: 'At risk', labels: ['BERESIKO STUNTING', 'BERISIKO STUNTING', 'BERESIKO'], deprived: true },
  { code: 2, key: 'tidak_beresiko', id: 'Tidak berisiko', en: 'Not at risk', labels: ['TIDAK BERESIKO STUNTING', 'TIDAK BERISIKO STUNTING', 'TIDAK BERESIKO'] },
  { code: 3, key: 'bukan_sasaran', id: 'Bukan sasaran', en: 'Not a target', labels: ['BUKAN TARGET SASARAN', 'BUKAN SASARAN'] },
]);

export const SAVINGS = book('simpanan', 'Memiliki simpanan/ternak', 'Has savings/livestock', YES_NO);

export const PADAN_DUKCAPIL = book('padan_dukcapil', 'Padan Dukcapil', 'Matched to civil registry', [
  { code: 1, key: 'padan', id: 'Padan', en: 'Matched', labels: ['PADAN', 'YA'] },
  { code: 0, key: 'tidak_padan', id: 'Tidak padan', en: 'Not matched', labels: ['TIDAK PADAN', 'TIDAK'] },
]);

export const OCCUPATION = book('pekerjaan', 'Pekerjaan', 'Occupation', [
  { code: 1, key: 'petani', id: 'Petani', en: 'Farmer', labels: ['PETANI'] },
  { code: 2, key: 'nelayan', id: 'Nelayan', en: 'Fisher', labels: ['NELAYAN'] },
  { code: 3, key: 'pedagang', id: 'Pedagang', en: 'Trader', labels: ['PEDAGANG'] },
  { code: 4, key: 'pegawai_swasta', id: 'Pegawai swasta', en: 'Private employee', labels: ['PEGAWAI SWASTA'] },
  { code: 5, key: 'pekerja_lepas', id: 'Pekerja lepas', en: 'Casual worker', labels: ['PEKERJA LEPAS'] },
  { code: 6, key: 'pensiunan', id: 'Pensiunan', en: 'Retired', labels: ['PENSIUNAN'] },
  { code: 7, key: 'pns_tni_polri', id: 'PNS/TNI/Polri', en: 'Civil servant/army/police', labels: ['PNS/TNI/POLRI'] },
  { code: 8, key: 'pejabat_negara', id: 'Pejabat negara', en: 'State official', labels: ['PEJABAT NEGARA'] },
  { code: 9, key: 'wiraswasta', id: 'Wiraswasta', en: 'Self-employed', labels: ['WIRASWASTA'] },
  { code: 10, key: 'tidak_bekerja', id: 'Tidak/belum bekerja', en: 'Not working', labels: ['TIDAK/BELUM BEKERJA', 'TIDAK BEKERJA', 'BELUM BEKERJA'] },
]);

export const EDUCATION = book('pendidikan', 'Pendidikan', 'Education', [
  { code: 1, key: 'belum_sekolah', id: 'Tidak/belum sekolah', en: 'No schooling', labels: ['TIDAK/BELUM SEKOLAH'] },
  { code: 2, key: 'tidak_tamat_sd', id: 'Tidak tamat SD', en: 'Primary not completed', labels: ['TDK TAMAT SD', 'TIDAK TAMAT SD'] },
  { code: 3, key: 'masih_sekolah', id: 'Masih SD/SLTP/SLTA/PT', en: 'Still in school', labels: ['MASIH SD/SLTP/SLTA/PT', 'MASIH SEKOLAH'] },
  { code: 4, key: 'tamat_sd', id: 'Tamat SD/sederajat', en: 'Primary', labels: ['TAMAT SD/SEDERAJAT', 'TAMAT SD'] },
  { code: 5, key: 'tamat_sltp', id: 'Tamat SLTP/sederajat', en: 'Junior secondary', labels: ['TAMAT SLTP/SEDERAJAT', 'TAMAT SLTP', 'TAMAT SMP'] },
  { code: 6, key: 'tamat_slta', id: 'Tamat SLTA/sederajat', en: 'Senior secondary', labels: ['TAMAT SLTA/SEDERAJAT', 'TAMAT SLTA', 'TAMAT SMA'] },
  { code: 7, key: 'tamat_pt', id: 'Tamat PT/akademi', en: 'Tertiary', labels: ['TAMAT PT/AKADEMI', 'TAMAT PT'] },
]);

export const RELATION = book('hubungan', 'Hubungan dengan kepala keluarga', 'Relation to head', [
  { code: 1, key: 'kepala', id: 'Kepala keluarga', en: 'Head', labels: ['KEPALA KELUARGA', 'KEPALA RUMAH TANGGA'] },
  { code: 2, key: 'pasangan', id: 'Istri/suami', en: 'Spouse', labels: ['ISTRI/SUAMI', 'ISTRI', 'SUAMI'] },
  { code: 3, key: 'anak', id: 'Anak', en: 'Child', labels: ['ANAK'] },
  { code: 4, key: 'lainnya', id: 'Lainnya', en: 'Other', labels: ['LAINNYA', 'FAMILI LAIN', 'ORANG TUA', 'CUCU', 'MENANTU'] },
]);

export const MARITAL = book('status_kawin', 'Status kawin', 'Marital status', [
  { code: 1, key: 'belum_kawin', id: 'Belum kawin', en: 'Never married', labels: ['BELUM KAWIN'] },
  { code: 2, key: 'kawin', id: 'Kawin', en: 'Married', labels: ['KAWIN'] },
  { code: 3, key: 'cerai_hidup', id: 'Cerai hidup', en: 'Divorced', labels: ['CERAI HIDUP'] },
  { code: 4, key: 'cerai_mati', id: 'Cerai mati', en: 'Widowed', labels: ['CERAI MATI'] },
]);

/** Central programs whose receipt P3KE/DTSEN record as `Penerima …` Ya/Tidak columns. */
export const RECEIPT_PROGRAMS = ['bpnt', 'bpum', 'bst', 'pkh', 'sembako'] as const;
export type ReceiptProgram = (typeof RECEIPT_PROGRAMS)[number];

export const RECEIPT = book('penerima', 'Penerima program', 'Program recipient', YES_NO);

export const CODEBOOKS = {
  SEX, HOUSE_OWNERSHIP, ROOF, WALL, FLOOR, ROOF_QUALITY, WALL_QUALITY, FLOOR_QUALITY, LIGHTING, POWER,
  FUEL, WATER, TOILET, STUNTING_RISK, SAVINGS, PADAN_DUKCAPIL, OCCUPATION, EDUCATION, RELATION, MARITAL, RECEIPT,
} as const;

/** Desil labels are display only (DOMAIN.md §2.3): the warehouse stores the integer. */
export const DESIL_VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Upper-case, collapse spacing and punctuation spacing, for label lookups. */
export function labelKey(raw: string): string {
  return raw
    .replace(/\u00a0/g, ' ')
    .trim()
    .toUpperCase()
    .replace(/\s*([/(),-])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}

const lookupCache = new WeakMap<Codebook, Map<string, number>>();

/** The category code for a label as written in a file, or undefined when the label is unknown. */
export function codeOfLabel(codebook: Codebook, raw: string): number | undefined {
  let map = lookupCache.get(codebook);
  if (!map) {
    map = new Map();
    for (const c of codebook.categories) {
      for (const l of c.labels) map.set(labelKey(l), c.code);
      map.set(labelKey(c.id), c.code);
    }
    lookupCache.set(codebook, map);
  }
  return map.get(labelKey(raw));
}

export function categoryOf(codebook: Codebook, code: number): Category | undefined {
  return codebook.categories.find((c) => c.code === code);
}
