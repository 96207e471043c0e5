import { useMemo } from 'react';
import type { ColumnPreview, FieldOption } from '../../../../shared/contracts/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { fieldLabel } from './importLabels.ts';

export interface MappingTableProps {
  readonly columns: readonly ColumnPreview[];
  readonly fields: readonly FieldOption[];
  /** Per column: the field it fills, or null (kept as an extra column). */
  readonly mapping: readonly (string | null)[];
  /** The mapping of the preview on screen (differs from `mapping` while a re-run is under way). */
  readonly savedMapping: readonly (string | null)[];
  readonly onChange: (index: number, field: string | null) => void;
  readonly disabled?: boolean;
}

const EXTRA = '';

/** One row per column of the file: letter, header, five sample cells, and the field it fills. */
export function MappingTable({ columns, fields, mapping, savedMapping, onChange, disabled }: MappingTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  // A field filled by two columns: the planner should see it (the warehouse decides which counts).
  const used = useMemo(() => {
    const n = new Map<string, number>();
    for (const m of mapping) if (m !== null) n.set(m, (n.get(m) ?? 0) + 1);
    return n;
  }, [mapping]);

  return (
    <div className="table-scroll mapping-scroll">
      <table className="table mapping-table">
        <caption className="sr-only">{t('import.mapping.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-letter">
              {t('import.mapping.colLetter')}
            </th>
            <th scope="col">{t('import.mapping.colHeader')}</th>
            <th scope="col">{t('import.mapping.colSamples')}</th>
            <th scope="col" className="col-field">
              {t('import.mapping.colField')}
            </th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const value = mapping[c.index] ?? null;
            const field = value === null ? undefined : byKey.get(value);
            const twice = value !== null && (used.get(value) ?? 0) > 1;
            return (
              <tr key={c.index} className={value === null ? 'is-extra' : undefined} data-column={c.letter} data-field={savedMapping[c.index] ?? ''}>
                <th scope="row" className="col-letter">
                  {c.letter}
                </th>
                <td className="mapping-header">{c.header || <span className="muted">{t('import.mapping.noHeader')}</span>}</td>
                <td className="mapping-samples">
                  {c.samples.length > 0 ? (
                    <ul>
                      {c.samples.map((s, i) => (
                        <li key={i} title={s}>
                          {s}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('import.mapping.noSamples')}</span>
                  )}
                </td>
                <td className="col-field">
                  <select
                    className="select"
                    aria-label={t('import.mapping.selectLabel', { letter: c.letter, header: c.header })}
                    value={value ?? EXTRA}
                    disabled={disabled}
                    onChange={(e) => onChange(c.index, e.target.value === EXTRA ? null : e.target.value)}
                  >
                    <option value={EXTRA}>{t('import.mapping.extra')}</option>
                    {value !== null && !field ? <option value={value}>{value}</option> : null}
                    {fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {fieldLabel(i18n, f)}
                      </option>
                    ))}
                  </select>
                  {twice ? <p className="field-note warn-text">{t('import.mapping.twice')}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
