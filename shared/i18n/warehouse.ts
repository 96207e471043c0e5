/** Messages the warehouse sends back (errors and notices), Bahasa Indonesia first. */
export const warehouseId = {
  'error.internal': 'Terjadi kesalahan di gudang data. Data yang sudah tersimpan tidak berubah.',
  'error.unknownMethod': 'Perintah gudang data tidak dikenal: {method}.',
  'error.invalidArgs': 'Masukan tidak sah untuk {method}: {problem}.',
  'error.unknownRegion': 'Kode wilayah {code} tidak ada dalam referensi Kemendagri.',
  'error.notProvince': 'Kode {code} bukan kode provinsi.',
  'error.provinceNotChosen': 'Provinsi kerja belum dipilih.',
  'error.badLanguage': 'Bahasa {language} tidak didukung.',
  'error.demoSize': 'Jumlah keluarga data contoh harus antara {min} dan {max}.',
  'error.demoExists': 'Data contoh sudah ada di gudang data ini.',
  'error.unknownAttribute': 'Atribut {attribute} tidak dikenal.',
  'error.noAnalysisData': 'Belum ada data keluarga (P3KE, DTSEN atau DTKS) untuk dianalisis. Impor data dulu atau gunakan data contoh.',
  'error.familyNotFound': 'Keluarga #{id} tidak ditemukan.',
  'error.analysisNotFound': 'Analisis tersimpan #{id} tidak ditemukan.',
  'error.unknownCell': 'Sel tabel tidak ditemukan: {cell}.',
  'error.exportNotXlsx': 'Berkas ekspor harus berakhiran .xlsx: {path}.',
} as const;

export type WarehouseMessageKey = keyof typeof warehouseId;

export const warehouseEn: Record<WarehouseMessageKey, string> = {
  'error.internal': 'Something went wrong in the data warehouse. Data already stored is unchanged.',
  'error.unknownMethod': 'Unknown warehouse command: {method}.',
  'error.invalidArgs': 'Invalid input for {method}: {problem}.',
  'error.unknownRegion': 'Region code {code} is not in the Kemendagri reference.',
  'error.notProvince': 'Code {code} is not a province code.',
  'error.provinceNotChosen': 'No working province has been chosen yet.',
  'error.badLanguage': 'Language {language} is not supported.',
  'error.demoSize': 'The number of demo families must be between {min} and {max}.',
  'error.demoExists': 'This warehouse already holds demo data.',
  'error.unknownAttribute': 'Unknown attribute {attribute}.',
  'error.noAnalysisData': 'There are no family data (P3KE, DTSEN or DTKS) to analyse yet. Import data or use the demo data first.',
  'error.familyNotFound': 'Family #{id} not found.',
  'error.analysisNotFound': 'Saved analysis #{id} not found.',
  'error.unknownCell': 'Table cell not found: {cell}.',
  'error.exportNotXlsx': 'The export file must end in .xlsx: {path}.',
};
