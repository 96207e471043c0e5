import type { Migration } from '../migrate.ts';

/**
 * Imports commit in slices (imports/writer-worker.ts): while a batch is `loading` its rows are in
 * the file but read by nothing, and `loader` says which process is writing it (`host pid`). A
 * loading batch whose process is gone — a crash, a power cut — is deleted the next time the
 * warehouse opens (imports/discard.ts). Null once the batch is complete.
 */
export const m010BatchLoader: Migration = {
  version: 10,
  name: 'batch_loader',
  up(db) {
    db.exec('ALTER TABLE batch ADD COLUMN loader TEXT');
  },
};
