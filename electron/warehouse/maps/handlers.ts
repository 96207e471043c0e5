import type { BoundaryLevel, MapsContract } from '../../../shared/contracts/maps.ts';
import type { Handlers, WarehouseContext } from '../context.ts';
import { fail } from '../context.ts';
import { argOptionalString, argString } from '../validate.ts';
import { importBoundaries } from './import.ts';
import { indicatorValues, listIndicators } from './indicators.ts';
import { deleteLayer, exportGeometry, getLayer, layerReport, listLayers, mapGeometry, matchByHand } from './store.ts';

/** Tell every open window that the maps changed. */
function changed<T>(ctx: WarehouseContext, value: T): T {
  ctx.emit('data.changed', { scopes: ['maps'] });
  return value;
}

const LEVEL_NAMES: Readonly<Record<string, BoundaryLevel>> = { kabupaten: 2, kota: 2, kecamatan: 3, desa: 4, kelurahan: 4 };

/** A boundary level given as 2|3|4 or its name (the command line passes names). */
export function parseLevel(ctx: WarehouseContext, method: string, v: unknown): BoundaryLevel {
  if (v === 2 || v === 3 || v === 4) return v;
  if (typeof v === 'string') {
    const named = LEVEL_NAMES[v.toLowerCase()];
    if (named !== undefined && Object.hasOwn(LEVEL_NAMES, v.toLowerCase())) return named;
    if (v === '2' || v === '3' || v === '4') return Number(v) as BoundaryLevel;
  }
  return fail(ctx.db, 'invalid_input', 'maps.error.badLevel', { level: String(v), method });
}

function positiveInt(ctx: WarehouseContext, method: string, v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(ctx.db, 'invalid_input', 'error.invalidArgs', { method, problem: name });
  return v;
}

export const mapsHandlers: Handlers<MapsContract> = {
  'maps.layers': (ctx) => listLayers(ctx.db),
  'maps.import': async (ctx, args) => {
    const path = argString(ctx.db, 'maps.import', args, 'path', 4096);
    const name = argOptionalString(ctx.db, 'maps.import', args, 'name', 300);
    const level = args.level === undefined || args.level === null ? undefined : parseLevel(ctx, 'maps.import', args.level);
    return changed(ctx, await importBoundaries(ctx.db, { path, ...(name ? { name } : {}), ...(level ? { level } : {}) }));
  },
  'maps.unmatched': (ctx, args) => layerReport(ctx.db, positiveInt(ctx, 'maps.unmatched', args.layerId, 'layerId')),
  'maps.match': (ctx, args) => {
    const layerId = positiveInt(ctx, 'maps.match', args.layerId, 'layerId');
    const feature = positiveInt(ctx, 'maps.match', args.feature, 'feature');
    const region = args.regionCode === null ? null : argString(ctx.db, 'maps.match', args, 'regionCode', 20);
    return changed(ctx, matchByHand(ctx.db, layerId, feature, region));
  },
  'maps.delete': (ctx, args) => changed(ctx, deleteLayer(ctx.db, positiveInt(ctx, 'maps.delete', args.layerId, 'layerId'))),
  'maps.geometry': (ctx, args) => mapGeometry(ctx.db, parseLevel(ctx, 'maps.geometry', args.level), argOptionalString(ctx.db, 'maps.geometry', args, 'parent', 20)),
  'maps.indicators': (ctx) => listIndicators(ctx.db),
  'maps.indicatorValues': (ctx, args) =>
    indicatorValues(ctx.db, {
      indicator: argString(ctx.db, 'maps.indicatorValues', args, 'indicator', 500),
      period: argString(ctx.db, 'maps.indicatorValues', args, 'period', 100),
      level: parseLevel(ctx, 'maps.indicatorValues', args.level),
      ...(args.parent !== undefined && args.parent !== null ? { parent: argString(ctx.db, 'maps.indicatorValues', args, 'parent', 20) } : {}),
    }),
  'maps.exportGeometry': async (ctx, args) => {
    const layerId = positiveInt(ctx, 'maps.exportGeometry', args.layerId, 'layerId');
    getLayer(ctx.db, layerId);
    return exportGeometry(ctx.db, ctx.dbPath, layerId, argOptionalString(ctx.db, 'maps.exportGeometry', args, 'path', 4096));
  },
};
