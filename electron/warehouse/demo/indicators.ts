import type { CellFault, NoiseRates } from './noise.ts';
import { undotted } from './noise.ts';
import type { ProvincePlan, RegencyProfile } from './province.ts';
import { clamp, Rng } from './random.ts';
import type { Row } from './sources.ts';

/**
 * The sectoral indicator table an OPD or BPS hands over: one value per region, indicator and
 * period, with its source. Stunting comes from two sources that disagree, as they do in NTT
 * (SSGI survey 35.4% vs e-PPGBM weighing records 17.7% in 2022). Regency values are synthetic,
 * shaped by each regency's poverty rate; the NTT province row uses the published figures.
 */

export interface IndicatorValue {
  readonly code: string;
  readonly name: string;
  readonly indicator: string;
  readonly period: string;
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

interface Definition {
  readonly key: string;
  readonly indicator: string;
  readonly period: string;
  readonly unit: string;
  readonly source: string;
}

const STUNTING = 'Prevalensi balita stunting';
const DEFINITIONS: readonly Definition[] = [
  { key: 'ssgi21', indicator: STUNTING, period: '2021', unit: '%', source: 'SSGI 2021 (Kemenkes)' },
  { key: 'ssgi22', indicator: STUNTING, period: '2022', unit: '%', source: 'SSGI 2022 (Kemenkes)' },
  { key: 'ski23', indicator: STUNTING, period: '2023', unit: '%', source: 'SKI 2023 (Kemenkes)' },
  { key: 'eppgbm22', indicator: STUNTING, period: '2022', unit: '%', source: 'e-PPGBM Agustus 2022 (Dinas Kesehatan)' },
  { key: 'eppgbm23', indicator: STUNTING, period: '2023', unit: '%', source: 'e-PPGBM Agustus 2023 (Dinas Kesehatan)' },
  { key: 'eppgbm24', indicator: STUNTING, period: '2024', unit: '%', source: 'e-PPGBM Agustus 2024 (Dinas Kesehatan)' },
  { key: 'ipm23', indicator: 'Indeks Pembangunan Manusia (IPM)', period: '2023', unit: 'indeks', source: 'BPS' },
  { key: 'ipm24', indicator: 'Indeks Pembangunan Manusia (IPM)', period: '2024', unit: 'indeks', source: 'BPS' },
  { key: 'air23', indicator: 'Persentase rumah tangga dengan akses air minum layak', period: '2023', unit: '%', source: 'BPS (Susenas)' },
  { key: 'air24', indicator: 'Persentase rumah tangga dengan akses air minum layak', period: '2024', unit: '%', source: 'BPS (Susenas)' },
  { key: 'san23', indicator: 'Persentase rumah tangga dengan akses sanitasi layak', period: '2023', unit: '%', source: 'BPS (Susenas)' },
  { key: 'san24', indicator: 'Persentase rumah tangga dengan akses sanitasi layak', period: '2024', unit: '%', source: 'BPS (Susenas)' },
  { key: 'miskin23', indicator: 'Persentase penduduk miskin', period: '2023', unit: '%', source: 'BPS (Susenas Maret)' },
  { key: 'miskin24', indicator: 'Persentase penduduk miskin', period: '2024', unit: '%', source: 'BPS (Susenas Maret)' },
  { key: 'listrik24', indicator: 'Rasio elektrifikasi rumah tangga', period: '2024', unit: '%', source: 'Dinas ESDM' },
];

/** Published NTT province figures where known (SSGI/SKI, e-PPGBM, BPS). */
const NTT_PROVINCE: Readonly<Record<string, number>> = {
  ssgi21: 37.8,
  ssgi22: 35.4,
  ski23: 37.9,
  eppgbm22: 17.7,
  eppgbm23: 15.2,
  miskin23: 19.96,
  miskin24: 19.48,
  ipm23: 66.68,
  ipm24: 67.39,
};

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function regencyValues(rng: Rng, r: RegencyProfile): Record<string, number> {
  const pov = r.poverty;
  const ssgi22 = clamp(20 + 60 * pov + 4 * rng.normal(), 12, 52);
  const epp22 = clamp(ssgi22 * (0.48 + 0.08 * rng.normal()), 5, 40);
  const ipm23 = clamp((r.kota ? 80 : 73) - 40 * pov + 1.5 * rng.normal(), 55, 85);
  const air23 = clamp((r.kota ? 97 : 88) - 70 * pov + 4 * rng.normal(), 40, 99.5);
  const san23 = clamp((r.kota ? 92 : 82) - 80 * pov + 5 * rng.normal(), 30, 99);
  const miskin24 = clamp(pov * 100 + rng.normal(), 3, 40);
  return {
    ssgi21: round(ssgi22 + 2 + 2 * rng.normal(), 1),
    ssgi22: round(ssgi22, 1),
    ski23: round(ssgi22 + 1.5 + 3 * rng.normal(), 1),
    eppgbm22: round(epp22, 1),
    eppgbm23: round(epp22 * (0.9 + 0.05 * rng.normal()), 1),
    eppgbm24: round(epp22 * (0.82 + 0.05 * rng.normal()), 1),
    ipm23: round(ipm23, 2),
    ipm24: round(ipm23 + 0.6 + 0.2 * rng.normal(), 2),
    air23: round(air23, 2),
    air24: round(Math.min(99.8, air23 + 1 + rng.float()), 2),
    san23: round(san23, 2),
    san24: round(Math.min(99.5, san23 + 1.2 + rng.float()), 2),
    miskin23: round(miskin24 + 0.3 + 0.3 * rng.normal(), 2),
    miskin24: round(miskin24, 2),
    listrik24: round(clamp(99 - 45 * pov + 3 * rng.normal(), 60, 100), 2),
  };
}

export function indicatorValues(plan: ProvincePlan, seed: number): IndicatorValue[] {
  const rng = Rng.from(seed, 'indicators', plan.province.code);
  const perRegency = plan.regencies.map((r) => ({ r, values: regencyValues(rng, r) }));
  const totalPop = plan.regencies.reduce((s, r) => s + r.population, 0);
  const provinceValues: Record<string, number> = {};
  for (const d of DEFINITIONS) {
    const known = plan.province.code === '53' ? NTT_PROVINCE[d.key] : undefined;
    if (known !== undefined) {
      provinceValues[d.key] = known;
      continue;
    }
    const weighted = perRegency.reduce((s, x) => s + (x.values[d.key] ?? 0) * x.r.population, 0) / Math.max(1, totalPop);
    provinceValues[d.key] = round(weighted, d.unit === 'indeks' ? 2 : 1);
  }
  const out: IndicatorValue[] = [];
  const regions = [{ code: plan.province.code, name: `Provinsi ${plan.province.name}`, values: provinceValues }, ...perRegency.map((x) => ({ code: x.r.code, name: x.r.name, values: x.values }))];
  for (const region of regions) {
    for (const d of DEFINITIONS) {
      out.push({ code: region.code, name: region.name, indicator: d.indicator, period: d.period, value: region.values[d.key] ?? 0, unit: d.unit, source: d.source });
    }
  }
  return out;
}

/** Table rows for indikator-kabupaten.xlsx, with some region codes written without dots. */
export function indicatorRows(values: readonly IndicatorValue[], seed: number, rates: NoiseRates, province: string): Row[] {
  const rng = Rng.from(seed, 'noise', 'indicator', province);
  return values.map((v) => {
    const faults: CellFault[] = [];
    let code = v.code;
    if (code.includes('.') && rng.chance(rates.regionUndotted)) {
      code = undotted(code);
      faults.push({ column: 'Kode Wilayah', kind: 'region_undotted', original: v.code, written: code });
    }
    return { cells: [code, v.name, v.indicator, v.period, v.value, v.unit, v.source], faults, region: v.code };
  });
}
