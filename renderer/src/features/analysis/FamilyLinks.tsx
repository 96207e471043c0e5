import type { LinkedPair, LinkedSide } from '../../../../shared/contracts/linkage.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { CODEBOOKS } from '../../../../shared/model/codebook.ts';
import { useI18n } from '../../i18n/useT.ts';
import { batchName, methodLabel } from '../linkage/linkageModel.ts';

type Field = 'name' | 'nik' | 'kk' | 'birth' | 'sex' | 'desa';

const FIELDS: readonly { readonly field: Field; readonly label: UiKey }[] = [
  { field: 'name', label: 'link.field.name' },
  { field: 'nik', label: 'link.field.nik' },
  { field: 'kk', label: 'link.field.kk' },
  { field: 'birth', label: 'link.field.birth' },
  { field: 'sex', label: 'link.field.sex' },
  { field: 'desa', label: 'link.field.region' },
];

function valueOf(s: LinkedSide, f: Field, sexLabel: (v: 1 | 2) => string): string | null {
  if (f === 'sex') return s.sex === null ? null : sexLabel(s.sex);
  return s[f];
}

function Record({ side, pair, sexLabel }: { readonly side: LinkedSide; readonly pair: LinkedPair; readonly sexLabel: (v: 1 | 2) => string }) {
  const { t } = useI18n();
  return (
    <dl className="dl fam-link-record">
      {FIELDS.map(({ field, label }) => {
        const v = valueOf(side, field, sexLabel);
        if (v === null) return null;
        const spelling = field === 'name' && pair.differences.includes('name_spelling');
        const differs = pair.differences.includes(field) || spelling;
        return (
          <div className={`dl-row${differs ? ' fam-link-diff' : ''}`} key={field} data-field={field} data-differs={differs ? (spelling ? 'spelling' : 'yes') : undefined}>
            <dt>{t(label)}</dt>
            <dd>
              {v}
              {differs ? <span className="fam-link-diff-note"> ({t(spelling ? 'analysis.family.spellingOnly' : 'analysis.family.differs')})</span> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * A family's records beside the records of other batches padu-padan linked them to, the fields
 * that disagree marked (in colour and in words, so it survives a grey printout and a screen reader).
 */
export function FamilyLinks({ links }: { readonly links: readonly LinkedPair[] }) {
  const { t, num, label } = useI18n();
  const sexLabel = (v: 1 | 2): string => {
    const c = CODEBOOKS.SEX.categories.find((x) => x.code === v);
    return c ? label(c) : String(v);
  };
  return (
    <section className="fam-section" aria-labelledby="fam-linked">
      <h3 id="fam-linked" className="fam-heading">
        {t('analysis.family.linked')}
      </h3>
      {links.length === 0 ? (
        <p className="muted">{t('analysis.family.noLinked')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table fam-links" data-testid="family-links">
            <thead>
              <tr>
                <th scope="col">{t('analysis.family.colThis')}</th>
                <th scope="col">{t('analysis.family.colOther')}</th>
                <th scope="col">{t('analysis.family.colHow')}</th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={`${l.runId}-${l.mine.id}-${l.other.id}`} data-status={l.status}>
                  <td>
                    <Record side={l.mine} pair={l} sexLabel={sexLabel} />
                  </td>
                  <td>
                    <p className="fam-link-batch">{batchName(t, l.otherBatch)}</p>
                    <Record side={l.other} pair={l} sexLabel={sexLabel} />
                  </td>
                  <td className="nowrap">
                    {methodLabel(t, l.method)} · {num(l.score, 2)}
                    {l.status === 'review' ? <span className="badge badge-warning"> {t('analysis.family.inReview')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
