import { useState } from 'react';
import type { DraftArgs, ListDetail } from '../../../../shared/contracts/interventions.ts';
import { Card } from '../../components/Card.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { AddMember } from './AddMember.tsx';
import { AllocationTable } from './AllocationTable.tsx';
import { DraftBox, LEVELS } from './DraftBox.tsx';
import { ListExport } from './ListExport.tsx';
import { ListStatusBadge } from './ListStatusBadge.tsx';
import { MembersCard } from './MembersCard.tsx';
import { MethodBox } from './MethodBox.tsx';
import type { ProgramNav } from './nav.ts';
import { useListActions, useListDetail } from './useList.ts';
import { VersionsCard } from './VersionsCard.tsx';

/**
 * `#/daftar/<id>`: one version of a program's list — its figures, the allocation over areas, the
 * members with manual edits (each with a reason), draft → final, a new version of a final list,
 * the versions and what changed, the export for the OPD and the method in words.
 */
export function ListPage({ listId, nav }: { readonly listId: number; readonly nav: ProgramNav }) {
  const { t } = useI18n();
  const detail = useListDetail(listId);
  const data = detail.data?.summary.listId === listId ? detail.data : undefined;
  let body;
  if (detail.error && !data) body = <ErrorBanner error={detail.error} context={t('plist.loadFailed')} onRetry={detail.reload} />;
  else if (!data) body = <Loading text={t('common.loading')} />;
  else body = <ListView key={`${data.summary.listId}`} detail={data} reload={detail.reload} nav={nav} />;
  return <div className="page page-list">{body}</div>;
}

function ListView({ detail, reload, nav }: { readonly detail: ListDetail; readonly reload: () => void; readonly nav: ProgramNav }) {
  const { t, num, dateShort } = useI18n();
  const s = detail.summary;
  const p = detail.program;
  const editable = s.status === 'draft';
  const actions = useListActions();
  const [version, setVersion] = useState(0);
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // A refused redraft is said under the redraft button; the rest at the top of the page.
  const [errorAt, setErrorAt] = useState<'draft' | 'top'>('top');
  const [manual, setManual] = useState<Readonly<Record<string, number>>>(() =>
    Object.fromEntries(detail.areas.filter((a) => a.manual).map((a) => [a.code, a.allocated])),
  );
  const levelName = LEVELS.find((l) => l.value === s.level);

  // The summary a change returns is already in the detail that is loaded again.
  const changed = () => {
    setVersion((v) => v + 1);
    reload();
  };

  const redraft = (args: DraftArgs) => {
    setErrorAt('draft');
    void actions.draft(args).then((d) => {
      if (!d) return;
      setNotice(t('plist.redrafted', { n: num(d.summary.units) }));
      if (d.summary.listId !== s.listId) nav.openList(d.summary.listId);
      else changed();
    });
  };

  const finalize = () => {
    setErrorAt('top');
    void actions.finalize(s.listId).then((r) => {
      setConfirmFinal(false);
      if (!r) return;
      setNotice(t('plist.finalized'));
      changed();
    });
  };

  const revise = () => {
    setErrorAt('top');
    void actions.revise(s.listId).then((r) => {
      if (r) nav.openList(r.listId);
    });
  };

  return (
    <>
      <header className="page-head pg-list-head">
        <p className="eyebrow">
          <a href={`#/program/${s.programId}`}>{t('plist.backToProgram', { name: s.programName })}</a>
        </p>
        <div className="pg-list-title-row">
          <h1 tabIndex={-1} className="page-title">
            {t('plist.title', { name: s.programName, v: s.version })}
          </h1>
          <ListStatusBadge status={s.status} />
        </div>
        <p className="page-meta">
          {p.opd} · {t('prog.col.year')} {p.year} · {t('plist.drafted', { date: dateShort(s.draftedAt) })}
          {s.finalizedAt ? ` · ${t('plist.finalizedAt', { date: dateShort(s.finalizedAt) })}` : ''}
          {levelName ? ` · ${t('plist.levelIs', { level: t(levelName.key) })}` : ''}
        </p>
      </header>

      {notice ? (
        <p className="notice notice-info" role="status">
          {notice}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
            {t('common.close')}
          </button>
        </p>
      ) : null}
      {actions.error && errorAt === 'top' ? <ErrorBanner error={actions.error} context={t('plist.actionFailed')} onDismiss={actions.dismissError} /> : null}

      <section className="card pg-list-summary" aria-label={t('plist.summary')} data-testid="list-summary" data-units={s.units} data-families={s.families} data-status={s.status}>
        <dl className="pg-kpis">
          <div className="pg-kpi is-main">
            <dt>{s.unit === 'person' ? t('prog.count.unitsPersons') : t('prog.count.unitsFamilies')}</dt>
            <dd data-testid="list-units">{num(s.units)}</dd>
          </div>
          {s.unit === 'person' ? (
            <div className="pg-kpi">
              <dt>{t('plist.kpi.families')}</dt>
              <dd>{num(s.families)}</dd>
            </div>
          ) : null}
          <div className="pg-kpi">
            <dt>{t('plist.kpi.target')}</dt>
            <dd data-testid="list-target">{num(s.target)}</dd>
          </div>
          <div className="pg-kpi">
            <dt>{t('prog.count.eligible')}</dt>
            <dd>{num(s.eligible)}</dd>
          </div>
          <div className="pg-kpi">
            <dt>{t('prog.count.covered')}</dt>
            <dd>{num(s.covered)}</dd>
          </div>
          <div className="pg-kpi">
            <dt>{t('prog.count.candidates')}</dt>
            <dd>{num(s.candidates)}</dd>
          </div>
          {s.cost !== null ? (
            <div className="pg-kpi">
              <dt>{t('plist.kpi.cost')}</dt>
              <dd>Rp {num(s.cost)}</dd>
            </div>
          ) : null}
          {s.budget !== null ? (
            <div className="pg-kpi">
              <dt>{t('plist.kpi.budget')}</dt>
              <dd>Rp {num(s.budget)}</dd>
            </div>
          ) : null}
          {s.manualChanges > 0 ? (
            <div className="pg-kpi">
              <dt>{t('plist.kpi.manual')}</dt>
              <dd>{num(s.manualChanges)}</dd>
            </div>
          ) : null}
        </dl>
        <div className="pg-lifecycle">
          {editable ? (
            <>
              <p className="muted">{t('plist.draftNote')}</p>
              <button type="button" className="btn btn-primary" onClick={() => setConfirmFinal(true)} disabled={actions.busy}>
                {t('plist.finalize')}
              </button>
            </>
          ) : (
            <>
              <p className="notice notice-info pg-locked">{t('plist.locked')}</p>
              <button type="button" className="btn btn-secondary" onClick={revise} disabled={actions.busy}>
                {t('plist.revise')}
              </button>
            </>
          )}
        </div>
      </section>

      <Card title={t('plist.alloc.title')} subtitle={levelName ? t('plist.levelIs', { level: t(levelName.key) }) : undefined} className="pg-alloc-card">
        <AllocationTable areas={detail.areas} manual={editable ? manual : null} onManualChange={setManual} />
        {editable ? (
          <div className="pg-redraft">
            <h3 className="pg-subhead">{t('plist.redraftTitle')}</h3>
            <p className="field-note">{t('plist.redraftLead')}</p>
            <DraftBox program={p} level={s.level} current={{ budget: s.budget, target: s.target, candidates: s.candidates }} manual={manual} manualLevel={s.level} busy={actions.busy} redraft onDraft={redraft} />
            {actions.error && errorAt === 'draft' ? <ErrorBanner error={actions.error} context={t('prog.draft.failed')} onDismiss={actions.dismissError} /> : null}
          </div>
        ) : null}
      </Card>

      <MembersCard summary={s} weights={detail.method.weights} editable={editable} version={version} onChanged={changed} />
      {editable ? <AddMember summary={s} onChanged={changed} /> : null}
      <ListExport key={`${s.listId}-${s.status}`} summary={s} />
      <VersionsCard versions={detail.versions} currentId={s.listId} />
      <MethodBox method={detail.method} />

      <ConfirmDialog
        open={confirmFinal}
        title={t('plist.finalizeTitle')}
        confirmLabel={t('plist.finalizeConfirm')}
        cancelLabel={t('common.cancel')}
        busy={actions.busy}
        onConfirm={finalize}
        onCancel={() => setConfirmFinal(false)}
      >
        <p>{t(s.unit === 'person' ? 'plist.finalizeTextPersons' : 'plist.finalizeTextFamilies', { n: num(s.units), name: s.programName })}</p>
      </ConfirmDialog>
    </>
  );
}
