import type { RefObject } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { DEMO_DEFAULTS } from '../../../../shared/contracts/demo.ts';
import { DemoProgress } from './DemoProgress.tsx';
import { useDemoJob } from './useDemoJob.ts';

export interface DataStepProps {
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly province: { readonly code: string; readonly name: string };
  readonly onBack: () => void;
  readonly onFinish: () => void;
}

/** Demo data (synthetic, clearly labelled) or an empty warehouse. */
export function DataStep({ headingRef, province, onBack, onFinish }: DataStepProps) {
  const { t, num } = useI18n();
  const job = useDemoJob(onFinish);
  const running = job.status === 'running' || job.status === 'done';

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="first-run-title">
        {running ? t('demo.runningTitle') : t('firstRun.data.title')}
      </h1>
      {running ? (
        <DemoProgress progress={job.progress} />
      ) : (
        <>
          <p className="lead">{t('firstRun.data.lead', { province: province.name })}</p>
          {job.error ? <ErrorBanner error={job.error} context={t('demo.failed')} onRetry={job.start} /> : null}
          <div className="choice-grid">
            <div className="choice">
              <h2 className="choice-title">{t('firstRun.data.demoTitle')}</h2>
              <p>{t('firstRun.data.demoText', { families: num(DEMO_DEFAULTS.families), province: province.name })}</p>
              <p className="synthetic-tag">
                <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                  <path d="M10 2l8.5 15h-17z" fill="currentColor" />
                  <path d="M10 8v4M10 14.5v.5" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
                </svg>
                {t('demo.syntheticTag')}
              </p>
              <button type="button" className="btn btn-primary btn-large" onClick={job.start}>
                {t('firstRun.data.demoButton')}
              </button>
            </div>
            <div className="choice">
              <h2 className="choice-title">{t('firstRun.data.emptyTitle')}</h2>
              <p>{t('firstRun.data.emptyText')}</p>
              <button type="button" className="btn btn-secondary btn-large" onClick={onFinish}>
                {t('firstRun.data.emptyButton')}
              </button>
            </div>
          </div>
          <div className="first-run-actions">
            <button type="button" className="btn btn-ghost" onClick={onBack}>
              {t('common.back')}
            </button>
            <span />
          </div>
        </>
      )}
    </>
  );
}
