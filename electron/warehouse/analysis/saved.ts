/**
 * Saved analyses: a named cross-tab spec with how it was shown, so a planner reopens "Keluarga
 * tanpa jamban per kecamatan" next quarter and gets the same table over the newest data. Specs are
 * checked like any cross-tab before they are stored, so a saved one always opens.
 */
import type { Database } from 'better-sqlite3';
import type { AnalysisView, CrosstabSpec, PercentMode, SavedAnalysis } from '../../../shared/contracts/analysis.ts';
import { fail } from '../context.ts';
import { all, get, run, sql } from '../db/sql.ts';
import { normalizeSpec } from './engine.ts';

const METHOD = 'analysis.saved.save';
const MAX_NAME = 120;
const PERCENTS: readonly PercentMode[] = ['none', 'row', 'col', 'total'];
const CHARTS: readonly AnalysisView['chart'][] = ['bar', 'stacked', 'stacked100', 'none'];

interface SavedRow {
  id: number;
  name: string;
  spec: string;
  view: string;
  created_at: string;
  updated_at: string;
}

function bad(db: Database, method: string, problem: string): never {
  fail(db, 'invalid_input', 'error.invalidArgs', { method, problem });
}

function fromRow(r: SavedRow): SavedAnalysis {
  return {
    id: r.id,
    name: r.name,
    spec: JSON.parse(r.spec) as CrosstabSpec,
    view: JSON.parse(r.view) as AnalysisView,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkView(db: Database, raw: unknown): AnalysisView {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(db, METHOD, 'view');
  const v = raw as Record<string, unknown>;
  const percent = PERCENTS.find((p) => p === v['percent']);
  const chart = CHARTS.find((c) => c === v['chart']);
  if (percent === undefined) bad(db, METHOD, 'view.percent');
  if (chart === undefined) bad(db, METHOD, 'view.chart');
  return { percent, chart };
}

/**
 * The spec as stored: checked and defaulted, but without the age date the check fills in with
 * today unless one was chosen — a saved analysis should age its people on the day it is reopened.
 */
function checkSpec(db: Database, raw: unknown): CrosstabSpec {
  const spec = normalizeSpec(db, METHOD, raw);
  const chosenAgeDate = (raw as Record<string, unknown>)['ageDate'];
  if (typeof chosenAgeDate === 'string') return spec;
  const stored: { -readonly [K in keyof CrosstabSpec]: CrosstabSpec[K] } = { ...spec };
  delete stored.ageDate;
  return stored;
}

/**
 * Now, but later than every stored update: two saves in the same millisecond must still list in
 * the order they were made.
 */
function stamp(db: Database): string {
  const now = new Date();
  const latest = get<{ at: string | null }>(db, sql`SELECT max(updated_at) AS at FROM saved_analysis`)?.at ?? null;
  if (latest !== null && latest >= now.toISOString()) return new Date(Date.parse(latest) + 1).toISOString();
  return now.toISOString();
}

/** Newest-updated first (the one just worked on is at the top of the list). */
export function listSaved(db: Database): SavedAnalysis[] {
  return all<SavedRow>(db, sql`SELECT id, name, spec, view, created_at, updated_at FROM saved_analysis ORDER BY updated_at DESC, id DESC`).map(fromRow);
}

/** Create (no id) or overwrite (id) a saved analysis. */
export function saveAnalysis(
  db: Database,
  args: { readonly id?: number; readonly name: string; readonly spec: CrosstabSpec; readonly view: AnalysisView },
): SavedAnalysis {
  if (typeof args !== 'object' || args === null) bad(db, METHOD, 'args');
  const id: unknown = args.id;
  if (id !== undefined && (!Number.isInteger(id) || (id as number) < 1)) bad(db, METHOD, 'id');
  const rawName: unknown = args.name;
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  if (name.length < 1 || name.length > MAX_NAME) bad(db, METHOD, 'name');
  const spec = checkSpec(db, args.spec);
  const view = checkView(db, args.view);
  const now = stamp(db);
  const specText = JSON.stringify(spec);
  const viewText = JSON.stringify(view);
  if (typeof id === 'number') {
    const { changes } = run(db, sql`UPDATE saved_analysis SET name = ${name}, spec = ${specText}, view = ${viewText}, updated_at = ${now} WHERE id = ${id}`);
    if (changes === 0) fail(db, 'not_found', 'error.analysisNotFound', { id });
    return savedById(db, id);
  }
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO saved_analysis (name, spec, view, created_at, updated_at) VALUES (${name}, ${specText}, ${viewText}, ${now}, ${now})`,
  );
  return savedById(db, Number(lastInsertRowid));
}

function savedById(db: Database, id: number): SavedAnalysis {
  const row = get<SavedRow>(db, sql`SELECT id, name, spec, view, created_at, updated_at FROM saved_analysis WHERE id = ${id}`);
  if (!row) fail(db, 'not_found', 'error.analysisNotFound', { id });
  return fromRow(row);
}

export function deleteSaved(db: Database, args: { readonly id: number }): { deleted: boolean } {
  const id: unknown = args?.id;
  if (!Number.isInteger(id) || (id as number) < 1) bad(db, 'analysis.saved.delete', 'id');
  const { changes } = run(db, sql`DELETE FROM saved_analysis WHERE id = ${id as number}`);
  return { deleted: changes > 0 };
}
