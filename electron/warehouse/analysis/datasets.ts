import type { Database } from 'better-sqlite3';
import type { AnalysisSource } from '../../../shared/contracts/analysis.ts';
import type { BatchSummary, SourceKind } from '../../../shared/model/source.ts';
import { listBatches } from '../system/batches.ts';

/** Which batch kinds make up an analysis source. */
export const SOURCE_KINDS_OF: Readonly<Record<AnalysisSource, { readonly family: SourceKind; readonly person: SourceKind }>> = {
  p3ke: { family: 'p3ke_keluarga', person: 'p3ke_individu' },
  dtsen: { family: 'dtsen_keluarga', person: 'dtsen_individu' },
  dtks: { family: 'dtks', person: 'dtks' },
};

export const SOURCE_LABEL: Readonly<Record<AnalysisSource, string>> = { p3ke: 'P3KE', dtsen: 'DTSEN', dtks: 'DTKS' };

export function analysisSourceOf(kind: SourceKind): AnalysisSource | null {
  if (kind === 'p3ke_keluarga' || kind === 'p3ke_individu') return 'p3ke';
  if (kind === 'dtsen_keluarga' || kind === 'dtsen_individu') return 'dtsen';
  if (kind === 'dtks') return 'dtks';
  return null;
}

/**
 * One dataset of a cross-tab's universe. `familyBatch` holds the family rows analysed; when it is a
 * family file (P3KE/DTSEN keluarga), `personBatch` is the individu file whose members join it by
 * the family id; for DTKS (and an individu file analysed alone) both are the same batch.
 */
export interface Dataset {
  readonly source: AnalysisSource;
  readonly familyBatch: BatchSummary;
  readonly personBatch: BatchSummary | null;
}

/**
 * The datasets for a set of sources: the newest complete batch of each kind unless `chosen` names
 * another batch of that kind. Sources without any batch are left out.
 */
export function resolveDatasets(db: Database, sources: readonly AnalysisSource[], chosen: readonly number[] = []): Dataset[] {
  const batches = listBatches(db);
  const picked = new Map<SourceKind, BatchSummary>();
  for (const b of batches) if (!picked.has(b.source)) picked.set(b.source, b); // newest first per source
  for (const id of chosen) {
    const b = batches.find((x) => x.id === id);
    if (b) picked.set(b.source, b);
  }
  const out: Dataset[] = [];
  for (const source of sources) {
    const kinds = SOURCE_KINDS_OF[source];
    const fam = picked.get(kinds.family) ?? null;
    const per = picked.get(kinds.person) ?? null;
    if (fam) out.push({ source, familyBatch: fam, personBatch: per });
    else if (per) out.push({ source, familyBatch: per, personBatch: per });
  }
  return out;
}

/** The default universe: P3KE when loaded, else the first source that has data. */
export function defaultSources(db: Database): AnalysisSource[] {
  for (const s of ['p3ke', 'dtsen', 'dtks'] as const) if (resolveDatasets(db, [s]).length > 0) return [s];
  return ['p3ke'];
}
