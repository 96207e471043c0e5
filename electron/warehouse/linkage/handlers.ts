import type { LinkageContract } from '../../../shared/contracts/linkage.ts';
import type { Handlers, WarehouseContext } from '../context.ts';
import { exportLinkage } from './export.ts';
import { linkRecords, linkSummary, listRuns, overlap, runInfo } from './results.ts';
import { decide, nextReview } from './review.ts';
import { linkBatches } from './run.ts';
import { linkThresholds, setLinkThresholds } from './settings.ts';

function changed<T>(ctx: WarehouseContext, value: T): T {
  ctx.emit('data.changed', { scopes: ['linkage'] });
  return value;
}

export const linkageHandlers: Handlers<LinkageContract> = {
  'linkage.runs': (ctx) => listRuns(ctx.db),
  'linkage.run': (ctx, args) => changed(ctx, runInfo(ctx.db, linkBatches(ctx.db, { a: args.a, b: args.b, ...(args.force ? { force: true } : {}) }).runId)),
  'linkage.summary': (ctx, args) => linkSummary(ctx.db, args),
  'linkage.records': (ctx, args) => linkRecords(ctx.db, args),
  'linkage.review.next': (ctx, args) => nextReview(ctx.db, args.runId, args.offset ?? 0),
  'linkage.review.decide': (ctx, args) => changed(ctx, decide(ctx.db, args)),
  'linkage.thresholds.get': (ctx) => linkThresholds(ctx.db),
  'linkage.thresholds.set': (ctx, args) => changed(ctx, setLinkThresholds(ctx.db, args)),
  'linkage.export': (ctx, args) => exportLinkage(ctx, args),
  'linkage.overlap': (ctx, args) => overlap(ctx.db, args),
};
