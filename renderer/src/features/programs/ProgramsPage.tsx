import { useState } from 'react';
import type { ProgramSummary } from '../../../../shared/contracts/interventions.ts';
import { STRATEGY_LABEL } from '../../../../shared/interventions/program.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { ListStatusBadge } from './ListStatusBadge.tsx';
import type { ProgramNav } from './nav.ts';
import { useProgramActions, useProgramList, useTemplates, type ProgramActions, type TemplatesData } from './usePrograms.ts';

/**
 * Program & Daftar: the catalogue of programs with each one's newest list, "Program baru", and
 * the starting templates — examples to adapt, never official rules.
 */
export function ProgramsPage({ nav }: { readonly nav: ProgramNav }) {
  const { t } = useI18n();
  const programs = useProgramList();
  const templates = useTemplates();
  const actions = useProgramActions();
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="page page-programs">
      <header className="page-head pg-head">
        <div>
          <h1 tabIndex={-1} className="page-title">
            {t('prog.title')}
          </h1>
          <p className="page-meta">{t('prog.lead')}</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => nav.openProgram('baru')}>
          {t('prog.newButton')}
        </button>
      </header>
      {notice ? (
        <p className="notice notice-info" role="status">
          {notice}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
            {t('common.close')}
          </button>
        </p>
      ) : null}
      {actions.error ? <ErrorBanner error={actions.error} context={t('prog.actionFailed')} onDismiss={actions.dismissError} /> : null}

      <Card title={t('prog.catalogue.title')} className="pg-catalogue">
        {programs.error && !programs.data ? <ErrorBanner error={programs.error} context={t('prog.catalogue.failed')} onRetry={programs.reload} /> : null}
        {programs.data ? (
          programs.data.length === 0 ? (
            <EmptyState title={t('prog.catalogue.emptyTitle')}>
              <p>{t('prog.catalogue.emptyText')}</p>
            </EmptyState>
          ) : (
            <ProgramTable
              programs={programs.data}
              actions={actions}
              onDeleted={(name) => {
                setNotice(t('prog.deleted', { name }));
                programs.reload();
              }}
            />
          )
        ) : programs.error ? null : (
          <Loading text={t('common.loading')} />
        )}
      </Card>

      <TemplatesCard templates={templates.data} error={templates.error} onRetry={templates.reload} actions={actions} nav={nav} />
    </div>
  );
}

function ProgramTable({ programs, actions, onDeleted }: {
  readonly programs: readonly ProgramSummary[];
  readonly actions: ProgramActions;
  readonly onDeleted: (name: string) => void;
}) {
  const { t, num, label } = useI18n();
  const [toDelete, setToDelete] = useState<ProgramSummary | null>(null);
  return (
    <>
      <div className="table-scroll">
        <table className="table pg-table" data-testid="program-table">
          <thead>
            <tr>
              <th scope="col">{t('prog.col.name')}</th>
              <th scope="col">{t('prog.col.opd')}</th>
              <th scope="col">{t('prog.col.strategy')}</th>
              <th scope="col">{t('prog.col.unit')}</th>
              <th scope="col" className="num">
                {t('prog.col.year')}
              </th>
              <th scope="col">{t('prog.col.list')}</th>
              <th scope="col">
                <span className="sr-only">{t('prog.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr key={p.id} data-program={p.id}>
                <th scope="row">
                  <a href={`#/program/${p.id}`}>{p.name}</a>
                </th>
                <td>{p.opd}</td>
                <td>
                  {p.strategy}. {label(STRATEGY_LABEL[p.strategy])}
                </td>
                <td className="nowrap">{p.unit === 'person' ? t('prog.unit.person') : t('prog.unit.family')}</td>
                <td className="num">{p.year}</td>
                <td className="nowrap">
                  {p.latest ? (
                    <>
                      <a href={`#/daftar/${p.latest.listId}`}>{t('prog.lists.version', { v: p.latest.version })}</a> <ListStatusBadge status={p.latest.status} />{' '}
                      <span className="muted">
                        {t(p.latest.unit === 'person' ? 'prog.lists.unitsPersons' : 'prog.lists.unitsFamilies', { n: num(p.latest.units) })}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{t('prog.lists.noneShort')}</span>
                  )}
                </td>
                <td className="row-actions">
                  <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setToDelete(p)} aria-label={t('prog.deleteNamed', { name: p.name })}>
                    {t('prog.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('prog.deleteTitle')}
        confirmLabel={t('prog.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={actions.busy}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const p = toDelete;
          if (!p) return;
          void actions.remove(p.id).then((deleted) => {
            setToDelete(null);
            if (deleted) onDeleted(p.name);
          });
        }}
      >
        <p>{t('prog.deleteText', { name: toDelete?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}

function TemplatesCard({ templates, error, onRetry, actions, nav }: {
  readonly templates: TemplatesData | undefined;
  readonly error: Error | null;
  readonly onRetry: () => void;
  readonly actions: ProgramActions;
  readonly nav: ProgramNav;
}) {
  const { t, num, label } = useI18n();
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const use = (key: string) => {
    setBusyKey(key);
    void actions.fromTemplate(key, templates?.year).then((p) => {
      setBusyKey(null);
      if (p) nav.openProgram(p.id);
    });
  };
  return (
    <Card title={t('prog.templates.title')} subtitle={t('prog.templates.lead')} className="pg-templates">
      <p className="notice notice-warning pg-example-warning" role="note">
        {t('prog.templates.notOfficial')}
      </p>
      {error && !templates ? <ErrorBanner error={error} context={t('prog.templates.failed')} onRetry={onRetry} /> : null}
      {templates ? (
        <ul className="pg-template-list" data-testid="templates">
          {templates.templates.map((tpl) => (
            <li key={tpl.key} className="pg-template" data-template={tpl.key}>
              <div>
                <p className="pg-template-name">
                  {label(tpl)} <span className="badge badge-info">{t('prog.templates.exampleTag')}</span>
                </p>
                <p className="pg-template-note">{label(tpl.note)}</p>
                <p className="muted pg-template-meta">
                  {tpl.program.opd} · {label(STRATEGY_LABEL[tpl.program.strategy])} ·{' '}
                  {tpl.program.unit === 'person' ? t('prog.unit.person') : t('prog.unit.family')}
                  {tpl.program.unitCost ? ` · ${t('prog.templates.unitCost', { cost: `Rp ${num(tpl.program.unitCost)}` })}` : ''}
                </p>
              </div>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={actions.busy}
                onClick={() => use(tpl.key)}
                aria-label={t('prog.templates.useNamed', { name: label(tpl) })}
              >
                {busyKey === tpl.key ? t('prog.templates.creating') : t('prog.templates.use')}
              </button>
            </li>
          ))}
        </ul>
      ) : error ? null : (
        <Loading text={t('common.loading')} />
      )}
    </Card>
  );
}
