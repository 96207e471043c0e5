import type { Region } from '../../../shared/model/region.ts';
import { regencyKind, villageKind } from '../../../shared/model/region.ts';
import type { ProvinceTree } from '../reference/source.ts';
import type { NameGroup } from './names.ts';
import { clamp, Rng } from './random.ts';

/**
 * How the synthetic population is spread over the working province: a profile per regency
 * (population, poverty rate, Muslim share, clan-name groups) and an exact allocation of families
 * to villages. Everything here is fixed by (tree, seed, families), so each village can later be
 * generated on its own from its own sub-seed.
 */

export interface RegencyProfile {
  readonly code: string;
  readonly name: string;
  readonly kota: boolean;
  /** Population in thousands (only relative sizes matter). */
  readonly population: number;
  /** Share of people below the poverty line (BPS, roughly 2023–2024). */
  readonly poverty: number;
  readonly muslimShare: number;
  readonly groups: Readonly<Partial<Record<NameGroup, number>>>;
  /** Regency seat, written as a place of birth. */
  readonly capital: string;
}

interface NttRegency {
  readonly population: number;
  readonly poverty: number;
  readonly muslimShare: number;
  readonly groups: Readonly<Partial<Record<NameGroup, number>>>;
  readonly capital: string;
}

/** NTT (53): approximate public figures; they shape the data, they are not published statistics. */
const NTT: Readonly<Record<string, NttRegency>> = {
  '53.01': { population: 370, poverty: 0.23, muslimShare: 0.05, groups: { timor: 0.7, rote: 0.15, sabu: 0.15 }, capital: 'OELAMASI' },
  '53.02': { population: 470, poverty: 0.26, muslimShare: 0.02, groups: { timor: 1 }, capital: 'SOE' },
  '53.03': { population: 270, poverty: 0.22, muslimShare: 0.02, groups: { timor: 0.8, tetun: 0.2 }, capital: 'KEFAMENANU' },
  '53.04': { population: 230, poverty: 0.15, muslimShare: 0.05, groups: { tetun: 0.9, timor: 0.1 }, capital: 'ATAMBUA' },
  '53.05': { population: 220, poverty: 0.2, muslimShare: 0.25, groups: { alor: 1 }, capital: 'KALABAHI' },
  '53.06': { population: 280, poverty: 0.11, muslimShare: 0.3, groups: { lamaholot: 1 }, capital: 'LARANTUKA' },
  '53.07': { population: 330, poverty: 0.13, muslimShare: 0.07, groups: { sikka: 0.85, lamaholot: 0.15 }, capital: 'MAUMERE' },
  '53.08': { population: 290, poverty: 0.22, muslimShare: 0.3, groups: { lio: 1 }, capital: 'ENDE' },
  '53.09': { population: 170, poverty: 0.11, muslimShare: 0.02, groups: { ngada: 1 }, capital: 'BAJAWA' },
  '53.10': { population: 340, poverty: 0.2, muslimShare: 0.05, groups: { manggarai: 1 }, capital: 'RUTENG' },
  '53.11': { population: 260, poverty: 0.29, muslimShare: 0.08, groups: { sumba: 0.9, sabu: 0.1 }, capital: 'WAINGAPU' },
  '53.12': { population: 150, poverty: 0.27, muslimShare: 0.05, groups: { sumba: 1 }, capital: 'WAIKABUBAK' },
  '53.13': { population: 140, poverty: 0.25, muslimShare: 0.2, groups: { lamaholot: 1 }, capital: 'LEWOLEBA' },
  '53.14': { population: 150, poverty: 0.26, muslimShare: 0.04, groups: { rote: 1 }, capital: "BA'A" },
  '53.15': { population: 270, poverty: 0.17, muslimShare: 0.2, groups: { manggarai: 0.85, nusantara: 0.15 }, capital: 'LABUAN BAJO' },
  '53.16': { population: 160, poverty: 0.12, muslimShare: 0.08, groups: { ngada: 1 }, capital: 'MBAY' },
  '53.17': { population: 90, poverty: 0.31, muslimShare: 0.02, groups: { sumba: 1 }, capital: 'WAIBAKUL' },
  '53.18': { population: 340, poverty: 0.28, muslimShare: 0.04, groups: { sumba: 1 }, capital: 'TAMBOLAKA' },
  '53.19': { population: 290, poverty: 0.25, muslimShare: 0.05, groups: { manggarai: 1 }, capital: 'BORONG' },
  '53.20': { population: 95, poverty: 0.29, muslimShare: 0.01, groups: { sabu: 1 }, capital: 'SEBA' },
  '53.21': { population: 190, poverty: 0.15, muslimShare: 0.03, groups: { tetun: 1 }, capital: 'BETUN' },
  '53.71': {
    population: 440,
    poverty: 0.09,
    muslimShare: 0.12,
    groups: { timor: 0.3, rote: 0.25, sabu: 0.15, lamaholot: 0.1, manggarai: 0.08, sumba: 0.05, nusantara: 0.07 },
    capital: 'KUPANG',
  },
};

/** Strip `Kabupaten`/`Kota` for the seat name of provinces without a profile. */
function bareName(name: string): string {
  return name.replace(/^(kabupaten|kota|kab\.)\s+/i, '').toUpperCase();
}

export function regencyProfiles(tree: ProvinceTree, seed: number): RegencyProfile[] {
  const rng = Rng.from(seed, 'regency-profiles', tree.province.code);
  return tree.regencies.map((r) => {
    const known = NTT[r.code];
    const kota = regencyKind(r.code) === 'kota';
    if (known) return { code: r.code, name: r.name, kota, ...known };
    const villages = tree.villages.filter((v) => v.code.startsWith(`${r.code}.`)).length;
    return {
      code: r.code,
      name: r.name,
      kota,
      population: Math.max(20, villages * (kota ? 6 : 1.6)),
      poverty: kota ? 0.05 + rng.float() * 0.04 : 0.07 + rng.float() * 0.15,
      muslimShare: 0.85,
      groups: { nusantara: 1 },
      capital: bareName(r.name),
    };
  });
}

export interface DistrictInfo {
  readonly index: number;
  readonly code: string;
  /** Six digits, as in a NIK or No KK prefix. */
  readonly digits: string;
  readonly name: string;
  readonly regencyCode: string;
}

export interface VillagePlan {
  /** Position among the villages that receive families, in code order. */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly district: DistrictInfo;
  readonly regency: RegencyProfile;
  readonly kelurahan: boolean;
  readonly urban: boolean;
  readonly coastal: boolean;
  /** Poverty rate of the village (the regency's, perturbed). */
  readonly poverty: number;
  /** Share of Muslim families. */
  readonly muslimShare: number;
  /** Exact number of P3KE families (desil 1–4) and of better-off families (desil 5–10). */
  readonly p3ke: number;
  readonly others: number;
}

export interface ProvincePlan {
  readonly province: Region;
  readonly regencies: readonly RegencyProfile[];
  readonly districts: readonly DistrictInfo[];
  readonly villages: readonly VillagePlan[];
  readonly families: number;
  readonly others: number;
}

/** Better-off families behind every P3KE family (they appear in DTSEN only, or DTKS). */
export const OTHERS_PER_P3KE = 0.35;

/** Villages hold at least this many P3KE families on average before all villages are used. */
const MIN_FAMILIES_PER_VILLAGE = 8;

/** Largest-remainder rounding: integers proportional to weights that sum exactly to total. */
export function allocate(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const out = new Array<number>(weights.length).fill(0);
  if (sum <= 0 || total <= 0) return out;
  const rema: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const q = (total * (weights[i] ?? 0)) / sum;
    const f = Math.floor(q);
    out[i] = f;
    given += f;
    rema.push({ i, r: q - f });
  }
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < total - given; k++) {
    const slot = rema[k % rema.length];
    if (slot) out[slot.i] = (out[slot.i] ?? 0) + 1;
  }
  return out;
}

export function planProvince(tree: ProvinceTree, seed: number, families: number): ProvincePlan {
  if (!Number.isInteger(families) || families < 1) throw new Error(`families must be a positive integer, got ${families}`);
  const rng = Rng.from(seed, 'plan', tree.province.code);
  const regencies = regencyProfiles(tree, seed);
  const regencyByCode = new Map(regencies.map((r) => [r.code, r]));
  const districts: DistrictInfo[] = tree.districts.map((d, index) => ({
    index,
    code: d.code,
    digits: d.code.replace(/\./g, ''),
    name: d.name,
    regencyCode: d.parentCode ?? d.code.slice(0, 5),
  }));
  const districtByCode = new Map(districts.map((d) => [d.code, d]));

  interface Candidate {
    readonly village: Region;
    readonly regency: RegencyProfile;
    readonly district: DistrictInfo;
    readonly weight: number;
    readonly poverty: number;
    readonly kelurahan: boolean;
    readonly coastal: boolean;
    readonly muslimShare: number;
  }
  const villagesPerRegency = new Map<string, number>();
  for (const v of tree.villages) {
    const rc = v.code.slice(0, 5);
    villagesPerRegency.set(rc, (villagesPerRegency.get(rc) ?? 0) + 1);
  }
  const candidates: Candidate[] = [];
  for (const v of tree.villages) {
    const regency = regencyByCode.get(v.code.slice(0, 5));
    const district = districtByCode.get(v.code.slice(0, 8));
    if (!regency || !district) continue;
    const kelurahan = villageKind(v.code) === 'kelurahan';
    const perVillage = regency.population / (villagesPerRegency.get(regency.code) ?? 1);
    const weight = perVillage * Math.exp(0.6 * rng.normal()) * (kelurahan ? 1.8 : 1);
    const poverty = clamp(regency.poverty * Math.exp(0.3 * rng.normal()) * (kelurahan ? 0.7 : 1.05), 0.02, 0.6);
    const coastal = rng.chance(regency.kota ? 0.5 : 0.3);
    // Religion clusters by village: most villages are almost all Christian or almost all Muslim.
    const muslimShare = rng.chance(regency.muslimShare) ? 0.85 : 0.04;
    candidates.push({ village: v, regency, district, weight, poverty, kelurahan, coastal, muslimShare });
  }
  if (candidates.length === 0) throw new Error(`Province ${tree.province.code} has no villages in the reference`);

  let active = candidates;
  if (families < candidates.length * MIN_FAMILIES_PER_VILLAGE) {
    // Few families: concentrate them in a weighted sample of villages, at least two per regency,
    // so villages still hold several families (households of two KKs, neighbours, clans).
    const wanted = Math.max(regencies.length * 2, Math.ceil(families / MIN_FAMILIES_PER_VILLAGE));
    const regencyWeights = regencies.map((r) => r.population);
    const perRegency = allocate(Math.max(0, wanted - regencies.length * 2), regencyWeights).map((n) => n + 2);
    const chosen = new Set<Candidate>();
    regencies.forEach((r, i) => {
      const pool = candidates.filter((c) => c.regency === r);
      const keyed = pool.map((c) => ({ c, key: Math.log(1 - rng.float()) / c.weight }));
      keyed.sort((a, b) => b.key - a.key);
      for (const k of keyed.slice(0, perRegency[i] ?? 2)) chosen.add(k.c);
    });
    active = candidates.filter((c) => chosen.has(c));
  }

  const others = Math.round(families * OTHERS_PER_P3KE);
  const p3keShare = active.map((c) => clamp(0.15 + 1.5 * c.poverty, 0.08, 0.9));
  const p3keCounts = allocate(families, active.map((c, i) => c.weight * (p3keShare[i] ?? 0)));
  const otherCounts = allocate(others, active.map((c, i) => c.weight * (1 - (p3keShare[i] ?? 0))));

  const villages: VillagePlan[] = active.map((c, index) => ({
    index,
    code: c.village.code,
    name: c.village.name,
    district: c.district,
    regency: c.regency,
    kelurahan: c.kelurahan,
    urban: c.kelurahan || c.regency.kota,
    coastal: c.coastal,
    poverty: c.poverty,
    muslimShare: c.muslimShare,
    p3ke: p3keCounts[index] ?? 0,
    others: otherCounts[index] ?? 0,
  }));
  return { province: tree.province, regencies, districts, villages, families, others };
}
