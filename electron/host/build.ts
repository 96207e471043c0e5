import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file below `dir` (0 when absent). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const m = statSync(join(entry.parentPath, entry.name)).mtimeMs;
    if (m > max) max = m;
  }
  return max;
}

/**
 * Build the renderer with electron-vite when its output is missing or older than its sources,
 * so `npm run start:browser` and the end-to-end tests always serve the current code.
 */
export function ensureRendererBuilt(root: string, log: (line: string) => void): string {
  const outDir = join(root, 'out', 'renderer');
  const index = join(outDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')), statSync(join(root, 'electron.vite.config.ts')).mtimeMs);
  if (built >= sources) return outDir;
  log('Membangun antarmuka (electron-vite build)…');
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('Pembangunan antarmuka gagal (electron-vite build).');
  return outDir;
}
