import { DEMO_DEFAULTS, type DemoContract } from '../../../shared/contracts/demo.ts';
import type { Handlers } from '../context.ts';
import { currentLanguage, fail } from '../context.ts';
import { listBatches } from '../system/batches.ts';
import { readSettings } from '../system/settings.ts';
import { argOptionalInt } from '../validate.ts';
import { importDemo } from './import-demo.ts';

export const demoHandlers: Handlers<DemoContract> = {
  'demo.create': async (ctx, args) => {
    const province = readSettings(ctx.db).workingProvince;
    if (!province) fail(ctx.db, 'not_ready', 'error.provinceNotChosen');
    const families = argOptionalInt(ctx.db, 'demo.create', args, 'families', 1, Number.MAX_SAFE_INTEGER) ?? DEMO_DEFAULTS.families;
    const { minFamilies: min, maxFamilies: max } = DEMO_DEFAULTS;
    if (families < min || families > max) fail(ctx.db, 'invalid_input', 'error.demoSize', { min, max });
    const seed = argOptionalInt(ctx.db, 'demo.create', args, 'seed', 0, 2 ** 31 - 1) ?? DEMO_DEFAULTS.seed;
    if (listBatches(ctx.db).some((b) => b.origin === 'demo')) fail(ctx.db, 'conflict', 'error.demoExists');
    const started = performance.now();
    const result = await importDemo(
      { db: ctx.db, dbPath: ctx.dbPath, language: currentLanguage(ctx.db), emit: (p) => ctx.emit('import.progress', p) },
      { province, families, seed, onProgress: (p) => ctx.emit('job.progress', { job: 'demo.create', ...p }) },
    );
    ctx.emit('data.changed', { scopes: ['batches'] });
    const batches = listBatches(ctx.db).filter((b) => result.batchIds.includes(b.id));
    return {
      seed,
      families: result.families,
      persons: result.persons,
      batches,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  },
};
