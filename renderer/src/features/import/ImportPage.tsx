import { useEffect, useRef, useState } from 'react';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { BatchDetailPanel } from './BatchDetailPanel.tsx';
import { BatchList } from './BatchList.tsx';
import { ACCEPTED, FileChooser } from './FileChooser.tsx';
import { JobProgress } from './JobProgress.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { formatBytes } from './importLabels.ts';
import { useImportFlow, type FlowStep } from './useImportFlow.ts';

const STEPS: readonly { readonly key: UiKey; readonly at: readonly FlowStep[] }[] = [
  { key: 'import.step.choose', at: ['choose', 'uploading'] },
  { key: 'import.step.preview', at: ['preview'] },
  { key: 'import.step.commit', at: ['committing'] },
  { key: 'import.step.result', at: ['done'] },
];

/** Move the focus to the heading of the panel that just replaced the previous one. */
function focusHeading(container: HTMLElement | null): void {
  const heading = container?.querySelector<HTMLElement>('h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/**
 * Impor Data: choose a file, check the preview (source, sheets, mapping, issues), commit it with
 * progress and cancel, look at what was rejected or flagged and export it; and every batch in the
 * warehouse, to open or delete.
 */
export function ImportPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const flow = useImportFlow(t('import.error.noPath'));
  const [openBatch, setOpenBatch] = useState<number | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [committedLabel, setCommittedLabel] = useState('');
  const workspace = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLDivElement>(null);
  const lastStep = useRef<FlowStep>(flow.step);

  useEffect(() => {
    if (lastStep.current === flow.step) return;
    lastStep.current = flow.step;
    if (flow.step !== 'uploading') focusHeading(workspace.current);
  }, [flow.step]);

  const resultBatch = flow.result?.batchId ?? null;
  useEffect(() => {
    if (resultBatch !== null) setOpenBatch(resultBatch);
  }, [resultBatch]);

  const stepIndex = STEPS.findIndex((s) => s.at.includes(flow.step));
  const file = flow.file;

  let panel;
  if (flow.step === 'choose' || flow.step === 'uploading') {
    const busy = flow.step === 'uploading';
    panel = (
      <Card title={t('import.choose.title')} subtitle={t('import.choose.subtitle')} busy={busy}>
        <FileChooser
          busy={busy}
          onChoose={(f) => {
            setRefused(null);
            flow.choose(f);
          }}
          onRefuse={(name) => setRefused(name)}
        />
        {busy ? (
          flow.previewing ? (
            <JobProgress label={t('import.preview.progressLabel')} progress={flow.progress} onCancel={flow.cancel} />
          ) : (
            <ProgressBar label={t('import.upload.label')} done={0} total={null} detail={t('import.upload.detail')} />
          )
        ) : null}
      </Card>
    );
  } else if (flow.step === 'preview' && flow.preview && file) {
    panel = (
      <PreviewPanel
        key={file.path}
        file={file}
        preview={flow.preview}
        request={flow.request}
        previewing={flow.previewing}
        progress={flow.progress}
        onRerun={flow.rerun}
        onRemap={flow.remap}
        onCancel={flow.cancel}
        onChangeFile={flow.reset}
        onCommit={(choice) => {
          setCommittedLabel(choice.label.trim());
          flow.commit(choice);
        }}
      />
    );
  } else if (flow.step === 'committing' && file) {
    panel = (
      <Card title={t('import.commit.title', { file: file.name })} subtitle={t('import.commit.subtitle', { size: formatBytes(i18n, file.size) })} busy>
        <JobProgress label={t('import.commit.progressLabel')} progress={flow.progress} onCancel={flow.cancel} />
        <p className="muted">{t('import.commit.cancelNote')}</p>
      </Card>
    );
  } else if (flow.step === 'done' && flow.result) {
    panel = <ResultPanel result={flow.result} label={committedLabel} onAnother={flow.reset} />;
  }

  return (
    <div className="page page-import">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('import.title')}
        </h1>
        <p className="page-meta">{t('import.lead', { formats: ACCEPTED.join(', ') })}</p>
      </header>

      <ol className="steps import-steps" aria-label={t('import.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li key={s.key} className={i === stepIndex ? 'is-current' : i < stepIndex ? 'is-done' : undefined} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="steps-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>{t(s.key)}</span>
          </li>
        ))}
      </ol>

      {refused ? (
        <ErrorBanner error={new Error(t('import.error.type', { name: refused, formats: ACCEPTED.join(', ') }))} onDismiss={() => setRefused(null)} />
      ) : null}
      {flow.error ? <ErrorBanner error={flow.error} context={t(flow.step === 'choose' ? 'import.error.stage' : 'import.error.job')} onDismiss={flow.dismissError} /> : null}
      {flow.cancelled ? (
        <p className="notice notice-info" role="status">
          {t(flow.cancelled === 'commit' ? 'import.cancelled.commit' : 'import.cancelled.preview')}
        </p>
      ) : null}

      <div className="import-workspace" ref={workspace}>
        {panel}
      </div>

      {openBatch !== null ? (
        <div ref={detail} className="import-detail">
          <BatchDetailPanel key={openBatch} batchId={openBatch} onClose={() => setOpenBatch(null)} />
        </div>
      ) : null}

      <BatchList
        openId={openBatch}
        onOpen={(b) => {
          setOpenBatch(b.id);
          // After the panel has rendered: bring it into view and put the focus on its heading.
          requestAnimationFrame(() => {
            detail.current?.scrollIntoView({ block: 'start' });
            focusHeading(detail.current);
          });
        }}
        onDeleted={(id) => {
          if (openBatch === id) setOpenBatch(null);
          if (resultBatch === id) flow.reset();
        }}
      />
    </div>
  );
}
