import type { HomeContract } from '../../../shared/contracts/home.ts';
import type { Handlers } from '../context.ts';
import { fail } from '../context.ts';
import { readSettings } from '../system/settings.ts';
import { argOptionalString } from '../validate.ts';
import { homeSummary } from './summary.ts';

export const homeHandlers: Handlers<HomeContract> = {
  'home.summary': (ctx, args) => {
    const region = argOptionalString(ctx.db, 'home.summary', args, 'regionCode', 20) ?? readSettings(ctx.db).workingProvince;
    if (!region) fail(ctx.db, 'not_ready', 'error.provinceNotChosen');
    return homeSummary(ctx.db, region);
  },
};
