import { provinceTree, readRegionReference } from '../reference/source.ts';
import type { ProvinceTree } from '../reference/source.ts';
import { IdRegistry } from './ids.ts';
import type { NoiseRates } from './noise.ts';
import { generateVillage, PopulationContext } from './population.ts';
import type { ProvincePlan } from './province.ts';
import { planProvince } from './province.ts';
import type { VillageRecords } from './sources.ts';
import { SourceBuilder } from './sources.ts';
import type { TruthTally } from './truth.ts';

/**
 * The village loop shared by the file generator and the warehouse loader: plan the province,
 * then for each village generate its population and its source records and hand them to a
 * consumer, yielding to the event loop between villages so progress events and other work get
 * through. Only one village's records exist at a time.
 */

export type Progress = (p: { phase: string; done: number; total: number }) => void;

/** Bumped whenever the same options would produce different output. */
export const GENERATOR_VERSION = 1;

const treeCache = new Map<string, ProvinceTree>();

/** The province's villages from the bundled Kemendagri reference (cached per process). */
export async function loadProvinceTree(province: string): Promise<ProvinceTree> {
  const cached = treeCache.get(province);
  if (cached) return cached;
  const tree = provinceTree(await readRegionReference(), province);
  treeCache.set(province, tree);
  return tree;
}

export async function preparePlan(province: string, families: number, seed: number): Promise<ProvincePlan> {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer 0…2^32-1, got ${seed}`);
  const tree = await loadProvinceTree(province);
  return planProvince(tree, seed, families);
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runVillages(
  plan: ProvincePlan,
  seed: number,
  rates: NoiseRates,
  tally: TruthTally,
  consume: (records: VillageRecords) => Promise<void>,
  onProgress?: Progress,
): Promise<void> {
  const ids = new IdRegistry(plan.districts.map((d) => d.digits));
  const ctx = new PopulationContext(plan, seed, ids);
  const builder = new SourceBuilder(plan, seed, rates, tally);
  const total = plan.villages.length;
  const step = Math.max(1, Math.floor(total / 200));
  onProgress?.({ phase: 'villages', done: 0, total });
  let done = 0;
  for (const v of plan.villages) {
    const pop = generateVillage(ctx, v);
    await consume(builder.build(pop));
    done++;
    if (done % step === 0 || done === total) onProgress?.({ phase: 'villages', done, total });
    await yieldToEventLoop();
  }
}
