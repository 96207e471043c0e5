/**
 * Linkage status as an attribute of cross-tabs and program criteria (issue 7): for the families of
 * an analysis dataset, whether they were found in another source by the newest padu-padan run
 * between the dataset's batches and a batch of that source — a family counts as found when any of
 * its records (the head, or any member) is linked, as "in review" when one is only queued.
 * The column is derived once per run and kept with the dataset's other cube columns; a new run has
 * a new id, so it is derived again.
 */
import type { Database } from 'better-sqlite3';
import { LINK_STATUS, MISSING_CODE } from '../../../shared/analysis/attributes.ts';
import type { AnalysisSource } from '../../../shared/contracts/analysis.ts';
import { get, rawIterate, sql } from '../db/sql.ts';
import type { DatasetCube } from '../analysis/cube.ts';
import { SOURCE_KINDS_OF } from '../analysis/datasets.ts';

interface RunSide {
  readonly runId: number;
  /** Names the run in cached columns. */
  readonly key: string;
  /** Which column of record_link holds this dataset's records, and the batch they belong to. */
  readonly side: 'a' | 'b';
  readonly batch: number;
}

/** The newest run between one of the dataset's batches and a batch of `target`, or null. */
export function newestRun(db: Database, batches: readonly number[], target: AnalysisSource): RunSide | null {
  const kinds = [SOURCE_KINDS_OF[target].family, SOURCE_KINDS_OF[target].person];
  const json = JSON.stringify(batches);
  const kindJson = JSON.stringify(kinds);
  const r = get<{ id: number; a_batch: number; b_batch: number; mine_a: number; started_at: string; decided: string | null }>(db, sql`
    SELECT r.id, r.a_batch, r.b_batch, r.started_at,
      (SELECT count(*) || '-' || max(at) FROM link_decision d WHERE d.a_batch = r.a_batch AND d.b_batch = r.b_batch) AS decided,
      r.a_batch IN (SELECT value FROM json_each(${json})) AS mine_a
    FROM link_run r JOIN batch ba ON ba.id = r.a_batch JOIN batch bb ON bb.id = r.b_batch
    WHERE (r.a_batch IN (SELECT value FROM json_each(${json})) AND bb.source IN (SELECT value FROM json_each(${kindJson})))
       OR (r.b_batch IN (SELECT value FROM json_each(${json})) AND ba.source IN (SELECT value FROM json_each(${kindJson})))
    ORDER BY r.id DESC LIMIT 1`);
  if (!r) return null;
  // Run ids can come back after a run is replaced; the start time tells two runs apart in cube
  // caches, and the decisions since (a reviewer's accept or reject changes a family's status).
  const key = `${r.id}-${r.started_at.replace(/\D/g, '')}-${(r.decided ?? '').replace(/\D/g, '')}`;
  return r.mine_a ? { runId: r.id, key, side: 'a', batch: r.a_batch } : { runId: r.id, key, side: 'b', batch: r.b_batch };
}

function datasetBatches(cube: DatasetCube): number[] {
  const d = cube.dataset;
  return d.personBatch && d.personBatch.id !== d.familyBatch.id ? [d.familyBatch.id, d.personBatch.id] : [d.familyBatch.id];
}

/** Position of an id in an ascending id column, or -1. */
function positionOf(ids: Float64Array, id: number): number {
  const n = ids.length;
  if (n === 0) return -1;
  const first = ids[0] as number;
  if ((ids[n - 1] as number) - first === n - 1) {
    const i = id - first;
    return i >= 0 && i < n ? i : -1;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] as number;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Codes of `padan_<target>` for the cube's families (all MISSING_CODE when no run links them). */
export function linkStatusCodes(cube: DatasetCube, target: AnalysisSource): Int8Array {
  const db = cube.database;
  const run = cube.source === target ? null : newestRun(db, datasetBatches(cube), target);
  const name = run ? `padan.${target}.run${run.key}${run.side}` : `padan.${target}.none`;
  // Columns of older runs (or of decisions since) are stale: free them.
  cube.dropColumns(`padan.${target}.`, name);
  if (!run) return cube.column(name, Int8Array, () => new Int8Array(cube.n).fill(MISSING_CODE));
  return cube.column(name, Int8Array, () => {
    const out = new Int8Array(cube.n).fill(LINK_STATUS.notFound);
    const isFamilyBatch = run.batch === cube.dataset.familyBatch.id && cube.dataset.personBatch?.id !== run.batch;
    const personIds = isFamilyBatch ? null : cube.personIds();
    const personFamily = isFamilyBatch ? null : cube.personFamily();
    const column = run.side === 'a' ? 'a_id' : 'b_id';
    const rows = rawIterate<[number, string]>(db, column === 'a_id'
      ? sql`SELECT a_id, status FROM record_link WHERE run_id = ${run.runId}`
      : sql`SELECT b_id, status FROM record_link WHERE run_id = ${run.runId}`);
    for (const [id, status] of rows) {
      let f: number;
      if (personIds && personFamily) {
        const p = positionOf(personIds, id);
        f = p < 0 ? -1 : (personFamily[p] as number);
      } else f = cube.indexOfId(id);
      if (f < 0) continue;
      const code = status === 'review' ? LINK_STATUS.review : LINK_STATUS.linked;
      if (code < (out[f] as number)) out[f] = code;
    }
    return out;
  });
}
