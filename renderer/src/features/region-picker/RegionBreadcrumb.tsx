import type { Region } from '../../../../shared/model/region.ts';
import { useT } from '../../i18n/useT.ts';

export interface RegionBreadcrumbProps {
  readonly path: readonly Region[];
  readonly onSelect: (code: string) => void;
}

/** Province › kabupaten › kecamatan › desa; every ancestor is a button back up to it. */
export function RegionBreadcrumb({ path, onSelect }: RegionBreadcrumbProps) {
  const t = useT();
  return (
    <nav className="breadcrumb" aria-label={t('picker.breadcrumbLabel')}>
      <ol>
        {path.map((r, i) => (
          <li key={r.code}>
            {i < path.length - 1 ? (
              <button type="button" className="breadcrumb-link" onClick={() => onSelect(r.code)}>
                {r.name}
              </button>
            ) : (
              <span className="breadcrumb-current" aria-current="location">
                {r.name}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
