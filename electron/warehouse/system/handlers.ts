import type { SystemContract } from '../../../shared/contracts/system.ts';
import type { Handlers } from '../context.ts';
import { fail } from '../context.ts';
import { schemaVersion } from '../db/migrate.ts';
import { countRegions, getRegion, regionSource } from '../reference/store.ts';
import { argString } from '../validate.ts';
import { listBatches } from './batches.ts';
import { readSettings, writeSetting } from './settings.ts';

export const systemHandlers: Handlers<SystemContract> = {
  'system.info': (ctx) => {
    const settings = readSettings(ctx.db);
    const province = settings.workingProvince ? getRegion(ctx.db, settings.workingProvince) : null;
    const within = province?.code ?? null;
    return {
      dbPath: ctx.dbPath,
      schemaVersion: schemaVersion(ctx.db),
      province,
      regencies: countRegions(ctx.db, 2, within),
      districts: countRegions(ctx.db, 3, within),
      villages: countRegions(ctx.db, 4, within),
      regionSource: regionSource(ctx.db),
      batches: listBatches(ctx.db),
    };
  },
  'settings.get': (ctx) => readSettings(ctx.db),
  'settings.setWorkingProvince': (ctx, args) => {
    const code = argString(ctx.db, 'settings.setWorkingProvince', args, 'code', 20).trim();
    const region = getRegion(ctx.db, code);
    if (!region) fail(ctx.db, 'not_found', 'error.unknownRegion', { code });
    if (region.level !== 1) fail(ctx.db, 'invalid_input', 'error.notProvince', { code });
    writeSetting(ctx.db, 'working_province', region.code);
    ctx.emit('data.changed', { scopes: ['settings'] });
    return readSettings(ctx.db);
  },
  'settings.setLanguage': (ctx, args) => {
    const language = argString(ctx.db, 'settings.setLanguage', args, 'language', 5);
    if (language !== 'id' && language !== 'en') fail(ctx.db, 'invalid_input', 'error.badLanguage', { language });
    writeSetting(ctx.db, 'language', language);
    ctx.emit('data.changed', { scopes: ['settings'] });
    return readSettings(ctx.db);
  },
};
