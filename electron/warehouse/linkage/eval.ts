import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { fail } from '../context.ts';
import { batchById } from '../system/batches.ts';
import { recordKeys, runBatches, runLinks, runStats } from './run.ts';

/**
 * Scoring a run against ground truth. The truth file is either the generator's
 * `truth-persons.csv` (P3KE individu ↔ DTKS pairs: `p3ke_id_individu` ↔ the DTKS data-record
 * ordinal `dtks_row`), or any CSV with a header `a,b` whose rows are pairs of record keys of the
 * run's two batches — a record's key is its own id in the source file (ID Individu, ID Keluarga,
 * ID DTKS…) or `row:N` for its N-th data record (counted from 1 after the header).
 */

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export interface Evaluation {
  readonly precision: number;
  readonly recall: number;
  /** Review-queue pairs as a share of batch A's records. */
  readonly review: number;
  readonly truePairs: number;
  readonly autoLinks: number;
  readonly correct: number;
  readonly reviewPairs: number;
}

export function evaluateRun(db: Database, runId: number, truthPath: string): Evaluation {
  const { a, b, ka, kb } = runBatches(db, runId);
  const keysA = recordKeys(db, a, ka);
  const keysB = recordKeys(db, b, kb);
  let text: string;
  try {
    text = readFileSync(truthPath, 'utf8').replace(/^\ufeff/, '');
  } catch {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link-eval', problem: `truth ${truthPath}` });
  }
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = parseCsvLine(lines[0] ?? '');
  const sa = batchById(db, a)?.source;
  const sb = batchById(db, b)?.source;
  // Which truth column names a record of each side.
  const keyOf = (source: string | undefined, row: Record<string, string>): string | null => {
    if (header.includes('a') && header.includes('b')) return null;
    if (source === 'p3ke_individu') return row['p3ke_id_individu'] || null;
    if (source === 'dtks') return row['dtks_row'] ? `row:${row['dtks_row']}` : null;
    return null;
  };
  const truth = new Set<string>();
  for (const line of lines.slice(1)) {
    const cells = parseCsvLine(line);
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const ka2 = header.includes('a') ? row['a'] ?? null : keyOf(sa, row);
    const kb2 = header.includes('b') ? row['b'] ?? null : keyOf(sb, row);
    if (!ka2 || !kb2) continue;
    const ia = keysA.get(ka2);
    const ib = keysB.get(kb2);
    if (ia === undefined || ib === undefined) continue;
    truth.add(`${ia}:${ib}`);
  }
  if (truth.size === 0) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link-eval', problem: 'no truth pair names records of both batches' });
  const auto = runLinks(db, runId, ['auto', 'accepted']);
  const correct = auto.filter(([x, y]) => truth.has(`${x}:${y}`)).length;
  const stats = runStats(db, runId);
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    precision: round(auto.length === 0 ? 1 : correct / auto.length),
    recall: round(correct / truth.size),
    review: round(stats.review / Math.max(1, stats.recordsA)),
    truePairs: truth.size,
    autoLinks: auto.length,
    correct,
    reviewPairs: stats.review,
  };
}
