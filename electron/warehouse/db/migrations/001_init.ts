import type { Migration } from '../migrate.ts';

/**
 * The first schema. Categorical columns hold codes from shared/model/codebook.ts; NIK, KK, IDs
 * and region codes are TEXT (16 digits exceed both 2^53 and Excel's 15 digits). `extra` keeps the
 * columns a source file had that the warehouse does not model, as a JSON object, so nothing is lost.
 */
export const m001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE region (
        code TEXT PRIMARY KEY,
        parent_code TEXT,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX region_by_parent ON region(parent_code, code);
      CREATE INDEX region_by_name ON region(name_key);

      CREATE TABLE region_source (
        id INTEGER PRIMARY KEY,
        package TEXT NOT NULL,
        package_version TEXT NOT NULL,
        decree TEXT NOT NULL,
        provinces INTEGER NOT NULL,
        regencies INTEGER NOT NULL,
        districts INTEGER NOT NULL,
        villages INTEGER NOT NULL,
        loaded_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE batch (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        label TEXT NOT NULL,
        vintage TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('demo', 'import')),
        status TEXT NOT NULL CHECK (status IN ('loading', 'complete', 'failed')),
        file_name TEXT,
        file_size INTEGER,
        file_sha256 TEXT,
        sheet TEXT,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_loaded INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        families INTEGER NOT NULL DEFAULT 0,
        persons INTEGER NOT NULL DEFAULT 0,
        details TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        completed_at TEXT
      ) STRICT;

      CREATE TABLE family (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        row_no INTEGER,
        source_id TEXT,
        region_code TEXT,
        kk TEXT,
        head_nik TEXT,
        head_name TEXT,
        head_sex INTEGER,
        head_birth TEXT,
        address TEXT,
        desil INTEGER,
        percentile INTEGER,
        members INTEGER,
        house_ownership INTEGER,
        roof INTEGER,
        wall INTEGER,
        floor INTEGER,
        roof_quality INTEGER,
        wall_quality INTEGER,
        floor_quality INTEGER,
        lighting INTEGER,
        power INTEGER,
        fuel INTEGER,
        water INTEGER,
        toilet INTEGER,
        stunting_risk INTEGER,
        savings INTEGER,
        padan INTEGER,
        occupation INTEGER,
        education INTEGER,
        rcv_bpnt INTEGER,
        rcv_bpum INTEGER,
        rcv_bst INTEGER,
        rcv_pkh INTEGER,
        rcv_sembako INTEGER,
        extra TEXT
      ) STRICT;
      CREATE INDEX family_by_batch_region ON family(batch_id, region_code, desil);

      CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        family_id INTEGER REFERENCES family(id) ON DELETE CASCADE,
        row_no INTEGER,
        source_id TEXT,
        family_source_id TEXT,
        region_code TEXT,
        kk TEXT,
        nik TEXT,
        name TEXT,
        sex INTEGER,
        birth_date TEXT,
        birth_place TEXT,
        mother_name TEXT,
        relation INTEGER,
        marital INTEGER,
        occupation INTEGER,
        education INTEGER,
        desil INTEGER,
        padan INTEGER,
        extra TEXT
      ) STRICT;
      CREATE INDEX person_by_batch_family ON person(batch_id, family_id);

      CREATE TABLE program_recipient (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        row_no INTEGER,
        nik TEXT,
        kk TEXT,
        name TEXT,
        region_code TEXT,
        program TEXT NOT NULL,
        year INTEGER,
        amount REAL,
        unit TEXT,
        extra TEXT
      ) STRICT;
      CREATE INDEX program_recipient_by_batch ON program_recipient(batch_id, program, year);

      CREATE TABLE indicator_value (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        row_no INTEGER,
        region_code TEXT NOT NULL,
        indicator TEXT NOT NULL,
        period TEXT NOT NULL,
        value REAL,
        unit TEXT,
        source TEXT,
        extra TEXT
      ) STRICT;
      CREATE INDEX indicator_value_by_region ON indicator_value(region_code, indicator, period);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
    `);
  },
};
