import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Letterhead } from '../../../../shared/contracts/interventions.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import {
  addSignOff, FIELD_MAX, fromDraft, MAX_SIGN_OFF, nipLooksOdd, rejectionHint, removeSignOff, sameDraft, setSignOff, toDraft, type LetterheadDraft,
} from './letterheadModel.ts';
import { useLetterhead, type LetterheadState } from './useLetterhead.ts';

/** Roles a sign-off block usually opens with (any text may be typed). */
const ROLE_SUGGESTIONS = ['Mengetahui,', 'Menyetujui,', 'Diperiksa oleh,', 'Dibuat oleh,'];

interface FieldProps {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly max?: number;
  readonly note?: ReactNode;
  /** The field the warehouse refused (its message is above the form). */
  readonly problem: string | null;
  readonly className?: string;
  readonly inputMode?: 'numeric' | 'text';
  readonly list?: string;
}

/** A labelled text box that says right under itself why the warehouse refused it, when it is the one named. */
function Field({ field, label, value, onChange, max, note, problem, className, inputMode, list }: FieldProps) {
  const { t } = useI18n();
  const id = useId();
  const rejected = problem === field;
  const hint = rejected ? rejectionHint(field) : null;
  const describedBy = [note ? `${id}-note` : '', rejected ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field kop-field${className ? ` ${className}` : ''}${rejected ? ' is-invalid' : ''}`} data-field={field}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="text-input"
        value={value}
        maxLength={max}
        inputMode={inputMode}
        list={list}
        aria-invalid={rejected || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {note ? (
        <p id={`${id}-note`} className="field-note">
          {note}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-error`} className="kop-field-error">
          {t(hint.key, hint.max !== undefined ? { max: hint.max } : undefined)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Kop surat & tanda tangan: the letterhead, document number, city, paper and sign-off blocks every
 * exported list carries, and the default coverage window. The warehouse checks what is saved; its
 * refusal is shown above the form and under the field it names.
 */
export function LetterheadCard() {
  const { t } = useI18n();
  const state = useLetterhead();
  const saved = state.current.data;
  return (
    <Card title={t('kop.title')} subtitle={t('kop.lead')} className="settings-wide kop-card">
      {state.current.error && !saved ? <ErrorBanner error={state.current.error} context={t('kop.loadFailed')} onRetry={state.current.reload} /> : null}
      {saved ? <LetterheadForm key={JSON.stringify(saved)} saved={saved} state={state} /> : state.current.error ? null : <Loading text={t('common.loading')} />}
    </Card>
  );
}

function LetterheadForm({ saved, state }: { readonly saved: Letterhead; readonly state: LetterheadState }) {
  const { t } = useI18n();
  const roleList = useId();
  const paperName = useId();
  const [base, setBase] = useState(() => toDraft(saved));
  const [draft, setDraft] = useState<LetterheadDraft>(base);
  const [done, setDone] = useState(false);
  const changed = !sameDraft(draft, base);
  const problem = state.problem;
  const f = { problem };

  // Typing again hides "saved".
  useEffect(() => {
    if (changed) setDone(false);
  }, [changed]);

  const set = (patch: Partial<LetterheadDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = () => {
    void state.save(fromDraft(draft)).then((stored) => {
      if (!stored) return;
      const next = toDraft(stored);
      setBase(next);
      setDraft(next);
      setDone(true);
    });
  };

  return (
    <form
      className="kop-form"
      data-testid="letterhead-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {state.error ? <ErrorBanner error={state.error} context={t('kop.rejected')} onDismiss={state.dismissError} /> : null}

      <fieldset className="kop-section">
        <legend className="kop-legend">{t('kop.head')}</legend>
        <div className="kop-grid">
          <Field field="government" label={t('kop.government')} value={draft.government} max={FIELD_MAX.government} note={t('kop.governmentNote')} onChange={(v) => set({ government: v })} className="kop-wide" {...f} />
          <Field field="agency" label={t('kop.agency')} value={draft.agency} max={FIELD_MAX.agency} onChange={(v) => set({ agency: v })} className="kop-wide" {...f} />
          <Field field="address" label={t('kop.address')} value={draft.address} max={FIELD_MAX.address} onChange={(v) => set({ address: v })} className="kop-wide" {...f} />
          <Field field="documentNumber" label={t('kop.documentNumber')} value={draft.documentNumber} max={FIELD_MAX.documentNumber} note={t('kop.documentNumberNote')} onChange={(v) => set({ documentNumber: v })} {...f} />
          <Field field="city" label={t('kop.city')} value={draft.city} max={FIELD_MAX.city} note={t('kop.cityNote')} onChange={(v) => set({ city: v })} {...f} />
          <fieldset className={`form-field kop-paper${problem === 'paper' ? ' is-invalid' : ''}`} data-field="paper">
            <legend className="field-label">{t('kop.paper')}</legend>
            <div className="kop-paper-options">
              {(['A4', 'F4'] as const).map((p) => (
                <label key={p} className="radio">
                  <input type="radio" name={paperName} value={p} checked={draft.paper === p} onChange={() => set({ paper: p })} />
                  <span>{t(p === 'A4' ? 'kop.paperA4' : 'kop.paperF4')}</span>
                </label>
              ))}
            </div>
            {problem === 'paper' ? <p className="kop-field-error">{t(rejectionHint('paper').key)}</p> : null}
          </fieldset>
        </div>
      </fieldset>

      <fieldset className={`kop-section${problem === 'signOff' ? ' is-invalid' : ''}`} data-field="signOff">
        <legend className="kop-legend">{t('kop.signOff')}</legend>
        <p className="field-note">{t('kop.signOffNote', { max: MAX_SIGN_OFF })}</p>
        <datalist id={roleList}>
          {ROLE_SUGGESTIONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {draft.signOff.length === 0 ? <p className="muted kop-none">{t('kop.signOffNone')}</p> : null}
        <div className="kop-blocks">
          {draft.signOff.map((s, i) => (
            <fieldset key={i} className="kop-block" data-testid={`signoff-${i + 1}`}>
              <legend className="kop-block-title">{t('kop.block', { n: i + 1 })}</legend>
              <Field field={`signOff.${i}.role`} label={t('kop.role')} value={s.role} max={FIELD_MAX.role} list={roleList} onChange={(v) => setDraft((d) => setSignOff(d, i, { role: v }))} {...f} />
              <Field field={`signOff.${i}.title`} label={t('kop.blockTitle')} value={s.title} max={FIELD_MAX.title} onChange={(v) => setDraft((d) => setSignOff(d, i, { title: v }))} {...f} />
              <Field field={`signOff.${i}.name`} label={t('kop.name')} value={s.name} max={FIELD_MAX.name} onChange={(v) => setDraft((d) => setSignOff(d, i, { name: v }))} {...f} />
              <Field
                field={`signOff.${i}.nip`}
                label={t('kop.nip')}
                value={s.nip}
                max={FIELD_MAX.nip}
                inputMode="numeric"
                note={nipLooksOdd(s.nip) ? <span className="warn-text">{t('kop.nipOdd')}</span> : undefined}
                onChange={(v) => setDraft((d) => setSignOff(d, i, { nip: v }))}
                {...f}
              />
              <button type="button" className="btn btn-ghost btn-small kop-remove" onClick={() => setDraft((d) => removeSignOff(d, i))} aria-label={t('kop.removeBlockLabel', { n: i + 1 })}>
                {t('kop.removeBlock')}
              </button>
            </fieldset>
          ))}
        </div>
        <button type="button" className="btn btn-secondary btn-small" disabled={draft.signOff.length >= MAX_SIGN_OFF} onClick={() => setDraft(addSignOff)}>
          {t('kop.addBlock')}
        </button>
        {draft.signOff.length >= MAX_SIGN_OFF ? <p className="field-note">{t('kop.blocksFull', { max: MAX_SIGN_OFF })}</p> : null}
        {problem === 'signOff' ? <p className="kop-field-error">{t('kop.hint.signOff', { max: MAX_SIGN_OFF })}</p> : null}
      </fieldset>

      <fieldset className="kop-section">
        <legend className="kop-legend">{t('kop.coverage')}</legend>
        <Field
          field="coverageYears"
          label={t('kop.coverageYears')}
          value={draft.coverageYears}
          max={3}
          inputMode="numeric"
          note={t('kop.coverageNote')}
          onChange={(v) => set({ coverageYears: v })}
          className="kop-narrow"
          {...f}
        />
      </fieldset>

      <div className="button-row kop-actions">
        <button type="submit" className="btn btn-primary" disabled={state.saving || !changed}>
          {state.saving ? t('common.saving') : t('kop.save')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={state.saving || !changed} onClick={() => setDraft(base)}>
          {t('kop.revert')}
        </button>
        {done && !changed ? (
          <p className="kop-saved" role="status" data-testid="letterhead-saved">
            {t('kop.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
