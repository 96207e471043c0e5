import { useId } from 'react';
import type { AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import { MEMBER_AGE } from '../../../../shared/interventions/criteria.ts';
import { useI18n } from '../../i18n/useT.ts';
import { IntInput } from './IntInput.tsx';
import type { MemberDraft } from './criteriaModel.ts';

export interface MemberConditionEditorProps {
  readonly cond: MemberDraft;
  /** Person-level attributes (sex, relation, education …). */
  readonly attributes: readonly AttributeMeta[];
  readonly onChange: (next: MemberDraft) => void;
  readonly onRemove: () => void;
}

/**
 * One trait of a member: the age in whole years (from–to), or a person attribute's values
 * (sex, relation to the head, education …).
 */
export function MemberConditionEditor({ cond, attributes, onChange, onRemove }: MemberConditionEditorProps) {
  const { t, label } = useI18n();
  const base = useId();
  const meta = attributes.find((a) => a.key === cond.attribute);
  const name = cond.attribute === MEMBER_AGE ? t('prog.cr.age') : meta ? label(meta) : cond.attribute;
  const empty = cond.attribute === MEMBER_AGE ? cond.min === null && cond.max === null : cond.values.length === 0;
  return (
    <div className={`cr-member${empty ? ' is-empty' : ''}`} data-member-attribute={cond.attribute}>
      <div className="cr-member-head">
        <label className="sr-only" htmlFor={`${base}-attr`}>
          {t('prog.cr.memberTrait')}
        </label>
        <select
          id={`${base}-attr`}
          className="select select-small"
          value={cond.attribute}
          onChange={(e) => onChange({ id: cond.id, attribute: e.target.value, values: [], min: null, max: null })}
        >
          <option value={MEMBER_AGE}>{t('prog.cr.age')}</option>
          {attributes.map((a) => (
            <option key={a.key} value={a.key}>
              {label(a)}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove} aria-label={t('prog.cr.removeNamed', { name })}>
          {t('prog.cr.remove')}
        </button>
      </div>
      {cond.attribute === MEMBER_AGE ? (
        <div className="cr-members-count">
          <label htmlFor={`${base}-min`}>{t('prog.cr.ageFrom')}</label>
          <IntInput id={`${base}-min`} value={cond.min} min={0} max={150} width={3} onChange={(min) => onChange({ ...cond, min })} />
          <label htmlFor={`${base}-max`}>{t('prog.cr.ageTo')}</label>
          <IntInput id={`${base}-max`} value={cond.max} min={0} max={150} width={3} onChange={(max) => onChange({ ...cond, max })} />
          <span>{t('prog.cr.years')}</span>
        </div>
      ) : meta ? (
        <ul className="an-filter-values">
          {meta.values.map((v) => (
            <li key={v.code}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={cond.values.includes(v.code)}
                  onChange={(e) => onChange({ ...cond, values: e.target.checked ? [...cond.values.filter((x) => x !== v.code), v.code] : cond.values.filter((x) => x !== v.code) })}
                />
                <span>{label(v)}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {empty ? <p className="field-note">{t('prog.cr.incomplete')}</p> : null}
    </div>
  );
}
