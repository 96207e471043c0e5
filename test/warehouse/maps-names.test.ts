/**
 * Matching by name when a boundary file has no codes: copies of the NTT files with the codes
 * stripped (written to a temporary folder), matched within the parent region — from the imported
 * layer above (the feature's inside point) or from BIG-style parent name attributes — and names that
 * fit several regions reported with their candidates, never guessed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryImportResult } from '../../shared/contracts/maps.ts';
import { nameKey } from '../../electron/warehouse/maps/names.ts';
import type { Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { boundaryFile, nttWarehouse, value } from './maps-helpers.ts';

interface GeoFile {
  type: string;
  features: { type: string; properties: Record<string, unknown>; geometry: unknown }[];
}

const tmp = tempDir('maps-names');
let n = 0;

function strippedCopy(level: 'kecamatan' | 'desa', transform: (p: Record<string, unknown>) => Record<string, unknown> = (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'kode'))): string {
  const file = JSON.parse(readFileSync(boundaryFile(level), 'utf8')) as GeoFile;
  for (const f of file.features) f.properties = transform(f.properties);
  const path = join(tmp.dir, `${++n}-${level}-tanpa-kode.geojson`);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** Feature number → the code the original file gives it. */
function truth(level: 'kecamatan' | 'desa'): Map<number, string> {
  const file = JSON.parse(readFileSync(boundaryFile(level), 'utf8')) as GeoFile;
  return new Map(file.features.map((f, i) => [i + 1, f.properties['kode'] as string]));
}

async function freshWarehouse(name: string, layers: readonly ('kabupaten' | 'kecamatan')[] = []): Promise<Warehouse> {
  const wh = await nttWarehouse(join(tmp.dir, `${name}.db`));
  for (const l of layers) value(await wh.call('maps.import', { path: boundaryFile(l) }));
  return wh;
}

/** Every feature matched by name went to the region the original file's code names. */
function wrongMatches(wh: Warehouse, layerId: number, level: 'kecamatan' | 'desa'): number {
  const expected = truth(level);
  const rows = wh.db.prepare('SELECT feature, region_code FROM boundary_feature WHERE layer_id = ? AND region_code IS NOT NULL').all(layerId) as { feature: number; region_code: string }[];
  return rows.filter((r) => expected.get(r.feature) !== r.region_code).length;
}

const open: Warehouse[] = [];
let kecNoCode = '';
let desaNoCode = '';

beforeAll(() => {
  kecNoCode = strippedCopy('kecamatan');
  desaNoCode = strippedCopy('desa');
});

afterAll(() => {
  for (const wh of open) wh.close();
  tmp.cleanup();
});

describe('matching boundary features by name', () => {
  it('matches all 315 kecamatan by name (NTT has no two kecamatan of one name), with or without the kabupaten layer', async () => {
    const wh = await freshWarehouse('kec');
    open.push(wh);
    const keys = (wh.db.prepare("SELECT name FROM region WHERE level = 3 AND code LIKE '53.%'").pluck().all() as string[]).map((s) => nameKey(3, s));
    expect(new Set(keys).size).toBe(315);
    // No codes: the level comes from the number of features (315 is the number of NTT kecamatan).
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path: kecNoCode }));
    expect(r.layer.level).toBe(3);
    expect(r.matched).toBe(315);
    expect(r.byMethod).toEqual({ name: 315 });
    expect(wrongMatches(wh, r.layer.id, 'kecamatan')).toBe(0);
    const wh2 = await freshWarehouse('kec-kab', ['kabupaten']);
    open.push(wh2);
    const r2 = value<BoundaryImportResult>(await wh2.call('maps.import', { path: kecNoCode, level: 3 }));
    expect(r2.byMethod).toEqual({ name: 315 });
    expect(wrongMatches(wh2, r2.layer.id, 'kecamatan')).toBe(0);
  });

  it('without any parent, village names repeated across the province are listed as ambiguous, not guessed', async () => {
    const wh = await freshWarehouse('desa');
    open.push(wh);
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path: desaNoCode }));
    expect(r.layer.level).toBe(4);
    expect(r.matched).toBe(3178);
    expect(r.unmatchedFeatures).toHaveLength(174);
    expect(r.unmatchedFeatures.filter((u) => /cocok dengan \d+ wilayah; tidak ditebak/.test(u.reason))).toHaveLength(173);
    expect(wrongMatches(wh, r.layer.id, 'desa')).toBe(0);
    // Every ambiguous one lists its candidates, and the right region is among them.
    const expected = truth('desa');
    for (const u of r.unmatchedFeatures.filter((x) => x.reason.includes('tidak ditebak'))) {
      expect(u.candidates.length).toBeGreaterThan(1);
      expect(u.candidates.map((c) => c.code)).toContain(expected.get(u.feature));
    }
  });

  it('with the kecamatan layer, each village is looked up in the kecamatan its inside point falls in', async () => {
    const wh = await freshWarehouse('desa-kec', ['kecamatan']);
    open.push(wh);
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path: desaNoCode }));
    expect(r.matched).toBe(3348);
    expect(wrongMatches(wh, r.layer.id, 'desa')).toBe(0);
    const byName = new Map(r.unmatchedFeatures.map((u) => [u.name, u]));
    expect(r.unmatchedFeatures.map((u) => u.name).sort()).toEqual(['Lewat', 'Nisamulan', 'Oesao', 'Oesao']);
    // Oesao is both a kelurahan and a desa of Kupang Tengah: the name alone cannot tell them apart.
    expect(byName.get('Oesao')?.candidates.map((c) => c.code)).toEqual(['53.01.06.1004', '53.01.06.2015']);
    // "Nisamulan" is "Nisanulan" in the reference: not matched, but offered.
    expect(byName.get('Nisamulan')?.candidates.map((c) => c.code)).toContain('53.06.17.2005');
  });

  it('uses BIG-style parent name attributes (WADMKK, WADMKC) and the name attribute NAMOBJ', async () => {
    const wh = await freshWarehouse('desa-big');
    open.push(wh);
    const names = new Map((wh.db.prepare("SELECT code, name FROM region WHERE code LIKE '53.%'").all() as { code: string; name: string }[]).map((r) => [r.code, r.name]));
    const path = strippedCopy('desa', (p) => {
      const code = p['kode'] as string;
      return { NAMOBJ: p['nama'], WADMKC: names.get(code.slice(0, 8)), WADMKK: (names.get(code.slice(0, 5)) ?? '').replace(/^Kabupaten /, ''), WADMPR: 'Nusa Tenggara Timur' };
    });
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path, level: 4 }));
    expect(wrongMatches(wh, r.layer.id, 'desa')).toBe(0);
    expect(r.unmatchedFeatures.map((u) => u.name).sort()).toEqual(['Nisamulan', 'Oesao', 'Oesao']);
    expect(r.matched).toBe(3349);
  });
});
