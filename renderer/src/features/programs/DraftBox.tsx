import { useId, useState } from 'react';
import type { AllocationLevel, DraftArgs } from '../../../../shared/contracts/interventions.ts';
import { placesForBudget } from '../../../../shared/interventions/allocate.ts';
import type { Program } from '../../../../shared/interventions/program.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { useI18n } from '../../i18n/useT.ts';
import { parseAmount } from './programModel.ts';

export const LEVELS: readonly { readonly value: AllocationLevel; readonly key: UiKey }[] = [
  { value: 'none', key: 'prog.level.none' },
  { value: 'kabupaten', key: 'prog.level.kabupaten' },
  { value: 'kecamatan', key: 'prog.level.kecamatan' },
  { value: 'desa', key: 'prog.level.desa' },
];

type LimitMode = 'program' | 'budget' | 'quota';

export interface DraftBoxProps {
  readonly program: Program;
  /** Starting allocation level (the current list's, when redrafting). */
  readonly level?: AllocationLevel;
  /** The limit the current list was drafted with, so a redraft starts from it rather than the program's. */
  readonly current?: { readonly budget: number | null; readonly target: number; readonly candidates: number };
  /** Places set by hand in the allocation table, for the current list's level. */
  readonly manual?: Readonly<Record<string, number>>;
  /** The level the manual places belong to. */
  readonly manualLevel?: AllocationLevel;
  readonly busy: boolean;
  /** Why drafting must wait (unsaved changes …); the button is off while set. */
  readonly blocked?: string | null;
  readonly redraft?: boolean;
  readonly onDraft: (args: DraftArgs) => void;
}

/**
 * "Susun daftar": how many places (the program's pagu or kuota, or another figure for this draft)
 * and over which areas they are split; the warehouse ranks the candidates and takes the top of
 * each area.
 */
/** Where a redraft starts: the current list's own budget or quota when it differs from the program's. */
function startOf(program: Program, current: DraftBoxProps['current']): { mode: LimitMode; budget: string; quota: string } {
  if (current?.budget != null && current.budget !== program.budget) return { mode: 'budget', budget: String(current.budget), quota: '' };
  if (current && current.budget === null && program.quota !== current.target && current.target < current.candidates) return { mode: 'quota', budget: '', quota: String(current.target) };
  return { mode: 'program', budget: '', quota: '' };
}

export function DraftBox({ program, level: startLevel = 'kecamatan', current, manual, manualLevel, busy, blocked, redraft, onDraft }: DraftBoxProps) {
  const { t, num } = useI18n();
  const base = useId();
  const [start] = useState(() => startOf(program, current));
  const [mode, setMode] = useState<LimitMode>(start.mode);
  const [budget, setBudget] = useState(start.budget);
  const [quota, setQuota] = useState(start.quota);
  const [level, setLevel] = useState<AllocationLevel>(startLevel);

  const programLimit =
    program.budget !== null
      ? t('prog.draft.programBudget', { budget: `Rp ${num(program.budget)}`, n: num(placesForBudget(program.budget, program.unitCost) ?? 0) })
      : program.quota !== null
        ? t('prog.draft.programQuota', { n: num(program.quota) })
        : t('prog.draft.programNone');
  const b = parseAmount(budget);
  const q = parseAmount(quota);
  const invalid = (mode === 'budget' && typeof b !== 'number') || (mode === 'quota' && (typeof q !== 'number' || !Number.isInteger(q)));
  const places = mode === 'budget' && typeof b === 'number' ? placesForBudget(b, program.unitCost) : null;
  const manualUsed = manual && Object.keys(manual).length > 0 && manualLevel === level ? manual : undefined;

  const submit = () => {
    if (invalid) return;
    onDraft({
      programId: program.id,
      level,
      ...(mode === 'budget' && typeof b === 'number' ? { budget: b } : {}),
      ...(mode === 'quota' && typeof q === 'number' ? { quota: q } : {}),
      ...(manualUsed ? { manual: manualUsed } : {}),
    });
  };

  return (
    <div className="pg-draft" data-testid="draft-box">
      <fieldset className="pg-radios">
        <legend className="field-label">{t('prog.draft.limit')}</legend>
        <label className="radio">
          <input type="radio" name={`${base}-mode`} checked={mode === 'program'} onChange={() => setMode('program')} />
          <span>{programLimit}</span>
        </label>
        <label className="radio">
          <input type="radio" name={`${base}-mode`} checked={mode === 'budget'} onChange={() => setMode('budget')} />
          <span>{t('prog.draft.otherBudget')}</span>
        </label>
        <label className="radio">
          <input type="radio" name={`${base}-mode`} checked={mode === 'quota'} onChange={() => setMode('quota')} />
          <span>{t('prog.draft.otherQuota')}</span>
        </label>
      </fieldset>
      {mode === 'budget' ? (
        <div className="form-field">
          <label className="field-label" htmlFor={`${base}-budget`}>
            {t('prog.draft.budget')}
          </label>
          <input id={`${base}-budget`} className="text-input" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} />
          <p className="field-note" data-testid="draft-places">
            {program.unitCost === null ? t('prog.form.placesNeedCost') : places !== null ? t('prog.form.places', { n: num(places) }) : ''}
          </p>
        </div>
      ) : null}
      {mode === 'quota' ? (
        <div className="form-field">
          <label className="field-label" htmlFor={`${base}-quota`}>
            {t('prog.draft.quota')}
          </label>
          <input id={`${base}-quota`} className="text-input pg-short" inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)} />
        </div>
      ) : null}
      <div className="form-field">
        <label className="field-label" htmlFor={`${base}-level`}>
          {t('prog.draft.level')}
        </label>
        <select id={`${base}-level`} className="select" value={level} onChange={(e) => setLevel(e.target.value as AllocationLevel)}>
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {t(l.key)}
            </option>
          ))}
        </select>
        {manualUsed ? <p className="field-note">{t('prog.draft.manualUsed', { n: num(Object.keys(manualUsed).length) })}</p> : null}
        {manual && Object.keys(manual).length > 0 && !manualUsed ? <p className="field-note warn-text">{t('prog.draft.manualOtherLevel')}</p> : null}
      </div>
      {blocked ? <p className="field-note warn-text">{blocked}</p> : null}
      <button type="button" className="btn btn-primary" onClick={submit} disabled={busy || invalid || Boolean(blocked)}>
        {busy ? t('prog.draft.busy') : redraft ? t('prog.draft.redraft') : t('prog.draft.button')}
      </button>
    </div>
  );
}
