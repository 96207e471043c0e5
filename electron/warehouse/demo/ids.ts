import { nikDatePart } from '../../../shared/model/nik.ts';
import type { CivilDate } from '../../../shared/model/civil-date.ts';
import { daysFromCivil } from '../../../shared/model/civil-date.ts';

/**
 * NIK and No KK issuing, unique across the whole generated population.
 *
 * A NIK is kecamatan (6) + DDMMYY (+40 on DD for women) + a 4-digit serial, and the serial is the
 * only part free to keep two people apart, so it must count people per (kecamatan, birth date,
 * sex) — across villages, because anyone anywhere in the province may carry a NIK from a
 * kecamatan they moved away from. Counters live in one small typed array per kecamatan (allocated
 * on first use), which keeps memory flat at millions of people instead of a Set of every NIK.
 */

const NIK_FIRST_DAY = daysFromCivil(1915, 1, 1);
const NIK_DAYS = daysFromCivil(2026, 1, 1) - NIK_FIRST_DAY;
const KK_FIRST_DAY = daysFromCivil(2000, 1, 1);
const KK_DAYS = daysFromCivil(2026, 1, 1) - KK_FIRST_DAY;
const MAX_SERIAL = 9999;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function serial(n: number): string {
  return String(n).padStart(4, '0');
}

export class IdRegistry {
  private readonly nikCounters: (Uint16Array | undefined)[];
  private readonly kkCounters: (Uint16Array | undefined)[];
  private readonly prefixes: readonly string[];

  /** `prefixes`: the six-digit kecamatan codes, indexed as the plan's districts. */
  constructor(prefixes: readonly string[]) {
    this.prefixes = prefixes;
    this.nikCounters = new Array<Uint16Array | undefined>(prefixes.length);
    this.kkCounters = new Array<Uint16Array | undefined>(prefixes.length);
  }

  nik(district: number, birth: CivilDate, sex: 1 | 2): string {
    const day = daysFromCivil(birth.y, birth.m, birth.d) - NIK_FIRST_DAY;
    if (day < 0 || day >= NIK_DAYS) throw new Error(`Birth date ${birth.y}-${birth.m}-${birth.d} outside the NIK range of the generator`);
    let counters = this.nikCounters[district];
    if (!counters) {
      counters = new Uint16Array(NIK_DAYS * 2);
      this.nikCounters[district] = counters;
    }
    const slot = day * 2 + (sex - 1);
    const next = (counters[slot] ?? 0) + 1;
    if (next > MAX_SERIAL) throw new Error('NIK serial space exhausted for one kecamatan and birth date');
    counters[slot] = next;
    return `${this.prefix(district)}${nikDatePart({ year: birth.y, month: birth.m, day: birth.d }, sex)}${serial(next)}`;
  }

  /** No KK: issuing kecamatan + DDMMYY of issue + serial. */
  kk(district: number, issued: CivilDate): string {
    const day = daysFromCivil(issued.y, issued.m, issued.d) - KK_FIRST_DAY;
    if (day < 0 || day >= KK_DAYS) throw new Error('KK issue date outside the generator range');
    let counters = this.kkCounters[district];
    if (!counters) {
      counters = new Uint16Array(KK_DAYS);
      this.kkCounters[district] = counters;
    }
    const next = (counters[day] ?? 0) + 1;
    if (next > MAX_SERIAL) throw new Error('KK serial space exhausted for one kecamatan and day');
    counters[day] = next;
    return `${this.prefix(district)}${two(issued.d)}${two(issued.m)}${two(issued.y % 100)}${serial(next)}`;
  }

  private prefix(district: number): string {
    const p = this.prefixes[district];
    if (p === undefined) throw new Error(`Unknown district index ${district}`);
    return p;
  }
}
