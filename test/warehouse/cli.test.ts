import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.ts';

const LAUNCHER = fileURLToPath(new URL('../../electron/cli/padu.js', import.meta.url));

function padu(args: readonly string[], node = process.execPath): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [LAUNCHER, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A `node` on PATH outside node_modules that is older than 22 (the system one here), if any. */
function olderSystemNode(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.slice(1).split('.')[0]) < 22) return candidate;
  }
  return null;
}

describe('npx padu (the launcher and the command line)', () => {
  const tmp = tempDir('cli');
  const db = join(tmp.dir, 'p.db');
  afterAll(() => tmp.cleanup());

  it('init then info report the working province, its region counts and the batches', () => {
    const init = padu(['init', '--db', db, '--province', '53', '--json']);
    expect(init.status).toBe(0);
    const a = JSON.parse(init.stdout) as Record<string, unknown>;
    expect(a).toMatchObject({ province: { code: '53', name: 'Nusa Tenggara Timur' }, regencies: 22, districts: 315, villages: 3442, batches: [], counts: {} });
    const info = padu(['info', '--db', db, '--json']);
    expect(JSON.parse(info.stdout)).toMatchObject({ province: { code: '53' }, villages: 3442 });
    const text = padu(['info', '--db', db]);
    expect(text.stdout).toContain('3.442 desa/kelurahan');
  });

  it('fails with a Bahasa Indonesia message and exit code 1 on bad input', () => {
    const r = padu(['init', '--db', db, '--province', '53.71', '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Kode 53.71 bukan kode provinsi.');
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: 'Kode 53.71 bukan kode provinsi.' });
    const unknown = padu(['frobnicate']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Perintah tidak dikenal');
    const missing = padu(['init', '--db', db]);
    expect(missing.stderr).toContain('Opsi --province wajib diisi.');
  });

  it('looks regions up by code and name', () => {
    expect(JSON.parse(padu(['regions', 'normalize', '5371011002', '--json']).stdout)).toEqual({ input: '5371011002', code: '53.71.01.1002' });
    const path = JSON.parse(padu(['regions', 'path', '5371011002', '--db', db, '--json']).stdout) as { name: string }[];
    expect(path.map((r) => r.name).slice(0, 3)).toEqual(['Nusa Tenggara Timur', 'Kota Kupang', 'Alak']);
    const hits = JSON.parse(padu(['regions', 'search', 'regapuu', '--db', db, '--json']).stdout) as { code: string }[];
    expect(hits[0]?.code).toBe('53.07.01.2021');
  });

  it('writes demo files with chosen fault rates and refuses unknown ones', () => {
    const out = join(tmp.dir, 'demo');
    const r = padu(['demo', '--out', out, '--families', '300', '--seed', '3', '--formats', 'csv', '--noise', 'nameVariant=0.2,nikMissing=0', '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { families: number; files: { name: string }[] };
    expect(result.families).toBe(300);
    expect(result.files.map((f) => f.name)).toContain('p3ke-keluarga.csv');
    const truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as { noise: Record<string, number> };
    expect(truth.noise).toMatchObject({ nameVariant: 0.2, nikMissing: 0 });
    expect(padu(['demo', '--out', out, '--noise', 'colour=1']).stderr).toContain('--noise: "colour=1" tidak dikenal');
    expect(padu(['demo', '--out', out, '--noise', 'nameVariant=2']).stderr).toContain('--noise tidak sah');
  });

  it('re-runs itself on the npm-installed Node 22 when started by an older node', () => {
    const old = olderSystemNode();
    // Machines whose only node is already 22+ have nothing to re-run; the branch is then moot.
    if (!old) return;
    const r = padu(['regions', 'normalize', '537101', '--json'], old);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ input: '537101', code: '53.71.01' });
  });
});
