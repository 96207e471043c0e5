import { useState } from 'react';
import type { ListChangeEntry, ListSummary } from '../../../../shared/contracts/interventions.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { ListStatusBadge } from './ListStatusBadge.tsx';
import { useListDiff } from './useList.ts';

export interface VersionsCardProps {
  readonly versions: readonly ListSummary[];
  readonly currentId: number;
}

/** Every version of the program's list; for any of them, what it added and removed against the one before, and why. */
export function VersionsCard({ versions, currentId }: VersionsCardProps) {
  const { t, num, dateShort } = useI18n();
  const [shown, setShown] = useState<number | null>(null);
  return (
    <Card title={t('plist.versions.title')} className="pg-versions">
      <ul className="pg-list-versions" data-testid="versions">
        {versions.map((v) => (
          <li key={v.listId} className={v.listId === currentId ? 'is-current' : undefined} aria-current={v.listId === currentId ? 'true' : undefined}>
            {v.listId === currentId ? <strong>{t('prog.lists.version', { v: v.version })}</strong> : <a href={`#/daftar/${v.listId}`}>{t('prog.lists.version', { v: v.version })}</a>}{' '}
            <ListStatusBadge status={v.status} />{' '}
            <span className="muted">
              {t(v.unit === 'person' ? 'prog.lists.unitsPersons' : 'prog.lists.unitsFamilies', { n: num(v.units) })} · {dateShort(v.draftedAt)}
              {v.manualChanges > 0 ? ` · ${t('plist.versions.manual', { n: num(v.manualChanges) })}` : ''}
            </span>{' '}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-expanded={shown === v.listId}
              onClick={() => setShown(shown === v.listId ? null : v.listId)}
            >
              {shown === v.listId ? t('plist.versions.hide') : t('plist.versions.show')}
            </button>
            {shown === v.listId ? <DiffView listId={v.listId} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function DiffView({ listId }: { readonly listId: number }) {
  const { t } = useI18n();
  const diff = useListDiff(listId);
  const d = diff.data;
  if (diff.error) return <ErrorBanner error={diff.error} context={t('plist.versions.failed')} onRetry={diff.reload} />;
  if (!d) return <Loading text={t('common.loading')} />;
  return (
    <div className="pg-diff" data-testid="diff" data-version={d.version}>
      <p className="muted">
        {d.previousVersion === null ? t('plist.versions.first') : t('plist.versions.against', { v: d.previousVersion })}
      </p>
      <ChangeTable title={t('plist.versions.added', { n: d.added.length })} rows={d.added} kind="add" />
      <ChangeTable title={t('plist.versions.removed', { n: d.removed.length })} rows={d.removed} kind="remove" />
    </div>
  );
}

function ChangeTable({ title, rows, kind }: { readonly title: string; readonly rows: readonly (ListChangeEntry & { readonly manual: boolean })[]; readonly kind: 'add' | 'remove' }) {
  const { t, dateShort } = useI18n();
  return (
    <div className="pg-diff-part" data-kind={kind}>
      <h3 className="pg-subhead">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('plist.versions.nothing')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('plist.versions.who')}</th>
                <th scope="col">{t('plist.col.reason')}</th>
                <th scope="col">{t('plist.versions.by')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.familyId}:${r.personId}:${i}`}>
                  <th scope="row">{r.label ?? `#${r.familyId}`}</th>
                  <td>
                    {r.reason}
                    {r.manual ? '' : <span className="muted"> ({t('plist.versions.auto')})</span>}
                  </td>
                  <td className="nowrap">{[r.actor, dateShort(r.at)].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
