import {
  EDUCATION,
  FLOOR,
  FUEL,
  HOUSE_OWNERSHIP,
  LIGHTING,
  MARITAL,
  OCCUPATION,
  POWER,
  ROOF,
  STUNTING_RISK,
  TOILET,
  WALL,
  WATER,
} from '../../../shared/model/codebook.ts';
import type { CivilDate } from '../../../shared/model/civil-date.ts';
import { civilFromDays, daysFromCivil } from '../../../shared/model/civil-date.ts';
import { ageAt, REFERENCE, REFERENCE_DAYS } from './dates.ts';
import type { IdRegistry } from './ids.ts';
import type { NameGroup } from './names.ts';
import { FAMILY_NAMES, lastWord, personName, pickFamilyName, STREETS } from './names.ts';
import type { ProvincePlan, VillagePlan } from './province.ts';
import { clamp, Rng } from './random.ts';

/**
 * The true population of one village: households (rumah tangga) of one or two families (KK),
 * their members, housing, needs and program receipt, and which sources will list them. Files are
 * views of this truth with noise added later; nothing here is written as-is except through them.
 */

/** Relation as DTKS spells it; P3KE folds ORANG TUA/CUCU/FAMILI LAIN/MENANTU into LAINNYA. */
export type RelationDetail = 'KEPALA KELUARGA' | 'ISTRI/SUAMI' | 'ANAK' | 'ORANG TUA' | 'CUCU' | 'FAMILI LAIN' | 'MENANTU';

export interface Person {
  readonly uid: number;
  readonly familyUid: number;
  readonly nik: string;
  /** True when the NIK prefix is another kecamatan than the one lived in (moved). */
  readonly nikMoved: boolean;
  readonly name: string;
  readonly sex: 1 | 2;
  readonly birth: CivilDate;
  readonly age: number;
  /** RELATION code within the KK: 1 head, 2 spouse, 3 child, 4 other. */
  readonly relation: 1 | 2 | 3 | 4;
  readonly relationDetail: RelationDetail;
  readonly marital: number;
  readonly occupation: number;
  readonly education: number;
  readonly motherName: string;
  readonly birthPlace: string;
}

export interface Address {
  readonly dusun: string;
  readonly rt: number;
  readonly rw: number;
  /** Street for town addresses; '' in villages. */
  readonly street: string;
  readonly houseNo: number;
}

export interface Receipt {
  readonly bpnt: boolean;
  readonly bpum: boolean;
  readonly bst: boolean;
  readonly pkh: boolean;
  readonly sembako: boolean;
}

export interface Housing {
  readonly ownership: number;
  readonly roof: number;
  readonly wall: number;
  readonly floor: number;
  readonly roofQuality: number;
  readonly wallQuality: number;
  readonly floorQuality: number;
  readonly lighting: number;
  /** POWER code, 0 when the house has no PLN connection. */
  readonly power: number;
  readonly fuel: number;
  readonly water: number;
  readonly toilet: number;
}

export interface PkhAward {
  readonly components: readonly string[];
  readonly amount: number;
  /** The pengurus (usually the mother) whose NIK and name the list carries. */
  readonly recipient: Person;
}

export interface RtlhAward {
  readonly program: string;
  readonly amount: number;
}

export interface Family {
  readonly uid: number;
  readonly householdUid: number;
  readonly village: VillagePlan;
  /** Position of the family in its household (0 = the household head's own KK). */
  readonly inHousehold: number;
  readonly desil: number;
  readonly kk: string;
  readonly kkMoved: boolean;
  readonly members: readonly Person[];
  readonly muslim: boolean;
  readonly address: Address;
  readonly housing: Housing;
  readonly savings: boolean;
  readonly stunting: number;
  readonly receipt: Receipt;
  /** DTSEN's view: its own desil, percentile and data year. */
  readonly dtsenDesil: number;
  readonly dtsenPercentile: number;
  readonly dtsenYear: number;
  readonly rtlh: RtlhAward | null;
  readonly pkh: PkhAward | null;
}

export interface Household {
  readonly uid: number;
  readonly families: readonly Family[];
  readonly inDtks: boolean;
}

export interface VillagePopulation {
  readonly village: VillagePlan;
  readonly households: readonly Household[];
}

/** Running counters and registries shared by the villages of one run (generated in plan order). */
export class PopulationContext {
  readonly plan: ProvincePlan;
  readonly seed: number;
  readonly ids: IdRegistry;
  private familySeq = 0;
  private personSeq = 0;
  private householdSeq = 0;

  constructor(plan: ProvincePlan, seed: number, ids: IdRegistry) {
    this.plan = plan;
    this.seed = seed;
    this.ids = ids;
  }

  nextFamily(): number {
    return ++this.familySeq;
  }
  nextPerson(): number {
    return ++this.personSeq;
  }
  nextHousehold(): number {
    return ++this.householdSeq;
  }
  get families(): number {
    return this.familySeq;
  }
  get persons(): number {
    return this.personSeq;
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'] as const;
const SYL_A = ['OE', 'NAI', 'WAI', 'LEWO', 'WOLO', 'NUA', 'BAKI', 'TUA', 'NUSA', 'LO', 'MBA', 'KOTA', 'NGGO', 'RANA', 'TANA'] as const;
const SYL_B = ['NASI', 'BONAT', 'LAKA', 'METAN', 'SIKO', 'LELO', 'BURA', 'MANU', 'NGGELA', 'LETE', 'BAUN', 'KOLO', 'RIA', 'LOLO', 'PUTI'] as const;

const DESIL_DEPRIVATION = [0, 0.95, 0.8, 0.66, 0.52, 0.4, 0.3, 0.21, 0.14, 0.08, 0.03] as const;

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`index ${i} out of range`);
  return v;
}

/** Weighted categorical draw between a "well-off" and a "deprived" profile, by deprivation d. */
function blend(rng: Rng, rich: readonly number[], poor: readonly number[], d: number): number {
  const w = rich.map((r, i) => r * (1 - d) + (poor[i] ?? 0) * d);
  return rng.weighted(w);
}

function codeAt(book: { readonly categories: readonly { readonly code: number }[] }, i: number): number {
  return at(book.categories, i).code;
}

const AGE_BANDS = [22, 27, 32, 37, 42, 47, 52, 57, 62, 67, 72, 77, 82] as const;
const AGE_BAND_WEIGHTS = [3, 8, 11, 12, 12, 11, 10, 9, 8, 6, 5, 3, 2] as const;

interface VillageCulture {
  readonly groups: readonly NameGroup[];
  readonly groupWeights: readonly number[];
  /** Clan names present in the village, per group; families draw from these (Zipf-like). */
  readonly clans: ReadonlyMap<NameGroup, readonly string[]>;
  readonly dusun: readonly string[];
  readonly birthPlaces: readonly string[];
  /** Other kecamatan of the same regency, where most people who moved came from. */
  readonly neighbourDistricts: readonly number[];
}

function villageCulture(rng: Rng, plan: ProvincePlan, v: VillagePlan): VillageCulture {
  const entries = Object.entries(v.regency.groups) as [NameGroup, number][];
  const groups = entries.map(([g]) => g);
  const groupWeights = entries.map(([, w]) => w);
  const clans = new Map<NameGroup, string[]>();
  for (const g of groups) {
    const pool = [...FAMILY_NAMES[g]];
    rng.shuffle(pool);
    clans.set(g, pool.slice(0, 6 + rng.int(8)).map((c) => c.replace(/_/g, ' ')));
  }
  const dusunCount = 2 + rng.int(5);
  const named = rng.chance(0.5);
  const dusun: string[] = [];
  for (let i = 0; i < dusunCount; i++) {
    dusun.push(named ? `${rng.pick(SYL_A)}${rng.pick(SYL_B)}` : at(ROMAN, i));
  }
  const others = plan.regencies.filter((r) => r !== v.regency).map((r) => r.capital);
  const birthPlaces = [v.name.toUpperCase(), v.regency.capital, ...(others.length > 0 ? [rng.pick(others)] : [])];
  const neighbourDistricts = plan.districts.filter((x) => x.regencyCode === v.regency.code && x.index !== v.district.index).map((x) => x.index);
  return { groups, groupWeights, clans, dusun, birthPlaces, neighbourDistricts };
}

function pickClan(rng: Rng, culture: VillageCulture, group: NameGroup): string {
  const local = culture.clans.get(group) ?? [];
  if (local.length === 0 || rng.chance(0.08)) return rng.pick(FAMILY_NAMES[group]).replace(/_/g, ' ');
  // Zipf-like: the first clans of the village are the big ones.
  const w = local.map((_c, i) => 1 / (i + 1));
  return at(local, rng.weighted(w));
}

function birthFromAge(rng: Rng, age: number): CivilDate {
  const days = REFERENCE_DAYS - Math.floor((age + rng.float()) * 365.2425);
  const c = civilFromDays(days);
  // Older people without papers got a conventional date: 1 July, 31 December or 1 January.
  if (c.y < 1975 && rng.chance(0.06)) {
    const k = rng.int(3);
    const fixed = k === 0 ? { y: c.y, m: 7, d: 1 } : k === 1 ? { y: c.y, m: 12, d: 31 } : { y: c.y, m: 1, d: 1 };
    if (daysFromCivil(fixed.y, fixed.m, fixed.d) <= REFERENCE_DAYS) return fixed;
  }
  return c;
}

interface Member {
  name: string;
  sex: 1 | 2;
  birth: CivilDate;
  age: number;
  relation: 1 | 2 | 3 | 4;
  relationDetail: RelationDetail;
  marital: number;
  motherName: string;
  muslim: boolean;
  group: NameGroup;
}

const M_BELUM = codeAt(MARITAL, 0);
const M_KAWIN = codeAt(MARITAL, 1);
const M_CERAI_HIDUP = codeAt(MARITAL, 2);
const M_CERAI_MATI = codeAt(MARITAL, 3);

function codeOfKey(book: { readonly categories: readonly { readonly code: number; readonly key: string }[] }, key: string): number {
  const c = book.categories.find((x) => x.key === key);
  if (!c) throw new Error(`No category ${key}`);
  return c.code;
}

const OCCUPATION_KEYS = ['petani', 'nelayan', 'pedagang', 'pegawai_swasta', 'pekerja_lepas', 'pensiunan', 'pns_tni_polri', 'pejabat_negara', 'wiraswasta', 'tidak_bekerja'] as const;
const OCCUPATION_CODES = OCCUPATION_KEYS.map((k) => codeOfKey(OCCUPATION, k));
const OCC_NONE = codeOfKey(OCCUPATION, 'tidak_bekerja');
const OCC_PNS = codeOfKey(OCCUPATION, 'pns_tni_polri');
const OCC_TRADER = codeOfKey(OCCUPATION, 'pedagang');
const OCC_SELF = codeOfKey(OCCUPATION, 'wiraswasta');
const EDU_IN_SCHOOL = codeOfKey(EDUCATION, 'masih_sekolah');

function occupationFor(rng: Rng, m: Member, v: VillagePlan, desil: number): number {
  if (m.age < 15) return OCC_NONE;
  if (m.age <= 22 && m.relation === 3 && rng.chance(0.7)) return OCC_NONE;
  const rich = desil >= 5;
  let w: number[];
  if (m.sex === 1) {
    w = v.urban
      ? [6, v.coastal ? 8 : 1, 12, 15, 30, m.age >= 58 ? 8 : 0, rich ? 12 : 1, desil >= 8 ? 0.6 : 0, 20, m.age >= 65 ? 25 : 6]
      : [62, v.coastal ? 15 : 2, 4, 3, 12, m.age >= 58 ? 6 : 0, rich ? 6 : 0.7, desil >= 8 ? 0.3 : 0, 6, m.age >= 65 ? 30 : 4];
  } else {
    w = v.urban
      ? [3, 0.5, 10, 8, 6, m.age >= 58 ? 4 : 0, rich ? 6 : 0.4, 0, 6, 55]
      : [32, v.coastal ? 2 : 0.2, 6, 2, 4, m.age >= 58 ? 2 : 0, rich ? 4 : 0.3, 0, 5, 45];
  }
  return at(OCCUPATION_CODES, rng.weighted(w));
}

function educationFor(rng: Rng, m: Member, desil: number, occupation: number): number {
  const code = (i: number): number => codeAt(EDUCATION, i);
  if (m.age < 5) return code(0);
  if (m.age < 7) return rng.chance(0.6) ? code(0) : code(2);
  if (m.age <= 18) {
    if (rng.chance(desil <= 2 ? 0.86 : 0.93)) return code(2);
    return m.age < 13 ? code(1) : m.age < 16 ? code(3) : code(4);
  }
  if (m.age <= 24 && rng.chance(desil <= 4 ? 0.2 : 0.45)) return code(2);
  if (occupation === OCC_PNS) return rng.chance(0.55) ? code(6) : code(5);
  const t = clamp(0.5 * ((desil - 1) / 9) + 0.5 * ((m.birth.y - 1940) / 70), 0, 1);
  return code(blend(rng, [1, 2, 0, 10, 15, 45, 27], [15, 30, 0, 35, 10, 8, 2], 1 - t));
}

/** PKH components of a family (Permensos index, per year) — the basis of the PKH list amounts. */
function pkhComponents(members: readonly Person[]): { components: string[]; amount: number } {
  const comps: { name: string; amount: number }[] = [];
  for (const p of members) {
    if (p.age <= 6) comps.push({ name: 'Anak Usia Dini', amount: 3_000_000 });
    else if (p.age <= 12 && p.education === EDU_IN_SCHOOL) comps.push({ name: 'SD', amount: 900_000 });
    else if (p.age <= 15 && p.education === EDU_IN_SCHOOL) comps.push({ name: 'SMP', amount: 1_500_000 });
    else if (p.age <= 18 && p.education === EDU_IN_SCHOOL) comps.push({ name: 'SMA', amount: 2_000_000 });
    else if (p.age >= 70) comps.push({ name: 'Lansia', amount: 2_400_000 });
  }
  // PKH pays at most four components per family.
  const kept = comps.slice(0, 4);
  return { components: kept.map((c) => c.name), amount: kept.reduce((s, c) => s + c.amount, 0) };
}

/** Everything drawn for one village, in a fixed order so the same seed gives the same village. */
export function generateVillage(ctx: PopulationContext, v: VillagePlan): VillagePopulation {
  const rng = Rng.from(ctx.seed, 'village', v.code);
  const cover = Rng.from(ctx.seed, 'cover', v.code);
  const culture = villageCulture(rng, ctx.plan, v);

  // Desil of every family slot: P3KE families 1–4 skewed by the village's poverty, others 5–10.
  const pov = v.poverty;
  const p3keWeights = [Math.max(0.02, 2.0 * pov - 0.06), 0.27, Math.max(0.05, 0.3 - 0.4 * pov), Math.max(0.05, 0.3 - 0.5 * pov)];
  const otherWeights = v.urban ? [22, 19, 17, 15, 14, 13] : [30, 22, 17, 13, 10, 8];
  const desils: number[] = [];
  for (let i = 0; i < v.p3ke; i++) desils.push(1 + rng.weighted(p3keWeights));
  for (let i = 0; i < v.others; i++) desils.push(5 + rng.weighted(otherWeights));
  // Families sharing a house have similar welfare: pair neighbours in desil order, then scatter.
  desils.sort((a, b) => a - b);
  const groupsOfDesil: number[][] = [];
  for (let i = 0; i < desils.length; ) {
    const first = at(desils, i);
    if (i + 1 < desils.length && rng.chance(0.085)) {
      groupsOfDesil.push([first, at(desils, i + 1)]);
      i += 2;
    } else {
      groupsOfDesil.push([first]);
      i += 1;
    }
  }
  rng.shuffle(groupsOfDesil);

  const rtCount = Math.max(2, Math.ceil(desils.length / 25));
  const households: Household[] = [];
  for (const group of groupsOfDesil) {
    const householdUid = ctx.nextHousehold();
    const address = makeAddress(rng, v, culture, rtCount);
    const first = at(group, 0);
    const d = clamp(at(DESIL_DEPRIVATION, first) + (v.urban ? -0.15 : 0.05) + 0.12 * rng.normal(), 0, 1);
    const housing = makeHousing(rng, v, d);
    const families: Family[] = [];
    const muslim = rng.chance(v.muslimShare);
    const groupName = culture.groups[rng.weighted(culture.groupWeights)] ?? 'nusantara';
    let parentClan = '';
    group.forEach((desil, inHousehold) => {
      const fam = makeFamily(ctx, rng, cover, v, culture, {
        householdUid,
        inHousehold,
        desil,
        d: inHousehold === 0 ? d : clamp(d + 0.05 * rng.normal(), 0, 1),
        address,
        housing: inHousehold === 0 ? housing : { ...housing, ownership: rng.chance(0.7) ? codeAt(HOUSE_OWNERSHIP, 2) : housing.ownership },
        muslim,
        group: groupName,
        parentClan,
      });
      if (inHousehold === 0) parentClan = lastWord(at(fam.members, 0).name);
      families.push(fam);
    });
    // DTKS is kept per household; the poorer its families, the likelier it was registered.
    const minDesil = Math.min(...group);
    const inDtks = cover.chance(at([0, 0.93, 0.88, 0.83, 0.77, 0.55, 0.35, 0.2, 0.1, 0.06, 0.04], minDesil));
    households.push({ uid: householdUid, families, inDtks });
  }
  return { village: v, households };
}

function makeAddress(rng: Rng, v: VillagePlan, culture: VillageCulture, rtCount: number): Address {
  const dusunIndex = rng.int(culture.dusun.length);
  const rw = dusunIndex + 1;
  const rt = 1 + rng.int(rtCount);
  return {
    dusun: at(culture.dusun, dusunIndex),
    rt,
    rw,
    street: v.urban ? rng.pick(STREETS) : '',
    houseNo: 1 + rng.int(120),
  };
}

function makeHousing(rng: Rng, v: VillagePlan, d: number): Housing {
  const urban = v.urban;
  const ownership = codeAt(HOUSE_OWNERSHIP, urban ? blend(rng, [70, 20, 6, 3, 1], [55, 25, 18, 0, 2], d) : blend(rng, [90, 3, 4, 2, 1], [85, 2, 11, 0, 2], d));
  const roof = codeAt(ROOF, blend(rng, [3, 8, 86, 2, 0, 1, 0], [0, 1, 62, 5, 4, 26, 2], urban ? d * 0.6 : d));
  const wall = codeAt(WALL, blend(rng, [75, 15, 5, 3, 2], [18, 27, 35, 5, 15], d));
  const floor = codeAt(FLOOR, blend(rng, [45, 50, 3, 2, 0, 0], [1, 48, 6, 40, 3, 2], d));
  const quality = (): number => (rng.chance(0.08 + 0.72 * d) ? 2 : 1);
  const roofQuality = quality();
  const wallQuality = quality();
  const floorQuality = quality();
  const lighting = codeAt(LIGHTING, blend(rng, [90, 7, 2, 1], urban ? [75, 18, 3, 4] : [48, 22, 14, 16], d));
  const pln = lighting === codeAt(LIGHTING, 0) || lighting === codeAt(LIGHTING, 1);
  const power = pln ? codeAt(POWER, rng.chance(0.55 + 0.44 * d) ? 0 : 1) : 0;
  const fuel = codeAt(FUEL, urban ? blend(rng, [60, 25, 14, 1], [15, 40, 43, 2], d) : blend(rng, [12, 20, 66, 2], [1, 6, 91, 2], d));
  // Sabu Raijua and Rote Ndao: dry islands that live on rainwater cisterns.
  const island = v.regency.code === '53.20' || v.regency.code === '53.14';
  const water = codeAt(
    WATER,
    urban
      ? blend(rng, [55, 30, 8, 5, 1, 0, 1, 0], [25, 35, 10, 12, 10, 3, 3, 2], d)
      : blend(rng, [10, 35, 12, 25, 8, 5, island ? 12 : 3, 2], [2, 22, 5, 22, 22, 16, island ? 20 : 6, 5], d),
  );
  const toilet = codeAt(TOILET, blend(rng, [88, 8, 4], [45, 22, 33], d));
  return { ownership, roof, wall, floor, roofQuality, wallQuality, floorQuality, lighting, power, fuel, water, toilet };
}

interface FamilyArgs {
  readonly householdUid: number;
  readonly inHousehold: number;
  readonly desil: number;
  readonly d: number;
  readonly address: Address;
  readonly housing: Housing;
  readonly muslim: boolean;
  readonly group: NameGroup;
  /** The household head's clan, for a second KK formed by a son of the house. */
  readonly parentClan: string;
}

function femaleName(rng: Rng, culture: VillageCulture, muslim: boolean, group: NameGroup, birthYear: number): string {
  return personName(rng, { sex: 2, birthYear, muslim, group, familyName: muslim ? pickFamilyName(rng, group, true) : pickClan(rng, culture, group) });
}

function makeFamily(ctx: PopulationContext, rng: Rng, cover: Rng, v: VillagePlan, culture: VillageCulture, a: FamilyArgs): Family {
  const uid = ctx.nextFamily();
  const { desil, muslim, group } = a;
  const young = a.inHousehold > 0;
  const members: Member[] = [];
  const clanOf = (): string => (muslim ? pickFamilyName(rng, group, true) : pickClan(rng, culture, group));

  // Head.
  const femaleHead = !young && rng.chance(desil <= 2 ? 0.2 : 0.14);
  const headSex: 1 | 2 = femaleHead ? 2 : 1;
  let headAge = young ? 21 + rng.int(18) : at(AGE_BANDS, rng.weighted(AGE_BAND_WEIGHTS)) + rng.int(5);
  if (femaleHead) headAge = Math.min(90, headAge + 6);
  const headBirth = birthFromAge(rng, headAge);
  const headClan = young && a.parentClan !== '' ? a.parentClan : clanOf();
  // A widow keeps her own clan; her children carry their late father's.
  const childClan = femaleHead ? clanOf() : headClan;
  const headMarital = femaleHead
    ? rng.pick([M_CERAI_MATI, M_CERAI_MATI, M_CERAI_MATI, M_CERAI_HIDUP, M_BELUM])
    : rng.chance(headAge >= 70 ? 0.72 : headAge < 25 ? 0.75 : 0.93)
      ? M_KAWIN
      : headAge >= 55
        ? M_CERAI_MATI
        : rng.pick([M_BELUM, M_CERAI_HIDUP]);
  members.push({
    name: personName(rng, { sex: headSex, birthYear: headBirth.y, muslim, group, familyName: femaleHead ? clanOf() : headClan }),
    sex: headSex,
    birth: headBirth,
    age: ageAt(headBirth),
    relation: 1,
    relationDetail: 'KEPALA KELUARGA',
    marital: headMarital,
    motherName: femaleName(rng, culture, muslim, group, headBirth.y - 25),
    muslim,
    group,
  });
  const head = at(members, 0);

  // Spouse.
  let mother: Member | null = femaleHead ? head : null;
  if (!femaleHead && headMarital === M_KAWIN) {
    const age = clamp(Math.round(head.age - 4 - 4 * rng.normal()), 17, head.age + 6);
    const birth = birthFromAge(rng, age);
    const spouse: Member = {
      name: personName(rng, { sex: 2, birthYear: birth.y, muslim, group, familyName: clanOf() }),
      sex: 2,
      birth,
      age: ageAt(birth),
      relation: 2,
      relationDetail: 'ISTRI/SUAMI',
      marital: M_KAWIN,
      motherName: femaleName(rng, culture, muslim, group, birth.y - 25),
      muslim,
      group,
    };
    members.push(spouse);
    mother = spouse;
  }

  // Children still living in the family.
  const motherAge = mother ? mother.age : head.age - 4;
  const motherName = mother ? mother.name : femaleName(rng, culture, muslim, group, head.birth.y + 4);
  const lambda = (desil <= 2 ? 3.7 : desil <= 4 ? 3.3 : desil <= 7 ? 2.7 : 2.2) - (v.urban ? 0.4 : 0) - (young ? 1.6 : 0);
  const windowTop = Math.min(44, motherAge);
  if (headMarital !== M_BELUM && windowTop >= 18) {
    const births = Math.min(rng.poisson(Math.max(0.3, lambda)), Math.floor((windowTop - 17) / 1.5) + 1, 9);
    const childAges: number[] = [];
    for (let i = 0; i < births; i++) childAges.push(motherAge - (18 + rng.int(windowTop - 17)));
    childAges.sort((x, y) => y - x);
    for (const age of childAges) {
      if (age < 0) continue;
      const stay = age < 18 ? 1 : age < 25 ? 0.8 : age < 35 ? 0.35 : 0.08;
      if (!rng.chance(stay)) continue;
      const sex: 1 | 2 = rng.chance(0.51) ? 1 : 2;
      const birth = birthFromAge(rng, age);
      members.push({
        name: personName(rng, { sex, birthYear: birth.y, muslim, group, familyName: childClan }),
        sex,
        birth,
        age: ageAt(birth),
        relation: 3,
        relationDetail: 'ANAK',
        marital: age >= 25 && rng.chance(0.1) ? M_CERAI_HIDUP : M_BELUM,
        motherName,
        muslim,
        group,
      });
    }
  }

  // Others: an aged parent, a grandchild, another relative.
  if (!young && head.age < 62 && rng.chance(0.12)) {
    const sex: 1 | 2 = rng.chance(0.75) ? 2 : 1;
    const age = Math.min(96, head.age + 22 + rng.int(12));
    const birth = birthFromAge(rng, age);
    members.push({
      name: personName(rng, { sex, birthYear: birth.y, muslim, group, familyName: sex === 1 ? headClan : clanOf() }),
      sex,
      birth,
      age: ageAt(birth),
      relation: 4,
      relationDetail: 'ORANG TUA',
      marital: M_CERAI_MATI,
      motherName: femaleName(rng, culture, muslim, group, birth.y - 25),
      muslim,
      group,
    });
  }
  if (!young && head.age >= 45 && rng.chance(0.1)) {
    const sex: 1 | 2 = rng.chance(0.5) ? 1 : 2;
    const birth = birthFromAge(rng, rng.int(12));
    members.push({
      name: personName(rng, { sex, birthYear: birth.y, muslim, group, familyName: rng.chance(0.5) ? headClan : clanOf() }),
      sex,
      birth,
      age: ageAt(birth),
      relation: 4,
      relationDetail: 'CUCU',
      marital: M_BELUM,
      motherName: femaleName(rng, culture, muslim, group, birth.y - 24),
      muslim,
      group,
    });
  }
  if (rng.chance(0.03)) {
    const sex: 1 | 2 = rng.chance(0.5) ? 1 : 2;
    const birth = birthFromAge(rng, 12 + rng.int(24));
    members.push({
      name: personName(rng, { sex, birthYear: birth.y, muslim, group, familyName: clanOf() }),
      sex,
      birth,
      age: ageAt(birth),
      relation: 4,
      relationDetail: 'FAMILI LAIN',
      marital: M_BELUM,
      motherName: femaleName(rng, culture, muslim, group, birth.y - 25),
      muslim,
      group,
    });
  }

  // Identity numbers. Most people's NIK comes from this kecamatan; spouses married in and
  // migrants carry another kecamatan's code.
  const districtCount = ctx.plan.districts.length;
  const sameRegency = culture.neighbourDistricts;
  const movedDistrict = (): number => {
    if (districtCount < 2) return v.district.index;
    if (sameRegency.length > 0 && rng.chance(0.6)) return rng.pick(sameRegency);
    let k = rng.int(districtCount);
    if (k === v.district.index) k = (k + 1) % districtCount;
    return k;
  };
  const persons: Person[] = members.map((m, i) => {
    const moveP = m.relation === 2 ? 0.22 : m.relation === 1 ? 0.1 : m.relationDetail === 'ANAK' || m.relationDetail === 'CUCU' ? 0.02 : 0.15;
    const moved = rng.chance(moveP);
    const district = moved ? movedDistrict() : v.district.index;
    const occupation = occupationFor(rng, m, v, desil);
    const education = educationFor(rng, m, desil, occupation);
    return {
      uid: ctx.nextPerson(),
      familyUid: uid,
      nik: ctx.ids.nik(district, m.birth, m.sex),
      nikMoved: moved,
      name: m.name,
      sex: m.sex,
      birth: m.birth,
      age: m.age,
      relation: i === 0 ? 1 : m.relation,
      relationDetail: m.relationDetail,
      marital: m.marital,
      occupation,
      education,
      motherName: m.motherName,
      birthPlace: m.age < 20 || rng.chance(0.6) ? at(culture.birthPlaces, rng.chance(0.7) ? 0 : 1) : rng.pick(culture.birthPlaces),
    };
  });

  // No KK: issued by this kecamatan after the last change to the family (usually), sometimes
  // still the card issued where the family lived before.
  const youngest = Math.min(...persons.map((p) => p.age));
  const issuedYearMin = Math.max(2008, REFERENCE.y - youngest);
  const issuedDays = daysFromCivil(issuedYearMin, 1, 1) + rng.int(Math.max(1, REFERENCE_DAYS - daysFromCivil(issuedYearMin, 1, 1)));
  const kkMoved = rng.chance(0.04);
  const kk = ctx.ids.kk(kkMoved ? movedDistrict() : v.district.index, civilFromDays(issuedDays));

  const under5 = persons.some((p) => p.age < 5);
  const womanOfChildbearingAge = persons.some((p) => p.sex === 2 && p.age >= 15 && p.age <= 49 && p.marital === M_KAWIN);
  let stunting = codeAt(STUNTING_RISK, 2);
  if (under5 || womanOfChildbearingAge) {
    stunting = rng.chance(clamp(0.1 + 0.55 * a.d + (under5 ? 0.15 : 0), 0, 0.95)) ? codeAt(STUNTING_RISK, 0) : codeAt(STUNTING_RISK, 1);
  }
  const eligiblePkh = persons.some((p) => p.age <= 18 || p.age >= 70);
  const bpnt = rng.chance(at([0, 0.6, 0.5, 0.35, 0.22, 0.08, 0.04, 0.02, 0.01, 0, 0], desil));
  const trader = at(persons, 0).occupation === OCC_TRADER || at(persons, 0).occupation === OCC_SELF;
  const receipt: Receipt = {
    bpnt,
    sembako: bpnt ? rng.chance(0.85) : rng.chance(0.05 * (desil <= 4 ? 1 : 0.3)),
    pkh: eligiblePkh && rng.chance(at([0, 0.55, 0.42, 0.22, 0.12, 0.05, 0.02, 0.01, 0, 0, 0], desil)),
    bst: rng.chance(at([0, 0.3, 0.25, 0.2, 0.15, 0.08, 0.04, 0.02, 0.01, 0, 0], desil)),
    bpum: rng.chance((trader ? 0.25 : 0.03) * (desil <= 4 ? 1 : 0.5)),
  };
  const savings = rng.chance(0.65 - 0.45 * a.d);

  // DTSEN ranks with its own model: mostly the same desil, often one off, sometimes more.
  const r = cover.float();
  const shift = r < 0.58 ? 0 : r < 0.9 ? (cover.chance(0.5) ? 1 : -1) : (cover.chance(0.5) ? 1 : -1) * (2 + cover.int(2));
  const dtsenDesil = clamp(desil + shift, 1, 10);
  const dtsenPercentile = (dtsenDesil - 1) * 10 + 1 + cover.int(10);
  const dtsenYear = cover.pick([2022, 2022, 2022, 2022, 2022, 2022, 2022, 2024, 2024, 2025]);

  // 2025 program lists: housing rehabilitation where the house is poor, PKH where desil is low
  // and there are children or elderly — both with mistargeting.
  const h = a.housing;
  const badHousing =
    (h.roofQuality === 2 ? 1 : 0) + (h.wallQuality === 2 ? 1 : 0) + (h.floorQuality === 2 ? 1 : 0) + (h.floor === codeAt(FLOOR, 3) ? 1 : 0) + (h.roof === codeAt(ROOF, 5) ? 1 : 0);
  const rtlhP = badHousing >= 2 ? (desil <= 2 ? 0.1 : desil <= 4 ? 0.07 : 0.04) : 0.003;
  const rtlh: RtlhAward | null = a.inHousehold === 0 && cover.chance(rtlhP)
    ? cover.chance(0.4)
      ? { program: 'BSPS (Bantuan Stimulan Perumahan Swadaya)', amount: 20_000_000 }
      : { program: 'Rehabilitasi RTLH (APBD Provinsi)', amount: 17_500_000 }
    : null;
  let pkh: PkhAward | null = null;
  if (eligiblePkh) {
    const p = receipt.pkh ? 0.8 : at([0, 0.15, 0.1, 0.06, 0.04, 0.05, 0.03, 0.005, 0.005, 0.005, 0.005], desil);
    if (cover.chance(p)) {
      const comp = pkhComponents(persons);
      const recipient = persons.find((x) => x.relation === 2) ?? at(persons, 0);
      if (comp.components.length > 0) pkh = { components: comp.components, amount: comp.amount, recipient };
    }
  }

  return {
    uid,
    householdUid: a.householdUid,
    village: v,
    inHousehold: a.inHousehold,
    desil,
    kk,
    kkMoved,
    members: persons,
    muslim,
    address: a.address,
    housing: a.housing,
    savings,
    stunting,
    receipt,
    dtsenDesil,
    dtsenPercentile,
    dtsenYear,
    rtlh,
    pkh,
  };
}
