import { useId } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import type { AnalysisCatalog, RowDimension } from '../../../../shared/contracts/analysis.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttributeOptions, useMissingText } from './AttributeOptions.tsx';
import { FiltersField } from './FiltersField.tsx';
import { RegionScope } from './RegionScope.tsx';
import { SourcesField } from './SourcesField.tsx';
import { findAttribute, type Draft } from './analysisModel.ts';

export interface SpecBuilderProps {
  readonly catalog: AnalysisCatalog;
  readonly province: Region;
  readonly draft: Draft;
  readonly onChange: (next: Draft) => void;
  /** A fresh id for a new filter. */
  readonly nextId: () => number;
}

const LEVELS = [1, 2, 3, 4] as const;

function rowValue(rows: RowDimension): string {
  return rows.kind === 'region' ? `region:${rows.level}` : `attr:${rows.key}`;
}

function parseRowValue(v: string): RowDimension | null {
  if (v.startsWith('region:')) {
    const level = Number(v.slice(7));
    return level === 1 || level === 2 || level === 3 || level === 4 ? { kind: 'region', level } : null;
  }
  return v.startsWith('attr:') ? { kind: 'attribute', key: v.slice(5) } : null;
}

/**
 * What the table counts: rows (a region level or an attribute), columns, the region, the sources
 * with their vintages, and any number of filters. Attributes a chosen source does not fill are
 * marked, so an empty column is never a surprise.
 */
export function SpecBuilder({ catalog, province, draft, onChange, nextId }: SpecBuilderProps) {
  const { t, lang } = useI18n();
  const ids = { rows: useId(), cols: useId() };
  const scopeLevel = draft.region ? draft.region.split('.').length : 1;
  const missingText = useMissingText(catalog, draft.sources);
  const rowKey = draft.rows.kind === 'attribute' ? draft.rows.key : null;
  const isPerson = (key: string | null): boolean => key !== null && findAttribute(catalog.attributes, key)?.level === 'person';
  /** Rows or columns that describe members make a table of people: show people unless the planner chose otherwise since. */
  const withDims = (rows: RowDimension, cols: string | null): Draft => {
    const before = isPerson(rowKey) || isPerson(draft.cols);
    const after = isPerson(rows.kind === 'attribute' ? rows.key : null) || isPerson(cols);
    return { ...draft, rows, cols, measure: after && !before ? 'persons' : draft.measure };
  };

  return (
    <div className="an-builder" data-testid="spec-builder">
      <div className="an-field">
        <label className="field-label" htmlFor={ids.rows}>
          {t('analysis.rows')}
        </label>
        <select
          id={ids.rows}
          className="select"
          value={rowValue(draft.rows)}
          onChange={(e) => {
            const rows = parseRowValue(e.target.value);
            if (rows) onChange(withDims(rows, rows.kind === 'attribute' && rows.key === draft.cols ? null : draft.cols));
          }}
        >
          <optgroup label={t('analysis.group.region')}>
            {LEVELS.map((l) => (
              <option key={l} value={`region:${l}`} disabled={l < scopeLevel}>
                {REGION_LEVEL_NAMES[lang][l]}
              </option>
            ))}
          </optgroup>
          <AttributeOptions catalog={catalog} sources={draft.sources} withDataset prefix="attr:" />
        </select>
        {rowKey && missingText(rowKey) ? <p className="field-note warn-text">{missingText(rowKey)}</p> : null}
      </div>

      <div className="an-field">
        <label className="field-label" htmlFor={ids.cols}>
          {t('analysis.cols')}
        </label>
        <select id={ids.cols} className="select" value={draft.cols ?? ''} onChange={(e) => onChange(withDims(draft.rows, e.target.value === '' ? null : e.target.value))}>
          <option value="">{t('analysis.colsNone')}</option>
          <AttributeOptions catalog={catalog} sources={draft.sources} exclude={rowKey} withDataset />
        </select>
        {draft.cols && missingText(draft.cols) ? <p className="field-note warn-text">{missingText(draft.cols)}</p> : null}
      </div>

      <fieldset className="an-section">
        <legend className="field-label">{t('analysis.region')}</legend>
        <RegionScope
          province={province}
          value={draft.region}
          onChange={(region) => {
            const level = region ? region.split('.').length : 1;
            // Rows above the scope would be a single line: go one level below it instead.
            const rows: RowDimension =
              draft.rows.kind === 'region' && draft.rows.level < level ? { kind: 'region', level: Math.min(4, level + 1) as 1 | 2 | 3 | 4 } : draft.rows;
            onChange({ ...draft, region, rows });
          }}
        />
      </fieldset>

      <fieldset className="an-section">
        <legend className="field-label">{t('analysis.sources')}</legend>
        <SourcesField catalog={catalog} draft={draft} onChange={onChange} />
      </fieldset>

      <fieldset className="an-section">
        <legend className="field-label">{t('analysis.filters')}</legend>
        <FiltersField catalog={catalog} draft={draft} onChange={onChange} nextId={nextId} />
      </fieldset>
    </div>
  );
}
