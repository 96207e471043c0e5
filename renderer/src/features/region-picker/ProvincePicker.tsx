import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { regionNameKey, type RegionWithCounts } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';

export interface ProvincePickerProps {
  readonly provinces: readonly RegionWithCounts[];
  readonly value: string | null;
  readonly onChange: (code: string) => void;
  /** Visible label of the list. */
  readonly label: string;
}

/**
 * A filter box and a single-select listbox of provinces. The choice follows the arrow keys
 * (Home/End jump); the chosen province stays visible in the summary line even when filtered out.
 */
export function ProvincePicker({ provinces, value, onChange, label }: ProvincePickerProps) {
  const { t, num } = useI18n();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const listId = useId();
  const labelId = useId();
  const listRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const key = regionNameKey(filter);
    if (key === '') return provinces;
    return provinces.filter((p) => regionNameKey(p.name).includes(key) || p.code.startsWith(filter.trim()));
  }, [provinces, filter]);
  const chosen = provinces.find((p) => p.code === value) ?? null;
  const index = shown.findIndex((p) => p.code === value);

  useEffect(() => {
    if (!value) return;
    listRef.current?.querySelector(`[data-code="${value}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [value, shown]);

  function pick(i: number) {
    const p = shown[Math.min(Math.max(i, 0), shown.length - 1)];
    if (p) onChange(p.code);
  }

  function onListKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'ArrowDown') pick(index < 0 ? 0 : index + 1);
    else if (e.key === 'ArrowUp') pick(index < 0 ? 0 : index - 1);
    else if (e.key === 'Home') pick(0);
    else if (e.key === 'End') pick(shown.length - 1);
    else return;
    e.preventDefault();
  }

  function onFilterKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      if (index < 0) pick(0);
      listRef.current?.focus();
    }
  }

  return (
    <div className="province-picker">
      <label htmlFor={filterId} className="field-label">
        {t('province.filterLabel')}
      </label>
      <input
        id={filterId}
        type="search"
        className="text-input"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('province.filterPlaceholder')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={onFilterKey}
        aria-controls={listId}
      />
      <p id={labelId} className="field-label province-list-label">
        {label}
      </p>
      <div
        id={listId}
        ref={listRef}
        className="province-list"
        role="listbox"
        tabIndex={0}
        aria-labelledby={labelId}
        aria-activedescendant={index >= 0 ? `${listId}-${value ?? ''}` : undefined}
        onKeyDown={onListKey}
      >
        {shown.length === 0 ? <p className="province-none">{t('province.none')}</p> : null}
        {shown.map((p) => (
          <div
            key={p.code}
            id={`${listId}-${p.code}`}
            data-code={p.code}
            role="option"
            aria-selected={p.code === value}
            className="province-option"
            onClick={() => onChange(p.code)}
          >
            <span className="province-option-check" aria-hidden="true" />
            <span className="province-option-name">{p.name}</span>
            <span className="province-option-meta">
              {t('province.codeAndCount', { code: p.code, n: num(p.childCount) })}
            </span>
          </div>
        ))}
      </div>
      <p className="province-chosen" aria-live="polite">
        {chosen ? t('province.chosen', { name: chosen.name, code: chosen.code }) : t('province.noneChosen')}
      </p>
    </div>
  );
}
