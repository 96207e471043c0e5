import { useId } from 'react';
import type { AnalysisCatalog, Measure } from '../../../../shared/contracts/analysis.ts';
import type { BoundaryLevel, IndicatorOption } from '../../../../shared/contracts/maps.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttributeOptions, useMissingText } from '../analysis/AttributeOptions.tsx';
import { findAttribute } from '../analysis/analysisModel.ts';
import { FiltersField } from '../analysis/FiltersField.tsx';
import { SourcesField } from '../analysis/SourcesField.tsx';
import { applyPreset, matchingPreset, PRESETS, presetAvailable, type MapDraft, type MapMeasure, type PresetId } from './mapModel.ts';

const PRESET_LABEL: Readonly<Record<PresetId, UiKey>> = {
  latrine: 'maps.preset.latrine',
  pkh: 'maps.preset.pkh',
  notInDtks: 'maps.preset.notInDtks',
  stunting: 'maps.preset.stunting',
  families: 'maps.preset.families',
  persons: 'maps.preset.persons',
};

const UNITS: readonly { readonly value: Measure; readonly key: UiKey }[] = [
  { value: 'families', key: 'unit.familiesCap' },
  { value: 'persons', key: 'unit.personsCap' },
];

export interface MeasurePanelProps {
  readonly catalog: AnalysisCatalog;
  readonly indicators: readonly IndicatorOption[];
  readonly draft: MapDraft;
  readonly onChange: (next: MapDraft) => void;
  readonly nextId: () => number;
  /** The level on the map (indicator periods say how many of its regions have a value). */
  readonly level: BoundaryLevel;
}

/**
 * What the map colours: a ready-made measure, or one built like a cross-tab cell (an attribute's
 * categories as a count or a share of the families/persons, under the same filters and sources as
 * Analisis), or a sectoral indicator for a period.
 */
export function MeasurePanel({ catalog, indicators, draft, onChange, nextId, level }: MeasurePanelProps) {
  const { t, label, num } = useI18n();
  const ids = { kind: useId(), attr: useId(), indicator: useId(), period: useId(), preset: useId(), unit: useId(), as: useId() };
  const m = draft.measure;
  const preset = matchingPreset(draft);
  const missingText = useMissingText(catalog, draft.base.sources);
  const hasFamilies = catalog.sources.length > 0;

  const setMeasure = (measure: MapMeasure) => onChange({ ...draft, measure });
  const firstIndicator = (): MapMeasure => {
    const ind = indicators[0];
    return { kind: 'indicator', indicator: ind?.indicator ?? '', period: ind?.periods[0]?.period ?? '' };
  };
  const changeKind = (kind: MapMeasure['kind']) => {
    if (kind === m.kind) return;
    if (kind === 'indicator') setMeasure(firstIndicator());
    else if (kind === 'total') setMeasure({ kind: 'total', unit: m.kind === 'indicator' ? 'families' : m.unit });
    else {
      const first = catalog.attributes.find((a) => a.key === 'jamban') ?? catalog.attributes.find((a) => a.values.length > 0);
      setMeasure({ kind: 'category', unit: m.kind === 'indicator' ? 'families' : m.unit, attribute: first?.key ?? '', values: [], as: 'share' });
    }
  };

  const attr = m.kind === 'category' ? findAttribute(catalog.attributes, m.attribute) : undefined;
  const personAttr = attr?.level === 'person';
  const indicator = m.kind === 'indicator' ? indicators.find((i) => i.indicator === m.indicator) : undefined;

  return (
    <div className="map-measure" data-testid="map-measure" data-kind={m.kind}>
      {hasFamilies ? (
        <fieldset className="an-section map-presets">
          <legend className="field-label">{t('maps.preset.title')}</legend>
          <ul className="map-preset-list">
            {PRESETS.filter((p) => presetAvailable(p, catalog)).map((p) => (
              <li key={p.id}>
                <label className="map-choice">
                  <input type="radio" name={ids.preset} checked={preset === p.id} onChange={() => onChange(applyPreset(p, catalog, draft.base, nextId))} />
                  <span>{t(PRESET_LABEL[p.id])}</span>
                </label>
              </li>
            ))}
          </ul>
          {preset === null && m.kind !== 'indicator' ? <p className="field-note">{t('maps.preset.custom')}</p> : null}
        </fieldset>
      ) : null}

      <div className="an-field">
        <label className="field-label" htmlFor={ids.kind}>
          {t('maps.measure.kind')}
        </label>
        <select id={ids.kind} className="select" value={m.kind} onChange={(e) => changeKind(e.target.value as MapMeasure['kind'])}>
          <option value="total" disabled={!hasFamilies}>
            {t('maps.measure.kindTotal')}
          </option>
          <option value="category" disabled={!hasFamilies}>
            {t('maps.measure.kindCategory')}
          </option>
          <option value="indicator" disabled={indicators.length === 0}>
            {indicators.length === 0 ? t('maps.measure.kindIndicatorNone') : t('maps.measure.kindIndicator')}
          </option>
        </select>
      </div>

      {m.kind === 'category' ? (
        <>
          <div className="an-field">
            <label className="field-label" htmlFor={ids.attr}>
              {t('maps.measure.attribute')}
            </label>
            <select
              id={ids.attr}
              className="select"
              value={m.attribute}
              onChange={(e) => setMeasure({ ...m, attribute: e.target.value, values: [] })}
            >
              <AttributeOptions catalog={catalog} sources={draft.base.sources} filter={(a) => a.values.length > 0} />
            </select>
            {missingText(m.attribute) ? <p className="field-note warn-text">{missingText(m.attribute)}</p> : null}
          </div>
          {attr ? (
            <fieldset className="an-section map-categories">
              <legend className="field-label">{t('maps.measure.categories', { name: label(attr) })}</legend>
              <ul className="an-filter-values">
                {attr.values.map((v) => (
                  <li key={v.code}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={m.values.includes(v.code)}
                        onChange={(e) =>
                          setMeasure({ ...m, values: e.target.checked ? [...m.values.filter((x) => x !== v.code), v.code].sort((a, b) => a - b) : m.values.filter((x) => x !== v.code) })
                        }
                      />
                      <span>{label(v)}</span>
                    </label>
                  </li>
                ))}
              </ul>
              {m.values.length === 0 ? <p className="field-note warn-text">{t('maps.measure.categoriesNone')}</p> : null}
            </fieldset>
          ) : null}
          <fieldset className="an-section">
            <legend className="field-label">{t('maps.measure.as')}</legend>
            <label className="map-choice">
              <input type="radio" name={ids.as} checked={m.as === 'share'} onChange={() => setMeasure({ ...m, as: 'share' })} />
              <span>{t('maps.measure.asShare')}</span>
            </label>
            <label className="map-choice">
              <input type="radio" name={ids.as} checked={m.as === 'count'} onChange={() => setMeasure({ ...m, as: 'count' })} />
              <span>{t('maps.measure.asCount')}</span>
            </label>
          </fieldset>
        </>
      ) : null}

      {m.kind !== 'indicator' ? (
        <fieldset className="an-section">
          <legend className="field-label">{t('maps.measure.unit')}</legend>
          {UNITS.map((u) => (
            <label key={u.value} className="map-choice">
              <input
                type="radio"
                name={ids.unit}
                checked={(personAttr ? 'persons' : m.unit) === u.value}
                disabled={personAttr}
                onChange={() => setMeasure({ ...m, unit: u.value })}
              />
              <span>{t(u.key)}</span>
            </label>
          ))}
          {personAttr ? <p className="field-note">{t('maps.measure.personNote')}</p> : null}
        </fieldset>
      ) : null}

      {m.kind === 'indicator' ? (
        <>
          <div className="an-field">
            <label className="field-label" htmlFor={ids.indicator}>
              {t('maps.measure.indicator')}
            </label>
            <select
              id={ids.indicator}
              className="select"
              value={m.indicator}
              title={m.indicator}
              onChange={(e) => {
                const next = indicators.find((i) => i.indicator === e.target.value);
                setMeasure({ kind: 'indicator', indicator: e.target.value, period: next?.periods[0]?.period ?? '' });
              }}
            >
              {indicators.map((i) => (
                <option key={i.indicator} value={i.indicator}>
                  {i.unit ? `${i.indicator} (${i.unit})` : i.indicator}
                </option>
              ))}
            </select>
          </div>
          {indicator ? (
            <div className="an-field">
              <label className="field-label" htmlFor={ids.period}>
                {t('maps.measure.period')}
              </label>
              <select id={ids.period} className="select" value={m.period} onChange={(e) => setMeasure({ ...m, period: e.target.value })}>
                {indicator.periods.map((p) => (
                  <option key={p.period} value={p.period}>
                    {t('maps.measure.periodOption', { period: p.period, n: num(p.regions[level] ?? 0) })}
                  </option>
                ))}
              </select>
              <p className="field-note">{t('maps.measure.periodNote')}</p>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <fieldset className="an-section">
            <legend className="field-label">{t('analysis.filters')}</legend>
            <FiltersField catalog={catalog} draft={draft.base} onChange={(base) => onChange({ ...draft, base })} nextId={nextId} />
          </fieldset>
          <fieldset className="an-section">
            <legend className="field-label">{t('analysis.sources')}</legend>
            <SourcesField catalog={catalog} draft={draft.base} onChange={(base) => onChange({ ...draft, base })} />
          </fieldset>
        </>
      )}
    </div>
  );
}
