/**
 * The program editor's state in plain data: numbers kept as the text the planner typed (so a
 * half-typed figure is not lost), turned into a `ProgramInput` for `programs.save` and into the
 * `CountArgs` of the live count. No React here.
 */
import type { CountArgs } from '../../../../shared/contracts/interventions.ts';
import type { MemberCondition } from '../../../../shared/interventions/criteria.ts';
import {
  DEFAULT_COLUMNS, DEFAULT_WEIGHTS, SCORE_PARTS, type AnalysisSourceKey, type ListColumn, type Program, type ProgramInput,
  type ProgramUnit, type ScorePart, type Strategy,
} from '../../../../shared/interventions/program.ts';
import {
  emptyGroup, fromCriterion, memberConditionOf, memberDraftOf, toCriterion, type GroupNode, type MemberDraft, type NextId,
} from './criteriaModel.ts';

export type TargetMode = 'budget' | 'quota';

export interface ProgramDraft {
  readonly name: string;
  readonly opd: string;
  readonly strategy: Strategy;
  readonly unit: ProgramUnit;
  readonly year: string;
  readonly unitCost: string;
  /** The program is capped by a budget (pagu) or by a number of places (kuota). */
  readonly target: TargetMode;
  readonly budget: string;
  readonly quota: string;
  readonly notes: string;
  /** '' = the warehouse's default (P3KE, else what is loaded). */
  readonly source: AnalysisSourceKey | '';
  readonly recipientPrograms: readonly string[];
  /** '' = the default from the letterhead settings. */
  readonly coverageYears: string;
  readonly weights: Readonly<Record<ScorePart, string>>;
  readonly columns: readonly ListColumn[];
  readonly memberCriteria: readonly MemberDraft[];
  readonly criteria: GroupNode;
  readonly template: string | null;
}

/** Fields the planner typed that are not numbers where numbers are needed. */
export type DraftField = 'year' | 'unitCost' | 'budget' | 'quota' | 'coverageYears' | `weight.${ScorePart}`;

const text = (n: number | null): string => (n === null ? '' : String(n));

export function newDraft(nextId: NextId, year: number): ProgramDraft {
  return {
    name: '',
    opd: '',
    strategy: 3,
    unit: 'family',
    year: String(year),
    unitCost: '',
    target: 'budget',
    budget: '',
    quota: '',
    notes: '',
    source: '',
    recipientPrograms: [],
    coverageYears: '',
    weights: weightTexts(DEFAULT_WEIGHTS),
    columns: [...DEFAULT_COLUMNS],
    memberCriteria: [],
    criteria: emptyGroup(nextId),
    template: null,
  };
}

function weightTexts(w: Readonly<Record<ScorePart, number>>): Record<ScorePart, string> {
  const out = {} as Record<ScorePart, string>;
  for (const p of SCORE_PARTS) out[p] = String(w[p]);
  return out;
}

export function draftOf(p: Program, nextId: NextId): ProgramDraft {
  return {
    name: p.name,
    opd: p.opd,
    strategy: p.strategy,
    unit: p.unit,
    year: String(p.year),
    unitCost: text(p.unitCost),
    target: p.budget === null && p.quota !== null ? 'quota' : 'budget',
    budget: text(p.budget),
    quota: text(p.quota),
    notes: p.notes,
    source: p.source ?? '',
    recipientPrograms: p.recipientPrograms,
    coverageYears: text(p.coverageYears),
    weights: weightTexts(p.weights),
    columns: p.columns,
    memberCriteria: p.memberCriteria.map((m) => memberDraftOf(m, nextId)),
    criteria: fromCriterion(p.criteria, nextId),
    template: p.template,
  };
}

/** Digits as typed, with the id-ID thousands dots or spaces allowed ("20.000.000"). */
export function parseAmount(s: string): number | null | 'invalid' {
  const t = s.trim().replace(/[.\s]/g, '').replace(',', '.');
  if (t === '') return null;
  if (!/^\d+(\.\d+)?$/.test(t)) return 'invalid';
  return Number(t);
}

function parseInteger(s: string): number | null | 'invalid' {
  const n = parseAmount(s);
  return n === null || n === 'invalid' ? n : Number.isInteger(n) ? n : 'invalid';
}

export interface Checked {
  readonly input: ProgramInput | null;
  readonly errors: readonly DraftField[];
}

function memberConditions(list: readonly MemberDraft[]): MemberCondition[] {
  return list.map(memberConditionOf).filter((m): m is MemberCondition => m !== null);
}

/** The draft as the warehouse's input, or the fields that are not numbers yet. */
export function toInput(d: ProgramDraft): Checked {
  const errors: DraftField[] = [];
  const year = parseInteger(d.year);
  if (year === null || year === 'invalid') errors.push('year');
  const unitCost = parseAmount(d.unitCost);
  if (unitCost === 'invalid') errors.push('unitCost');
  const budget = d.target === 'budget' ? parseAmount(d.budget) : null;
  if (budget === 'invalid') errors.push('budget');
  const quota = d.target === 'quota' ? parseInteger(d.quota) : null;
  if (quota === 'invalid') errors.push('quota');
  const coverageYears = parseInteger(d.coverageYears);
  if (coverageYears === 'invalid') errors.push('coverageYears');
  const weights = {} as Record<ScorePart, number>;
  for (const p of SCORE_PARTS) {
    const w = parseAmount(d.weights[p]);
    if (w === null || w === 'invalid') errors.push(`weight.${p}`);
    else weights[p] = w;
  }
  if (errors.length > 0 || year === null || year === 'invalid' || unitCost === 'invalid' || budget === 'invalid' || quota === 'invalid' || coverageYears === 'invalid') {
    return { input: null, errors };
  }
  const input: ProgramInput = {
    name: d.name,
    opd: d.opd,
    strategy: d.strategy,
    unit: d.unit,
    year,
    criteria: toCriterion(d.criteria),
    memberCriteria: d.unit === 'person' ? memberConditions(d.memberCriteria) : [],
    unitCost,
    budget,
    quota,
    notes: d.notes,
    weights,
    columns: d.columns,
    recipientPrograms: d.recipientPrograms,
    coverageYears,
    ...(d.source !== '' ? { source: d.source } : {}),
    template: d.template,
  };
  return { input, errors };
}

/** What the live count is asked for this draft (criteria as they stand, the draft's coverage settings). */
export function countArgsOf(d: ProgramDraft, fallbackYear: number): CountArgs {
  const year = parseInteger(d.year);
  const coverage = parseInteger(d.coverageYears);
  return {
    criteria: toCriterion(d.criteria),
    unit: d.unit,
    memberCriteria: d.unit === 'person' ? memberConditions(d.memberCriteria) : [],
    year: typeof year === 'number' && year >= 2000 && year <= 2100 ? year : fallbackYear,
    recipientPrograms: d.recipientPrograms,
    coverageYears: typeof coverage === 'number' ? coverage : null,
    source: d.source === '' ? null : d.source,
  };
}

/** A key that changes exactly when what is saved would (local ids left out). */
export function inputKey(d: ProgramDraft): string {
  const { input } = toInput(d);
  return input ? JSON.stringify(input) : `invalid:${JSON.stringify({ ...d, criteria: toCriterion(d.criteria) })}`;
}

/** Move `col` one place up (-1) or down (+1) in the chosen columns. */
export function moveColumn(columns: readonly ListColumn[], col: ListColumn, by: -1 | 1): ListColumn[] {
  const out = [...columns];
  const i = out.indexOf(col);
  const j = i + by;
  if (i < 0 || j < 0 || j >= out.length) return out;
  out[i] = out[j] as ListColumn;
  out[j] = col;
  return out;
}
