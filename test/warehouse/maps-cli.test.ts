/** `npx padu boundaries import|list|unmatched`: the boundary import from the command line. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.ts';
import { boundaryFile } from './maps-helpers.ts';

const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));

function padu(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LAUNCHER, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npx padu boundaries', () => {
  const tmp = tempDir('maps-cli');
  const db = join(tmp.dir, 'p.db');
  afterAll(() => tmp.cleanup());

  it('imports the desa file and reports features, matches, unmatched features and regions without polygon', () => {
    expect(padu(['init', '--db', db, '--province', '53', '--json']).status).toBe(0);
    const r = padu(['boundaries', 'import', '--db', db, '--level', 'desa', boundaryFile('desa'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { withoutPolygon: { code: string }[]; unmatched: unknown[] };
    expect(out).toMatchObject({ level: 4, features: 3352, matched: 3352, unmatchedFeatures: 0, regionsWithoutPolygon: 90, byMethod: { code: 3352 }, projection: 'EPSG:4326', format: 'geojson' });
    expect(out.withoutPolygon).toHaveLength(90);
    expect(out.unmatched).toEqual([]);
    const text = padu(['boundaries', 'import', '--db', db, '--level', '4', boundaryFile('desa')]);
    expect(text.stdout).toContain('3.352 fitur, 3.352 cocok (code 3.352)');
    expect(text.stdout).toContain('Wilayah tanpa poligon: 90');
    const list = JSON.parse(padu(['boundaries', 'list', '--db', db, '--json']).stdout) as { id: number; level: number }[];
    expect(list.map((l) => l.level)).toEqual([4]);
    const unmatched = JSON.parse(padu(['boundaries', 'unmatched', '--db', db, '--layer', String(list[0]?.id), '--json']).stdout) as Record<string, unknown>;
    expect(unmatched).toMatchObject({ features: 3352, regionsWithoutPolygon: 90 });
  });

  it('refuses a bad level and a broken file with a message and exit code 1', () => {
    const bad = padu(['boundaries', 'import', '--db', db, '--level', 'provinsi', boundaryFile('kabupaten')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--level harus kabupaten, kecamatan atau desa');
    const broken = padu(['boundaries', 'import', '--db', db, LAUNCHER, '--json']);
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({ ok: false, error: 'padu.js: Format berkas tidak dikenali. Gunakan GeoJSON (.geojson/.json), TopoJSON, atau Shapefile dalam .zip (.shp, .shx, .dbf, .prj).' });
  });
});
