import { titleCase } from './names.ts';
import type { NoiseRates } from './noise.ts';
import type { ProvincePlan } from './province.ts';
import type { XlsxLayout } from './sinks.ts';
import type { FileSpec } from './tables.ts';
import { columnIndex, P3KE_KELUARGA, PROGRAM_RTLH } from './tables.ts';

/**
 * Where each file puts its data: title rows above the header, the JUMLAH row and signature block
 * below, sheet names and row limits. Shared by the file writer and the warehouse loader so that
 * row numbers stored in the warehouse match the files.
 */

/** Title rows: the texts first, a blank row last (as exported sheets have), `n` rows in all. */
function titleRows(n: number, texts: readonly string[]): string[] {
  if (n <= 0) return [];
  if (n === 1) return [texts[0] ?? ''];
  const out: string[] = [];
  for (let i = 0; i < n - 1; i++) out.push(texts[i] ?? '');
  out.push('');
  return out;
}

/** Seat of the provincial government, for the place line of a signature block. */
function provinceCapital(plan: ProvincePlan): string {
  const kota = plan.regencies.find((r) => r.kota);
  return titleCase((kota ?? plan.regencies[0])?.capital ?? plan.province.name);
}

export function xlsxLayout(file: FileSpec, plan: ProvincePlan, rates: NoiseRates): XlsxLayout {
  const prov = plan.province.name.toUpperCase();
  const asOf = 'posisi data 30 Juni 2025';
  const total = rates.totalRow > 0;
  switch (file.table.key) {
    case 'p3ke_keluarga':
      return {
        sheetName: 'Keluarga',
        titles: titleRows(rates.xlsxTitleRows, [
          'DATA KELUARGA SASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)',
          `PROVINSI ${prov}`,
          `Sumber: Kemenko PMK, aplikasi P3KE — ${asOf}`,
          'RAHASIA: berisi data pribadi (UU 27/2022), tidak untuk disebarluaskan',
        ]),
        rowLimit: 0,
        ...(total ? { total: { countColumn: columnIndex(P3KE_KELUARGA, 'Kepala Keluarga') } } : {}),
      };
    case 'p3ke_individu':
      return {
        sheetName: 'Individu',
        titles: titleRows(rates.xlsxTitleRows, [
          'DATA INDIVIDU SASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)',
          `PROVINSI ${prov}`,
          `Sumber: Kemenko PMK, aplikasi P3KE — ${asOf}`,
          'RAHASIA: berisi data pribadi (UU 27/2022), tidak untuk disebarluaskan',
        ]),
        rowLimit: rates.sheetRowLimit,
      };
    case 'program_rtlh':
      return {
        sheetName: 'Penerima RTLH 2025',
        titles: titleRows(Math.min(3, rates.xlsxTitleRows), [
          'DAFTAR PENERIMA BANTUAN REHABILITASI RUMAH TIDAK LAYAK HUNI (RTLH) TAHUN ANGGARAN 2025',
          `DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN PROVINSI ${prov}`,
        ]),
        rowLimit: 0,
        ...(total ? { total: { sumColumn: columnIndex(PROGRAM_RTLH, 'Nilai Bantuan (Rp)') } } : {}),
        ...(rates.signOffBlock > 0
          ? {
              signOff: [
                [8, `${provinceCapital(plan)}, 30 Juni 2025`],
                [8, 'KEPALA DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN'],
                [8, `PROVINSI ${prov}`],
                [8, ''],
                [8, ''],
                [8, 'Ir. YOHANES B. FANGGIDAE, M.T.'],
                [8, 'NIP. 19700512 199803 1 007'],
              ] as const,
            }
          : {}),
      };
    case 'indicator':
      return {
        sheetName: 'Indikator',
        titles: titleRows(Math.min(2, rates.xlsxTitleRows), [`INDIKATOR SEKTORAL KABUPATEN/KOTA PROVINSI ${prov}`]),
        rowLimit: 0,
      };
    default:
      return { sheetName: file.table.key === 'dtks' ? 'DTKS' : 'DTSEN Keluarga', titles: [], rowLimit: 0 };
  }
}

export function csvTitles(file: FileSpec, plan: ProvincePlan, rates: NoiseRates): string[] {
  if (file.table.key !== 'p3ke_keluarga' && file.table.key !== 'p3ke_individu') return [];
  const what = file.table.key === 'p3ke_keluarga' ? 'KELUARGA' : 'INDIVIDU';
  const texts = [`DATA ${what} P3KE PROVINSI ${plan.province.name.toUpperCase()}`, 'Posisi data: 30/06/2025', ''];
  const out: string[] = [];
  for (let i = 0; i < rates.csvTitleRows; i++) out.push(texts[i] ?? '');
  return out;
}

/** 1-based row (CSV line) of the first data record of a file. */
export function firstDataRow(file: FileSpec, plan: ProvincePlan, rates: NoiseRates): number {
  if (file.format === 'csv') return csvTitles(file, plan, rates).length + 2;
  return xlsxLayout(file, plan, rates).titles.length + 2;
}
