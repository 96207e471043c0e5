/**
 * Splitting a program's total over areas (kecamatan or desa) in proportion to their eligible
 * families — the largest-remainder method, never giving an area more than it has candidates, and
 * passing what one area cannot use on to the others — or by numbers set by hand for some areas
 * with the rest split in proportion. Pure and deterministic: ties go to the larger remainder,
 * then the larger area, then the smaller code.
 */

export interface AreaCandidates {
  readonly code: string;
  /** Candidates available in the area. */
  readonly eligible: number;
}

export class AllocationError extends Error {}

/** Proportional shares of `total` over the areas with capacity, capped by `eligible`. */
function proportional(total: number, areas: readonly AreaCandidates[]): Map<string, number> {
  const out = new Map<string, number>(areas.map((a) => [a.code, 0]));
  let left = total;
  let open = areas.filter((a) => a.eligible > 0);
  while (left > 0 && open.length > 0) {
    const weight = open.reduce((s, a) => s + (a.eligible - (out.get(a.code) ?? 0)), 0);
    if (weight <= 0) break;
    const room = (a: AreaCandidates): number => a.eligible - (out.get(a.code) ?? 0);
    const quotas = open.map((a) => {
      const exact = (left * room(a)) / weight;
      const whole = Math.min(room(a), Math.floor(exact));
      return { a, whole, rest: exact - whole };
    });
    let given = 0;
    for (const q of quotas) {
      out.set(q.a.code, (out.get(q.a.code) ?? 0) + q.whole);
      given += q.whole;
    }
    let remainder = left - given;
    quotas.sort((x, y) => y.rest - x.rest || y.a.eligible - x.a.eligible || (x.a.code < y.a.code ? -1 : x.a.code > y.a.code ? 1 : 0));
    for (const q of quotas) {
      if (remainder === 0) break;
      if (room(q.a) > 0) {
        out.set(q.a.code, (out.get(q.a.code) ?? 0) + 1);
        remainder--;
        given++;
      }
    }
    left -= given;
    open = open.filter((a) => room(a) > 0);
    if (given === 0) break;
  }
  return out;
}

/**
 * Places per area. `total` is capped by the candidates available; `manual` fixes some areas'
 * numbers (each capped by its candidates) and the rest of the total goes to the other areas in
 * proportion.
 */
export function allocate(total: number, areas: readonly AreaCandidates[], manual?: Readonly<Record<string, number>>): Map<string, number> {
  if (!Number.isInteger(total) || total < 0) throw new AllocationError('total harus bilangan bulat ≥ 0');
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const fixed = new Map<string, number>();
  let fixedSum = 0;
  for (const [code, n] of Object.entries(manual ?? {})) {
    if (!Number.isInteger(n) || n < 0) throw new AllocationError(`alokasi ${code} harus bilangan bulat ≥ 0`);
    const area = sorted.find((a) => a.code === code);
    const take = Math.min(n, area?.eligible ?? 0);
    fixed.set(code, take);
    fixedSum += n;
  }
  if (fixedSum > total) throw new AllocationError(`alokasi manual (${fixedSum}) melebihi total (${total})`);
  const given = [...fixed.values()].reduce((s, n) => s + n, 0);
  const rest = proportional(total - given, sorted.filter((a) => !fixed.has(a.code)));
  const out = new Map<string, number>();
  for (const a of sorted) out.set(a.code, fixed.get(a.code) ?? rest.get(a.code) ?? 0);
  return out;
}

/** Places a budget pays for: ⌊budget ÷ unit cost⌋ (null without both). */
export function placesForBudget(budget: number | null, unitCost: number | null): number | null {
  if (budget === null || unitCost === null || unitCost <= 0) return null;
  return Math.floor(budget / unitCost + 1e-9);
}
