import { useCallback, useMemo, useRef, useState } from 'react';
import type { AnalysisCatalog } from '../../../../shared/contracts/analysis.ts';
import type { DraftArgs } from '../../../../shared/contracts/interventions.ts';
import type { Program } from '../../../../shared/interventions/program.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useAnalysisCatalog } from '../analysis/useAnalysis.ts';
import { incompleteCount } from './criteriaModel.ts';
import { DraftBox } from './DraftBox.tsx';
import { LiveCount } from './LiveCount.tsx';
import { ListStatusBadge } from './ListStatusBadge.tsx';
import type { ProgramNav } from './nav.ts';
import { ProgramForm } from './ProgramForm.tsx';
import { countArgsOf, draftOf, inputKey, newDraft, toInput, type DraftField, type ProgramDraft } from './programModel.ts';
import { useListActions } from './useList.ts';
import { useCriteriaCount, useProgram, useProgramActions, useProgramLists, useTemplates, type TemplatesData } from './usePrograms.ts';

export interface ProgramEditorPageProps {
  /** The program to edit; null for a new one. */
  readonly programId: number | null;
  readonly province: Region;
  readonly nav: ProgramNav;
}

/** `#/program/<id>` (or `#/program/baru`): one program's editor with the live count, and its lists. */
export function ProgramEditorPage({ programId, province, nav }: ProgramEditorPageProps) {
  const { t } = useI18n();
  const catalog = useAnalysisCatalog();
  const templates = useTemplates();
  return (
    <div className="page page-program">
      <header className="page-head">
        <p className="eyebrow">
          <a href="#/program">{t('prog.backToCatalogue')}</a>
        </p>
        {programId === null ? (
          <h1 tabIndex={-1} className="page-title">
            {t('prog.new.title')}
          </h1>
        ) : null}
      </header>
      {catalog.error && !catalog.data ? <ErrorBanner error={catalog.error} context={t('analysis.catalogFailed')} onRetry={catalog.reload} /> : null}
      {templates.error && !templates.data ? <ErrorBanner error={templates.error} context={t('prog.templates.failed')} onRetry={templates.reload} /> : null}
      {catalog.data && templates.data ? (
        programId === null ? (
          <Editor key="new" program={null} catalog={catalog.data} templates={templates.data} province={province} nav={nav} />
        ) : (
          <Existing programId={programId} catalog={catalog.data} templates={templates.data} province={province} nav={nav} />
        )
      ) : catalog.error || templates.error ? null : (
        <Loading text={t('common.loading')} />
      )}
    </div>
  );
}

interface LoadedProps {
  readonly catalog: AnalysisCatalog;
  readonly templates: TemplatesData;
  readonly province: Region;
  readonly nav: ProgramNav;
}

function Existing({ programId, ...rest }: LoadedProps & { readonly programId: number }) {
  const { t } = useI18n();
  const program = useProgram(programId);
  const data = program.data?.id === programId ? program.data : undefined;
  if (program.error && !data) return <ErrorBanner error={program.error} context={t('prog.loadFailed')} onRetry={program.reload} />;
  if (!data) return <Loading text={t('common.loading')} />;
  return <Editor key={programId} program={data} {...rest} />;
}

function Editor({ program, catalog, templates, province, nav }: LoadedProps & { readonly program: Program | null }) {
  const { t, label } = useI18n();
  const idCounter = useRef(0);
  const nextId = useCallback(() => ++idCounter.current, []);
  const [draft, setDraft] = useState<ProgramDraft>(() => (program ? draftOf(program, nextId) : newDraft(nextId, templates.year)));
  const [saved, setSaved] = useState<{ program: Program | null; key: string }>(() => ({ program, key: inputKey(draft) }));
  const [fieldErrors, setFieldErrors] = useState<readonly DraftField[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const actions = useProgramActions();
  const listActions = useListActions();

  const args = useMemo(() => countArgsOf(draft, templates.year), [draft, templates.year]);
  const count = useCriteriaCount(args);
  const dirty = inputKey(draft) !== saved.key;
  const current = saved.program;
  const template = draft.template ? templates.templates.find((x) => x.key === draft.template) : undefined;
  const serverError = actions.errorField;

  const change = (next: ProgramDraft) => {
    setDraft(next);
    setNotice(null);
    // A field marked as "not a number" is unmarked as soon as it is edited again.
    if (fieldErrors.length > 0) setFieldErrors(toInput(next).errors);
  };

  const save = () => {
    const checked = toInput(draft);
    setFieldErrors(checked.errors);
    if (!checked.input) return;
    const key = inputKey(draft);
    void actions.save(checked.input, current?.id).then((p) => {
      if (!p) return;
      setSaved({ program: p, key });
      setNotice(t('prog.saved', { name: p.name }));
      if (!current) nav.openProgram(p.id);
    });
  };

  const draftList = (a: DraftArgs) => {
    void listActions.draft(a).then((detail) => {
      if (detail) nav.openList(detail.summary.listId);
    });
  };

  return (
    <>
      {current ? (
        <h1 tabIndex={-1} className="page-title pg-title">
          {current.name}
        </h1>
      ) : null}
      {template ? (
        <p className="notice notice-info pg-template-note" role="note" data-testid="template-note">
          <strong>{t('prog.templates.exampleTag')}</strong> {t('prog.templates.startedFrom', { name: label(template) })} {label(template.note)}
        </p>
      ) : null}
      <div className="pg-layout">
        <ProgramForm
          draft={draft}
          onChange={change}
          nextId={nextId}
          catalog={catalog}
          recipients={templates.recipientPrograms}
          province={province}
          fieldErrors={fieldErrors}
          serverError={serverError}
        />
        <aside className="pg-side">
          <div className="card pg-savebar" data-testid="save-bar" data-dirty={dirty}>
            <div className="pg-savebar-row">
              <button type="button" className="btn btn-primary" onClick={save} disabled={actions.busy || (!dirty && current !== null)}>
                {actions.busy ? t('common.saving') : current ? t('prog.save') : t('prog.create')}
              </button>
              <span className={dirty ? 'warn-text' : 'muted'} role="status">
                {dirty ? t('prog.unsaved') : current ? t('prog.upToDate') : ''}
              </span>
            </div>
            {fieldErrors.length > 0 ? <p className="field-note warn-text">{t('prog.form.fixNumbers')}</p> : null}
            {actions.error ? <ErrorBanner error={actions.error} context={t('prog.saveFailed')} onDismiss={actions.dismissError} /> : null}
            {notice && !dirty ? (
              <p className="notice notice-info" role="status">
                {notice}
              </p>
            ) : null}
          </div>
          <LiveCount count={count} unit={draft.unit} incomplete={incompleteCount(draft.criteria)} />
          {current ? (
            <ProgramLists
              program={current}
              blocked={dirty ? t('prog.draft.saveFirst') : null}
              busy={listActions.busy}
              error={listActions.error}
              onDismissError={listActions.dismissError}
              onDraft={draftList}
            />
          ) : null}
        </aside>
      </div>
    </>
  );
}

function ProgramLists({ program, blocked, busy, error, onDismissError, onDraft }: {
  readonly program: Program;
  readonly blocked: string | null;
  readonly busy: boolean;
  readonly error: Error | null;
  readonly onDismissError: () => void;
  readonly onDraft: (args: DraftArgs) => void;
}) {
  const { t, num, dateShort } = useI18n();
  const lists = useProgramLists(program.id);
  const all = lists.data ?? [];
  return (
    <Card title={t('prog.lists.title')} className="pg-lists">
      {lists.error ? <ErrorBanner error={lists.error} context={t('prog.lists.failed')} onRetry={lists.reload} /> : null}
      {all.length === 0 ? (
        lists.data ? <p className="muted">{t('prog.lists.none')}</p> : null
      ) : (
        <ul className="pg-list-versions" data-testid="program-lists">
          {all.map((l) => (
            <li key={l.listId}>
              <a href={`#/daftar/${l.listId}`}>{t('prog.lists.version', { v: l.version })}</a> <ListStatusBadge status={l.status} />{' '}
              <span className="muted">
                {t(l.unit === 'person' ? 'prog.lists.unitsPersons' : 'prog.lists.unitsFamilies', { n: num(l.units) })} · {dateShort(l.draftedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="pg-subhead">{t('prog.draft.title')}</h3>
      <DraftBox program={program} busy={busy} blocked={blocked} onDraft={onDraft} />
      {error ? <ErrorBanner error={error} context={t('prog.draft.failed')} onDismiss={onDismissError} /> : null}
    </Card>
  );
}
