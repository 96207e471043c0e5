import { useEffect, useId, useRef, useState } from 'react';
import type { DrillRow, FamilyAppearance, FamilyDetail } from '../../../../shared/contracts/analysis.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { FamilyLinks } from './FamilyLinks.tsx';
import { useFamily } from './useAnalysis.ts';

const MATCHED_BY: Readonly<Record<FamilyAppearance['matchedBy'], UiKey>> = {
  source_id: 'analysis.family.matched.source_id',
  kk: 'analysis.family.matched.kk',
  nik: 'analysis.family.matched.nik',
};

export interface FamilyPanelProps {
  /**
   * The family the planner chose (a drill-down row, or any list naming a family id and its head):
   * the head's name titles the dialog while the record loads.
   */
  readonly row: Pick<DrillRow, 'familyId' | 'nama_kepala'>;
  readonly onClose: () => void;
}

function FamilyBody({ detail }: { readonly detail: FamilyDetail }) {
  const { t, dateShort } = useI18n();
  const memberKeys = detail.members[0]?.fields.map((f) => ({ key: f.key, label: f.label })) ?? [];
  const batch = detail.batch;
  return (
    <>
      <p className="fam-batch">
        {t(SOURCE_NAME[batch.source])} · {batch.label}
        {batch.vintage ? ` · ${batch.vintage}` : ''} · #{batch.id} · {dateShort(batch.createdAt)}
      </p>
      {detail.region.length > 0 ? (
        <p className="fam-region" data-testid="family-region">
          {detail.region.map((r) => r.name).join(' › ')} <span className="figures-code">{detail.region.at(-1)?.code}</span>
        </p>
      ) : null}

      <section className="fam-section" aria-labelledby="fam-fields">
        <h3 id="fam-fields" className="fam-heading">
          {t('analysis.family.fields')}
        </h3>
        <dl className="dl fam-fields">
          {detail.fields.map((f) => (
            <div className="dl-row" key={f.key} data-field={f.key}>
              <dt>{f.label}</dt>
              <dd>{f.value ?? '—'}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="fam-section" aria-labelledby="fam-members">
        <h3 id="fam-members" className="fam-heading">
          {t('analysis.family.members', { n: detail.members.length })}
        </h3>
        {detail.members.length === 0 ? (
          <p className="muted">{t('analysis.family.noMembers')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="family-members">
              <thead>
                <tr>
                  <th scope="col">{t('analysis.family.colName')}</th>
                  <th scope="col">{t('analysis.family.colNik')}</th>
                  {memberKeys.map((k) => (
                    <th scope="col" key={k.key}>
                      {k.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {detail.members.map((m) => (
                  <tr key={m.personId}>
                    <th scope="row">{m.name ?? '—'}</th>
                    <td className="nowrap cell-id">{m.nik ?? '—'}</td>
                    {memberKeys.map((k) => (
                      <td key={k.key}>{m.fields.find((f) => f.key === k.key)?.value ?? '—'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {detail.extraColumns.length > 0 || detail.extraFields.length > 0 ? (
        <section className="fam-section" aria-labelledby="fam-extra">
          <h3 id="fam-extra" className="fam-heading">
            {t('analysis.family.extra')}
          </h3>
          <p className="field-note">{t('analysis.family.extraNote')}</p>
          <dl className="dl fam-fields">
            {detail.extraColumns.map((c, i) => (
              <div className="dl-row" key={`c${i}`}>
                <dt>{c.header}</dt>
                <dd>{c.value}</dd>
              </div>
            ))}
            {detail.extraFields.map((f) => (
              <div className="dl-row" key={`f${f.key}`}>
                <dt>{f.key}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <FamilyLinks links={detail.linked} />

      <section className="fam-section" aria-labelledby="fam-appear">
        <h3 id="fam-appear" className="fam-heading">
          {t('analysis.family.appearances')}
        </h3>
        {detail.appearances.length === 0 ? (
          <p className="muted">{t('analysis.family.noAppearances')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="family-appearances">
              <thead>
                <tr>
                  <th scope="col">{t('analysis.family.colSource')}</th>
                  <th scope="col">{t('analysis.family.colBatch')}</th>
                  <th scope="col">{t('analysis.family.colMatched')}</th>
                  <th scope="col">{t('analysis.family.colDetail')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.appearances.map((a, i) => (
                  <tr key={`${a.batch.id}-${a.familyId ?? 'x'}-${i}`}>
                    <td className="nowrap">{t(SOURCE_NAME[a.batch.source])}</td>
                    <td>
                      {a.batch.label}
                      {a.batch.vintage ? ` · ${a.batch.vintage}` : ''} <span className="muted">#{a.batch.id}</span>
                    </td>
                    <td className="nowrap">{t(MATCHED_BY[a.matchedBy])}</td>
                    <td>{a.detail ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/**
 * One family in a dialog: its record in words, where it lives, its members, what its file had
 * besides, and where else it appears. NIKs stay masked unless the planner asks; the request is
 * written to the warehouse's audit log, and the dialog says so.
 */
export function FamilyPanel({ row, onClose }: FamilyPanelProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [full, setFull] = useState(false);
  const family = useFamily(row.familyId, full);
  const detail = family.data?.familyId === row.familyId ? family.data : undefined;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="fam-dialog"
      aria-labelledby={titleId}
      data-testid="family-detail"
      data-family={row.familyId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="fam-head">
        <div>
          <p className="eyebrow">{t('analysis.family.eyebrow')}</p>
          <h2 id={titleId} className="fam-title">
            {row.nama_kepala ?? t('analysis.family.unnamed')}
          </h2>
        </div>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>

      <div className="notice notice-nik fam-nik">
        <div>
          {detail?.nikShown ? (
            <p role="status">{t('analysis.family.nikShown')}</p>
          ) : (
            <>
              <p>{t('analysis.family.nikMasked')}</p>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setFull(true)} disabled={full}>
                {t('analysis.family.showNik')}
              </button>
            </>
          )}
        </div>
      </div>

      {family.error ? <ErrorBanner error={family.error} context={t('analysis.family.failed')} onRetry={family.reload} /> : null}
      {detail ? <FamilyBody detail={detail} /> : family.error ? null : <Loading text={t('common.loading')} />}
    </dialog>
  );
}
