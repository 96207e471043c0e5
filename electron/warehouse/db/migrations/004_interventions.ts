import { AUDIT_GENESIS, auditHash } from '../../audit/chain.ts';
import type { Migration } from '../migrate.ts';

/**
 * Intervention lists (issue 6): the program catalogue, list versions with their members and every
 * manual change with its reason, links from recipient-list rows to the families they name, and the
 * audit log turned into a hash chain (each entry carries the hash of the one before, so an edited
 * or deleted entry shows). List members keep a snapshot of who they are and what qualified them
 * (names, numbers, region, housing codes): a signed list must read the same after the batch it
 * came from is replaced, and its export reads one table instead of a million scattered rows.
 */
export const m004Interventions: Migration = {
  version: 4,
  name: 'interventions',
  up(db) {
    db.exec(`
      CREATE TABLE program (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        opd TEXT NOT NULL,
        strategy INTEGER NOT NULL CHECK (strategy IN (1, 2, 3)),
        unit TEXT NOT NULL CHECK (unit IN ('family', 'person')),
        year INTEGER NOT NULL,
        criteria TEXT NOT NULL,
        member_criteria TEXT NOT NULL DEFAULT '[]',
        unit_cost REAL,
        budget REAL,
        quota INTEGER,
        notes TEXT NOT NULL DEFAULT '',
        weights TEXT NOT NULL,
        columns TEXT NOT NULL,
        recipient_programs TEXT NOT NULL DEFAULT '[]',
        coverage_years INTEGER,
        source TEXT,
        template TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE intervention_list (
        id INTEGER PRIMARY KEY,
        program_id INTEGER NOT NULL REFERENCES program(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        previous_id INTEGER REFERENCES intervention_list(id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
        params TEXT NOT NULL,
        method TEXT NOT NULL DEFAULT '{}',
        family_batch_id INTEGER,
        person_batch_id INTEGER,
        eligible INTEGER NOT NULL DEFAULT 0,
        covered INTEGER NOT NULL DEFAULT 0,
        candidates INTEGER NOT NULL DEFAULT 0,
        target INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        drafted_at TEXT NOT NULL,
        finalized_at TEXT,
        UNIQUE (program_id, version)
      ) STRICT;

      CREATE TABLE list_member (
        list_id INTEGER NOT NULL REFERENCES intervention_list(id) ON DELETE CASCADE,
        family_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL DEFAULT 0,
        rank INTEGER NOT NULL,
        area_code TEXT,
        region_code TEXT,
        source_id TEXT,
        kk TEXT,
        nik TEXT,
        name TEXT,
        address TEXT,
        desil INTEGER,
        members INTEGER,
        sex INTEGER,
        birth TEXT,
        relation INTEGER,
        floor INTEGER,
        wall_quality INTEGER,
        roof_quality INTEGER,
        water INTEGER,
        toilet INTEGER,
        lighting INTEGER,
        stunting INTEGER,
        score REAL NOT NULL,
        components TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
        in_criteria INTEGER NOT NULL DEFAULT 1,
        reason TEXT,
        PRIMARY KEY (list_id, family_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX list_member_by_rank ON list_member(list_id, rank);
      CREATE INDEX list_member_by_family ON list_member(family_id, list_id);

      CREATE TABLE list_change (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES intervention_list(id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        family_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL DEFAULT 0,
        label TEXT,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX list_change_by_list ON list_change(list_id, id);

      CREATE TABLE recipient_link (
        recipient_id INTEGER NOT NULL REFERENCES program_recipient(id) ON DELETE CASCADE,
        family_batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        family_id INTEGER NOT NULL,
        via TEXT NOT NULL,
        PRIMARY KEY (recipient_id, family_batch_id, family_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX recipient_link_by_family ON recipient_link(family_batch_id, family_id);

      CREATE TABLE recipient_link_state (
        recipient_batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        family_batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
        person_batch_id INTEGER,
        links INTEGER NOT NULL,
        done_at TEXT NOT NULL,
        PRIMARY KEY (recipient_batch_id, family_batch_id)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE audit_log ADD COLUMN actor TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      CREATE INDEX audit_log_by_action ON audit_log(action, id);
    `);
    // Entries written before the chain existed join it in order, so the whole log verifies.
    const rows = db.prepare('SELECT id, at, action, detail FROM audit_log ORDER BY id').all() as { id: number; at: string; action: string; detail: string }[];
    const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let prev = AUDIT_GENESIS;
    for (const r of rows) {
      const hash = auditHash(prev, r.id, r.at, '', r.action, r.detail);
      update.run(prev, hash, r.id);
      prev = hash;
    }
  },
};
