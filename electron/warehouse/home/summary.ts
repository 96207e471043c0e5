import type { Database } from 'better-sqlite3';
import type { DesilCount, HomeSummary, SourceCount } from '../../../shared/contracts/home.ts';
import { normalizeRegionCode } from '../../../shared/model/region.ts';
import { inSubtree } from '../db/region-filter.ts';
import { all, get, sql } from '../db/sql.ts';
import { listBatches } from '../system/batches.ts';

export function homeSummary(db: Database, regionCode: string): HomeSummary {
  const code = normalizeRegionCode(regionCode) ?? regionCode;
  const inRegion = inSubtree('region_code', code);
  const batches = listBatches(db);
  const bySource: SourceCount[] = batches.map((batch) => {
    if (batch.source === 'program' || batch.source === 'indicator') {
      const table = batch.source === 'program' ? sql`program_recipient` : sql`indicator_value`;
      const n =
        get<{ n: number }>(
          db,
          sql`SELECT count(*) AS n FROM ${table} WHERE batch_id = ${batch.id} AND ${inRegion}`,
        )?.n ?? 0;
      return { batch, families: n, persons: 0 };
    }
    const families =
      get<{ n: number }>(
        db,
        sql`SELECT count(*) AS n FROM family WHERE batch_id = ${batch.id} AND ${inRegion}`,
      )?.n ?? 0;
    const persons =
      get<{ n: number }>(
        db,
        sql`SELECT count(*) AS n FROM person WHERE batch_id = ${batch.id} AND ${inRegion}`,
      )?.n ?? 0;
    return { batch, families, persons };
  });
  const desilBatch =
    batches.find((b) => b.source === 'p3ke_keluarga') ?? batches.find((b) => b.source === 'dtsen_keluarga') ?? null;
  let desil: DesilCount[] = [];
  if (desilBatch) {
    desil = all<{ desil: number; families: number; persons: number }>(
      db,
      sql`SELECT desil, count(*) AS families, coalesce(sum(members), 0) AS persons FROM family
          WHERE batch_id = ${desilBatch.id} AND desil IS NOT NULL AND ${inRegion}
          GROUP BY desil ORDER BY desil`,
    );
  }
  return { regionCode: code, bySource, desil, desilBatchId: desilBatch?.id ?? null };
}
