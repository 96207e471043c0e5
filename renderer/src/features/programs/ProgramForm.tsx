import { useId, type ReactNode } from 'react';
import type { AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { AnalysisCatalog } from '../../../../shared/contracts/analysis.ts';
import type { RecipientProgramName } from '../../../../shared/contracts/interventions.ts';
import { placesForBudget } from '../../../../shared/interventions/allocate.ts';
import {
  LIST_COLUMN_LABEL, LIST_COLUMNS, SCORE_PART_LABEL, SCORE_PARTS, STRATEGIES, STRATEGY_LABEL, type AnalysisSourceKey, type ListColumn,
} from '../../../../shared/interventions/program.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_LABEL } from '../analysis/analysisModel.ts';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { newMemberDraft, type NextId } from './criteriaModel.ts';
import { MemberConditionEditor } from './MemberConditionEditor.tsx';
import { moveColumn, parseAmount, type DraftField, type ProgramDraft } from './programModel.ts';

export interface ProgramFormProps {
  readonly draft: ProgramDraft;
  readonly onChange: (next: ProgramDraft) => void;
  readonly nextId: NextId;
  readonly catalog: AnalysisCatalog;
  readonly recipients: readonly RecipientProgramName[];
  readonly province: Region;
  /** Fields that are not numbers yet (marked, and saving waits). */
  readonly fieldErrors: readonly DraftField[];
  /** The field the warehouse refused on the last save, with its words. */
  readonly serverError?: { readonly field: string; readonly message: string } | null;
}

const SOURCES: readonly AnalysisSourceKey[] = ['p3ke', 'dtsen', 'dtks'];

function Field({ id, label, children, note, error, wide }: {
  readonly id: string;
  readonly label: string;
  readonly children: ReactNode;
  readonly note?: ReactNode;
  readonly error?: string | null;
  readonly wide?: boolean;
}) {
  return (
    <div className={`form-field pg-field${wide ? ' is-wide' : ''}${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field-note warn-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {note ? <p className="field-note">{note}</p> : null}
    </div>
  );
}

/**
 * The program editor's form: identity and money, coverage (which recipient lists mean "already
 * receives"), the criteria, which members a person program lists, the score weights and the
 * list's columns. It edits the draft only; saving is the page's.
 */
export function ProgramForm({ draft, onChange, nextId, catalog, recipients, province, fieldErrors, serverError }: ProgramFormProps) {
  const { t, num, label } = useI18n();
  const base = useId();
  const set = (patch: Partial<ProgramDraft>) => onChange({ ...draft, ...patch });
  const server = (field: string): string | null => (serverError && serverError.field === field ? serverError.message : null);
  const err = (f: DraftField): string | null =>
    fieldErrors.includes(f) ? t('prog.form.notNumber') : server(f.startsWith('weight.') ? 'weights' : f);
  const criteriaError = serverError && (serverError.field.startsWith('kriteria') || serverError.field === 'criteria') ? serverError.message : null;
  const familyAttributes = catalog.attributes.filter((a) => a.level === 'family');
  const personAttributes = catalog.attributes.filter((a) => a.level === 'person');
  const loaded = new Set(catalog.sources.map((s) => s.source));

  const source = draft.source === '' ? (loaded.has('p3ke') ? 'p3ke' : catalog.sources[0]?.source) : draft.source;
  const filled = catalog.sources.find((s) => s.source === source)?.filled ?? null;
  const missingNote = (key: string): string | null =>
    filled && source && !filled.includes(key) ? t('prog.cr.missingInSource', { source: SOURCE_LABEL[source] }) : null;

  const unitCost = parseAmount(draft.unitCost);
  const budget = parseAmount(draft.budget);
  const places = typeof unitCost === 'number' && typeof budget === 'number' ? placesForBudget(budget, unitCost) : null;

  return (
    <div className="pg-form">
      <section className="card pg-section" aria-labelledby={`${base}-id`}>
        <h2 id={`${base}-id`} className="card-title">
          {t('prog.form.identity')}
        </h2>
        <div className="pg-fields">
          <Field id={`${base}-name`} label={t('prog.form.name')} error={server('name')} wide>
            <input id={`${base}-name`} className="text-input" value={draft.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field id={`${base}-opd`} label={t('prog.form.opd')} error={server('opd')} wide>
            <input id={`${base}-opd`} className="text-input" value={draft.opd} maxLength={200} onChange={(e) => set({ opd: e.target.value })} />
          </Field>
          <fieldset className="pg-field is-wide pg-radios">
            <legend className="field-label">{t('prog.form.strategy')}</legend>
            {STRATEGIES.map((s) => (
              <label key={s} className="radio">
                <input type="radio" name={`${base}-strategy`} checked={draft.strategy === s} onChange={() => set({ strategy: s })} />
                <span>
                  {s}. {label(STRATEGY_LABEL[s])}
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="pg-field pg-radios">
            <legend className="field-label">{t('prog.form.unit')}</legend>
            <label className="radio">
              <input type="radio" name={`${base}-unit`} checked={draft.unit === 'family'} onChange={() => set({ unit: 'family' })} />
              <span>{t('prog.unit.family')}</span>
            </label>
            <label className="radio">
              <input type="radio" name={`${base}-unit`} checked={draft.unit === 'person'} onChange={() => set({ unit: 'person' })} />
              <span>{t('prog.unit.person')}</span>
            </label>
          </fieldset>
          <Field id={`${base}-year`} label={t('prog.form.year')} error={err('year')}>
            <input id={`${base}-year`} className="text-input pg-short" inputMode="numeric" value={draft.year} onChange={(e) => set({ year: e.target.value })} />
          </Field>
          <Field id={`${base}-source`} label={t('prog.form.source')} note={t('prog.form.sourceNote')}>
            <select id={`${base}-source`} className="select" value={draft.source} onChange={(e) => set({ source: e.target.value as AnalysisSourceKey | '' })}>
              <option value="">{t('prog.form.sourceDefault')}</option>
              {SOURCES.map((s) => (
                <option key={s} value={s} disabled={!loaded.has(s)}>
                  {SOURCE_LABEL[s]}
                  {loaded.has(s) ? '' : ` (${t('prog.form.sourceNone')})`}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${base}-notes`} label={t('prog.form.notes')} wide>
            <textarea id={`${base}-notes`} className="text-input pg-notes" rows={3} maxLength={4000} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
          </Field>
        </div>
      </section>

      <section className="card pg-section" aria-labelledby={`${base}-money`}>
        <h2 id={`${base}-money`} className="card-title">
          {t('prog.form.money')}
        </h2>
        <div className="pg-fields">
          <Field id={`${base}-cost`} label={t('prog.form.unitCost')} error={err('unitCost')} note={draft.unit === 'person' ? t('prog.form.unitCostPerson') : t('prog.form.unitCostFamily')}>
            <input id={`${base}-cost`} className="text-input" inputMode="numeric" value={draft.unitCost} onChange={(e) => set({ unitCost: e.target.value })} />
          </Field>
          <fieldset className="pg-field pg-radios">
            <legend className="field-label">{t('prog.form.target')}</legend>
            <label className="radio">
              <input type="radio" name={`${base}-target`} checked={draft.target === 'budget'} onChange={() => set({ target: 'budget' })} />
              <span>{t('prog.form.targetBudget')}</span>
            </label>
            <label className="radio">
              <input type="radio" name={`${base}-target`} checked={draft.target === 'quota'} onChange={() => set({ target: 'quota' })} />
              <span>{t('prog.form.targetQuota')}</span>
            </label>
          </fieldset>
          {draft.target === 'budget' ? (
            <Field
              id={`${base}-budget`}
              label={t('prog.form.budget')}
              error={err('budget')}
              note={places !== null ? t('prog.form.places', { n: num(places) }) : typeof unitCost === 'number' ? undefined : t('prog.form.placesNeedCost')}
            >
              <input id={`${base}-budget`} className="text-input" inputMode="numeric" value={draft.budget} onChange={(e) => set({ budget: e.target.value })} />
            </Field>
          ) : (
            <Field id={`${base}-quota`} label={t('prog.form.quota')} error={err('quota')}>
              <input id={`${base}-quota`} className="text-input pg-short" inputMode="numeric" value={draft.quota} onChange={(e) => set({ quota: e.target.value })} />
            </Field>
          )}
        </div>
      </section>

      <section className="card pg-section" aria-labelledby={`${base}-criteria`}>
        <h2 id={`${base}-criteria`} className="card-title">
          {t('prog.form.criteria')}
        </h2>
        <p className="field-note">{t('prog.form.criteriaLead')}</p>
        {criteriaError ? (
          <p className="field-note warn-text" role="alert">
            {criteriaError}
          </p>
        ) : null}
        <CriteriaEditor
          root={draft.criteria}
          onChange={(criteria) => set({ criteria })}
          nextId={nextId}
          familyAttributes={familyAttributes}
          personAttributes={personAttributes}
          recipients={recipients}
          province={province}
          missingNote={missingNote}
        />
      </section>

      {draft.unit === 'person' ? (
        <MemberCriteriaSection draft={draft} set={set} nextId={nextId} personAttributes={personAttributes} />
      ) : null}

      <CoverageSection draft={draft} set={set} recipients={recipients} error={err('coverageYears')} />

      <section className="card pg-section" aria-labelledby={`${base}-weights`}>
        <h2 id={`${base}-weights`} className="card-title">
          {t('prog.form.weights')}
        </h2>
        <p className="field-note">{t('prog.form.weightsLead')}</p>
        <div className="pg-weights">
          {SCORE_PARTS.map((p) => (
            <Field key={p} id={`${base}-w-${p}`} label={label(SCORE_PART_LABEL[p])} error={err(`weight.${p}`)}>
              <input
                id={`${base}-w-${p}`}
                className="text-input pg-short"
                type="number"
                min={0}
                max={1000}
                step="any"
                value={draft.weights[p]}
                onChange={(e) => set({ weights: { ...draft.weights, [p]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
      </section>

      <ColumnsSection columns={draft.columns} onChange={(columns) => set({ columns })} />
    </div>
  );
}

function MemberCriteriaSection({ draft, set, nextId, personAttributes }: {
  readonly draft: ProgramDraft;
  readonly set: (patch: Partial<ProgramDraft>) => void;
  readonly nextId: NextId;
  readonly personAttributes: readonly AttributeMeta[];
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="card pg-section" aria-labelledby={id} data-testid="member-criteria">
      <h2 id={id} className="card-title">
        {t('prog.form.memberCriteria')}
      </h2>
      <p className="field-note">{draft.memberCriteria.length === 0 ? t('prog.form.memberCriteriaAll') : t('prog.form.memberCriteriaLead')}</p>
      <ul className="cr-member-list">
        {draft.memberCriteria.map((m, i) => (
          <li key={m.id}>
            {i > 0 ? <span className="cr-joiner">{t('prog.cr.joinAnd')}</span> : null}
            <MemberConditionEditor
              cond={m}
              attributes={personAttributes}
              onChange={(next) => set({ memberCriteria: draft.memberCriteria.map((x) => (x.id === m.id ? next : x)) })}
              onRemove={() => set({ memberCriteria: draft.memberCriteria.filter((x) => x.id !== m.id) })}
            />
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => set({ memberCriteria: [...draft.memberCriteria, newMemberDraft(nextId)] })}>
        {t('prog.cr.addMemberTrait')}
      </button>
    </section>
  );
}

function CoverageSection({ draft, set, recipients, error }: {
  readonly draft: ProgramDraft;
  readonly set: (patch: Partial<ProgramDraft>) => void;
  readonly recipients: readonly RecipientProgramName[];
  readonly error: string | null;
}) {
  const { t, num } = useI18n();
  const id = useId();
  const known = new Set(recipients.map((r) => r.name));
  const gone = draft.recipientPrograms.filter((p) => !known.has(p));
  const toggle = (name: string, on: boolean) =>
    set({ recipientPrograms: on ? [...draft.recipientPrograms.filter((p) => p !== name), name] : draft.recipientPrograms.filter((p) => p !== name) });
  return (
    <section className="card pg-section" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {t('prog.form.coverage')}
      </h2>
      <p className="field-note">{t('prog.form.coverageLead')}</p>
      {recipients.length === 0 && gone.length === 0 ? (
        <p className="muted">{t('prog.recipients.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table pg-recipients" data-testid="recipient-programs">
            <thead>
              <tr>
                <th scope="col">{t('prog.recipients.name')}</th>
                <th scope="col" className="num">
                  {t('prog.recipients.rows')}
                </th>
                <th scope="col">{t('prog.recipients.years')}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((r) => (
                <tr key={r.name}>
                  <th scope="row">
                    <label className="checkbox">
                      <input type="checkbox" checked={draft.recipientPrograms.includes(r.name)} onChange={(e) => toggle(r.name, e.target.checked)} />
                      <span>{r.name}</span>
                    </label>
                  </th>
                  <td className="num">{num(r.rows)}</td>
                  <td>{r.years.join(', ') || '—'}</td>
                </tr>
              ))}
              {gone.map((name) => (
                <tr key={name}>
                  <th scope="row">
                    <label className="checkbox">
                      <input type="checkbox" checked onChange={(e) => toggle(name, e.target.checked)} />
                      <span>{name}</span>
                    </label>
                  </th>
                  <td colSpan={2} className="muted">
                    {t('prog.recipients.gone')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={`form-field pg-field${error ? ' has-error' : ''}`}>
        <label className="field-label" htmlFor={`${id}-years`}>
          {t('prog.form.coverageYears')}
        </label>
        <input
          id={`${id}-years`}
          className="text-input pg-short"
          inputMode="numeric"
          placeholder={t('prog.form.coverageYearsDefault')}
          value={draft.coverageYears}
          onChange={(e) => set({ coverageYears: e.target.value })}
        />
        {error ? <p className="field-note warn-text">{error}</p> : null}
        <p className="field-note">{t('prog.form.coverageYearsNote')}</p>
      </div>
    </section>
  );
}

function ColumnsSection({ columns, onChange }: { readonly columns: readonly ListColumn[]; readonly onChange: (next: readonly ListColumn[]) => void }) {
  const { t, label } = useI18n();
  const id = useId();
  const unused = LIST_COLUMNS.filter((c) => !columns.includes(c));
  return (
    <section className="card pg-section" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {t('prog.form.columns')}
      </h2>
      <p className="field-note">{t('prog.form.columnsLead')}</p>
      <ol className="pg-columns" data-testid="list-columns">
        {columns.map((c, i) => {
          const name = label(LIST_COLUMN_LABEL[c]);
          return (
            <li key={c} data-column={c}>
              <span className="pg-column-name">{name}</span>
              <span className="pg-column-tools">
                <button type="button" className="btn btn-ghost btn-small" disabled={i === 0} onClick={() => onChange(moveColumn(columns, c, -1))} aria-label={t('prog.form.columnUp', { name })}>
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={i === columns.length - 1}
                  onClick={() => onChange(moveColumn(columns, c, 1))}
                  aria-label={t('prog.form.columnDown', { name })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={columns.length === 1}
                  onClick={() => onChange(columns.filter((x) => x !== c))}
                  aria-label={t('prog.form.columnRemove', { name })}
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {unused.length > 0 ? (
        <div className="inline-field pg-column-add">
          <label htmlFor={`${id}-add`}>{t('prog.form.columnAdd')}</label>
          <select
            id={`${id}-add`}
            className="select select-small"
            value=""
            onChange={(e) => {
              const c = LIST_COLUMNS.find((x) => x === e.target.value);
              if (c) onChange([...columns, c]);
            }}
          >
            <option value="">—</option>
            {unused.map((c) => (
              <option key={c} value={c}>
                {label(LIST_COLUMN_LABEL[c])}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </section>
  );
}
