/**
 * `padu boundaries import|list|unmatched|delete|export`: boundary layers (issue 8, Peta) from the
 * command line, through the same warehouse methods the map screen calls.
 */
import { basename, resolve } from 'node:path';
import type { BoundaryImportResult, BoundaryLayer, BoundaryLevel } from '../../shared/contracts/maps.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import type { Warehouse } from '../warehouse/server.ts';
import { CliError, intOption, option, requireOption, type ParsedArgs } from './args.ts';

type Print = (args: ParsedArgs, json: unknown, text: string) => void;

const LEVELS: Readonly<Record<string, BoundaryLevel>> = { kabupaten: 2, kota: 2, '2': 2, kecamatan: 3, '3': 3, desa: 4, kelurahan: 4, '4': 4 };
const LEVEL_WORD: Readonly<Record<BoundaryLevel, string>> = { 2: 'kabupaten/kota', 3: 'kecamatan', 4: 'desa/kelurahan' };

function levelOption(args: ParsedArgs): BoundaryLevel | undefined {
  const v = option(args, 'level');
  if (v === undefined) return undefined;
  const l = Object.hasOwn(LEVELS, v.toLowerCase()) ? LEVELS[v.toLowerCase()] : undefined;
  if (l === undefined) throw new CliError(`--level harus kabupaten, kecamatan atau desa (atau 2, 3, 4), bukan "${v}".`);
  return l;
}

async function call<T>(wh: Warehouse, method: string, args: unknown): Promise<T> {
  const r = await wh.call(method, args);
  if (!r.ok) throw new CliError(r.error.message);
  return r.value as T;
}

function reportJson(r: Omit<BoundaryImportResult, 'seconds' | 'replaced'> & { seconds?: number; replaced?: number | null }): unknown {
  return {
    layerId: r.layer.id,
    level: r.layer.level,
    fileName: r.layer.fileName,
    format: r.layer.format,
    projection: r.layer.projection,
    features: r.features,
    matched: r.matched,
    byMethod: r.byMethod,
    unmatchedFeatures: r.unmatchedFeatures.length,
    regionsWithoutPolygon: r.regionsWithoutPolygon.length,
    simplifiedBytes: r.layer.simplifiedBytes,
    originalBytes: r.layer.originalBytes,
    ...(r.replaced !== undefined ? { replaced: r.replaced } : {}),
    ...(r.seconds !== undefined ? { seconds: r.seconds } : {}),
    unmatched: r.unmatchedFeatures,
    withoutPolygon: r.regionsWithoutPolygon,
  };
}

function reportText(r: Omit<BoundaryImportResult, 'seconds' | 'replaced'>, head: string): string {
  const n = (v: number): string => formatNumber('id', v);
  const lines = [
    head,
    `  ${n(r.features)} fitur, ${n(r.matched)} cocok (${Object.entries(r.byMethod).map(([m, c]) => `${m} ${n(c)}`).join(', ') || '-'}); proyeksi ${r.layer.projection}`,
    `  geometri tampilan ${n(r.layer.simplifiedBytes)} bait (asli ${n(r.layer.originalBytes)} bait)`,
    `Fitur tidak cocok: ${r.unmatchedFeatures.length === 0 ? '(tidak ada)' : n(r.unmatchedFeatures.length)}`,
  ];
  for (const u of r.unmatchedFeatures.slice(0, 50)) {
    const cands = u.candidates.map((c) => `${c.code} ${c.name}`).join('; ');
    lines.push(`  #${u.feature} ${u.code ?? ''} ${u.name ?? ''} — ${u.reason}${cands ? ` Kandidat: ${cands}` : ''}`);
  }
  lines.push(`Wilayah tanpa poligon: ${r.regionsWithoutPolygon.length === 0 ? '(tidak ada)' : n(r.regionsWithoutPolygon.length)}`);
  for (const w of r.regionsWithoutPolygon.slice(0, 50)) lines.push(`  ${w.code} ${w.path.join(' › ')}`);
  if (r.regionsWithoutPolygon.length > 50) lines.push(`  … dan ${n(r.regionsWithoutPolygon.length - 50)} lainnya (lihat --json)`);
  return lines.join('\n');
}

function layerLine(l: BoundaryLayer): string {
  return `#${l.id} ${LEVEL_WORD[l.level]}: ${l.fileName} (${l.format}, ${l.projection}), ${formatNumber('id', l.matched)}/${formatNumber('id', l.features)} fitur cocok, diimpor ${l.importedAt}`;
}

export async function boundariesCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const sub = args.positionals[1];
  switch (sub) {
    case 'import': {
      const file = args.positionals[2];
      if (!file) throw new CliError('Pemakaian: padu boundaries import --db FILE [--level kabupaten|kecamatan|desa] BERKAS [--json]');
      const path = resolve(file);
      const level = levelOption(args);
      const r = await call<BoundaryImportResult>(wh, 'maps.import', { path, name: basename(path), ...(level ? { level } : {}) });
      print(args, reportJson(r), reportText(r, `Lapisan batas #${r.layer.id} (${LEVEL_WORD[r.layer.level]}) dari ${r.layer.fileName}, ${r.seconds} detik${r.replaced !== null ? `, menggantikan lapisan #${r.replaced}` : ''}:`));
      return 0;
    }
    case 'list':
    case undefined: {
      const layers = await call<BoundaryLayer[]>(wh, 'maps.layers', {});
      print(args, layers, layers.length === 0 ? '(belum ada lapisan batas wilayah)' : layers.map(layerLine).join('\n'));
      return 0;
    }
    case 'unmatched': {
      requireOption(args, 'layer');
      const layerId = intOption(args, 'layer', 0, 1, 2 ** 31 - 1);
      const r = await call<Omit<BoundaryImportResult, 'seconds' | 'replaced'>>(wh, 'maps.unmatched', { layerId });
      print(args, reportJson(r), reportText(r, layerLine(r.layer)));
      return 0;
    }
    case 'delete': {
      requireOption(args, 'layer');
      const layerId = intOption(args, 'layer', 0, 1, 2 ** 31 - 1);
      const r = await call<{ deleted: boolean }>(wh, 'maps.delete', { layerId });
      print(args, r, r.deleted ? `Lapisan #${layerId} dihapus.` : `Lapisan #${layerId} tidak ada.`);
      return r.deleted ? 0 : 1;
    }
    case 'export': {
      requireOption(args, 'layer');
      const layerId = intOption(args, 'layer', 0, 1, 2 ** 31 - 1);
      const out = option(args, 'out');
      const r = await call<{ path: string; fileName: string }>(wh, 'maps.exportGeometry', { layerId, ...(out ? { path: resolve(out) } : {}) });
      print(args, r, `Geometri asli lapisan #${layerId} ditulis ke ${r.path}`);
      return 0;
    }
    default:
      throw new CliError(`Subperintah boundaries tidak dikenal: ${sub}. Pilihan: import, list, unmatched, delete, export.`);
  }
}
