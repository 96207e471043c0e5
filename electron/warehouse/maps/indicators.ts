/**
 * Sectoral indicators for the choropleth: what the imported indicator tables hold (per indicator,
 * its periods and how many regions of each level have a value) and one indicator-period's values
 * by region. Indicator and period names are compared as offices spell them (case and spacing vary
 * between files). When two rows give a region different values — two sources, or two vintages —
 * the newest batch's value is drawn and the others are named, never silently dropped.
 */
import type { BoundaryLevel, IndicatorMapValues, IndicatorOption } from '../../../shared/contracts/maps.ts';
import { levelOfCode, normalizeRegionCode } from '../../../shared/model/region.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { fail, message } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { all, sql } from '../db/sql.ts';
import { listBatches } from '../system/batches.ts';
import { workingProvince } from './store.ts';

interface Row {
  id: number;
  batch_id: number;
  region_code: string;
  indicator: string;
  period: string;
  value: number;
  unit: string | null;
  source: string | null;
}

function norm(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

function rows(db: Database, province: string): Row[] {
  return all<Row>(
    db,
    sql`SELECT iv.id, iv.batch_id, iv.region_code, iv.indicator, iv.period, iv.value, iv.unit, iv.source
        FROM indicator_value iv JOIN batch b ON b.id = iv.batch_id AND b.status = 'complete'
        WHERE iv.value IS NOT NULL AND (iv.region_code = ${province} OR iv.region_code LIKE ${`${province}.%`})
        ORDER BY iv.batch_id DESC, iv.id`,
  );
}

/** The most frequent non-empty value (ties: the first seen, i.e. the newest batch's). */
function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null && v.trim() !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [v, c] of counts) {
    if (c > n) {
      best = v;
      n = c;
    }
  }
  return best;
}

export function listIndicators(db: Database): IndicatorOption[] {
  const province = workingProvince(db);
  const groups = new Map<string, { indicator: string; units: (string | null)[]; periods: Map<string, { period: string; regions: Set<string>[] }> }>();
  for (const r of rows(db, province)) {
    const lvl = levelOfCode(r.region_code);
    const key = norm(r.indicator);
    let g = groups.get(key);
    if (!g) {
      g = { indicator: r.indicator.trim(), units: [], periods: new Map() };
      groups.set(key, g);
    }
    g.units.push(r.unit);
    const pk = norm(r.period);
    let p = g.periods.get(pk);
    if (!p) {
      p = { period: r.period.trim(), regions: [new Set(), new Set(), new Set(), new Set(), new Set()] };
      g.periods.set(pk, p);
    }
    if (lvl !== null) p.regions[lvl]?.add(r.region_code);
  }
  return [...groups.values()]
    .map((g) => ({
      indicator: g.indicator,
      unit: mostCommon(g.units),
      periods: [...g.periods.values()]
        .sort((a, b) => b.period.localeCompare(a.period, 'id', { numeric: true }))
        .map((p) => {
          const regions: Partial<Record<BoundaryLevel, number>> = {};
          for (const lvl of [2, 3, 4] as const) if ((p.regions[lvl]?.size ?? 0) > 0) regions[lvl] = p.regions[lvl]?.size ?? 0;
          return { period: p.period, regions };
        }),
    }))
    .sort((a, b) => a.indicator.localeCompare(b.indicator, 'id'));
}

export function indicatorValues(db: Database, args: { readonly indicator: string; readonly period: string; readonly level: BoundaryLevel; readonly parent?: string }): IndicatorMapValues {
  const province = workingProvince(db);
  const parent = args.parent === undefined ? province : normalizeRegionCode(args.parent);
  const parentLevel = parent === null ? null : levelOfCode(parent);
  if (parent === null || parentLevel === null || parentLevel >= args.level || !(parent === province || parent.startsWith(`${province}.`))) {
    fail(db, 'invalid_input', 'maps.error.badParent', { code: args.parent ?? '', level: message(db, args.level === 2 ? 'maps.level.2' : args.level === 3 ? 'maps.level.3' : 'maps.level.4') });
  }
  const ik = norm(args.indicator);
  const pk = norm(args.period);
  const batches = new Map<number, BatchSummary>(listBatches(db).map((b) => [b.id, b]));
  const byRegion = new Map<string, Row[]>();
  for (const r of rows(db, province)) {
    if (norm(r.indicator) !== ik || norm(r.period) !== pk) continue;
    if (!r.region_code.startsWith(`${parent}.`) || levelOfCode(r.region_code) !== args.level) continue;
    // Rows come newest batch first, then in file order: the first row of a region is the one drawn.
    const list = byRegion.get(r.region_code);
    if (list) list.push(r);
    else byRegion.set(r.region_code, [r]);
  }
  const values: IndicatorMapValues['values'][number][] = [];
  const sources = new Set<string>();
  const units: (string | null)[] = [];
  for (const [code, list] of [...byRegion].sort((a, b) => a[0].localeCompare(b[0]))) {
    const shown = list[0] as Row;
    const batch = batches.get(shown.batch_id);
    if (!batch) continue;
    const conflict: { value: number; source: string | null }[] = [];
    for (const o of list.slice(1)) {
      if (Math.abs(o.value - shown.value) <= 1e-9) continue;
      if (conflict.some((c) => Math.abs(c.value - o.value) <= 1e-9 && c.source === o.source)) continue;
      conflict.push({ value: o.value, source: o.source });
    }
    for (const r of list) if (r.source) sources.add(r.source);
    units.push(shown.unit);
    values.push({ code, value: shown.value, source: shown.source, batch, conflict });
  }
  return { indicator: args.indicator, period: args.period, unit: mostCommon(units), values, sources: [...sources].sort() };
}
