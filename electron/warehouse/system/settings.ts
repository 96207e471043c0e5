import type { Database } from 'better-sqlite3';
import type { Language, Settings } from '../../../shared/contracts/system.ts';
import { all, run, sql } from '../db/sql.ts';

export function readSettings(db: Database): Settings {
  const rows = all<{ key: string; value: string }>(db, sql`SELECT key, value FROM setting`);
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const language: Language = map.get('language') === 'en' ? 'en' : 'id';
  return { workingProvince: map.get('working_province') ?? null, language };
}

export function writeSetting(db: Database, key: string, value: string): void {
  run(db, sql`INSERT INTO setting (key, value) VALUES (${key}, ${value}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
}
