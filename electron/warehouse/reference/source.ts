import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { createRequire } from 'node:module';
import type { Region } from '../../../shared/model/region.ts';

/** The Kemendagri decree the bundled `idn-area-data` release follows. */
export const REGION_DECREE = 'Kepmendagri 300.2.2-2138/2025';
export const REGION_PACKAGE = 'idn-area-data';

export function regionPackageVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('idn-area-data/package.json') as { version: string };
  return pkg.version;
}

/** Every region of Indonesia from the bundled reference, parents before children. */
export async function readRegionReference(): Promise<Region[]> {
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const out: Region[] = [];
  for (const p of provinces) out.push({ code: p.code, parentCode: null, level: 1, name: p.name });
  for (const r of regencies) out.push({ code: r.code, parentCode: r.province_code, level: 2, name: r.name });
  for (const d of districts) out.push({ code: d.code, parentCode: d.regency_code, level: 3, name: d.name });
  for (const v of villages) out.push({ code: v.code, parentCode: v.district_code, level: 4, name: v.name });
  return out;
}

export interface ProvinceTree {
  readonly province: Region;
  readonly regencies: readonly Region[];
  readonly districts: readonly Region[];
  readonly villages: readonly Region[];
}

/** One province's tree, ordered by code — what the synthetic generator draws villages from. */
export function provinceTree(all: readonly Region[], provinceCode: string): ProvinceTree {
  const province = all.find((r) => r.level === 1 && r.code === provinceCode);
  if (!province) throw new Error(`Unknown province code ${provinceCode}`);
  const prefix = `${provinceCode}.`;
  const inside = all.filter((r) => r.code.startsWith(prefix)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    province,
    regencies: inside.filter((r) => r.level === 2),
    districts: inside.filter((r) => r.level === 3),
    villages: inside.filter((r) => r.level === 4),
  };
}
