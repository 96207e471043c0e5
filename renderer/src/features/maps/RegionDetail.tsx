import { useI18n } from '../../i18n/useT.ts';
import { formatValue, type ValueFormat } from './legend.ts';
import type { RegionValue } from './mapModel.ts';

export interface RegionDetailProps {
  readonly region: RegionValue;
  /** A region on the map (true) or the whole region the map shows. */
  readonly child: boolean;
  readonly measure: string;
  readonly format: ValueFormat;
  /** "keluarga" / "jiwa"; null for indicators. */
  readonly unit: string | null;
  readonly profileHref: string;
  /** Open the families behind the figure; null when the measure has none (indicators). */
  readonly onFamilies: (() => void) | null;
  /** Open the map of the region's children; null when there is no layer below. */
  readonly onOpenMap: (() => void) | null;
  readonly onClose: (() => void) | null;
}

/** One region's figure in words, with the ways on: its profile, the families behind it, its own map. */
export function RegionDetail({ region, child, measure, format, unit, profileHref, onFamilies, onOpenMap, onClose }: RegionDetailProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  return (
    <section className="card map-detail" aria-labelledby="map-detail-title" data-testid="map-detail" data-code={region.code}>
      <div className="card-head">
        <div>
          <p className="eyebrow">{t(child ? 'maps.detail.region' : 'maps.detail.whole')}</p>
          <h2 id="map-detail-title" className="card-title">
            {region.name} <span className="figures-code">{region.code}</span>
          </h2>
        </div>
        {onClose ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
            {t('common.close')}
          </button>
        ) : null}
      </div>
      <p className="muted map-detail-measure">{measure}</p>
      <p className="map-detail-value" data-testid="map-detail-value">
        {region.value === null ? t('maps.tip.noData') : formatValue(i18n, format, region.value)}
      </p>
      {region.numerator !== null && unit !== null ? (
        <p className="map-detail-counts">
          {region.denominator !== null
            ? t('maps.tip.ofBase', { n: num(region.numerator), base: num(region.denominator), unit })
            : t('maps.tip.count', { n: num(region.numerator), unit })}
        </p>
      ) : null}
      {region.source ? <p className="muted">{t('maps.tip.source', { source: region.source })}</p> : null}
      <div className="button-row map-detail-actions">
        <a className="btn btn-secondary btn-small" href={profileHref}>
          {t('maps.detail.profile')}
        </a>
        {onFamilies ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={onFamilies} disabled={region.families === 0}>
            {t('maps.detail.families', { n: num(region.families ?? 0) })}
          </button>
        ) : null}
        {onOpenMap ? (
          <button type="button" className="btn btn-primary btn-small" onClick={onOpenMap}>
            {t('maps.detail.openMap')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
