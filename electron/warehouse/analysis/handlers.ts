import type { AnalysisContract } from '../../../shared/contracts/analysis.ts';
import type { Handlers } from '../context.ts';
import { analysisCatalog } from './catalog.ts';
import { runCrosstab } from './crosstab.ts';
import { drill } from './drill.ts';
import { normalizeSpec } from './engine.ts';
import { exportCrosstab } from './export.ts';
import { familyDetail } from './family.ts';
import { regionProfile } from './profile.ts';
import { deleteSaved, listSaved, saveAnalysis } from './saved.ts';

export const analysisHandlers: Handlers<AnalysisContract> = {
  'analysis.catalog': (ctx) => analysisCatalog(ctx.db, ctx.dbPath),
  'analysis.crosstab': (ctx, args) => runCrosstab(ctx.db, ctx.dbPath, normalizeSpec(ctx.db, 'analysis.crosstab', args.spec)),
  'analysis.drill': (ctx, args) => drill(ctx.db, ctx.dbPath, args),
  'analysis.family': (ctx, args) => familyDetail(ctx.db, ctx.dbPath, args),
  'analysis.profile': (ctx, args) => regionProfile(ctx.db, ctx.dbPath, args),
  'analysis.export': (ctx, args) => exportCrosstab(ctx, args),
  'analysis.saved.list': (ctx) => listSaved(ctx.db),
  'analysis.saved.save': (ctx, args) => saveAnalysis(ctx.db, args),
  'analysis.saved.delete': (ctx, args) => deleteSaved(ctx.db, args),
};
