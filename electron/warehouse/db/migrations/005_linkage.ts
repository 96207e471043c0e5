import type { Migration } from '../migrate.ts';

/**
 * Padu-padan (issue 7): runs of the matching cascade between two batches, their links (method,
 * score, status), conflicts (one NIK, two people), and the planners' review decisions — kept by
 * batch and record so every later run of the same batches respects them.
 */
export const m005Linkage: Migration = {
  version: 5,
  name: 'linkage',
  up(db) {
    db.exec(`
      CREATE TABLE link_run (
        id INTEGER PRIMARY KEY,
        a_batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        b_batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        a_kind TEXT NOT NULL,
        b_kind TEXT NOT NULL,
        params TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}',
        decisions INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        seconds REAL
      ) STRICT;
      CREATE INDEX link_run_by_pair ON link_run(a_batch, b_batch, id);

      CREATE TABLE record_link (
        run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
        a_id INTEGER NOT NULL,
        b_id INTEGER NOT NULL,
        method TEXT NOT NULL,
        score REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('auto', 'review', 'accepted')),
        PRIMARY KEY (run_id, a_id, b_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_link_by_status ON record_link(run_id, status, score);
      CREATE INDEX record_link_by_b ON record_link(run_id, b_id);

      CREATE TABLE link_conflict (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        a_id INTEGER NOT NULL,
        b_id INTEGER NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX link_conflict_by_run ON link_conflict(run_id, kind);

      CREATE TABLE link_decision (
        a_batch INTEGER NOT NULL,
        a_id INTEGER NOT NULL,
        b_batch INTEGER NOT NULL,
        b_id INTEGER NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (a_batch, a_id, b_batch, b_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
