import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Database } from 'better-sqlite3';
import type { RecordKind } from '../../../shared/contracts/linkage.ts';
import { fail } from '../context.ts';
import { get, raw, rawIterate, sql } from '../db/sql.ts';
import { batchById } from '../system/batches.ts';
import { orderBy } from './order.ts';
import { runBatches, runStats } from './run.ts';

/**
 * Scoring a run against ground truth. The truth file is either the generator's
 * `truth-persons.csv` (P3KE individu ↔ DTKS pairs: `p3ke_id_individu` ↔ the DTKS data-record
 * ordinal `dtks_row`), or any CSV with a header `a,b` whose rows are pairs of record keys of the
 * run's two batches — a record's key is its own id in the source file (ID Individu, ID Keluarga,
 * ID DTKS…) or `row:N` for its N-th data record (counted from 1 after the header).
 *
 * At province scale the truth file holds millions of lines (700 MB): it is read in chunks, keys
 * become record ids as they come, and pairs are compared as sorted typed arrays.
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

/** The non-empty lines of a text file, read in chunks (a BOM dropped, CRLF accepted). */
function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 22);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      let text = carry + (n > 0 ? decoder.write(buf.subarray(0, n)) : decoder.end());
      if (first) {
        text = text.replace(/^\ufeff/, '');
        first = false;
      }
      const parts = text.split('\n');
      carry = n > 0 ? (parts.pop() ?? '') : '';
      for (const p of parts) {
        const line = p.endsWith('\r') ? p.slice(0, -1) : p;
        if (line !== '') yield line;
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** Record ids of a batch by key: `row:N` from a table by ordinal, the source's own ids from a map built on first need. */
class RecordKeys {
  private byRow: Int32Array | null = null;
  private bySource: Map<string, number> | null = null;
  private readonly db: Database;
  private readonly batch: number;
  private readonly table: string;
  private readonly hasSourceId: boolean;

  constructor(db: Database, batch: number, kind: RecordKind) {
    this.db = db;
    this.batch = batch;
    this.table = kind === 'person' ? 'person' : kind === 'family' ? 'family' : 'program_recipient';
    this.hasSourceId = kind !== 'recipient';
  }

  id(key: string): number | undefined {
    if (key.startsWith('row:')) {
      const rows = (this.byRow ??= this.loadRows());
      const v = rows[Number(key.slice(4))];
      return v !== undefined && v > 0 ? v : undefined;
    }
    return (this.bySource ??= this.loadSource()).get(key);
  }

  private loadRows(): Int32Array {
    const header = get<{ h: number | null }>(this.db, sql`SELECT header_row AS h FROM batch WHERE id = ${this.batch}`)?.h ?? 1;
    const max = get<{ m: number | null }>(this.db, sql`SELECT max(row_no) AS m FROM ${raw(this.table)} WHERE batch_id = ${this.batch}`)?.m ?? 0;
    const out = new Int32Array(Math.max(0, max - header) + 1);
    for (const [id, rowNo] of rawIterate<[number, number | null]>(this.db, sql`SELECT id, row_no FROM ${raw(this.table)} WHERE batch_id = ${this.batch}`)) {
      if (rowNo !== null && rowNo > header) out[rowNo - header] = id;
    }
    return out;
  }

  private loadSource(): Map<string, number> {
    const out = new Map<string, number>();
    if (!this.hasSourceId) return out;
    for (const [id, sid] of rawIterate<[number, string | null]>(this.db, sql`SELECT id, source_id FROM ${raw(this.table)} WHERE batch_id = ${this.batch}`)) {
      if (sid) out.set(sid, id);
    }
    return out;
  }
}

/** A growable list of id pairs. */
class IdPairs {
  n = 0;
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);

  push(x: number, y: number): void {
    if (this.n === this.a.length) {
      const a = new Int32Array(this.n * 2);
      const b = new Int32Array(this.n * 2);
      a.set(this.a);
      b.set(this.b);
      this.a = a;
      this.b = b;
    }
    this.a[this.n] = x;
    this.b[this.n] = y;
    this.n++;
  }

  /** Pair positions sorted by (a, b), duplicates left out. */
  sorted(): Uint32Array {
    const order = orderBy(Uint32Array.from({ length: this.n }, (_, k) => k), [this.a, this.b]);
    let m = 0;
    for (let k = 0; k < order.length; k++) {
      const p = order[k] as number;
      const q = m > 0 ? (order[m - 1] as number) : -1;
      if (q >= 0 && this.a[p] === this.a[q] && this.b[p] === this.b[q]) continue;
      order[m++] = p;
    }
    return order.subarray(0, m);
  }
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
  const keysA = new RecordKeys(db, a, ka);
  const keysB = new RecordKeys(db, b, kb);
  try {
    closeSync(openSync(truthPath, 'r'));
  } catch {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link-eval', problem: `truth ${truthPath}` });
  }
  const lines = fileLines(truthPath);
  const headerLine = lines.next();
  const header = parseCsvLine(headerLine.done ? '' : headerLine.value);
  const sa = batchById(db, a)?.source;
  const sb = batchById(db, b)?.source;
  const generic = header.includes('a') && header.includes('b');
  // Which truth column names a record of each side.
  const column = (source: string | undefined, side: 'a' | 'b'): { index: number; prefix: string } => {
    if (generic) return { index: header.indexOf(side), prefix: '' };
    if (source === 'p3ke_individu') return { index: header.indexOf('p3ke_id_individu'), prefix: '' };
    if (source === 'dtks') return { index: header.indexOf('dtks_row'), prefix: 'row:' };
    return { index: -1, prefix: '' };
  };
  const ca = column(sa, 'a');
  const cb = column(sb, 'b');
  const truth = new IdPairs();
  if (ca.index >= 0 && cb.index >= 0) {
    for (const line of lines) {
      const cells = line.includes('"') ? parseCsvLine(line) : line.split(',');
      const x = cells[ca.index];
      const y = cells[cb.index];
      if (!x || !y) continue;
      const ia = keysA.id(ca.prefix + x);
      const ib = keysB.id(cb.prefix + y);
      if (ia !== undefined && ib !== undefined) truth.push(ia, ib);
    }
  }
  if (truth.n === 0) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'link-eval', problem: 'no truth pair names records of both batches' });
  const auto = new IdPairs();
  for (const [x, y] of rawIterate<[number, number]>(db, sql`SELECT a_id, b_id FROM record_link WHERE run_id = ${runId} AND status IN ('auto', 'accepted')`)) auto.push(x, y);
  const t = truth.sorted();
  const l = auto.sorted();
  let correct = 0;
  for (let i = 0, j = 0; i < t.length && j < l.length; ) {
    const p = t[i] as number;
    const q = l[j] as number;
    const d = (truth.a[p] as number) - (auto.a[q] as number) || (truth.b[p] as number) - (auto.b[q] as number);
    if (d === 0) correct++;
    if (d <= 0) i++;
    if (d >= 0) j++;
  }
  const stats = runStats(db, runId);
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    precision: round(l.length === 0 ? 1 : correct / l.length),
    recall: round(correct / t.length),
    review: round(stats.review / Math.max(1, stats.recordsA)),
    truePairs: t.length,
    autoLinks: l.length,
    correct,
    reviewPairs: stats.review,
  };
}
