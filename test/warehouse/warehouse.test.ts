import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionSearchHit } from '../../shared/contracts/reference.ts';
import type { Settings, WarehouseInfo } from '../../shared/contracts/system.ts';
import type { RegionWithCounts } from '../../shared/model/region.ts';
import type { Result } from '../../shared/ipc/envelope.ts';
import { closeDatabase, openDatabase } from '../../electron/warehouse/db/connection.ts';
import { migrate, schemaVersion } from '../../electron/warehouse/db/migrate.ts';
import { MIGRATIONS } from '../../electron/warehouse/db/migrations/index.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

describe('migrations', () => {
  const tmp = tempDir('migrate');
  afterAll(() => tmp.cleanup());

  it('bring a fresh file to the latest version with every table, in WAL mode', () => {
    const db = openDatabase(join(tmp.dir, 'fresh.db'));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['batch', 'family', 'person', 'program_recipient', 'indicator_value', 'region', 'region_source', 'setting', 'audit_log']),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('are idempotent on reopen and refuse a schema newer than the app', () => {
    const path = join(tmp.dir, 'again.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer/);
    db.close();
  });

  it('apply each pending step once, in order, rolling back a failing step', () => {
    const db = new BetterSqlite3(':memory:');
    const steps = [
      { version: 1, name: 'a', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'b', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE b (x); INSERT INTO nope VALUES (1)') },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'`).get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('closing', () => {
  const tmp = tempDir('close');
  afterAll(() => tmp.cleanup());

  it('succeeds quickly while another process holds the write lock (statistics are skipped, not forced)', () => {
    // An import from the command line holds the write lock for a while; the app closing at that
    // moment must not wait the busy timeout and then throw (clean-clone CI once failed so).
    const path = join(tmp.dir, 'busy.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (x INTEGER, y TEXT); CREATE INDEX t_x ON t (x)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(i % 97, `v${i}`);
    })();
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    expect(() => closeDatabase(db)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(db.open).toBe(false);
    other.exec('ROLLBACK');
    // Without the other writer the statistics are gathered on close.
    const again = openDatabase(path);
    closeDatabase(again);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 't'").pluck().get()).toBeGreaterThan(0);
    check.close();
    other.close();
  });
});

describe('warehouse over a fresh file', () => {
  const tmp = tempDir('warehouse');
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openWarehouse(join(tmp.dir, 'padu.db'), { log: () => undefined });
  });
  afterAll(() => {
    wh.close();
    tmp.cleanup();
  });

  it('loads the Kemendagri reference on first open and records its decree', async () => {
    const info = value<WarehouseInfo>(await wh.call('system.info', {}));
    expect(info.province).toBeNull();
    expect(info.regionSource?.package).toBe('idn-area-data');
    expect(info.regionSource?.decree).toMatch(/Kepmendagri/);
    expect(info.regencies).toBeGreaterThan(500);
    expect(info.villages).toBeGreaterThan(80_000);
    expect(info.batches).toEqual([]);
  });

  it('chooses NTT as working province and counts its regions', async () => {
    const s = value<Settings>(await wh.call('settings.setWorkingProvince', { code: '53' }));
    expect(s.workingProvince).toBe('53');
    const info = value<WarehouseInfo>(await wh.call('system.info', {}));
    expect(info.province?.name).toBe('Nusa Tenggara Timur');
    expect([info.regencies, info.districts, info.villages]).toEqual([22, 315, 3442]);
  });

  it('refuses a working province that is not a province, with a message in Bahasa Indonesia', async () => {
    const r = await wh.call('settings.setWorkingProvince', { code: '53.71' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid_input');
      expect(r.error.message).toBe('Kode 53.71 bukan kode provinsi.');
    }
    const unknown = await wh.call('settings.setWorkingProvince', { code: '99' });
    expect(unknown.ok || unknown.error.kind).toBe('not_found');
  });

  it('answers children and paths by code, dotted or not', async () => {
    const kab = value<RegionWithCounts[]>(await wh.call('reference.children', { code: '53' }));
    expect(kab).toHaveLength(22);
    expect(kab.find((r) => r.code === '53.71')?.name).toBe('Kota Kupang');
    const kota = kab.find((r) => r.code === '53.71');
    expect(kota?.childCount).toBe(6);
    const kec = value<RegionWithCounts[]>(await wh.call('reference.children', { code: '5371' }));
    expect(kec.map((r) => r.name)).toContain('Oebobo');
    const path = value<{ code: string; level: number }[]>(await wh.call('reference.path', { code: '5371011002' }));
    expect(path.map((r) => r.code)).toEqual(['53', '53.71', '53.71.01', '53.71.01.1002']);
    expect(path.map((r) => r.level)).toEqual([1, 2, 3, 4]);
    expect(value<unknown[]>(await wh.call('reference.path', { code: '53.71.99.9999' }))).toEqual([]);
  });

  it('searches names case- and diacritic-insensitively, within a subtree and level', async () => {
    const hits = value<RegionSearchHit[]>(await wh.call('reference.search', { query: 'REGAPUU' }));
    expect(hits[0]?.name).toBe('Regapu’u');
    expect(hits[0]?.path).toEqual(['Nusa Tenggara Timur', 'Kabupaten Sikka', 'Paga', 'Regapu’u']);
    const kupang = value<RegionSearchHit[]>(await wh.call('reference.search', { query: 'kupang', level: 2 }));
    expect(kupang.map((r) => r.name)).toEqual(['Kabupaten Kupang', 'Kota Kupang']);
    const inKota = value<RegionSearchHit[]>(await wh.call('reference.search', { query: 'oe', within: '53.71', limit: 200 }));
    expect(inKota.length).toBeGreaterThan(3);
    expect(inKota.every((r) => r.code.startsWith('53.71.'))).toBe(true);
    const byCode = value<RegionSearchHit[]>(await wh.call('reference.search', { query: '537101', level: 4 }));
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((r) => r.code.startsWith('53.71.01.') && r.level === 4)).toBe(true);
    expect(value<unknown[]>(await wh.call('reference.search', { query: '%' }))).toEqual([]);
  });

  it('returns errors as data: unknown methods, bad arguments, and switches language', async () => {
    const unknown = await wh.call('reference.nope', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('tidak dikenal');
    const proto = await wh.call('__proto__', {});
    expect(proto.ok).toBe(false);
    const bad = await wh.call('reference.children', { code: 42 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('invalid_input');
    value(await wh.call('settings.setLanguage', { language: 'en' }));
    const en = await wh.call('settings.setWorkingProvince', { code: '53.71' });
    if (!en.ok) expect(en.error.message).toBe('Code 53.71 is not a province code.');
    value(await wh.call('settings.setLanguage', { language: 'id' }));
    const lang = await wh.call('settings.setLanguage', { language: 'fr' });
    expect(lang.ok).toBe(false);
  });

  it('times every call and pushes data.changed events', async () => {
    const events: string[] = [];
    const off = wh.onEvent((e) => events.push(e.name));
    const res = await wh.handle({ type: 'request', id: 7, method: 'settings.setWorkingProvince', args: { code: '53' } });
    off();
    expect(res.id).toBe(7);
    expect(res.ms).toBeGreaterThanOrEqual(0);
    expect(events).toEqual(['data.changed']);
  });
});
