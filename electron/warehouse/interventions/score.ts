import { attributeMeta } from '../../../shared/analysis/attributes.ts';
import { SCORE_PARTS, type ScorePart, type Weights } from '../../../shared/interventions/program.ts';
import { pluck, sql } from '../db/sql.ts';
import { memberAges, type Universe } from './universe.ts';

/**
 * The priority score of a family: a weighted sum of parts, each scaled to 0–1 —
 *   desil     lower is poorer: (max + 1 − desil) ÷ max, max 4 for P3KE and 10 otherwise;
 *   rumah     housing deprivations among roof, wall and floor quality, floor type, drinking water,
 *             latrine, lighting and cooking fuel (the codebook's `deprived` categories) ÷ 8;
 *   stunting  1 when the family is at risk of stunting;
 *   ukuran    members ÷ 8, capped at 1;
 *   rentan    elderly (60+) members, plus members with a recorded disability, ÷ 3, capped at 1.
 * Score = Σ weight × part ÷ Σ weights × 100, so it reads 0–100 whatever the weights.
 */

export const HOUSING_ITEMS = ['kualitas_atap', 'kualitas_dinding', 'kualitas_lantai', 'lantai', 'air_minum', 'jamban', 'penerangan', 'bahan_bakar'] as const;

export interface ScoreInputs {
  readonly desil: Int8Array;
  readonly deprivations: Uint8Array;
  readonly stunting: Int8Array;
  readonly persons: Uint16Array;
  readonly vulnerable: Uint8Array;
  readonly maxDesil: number;
}

function deprivedLut(key: string): Uint8Array {
  const lut = new Uint8Array(129);
  for (const v of attributeMeta(key)?.values ?? []) if (v.deprived && v.code >= 0 && v.code < 128) lut[v.code + 1] = 1;
  return lut;
}

/** Members with a recorded disability (DTKS `Jenis_cacat`, DTSEN `Disabilitas`); P3KE has no such column. */
function disabledPerFamily(u: Universe): Uint8Array {
  const out = new Uint8Array(u.cube.n);
  const pb = u.dataset.personBatch;
  if (!pb || (pb.source !== 'dtks' && pb.source !== 'dtsen_individu')) return out;
  const flags = u.cube.column('p.disabled', Int8Array, () => {
    const vals = pluck<string | number | null>(u.db, sql`SELECT json_extract(extra, '$.fields.disability') FROM person WHERE batch_id = ${pb.id} ORDER BY id`);
    const a = new Int8Array(vals.length);
    for (let j = 0; j < vals.length; j++) {
      const v = vals[j];
      const t = v === null || v === undefined ? '' : String(v).trim().toUpperCase();
      a[j] = t === '' || t === '0' || t === '-' || t === 'TIDAK' || t === 'TIDAK ADA' || t === 'BUKAN' || t.startsWith('TIDAK ') ? 0 : 1;
    }
    return a;
  });
  const pf = u.cube.personFamily();
  for (let j = 0; j < pf.length && j < flags.length; j++) {
    const f = pf[j] as number;
    if (f >= 0 && flags[j] === 1 && (out[f] as number) < 255) out[f] = (out[f] as number) + 1;
  }
  return out;
}

export function scoreInputs(u: Universe): ScoreInputs {
  const cube = u.cube;
  const n = cube.n;
  cube.prefetchFamilyCodes([...HOUSING_ITEMS, 'desil', 'stunting', 'jk_kepala']);
  const deprivations = new Uint8Array(n);
  for (const key of HOUSING_ITEMS) {
    const codes = cube.familyCodes(key);
    const lut = deprivedLut(key);
    for (let i = 0; i < n; i++) deprivations[i] = (deprivations[i] as number) + (lut[(codes[i] as number) + 1] as number);
  }
  const vulnerable = disabledPerFamily(u);
  if (cube.hasPersons) {
    const ages = memberAges(u);
    const pf = cube.personFamily();
    for (let j = 0; j < pf.length; j++) {
      const f = pf[j] as number;
      if (f >= 0 && (ages[j] as number) >= 60 && (vulnerable[f] as number) < 255) vulnerable[f] = (vulnerable[f] as number) + 1;
    }
  }
  return {
    desil: cube.familyCodes('desil'),
    deprivations,
    stunting: cube.familyCodes('stunting'),
    persons: cube.persons(),
    vulnerable,
    maxDesil: u.dataset.source === 'p3ke' ? 4 : 10,
  };
}

export type Parts = Record<ScorePart, number>;

/** The parts of family i, each 0–1 (rounded to 3 decimals so stored and recomputed values agree). */
export function partsOf(s: ScoreInputs, i: number): Parts {
  const d = s.desil[i] as number;
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    desil: d >= 1 ? r3(Math.max(0, Math.min(1, (s.maxDesil + 1 - d) / s.maxDesil))) : 0,
    rumah: r3((s.deprivations[i] as number) / HOUSING_ITEMS.length),
    stunting: s.stunting[i] === 1 ? 1 : 0,
    ukuran: r3(Math.min(1, (s.persons[i] as number) / 8)),
    rentan: r3(Math.min(1, (s.vulnerable[i] as number) / 3)),
  };
}

export function scoreOf(parts: Parts, w: Weights): number {
  let sum = 0;
  let total = 0;
  for (const k of SCORE_PARTS) {
    sum += w[k] * parts[k];
    total += w[k];
  }
  return total > 0 ? Math.round((sum / total) * 100 * 100) / 100 : 0;
}
