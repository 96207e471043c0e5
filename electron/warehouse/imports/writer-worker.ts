/**
 * The writer worker: its own connection to the warehouse file. Rows arrive already mapped from
 * the reader worker; the batch row, the data rows, their issues and the rejected rows are
 * inserted. The batch row is committed first with status `loading`, which every reader of the
 * warehouse ignores, then the rows in slices of about SLICE_ROWS, and `end` marks the batch
 * complete in the last slice: the batch appears whole or not at all. Anything else — `abort`, an
 * error — rolls back the open slice and deletes what earlier slices wrote (discard.ts); a worker
 * or process that dies leaves a loading batch that is deleted when the warehouse opens next.
 *
 * Why slices and not one transaction: one transaction holds the whole batch in the WAL (~1.9 GB
 * for a province's individu file), written once there and copied into the file by one
 * checkpoint at COMMIT, 12.5 s of serial work at the end. Committing every slice lets SQLite's
 * automatic checkpoint copy it while the reader goes on, and the WAL is reused at its start
 * instead of growing.
 *
 * Person sources (P3KE individu, DTKS, DTSEN individu) also get one family row per family id,
 * headed by the member whose relation is 1 (kepala) or else the first; members usually arrive
 * together, and a family whose members are scattered through the file is joined up all the same.
 *
 * Rows go in BULK_ROWS at a time through one multi-row INSERT: better-sqlite3 costs a few
 * microseconds per statement run besides its binding, as much as SQLite's own insert (measured:
 * 1.24 M person rows 8.7 s one by one, 4.8 s eight at a time). Family ids of person sources are
 * assigned here (max id + 1, …; nobody else writes during BEGIN IMMEDIATE), so family rows can wait
 * in a buffer like the others. Foreign keys are not checked on this connection: every batch_id and
 * family_id written is one this transaction has just created.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { close, open, read } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ISSUE_KINDS, type IssueKind } from '../../../shared/import/issues.ts';
import { KeyIndex } from '../../../shared/import/key-index.ts';
import { SAME_FAMILY_FIELDS, type BatchProvenance, type WriterInbound, type WriterInput, type WriterOutbound } from './writer-protocol.ts';
import { packedTransfer, RowUnpacker } from './row-pack.ts';
import { familyExtraJson, memberExtraWithFamily } from './extra-json.ts';
import { discardLoadingBatch, loaderTag } from './discard.ts';

/** One person row waiting for its family: INSERT parameters, the family it would head, its relation. */
interface Member {
  readonly params: unknown[];
  /** The family id (first family column). */
  readonly key: string | null;
  /** The family row this person would head; null for a member who cannot head it. */
  readonly family: (string | number | null)[] | null;
  readonly relation: number | null;
  /** Family-level fields (`extra-json.ts`), or null. */
  readonly familyFields: string | null;
}

const TABLE_COLUMNS_ALLOWED = /^[a-z_][a-z0-9_]*$/;

function insertSql(table: string, columns: readonly string[], rows = 1): string {
  for (const c of columns) if (!TABLE_COLUMNS_ALLOWED.test(c)) throw new Error(`bad column ${c}`);
  const one = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${new Array<string>(rows).fill(one).join(', ')}`;
}

/**
 * Rows per committed slice, unless the input says otherwise (tests use small slices). Measured on
 * the province's individu file (4.96 M rows; wall, one run each on a noisy machine): one
 * transaction 84.8 s, slices of 300 k 75.7 s, 100 k 72.6 s, 30 k 67.5 s, 10 k 69.1 s — a small
 * WAL stays in the page cache and each checkpoint copies pages just written.
 */
const SLICE_ROWS = 25_000;

/** Rows per multi-row INSERT (16 × ~40 columns stays far below SQLite's 32,766 parameters). */
const BULK_ROWS = 16;

/**
 * Rows of one table, inserted BULK_ROWS at a time. A row is written into `params` at `at()`, then
 * `done()`; `flush()` inserts what is left one by one.
 */
class BulkInsert {
  readonly params: unknown[];
  private readonly width: number;
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly single: unknown[];
  private n = 0;

  constructor(db: BetterSqlite3.Database, table: string, columns: readonly string[]) {
    this.width = columns.length;
    this.params = new Array<unknown>(this.width * BULK_ROWS).fill(null);
    this.single = new Array<unknown>(this.width).fill(null);
    this.many = db.prepare(insertSql(table, columns, BULK_ROWS));
    this.one = db.prepare(insertSql(table, columns));
  }

  /** Where the next row's first value goes in `params`. */
  at(): number {
    return this.n * this.width;
  }

  done(): void {
    if (++this.n === BULK_ROWS) {
      // Spread, not the array: better-sqlite3 reads an array's elements one by one through N-API
      // property lookups (~15 % of this thread in a profile); arguments it takes directly
      // (the writer's user time at 300 k families, four paired runs: 10–25 % less).
      this.many.run(...this.params);
      this.n = 0;
    }
  }

  /** Insert the rows still waiting. */
  flush(): void {
    const w = this.width;
    for (let r = 0; r < this.n; r++) {
      for (let c = 0; c < w; c++) this.single[c] = this.params[r * w + c];
      this.one.run(...this.single);
    }
    this.n = 0;
  }
}

class Writer {
  private readonly db: BetterSqlite3.Database;
  private batchId = 0;
  private batch: BatchProvenance | null = null;
  private insertRow: BulkInsert | null = null;
  private insertFamily: BulkInsert | null = null;
  /** The id the next family row of a person source gets. */
  private nextFamilyId = 1;
  private readonly insertIssue: Statement;
  private readonly insertReject: Statement;
  private familyWidth = 0;
  private valueCount = 0;
  /** Parameter arrays of inserted members, reused. */
  private readonly spare: unknown[][] = [];
  /** Family id of the last person row read. */
  private lastKey: string | null = null;
  /** Family-level fields of the last person row read. */
  private lastFamilyFields: string | null = null;
  private personSource = false;
  private written = 0;
  private families = 0;
  private persons = 0;
  private processed = 0;
  private pendingRows: WriterInbound[] = [];
  private began = false;
  private readonly sliceRows: number;
  /** Rows written since the open slice began. */
  private sliceWritten = 0;
  private endMsg: Extract<WriterInbound, { t: 'end' }> | null = null;
  private endExpected = -1;
  // Family grouping for person sources.
  private groupKey: string | null = null;
  private group: Member[] = [];
  private readonly familyIds = new KeyIndex(1 << 16);
  private readonly collided = new Map<string, number>();
  private readonly addedMembers = new Map<number, number>();
  private readonly familyById: Statement;
  private readonly table: { name: string } = { name: '' };
  /** The source file's SHA-256 once hashed (the warehouse thread sends `end` only after that). */
  sha256 = '';

  constructor(dbPath: string, sliceRows: number) {
    this.sliceRows = sliceRows;
    this.db = new BetterSqlite3(dbPath, { fileMustExist: true });
    this.db.pragma('busy_timeout = 30000');
    // As the warehouse's own connection: in WAL mode the commit is not synced, the checkpoint is.
    this.db.pragma('synchronous = NORMAL');
    // Off on this connection only (see the top of the file); deletes elsewhere still cascade.
    this.db.pragma('foreign_keys = OFF');
    // A small page cache: each slice's pages go to the WAL at its commit, and the B-trees' hot
    // pages fit in 8 MB (32 MB cost ~20 MB more memory at the same speed, measured at 1.2 M).
    this.db.pragma('cache_size = -8192');
    this.db.pragma('temp_store = MEMORY');
    this.insertIssue = this.db.prepare('INSERT INTO import_issue (batch_id, sheet, row_no, column_name, kind, severity, value, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertReject = this.db.prepare('INSERT INTO import_reject (batch_id, sheet, row_no, cells, reasons) VALUES (?, ?, ?, ?, ?)');
    this.familyById = this.db.prepare('SELECT source_id FROM family WHERE id = ?').pluck();
  }

  begin(m: Extract<WriterInbound, { t: 'begin' }>): number {
    this.db.exec('BEGIN IMMEDIATE');
    this.batch = m.batch;
    const b = m.batch;
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO batch (source, label, vintage, origin, status, file_name, file_size, file_sha256, sheet, details, created_at,
           file_format, sheets, header_row, columns, mapping, profile_id, os_user, loader)
         VALUES (?, ?, ?, ?, 'loading', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        b.source, b.label, b.vintage, b.origin, b.fileName, b.fileSize, b.fileSha256, b.sheets[0] ?? null, JSON.stringify(b.details), now,
        b.fileFormat, JSON.stringify(b.sheets), b.headerRow, JSON.stringify(b.columns), JSON.stringify(b.mapping), b.profileId, b.osUser, loaderTag(),
      );
    this.batchId = Number(info.lastInsertRowid);
    this.db.exec('COMMIT');
    this.table.name = m.table;
    this.personSource = m.table === 'person' && m.familyColumns.length > 0;
    const base = ['batch_id', 'row_no', ...(this.personSource ? ['family_id'] : []), ...m.columns, 'extra'];
    this.valueCount = m.columns.length;
    this.insertRow = new BulkInsert(this.db, m.table, base);
    if (this.personSource) {
      this.familyWidth = m.familyColumns.length;
      this.insertFamily = new BulkInsert(this.db, 'family', ['id', 'batch_id', 'row_no', 'members', 'extra', ...m.familyColumns]);
    }
    this.beginSlice();
    this.began = true;
    const queued = this.pendingRows;
    this.pendingRows = [];
    for (const q of queued) this.rows(q);
    return this.batchId;
  }

  rows(m: WriterInbound): void {
    if (m.t !== 'rows') return;
    if (!this.began) {
      this.pendingRows.push(m);
      return;
    }
    const b = this.batch as BatchProvenance;
    const insert = this.insertRow as BulkInsert;
    const batchId = this.batchId;
    const rows = new RowUnpacker(m.rows);
    const n = m.rows.rows;
    // INSERT parameters: batch_id, row_no, [family_id], values…, extra.
    const width = this.valueCount + 2;
    if (this.personSource) {
      const familyWidth = this.familyWidth;
      for (let i = 0; i < n; i++) {
        const params = this.spare.pop() ?? new Array<unknown>(width + 1);
        params[0] = batchId;
        params[1] = rows.value();
        params[2] = null;
        rows.fill(params, 3, width - 1);
        const ff = rows.value();
        if (ff !== SAME_FAMILY_FIELDS) this.lastFamilyFields = ff as string | null;
        const familyFields = this.lastFamilyFields;
        const rel = rows.value();
        const relation = typeof rel === 'number' ? rel : null;
        const key = rows.value() as string | null;
        // Only a row that may head its family carries the family values (see the reader).
        let family: (string | number | null)[] | null = null;
        if (key !== this.lastKey || key === null || relation === 1) {
          family = new Array<string | number | null>(familyWidth);
          family[0] = key;
          rows.fill(family, 1, familyWidth - 1);
        } else rows.skip(familyWidth - 1);
        this.lastKey = key;
        this.person({ params, key, family, relation, familyFields });
      }
    } else {
      const params = insert.params;
      for (let i = 0; i < n; i++) {
        const at = insert.at();
        params[at] = batchId;
        rows.fill(params, at + 1, width);
        insert.done();
      }
      if (this.table.name === 'family') this.families += n;
    }
    for (const i of m.issues) {
      const kind = i[3] as IssueKind;
      const col = i[2] as number;
      this.insertIssue.run(batchId, b.sheets[i[0] as number] ?? '', i[1], col >= 0 ? (b.columns[col] ?? null) : null, kind, ISSUE_KINDS[kind].severity, i[4], i[5]);
    }
    for (const r of m.rejects) this.insertReject.run(batchId, b.sheets[r[0] as number] ?? '', r[1], r[2], r[3]);
    this.written += n;
    this.sliceWritten += n;
    this.processed++;
    // The reader packs its next messages into these buffers again.
    input.port.postMessage({ t: 'ack', seq: m.seq, written: this.written, spare: m.rows } satisfies WriterOutbound, packedTransfer(m.rows));
    if (this.sliceWritten >= this.sliceRows) this.commitSlice();
    this.maybeEnd();
  }

  private beginSlice(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.sliceWritten = 0;
    // Family ids go on from the largest in the table: another import may have written between slices.
    if (this.personSource) {
      const next = this.db.prepare('SELECT coalesce(max(id), 0) + 1 FROM family').pluck().get() as number;
      if (next > this.nextFamilyId) this.nextFamilyId = next;
    }
  }

  /**
   * Commit what is written so far (the batch still loading) and open the next slice. A family
   * whose members are still arriving stays in `group`, to be written in the next slice.
   */
  private commitSlice(): void {
    this.insertFamily?.flush();
    this.insertRow?.flush();
    this.db.exec('COMMIT');
    this.beginSlice();
  }

  private person(r: Member): void {
    const key = r.key;
    if (key !== this.groupKey || key === null) this.flushGroup();
    this.groupKey = key;
    this.group.push(r);
  }

  private flushGroup(): void {
    const members = this.group;
    if (members.length === 0) return;
    this.group = [];
    const key = this.groupKey;
    const insert = this.insertRow as BulkInsert;
    const families = this.insertFamily as BulkInsert;
    let familyId: number | null = null;
    const head = members.find((x) => x.relation === 1) ?? members[0];
    // Members repeating the family-level fields of the head leave them to the family row.
    let headFields: string | null = null;
    if (key !== null && key !== '') {
      const known = this.collided.get(key) ?? this.familyIds.get(key);
      // A key seen before (scattered members, or two keys sharing a slot's hash): the family
      // rows still waiting must be in the table before it is looked at.
      if (known !== undefined) families.flush();
      if (known !== undefined && this.familyById.get(known) === key) {
        familyId = known;
        this.addedMembers.set(known, (this.addedMembers.get(known) ?? 0) + members.length);
      } else {
        const fam = head?.family ?? null;
        familyId = this.nextFamilyId++;
        const p = families.params;
        let at = families.at();
        p[at++] = familyId;
        p[at++] = this.batchId;
        p[at++] = head?.params[1] ?? null;
        p[at++] = members.length;
        p[at++] = familyExtraJson(head?.familyFields ?? null);
        for (let c = 0; c < this.familyWidth; c++) p[at++] = fam === null ? null : (fam[c] ?? null);
        families.done();
        this.families++;
        if (known !== undefined) this.collided.set(key, familyId);
        else this.familyIds.set(key, familyId);
        headFields = head?.familyFields ?? null;
      }
    }
    const p = insert.params;
    for (const r of members) {
      const src = r.params;
      let at = insert.at();
      p[at++] = this.batchId;
      p[at++] = src[1];
      p[at++] = familyId;
      const last = src.length - 1;
      for (let c = 3; c < last; c++) p[at++] = src[c];
      // Without a family row of its own making (no id, or joining a family met earlier), a member keeps them all.
      p[at++] = r.familyFields === headFields ? src[last] : memberExtraWithFamily(src[last] as string | null, r.familyFields);
      insert.done();
      this.persons++;
      if (this.spare.length < 256) this.spare.push(src);
    }
  }

  end(m: Extract<WriterInbound, { t: 'end' }>, expected: number): void {
    this.endMsg = m;
    this.endExpected = expected;
    this.maybeEnd();
  }

  private maybeEnd(): void {
    const m = this.endMsg;
    if (m === null || this.processed < this.endExpected) return;
    this.endMsg = null;
    this.flushGroup();
    this.insertFamily?.flush();
    this.insertRow?.flush();
    const bump = this.db.prepare('UPDATE family SET members = members + ? WHERE id = ?');
    for (const [id, n] of this.addedMembers) bump.run(n, id);
    const c = m.counts;
    this.db
      .prepare(
        `UPDATE batch SET status = 'complete', loader = NULL, rows_read = ?, rows_loaded = ?, rows_rejected = ?, rows_warned = ?, rows_skipped = ?,
           families = ?, persons = ?, encoding = ?, delimiter = ?, reader = ?, seconds = ?, completed_at = ?, file_sha256 = ? WHERE id = ?`,
      )
      .run(c.rowsRead, c.rowsImported, c.rowsRejected, c.rowsWarned, c.rowsSkipped, this.families, this.persons, m.encoding, m.delimiter, m.reader, m.seconds, new Date().toISOString(), this.sha256, this.batchId);
    this.db.exec('COMMIT');
    this.send({ t: 'committed', batchId: this.batchId, families: this.families, persons: this.persons });
    this.close();
  }

  abort(): void {
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.discard();
    this.send({ t: 'aborted' });
    this.close();
  }

  fail(e: unknown): void {
    try {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      this.discard();
    } catch {
      // The connection closing below rolls back as well; the warehouse thread deletes the batch.
    }
    this.send({ t: 'error', message: e instanceof Error ? e.message : String(e) });
    this.close();
  }

  /** Delete what earlier slices of this batch committed. */
  private discard(): void {
    if (this.batchId > 0 && this.db.open) discardLoadingBatch(this.db, this.batchId);
  }

  private close(): void {
    hashing.stop();
    if (this.db.open) this.db.close();
    input.port.close();
    parentPort?.close();
  }

  private send(m: WriterOutbound): void {
    parentPort?.postMessage(m);
    if (m.t === 'error') input.port.postMessage(m);
  }
}

/**
 * Hash the source file on this thread while rows arrive: the reader is the slower side of an
 * import, so this thread has time to spare, where hashing before reading cost 1.8 s per 545 MB
 * and hashing on a third thread took the reader's core. Reads of 1 MiB, one at a time into one
 * buffer (a stream allocates a buffer per chunk), keep the pauses between row messages to about
 * a millisecond.
 */
class SourceHash {
  private stopped = false;
  private fd: number | null = null;
  /** A read is under way: the file is closed when it returns, never under it. */
  private reading = false;

  constructor(path: string) {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    let position = 0;
    const failed = (e: Error): void => {
      this.stop();
      parentPort?.postMessage({ t: 'hashed', sha256: null, message: e.message } satisfies WriterOutbound);
    };
    const next = (fd: number): void => {
      this.reading = true;
      read(fd, buffer, 0, buffer.length, position, (e, n) => {
        this.reading = false;
        if (this.stopped) return this.stop();
        if (e) return failed(e);
        if (n > 0) {
          position += n;
          hash.update(buffer.subarray(0, n));
          next(fd);
          return;
        }
        this.stop();
        writer.sha256 = hash.digest('hex');
        parentPort?.postMessage({ t: 'hashed', sha256: writer.sha256 } satisfies WriterOutbound);
      });
    };
    open(path, 'r', (e, fd) => {
      if (e) return failed(e);
      this.fd = fd;
      if (this.stopped) return this.stop();
      next(fd);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.fd !== null && !this.reading) {
      close(this.fd, () => undefined);
      this.fd = null;
    }
  }
}

const input = workerData as WriterInput;
const writer = new Writer(input.dbPath, input.sliceRows ?? SLICE_ROWS);
const hashing = new SourceHash(input.filePath);
const guard = (f: () => void): void => {
  try {
    f();
  } catch (e) {
    writer.fail(e);
  }
};
input.port.on('message', (m: WriterInbound) => guard(() => writer.rows(m)));
parentPort?.on('message', (m: WriterInbound | { t: 'end-after'; expected: number; end: Extract<WriterInbound, { t: 'end' }> }) => {
  guard(() => {
    if (m.t === 'begin') parentPort?.postMessage({ t: 'begun', batchId: writer.begin(m) } satisfies WriterOutbound);
    else if (m.t === 'end-after') writer.end(m.end, m.expected);
    else if (m.t === 'abort') writer.abort();
  });
});
