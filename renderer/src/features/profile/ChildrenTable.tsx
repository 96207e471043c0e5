import { useMemo, useState } from 'react';
import type { RegionProfile } from '../../../../shared/contracts/analysis.ts';
import { Card } from '../../components/Card.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { childrenHeadingKey } from '../region-picker/regionKind.ts';
import { compareShare, sortChildren, type ChildSort, type ChildSortKey } from './profileOptions.ts';

export interface ChildrenTableProps {
  readonly profile: RegionProfile;
  readonly onSelect: (code: string) => void;
}

type AriaSort = 'ascending' | 'descending' | 'none';

/**
 * The region's children with their families and the same shares; a child's name opens its
 * profile; a column header sorts by it (again: the other way). Shares above the region's own are
 * tinted.
 */
export function ChildrenTable({ profile, onSelect }: ChildrenTableProps) {
  const { t, num, pct } = useI18n();
  const [sort, setSort] = useState<ChildSort | null>(null);
  const rows = useMemo(() => sortChildren(profile.children, sort), [profile.children, sort]);
  const level = profile.region.level;

  function sortBy(key: ChildSortKey) {
    setSort((s) => {
      if (s?.key === key) return { key, dir: s.dir === 'asc' ? 'desc' : 'asc' };
      // Names read A→Z first; figures largest first (where to look).
      return { key, dir: key === 'name' ? 'asc' : 'desc' };
    });
  }

  function ariaSort(key: ChildSortKey): AriaSort {
    if (sort?.key !== key) return 'none';
    return sort.dir === 'asc' ? 'ascending' : 'descending';
  }

  function header(key: ChildSortKey, label: string, numeric: boolean) {
    const state = ariaSort(key);
    return (
      <th key={key} scope="col" className={numeric ? 'num' : undefined} aria-sort={state}>
        <button type="button" className="sort-button" onClick={() => sortBy(key)}>
          {label}
          <span className={`sort-mark sort-${state}`} aria-hidden="true" />
        </button>
      </th>
    );
  }

  const title = level >= 1 && level <= 3 ? t(childrenHeadingKey(level as 1 | 2 | 3), { name: profile.region.name }) : t('profile.childrenTitle');
  return (
    <Card level={3} title={title} subtitle={t('profile.childrenSubtitle')} className="profile-children">
      {rows.length === 0 ? (
        <p className="muted">{t('profile.childrenEmpty')}</p>
      ) : (
        <div className="table-scroll profile-children-scroll">
          <table className="table profile-table profile-children-table">
            <thead>
              <tr>
                {header('name', t('profile.colName'), false)}
                {header('families', t('unit.familiesCap'), true)}
                {profile.figures.map((f, i) => header(`share:${i}`, f.label, true))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.code} data-code={c.code}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onSelect(c.code)}>
                      {c.name}
                    </button>
                  </th>
                  <td className="num" data-field="families">
                    {num(c.families)}
                  </td>
                  {profile.figures.map((f, i) => {
                    const s = c.shares[i] ?? null;
                    const higher = compareShare(s, f.share) === 'higher';
                    return (
                      <td key={f.key} className={`num${higher ? ' is-higher' : ''}`} data-figure={f.key}>
                        {s === null ? '—' : pct(s)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 ? <p className="footnote">{t('profile.childrenFootnote', { region: profile.region.name })}</p> : null}
    </Card>
  );
}
