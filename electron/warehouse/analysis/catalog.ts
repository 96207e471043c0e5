import type { Database } from 'better-sqlite3';
import { ATTRIBUTES, DATASET_ATTRIBUTE, LINK_TARGETS } from '../../../shared/analysis/attributes.ts';
import { ANALYSIS_SOURCES, type AnalysisCatalog } from '../../../shared/contracts/analysis.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { currentLanguage } from '../context.ts';
import { ident, join, rawRows, sql } from '../db/sql.ts';
import { newestRun } from '../linkage/status.ts';
import { listBatches } from '../system/batches.ts';
import { batchKey, FAMILY_COLUMN, PERSON_COLUMN, pruneCubes } from './cube.ts';
import { resolveDatasets, SOURCE_KINDS_OF } from './datasets.ts';
import { clearDrillCache } from './drill.ts';

const SAMPLE = 5000;
const filledCache = new Map<string, readonly string[]>();

/** Attributes a dataset fills, judged on its first rows (a source file either has a column or not). */
function filledAttributes(db: Database, familyBatch: BatchSummary, personBatch: BatchSummary | null): readonly string[] {
  const key = `${familyBatch.id}@${familyBatch.createdAt}:${personBatch?.id ?? 0}`;
  const hit = filledCache.get(key);
  if (hit) return hit;
  const famAttrs = Object.keys(FAMILY_COLUMN);
  const famCounts = (rawRows<number[]>(
    db,
    sql`SELECT ${join([...famAttrs.map((a) => sql`count(${ident(FAMILY_COLUMN[a] as string)})`), sql`count(head_birth)`, sql`count(members)`])}
        FROM (SELECT * FROM family WHERE batch_id = ${familyBatch.id} LIMIT ${SAMPLE})`,
  )[0] ?? []);
  const out: string[] = famAttrs.filter((_, i) => (famCounts[i] ?? 0) > 0);
  if ((famCounts[famAttrs.length] ?? 0) > 0) out.push('umur_kepala');
  if ((famCounts[famAttrs.length + 1] ?? 0) > 0 || personBatch) out.push('ukuran_keluarga');
  if (personBatch) {
    const perAttrs = Object.keys(PERSON_COLUMN);
    const perCounts = (rawRows<number[]>(
      db,
      sql`SELECT ${join([...perAttrs.map((a) => sql`count(${ident(PERSON_COLUMN[a] as string)})`), sql`count(birth_date)`])}
          FROM (SELECT * FROM person WHERE batch_id = ${personBatch.id} LIMIT ${SAMPLE})`,
    )[0] ?? []);
    out.push(...perAttrs.filter((_, i) => (perCounts[i] ?? 0) > 0));
    if ((perCounts[perAttrs.length] ?? 0) > 0) out.push('umur');
  }
  out.push(DATASET_ATTRIBUTE);
  filledCache.set(key, out);
  return out;
}

/** What the spec builder offers: attributes, and per source its batches and what they fill. */
export function analysisCatalog(db: Database, dbPath: string): AnalysisCatalog {
  const batches = listBatches(db);
  const live = new Set<string>();
  const sources = ANALYSIS_SOURCES.flatMap((source) => {
    const kinds = SOURCE_KINDS_OF[source];
    const familyBatches = batches.filter((b) => b.source === kinds.family);
    const personBatches = kinds.person === kinds.family ? [] : batches.filter((b) => b.source === kinds.person);
    const [latest] = resolveDatasets(db, [source]);
    if (!latest) return [];
    live.add(batchKey(latest));
    // Linkage status is filled once a padu-padan run ties the dataset to another source (not cached: runs come and go).
    const own = latest.personBatch && latest.personBatch.id !== latest.familyBatch.id ? [latest.familyBatch.id, latest.personBatch.id] : [latest.familyBatch.id];
    const linked = LINK_TARGETS.filter((t) => t.source !== source && newestRun(db, own, t.source) !== null).map((t) => `padan_${t.source}`);
    return [{
      source,
      familyBatches: familyBatches.length > 0 ? familyBatches : personBatches,
      personBatches,
      filled: [...filledAttributes(db, latest.familyBatch, latest.personBatch), ...linked],
    }];
  });
  const ids = new Set(batches.map((b) => b.id));
  // Cubes of deleted batches go (their cache folders too); cubes of older vintages still present stay.
  pruneCubes(db, dbPath, (key) => {
    const m = /^b(\d+)-(\d+)-/.exec(key);
    if (!m) return false;
    const keep = ids.has(Number(m[1])) && (m[2] === '0' || ids.has(Number(m[2])));
    return keep || live.has(key);
  });
  if (batches.length === 0) clearDrillCache();
  return { attributes: ATTRIBUTES, sources, language: currentLanguage(db) };
}
