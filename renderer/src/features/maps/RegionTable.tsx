import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/useT.ts';
import { formatValue, type ValueFormat } from './legend.ts';
import type { MapRegion } from './mapModel.ts';

export interface RegionTableProps {
  readonly regions: readonly MapRegion[];
  readonly format: ValueFormat;
  /** Show numerator and denominator columns (cross-tab shares). */
  readonly withBase: boolean;
  readonly selected: string | null;
  readonly onSelect: (code: string) => void;
  /** Open the map of a region's children; null at the lowest level. */
  readonly onOpenMap: ((code: string) => void) | null;
  readonly caption: string;
}

const PAGE = 25;

/**
 * The map's figures as a table, highest first (regions without a value last): the way to every
 * region by keyboard and screen reader, and the place to read exact figures.
 */
export function RegionTable({ regions, format, withBase, selected, onSelect, onOpenMap, caption }: RegionTableProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const [shown, setShown] = useState(PAGE);
  const sorted = useMemo(
    () =>
      [...regions].sort((a, b) => {
        if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.name.localeCompare(b.name) : 1) : -1;
        // Equal shares: the larger base first (100% of 40 families says more than 100% of 1).
        return b.value - a.value || (b.denominator ?? 0) - (a.denominator ?? 0) || a.name.localeCompare(b.name);
      }),
    [regions],
  );
  const rows = sorted.slice(0, shown);
  return (
    <div className="map-table" data-testid="map-table">
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('maps.table.region')}</th>
              <th scope="col" className="num">
                {t('maps.table.value')}
              </th>
              {withBase ? (
                <>
                  <th scope="col" className="num">
                    {t('maps.table.numerator')}
                  </th>
                  <th scope="col" className="num">
                    {t('maps.table.denominator')}
                  </th>
                </>
              ) : null}
              <th scope="col">{t('maps.table.class')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className={r.code === selected ? 'is-selected' : undefined} data-code={r.code}>
                <th scope="row">
                  <button type="button" className="map-link-button" onClick={() => onSelect(r.code)} aria-pressed={r.code === selected}>
                    {r.name}
                  </button>
                  {onOpenMap && r.polygon ? (
                    <button type="button" className="btn btn-ghost btn-small map-table-open" onClick={() => onOpenMap(r.code)} aria-label={t('maps.table.openNamed', { name: r.name })}>
                      {t('maps.table.open')}
                    </button>
                  ) : null}
                </th>
                <td className="num">{r.value === null ? '—' : formatValue(i18n, format, r.value)}</td>
                {withBase ? (
                  <>
                    <td className="num">{r.numerator === null ? '—' : num(r.numerator)}</td>
                    <td className="num">{r.denominator === null ? '—' : num(r.denominator)}</td>
                  </>
                ) : null}
                <td>
                  <span className={`map-swatch map-swatch-${r.polygon ? (r.klass < 0 ? 'hatch' : 'fill') : 'none'}`} style={r.polygon && r.klass >= 0 ? { background: r.color } : undefined} aria-hidden="true" />
                  <span className="map-table-class">
                    {!r.polygon ? t('maps.legend.noPolygon') : r.klass < 0 ? t('maps.legend.noData') : t('maps.table.classN', { n: r.klass + 1 })}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown ? (
        <button type="button" className="btn btn-ghost btn-small map-table-more" onClick={() => setShown((s) => s + PAGE * 4)}>
          {t('maps.table.more', { shown: num(rows.length), n: num(sorted.length) })}
        </button>
      ) : null}
    </div>
  );
}
