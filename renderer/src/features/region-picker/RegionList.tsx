import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Region } from '../../../../shared/model/region.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { childCountKey, childrenHeadingKey, regionKindKey } from './regionKind.ts';
import { useRegionChildren } from './useRegionChildren.ts';

export interface RegionListProps {
  /** The region whose children are listed. */
  readonly parent: Region;
  /** The chosen region (one of the children when a desa/kelurahan is chosen). */
  readonly selected: string;
  readonly onSelect: (code: string) => void;
}

/**
 * The children of a region as a list of buttons. One button is in the tab order; the arrow keys,
 * Home and End move between them; Enter or Space chooses (and, above village level, goes down).
 */
export function RegionList({ parent, selected, onSelect }: RegionListProps) {
  const { t, num } = useI18n();
  const children = useRegionChildren(parent.code);
  // While the children of a newly chosen region load, do not show the previous region's list.
  const fresh = (children.data?.[0]?.parentCode ?? parent.code) === parent.code;
  const items = fresh ? (children.data ?? []) : [];
  const headingId = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState(0);
  // After going down from the keyboard the list is replaced; keep the focus inside the new one.
  const keepFocusIn = useRef<string | null>(null);

  const selectedIndex = items.findIndex((r) => r.code === selected);
  const tabIndexOf = Math.min(Math.max(selectedIndex >= 0 ? selectedIndex : focusIndex, 0), Math.max(items.length - 1, 0));

  useEffect(() => {
    setFocusIndex(0);
  }, [parent.code]);

  useEffect(() => {
    if (keepFocusIn.current !== parent.code || !fresh || items.length === 0) return;
    keepFocusIn.current = null;
    buttons.current[tabIndexOf]?.focus();
  }, [parent.code, fresh, items.length, tabIndexOf]);

  function move(to: number) {
    if (items.length === 0) return;
    const i = (to + items.length) % items.length;
    setFocusIndex(i);
    buttons.current[i]?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const current = buttons.current.findIndex((b) => b === document.activeElement);
    const from = current >= 0 ? current : tabIndexOf;
    if (e.key === 'ArrowDown') move(from + 1);
    else if (e.key === 'ArrowUp') move(from - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else return;
    e.preventDefault();
  }

  return (
    <section className="region-list" aria-labelledby={headingId} aria-busy={children.loading || undefined}>
      <h2 id={headingId} className="region-list-title">
        {t(childrenHeadingKey(parent.level), { name: parent.name })}
        {children.data && fresh ? <span className="region-list-count">{num(items.length)}</span> : null}
      </h2>
      {children.error ? <ErrorBanner error={children.error} onRetry={children.reload} /> : null}
      {(!children.data || !fresh) && children.loading ? <Loading text={t('common.loading')} /> : null}
      <ul onKeyDown={onKeyDown}>
        {items.map((r, i) => {
          const isSelected = r.code === selected;
          return (
            <li key={r.code}>
              <button
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                type="button"
                className="region-item"
                tabIndex={i === tabIndexOf ? 0 : -1}
                aria-current={isSelected ? 'true' : undefined}
                data-code={r.code}
                onFocus={() => setFocusIndex(i)}
                onClick={(e) => {
                  // detail 0: activated from the keyboard (Enter/Space).
                  if (r.level < 4 && e.detail === 0) keepFocusIn.current = r.code;
                  onSelect(r.code);
                }}
              >
                <span className="region-item-name">{r.name}</span>
                <span className="region-item-meta">
                  {r.level < 4 ? (
                    t(childCountKey(r.level), { n: num(r.childCount) })
                  ) : (
                    <span className={`kind-badge kind-${regionKindKey(r).split('.').pop() ?? ''}`}>{t(regionKindKey(r))}</span>
                  )}
                </span>
                {r.level < 4 ? (
                  <svg className="region-item-chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" />
                  </svg>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
