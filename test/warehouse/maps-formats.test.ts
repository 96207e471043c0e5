/**
 * Boundary formats beside GeoJSON: a zipped Shapefile in UTM zone 51S written by the test itself
 * (positions known in WGS84, projected with an independent forward formula), with attributes in
 * the .dbf (a Kemendagri code field, a BPS code through the crosswalk, a name), PolygonZ records,
 * and TopoJSON topologies, quantized and not. Plus the projections the .prj may name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryImportResult, MapGeometry } from '../../shared/contracts/maps.ts';
import { projectionFromEpsg, projectionFromWkt } from '../../electron/warehouse/maps/projection.ts';
import type { Warehouse } from '../../electron/warehouse/server.ts';
import { utmForward, utmPrj, writeShapefile, type ShapeRecord } from '../helpers/shapefile.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildZip } from '../helpers/zip.ts';
import { nttWarehouse, value } from './maps-helpers.ts';

const tmp = tempDir('maps-formats');
let wh: Warehouse;

beforeAll(async () => {
  wh = await nttWarehouse(join(tmp.dir, 'w.db'));
});

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

/** A square (outer ring clockwise in x/y, the shapefile rule) of `d` degrees around a point. */
function square(lon: number, lat: number, d: number): [number, number][] {
  return [[lon - d, lat - d], [lon - d, lat + d], [lon + d, lat + d], [lon + d, lat - d], [lon - d, lat - d]];
}

function metres(a: readonly number[], b: readonly number[]): number {
  const dy = ((a[1] as number) - (b[1] as number)) * 110_574;
  const dx = ((a[0] as number) - (b[0] as number)) * 111_320 * Math.cos(((a[1] as number) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

interface Exported {
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } }[];
}

describe('a zipped Shapefile in UTM zone 51S', () => {
  // Three villages of Kota Kupang and Kupang Tengah, at their rough positions.
  const places = [
    { lon: 123.58, lat: -10.16, code: '53.71.01.1002', bps: null, name: 'Penfui', hole: true },
    { lon: 123.62, lat: -10.18, code: null, bps: '5371010001', name: 'Namosain' },
    { lon: 123.75, lat: -10.05, code: null, bps: null, name: 'Oelnasi' },
  ];
  const fields = [
    { name: 'KDEPUM', type: 'C', length: 13 },
    { name: 'KDEBPS', type: 'C', length: 10 },
    { name: 'NAMOBJ', type: 'C', length: 40 },
    { name: 'LUAS', type: 'N', length: 12, decimals: 3 },
  ] as const;
  const records = (): ShapeRecord[] =>
    places.map((p) => ({
      rings: [
        square(p.lon, p.lat, 0.01).map(([x, y]) => utmForward(x, y, 51, true)),
        ...(p.hole ? [square(p.lon, p.lat, 0.002).reverse().map(([x, y]) => utmForward(x, y, 51, true))] : []),
      ],
      values: [p.code, p.bps, p.name, 12.5],
    }));

  it('reprojects to WGS84 within a metre and matches by the .dbf code, the crosswalk and the name', async () => {
    // The BPS code of the second village reaches its Kemendagri code through the crosswalk.
    const cw = join(tmp.dir, 'padanan.csv');
    writeFileSync(cw, 'Kode BPS,Kode Kemendagri,Nama\n5371010001,53.71.01.1001,Namosain\n');
    value(await wh.call('crosswalk.import', { file: { path: cw } }));
    const shp = writeShapefile(records(), fields);
    const zip = join(tmp.dir, 'batas_desa_utm51s.zip');
    writeFileSync(zip, buildZip([
      { name: 'BATAS_DESA.shp', data: shp.shp },
      { name: 'BATAS_DESA.shx', data: shp.shx },
      { name: 'BATAS_DESA.dbf', data: shp.dbf },
      { name: 'BATAS_DESA.prj', data: utmPrj(51, true) },
    ]));
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path: zip, level: 4 }));
    expect(r.layer).toMatchObject({ format: 'shapefile', projection: 'EPSG:32751', level: 4, features: 3, matched: 3 });
    expect(r.byMethod).toEqual({ code: 1, bps_code: 1, name: 1 });
    const rows = wh.db.prepare('SELECT feature, region_code, method FROM boundary_feature WHERE layer_id = ? ORDER BY feature').all(r.layer.id);
    expect(rows).toEqual([
      { feature: 1, region_code: '53.71.01.1002', method: 'code' },
      { feature: 2, region_code: '53.71.01.1001', method: 'bps_code' },
      { feature: 3, region_code: wh.db.prepare("SELECT code FROM region WHERE name = 'Oelnasi' AND level = 4").pluck().get(), method: 'name' },
    ]);
    const out = value<{ path: string }>(await wh.call('maps.exportGeometry', { layerId: r.layer.id, path: join(tmp.dir, 'utm.geojson') }));
    const exported = JSON.parse(readFileSync(out.path, 'utf8')) as Exported;
    let worst = 0;
    places.forEach((p, i) => {
      const f = exported.features[i];
      const want = square(p.lon, p.lat, 0.01);
      const outer = f?.geometry.coordinates[0] ?? [];
      // Same corners, in the RFC 7946 order (outer ring counter-clockwise).
      for (const w of want) worst = Math.max(worst, Math.min(...outer.map((c) => metres(c, w))));
      expect(f?.geometry.coordinates.length).toBe(p.hole ? 2 : 1);
    });
    console.log(`[maps] UTM 51S → WGS84 worst corner error ${(worst * 100).toFixed(2)} cm`);
    expect(worst).toBeLessThan(1);
    expect(exported.features[0]?.properties).toMatchObject({ KDEPUM: '53.71.01.1002', NAMOBJ: 'Penfui', LUAS: 12.5, kode_padu: '53.71.01.1002' });
    const g = value<MapGeometry>(await wh.call('maps.geometry', { level: 4, parent: '53.71.01' }));
    expect(g.features.map((f) => f.properties.kode)).toEqual(['53.71.01.1001', '53.71.01.1002']);
  });

  it('reads PolygonZ records, a DGN95 .prj and a .cpg code page', async () => {
    const shp = writeShapefile(records(), fields, 15);
    const zip = join(tmp.dir, 'batas_z.zip');
    writeFileSync(zip, buildZip([
      { name: 'z/B.shp', data: shp.shp },
      { name: 'z/B.dbf', data: shp.dbf },
      { name: 'z/B.prj', data: utmPrj(51, true, 'DGN95') },
      { name: 'z/B.cpg', data: 'UTF-8' },
      { name: '__MACOSX/z/._B.shp', data: 'x' },
    ]));
    // One code in three features does not tell the level: three features look like kabupaten.
    const guessed = await wh.call('maps.import', { path: zip });
    expect(guessed.ok ? null : guessed.error.message).toMatch(/^batas_z\.zip: tidak satu pun dari 3 fitur cocok dengan kabupaten\/kota/);
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path: zip, level: 4 }));
    expect(r.layer).toMatchObject({ projection: 'EPSG:23881', level: 4, matched: 3 });
  });
});

describe('TopoJSON', () => {
  /** Two kecamatan sharing one border arc: arc 0 is the shared edge, arcs 1 and 2 the outer sides. */
  function topology(quantized: boolean): string {
    const pts = { a: [123.5, -10.2], b: [123.5, -10.1], c: [123.6, -10.1], d: [123.6, -10.2], e: [123.7, -10.1], f: [123.7, -10.2] };
    const arcsAbs = [[pts.d, pts.c], [pts.c, pts.b, pts.a, pts.d], [pts.c, pts.e, pts.f, pts.d]];
    const scale = [0.0001, 0.0001];
    const translate = [123.5, -10.2];
    const arcs = quantized
      ? arcsAbs.map((arc) => {
          let px = 0;
          let py = 0;
          return arc.map(([x, y]) => {
            const qx = Math.round(((x as number) - (translate[0] as number)) / (scale[0] as number));
            const qy = Math.round(((y as number) - (translate[1] as number)) / (scale[1] as number));
            const out = [qx - px, qy - py];
            px = qx;
            py = qy;
            return out;
          });
        })
      : arcsAbs;
    return JSON.stringify({
      type: 'Topology',
      ...(quantized ? { transform: { scale, translate } } : {}),
      objects: {
        titik: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] },
        kecamatan: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', arcs: [[0, 1]], properties: { KODE_KEC: '530104', NAMA: 'Semau' } },
            { type: 'MultiPolygon', arcs: [[[~0, 2]]], properties: { KODE_KEC: '5301' + '05', NAMA: 'Kupang Barat' } },
          ],
        },
      },
      arcs,
    });
  }

  for (const quantized of [false, true]) {
    it(`imports a ${quantized ? 'quantized' : 'plain'} topology, decoding the shared arc for both neighbours`, async () => {
      const path = join(tmp.dir, `kec-${quantized ? 'q' : 'p'}.topojson`);
      writeFileSync(path, topology(quantized));
      const r = value<BoundaryImportResult>(await wh.call('maps.import', { path, level: 3 }));
      expect(r.layer.format).toBe('topojson');
      expect(r.matched).toBe(2);
      expect(r.byMethod).toEqual({ code: 2 });
      const g = value<MapGeometry>(await wh.call('maps.geometry', { level: 3, parent: '53.01' }));
      const coords = g.features.map((f) => JSON.stringify(f.geometry.coordinates));
      expect(g.features.map((f) => f.properties.kode)).toEqual(['53.01.04', '53.01.05']);
      // Both carry the shared edge (123.6,-10.2)–(123.6,-10.1), exactly.
      for (const c of coords) {
        expect(c).toContain('[123.6,-10.2]');
        expect(c).toContain('[123.6,-10.1]');
      }
      expect(g.features[0]?.geometry.coordinates).toEqual([[[123.6, -10.2], [123.6, -10.1], [123.5, -10.1], [123.5, -10.2], [123.6, -10.2]]]);
    });
  }
});

describe('projections named by a .prj or a GeoJSON crs', () => {
  it('labels UTM zones by their EPSG codes and inverts a point on the central meridian exactly', () => {
    const p = projectionFromWkt(utmPrj(51, true));
    expect(p.label).toBe('EPSG:32751');
    // 10° S on the central meridian: the meridian arc of 10° is 1,105,854.833 m (WGS 84).
    const ring = Float64Array.from([500000, 10_000_000 - 0.9996 * 1105854.833]);
    p.toWgs84(ring);
    expect(ring[0]).toBeCloseTo(123, 9);
    expect(ring[1]).toBeCloseTo(-10, 7);
    expect(projectionFromWkt(utmPrj(49, false, 'DGN95')).label).toBe('EPSG:23869');
    expect(projectionFromEpsg('32750').label).toBe('EPSG:32750');
  });

  it('reads Web Mercator (EPSG:3857) from an OGC WKT and from a GeoJSON crs member', async () => {
    const wkt = 'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137"],AUTHORITY["EPSG","3857"]]';
    const p = projectionFromWkt(wkt);
    expect(p.label).toBe('EPSG:3857');
    const R = 6378137;
    const lon = 123.6;
    const lat = -10.18;
    const ring = Float64Array.from([(lon * Math.PI * R) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))]);
    p.toWgs84(ring);
    expect(ring[0]).toBeCloseTo(lon, 9);
    expect(ring[1]).toBeCloseTo(lat, 9);
    const merc = (x: number, y: number): number[] => [(x * Math.PI * R) / 180, R * Math.log(Math.tan(Math.PI / 4 + (y * Math.PI) / 360))];
    const path = join(tmp.dir, 'kab-3857.geojson');
    writeFileSync(path, JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: [{ type: 'Feature', properties: { kode: '5371' }, geometry: { type: 'Polygon', coordinates: [[[123.5, -10.2], [123.7, -10.2], [123.7, -10.1], [123.5, -10.1], [123.5, -10.2]].map(([x, y]) => merc(x as number, y as number))] } }],
    }));
    const r = value<BoundaryImportResult>(await wh.call('maps.import', { path }));
    expect(r.layer).toMatchObject({ projection: 'EPSG:3857', level: 2, matched: 1 });
    const g = value<MapGeometry>(await wh.call('maps.geometry', { level: 2 }));
    expect(g.features[0]?.geometry.coordinates).toEqual([[[123.5, -10.2], [123.7, -10.2], [123.7, -10.1], [123.5, -10.1], [123.5, -10.2]]]);
  });
});
