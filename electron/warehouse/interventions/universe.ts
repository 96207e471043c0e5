import type { Database } from 'better-sqlite3';
import { MISSING_CODE } from '../../../shared/analysis/attributes.ts';
import type { AnalysisSource } from '../../../shared/contracts/analysis.ts';
import {
  criteriaAttributes, MEMBER_AGE, type Criterion, type MemberCondition,
} from '../../../shared/interventions/criteria.ts';
import { fail } from '../context.ts';
import { cubeFor, type DatasetCube } from '../analysis/cube.ts';
import { defaultSources, resolveDatasets, type Dataset } from '../analysis/datasets.ts';
import { attributeColumn, CODE_SPACE, filterLut, personOrder } from '../analysis/engine.ts';
import { regionDict, type RegionDict } from '../analysis/region-dict.ts';
import { readSettings } from '../system/settings.ts';
import { coverageMask } from './coverage.ts';

/**
 * The families a program draws from — one dataset of the analysis engine (P3KE keluarga +
 * individu by default) held in its typed-array cube — and the evaluation of a criteria tree over
 * them: each condition becomes a 0/1 mask over the family positions (look-up tables over the code
 * columns, member counts over the individu file, region ranges, recipient-list links), combined by
 * AND / OR / NOT. No SQL on the way except the recipient links, which are cached in the warehouse.
 */
export interface Universe {
  readonly db: Database;
  readonly dbPath: string;
  readonly dict: RegionDict;
  readonly dataset: Dataset;
  readonly cube: DatasetCube;
  /** Reference date for ages (1 January of the program year). */
  readonly ageDate: string;
}

export function openUniverse(db: Database, dbPath: string, source: AnalysisSource | null, year: number): Universe {
  const province = readSettings(db).workingProvince;
  if (!province) fail(db, 'not_ready', 'error.provinceNotChosen');
  const sources = source ? [source] : defaultSources(db);
  const dataset = resolveDatasets(db, sources)[0];
  if (!dataset) fail(db, 'not_ready', 'error.noAnalysisData');
  const dict = regionDict(db, province);
  return { db, dbPath, dict, dataset, cube: cubeFor(db, dbPath, dataset, dict), ageDate: `${year}-01-01` };
}

/** Ages in whole years of every member at the reference date (-1 unknown); memory only. */
const ageCache = new WeakMap<Int32Array, { date: string; ages: Int16Array }>();

export function memberAges(u: Universe): Int16Array {
  const births = u.cube.personBirth();
  const hit = ageCache.get(births);
  if (hit && hit.date === u.ageDate) return hit.ages;
  const ref = Number(u.ageDate.slice(0, 4)) * 10000 + Number(u.ageDate.slice(5, 7)) * 100 + Number(u.ageDate.slice(8, 10));
  const ages = new Int16Array(births.length);
  for (let j = 0; j < births.length; j++) {
    const b = births[j] as number;
    ages[j] = b === 0 || b > ref ? -1 : Math.floor((ref - b) / 10000);
  }
  ageCache.set(births, { date: u.ageDate, ages });
  return ages;
}

/** 1 for the members meeting every condition (positions in the individu columns). */
export function memberMask(u: Universe, where: readonly MemberCondition[]): Uint8Array {
  const n = u.cube.hasPersons ? u.cube.personFamily().length : 0;
  const out = new Uint8Array(n).fill(1);
  if (n === 0) return out;
  for (const c of where) {
    if (c.attribute === MEMBER_AGE) {
      const ages = memberAges(u);
      const lo = c.min ?? 0;
      const hi = c.max ?? 1000;
      for (let j = 0; j < n; j++) {
        const a = ages[j] as number;
        if (a < lo || a > hi) out[j] = 0;
      }
      continue;
    }
    const col = attributeColumn(u.cube, 0, c.attribute, u.ageDate);
    const codes = col.codes as Int8Array;
    const lut = filterLut({ attribute: c.attribute, ...(c.values ? { values: c.values } : {}), ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}) }, CODE_SPACE, 1);
    for (let j = 0; j < n; j++) if (lut[(codes[j] as number) + 1] === 0) out[j] = 0;
  }
  return out;
}

/** Members per family meeting the conditions. */
function memberCounts(u: Universe, where: readonly MemberCondition[]): Uint16Array {
  const counts = new Uint16Array(u.cube.n);
  if (!u.cube.hasPersons) return counts;
  const ok = memberMask(u, where);
  const pf = u.cube.personFamily();
  for (let j = 0; j < pf.length; j++) {
    const f = pf[j] as number;
    if (f >= 0 && ok[j] === 1 && (counts[f] as number) < 65535) counts[f] = (counts[f] as number) + 1;
  }
  return counts;
}

/** Evaluate a criteria tree: 1 per family position that meets it. */
export function evaluate(u: Universe, c: Criterion): Uint8Array {
  u.cube.prefetchFamilyCodes(criteriaAttributes(c));
  return evaluateNode(u, c);
}

function evaluateNode(u: Universe, c: Criterion): Uint8Array {
  const n = u.cube.n;
  switch (c.op) {
    case 'and': {
      const out = new Uint8Array(n).fill(1);
      for (const item of c.items) {
        const m = evaluateNode(u, item);
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (m[i] as number);
      }
      return out;
    }
    case 'or': {
      const out = new Uint8Array(n);
      for (const item of c.items) {
        const m = evaluateNode(u, item);
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (m[i] as number);
      }
      return out;
    }
    case 'not': {
      const m = evaluateNode(u, c.item);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = 1 - (m[i] as number);
      return out;
    }
    case 'attr': {
      const col = attributeColumn(u.cube, 0, c.attribute, u.ageDate);
      const codes = col.codes as Int8Array;
      const lut = filterLut({ attribute: c.attribute, ...(c.values ? { values: c.values } : {}), ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}) }, CODE_SPACE, 1);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = lut[(codes[i] as number) + 1] as number;
      return out;
    }
    case 'members': {
      const counts = memberCounts(u, c.where);
      const lo = c.atLeast;
      const hi = c.atMost ?? 65535;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const k = counts[i] as number;
        out[i] = k >= lo && k <= hi ? 1 : 0;
      }
      return out;
    }
    case 'region': {
      const lut = new Uint8Array(u.dict.size + 1);
      for (const code of c.codes) {
        const range = u.dict.subtree(code);
        if (range) for (let r = range[0]; r <= range[1]; r++) lut[r + 1] = 1;
      }
      const region = u.cube.region();
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = lut[(region[i] as number) + 1] as number;
      return out;
    }
    case 'receives':
      return coverageMask(u, c.programs, c.yearFrom ?? null, c.yearTo ?? null);
  }
}

/** Families inside the working province (a region the reference knows). */
export function inProvince(u: Universe): Uint8Array {
  const region = u.cube.region();
  const out = new Uint8Array(u.cube.n);
  for (let i = 0; i < out.length; i++) out[i] = (region[i] as number) >= 0 ? 1 : 0;
  return out;
}

/** Members of each family, grouped (see engine.personOrder). */
export function membersOf(u: Universe): { order: Int32Array; start: Int32Array } | null {
  return u.cube.hasPersons ? personOrder(u.cube) : null;
}

export { MISSING_CODE };
