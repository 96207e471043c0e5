import type { Database } from 'better-sqlite3';
import type { CountArgs, CriteriaCount } from '../../../shared/contracts/interventions.ts';
import { checkCriteria, CriteriaError, describeCriterion } from '../../../shared/interventions/criteria.ts';
import { checkProgram, ProgramError, type Program } from '../../../shared/interventions/program.ts';
import { currentLanguage, fail } from '../context.ts';
import { selectFamilies } from './lists.ts';
import { readLetterhead } from './settings.ts';
import { memberMask, openUniverse } from './universe.ts';

/**
 * The live count behind the criteria editor: families meeting the criteria, those already
 * covered, the candidates left and the program's units among them, per kabupaten — one pass of
 * masks over the cube (tens of milliseconds at province scale once the cube is warm).
 */
export function countCriteria(db: Database, dbPath: string, args: CountArgs): CriteriaCount {
  const t0 = performance.now();
  let program: ReturnType<typeof checkProgram>;
  try {
    checkCriteria(args.criteria);
    program = checkProgram({
      name: 'count', opd: 'count', strategy: 1, unit: args.unit ?? 'family', year: args.year ?? new Date().getFullYear(),
      criteria: args.criteria, memberCriteria: args.memberCriteria ?? [], recipientPrograms: args.recipientPrograms ?? [],
      coverageYears: args.coverageYears ?? null, source: args.source ?? null,
    });
  } catch (e) {
    if (e instanceof CriteriaError || e instanceof ProgramError) {
      fail(db, 'invalid_input', 'error.programInvalid', { field: e instanceof ProgramError ? e.field : e.path, problem: e.message });
    }
    throw e;
  }
  const u = openUniverse(db, dbPath, program.source, program.year);
  const coverageYears = program.coverageYears ?? readLetterhead(db).coverageYears;
  const sel = selectFamilies(u, program as unknown as Program, coverageYears);
  const n = u.cube.n;
  let units = sel.candidateCount;
  if (program.unit === 'person') {
    units = 0;
    if (u.cube.hasPersons) {
      const ok = memberMask(u, program.memberCriteria);
      const pf = u.cube.personFamily();
      for (let j = 0; j < pf.length; j++) {
        const f = pf[j] as number;
        if (f >= 0 && ok[j] === 1 && sel.eligible[f] === 1 && sel.covered[f] === 0) units++;
      }
    }
  }
  const kab = u.dict.ancestor[2] as Int32Array;
  const region = u.cube.region();
  const perKab = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (sel.eligible[i] === 1 && sel.covered[i] === 0) {
      const k = kab[region[i] as number] ?? -1;
      perKab.set(k, (perKab.get(k) ?? 0) + 1);
    }
  }
  const lang = currentLanguage(db);
  return {
    eligible: sel.eligibleCount,
    covered: sel.coveredCount,
    candidates: sel.candidateCount,
    units,
    total: n,
    byKabupaten: [...perKab.entries()].filter(([k]) => k >= 0).sort((a, b) => a[0] - b[0])
      .map(([k, c]) => ({ code: u.dict.code(k), name: u.dict.name(k), candidates: c })),
    dataset: { source: u.dataset.source, familyBatch: u.dataset.familyBatch, personBatch: u.dataset.personBatch },
    description: describeCriterion({ lang, regionName: (c) => { const i = u.dict.indexOf(c); return i >= 0 ? u.dict.name(i) : undefined; } }, program.criteria),
    membersUnknown: !u.cube.hasPersons,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}
