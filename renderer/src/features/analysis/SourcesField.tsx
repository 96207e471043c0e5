import { useId } from 'react';
import type { AnalysisCatalog, AnalysisSource } from '../../../../shared/contracts/analysis.ts';
import type { BatchSummary } from '../../../../shared/model/source.ts';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { SOURCE_LABEL, type Draft } from './analysisModel.ts';

export interface SourcesFieldProps {
  readonly catalog: AnalysisCatalog;
  readonly draft: Draft;
  readonly onChange: (next: Draft) => void;
}

/**
 * The sources in the universe, each with the batch (vintage) it is read from: the newest is the
 * default and stays out of the spec; any other is named. At least one source stays chosen.
 */
export function SourcesField({ catalog, draft, onChange }: SourcesFieldProps) {
  const { t, num, dateShort } = useI18n();
  const batchId = useId();

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
    const selectId = `${batchId}-${source}-${kind}`;
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
    <>
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
    </>
  );
}
