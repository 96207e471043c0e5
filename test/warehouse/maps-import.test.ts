/**
 * Peta (issue 8) on the real NTT boundaries: the three levels import and match by code, the 90
 * villages without a polygon are reported, simplification keeps neighbours' borders identical,
 * manual matches persist (also across a re-import of the same file), the drawing geometry is fast,
 * and a layer can be exported and deleted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryImportResult, BoundaryLayer, MapGeometry } from '../../shared/contracts/maps.ts';
import type { Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { boundaryFile, nttWarehouse, value } from './maps-helpers.ts';

const tmp = tempDir('maps-import');
let wh: Warehouse;
const results: Record<string, BoundaryImportResult> = {};

beforeAll(async () => {
  wh = await nttWarehouse(join(tmp.dir, 'w.db'));
  for (const level of ['kabupaten', 'kecamatan', 'desa'] as const) {
    const started = performance.now();
    results[level] = value<BoundaryImportResult>(await wh.call('maps.import', { path: boundaryFile(level) }));
    const r = results[level];
    console.log(
      `[maps] ${level}: ${((performance.now() - started) / 1000).toFixed(2)} s, ${r.features} features, simplified ${r.layer.simplifiedBytes} B vs original ${r.layer.originalBytes} B`,
    );
  }
}, 120_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

interface GeoFile {
  features: { properties: { kode: string }; geometry: { type: string; coordinates: unknown } }[];
}

function rings(geometry: { type: string; coordinates: unknown }): number[][][] {
  return geometry.type === 'Polygon' ? (geometry.coordinates as number[][][]) : (geometry.coordinates as number[][][][]).flat();
}

describe('importing the NTT boundary files', () => {
  it('matches every feature of the three levels by its Kemendagri code, detecting the level', () => {
    for (const [level, n, lvl] of [['kabupaten', 22, 2], ['kecamatan', 315, 3], ['desa', 3352, 4]] as const) {
      const r = results[level] as BoundaryImportResult;
      expect(r.layer.level).toBe(lvl);
      expect(r.layer.format).toBe('geojson');
      expect(r.layer.projection).toBe('EPSG:4326');
      expect(r.features).toBe(n);
      expect(r.matched).toBe(n);
      expect(r.byMethod).toEqual({ code: n });
      expect(r.unmatchedFeatures).toEqual([]);
      expect(r.replaced).toBeNull();
    }
    expect(results['kabupaten']?.regionsWithoutPolygon).toEqual([]);
    expect(results['kecamatan']?.regionsWithoutPolygon).toEqual([]);
  });

  it('reports the 90 villages of province 53 that have no polygon, with their path', () => {
    const missing = results['desa']?.regionsWithoutPolygon ?? [];
    expect(missing).toHaveLength(90);
    expect(missing.every((m) => /^53\.\d\d\.\d\d\.\d{4}$/.test(m.code) && m.path[0] === 'Nusa Tenggara Timur' && m.path.length === 4)).toBe(true);
    const file = JSON.parse(readFileSync(boundaryFile('desa'), 'utf8')) as GeoFile;
    const inFile = new Set(file.features.map((f) => f.properties.kode));
    expect(missing.some((m) => inFile.has(m.code))).toBe(false);
    const villages = wh.db.prepare("SELECT count(*) FROM region WHERE level = 4 AND code LIKE '53.%'").pluck().get() as number;
    expect(villages - inFile.size).toBe(90);
  });

  it('logs every import in the audit trail', () => {
    const rows = wh.db.prepare("SELECT detail FROM audit_log WHERE action = 'maps.import' ORDER BY id").all() as { detail: string }[];
    expect(rows.map((r) => (JSON.parse(r.detail) as { file: string; matched: number }).matched)).toEqual([22, 315, 3352]);
  });

  it('simplifies the kecamatan layer keeping shared borders identical on both sides, smaller, no ring under 4 points', () => {
    const layer = results['kecamatan']?.layer as BoundaryLayer;
    expect(layer.simplifiedBytes).toBeLessThan(layer.originalBytes * 0.8);
    const rows = wh.db.prepare('SELECT region_code, geom_type, geometry FROM boundary_feature WHERE layer_id = ?').all(layer.id) as { region_code: string; geom_type: string; geometry: string }[];
    const simplified = new Map<string, Set<string>>();
    let ringsTotal = 0;
    for (const r of rows) {
      const pts = new Set<string>();
      for (const ring of rings({ type: r.geom_type, coordinates: JSON.parse(r.geometry) })) {
        ringsTotal++;
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const p of ring) pts.add(`${p[0]},${p[1]}`);
      }
      simplified.set(r.region_code, pts);
    }
    expect(ringsTotal).toBeGreaterThan(0);
    // Vertices of the original file that two kecamatan share: whichever survive do so in both.
    const file = JSON.parse(readFileSync(boundaryFile('kecamatan'), 'utf8')) as GeoFile;
    const owners = new Map<string, Set<string>>();
    for (const f of file.features) for (const ring of rings(f.geometry)) for (const p of ring) {
      const k = `${p[0]},${p[1]}`;
      const set = owners.get(k) ?? new Set<string>();
      set.add(f.properties.kode);
      owners.set(k, set);
    }
    let sharedKept = 0;
    let broken = 0;
    for (const [point, codes] of owners) {
      if (codes.size < 2) continue;
      const keptBy = [...codes].filter((c) => simplified.get(c)?.has(point));
      if (keptBy.length > 0) sharedKept++;
      if (keptBy.length > 0 && keptBy.length < codes.size) broken++;
    }
    expect(sharedKept).toBeGreaterThan(500);
    expect(broken).toBe(0);
  });

  it('serves the desa geometry of the province fast, cached, with the villages without polygon listed', async () => {
    const t0 = performance.now();
    const g = value<MapGeometry>(await wh.call('maps.geometry', { level: 4 }));
    const first = performance.now() - t0;
    const t1 = performance.now();
    value<MapGeometry>(await wh.call('maps.geometry', { level: 4 }));
    const cached = performance.now() - t1;
    console.log(`[maps] maps.geometry desa: first ${first.toFixed(1)} ms, cached ${cached.toFixed(2)} ms`);
    expect(first).toBeLessThan(2000);
    expect(g.features).toHaveLength(3352);
    expect(g.missing).toHaveLength(90);
    expect(g.level).toBe(4);
    expect(g.features[0]?.properties).toEqual({ kode: expect.stringMatching(/^53\./) as unknown, nama: expect.any(String) as unknown });
    expect(g.bbox[0]).toBeGreaterThan(118);
    expect(g.bbox[2]).toBeLessThan(126);
    const kupang = value<MapGeometry>(await wh.call('maps.geometry', { level: 3, parent: '53.71' }));
    expect(kupang.features.map((f) => f.properties.kode).every((c) => c.startsWith('53.71.'))).toBe(true);
    expect(kupang.features.length).toBe(wh.db.prepare("SELECT count(*) FROM region WHERE level = 3 AND code LIKE '53.71.%'").pluck().get());
    expect((await wh.call('maps.geometry', { level: 2, parent: '53.71' })).ok).toBe(false);
  });

  it('keeps a manual match, shows it in the geometry, and re-applies it when the same file is imported again', async () => {
    const layer = results['kecamatan']?.layer as BoundaryLayer;
    const feature = wh.db.prepare("SELECT feature, region_code FROM boundary_feature WHERE layer_id = ? AND region_code = '53.71.01'").get(layer.id) as { feature: number; region_code: string };
    // Unmatch it by hand: it leaves the map and is listed with its reason.
    expect(value<{ matched: number }>(await wh.call('maps.match', { layerId: layer.id, feature: feature.feature, regionCode: null })).matched).toBe(314);
    let g = value<MapGeometry>(await wh.call('maps.geometry', { level: 3, parent: '53.71' }));
    expect(g.features.some((f) => f.properties.kode === '53.71.01')).toBe(false);
    expect(g.missing.map((m) => m.code)).toContain('53.71.01');
    const report = value<Omit<BoundaryImportResult, 'seconds' | 'replaced'>>(await wh.call('maps.unmatched', { layerId: layer.id }));
    expect(report.unmatchedFeatures).toEqual([expect.objectContaining({ feature: feature.feature, code: '53.71.01', reason: 'Dilepas secara manual.' })]);
    expect(report.regionsWithoutPolygon.map((r) => r.code)).toEqual(['53.71.01']);
    // Match it by hand again (codes undotted are fine): back on the map, method manual.
    expect(value<{ matched: number }>(await wh.call('maps.match', { layerId: layer.id, feature: feature.feature, regionCode: '537101' })).matched).toBe(315);
    g = value<MapGeometry>(await wh.call('maps.geometry', { level: 3, parent: '53.71' }));
    expect(g.features.some((f) => f.properties.kode === '53.71.01')).toBe(true);
    const wrong = await wh.call('maps.match', { layerId: layer.id, feature: feature.feature, regionCode: '53.71' });
    expect(wrong.ok ? null : wrong.error.message).toBe('Wilayah 53.71 bukan kecamatan di provinsi kerja.');
    // Unmatch again and re-import the same file: the decision is re-applied to the new layer.
    await wh.call('maps.match', { layerId: layer.id, feature: feature.feature, regionCode: null });
    const again = value<BoundaryImportResult>(await wh.call('maps.import', { path: boundaryFile('kecamatan'), level: 3 }));
    expect(again.replaced).toBe(layer.id);
    expect(again.matched).toBe(314);
    expect(again.byMethod).toEqual({ code: 314 });
    expect(again.unmatchedFeatures.map((u) => u.feature)).toEqual([feature.feature]);
    expect(value<BoundaryLayer[]>(await wh.call('maps.layers', {})).filter((l) => l.level === 3).map((l) => l.id)).toEqual([again.layer.id]);
    expect(wh.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'maps.match'").pluck().get()).toBe(3);
  });

  it('answers in English when the interface is English', async () => {
    await wh.call('settings.setLanguage', { language: 'en' });
    try {
      const layer = value<BoundaryLayer[]>(await wh.call('maps.layers', {})).find((l) => l.level === 3) as BoundaryLayer;
      const report = value<Omit<BoundaryImportResult, 'seconds' | 'replaced'>>(await wh.call('maps.unmatched', { layerId: layer.id }));
      expect(report.unmatchedFeatures[0]?.reason).toBe('Unmatched by hand.');
    } finally {
      await wh.call('settings.setLanguage', { language: 'id' });
    }
  });

  it('exports the original geometry with the matched codes, and deletes a layer', async () => {
    const layer = value<BoundaryLayer[]>(await wh.call('maps.layers', {})).find((l) => l.level === 2) as BoundaryLayer;
    const out = value<{ path: string; fileName: string }>(await wh.call('maps.exportGeometry', { layerId: layer.id, path: join(tmp.dir, 'kab.geojson') }));
    const exported = JSON.parse(readFileSync(out.path, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };
    const source = JSON.parse(readFileSync(boundaryFile('kabupaten'), 'utf8')) as GeoFile;
    expect(exported.features).toHaveLength(22);
    expect(exported.features[0]?.properties).toMatchObject({ kode: '53.01', nama: 'Kabupaten Kupang', kode_padu: '53.01', nama_padu: 'Kabupaten Kupang', metode_padu: 'code' });
    // The original, not the simplified: every vertex of the file is there.
    expect(JSON.stringify(exported.features.map((f) => f.geometry.coordinates))).toBe(JSON.stringify(source.features.map((f) => f.geometry.coordinates)));
    expect(value<{ deleted: boolean }>(await wh.call('maps.delete', { layerId: layer.id })).deleted).toBe(true);
    expect(value<MapGeometry | null>(await wh.call('maps.geometry', { level: 2 }))).toBeNull();
    expect(wh.db.prepare('SELECT count(*) FROM boundary_feature WHERE layer_id = ?').pluck().get(layer.id)).toBe(0);
    expect(value<{ deleted: boolean }>(await wh.call('maps.delete', { layerId: layer.id })).deleted).toBe(false);
    expect(wh.db.prepare("SELECT count(*) FROM audit_log WHERE action IN ('maps.export', 'maps.delete')").pluck().get()).toBe(2);
  });
});
