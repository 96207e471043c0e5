import type { InterventionsContract } from '../../../shared/contracts/interventions.ts';
import { PROGRAM_TEMPLATES } from '../../../shared/interventions/program.ts';
import type { Handlers, WarehouseContext } from '../context.ts';
import { convergenceFamilies, convergenceTable } from './convergence.ts';
import { countCriteria } from './count.ts';
import { recipientProgramNames } from './coverage.ts';
import { exportList } from './export.ts';
import {
  addMember, draftList, finalizeList, listCandidates, listDetail, listDiff, listLists, listMembers, removeMember, reviseList,
} from './lists.ts';
import { deleteProgram, getProgram, listPrograms, programFromTemplate, saveProgram } from './programs.ts';
import { readLetterhead, saveLetterhead } from './settings.ts';

/** Tell every open window that programs or lists changed (another window may show them). */
function changed<T>(ctx: WarehouseContext, scopes: readonly string[], value: T): T {
  ctx.emit('data.changed', { scopes });
  return value;
}

export const interventionsHandlers: Handlers<InterventionsContract> = {
  'programs.list': (ctx) => listPrograms(ctx.db),
  'programs.get': (ctx, args) => getProgram(ctx.db, args.id),
  'programs.templates': (ctx) => ({ templates: PROGRAM_TEMPLATES, recipientPrograms: recipientProgramNames(ctx.db), year: new Date().getFullYear() }),
  'programs.save': (ctx, args) => changed(ctx, ['programs'], saveProgram(ctx.db, args)),
  'programs.fromTemplate': (ctx, args) => changed(ctx, ['programs'], programFromTemplate(ctx.db, args)),
  'programs.delete': (ctx, args) => changed(ctx, ['programs', 'lists'], deleteProgram(ctx.db, args.id)),
  'programs.count': (ctx, args) => countCriteria(ctx.db, ctx.dbPath, args),
  'lists.list': (ctx, args) => listLists(ctx.db, args),
  'lists.draft': (ctx, args) => changed(ctx, ['lists', 'programs'], draftList(ctx.db, ctx.dbPath, args)),
  'lists.get': (ctx, args) => listDetail(ctx.db, args.listId),
  'lists.members': (ctx, args) => listMembers(ctx.db, args),
  'lists.candidates': (ctx, args) => listCandidates(ctx.db, ctx.dbPath, args),
  'lists.add': (ctx, args) => changed(ctx, ['lists'], addMember(ctx.db, ctx.dbPath, args)),
  'lists.remove': (ctx, args) => changed(ctx, ['lists'], removeMember(ctx.db, args)),
  'lists.finalize': (ctx, args) => changed(ctx, ['lists', 'programs'], finalizeList(ctx.db, args.listId)),
  'lists.revise': (ctx, args) => changed(ctx, ['lists', 'programs'], reviseList(ctx.db, args.listId)),
  'lists.diff': (ctx, args) => listDiff(ctx.db, args.listId),
  'lists.export': (ctx, args) => exportList(ctx, args),
  'lists.settings.get': (ctx) => readLetterhead(ctx.db),
  'lists.settings.save': (ctx, args) => changed(ctx, ['settings'], saveLetterhead(ctx.db, args.letterhead)),
  'convergence.table': (ctx, args) => convergenceTable(ctx.db, ctx.dbPath, args),
  'convergence.families': (ctx, args) => convergenceFamilies(ctx.db, ctx.dbPath, args),
};
