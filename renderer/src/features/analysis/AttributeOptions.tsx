import { useMemo } from 'react';
import { DATASET_ATTRIBUTE, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { AnalysisCatalog, AnalysisSource } from '../../../../shared/contracts/analysis.ts';
import { useI18n } from '../../i18n/useT.ts';
import { GROUP_LABEL, SOURCE_LABEL, attributesByGroup, sourcesMissing } from './analysisModel.ts';

/**
 * Why an attribute may come out empty: the chosen sources that do not fill it ("not in this
 * source", "not in DTKS"); null when every chosen source fills it.
 */
export function useMissingText(catalog: AnalysisCatalog, sources: readonly AnalysisSource[]): (key: string) => string | null {
  const { t } = useI18n();
  return (key: string) => {
    if (key === DATASET_ATTRIBUTE) return null;
    const missing = sourcesMissing(catalog, sources, key);
    if (missing.length === 0) return null;
    if (missing.length === sources.length) return t('analysis.notInSource');
    return t('analysis.notInSources', { sources: missing.map((s) => SOURCE_LABEL[s]).join(', ') });
  };
}

export interface AttributeOptionsProps {
  readonly catalog: AnalysisCatalog;
  readonly sources: readonly AnalysisSource[];
  /** An attribute not offered (the one already used on the other axis). */
  readonly exclude?: string | null;
  /** Offer the dataset dimension (which source a family comes from). */
  readonly withDataset?: boolean;
  /** Put in front of each option's value. */
  readonly prefix?: string;
  /** Offer only attributes that pass (e.g. those with categories to tick). */
  readonly filter?: (a: AttributeMeta) => boolean;
}

/** The attributes as `<optgroup>`s of a select, marked when a chosen source leaves them empty. */
export function AttributeOptions({ catalog, sources, exclude = null, withDataset = false, prefix = '', filter }: AttributeOptionsProps) {
  const { t, label } = useI18n();
  const groups = useMemo(() => attributesByGroup(catalog.attributes), [catalog.attributes]);
  const missingText = useMissingText(catalog, sources);
  const optionText = (a: AttributeMeta): string => {
    const m = missingText(a.key);
    return m ? `${label(a)} — ${m}` : label(a);
  };
  return (
    <>
      {groups.map((g) => {
        const shown = g.attributes.filter((a) => a.key !== exclude && (withDataset || a.key !== DATASET_ATTRIBUTE) && (!filter || filter(a)));
        if (shown.length === 0) return null;
        return (
          <optgroup key={g.group} label={t(GROUP_LABEL[g.group])}>
            {shown.map((a) => (
              <option key={a.key} value={`${prefix}${a.key}`}>
                {optionText(a)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
