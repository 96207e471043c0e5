import { useId, useMemo, useState } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import type { BoundaryImportResult, BoundaryLayer, BoundaryLevel } from '../../../../shared/contracts/maps.ts';
import { locale } from '../../../../shared/i18n/format.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ExportDone } from '../../components/ExportDone.tsx';
import { useI18n } from '../../i18n/useT.ts';
import type { AsyncState } from '../../lib/useAsync.ts';
import { BoundaryFileChooser } from './BoundaryFileChooser.tsx';
import { MATCH_METHODS, METHOD_LABEL } from './layerLabels.ts';
import { MatchReview } from './MatchReview.tsx';
import { useBoundaryImport, useLayerActions } from './useMaps.ts';

export interface LayersPanelProps {
  readonly province: Region;
  readonly layers: AsyncState<readonly BoundaryLayer[]>;
  /** Show the map of a level (after an import). */
  readonly onShowMap: (level: BoundaryLevel) => void;
}

function kib(bytes: number, num: (n: number, d?: number) => string): string {
  return bytes >= 1024 * 1024 ? `${num(bytes / (1024 * 1024), 1)} MB` : `${num(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/**
 * Lapisan batas: the boundary files held (one per level), importing one (GeoJSON, TopoJSON or a
 * zipped Shapefile, read where it lies), what matched the region reference and how, fixing what
 * did not by hand, and the reference regions still without a polygon.
 */
export function LayersPanel({ province, layers, onShowMap }: LayersPanelProps) {
  const i18n = useI18n();
  const { t, num, lang } = i18n;
  const ids = { level: useId() };
  const importer = useBoundaryImport(t('import.error.noPath'));
  const actions = useLayerActions();
  const [level, setLevel] = useState<BoundaryLevel | null>(null);
  const [reviewing, setReviewing] = useState<number | null>(null);
  const [pendingDelete, setPendingDelete] = useState<BoundaryLayer | null>(null);
  const stamp = useMemo(() => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }), [lang]);
  const when = (iso: string): string => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : stamp.format(d);
  };

  const list = layers.data ?? [];
  const result = importer.result;
  // The layer whose matching is shown: the one just imported, else the one the planner opened.
  const reviewId = reviewing ?? result?.layer.id ?? null;
  const reviewLayer = list.find((l) => l.id === reviewId) ?? (result && result.layer.id === reviewId ? result.layer : null);

  const confirmDelete = () => {
    const layer = pendingDelete;
    if (!layer) return;
    void actions.remove(layer.id).then((ok) => {
      setPendingDelete(null);
      if (ok && reviewId === layer.id) {
        setReviewing(null);
        importer.reset();
      }
      layers.reload();
    });
  };

  return (
    <div className="map-layers">
      <Card title={t('maps.layers.title')} subtitle={t('maps.layers.subtitle', { province: province.name })} busy={layers.loading}>
        {layers.error ? <ErrorBanner error={layers.error} context={t('maps.layers.loadFailed')} onRetry={layers.reload} /> : null}
        {actions.error ? <ErrorBanner error={actions.error} onDismiss={actions.dismissError} /> : null}
        {!layers.data ? (
          layers.error ? null : <Loading text={t('common.loading')} />
        ) : list.length === 0 ? (
          <p className="muted">{t('maps.layers.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table map-layer-table" data-testid="map-layers">
              <caption className="sr-only">{t('maps.layers.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('maps.layers.colLevel')}</th>
                  <th scope="col">{t('maps.layers.colFile')}</th>
                  <th scope="col">{t('maps.layers.colProjection')}</th>
                  <th scope="col" className="num">
                    {t('maps.layers.colFeatures')}
                  </th>
                  <th scope="col" className="num">
                    {t('maps.layers.colMatched')}
                  </th>
                  <th scope="col" className="num">
                    {t('maps.layers.colSize')}
                  </th>
                  <th scope="col">{t('maps.layers.colImported')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('maps.layers.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => a.level - b.level)
                  .map((l) => (
                    <tr key={l.id} data-level={l.level} data-layer={l.id} className={l.id === reviewId ? 'is-selected' : undefined}>
                      <th scope="row">{REGION_LEVEL_NAMES[lang][l.level]}</th>
                      <td className="map-file-cell">
                        <span className="map-file">{l.fileName}</span>
                        <span className="muted map-file-format">{l.format}</span>
                      </td>
                      <td>{l.projection}</td>
                      <td className="num">{num(l.features)}</td>
                      <td className="num" data-testid="layer-matched">
                        {num(l.matched)} {l.features > 0 ? <span className="muted">({i18n.pct(l.matched / l.features)})</span> : null}
                      </td>
                      <td className="num" title={t('maps.layers.sizeTitle', { original: kib(l.originalBytes, num) })}>
                        {kib(l.simplifiedBytes, num)}
                      </td>
                      <td className="nowrap">{when(l.importedAt)}</td>
                      <td className="map-layer-actions">
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => onShowMap(l.level)}>
                          {t('maps.layers.show')}
                        </button>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => setReviewing(l.id)} aria-pressed={l.id === reviewId}>
                          {t('maps.layers.review')}
                        </button>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => void actions.exportGeometry(l.id)} disabled={actions.busy} data-testid="layer-export">
                          {t('maps.layers.export')}
                        </button>
                        <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setPendingDelete(l)}>
                          {t('maps.layers.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
        {actions.exported ? (
          <ExportDone result={actions.exported} onClose={actions.clearExported} testId="layer-export-done">
            <p>{t('maps.layers.exported')}</p>
          </ExportDone>
        ) : null}
      </Card>

      <Card title={t('maps.import.title')} subtitle={t('maps.import.subtitle')}>
        <div className="map-import">
          <div className="an-field">
            <label className="field-label" htmlFor={ids.level}>
              {t('maps.import.level')}
            </label>
            <select
              id={ids.level}
              className="select"
              value={level ?? ''}
              disabled={importer.busy}
              onChange={(e) => setLevel(e.target.value === '' ? null : (Number(e.target.value) as BoundaryLevel))}
            >
              <option value="">{t('maps.import.levelAuto')}</option>
              {([2, 3, 4] as const).map((l) => (
                <option key={l} value={l}>
                  {REGION_LEVEL_NAMES[lang][l]}
                </option>
              ))}
            </select>
            <p className="field-note">{t('maps.import.levelNote')}</p>
          </div>
          <BoundaryFileChooser
            busy={importer.busy}
            onChoose={(file) => {
              setReviewing(null);
              importer.run(file, level);
            }}
          />
        </div>
        {importer.busy ? (
          <div className="map-import-busy" role="status" data-testid="map-import-busy">
            <Loading text={t(importer.phase === 'upload' ? 'maps.import.uploading' : 'maps.import.reading')} />
          </div>
        ) : null}
        {importer.error ? <ErrorBanner error={importer.error} context={t('maps.import.failed')} onDismiss={importer.reset} /> : null}
        {result ? <ImportSummary result={result} onShowMap={() => onShowMap(result.layer.level)} /> : null}
      </Card>

      {reviewLayer ? <MatchReview key={reviewLayer.id} layer={reviewLayer} province={province} actions={actions} onChanged={layers.reload} /> : null}

      <ConfirmDialog
        open={pendingDelete !== null}
        title={t('maps.layers.deleteTitle')}
        confirmLabel={t('maps.layers.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={actions.busy}
        onConfirm={confirmDelete}
        onCancel={() => setPendingDelete(null)}
      >
        <p>
          {pendingDelete
            ? t('maps.layers.deleteText', { level: REGION_LEVEL_NAMES[lang][pendingDelete.level].toLowerCase(), file: pendingDelete.fileName })
            : ''}
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** What an import did: features read and matched, by which method, what it replaced, how long it took. */
function ImportSummary({ result, onShowMap }: { readonly result: BoundaryImportResult; readonly onShowMap: () => void }) {
  const { t, num, lang } = useI18n();
  const l = result.layer;
  return (
    <div className="map-import-result" role="status" data-testid="map-import-result" data-layer={l.id} data-level={l.level} data-matched={result.matched} data-features={result.features}>
      <p className="map-import-headline">
        {t('maps.import.done', {
          level: REGION_LEVEL_NAMES[lang][l.level].toLowerCase(),
          file: l.fileName,
          matched: num(result.matched),
          features: num(result.features),
          seconds: num(result.seconds, 1),
        })}
      </p>
      <ul className="map-methods">
        {MATCH_METHODS.filter((m) => (result.byMethod[m] ?? 0) > 0).map((m) => (
          <li key={m} data-method={m}>
            {t(METHOD_LABEL[m])}: <strong>{num(result.byMethod[m] ?? 0)}</strong>
          </li>
        ))}
        <li data-method="unmatched">
          {t('maps.import.unmatched')}: <strong>{num(result.unmatchedFeatures.length)}</strong>
        </li>
        <li data-method="without-polygon">
          {t('maps.import.withoutPolygon')}: <strong>{num(result.regionsWithoutPolygon.length)}</strong>
        </li>
      </ul>
      <p className="muted">
        {t('maps.import.projection', { projection: l.projection, format: l.format })}
        {result.replaced !== null ? ` ${t('maps.import.replaced')}` : ''}
      </p>
      <button type="button" className="btn btn-primary btn-small" onClick={onShowMap}>
        {t('maps.import.showMap')}
      </button>
    </div>
  );
}
