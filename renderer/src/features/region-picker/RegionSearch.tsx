import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RegionSearchHit } from '../../../../shared/contracts/reference.ts';
import { useI18n } from '../../i18n/useT.ts';
import { regionKindKey } from './regionKind.ts';
import { useRegionSearch } from './useRegionSearch.ts';

export interface RegionSearchProps {
  /** Search inside this region (the working province). */
  readonly within: string;
  readonly onSelect: (code: string) => void;
}

/**
 * A combobox: type part of a name (any case, with or without diacritics: `regapuu` finds
 * `Regapu’u`); arrows move through the hits, Enter chooses, Esc closes the list (then clears).
 * Each hit shows its path, to tell villages of the same name apart.
 */
export function RegionSearch({ within, onSelect }: RegionSearchProps) {
  const { t, num } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { hits, searching, error } = useRegionSearch(query, within);
  const inputId = useId();
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  const shown = open && hits !== null;
  const count = hits?.length ?? 0;

  useEffect(() => {
    setActive(-1);
  }, [hits]);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function choose(hit: RegionSearchHit) {
    onSelect(hit.code);
    setQuery('');
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      setOpen(true);
      if (count > 0) setActive((a) => (a + 1) % count);
    } else if (e.key === 'ArrowUp') {
      setOpen(true);
      if (count > 0) setActive((a) => (a <= 0 ? count - 1 : a - 1));
    } else if (e.key === 'Enter') {
      const hit = hits?.[active >= 0 ? active : 0];
      if (!shown || !hit) return;
      choose(hit);
    } else if (e.key === 'Escape') {
      if (shown) setOpen(false);
      else setQuery('');
    } else {
      return;
    }
    e.preventDefault();
  }

  let status = '';
  if (error) status = error.message;
  else if (searching) status = t('search.searching');
  else if (hits !== null) status = count === 0 ? t('search.none') : t('search.found', { n: num(count) });

  return (
    <div className="region-search">
      <label htmlFor={inputId} className="region-search-label">
        {t('search.label')}
      </label>
      <div className="region-search-box">
        <svg className="region-search-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${listId}-status`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={`${listId}-status`} className="sr-only" aria-live="polite">
        {status}
      </p>
      <ul id={listId} ref={listRef} role="listbox" aria-label={t('search.resultsLabel')} className="region-search-list" hidden={!shown}>
        {shown && count === 0 ? (
          <li className="region-search-empty" role="presentation">
            {error ? error.message : t('search.none')}
          </li>
        ) : null}
        {shown
          ? hits.map((hit, i) => {
              const context = hit.path.slice(1, -1).join(' › ');
              return (
                <li
                  key={hit.code}
                  id={`${listId}-${i}`}
                  data-index={i}
                  data-code={hit.code}
                  role="option"
                  aria-selected={i === active}
                  className="region-search-option"
                  // Keep the focus in the input; choose on press.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(hit)}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className="region-search-name">{hit.name}</span>
                  <span className={`kind-badge kind-${regionKindKey(hit).split('.').pop() ?? ''}`}>{t(regionKindKey(hit))}</span>
                  {context ? <span className="region-search-path">{context}</span> : null}
                </li>
              );
            })
          : null}
      </ul>
    </div>
  );
}
