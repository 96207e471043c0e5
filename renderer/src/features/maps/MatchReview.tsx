import { useId, useState } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import type { BoundaryLayer, UnmatchedFeature } from '../../../../shared/contracts/maps.ts';
import { levelOfCode, type Region } from '../../../../shared/model/region.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { RegionSearch } from '../region-picker/RegionSearch.tsx';
import { MATCH_METHODS, METHOD_LABEL } from './layerLabels.ts';
import { useUnmatched, type LayerActions } from './useMaps.ts';

const PAGE = 50;

export interface MatchReviewProps {
  readonly layer: BoundaryLayer;
  readonly province: Region;
  readonly actions: LayerActions;
  /** A match was made or undone (the layer's counts changed). */
  readonly onChanged: () => void;
}

interface ManualMatch {
  readonly feature: number;
  readonly code: string;
  readonly label: string;
}

/**
 * How a layer matched the reference: counts by method, each feature that did not match with the
 * reason and the regions it could be (choose one, or search any region of the level), the matches
 * made by hand in this session (each can be undone), and the regions still without a polygon.
 */
export function MatchReview({ layer, province, actions, onChanged }: MatchReviewProps) {
  const { t, num, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const data = useUnmatched(layer.id, version);
  const [manual, setManual] = useState<readonly ManualMatch[]>([]);
  const [shownFeatures, setShownFeatures] = useState(PAGE);
  const [shownMissing, setShownMissing] = useState(PAGE);
  const info = data.data ?? null;

  const match = async (feature: number, code: string | null, label: string) => {
    const matched = await actions.match(layer.id, feature, code);
    if (matched === null) return;
    setManual((list) => (code === null ? list.filter((x) => x.feature !== feature) : [...list.filter((x) => x.feature !== feature), { feature, code, label }]));
    setVersion((v) => v + 1);
    onChanged();
  };

  const levelName = REGION_LEVEL_NAMES[lang][layer.level].toLowerCase();
  return (
    <Card
      title={t('maps.review.title', { level: REGION_LEVEL_NAMES[lang][layer.level], file: layer.fileName })}
      subtitle={info ? t('maps.review.subtitle', { matched: num(info.matched), features: num(info.features) }) : undefined}
      className="map-review"
      busy={data.loading}
    >
      <div data-testid="map-review" data-layer={layer.id} data-unmatched={info?.unmatchedFeatures.length ?? ''} data-missing={info?.regionsWithoutPolygon.length ?? ''}>
        {data.error ? <ErrorBanner error={data.error} context={t('maps.review.loadFailed')} onRetry={data.reload} /> : null}
        {!info ? (
          data.error ? null : <Loading text={t('common.loading')} />
        ) : (
          <>
            <ul className="map-methods">
              {MATCH_METHODS.filter((m) => (info.byMethod[m] ?? 0) > 0).map((m) => (
                <li key={m} data-method={m}>
                  {t(METHOD_LABEL[m])}: <strong>{num(info.byMethod[m] ?? 0)}</strong>
                </li>
              ))}
            </ul>

            <h3 className="map-review-heading">{t('maps.review.unmatchedTitle', { n: num(info.unmatchedFeatures.length) })}</h3>
            {info.unmatchedFeatures.length === 0 ? (
              <p className="muted">{t('maps.review.allMatched')}</p>
            ) : (
              <>
                <p className="field-note">{t('maps.review.unmatchedLead', { level: levelName })}</p>
                <div className="table-scroll map-review-scroll">
                  <table className="table map-unmatched" data-testid="map-unmatched">
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          {t('maps.review.colFeature')}
                        </th>
                        <th scope="col">{t('maps.review.colInFile')}</th>
                        <th scope="col">{t('maps.review.colReason')}</th>
                        <th scope="col">{t('maps.review.colMatch')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {info.unmatchedFeatures.slice(0, shownFeatures).map((f) => (
                        <UnmatchedRow key={f.feature} feature={f} layer={layer} province={province} busy={actions.busy} onMatch={(code, label) => void match(f.feature, code, label)} />
                      ))}
                    </tbody>
                  </table>
                </div>
                {info.unmatchedFeatures.length > shownFeatures ? (
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => setShownFeatures((n) => n + PAGE)}>
                    {t('maps.review.more', { shown: num(shownFeatures), n: num(info.unmatchedFeatures.length) })}
                  </button>
                ) : null}
              </>
            )}

            {manual.length > 0 ? (
              <>
                <h3 className="map-review-heading">{t('maps.review.manualTitle')}</h3>
                <ul className="map-manual" data-testid="map-manual">
                  {manual.map((x) => (
                    <li key={x.feature}>
                      {t('maps.review.manualItem', { feature: num(x.feature), label: x.label })} <span className="figures-code">{x.code}</span>{' '}
                      <button type="button" className="btn btn-ghost btn-small" disabled={actions.busy} onClick={() => void match(x.feature, null, x.label)}>
                        {t('maps.review.undo')}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h3 className="map-review-heading">{t('maps.review.missingTitle', { n: num(info.regionsWithoutPolygon.length), level: levelName })}</h3>
            {info.regionsWithoutPolygon.length === 0 ? (
              <p className="muted">{t('maps.review.noneMissing', { level: levelName })}</p>
            ) : (
              <>
                <ul className="map-missing-list" data-testid="map-missing">
                  {info.regionsWithoutPolygon.slice(0, shownMissing).map((r) => (
                    <li key={r.code} data-code={r.code}>
                      <span className="map-missing-name">{r.name}</span> <span className="muted">{contextOf(r.path, r.name).join(' › ')}</span>{' '}
                      <span className="figures-code">{r.code}</span>
                    </li>
                  ))}
                </ul>
                {info.regionsWithoutPolygon.length > shownMissing ? (
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => setShownMissing((n) => n + PAGE * 4)}>
                    {t('maps.review.more', { shown: num(shownMissing), n: num(info.regionsWithoutPolygon.length) })}
                  </button>
                ) : null}
              </>
            )}
          </>
        )}
      </div>
    </Card>
  );
}

/** Where a region lies, without the province and without the region itself: ["Kupang", "Semau"]. */
export function contextOf(path: readonly string[], name: string): string[] {
  const inner = path.slice(1);
  return inner.at(-1) === name ? inner.slice(0, -1) : inner;
}

function UnmatchedRow({ feature: f, layer, province, busy, onMatch }: {
  readonly feature: UnmatchedFeature;
  readonly layer: BoundaryLayer;
  readonly province: Region;
  readonly busy: boolean;
  readonly onMatch: (code: string, label: string) => void;
}) {
  const { t, num } = useI18n();
  const selectId = useId();
  const [choice, setChoice] = useState<string>(f.candidates[0]?.code ?? '');
  const [searching, setSearching] = useState(f.candidates.length === 0);
  const [picked, setPicked] = useState<{ code: string; wrongLevel: boolean } | null>(null);
  const candidate = f.candidates.find((c) => c.code === choice);
  const target = searching ? (picked && !picked.wrongLevel ? picked.code : null) : candidate ? candidate.code : null;
  const label = searching ? (picked?.code ?? '') : candidate ? [...contextOf(candidate.path, candidate.name), candidate.name].join(' › ') : '';

  return (
    <tr data-feature={f.feature}>
      <td className="num">{num(f.feature)}</td>
      <td>
        <span className="map-file-name">{f.name ?? '—'}</span> {f.code ? <span className="figures-code">{f.code}</span> : null}
      </td>
      <td className="map-reason">{f.reason}</td>
      <td className="map-fix">
        {!searching ? (
          <>
            <label className="sr-only" htmlFor={selectId}>
              {t('maps.review.candidateLabel', { feature: num(f.feature) })}
            </label>
            <select id={selectId} className="select select-small" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {f.candidates.map((c) => (
                <option key={c.code} value={c.code}>
                  {[c.name, contextOf(c.path, c.name).join(' › '), c.code].filter((x) => x !== '').join(' — ')}
                </option>
              ))}
            </select>
          </>
        ) : (
          <div className="map-fix-search">
            <RegionSearch
              within={province.code}
              onSelect={(code) => setPicked({ code, wrongLevel: levelOfCode(code) !== layer.level })}
            />
            {picked ? (
              <p className={picked.wrongLevel ? 'field-note warn-text' : 'field-note'}>
                {picked.wrongLevel ? t('maps.review.wrongLevel') : t('maps.review.picked', { code: picked.code })}
              </p>
            ) : null}
          </div>
        )}
        <div className="button-row">
          <button type="button" className="btn btn-secondary btn-small" disabled={busy || target === null} onClick={() => target && onMatch(target, label || target)}>
            {t('maps.review.match')}
          </button>
          {f.candidates.length > 0 ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setSearching((s) => !s)}>
              {searching ? t('maps.review.useCandidates') : t('maps.review.search')}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
