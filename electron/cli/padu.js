#!/usr/bin/env node
// Launcher for `npx padu`: the CLI needs Node >= 22.18 (type stripping, better-sqlite3 13).
// When started by an older node (the system one), re-run under the Node 22 that npm installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < 22 || (major === 22 && minor < 18)) {
  const candidates = [
    join(root, 'node_modules', 'node', 'bin', 'node'),
    join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node'),
  ];
  const node22 = candidates.find((c) => existsSync(c));
  if (!node22) {
    process.stderr.write(`Padu membutuhkan Node 22 (ditemukan ${process.version}). Jalankan "npm install" di folder Padu.\n`);
    process.exit(1);
  }
  const r = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { main } = await import(pathToFileURL(join(here, 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
