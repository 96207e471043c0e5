import type { ReferenceContract } from '../../../shared/contracts/reference.ts';
import type { RegionLevel } from '../../../shared/model/region.ts';
import type { Handlers } from '../context.ts';
import { argOptionalInt, argOptionalString, argString } from '../validate.ts';
import { childrenOf, getRegion, pathOf, searchRegions } from './store.ts';
import { normalizeRegionCode } from '../../../shared/model/region.ts';

export const referenceHandlers: Handlers<ReferenceContract> = {
  'reference.provinces': (ctx) => childrenOf(ctx.db, null),
  'reference.get': (ctx, args) => getRegion(ctx.db, argString(ctx.db, 'reference.get', args, 'code')),
  'reference.children': (ctx, args) => {
    const code = normalizeRegionCode(argString(ctx.db, 'reference.children', args, 'code'));
    return code ? childrenOf(ctx.db, code) : [];
  },
  'reference.path': (ctx, args) => pathOf(ctx.db, argString(ctx.db, 'reference.path', args, 'code')),
  'reference.search': (ctx, args) =>
    searchRegions(ctx.db, argString(ctx.db, 'reference.search', args, 'query'), {
      level: argOptionalInt(ctx.db, 'reference.search', args, 'level', 1, 4) as RegionLevel | undefined,
      within: argOptionalString(ctx.db, 'reference.search', args, 'within'),
      limit: argOptionalInt(ctx.db, 'reference.search', args, 'limit', 1, 200),
    }),
};
