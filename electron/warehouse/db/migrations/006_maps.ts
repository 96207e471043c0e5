import type { Migration } from '../migrate.ts';

/**
 * Peta (issue 8): boundary layers the office imports (one active layer per level), each feature
 * with the region it was matched to and how, or why it was not, its simplified geometry for
 * drawing and its original (WGS84) geometry for export, both as GeoJSON coordinates text. Manual
 * matches are also kept by level, file hash and feature, so importing the same file again keeps them.
 */
export const m006Maps: Migration = {
  version: 6,
  name: 'maps',
  up(db) {
    db.exec(`
      CREATE TABLE boundary_layer (
        id INTEGER PRIMARY KEY,
        level INTEGER NOT NULL CHECK (level BETWEEN 2 AND 4),
        province TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('geojson', 'topojson', 'shapefile')),
        sha256 TEXT NOT NULL,
        projection TEXT NOT NULL,
        encoding TEXT,
        keys TEXT NOT NULL DEFAULT '{}',
        tolerance REAL NOT NULL,
        vertices_original INTEGER NOT NULL,
        vertices_simplified INTEGER NOT NULL,
        simplified_bytes INTEGER NOT NULL,
        original_bytes INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX boundary_layer_by_level ON boundary_layer(level, id);

      CREATE TABLE boundary_feature (
        layer_id INTEGER NOT NULL REFERENCES boundary_layer(id) ON DELETE CASCADE,
        feature INTEGER NOT NULL,
        code TEXT,
        name TEXT,
        region_code TEXT,
        method TEXT CHECK (method IN ('code', 'bps_code', 'name', 'manual')),
        reason TEXT,
        candidates TEXT NOT NULL DEFAULT '[]',
        min_x REAL NOT NULL,
        min_y REAL NOT NULL,
        max_x REAL NOT NULL,
        max_y REAL NOT NULL,
        label_x REAL NOT NULL,
        label_y REAL NOT NULL,
        geom_type TEXT NOT NULL,
        geometry TEXT NOT NULL,
        original_type TEXT NOT NULL,
        original TEXT NOT NULL,
        properties TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (layer_id, feature)
      ) STRICT;
      CREATE INDEX boundary_feature_by_region ON boundary_feature(layer_id, region_code);

      CREATE TABLE boundary_manual (
        level INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        feature INTEGER NOT NULL,
        region_code TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (level, sha256, feature)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
