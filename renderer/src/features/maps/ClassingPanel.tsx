import { useEffect, useId, useState } from 'react';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { useI18n } from '../../i18n/useT.ts';
import { CLASS_METHODS, MAX_CLASSES, MIN_CLASSES, parseManualBreaks, type ClassMethod } from './classify.ts';
import type { ClassingChoice } from './mapModel.ts';
import { PALETTE_IDS, paletteColors, type PaletteId } from './palette.ts';

const METHOD_LABEL: Readonly<Record<ClassMethod, UiKey>> = {
  quantile: 'maps.class.method.quantile',
  equal: 'maps.class.method.equal',
  jenks: 'maps.class.method.jenks',
  manual: 'maps.class.method.manual',
};

const PALETTE_LABEL: Readonly<Record<PaletteId, UiKey>> = {
  oranye: 'maps.palette.oranye',
  hijau: 'maps.palette.hijau',
  biru: 'maps.palette.biru',
  ungu: 'maps.palette.ungu',
};

const CLASS_COUNTS = Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i);

export interface ClassingPanelProps {
  readonly value: ClassingChoice;
  readonly onChange: (next: ClassingChoice) => void;
  /** The measure is a share (manual breaks are typed in percent). */
  readonly percent: boolean;
}

/** How values become colours: the method, the number of classes (or the breaks typed), the palette. */
export function ClassingPanel({ value, onChange, percent }: ClassingPanelProps) {
  const { t, lang, num } = useI18n();
  const ids = { method: useId(), count: useId(), manual: useId(), palette: useId() };
  const scale = percent ? 100 : 1;
  const shown = (bounds: readonly number[]) => bounds.map((b) => num(b * scale, Number.isInteger(b * scale) ? 0 : 2)).join('; ');
  const [text, setText] = useState(() => shown(value.manual));
  const parsed = parseManualBreaks(text, lang, scale);

  // A new measure kind (share ↔ count) or language rewrites the typed breaks in its form.
  useEffect(() => {
    setText(shown(value.manual));
    // Only the unit and the language change how the same breaks read.
  }, [percent, lang]);

  return (
    <div className="map-classing" data-testid="map-classing">
      <div className="map-classing-row">
        <div className="an-field">
          <label className="field-label" htmlFor={ids.method}>
            {t('maps.class.method')}
          </label>
          <select id={ids.method} className="select" value={value.method} onChange={(e) => onChange({ ...value, method: e.target.value as ClassMethod })}>
            {CLASS_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(METHOD_LABEL[m])}
              </option>
            ))}
          </select>
        </div>
        {value.method !== 'manual' ? (
          <div className="an-field">
            <label className="field-label" htmlFor={ids.count}>
              {t('maps.class.count')}
            </label>
            <select id={ids.count} className="select" value={value.classes} onChange={(e) => onChange({ ...value, classes: Number(e.target.value) })}>
              {CLASS_COUNTS.map((n) => (
                <option key={n} value={n}>
                  {num(n)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {value.method === 'manual' ? (
        <div className="an-field">
          <label className="field-label" htmlFor={ids.manual}>
            {t(percent ? 'maps.class.manualPercent' : 'maps.class.manual')}
          </label>
          <input
            id={ids.manual}
            className="text-input"
            value={text}
            inputMode="decimal"
            aria-invalid={parsed === null || undefined}
            aria-describedby={`${ids.manual}-note`}
            placeholder={t('maps.class.manualPlaceholder')}
            onChange={(e) => {
              setText(e.target.value);
              const next = parseManualBreaks(e.target.value, lang, scale);
              if (next !== null && next.length <= MAX_CLASSES - 1) onChange({ ...value, manual: next });
            }}
          />
          <p id={`${ids.manual}-note`} className={parsed === null || parsed.length > MAX_CLASSES - 1 ? 'field-note warn-text' : 'field-note'}>
            {parsed === null ? t('maps.class.manualInvalid') : parsed.length > MAX_CLASSES - 1 ? t('maps.class.manualTooMany', { n: MAX_CLASSES - 1 }) : t('maps.class.manualNote')}
          </p>
        </div>
      ) : null}
      <fieldset className="an-section map-palettes">
        <legend className="field-label">{t('maps.palette')}</legend>
        {PALETTE_IDS.map((p) => (
          <label key={p} className="map-choice map-palette-choice">
            <input type="radio" name={ids.palette} checked={value.palette === p} onChange={() => onChange({ ...value, palette: p })} />
            <span className="map-palette-ramp" aria-hidden="true">
              {paletteColors(p, 5).map((c) => (
                <span key={c} style={{ background: c }} />
              ))}
            </span>
            <span>{t(PALETTE_LABEL[p])}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
