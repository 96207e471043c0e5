import { useId, useMemo } from 'react';
import { REGION_LEVEL_NAMES } from '../../../../shared/analysis/describe.ts';
import { DATASET_ATTRIBUTE, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { AnalysisCatalog, AnalysisSource, RowDimension } from '../../../../shared/contracts/analysis.ts';
import type { BatchSummary } from '../../../../shared/model/source.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { FilterEditor } from './FilterEditor.tsx';
import { RegionScope } from './RegionScope.tsx';
import {
  GROUP_LABEL, SOURCE_LABEL, attributesByGroup, findAttribute, sourcesMissing, type Draft, type FilterDraft,
} from './analysisModel.ts';

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
  const { t, label, lang, num, dateShort } = useI18n();
  const ids = { rows: useId(), cols: useId(), add: useId(), batch: useId() };
  const groups = useMemo(() => attributesByGroup(catalog.attributes), [catalog.attributes]);
  const scopeLevel = draft.region ? draft.region.split('.').length : 1;

  const missingText = (key: string): string | null => {
    if (key === DATASET_ATTRIBUTE) return null;
    const missing = sourcesMissing(catalog, draft.sources, key);
    if (missing.length === 0) return null;
    if (missing.length === draft.sources.length) return t('analysis.notInSource');
    return t('analysis.notInSources', { sources: missing.map((s) => SOURCE_LABEL[s]).join(', ') });
  };
  const optionText = (a: AttributeMeta): string => {
    const m = missingText(a.key);
    return m ? `${label(a)} — ${m}` : label(a);
  };
  const rowKey = draft.rows.kind === 'attribute' ? draft.rows.key : null;
  const isPerson = (key: string | null): boolean => key !== null && findAttribute(catalog.attributes, key)?.level === 'person';
  /** Rows or columns that describe members make a table of people: show people unless the planner chose otherwise since. */
  const withDims = (rows: RowDimension, cols: string | null): Draft => {
    const before = isPerson(rowKey) || isPerson(draft.cols);
    const after = isPerson(rows.kind === 'attribute' ? rows.key : null) || isPerson(cols);
    return { ...draft, rows, cols, measure: after && !before ? 'persons' : draft.measure };
  };

  /** The attributes as option groups; `prefix` goes in front of each value (the rows select also lists region levels). */
  const attributeOptions = (exclude: string | null, withDataset: boolean, prefix = '') =>
    groups.map((g) => (
      <optgroup key={g.group} label={t(GROUP_LABEL[g.group])}>
        {g.attributes
          .filter((a) => a.key !== exclude && (withDataset || a.key !== DATASET_ATTRIBUTE))
          .map((a) => (
            <option key={a.key} value={`${prefix}${a.key}`}>
              {optionText(a)}
            </option>
          ))}
      </optgroup>
    ));

  const setFilter = (next: FilterDraft) => onChange({ ...draft, filters: draft.filters.map((f) => (f.id === next.id ? next : f)) });
  const addFilter = (key: string) => {
    const attr = findAttribute(catalog.attributes, key);
    if (!attr) return;
    onChange({ ...draft, filters: [...draft.filters, { id: nextId(), attribute: key, mode: 'values', values: [], min: null, max: null, exclude: false }] });
  };

  const toggleSource = (s: AnalysisSource, on: boolean) => {
    const sources = on ? catalog.sources.map((c) => c.source).filter((x) => x === s || draft.sources.includes(x)) : draft.sources.filter((x) => x !== s);
    if (sources.length === 0) return;
    onChange({ ...draft, sources });
  };

  /** Choose a batch of one kind: the newest is the default (left out of the spec), any other is named. */
  const chooseBatch = (list: readonly BatchSummary[], id: number) => {
    const others = draft.batches.filter((b) => !list.some((x) => x.id === b));
    onChange({ ...draft, batches: list[0]?.id === id ? others : [...others, id] });
  };
  const batchText = (b: BatchSummary) =>
    `${b.label}${b.vintage ? ` · ${b.vintage}` : ''} · #${b.id} · ${dateShort(b.createdAt)} · ${num(b.families || b.persons)}`;

  const batchSelect = (source: AnalysisSource, kind: 'family' | 'person', list: readonly BatchSummary[]) => {
    const first = list[0];
    if (!first) return null;
    const chosen = list.find((b) => draft.batches.includes(b.id)) ?? first;
    const selectId = `${ids.batch}-${source}-${kind}`;
    return (
      <div className="an-batch" key={`${source}-${kind}`}>
        <label className="an-batch-label" htmlFor={selectId}>
          {t('analysis.batchOf', { kind: t(SOURCE_NAME[first.source]) })}
        </label>
        <select id={selectId} className="select select-small" value={chosen.id} onChange={(e) => chooseBatch(list, Number(e.target.value))}>
          {list.map((b, i) => (
            <option key={b.id} value={b.id}>
              {batchText(b)}
              {i === 0 ? ` (${t('analysis.latest')})` : ''}
            </option>
          ))}
        </select>
      </div>
    );
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
          {attributeOptions(null, true, 'attr:')}
        </select>
        {rowKey && missingText(rowKey) ? <p className="field-note warn-text">{missingText(rowKey)}</p> : null}
      </div>

      <div className="an-field">
        <label className="field-label" htmlFor={ids.cols}>
          {t('analysis.cols')}
        </label>
        <select id={ids.cols} className="select" value={draft.cols ?? ''} onChange={(e) => onChange(withDims(draft.rows, e.target.value === '' ? null : e.target.value))}>
          <option value="">{t('analysis.colsNone')}</option>
          {attributeOptions(rowKey, true)}
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
        <ul className="an-sources">
          {catalog.sources.map((s) => {
            const on = draft.sources.includes(s.source);
            return (
              <li key={s.source} data-source={s.source}>
                <label className="checkbox">
                  <input type="checkbox" checked={on} disabled={on && draft.sources.length === 1} onChange={(e) => toggleSource(s.source, e.target.checked)} />
                  <span>{SOURCE_LABEL[s.source]}</span>
                </label>
                {on ? (
                  <div className="an-batches">
                    {batchSelect(s.source, 'family', s.familyBatches)}
                    {s.personBatches.length > 0 && s.personBatches[0]?.source !== s.familyBatches[0]?.source ? batchSelect(s.source, 'person', s.personBatches) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="field-note">{t('analysis.sourcesNote')}</p>
      </fieldset>

      <fieldset className="an-section">
        <legend className="field-label">{t('analysis.filters')}</legend>
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
        <label className="field-label an-add-label" htmlFor={ids.add}>
          {t('analysis.filterAdd')}
        </label>
        <select
          id={ids.add}
          className="select"
          value=""
          onChange={(e) => {
            if (e.target.value) addFilter(e.target.value);
          }}
        >
          <option value="">{t('analysis.filterAddPlaceholder')}</option>
          {attributeOptions(null, false)}
        </select>
      </fieldset>
    </div>
  );
}
