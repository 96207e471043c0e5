import type { Codebook } from '../../../shared/model/codebook.ts';
import {
  EDUCATION,
  FLOOR,
  FLOOR_QUALITY,
  FUEL,
  HOUSE_OWNERSHIP,
  LIGHTING,
  MARITAL,
  OCCUPATION,
  POWER,
  RELATION,
  ROOF,
  ROOF_QUALITY,
  SEX,
  STUNTING_RISK,
  TOILET,
  WALL,
  WALL_QUALITY,
  WATER,
} from '../../../shared/model/codebook.ts';
import { formatDmy, formatIso } from './dates.ts';
import { titleCase } from './names.ts';
import type { CellFault, NoiseRates } from './noise.ts';
import { formulaName, missingNik, nameVariant, swapDayMonth, undotted } from './noise.ts';
import type { Family, Household, Person, VillagePopulation } from './population.ts';
import type { ProvincePlan, VillagePlan } from './province.ts';
import { Rng } from './random.ts';
import type { Cell, TableKey } from './tables.ts';
import { AGE_BAND_MAX } from './tables.ts';
import type { TruthTally } from './truth.ts';
import { familyUid, householdUid, personUid } from './truth.ts';

/**
 * Turns one village's true population into the records of every source — P3KE keluarga and
 * individu, DTKS, DTSEN, the two program lists — with the record-level noise each source has
 * (its own spelling of names, missing and duplicated NIKs, swapped dates, undotted codes). The
 * same records feed the CSV and the XLSX variant of a file and the warehouse loader; only
 * format-level faults (numbers in Excel, `E+15` in CSV, title rows) are added later per file.
 */

export interface Row {
  readonly cells: Cell[];
  readonly faults: readonly CellFault[];
  /** Dotted code of the village (or region) the record belongs to, for loaders of files without codes. */
  readonly region?: string;
}

export interface VillageRecords {
  readonly village: VillagePlan;
  readonly rows: Readonly<Record<Exclude<TableKey, 'indicator'>, Row[]>>;
  /** Rows of truth-families.csv and truth-persons.csv, already as text cells. */
  readonly truthFamilies: string[][];
  readonly truthPersons: string[][];
}

const YA = 'Ya';
const TIDAK = 'Tidak';

function yn(b: boolean): string {
  return b ? YA : TIDAK;
}

/** Label lookup tables built once: codebook code → first label (P3KE) and Title Case (DTSEN). */
function labels(book: Codebook): { upper: Map<number, string>; title: Map<number, string> } {
  const upper = new Map<number, string>();
  const title = new Map<number, string>();
  for (const c of book.categories) {
    const l = c.labels[0] ?? '';
    upper.set(c.code, l);
    title.set(c.code, l.startsWith('=') || l.startsWith('>') ? l.replace('WATT', 'Watt') : titleCase(l));
  }
  return { upper, title };
}

const L = {
  sex: labels(SEX),
  own: labels(HOUSE_OWNERSHIP),
  roof: labels(ROOF),
  wall: labels(WALL),
  floor: labels(FLOOR),
  roofQ: labels(ROOF_QUALITY),
  wallQ: labels(WALL_QUALITY),
  floorQ: labels(FLOOR_QUALITY),
  light: labels(LIGHTING),
  power: labels(POWER),
  fuel: labels(FUEL),
  water: labels(WATER),
  toilet: labels(TOILET),
  stunting: labels(STUNTING_RISK),
  occ: labels(OCCUPATION),
  edu: labels(EDUCATION),
  rel: labels(RELATION),
  marital: labels(MARITAL),
};

function get(m: Map<number, string>, code: number): string {
  return m.get(code) ?? '';
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** Region names as each source spells them (P3KE upper case; DTKS `KAB.`; BPS bare names). */
interface RegionNames {
  readonly province: string;
  readonly kabP3ke: string;
  readonly kabDtks: string;
  readonly kabBps: string;
  readonly kabRef: string;
  readonly kec: string;
  readonly kecRef: string;
  readonly desa: string;
  readonly desaRef: string;
}

function regionNames(plan: ProvincePlan, v: VillagePlan): RegionNames {
  const kabRef = v.regency.name;
  const bare = kabRef.replace(/^kabupaten\s+/i, '');
  return {
    province: plan.province.name.toUpperCase(),
    kabP3ke: kabRef.toUpperCase(),
    kabDtks: (v.regency.kota ? kabRef : `Kab. ${bare}`).toUpperCase(),
    kabBps: bare.toUpperCase(),
    kabRef,
    kec: v.district.name.toUpperCase(),
    kecRef: v.district.name,
    desa: v.name.toUpperCase(),
    desaRef: v.name,
  };
}

/** Per-source running state across villages: ordinals and the last NIK written. */
class SourceState {
  p3keFamilies = 0;
  p3kePersons = 0;
  dtksHouseholds = 0;
  dtksRows = 0;
  dtsenRows = 0;
  rtlhRows = 0;
  pkhRows = 0;
  lastNik: Record<'p3ke' | 'dtks' | 'dtsen', string> = { p3ke: '', dtks: '', dtsen: '' };
}

/** Where a family / person ended up in each source (0 or '' = absent), for the truth files. */
interface FamilyLinks {
  p3keId: string;
  p3keRow: number;
  dtksId: string;
  dtksPos: number;
  dtsenRow: number;
  rtlhRow: number;
  pkhRow: number;
}

interface PersonLinks {
  p3keId: string;
  p3keRow: number;
  dtksId: string;
  dtksRow: number;
}

interface WrittenPerson {
  readonly name: string;
  readonly nik: string;
  readonly padan: string;
  readonly nameFault: CellFault | null;
  readonly nikFault: CellFault | null;
}

export class SourceBuilder {
  private readonly plan: ProvincePlan;
  private readonly seed: number;
  private readonly rates: NoiseRates;
  private readonly tally: TruthTally;
  private readonly state = new SourceState();

  constructor(plan: ProvincePlan, seed: number, rates: NoiseRates, tally: TruthTally) {
    this.plan = plan;
    this.seed = seed;
    this.rates = rates;
    this.tally = tally;
  }

  build(pop: VillagePopulation): VillageRecords {
    const v = pop.village;
    const names = regionNames(this.plan, v);
    const rows: Record<Exclude<TableKey, 'indicator'>, Row[]> = {
      p3ke_keluarga: [],
      p3ke_individu: [],
      dtks: [],
      dtsen_keluarga: [],
      program_rtlh: [],
      program_pkh: [],
    };
    const famLinks = new Map<number, FamilyLinks>();
    const personLinks = new Map<number, PersonLinks>();
    const famLink = (f: Family): FamilyLinks => {
      let l = famLinks.get(f.uid);
      if (!l) {
        l = { p3keId: '', p3keRow: 0, dtksId: '', dtksPos: 0, dtsenRow: 0, rtlhRow: 0, pkhRow: 0 };
        famLinks.set(f.uid, l);
      }
      return l;
    };
    const personLink = (p: Person): PersonLinks => {
      let l = personLinks.get(p.uid);
      if (!l) {
        l = { p3keId: '', p3keRow: 0, dtksId: '', dtksRow: 0 };
        personLinks.set(p.uid, l);
      }
      return l;
    };

    const kab = v.regency.code;
    const kec = v.district.code;
    const desa10 = undotted(v.code);
    const t = this.tally;

    // Population tallies.
    for (const h of pop.households) {
      t.households++;
      for (const f of h.families) {
        t.populationFamily(kab, f.desil, f.members.length, f.members.filter((p) => p.nikMoved).length);
        if (f.desil === 1 && !h.inDtks) t.p3keDesil1NotInDtks++;
      }
    }

    // P3KE: families of desil 1–4, keluarga file plus individu file from the same records.
    const p3keRng = Rng.from(this.seed, 'noise', 'p3ke', v.code);
    let p3keSeq = 0;
    for (const h of pop.households) {
      for (const f of h.families) {
        if (f.desil > 4) continue;
        p3keSeq++;
        const id = `P${desa10}${String(p3keSeq).padStart(5, '0')}`;
        const famRow = ++this.state.p3keFamilies;
        const link = famLink(f);
        link.p3keId = id;
        link.p3keRow = famRow;
        const written = f.members.map((p) => this.writePerson(p3keRng, 'p3ke', p, f.muslim, 'upper'));
        const head = f.members[0];
        const wHead = written[0];
        if (!head || !wHead) continue;
        const codeCell = this.regionCode(p3keRng, v.code);
        const alamat = f.address.street !== '' ? `JL. ${f.address.street} NO. ${f.address.houseNo}, RT ${pad3(f.address.rt)}/RW ${pad3(f.address.rw)}` : `DUSUN ${f.address.dusun}, RT ${pad3(f.address.rt)}/RW ${pad3(f.address.rw)}`;
        const hs = f.housing;
        const r = f.receipt;
        const receiptCells = [yn(r.bpnt), yn(r.bpum), yn(r.bst), yn(r.pkh), yn(r.sembako), get(L.stunting.upper, f.stunting)];
        const kelFaults: CellFault[] = [];
        if (codeCell.fault) kelFaults.push(codeCell.fault);
        if (wHead.nameFault) kelFaults.push({ ...wHead.nameFault, column: 'Kepala Keluarga' });
        if (wHead.nikFault) kelFaults.push(wHead.nikFault);
        rows.p3ke_keluarga.push({
          cells: [
            id,
            names.province,
            names.kabP3ke,
            names.kec,
            names.desa,
            codeCell.value,
            f.desil,
            alamat,
            wHead.name,
            wHead.nik,
            wHead.padan,
            get(L.sex.upper, head.sex),
            formatDmy(head.birth),
            get(L.occ.upper, head.occupation),
            get(L.edu.upper, head.education),
            get(L.own.upper, hs.ownership),
            yn(f.savings),
            get(L.roof.upper, hs.roof),
            get(L.wall.upper, hs.wall),
            get(L.floor.upper, hs.floor),
            get(L.light.upper, hs.lighting),
            get(L.fuel.upper, hs.fuel),
            get(L.water.upper, hs.water),
            get(L.toilet.upper, hs.toilet),
            ...receiptCells,
            get(L.roofQ.upper, hs.roofQuality),
            get(L.wallQ.upper, hs.wallQuality),
            get(L.floorQ.upper, hs.floorQuality),
            hs.power === 0 ? '' : get(L.power.upper, hs.power),
            // Pensasaran: the round in which the family was first targeted (values invented).
            f.desil === 1 ? '2022' : f.desil === 2 ? '2023' : '2024',
          ],
          faults: kelFaults,
          region: v.code,
        });
        const ks = t.source.p3ke_keluarga;
        ks.row(kab, kec, f.desil);
        ks.families++;
        if (f.desil === 1) t.p3keDesil1Families++;

        const is = t.source.p3ke_individu;
        is.families++;
        is.familiesByKabupaten[kab] = (is.familiesByKabupaten[kab] ?? 0) + 1;
        f.members.forEach((p, i) => {
          const w = written[i];
          if (!w) return;
          const pid = `${id}${String(i + 1).padStart(2, '0')}`;
          const pRow = ++this.state.p3kePersons;
          const pl = personLink(p);
          pl.p3keId = pid;
          pl.p3keRow = pRow;
          const code2 = this.regionCode(p3keRng, v.code);
          const faults: CellFault[] = [];
          if (code2.fault) faults.push(code2.fault);
          if (w.nameFault) faults.push(w.nameFault);
          if (w.nikFault) faults.push(w.nikFault);
          const bands = AGE_BAND_MAX.map((max, bi) => yn(p.age <= max && (bi === 0 || p.age > (AGE_BAND_MAX[bi - 1] ?? -1))));
          rows.p3ke_individu.push({
            cells: [
              id,
              names.province,
              names.kabP3ke,
              names.kec,
              names.desa,
              code2.value,
              f.desil,
              alamat,
              pid,
              w.name,
              w.nik,
              w.padan,
              get(L.sex.upper, p.sex),
              get(L.rel.upper, p.relation),
              formatDmy(p.birth),
              get(L.marital.upper, p.marital),
              get(L.occ.upper, p.occupation),
              get(L.edu.upper, p.education),
              ...bands,
              ...receiptCells,
            ],
            faults,
            region: v.code,
          });
          is.row(kab, kec, f.desil);
          is.persons++;
        });
      }
    }

    // DTKS: households, person rows, KK per row; a household may hold two KKs.
    const dtksRng = Rng.from(this.seed, 'noise', 'dtks', v.code);
    let dtksSeq = 0;
    for (const h of pop.households) {
      if (!h.inDtks) continue;
      this.dtksHousehold(dtksRng, h, names, ++dtksSeq, desa10, rows.dtks, famLink, personLink);
    }

    // DTSEN: every family.
    const dtsenRng = Rng.from(this.seed, 'noise', 'dtsen', v.code);
    for (const h of pop.households) {
      for (const f of h.families) {
        const head = f.members[0];
        if (!head) continue;
        const row = ++this.state.dtsenRows;
        famLink(f).dtsenRow = row;
        const w = this.writePerson(dtsenRng, 'dtsen', head, f.muslim, 'upper');
        const faults: CellFault[] = [];
        if (w.nameFault) faults.push({ ...w.nameFault, column: 'Nama Kepala Keluarga' });
        if (w.nikFault) faults.push({ ...w.nikFault, column: 'NIK (Kepala Keluarga) Padan' });
        const hs = f.housing;
        rows.dtsen_keluarga.push({
          cells: [
            names.province,
            names.kabBps,
            names.kec,
            names.desa,
            f.dtsenYear,
            f.dtsenDesil,
            f.dtsenPercentile,
            f.address.street !== '' ? `JL. ${f.address.street} NO. ${f.address.houseNo}` : `DUSUN ${f.address.dusun}`,
            w.name,
            f.kk,
            w.nik,
            get(L.wallQ.title, hs.wallQuality),
            get(L.floor.title, hs.floor),
            get(L.floorQ.title, hs.floorQuality),
            get(L.fuel.title, hs.fuel),
            get(L.light.title, hs.lighting),
            hs.power === 0 ? '' : get(L.power.title, hs.power),
            get(L.water.title, hs.water),
            get(L.toilet.title, hs.toilet),
            get(L.stunting.title, f.stunting),
            yn(f.receipt.bpnt),
            yn(f.receipt.bst),
          ],
          faults,
          region: v.code,
        });
        const ds = t.source.dtsen_keluarga;
        ds.row(kab, kec, f.dtsenDesil);
        ds.families++;
        const diff = Math.abs(f.dtsenDesil - f.desil);
        if (diff === 0) t.dtsenDesilSame++;
        else if (diff === 1) t.dtsenDesilOffByOne++;
        else t.dtsenDesilOffMore++;
      }
    }

    // Program lists.
    const progRng = Rng.from(this.seed, 'noise', 'program', v.code);
    for (const h of pop.households) {
      for (const f of h.families) {
        const head = f.members[0];
        if (!head) continue;
        if (f.rtlh) {
          const no = ++this.state.rtlhRows;
          famLink(f).rtlhRow = no;
          const faults: CellFault[] = [];
          const nik = this.programNik(progRng, head.nik, 'NIK', faults);
          const name = this.programName(progRng, head, f.muslim, 'title', 'Nama', faults);
          const code = this.regionCode(progRng, v.code, 'Kode Wilayah');
          if (code.fault) faults.push(code.fault);
          rows.program_rtlh.push({
            cells: [no, nik, f.kk, name, names.desaRef, names.kecRef, names.kabRef, code.value, f.rtlh.program, 2025, f.rtlh.amount, 'Unit'],
            faults,
            region: v.code,
          });
          const s = t.source.program_rtlh;
          s.row(kab, kec, null);
          s.families++;
          s.amount += f.rtlh.amount;
          if (f.desil > 4) t.rtlhNotInP3ke++;
        }
        if (f.pkh) {
          const no = ++this.state.pkhRows;
          famLink(f).pkhRow = no;
          const faults: CellFault[] = [];
          const who = f.pkh.recipient;
          const nik = this.programNik(progRng, who.nik, 'NIK', faults);
          const name = this.programName(progRng, who, f.muslim, 'upper', 'Nama Pengurus', faults);
          rows.program_pkh.push({
            cells: [
              no,
              nik,
              f.kk,
              name,
              f.address.street !== '' ? `JL. ${f.address.street} NO. ${f.address.houseNo}` : `DUSUN ${f.address.dusun} RT ${f.address.rt} RW ${f.address.rw}`,
              names.desa,
              names.kec,
              names.kabDtks,
              // SIKS-NG exports the code without dots throughout: a convention, not a fault.
              desa10,
              'PKH',
              2025,
              f.pkh.components.join(', '),
              f.pkh.amount,
            ],
            faults,
            region: v.code,
          });
          const s = t.source.program_pkh;
          s.row(kab, kec, null);
          s.families++;
          s.amount += f.pkh.amount;
          if (f.desil > 4) t.pkhNotInP3ke++;
        }
      }
    }

    // Truth rows.
    const truthFamilies: string[][] = [];
    const truthPersons: string[][] = [];
    for (const h of pop.households) {
      for (const f of h.families) {
        const head = f.members[0];
        if (!head) continue;
        const l = famLinks.get(f.uid);
        truthFamilies.push([
          familyUid(f.uid),
          householdUid(h.uid),
          kab,
          kec,
          v.code,
          String(f.desil),
          f.kk,
          personUid(head.uid),
          head.nik,
          head.name,
          String(f.members.length),
          l?.p3keId ?? '',
          l && l.p3keRow > 0 ? String(l.p3keRow) : '',
          l?.dtksId ?? '',
          l && l.dtksPos > 0 ? String(l.dtksPos) : '',
          l && l.dtsenRow > 0 ? String(l.dtsenRow) : '',
          String(f.dtsenDesil),
          l && l.rtlhRow > 0 ? String(l.rtlhRow) : '',
          l && l.pkhRow > 0 ? String(l.pkhRow) : '',
          f.pkh ? personUid(f.pkh.recipient.uid) : '',
        ]);
        for (const p of f.members) {
          const pl = personLinks.get(p.uid);
          truthPersons.push([
            personUid(p.uid),
            familyUid(f.uid),
            p.nik,
            p.nikMoved ? '1' : '0',
            p.name,
            String(p.sex),
            formatIso(p.birth),
            String(p.age),
            String(p.relation),
            pl?.p3keId ?? '',
            pl && pl.p3keRow > 0 ? String(pl.p3keRow) : '',
            pl?.dtksId ?? '',
            pl && pl.dtksRow > 0 ? String(pl.dtksRow) : '',
          ]);
        }
      }
    }
    return { village: v, rows, truthFamilies, truthPersons };
  }

  private dtksHousehold(
    rng: Rng,
    h: Household,
    names: RegionNames,
    seq: number,
    desa10: string,
    out: Row[],
    famLink: (f: Family) => FamilyLinks,
    personLink: (p: Person) => PersonLinks,
  ): void {
    const v = h.families[0]?.village;
    if (!v) return;
    const id = `${desa10}${String(seq).padStart(5, '0')}`;
    const t = this.tally;
    const kab = v.regency.code;
    const kec = v.district.code;
    const s = t.source.dtks;
    s.households++;
    s.householdsByKabupaten[kab] = (s.householdsByKabupaten[kab] ?? 0) + 1;
    if (h.families.length > 1) t.dtksHouseholdsWithTwoKk++;
    const a = h.families[0]?.address;
    if (!a) return;
    const unpadded = rng.chance(this.rates.rtRwUnpadded);
    const rt = unpadded ? String(a.rt) : pad3(a.rt);
    const rw = unpadded ? String(a.rw) : pad3(a.rw);
    const rtChanged = rt !== pad3(a.rt);
    const rwChanged = rw !== pad3(a.rw);
    const alamat = a.street !== '' ? `JL. ${a.street} NO. ${a.houseNo}` : `RT ${pad3(a.rt)} RW ${pad3(a.rw)} DUSUN ${a.dusun}`;
    const dusun = /^[IVX]+$/.test(a.dusun) ? `DUSUN ${a.dusun}` : a.dusun;
    h.families.forEach((f, fi) => {
      const fl = famLink(f);
      fl.dtksId = id;
      fl.dtksPos = fi + 1;
      s.families++;
      s.familiesByKabupaten[kab] = (s.familiesByKabupaten[kab] ?? 0) + 1;
      if (f.desil <= 4) {
        t.p3keFamiliesInDtks++;
      } else {
        t.dtksFamiliesNotInP3ke++;
      }
      f.members.forEach((p, pi) => {
        const row = ++this.state.dtksRows;
        const pl = personLink(p);
        pl.dtksId = id;
        pl.dtksRow = row;
        const w = this.writePerson(rng, 'dtks', p, f.muslim, 'upper');
        const faults: CellFault[] = [];
        if (w.nameFault) faults.push(w.nameFault);
        if (w.nikFault) faults.push({ ...w.nikFault, column: 'Nomor NIK' });
        if (rtChanged) faults.push({ column: 'RT', kind: 'rt_rw_unpadded', original: pad3(a.rt), written: rt });
        if (rwChanged) faults.push({ column: 'RW', kind: 'rt_rw_unpadded', original: pad3(a.rw), written: rw });
        let birth = formatIso(p.birth);
        if (rng.chance(this.rates.birthDateSwap)) {
          const swapped = swapDayMonth(p.birth);
          if (swapped) {
            const written = formatIso(swapped);
            faults.push({ column: 'Tanggal Lahir', kind: 'birth_date_swapped', original: birth, written });
            birth = written;
          }
        }
        const relation =
          fi === 0
            ? pi === 0
              ? 'KEPALA RUMAH TANGGA'
              : p.relationDetail
            : pi === 0
              ? 'ANAK'
              : p.relation === 2
                ? 'MENANTU'
                : p.relation === 3
                  ? 'CUCU'
                  : 'FAMILI LAIN';
        out.push({
          cells: [
            id,
            names.province,
            names.kabDtks,
            names.kec,
            names.desa,
            alamat,
            dusun,
            rt,
            rw,
            f.kk,
            w.nik,
            w.name,
            birth,
            p.birthPlace,
            p.sex === 1 ? 'Laki-laki' : 'Perempuan',
            p.motherName,
            relation,
          ],
          faults,
          region: v.code,
        });
        s.row(kab, kec, null);
        s.persons++;
      });
    });
  }

  /** Name and NIK of a person as one source writes them, with that source's noise. */
  private writePerson(rng: Rng, source: 'p3ke' | 'dtks' | 'dtsen', p: Person, muslim: boolean, caseMode: 'upper' | 'title'): WrittenPerson {
    const column = source === 'dtks' ? 'Nomor NIK' : 'NIK';
    const nameColumn = 'Nama';
    const base = caseMode === 'title' ? titleCase(p.name) : p.name;
    let name = base;
    let nameFault: CellFault | null = null;
    if (rng.chance(this.rates.nameVariant)) {
      const variant = nameVariant(rng, p.name, { sex: p.sex, age: p.age, muslim });
      if (variant) {
        name = caseMode === 'title' ? titleCase(variant.written) : variant.written;
        if (name !== base) nameFault = { column: nameColumn, kind: variant.kind, original: base, written: name };
      }
    }
    // Only when asked for: drawing a number at rate 0 would shift every later draw of the seed.
    if (source === 'p3ke' && this.rates.formulaName > 0 && rng.chance(this.rates.formulaName)) {
      name = formulaName(rng, name);
      nameFault = { column: nameColumn, kind: 'name_formula', original: base, written: name };
    }
    let nik = p.nik;
    let nikFault: CellFault | null = null;
    const r = rng.float();
    if (r < this.rates.nikMissing) {
      const m = missingNik(rng);
      nik = m.written;
      nikFault = { column, kind: m.kind, original: p.nik, written: nik };
    } else if (r < this.rates.nikMissing + this.rates.nikDuplicate) {
      const other = this.state.lastNik[source];
      if (other !== '' && other !== p.nik) {
        nik = other;
        nikFault = { column, kind: 'nik_duplicate', original: p.nik, written: nik };
      }
    }
    this.state.lastNik[source] = p.nik;
    let padan = 'PADAN';
    if (nikFault) padan = nikFault.kind === 'nik_duplicate' && rng.chance(0.5) ? 'PADAN' : 'TIDAK PADAN';
    else if (rng.chance(0.03)) padan = 'TIDAK PADAN';
    return { name, nik, padan, nameFault, nikFault };
  }

  private regionCode(rng: Rng, code: string, column = 'Kode Kemdagri'): { value: string; fault: CellFault | null } {
    if (rng.chance(this.rates.regionUndotted)) {
      const written = undotted(code);
      return { value: written, fault: { column, kind: 'region_undotted', original: code, written } };
    }
    return { value: code, fault: null };
  }

  private programNik(rng: Rng, nik: string, column: string, faults: CellFault[]): string {
    if (rng.chance(this.rates.nikMissing)) {
      const m = missingNik(rng);
      faults.push({ column, kind: m.kind, original: nik, written: m.written });
      return m.written;
    }
    return nik;
  }

  private programName(rng: Rng, p: Person, muslim: boolean, caseMode: 'upper' | 'title', column: string, faults: CellFault[]): string {
    const base = caseMode === 'title' ? titleCase(p.name) : p.name;
    // Office-typed lists carry more spelling variation than the central registries.
    if (rng.chance(Math.min(1, this.rates.nameVariant * 1.6))) {
      const variant = nameVariant(rng, p.name, { sex: p.sex, age: p.age, muslim });
      if (variant) {
        const written = caseMode === 'title' ? titleCase(variant.written) : variant.written;
        if (written !== base) {
          faults.push({ column, kind: variant.kind, original: base, written });
          return written;
        }
      }
    }
    return base;
  }
}

