import type { Migration } from '../migrate.ts';

/**
 * Analysis (issue 5). A family's detail looks the same family up in every other batch — by the
 * source's family id, by No KK, by the head's NIK — and on the recipient lists by NIK and No KK;
 * without these indexes each look-up would scan a million-row table. They are partial (non-null
 * values only) because most batches leave one of the columns empty, which keeps them small and
 * costs imports nothing for those rows. `saved_analysis` keeps named cross-tab specs with their view.
 */
export const m003Analysis: Migration = {
  version: 3,
  name: 'analysis',
  up(db) {
    db.exec(`
      CREATE INDEX family_by_kk ON family(kk) WHERE kk IS NOT NULL;
      CREATE INDEX family_by_source_id ON family(source_id) WHERE source_id IS NOT NULL;
      CREATE INDEX family_by_head_nik ON family(head_nik) WHERE head_nik IS NOT NULL;
      CREATE INDEX program_recipient_by_nik ON program_recipient(nik) WHERE nik IS NOT NULL;
      CREATE INDEX program_recipient_by_kk ON program_recipient(kk) WHERE kk IS NOT NULL;

      CREATE TABLE saved_analysis (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        view TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
