import type { Migration } from '../migrate.ts';

/**
 * The records behind a padu-padan count at province scale: counting and paging them in SQL scanned
 * the whole batch for any region (6–10 s a page at five million people). Each run now keeps, per
 * side, its records ordered by desa with a byte of flags each (linked, in review, in conflict, the
 * family counted by a planners' question, desil differs); a page is then a slice of that order.
 */
export const m009LinkSides: Migration = {
  version: 9,
  name: 'link_sides',
  up(db) {
    db.exec(`
      CREATE TABLE link_side (
        run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('a', 'b')),
        codes TEXT NOT NULL,
        starts BLOB NOT NULL,
        ids BLOB NOT NULL,
        flags BLOB NOT NULL,
        UNIQUE (run_id, side)
      ) STRICT;
    `);
  },
};
