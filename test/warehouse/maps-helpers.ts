/** Shared set-up of the map tests: the NTT boundary files beside the checkout, a fresh warehouse. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../shared/ipc/envelope.ts';
import { openWarehouse, type Warehouse } from '../../electron/warehouse/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `../shared/data/boundaries/` relative to the repository (CI checks shared/ out beside it). */
export const BOUNDARIES = join(ROOT, '..', 'shared', 'data', 'boundaries');

export function boundaryFile(level: 'kabupaten' | 'kecamatan' | 'desa'): string {
  const path = join(BOUNDARIES, `ntt-${level}.geojson`);
  if (!existsSync(path)) throw new Error(`missing test data ${path} (shared/data must sit beside the repository)`);
  return path;
}

export async function nttWarehouse(path: string): Promise<Warehouse> {
  const wh = await openWarehouse(path, { log: () => undefined });
  const r = await wh.call('settings.setWorkingProvince', { code: '53' });
  if (!r.ok) throw new Error(r.error.message);
  return wh;
}

export function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}
