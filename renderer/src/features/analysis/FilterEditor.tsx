import { useId } from 'react';
import { MISSING_CODE, MISSING_LABEL, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import { useI18n } from '../../i18n/useT.ts';
import type { FilterDraft } from './analysisModel.ts';

export interface FilterEditorProps {
  readonly filter: FilterDraft;
  readonly attribute: AttributeMeta;
  /** Said under the name when a chosen source leaves this attribute empty. */
  readonly missingNote: string | null;
  readonly onChange: (next: FilterDraft) => void;
  readonly onRemove: () => void;
}

/**
 * One filter: tick values (or, for ordered attributes, give a range), optionally turned around
 * ("kecuali": everything except what is chosen). Until something is chosen it does not count.
 */
export function FilterEditor({ filter, attribute, missingNote, onChange, onRemove }: FilterEditorProps) {
  const { t, label } = useI18n();
  const base = useId();
  const name = label(attribute);
  const values = [...attribute.values, { code: MISSING_CODE, ...MISSING_LABEL }];
  const empty = filter.mode === 'range' ? filter.min === null && filter.max === null : filter.values.length === 0;

  const toggle = (code: number, on: boolean) =>
    onChange({ ...filter, values: on ? [...filter.values.filter((v) => v !== code), code] : filter.values.filter((v) => v !== code) });

  return (
    <fieldset className={`an-filter${empty ? ' is-empty' : ''}`} data-attribute={attribute.key}>
      <legend className="an-filter-name">{name}</legend>
      <button type="button" className="btn btn-ghost btn-small an-filter-remove" onClick={onRemove} aria-label={t('analysis.filter.removeNamed', { name })}>
        {t('analysis.filter.remove')}
      </button>
      {missingNote ? <p className="field-note warn-text">{missingNote}</p> : null}

      {attribute.ordered ? (
        <div className="an-filter-mode" role="radiogroup" aria-label={t('analysis.filter.modeLabel', { name })}>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-mode`} checked={filter.mode === 'values'} onChange={() => onChange({ ...filter, mode: 'values' })} />
            <span>{t('analysis.filter.modeValues')}</span>
          </label>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-mode`} checked={filter.mode === 'range'} onChange={() => onChange({ ...filter, mode: 'range' })} />
            <span>{t('analysis.filter.modeRange')}</span>
          </label>
        </div>
      ) : null}

      {filter.mode === 'range' ? (
        <div className="an-filter-range">
          <RangeEnd id={`${base}-min`} text={t('analysis.filter.from')} attribute={attribute} value={filter.min} onChange={(min) => onChange({ ...filter, min })} />
          <RangeEnd id={`${base}-max`} text={t('analysis.filter.to')} attribute={attribute} value={filter.max} onChange={(max) => onChange({ ...filter, max })} />
        </div>
      ) : (
        <ul className="an-filter-values">
          {values.map((v) => (
            <li key={v.code}>
              <label className="checkbox">
                <input type="checkbox" checked={filter.values.includes(v.code)} onChange={(e) => toggle(v.code, e.target.checked)} />
                <span>{label(v)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}

      <label className="checkbox an-filter-exclude">
        <input type="checkbox" checked={filter.exclude} onChange={(e) => onChange({ ...filter, exclude: e.target.checked })} />
        <span>{t('analysis.filter.exclude')}</span>
      </label>
      {empty ? <p className="field-note">{t('analysis.filter.emptyNote')}</p> : null}
    </fieldset>
  );
}

/** One end of a range: a value of the ordered attribute, or none (open end). */
function RangeEnd({ id, text, attribute, value, onChange }: {
  readonly id: string;
  readonly text: string;
  readonly attribute: AttributeMeta;
  readonly value: number | null;
  readonly onChange: (next: number | null) => void;
}) {
  const { label } = useI18n();
  return (
    <span className="an-inline-choice">
      <label htmlFor={id}>{text}</label>
      <select id={id} className="select select-small" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">—</option>
        {attribute.values.map((v) => (
          <option key={v.code} value={v.code}>
            {label(v)}
          </option>
        ))}
      </select>
    </span>
  );
}
