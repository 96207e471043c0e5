import type { Database } from 'better-sqlite3';
import type { ProgramSummary } from '../../../shared/contracts/interventions.ts';
import { ALL_FAMILIES, CriteriaError, type Criterion, type MemberCondition } from '../../../shared/interventions/criteria.ts';
import {
  checkProgram, checkWeights, DEFAULT_COLUMNS, namesForKeywords, PROGRAM_TEMPLATES, ProgramError,
  type AnalysisSourceKey, type ListColumn, type Program, type ProgramInput, type Strategy,
} from '../../../shared/interventions/program.ts';
import { appendAudit } from '../audit/log.ts';
import { fail } from '../context.ts';
import { all, get, run, sql } from '../db/sql.ts';
import { recipientProgramNames } from './coverage.ts';
import { latestListOf } from './lists.ts';

/** The program catalogue: rows of `program`, criteria and settings stored as JSON data. */

interface ProgramRow {
  id: number;
  name: string;
  opd: string;
  strategy: number;
  unit: string;
  year: number;
  criteria: string;
  member_criteria: string;
  unit_cost: number | null;
  budget: number | null;
  quota: number | null;
  notes: string;
  weights: string;
  columns: string;
  recipient_programs: string;
  coverage_years: number | null;
  source: string | null;
  template: string | null;
  created_at: string;
  updated_at: string;
}

function parse<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toProgram(r: ProgramRow): Program {
  return {
    id: r.id,
    name: r.name,
    opd: r.opd,
    strategy: r.strategy as Strategy,
    unit: r.unit === 'person' ? 'person' : 'family',
    year: r.year,
    criteria: parse<Criterion>(r.criteria, ALL_FAMILIES),
    memberCriteria: parse<MemberCondition[]>(r.member_criteria, []),
    unitCost: r.unit_cost,
    budget: r.budget,
    quota: r.quota,
    notes: r.notes,
    weights: checkWeights(parse<unknown>(r.weights, null)),
    columns: parse<ListColumn[]>(r.columns, [...DEFAULT_COLUMNS]),
    recipientPrograms: parse<string[]>(r.recipient_programs, []),
    coverageYears: r.coverage_years,
    source: (r.source as AnalysisSourceKey | null) ?? null,
    template: r.template,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getProgram(db: Database, id: number): Program {
  if (!Number.isInteger(id)) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'programs.get', problem: 'id' });
  const r = get<ProgramRow>(db, sql`SELECT * FROM program WHERE id = ${id}`);
  if (!r) fail(db, 'not_found', 'error.programNotFound', { id });
  return toProgram(r);
}

export function listPrograms(db: Database): ProgramSummary[] {
  return all<ProgramRow>(db, sql`SELECT * FROM program ORDER BY year DESC, name, id`).map((r) => ({
    ...toProgram(r),
    latest: latestListOf(db, r.id),
  }));
}

function checked(db: Database, raw: unknown): ReturnType<typeof checkProgram> {
  try {
    return checkProgram(raw);
  } catch (e) {
    if (e instanceof ProgramError || e instanceof CriteriaError) {
      fail(db, 'invalid_input', 'error.programInvalid', { field: e instanceof ProgramError ? e.field : e.path, problem: e.message });
    }
    throw e;
  }
}

/** Create (no id) or replace a program's definition. */
export function saveProgram(db: Database, args: { id?: number; program: ProgramInput }): Program {
  const p = checked(db, args.program);
  const now = new Date().toISOString();
  const values = {
    criteria: JSON.stringify(p.criteria),
    member: JSON.stringify(p.memberCriteria),
    weights: JSON.stringify(p.weights),
    columns: JSON.stringify(p.columns),
    recipients: JSON.stringify(p.recipientPrograms),
  };
  if (args.id !== undefined) {
    getProgram(db, args.id);
    run(db, sql`UPDATE program SET name = ${p.name}, opd = ${p.opd}, strategy = ${p.strategy}, unit = ${p.unit}, year = ${p.year},
      criteria = ${values.criteria}, member_criteria = ${values.member}, unit_cost = ${p.unitCost}, budget = ${p.budget}, quota = ${p.quota},
      notes = ${p.notes}, weights = ${values.weights}, columns = ${values.columns}, recipient_programs = ${values.recipients},
      coverage_years = ${p.coverageYears}, source = ${p.source}, template = ${p.template}, updated_at = ${now} WHERE id = ${args.id}`);
    return getProgram(db, args.id);
  }
  const r = run(db, sql`INSERT INTO program (name, opd, strategy, unit, year, criteria, member_criteria, unit_cost, budget, quota, notes,
      weights, columns, recipient_programs, coverage_years, source, template, created_at, updated_at)
    VALUES (${p.name}, ${p.opd}, ${p.strategy}, ${p.unit}, ${p.year}, ${values.criteria}, ${values.member}, ${p.unitCost}, ${p.budget}, ${p.quota},
      ${p.notes}, ${values.weights}, ${values.columns}, ${values.recipients}, ${p.coverageYears}, ${p.source}, ${p.template}, ${now}, ${now})`);
  return getProgram(db, Number(r.lastInsertRowid));
}

/** A new program from a template; recipient-list names containing its words count as coverage. */
export function programFromTemplate(db: Database, args: { template: string; year?: number }): Program {
  const t = PROGRAM_TEMPLATES.find((x) => x.key === args.template);
  if (!t) fail(db, 'invalid_input', 'error.templateNotFound', { template: args.template });
  const names = recipientProgramNames(db).map((n) => n.name);
  const year = args.year ?? new Date().getFullYear();
  return saveProgram(db, {
    program: { ...t.program, year, recipientPrograms: namesForKeywords(t.recipientKeywords, names), template: t.key },
  });
}

export function deleteProgram(db: Database, id: number): { deleted: boolean } {
  const p = getProgram(db, id);
  const final = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM intervention_list WHERE program_id = ${id} AND status = 'final'`)?.n ?? 0;
  if (final > 0) fail(db, 'conflict', 'error.programHasFinal', { name: p.name });
  db.transaction(() => {
    const drafts = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM intervention_list WHERE program_id = ${id}`)?.n ?? 0;
    run(db, sql`DELETE FROM intervention_list WHERE program_id = ${id}`);
    run(db, sql`DELETE FROM program WHERE id = ${id}`);
    appendAudit(db, 'program.delete', { programId: id, program: p.name, opd: p.opd, year: p.year, draftsDeleted: drafts });
  })();
  return { deleted: true };
}
