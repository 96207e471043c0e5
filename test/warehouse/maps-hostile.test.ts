/**
 * Broken and hostile boundary files: each ends in a clear Bahasa Indonesia message that names the
 * file (and the feature where there is one), and leaves the warehouse as it was — the previous
 * kecamatan layer still there and every table's row count unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryImportResult, MapGeometry } from '../../shared/contracts/maps.ts';
import { WarehouseError } from '../../electron/warehouse/errors/index.ts';
import { importBoundaries } from '../../electron/warehouse/maps/import.ts';
import type { Warehouse } from '../../electron/warehouse/server.ts';
import { utmForward, utmPrj, writeShapefile } from '../helpers/shapefile.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildZip } from '../helpers/zip.ts';
import { boundaryFile, nttWarehouse, value } from './maps-helpers.ts';

const tmp = tempDir('maps-hostile');
let wh: Warehouse;
let layerId = 0;
let n = 0;
const TABLES = ['boundary_layer', 'boundary_feature', 'boundary_manual', 'audit_log', 'region', 'bps_crosswalk'] as const;

function snapshot(): Record<string, number | string> {
  const out: Record<string, number | string> = { integrity: String(wh.db.pragma('integrity_check', { simple: true })) };
  for (const t of TABLES) out[t] = wh.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return out;
}

function write(name: string, content: string | Buffer): string {
  const path = join(tmp.dir, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}

function expectIndonesian(message: string): void {
  expect(message).toMatch(/\b(berkas|bukan|tidak|fitur|arsip|proyeksi|koordinat|rekaman|melebihi|batas|ditolak)\b/i);
  expect(message).not.toMatch(/\b(the|file is|invalid|not a|error|failed|unexpected)\b/i);
}

/** Import `path`; expect a refusal whose message matches, and nothing changed. */
async function refused(path: string, pattern: RegExp, args: { level?: 2 | 3 | 4 } = { level: 3 }): Promise<string> {
  const before = snapshot();
  const r = await wh.call('maps.import', { path, ...args });
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value).slice(0, 200)}`);
  expect(r.error.kind).toBe('invalid_input');
  expect(r.error.message).toMatch(pattern);
  expectIndonesian(r.error.message);
  expect(snapshot()).toEqual(before);
  const g = value<MapGeometry>(await wh.call('maps.geometry', { level: 3 }));
  expect(g.layerId).toBe(layerId);
  expect(g.features).toHaveLength(315);
  return r.error.message;
}

beforeAll(async () => {
  wh = await nttWarehouse(join(tmp.dir, 'w.db'));
  layerId = value<BoundaryImportResult>(await wh.call('maps.import', { path: boundaryFile('kecamatan') })).layer.id;
});

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

const kecamatanText = (): string => readFileSync(boundaryFile('kecamatan'), 'utf8');

describe('hostile and broken boundary files leave the warehouse unchanged', () => {
  it('invalid JSON: says where it breaks', async () => {
    const text = kecamatanText();
    await refused(write('rusak.geojson', `${text.slice(0, 5000)}}}`), /^\d+-rusak\.geojson: Berkas bukan JSON yang sah \(rusak di sekitar baris 1, kolom \d+\)\.$/);
    await refused(write('kosong.geojson', ''), /kosong-?.*: Berkas kosong/);
    await refused(write('teks.geojson', 'kode,nama\n53.01,Kupang\n'), /Format berkas tidak dikenali/);
  });

  it('a collection of points, a feature of another geometry, coordinates that are not numbers', async () => {
    const points = { type: 'FeatureCollection', features: [1, 2, 3].map((i) => ({ type: 'Feature', properties: { kode: `53.0${i}` }, geometry: { type: 'Point', coordinates: [123, -10] } })) };
    await refused(write('titik.geojson', JSON.stringify(points)), /Berkas tidak berisi poligon batas wilayah \(yang ditemukan: Point\)/);
    const file = JSON.parse(kecamatanText()) as { features: { geometry: unknown }[] };
    (file.features[6] as { geometry: unknown }).geometry = { type: 'LineString', coordinates: [[123, -10], [124, -10]] };
    await refused(write('garis.geojson', JSON.stringify(file)), /: Fitur ke-7 bergeometri LineString, bukan Polygon\/MultiPolygon/);
    const bad = JSON.parse(kecamatanText()) as { features: { geometry: unknown }[] };
    (bad.features[11] as { geometry: unknown }).geometry = { type: 'Polygon', coordinates: [[['123', '-10'], [124, -10], [124, -9], ['123', '-10']]] };
    await refused(write('teks-koordinat.geojson', JSON.stringify(bad)), /: Fitur ke-12: koordinat tidak sah/);
    const short = JSON.parse(kecamatanText()) as { features: { geometry: unknown }[] };
    (short.features[2] as { geometry: unknown }).geometry = { type: 'Polygon', coordinates: [[[123, -10], [124, -10]]] };
    await refused(write('cincin.geojson', JSON.stringify(short)), /: Fitur ke-3: cincin poligon hanya memiliki 2 titik/);
  });

  it('projected coordinates in a GeoJSON without crs, and a crs that is not supported', async () => {
    const file = JSON.parse(kecamatanText()) as { crs?: unknown; features: { geometry: { coordinates: unknown } }[] };
    (file.features[0] as { geometry: { type: string; coordinates: unknown } }).geometry = { type: 'Polygon', coordinates: [[[560000, 8870000], [570000, 8870000], [570000, 8880000], [560000, 8870000]]] };
    await refused(write('utm-tanpa-crs.geojson', JSON.stringify(file)), /: Fitur ke-1: koordinat \(560000, 8870000\) di luar rentang derajat WGS 84/);
    file.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } };
    await refused(write('crs-lain.geojson', JSON.stringify(file)), /Proyeksi "EPSG:2154" belum didukung/);
  });

  it('a property named __proto__ (prototype pollution) is refused, and Object.prototype is untouched', async () => {
    const text = kecamatanText().replace('"nama":"Semau"', '"nama":"Semau","__proto__":{"polluted":"yes"}');
    expect(text).toContain('__proto__');
    await refused(write('proto.geojson', text), /: Fitur ke-1: nama atribut "__proto__" tidak diizinkan; berkas ditolak\./);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a zip without a .shp, a zip bomb, a file that is not a zip', async () => {
    await refused(write('tanpa-shp.zip', buildZip([{ name: 'batas.dbf', data: 'x' }, { name: 'batas.prj', data: utmPrj(51, true) }])), /Arsip ZIP tidak berisi berkas \.shp \(isinya: batas\.dbf, batas\.prj\)/);
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const { deflateRawSync } = await import('node:zlib');
    await refused(write('bom.zip', buildZip([{ name: 'bom.shp', data: zeros, deflated: deflateRawSync(zeros) }])), /Bagian bom\.shp dalam arsip ZIP mengembang jauh melebihi ukurannya: berkas tampak seperti "bom zip"/);
    const pk = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]);
    await refused(write('potong.zip', pk), /Arsip ZIP rusak atau terpotong/);
  });

  it('a truncated .shp, NaN coordinates, a .prj of an unsupported projection, a .dbf that does not fit', async () => {
    const pts = [[123.58, -10.16], [123.58, -10.15], [123.59, -10.15], [123.59, -10.16], [123.58, -10.16]].map(([x, y]) => utmForward(x as number, y as number, 51, true));
    const fields = [{ name: 'KODE_KEC', type: 'C', length: 8 }] as const;
    const two = writeShapefile([{ rings: [pts], values: ['53.71.01'] }, { rings: [pts], values: ['53.71.02'] }], fields);
    const zip = (name: string, shp: Buffer, prj = utmPrj(51, true), dbf = two.dbf): string =>
      write(name, buildZip([{ name: 'kec.shp', data: shp }, { name: 'kec.shx', data: two.shx }, { name: 'kec.dbf', data: dbf }, { name: 'kec.prj', data: prj }]));
    await refused(zip('potong-shp.zip', two.shp.subarray(0, two.shp.length - 30)), /: Berkas kec\.shp terpotong: rekaman ke-2 melewati akhir berkas\./);
    const nan = Buffer.from(two.shp);
    nan.writeDoubleLE(Number.NaN, 100 + 8 + 44 + 4 + 16 * 2);
    await refused(zip('nan.zip', nan), /: Fitur ke-1: koordinat tidak sah/);
    const lcc = 'PROJCS["Indonesia_Lambert",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["Central_Meridian",118.0],PARAMETER["Standard_Parallel_1",-2.0],PARAMETER["Standard_Parallel_2",-8.0],UNIT["Meter",1.0]]';
    await refused(zip('lambert.zip', two.shp, lcc), /: Proyeksi "Indonesia_Lambert \(Lambert_Conformal_Conic\)" belum didukung\./);
    await refused(zip('prj-rusak.zip', two.shp, 'PROJCS["x",GEOGCS['), /: Berkas \.prj tidak dapat dibaca/);
    const one = writeShapefile([{ rings: [pts], values: ['53.71.01'] }], fields);
    await refused(zip('dbf-beda.zip', two.shp, utmPrj(51, true), one.dbf), /: Jumlah rekaman kec\.shp \(2\) dan kec\.dbf \(1\) tidak sama\./);
  });

  it('over the size, feature and vertex limits (a coordinates array beyond the cap is refused before parsing)', async () => {
    const before = snapshot();
    const thrown = async (p: Promise<unknown>): Promise<WarehouseError> => {
      try {
        await p;
      } catch (e) {
        if (e instanceof WarehouseError) return e;
        throw e;
      }
      throw new Error('expected a refusal');
    };
    const big = await thrown(importBoundaries(wh.db, { path: boundaryFile('kecamatan') }, { maxFileBytes: 1024 }));
    expect(big.message).toMatch(/^ntt-kecamatan\.geojson: Berkas berukuran \d+(,\d)? KB, melebihi batas 1 KB untuk berkas batas wilayah\.$/);
    expect(big.details?.['reason']).toBe('tooLarge');
    const vertices = await thrown(importBoundaries(wh.db, { path: boundaryFile('kecamatan') }, { maxVertices: 5000 }));
    expect(vertices.message).toBe('ntt-kecamatan.geojson: Berkas berisi lebih dari 5000 titik koordinat. Sederhanakan geometrinya dulu (mis. di QGIS) lalu impor lagi.');
    const features = await thrown(importBoundaries(wh.db, { path: boundaryFile('kecamatan') }, { maxFeatures: 100 }));
    expect(features.message).toMatch(/lebih dari 100 fitur/);
    const slow = await thrown(importBoundaries(wh.db, { path: boundaryFile('desa') }, { timeoutMs: 5 }));
    expect(slow.message).toMatch(/^ntt-desa\.geojson: Pemrosesan berkas dihentikan karena melewati batas waktu/);
    expect(snapshot()).toEqual(before);
  });

  it('words the refusal in English when the interface is English', async () => {
    await wh.call('settings.setLanguage', { language: 'en' });
    try {
      const r = await wh.call('maps.import', { path: write('rusak-en.geojson', '{"type":"FeatureCollection","features":[') });
      expect(r.ok ? null : r.error.message).toMatch(/^\d+-rusak-en\.geojson: The file is not valid JSON \(broken near line 1, column \d+\)\.$/);
    } finally {
      await wh.call('settings.setLanguage', { language: 'id' });
    }
  });
});
