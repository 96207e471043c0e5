import type { Migration } from '../migrate.ts';

/**
 * The import pipeline (issue 4): every batch's provenance, every issue found and every rejected
 * row kept with the batch (nothing is silently lost), saved column mappings, and the BPS ↔
 * Kemendagri crosswalk. Deleting a batch removes all of it through the foreign keys.
 */
export const m002Import: Migration = {
  version: 2,
  name: 'import',
  up(db) {
    db.exec(`
      ALTER TABLE batch ADD COLUMN file_format TEXT;
      ALTER TABLE batch ADD COLUMN reader TEXT;
      ALTER TABLE batch ADD COLUMN encoding TEXT;
      ALTER TABLE batch ADD COLUMN delimiter TEXT;
      ALTER TABLE batch ADD COLUMN sheets TEXT;
      ALTER TABLE batch ADD COLUMN header_row INTEGER;
      ALTER TABLE batch ADD COLUMN columns TEXT;
      ALTER TABLE batch ADD COLUMN mapping TEXT;
      ALTER TABLE batch ADD COLUMN profile_id INTEGER;
      ALTER TABLE batch ADD COLUMN os_user TEXT;
      ALTER TABLE batch ADD COLUMN rows_warned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE batch ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE batch ADD COLUMN seconds REAL;
      CREATE INDEX batch_by_sha ON batch(file_sha256);
      CREATE INDEX indicator_value_by_batch ON indicator_value(batch_id);

      CREATE TABLE import_issue (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        sheet TEXT,
        row_no INTEGER NOT NULL,
        column_name TEXT,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
        value TEXT,
        params TEXT
      ) STRICT;
      CREATE INDEX import_issue_by_batch ON import_issue(batch_id, kind);
      CREATE INDEX import_issue_by_row ON import_issue(batch_id, sheet, row_no);

      CREATE TABLE import_reject (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        sheet TEXT,
        row_no INTEGER NOT NULL,
        cells TEXT NOT NULL,
        reasons TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_reject_by_batch ON import_reject(batch_id, id);

      CREATE TABLE mapping_profile (
        id INTEGER PRIMARY KEY,
        signature TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        columns TEXT NOT NULL,
        mapping TEXT NOT NULL,
        constants TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        used_at TEXT,
        use_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE bps_crosswalk (
        bps_code TEXT PRIMARY KEY,
        region_code TEXT NOT NULL,
        name TEXT,
        file_name TEXT,
        imported_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
