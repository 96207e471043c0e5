import { useId, useState } from 'react';
import type { CandidateRow, ListSummary } from '../../../../shared/contracts/interventions.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { ReasonDialog } from './ReasonDialog.tsx';
import { useCandidateSearch, useListActions } from './useList.ts';

export interface AddMemberProps {
  readonly summary: ListSummary;
  readonly onChanged: (summary: ListSummary) => void;
}

/**
 * Add a family (or person) by hand: search by name, NIK, No KK or family id; each hit says whether
 * it meets the criteria, is already covered or already on the list. Adding asks for a reason.
 */
export function AddMember({ summary, onChanged }: AddMemberProps) {
  const { t, num } = useI18n();
  // Its own actions: a refused addition is shown in the dialog, not again on the page.
  const actions = useListActions();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState<CandidateRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const found = useCandidateSearch(summary.listId, query, tick);

  const add = (reason: string) => {
    const row = adding;
    if (!row) return;
    void actions.add(summary.listId, row.familyId, summary.unit === 'person' ? row.personId : undefined, reason).then((s) => {
      if (!s) return;
      setAdding(null);
      setDone(t('plist.add.done', { name: row.nama ?? '—' }));
      setTick((x) => x + 1);
      onChanged(s);
    });
  };

  return (
    <Card title={t('plist.add.title')} subtitle={t('plist.add.lead')} className="pg-add">
      <div className="form-field">
        <label className="field-label" htmlFor={inputId}>
          {t('plist.add.search')}
        </label>
        <input
          id={inputId}
          type="search"
          className="text-input"
          autoComplete="off"
          placeholder={t('plist.add.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setDone(null);
          }}
        />
        <p className="sr-only" aria-live="polite">
          {found.searching ? t('search.searching') : found.rows ? t('search.found', { n: num(found.rows.length) }) : ''}
        </p>
      </div>
      {done ? (
        <p className="notice notice-info" role="status">
          {done}
        </p>
      ) : null}
      {found.error ? <ErrorBanner error={found.error} context={t('plist.add.failed')} /> : null}
      {found.rows && found.rows.length === 0 ? <p className="muted">{t('search.none')}</p> : null}
      {found.rows && found.rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table pg-candidates" data-testid="candidates">
            <thead>
              <tr>
                <th scope="col">{t('plist.col.nama')}</th>
                <th scope="col">{t('plist.col.nik')}</th>
                <th scope="col">{t('plist.col.noKk')}</th>
                <th scope="col">{t('plist.col.desa')}</th>
                <th scope="col" className="num">
                  {t('plist.col.desil')}
                </th>
                <th scope="col">{t('plist.add.state')}</th>
                <th scope="col">
                  <span className="sr-only">{t('prog.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {found.rows.map((r) => (
                <tr key={`${r.familyId}:${r.personId}`}>
                  <th scope="row">{r.nama ?? '—'}</th>
                  <td className="nowrap cell-id">{r.nik ?? '—'}</td>
                  <td className="nowrap cell-id">{r.noKk ?? '—'}</td>
                  <td>
                    {r.desa ?? '—'}
                    {r.kecamatan ? <span className="muted"> · {r.kecamatan}</span> : null}
                  </td>
                  <td className="num">{r.desil ?? '—'}</td>
                  <td>
                    {[
                      r.onList ? t('plist.add.onList') : null,
                      r.inCriteria ? t('plist.add.inCriteria') : t('plist.add.outsideCriteria'),
                      r.covered ? t('plist.add.covered') : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={r.onList || actions.busy}
                      onClick={() => {
                        actions.dismissError();
                        setAdding(r);
                      }}
                      aria-label={t('plist.add.buttonNamed', { name: r.nama ?? '—' })}
                    >
                      {t('plist.add.button')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {adding ? (
        <ReasonDialog
          title={t('plist.add.dialogTitle')}
          confirmLabel={t('plist.add.confirm')}
          busy={actions.busy}
          error={actions.error}
          onConfirm={add}
          onCancel={() => {
            setAdding(null);
            actions.dismissError();
          }}
        >
          <p>{t('plist.add.dialogText', { name: adding.nama ?? '—', nik: adding.nik ?? '—' })}</p>
          {!adding.inCriteria ? <p className="warn-text">{t('plist.add.outsideWarning')}</p> : null}
        </ReasonDialog>
      ) : null}
    </Card>
  );
}
