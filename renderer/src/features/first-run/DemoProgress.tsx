import type { JobProgress } from '../../../../shared/contracts/events.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { phaseLabel } from './demoPhases.ts';

/** The running demo job: phase, counts and a bar. */
export function DemoProgress({ progress }: { readonly progress: JobProgress | null }) {
  const { t, num } = useI18n();
  const phase = progress ? phaseLabel(t, progress.phase) : t('demo.phase.starting');
  // Counts are villages in the `villages` phase and files in `import`; other phases are shown by name only.
  const detail =
    (progress?.phase === 'villages' || progress?.phase === 'import') && progress.total > 0
      ? t('demo.progressDetail', { phase, done: num(progress.done), total: num(progress.total) })
      : phase;
  return (
    <div className="demo-progress">
      <ProgressBar label={t('demo.progressLabel')} done={progress?.done ?? 0} total={progress && progress.total > 0 ? progress.total : null} detail={detail} />
      <p className="demo-progress-note">{t('demo.syntheticNote')}</p>
    </div>
  );
}
