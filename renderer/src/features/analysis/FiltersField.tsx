import { useId } from 'react';
import type { AnalysisCatalog } from '../../../../shared/contracts/analysis.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttributeOptions, useMissingText } from './AttributeOptions.tsx';
import { FilterEditor } from './FilterEditor.tsx';
import { findAttribute, type Draft, type FilterDraft } from './analysisModel.ts';

export interface FiltersFieldProps {
  readonly catalog: AnalysisCatalog;
  readonly draft: Draft;
  readonly onChange: (next: Draft) => void;
  /** A fresh id for a new filter. */
  readonly nextId: () => number;
}

/** Any number of filters, each edited in place, and a select to add one on any attribute. */
export function FiltersField({ catalog, draft, onChange, nextId }: FiltersFieldProps) {
  const { t } = useI18n();
  const addId = useId();
  const missingText = useMissingText(catalog, draft.sources);

  const setFilter = (next: FilterDraft) => onChange({ ...draft, filters: draft.filters.map((f) => (f.id === next.id ? next : f)) });
  const addFilter = (key: string) => {
    const attr = findAttribute(catalog.attributes, key);
    if (!attr) return;
    onChange({ ...draft, filters: [...draft.filters, { id: nextId(), attribute: key, mode: 'values', values: [], min: null, max: null, exclude: false }] });
  };

  return (
    <>
      {draft.filters.length === 0 ? <p className="field-note">{t('analysis.filtersNone')}</p> : null}
      {draft.filters.map((f) => {
        const attr = findAttribute(catalog.attributes, f.attribute);
        if (!attr) return null;
        return (
          <FilterEditor
            key={f.id}
            filter={f}
            attribute={attr}
            missingNote={missingText(f.attribute)}
            onChange={setFilter}
            onRemove={() => onChange({ ...draft, filters: draft.filters.filter((x) => x.id !== f.id) })}
          />
        );
      })}
      <label className="field-label an-add-label" htmlFor={addId}>
        {t('analysis.filterAdd')}
      </label>
      <select
        id={addId}
        className="select"
        value=""
        onChange={(e) => {
          if (e.target.value) addFilter(e.target.value);
        }}
      >
        <option value="">{t('analysis.filterAddPlaceholder')}</option>
        <AttributeOptions catalog={catalog} sources={draft.sources} />
      </select>
    </>
  );
}
