import { useId } from 'react';
import type { Region } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { RegionSearch } from '../region-picker/RegionSearch.tsx';
import { useRegionChildren } from '../region-picker/useRegionChildren.ts';
import { useRegionPath } from '../region-picker/useRegionPath.ts';

export interface RegionScopeProps {
  readonly province: Region;
  /** The chosen subtree, null for the whole province. */
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
}

/**
 * Where the table counts: the working province or a part of it. The path goes back up, the select
 * goes one level down, the search jumps anywhere in the province.
 */
export function RegionScope({ province, value, onChange }: RegionScopeProps) {
  const { t } = useI18n();
  const selectId = useId();
  const code = value ?? province.code;
  const path = useRegionPath(code);
  const children = useRegionChildren(code);
  const crumbs = path.data && path.data.at(-1)?.code === code ? path.data : code === province.code ? [province] : [];
  const current = crumbs.at(-1);
  const choose = (next: string) => onChange(next === province.code ? null : next);
  const kids = children.data ?? [];

  return (
    <div className="an-region" data-region={code}>
      <p className="an-region-current">
        <span className="an-region-name">{current?.name ?? code}</span> <span className="figures-code">{code}</span>
      </p>
      {crumbs.length > 1 ? <RegionBreadcrumb path={crumbs} onSelect={choose} /> : null}
      {kids.length > 0 ? (
        <div className="an-field">
          <label className="field-label" htmlFor={selectId}>
            {t('analysis.region.narrow')}
          </label>
          <select
            id={selectId}
            className="select"
            value=""
            onChange={(e) => {
              if (e.target.value) choose(e.target.value);
            }}
          >
            <option value="">{t('analysis.region.narrowPlaceholder')}</option>
            {kids.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <RegionSearch within={province.code} onSelect={choose} />
      {value !== null ? (
        <button type="button" className="btn btn-ghost btn-small an-region-reset" onClick={() => onChange(null)}>
          {t('analysis.region.whole', { name: province.name })}
        </button>
      ) : null}
    </div>
  );
}
