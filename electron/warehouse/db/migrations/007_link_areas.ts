import type { Migration } from '../migrate.ts';

/**
 * Padu-padan at province scale writes over four million links in one run. An index of every link
 * by status and score cost most of that write, for a review queue of a few thousand: it becomes a
 * partial index of the queued links only. (The index by B's record is dropped and built again
 * around each run's bulk insert, see linkage/run.ts.) And a run's counts per desa are kept with it:
 * summed up by region they answer the results screen at once, where counting five million records
 * against the links took half a minute.
 */
export const m007LinkAreas: Migration = {
  version: 7,
  name: 'link_areas',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS record_link_by_status;
      CREATE INDEX record_link_review ON record_link(run_id, score) WHERE status = 'review';

      CREATE TABLE link_area (
        run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
        region_code TEXT NOT NULL,
        a_records INTEGER NOT NULL,
        a_linked INTEGER NOT NULL,
        a_review INTEGER NOT NULL,
        a_conflicts INTEGER NOT NULL,
        b_records INTEGER NOT NULL,
        b_linked INTEGER NOT NULL,
        b_conflicts INTEGER NOT NULL,
        a_desil1_not_in_b INTEGER NOT NULL,
        b_not_in_a INTEGER NOT NULL,
        desil_differs INTEGER NOT NULL,
        PRIMARY KEY (run_id, region_code)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
