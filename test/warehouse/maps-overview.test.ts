/**
 * The whole-province village map is drawn from a coarser copy of the desa polygons (fewer points
 * to send, parse and draw), still one polygon per village and with neighbours' shared borders
 * identical; a kabupaten's villages keep their detailed geometry.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MapGeometry } from '../../shared/contracts/maps.ts';
import { tempDir } from '../helpers/tmp.ts';
import { boundaryFile, nttWarehouse, value } from './maps-helpers.ts';

const tmp = tempDir('maps-overview');
afterAll(() => tmp.cleanup());

function points(g: MapGeometry): { total: number; perVertex: Map<string, Set<string>> } {
  let total = 0;
  const perVertex = new Map<string, Set<string>>();
  const walk = (c: unknown, kode: string): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      total++;
      const k = `${String(c[0])},${String(c[1])}`;
      const s = perVertex.get(k) ?? new Set<string>();
      s.add(kode);
      perVertex.set(k, s);
      return;
    }
    for (const x of c) walk(x, kode);
  };
  for (const f of g.features) walk(f.geometry.coordinates, f.properties.kode);
  return { total, perVertex };
}

describe('desa overview geometry', () => {
  it('draws the province with far fewer points, every village kept, borders still shared', async () => {
    const wh = await nttWarehouse(join(tmp.dir, 'w.db'));
    try {
      value(await wh.call('maps.import', { path: boundaryFile('desa'), level: 4 }));
      const province = value<MapGeometry>(await wh.call('maps.geometry', { level: 4 }));
      const kupang = value<MapGeometry>(await wh.call('maps.geometry', { level: 4, parent: '53.01' }));
      expect(province.features.length).toBe(3352);
      const p = points(province);
      const k = points(kupang);
      const provinceInKupang = points({ ...province, features: province.features.filter((f) => f.properties.kode.startsWith('53.01.')) });
      // Coarser for the province than for one kabupaten's villages …
      expect(provinceInKupang.total).toBeLessThan(k.total * 0.7);
      expect(p.total).toBeLessThan(100_000);
      // … and still a topology: many vertices are shared by two or more villages (their common border).
      const shared = [...p.perVertex.values()].filter((s) => s.size >= 2).length;
      expect(shared).toBeGreaterThan(p.perVertex.size * 0.3);
      for (const f of province.features) expect(points({ ...province, features: [f] }).total).toBeGreaterThanOrEqual(4);
    } finally {
      wh.close();
    }
  }, 120_000);
});
