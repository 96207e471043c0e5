import type { Migration } from '../migrate.ts';

/**
 * A coarser copy of each village polygon for the whole-province map: 3,352 villages drawn at
 * province scale need a fraction of the points the kabupaten view needs, and the first draw is
 * paid per point (transfer, parsing, projection, paths). Layers imported before have none and are
 * drawn from their detailed geometry.
 */
export const m008MapOverview: Migration = {
  version: 8,
  name: 'map_overview',
  up(db) {
    db.exec(`
      ALTER TABLE boundary_feature ADD COLUMN overview_type TEXT;
      ALTER TABLE boundary_feature ADD COLUMN overview TEXT;
    `);
  },
};
