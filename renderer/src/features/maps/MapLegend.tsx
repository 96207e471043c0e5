import { useI18n } from '../../i18n/useT.ts';
import { regionCount, type LegendEntry } from './legend.ts';
import type { MapRegion } from './mapModel.ts';

export interface MapLegendProps {
  readonly measure: string;
  readonly entries: readonly LegendEntry[];
  readonly noPolygon: readonly MapRegion[];
}

/** Largest number of "no polygon" regions named in the legend (the rest are counted). */
const NAMED = 12;

/** The classes with their ranges and region counts, then "no data" (hatched) and "no polygon". */
export function MapLegend({ measure, entries, noPolygon }: MapLegendProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  return (
    <div className="map-legend" data-testid="map-legend">
      <h3 className="map-legend-title">{t('maps.legend.title')}</h3>
      <p className="map-legend-measure">{measure}</p>
      <ul className="map-legend-list">
        {entries.map((e) => (
          <li key={e.key} className="map-legend-item" data-key={e.key} data-count={e.count}>
            <span className={`map-swatch map-swatch-${e.style}`} style={e.style === 'fill' ? { background: e.color } : undefined} aria-hidden="true" />
            <span className="map-legend-label">{e.label}</span>
            <span className="map-legend-count">{regionCount(i18n, e.count)}</span>
          </li>
        ))}
      </ul>
      {noPolygon.length > 0 ? (
        <details className="map-legend-missing">
          <summary>{t('maps.legend.noPolygonList', { n: num(noPolygon.length) })}</summary>
          <p className="field-note">
            {noPolygon
              .slice(0, NAMED)
              .map((r) => r.name)
              .join(', ')}
            {noPolygon.length > NAMED ? ` ${t('maps.legend.andMore', { n: num(noPolygon.length - NAMED) })}` : ''}
          </p>
        </details>
      ) : null}
    </div>
  );
}
