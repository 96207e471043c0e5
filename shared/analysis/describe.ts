/** Names of the region levels as cross-tab rows, per language. */
export const REGION_LEVEL_NAMES = {
  id: { 1: 'Provinsi', 2: 'Kabupaten/kota', 3: 'Kecamatan', 4: 'Desa/kelurahan' },
  en: { 1: 'Province', 2: 'Regency/city', 3: 'District', 4: 'Village' },
} as const;
