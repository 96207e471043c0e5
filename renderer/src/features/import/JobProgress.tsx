import type { ImportProgress } from '../../../../shared/contracts/events.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { PHASE_LABEL, formatDuration } from './importLabels.ts';

export interface JobProgressProps {
  /** Accessible name of the bar, e.g. "Kemajuan impor". */
  readonly label: string;
  readonly progress: ImportProgress | null;
  readonly onCancel: () => void;
}

/** A running preview or commit: share of the file read, rows so far, rows per second, time left; and Batal. */
export function JobProgress({ label, progress, onCancel }: JobProgressProps) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const parts: string[] = [progress ? t(PHASE_LABEL[progress.phase]) : t('import.phase.starting')];
  if (progress) {
    if (progress.rowsDone > 0) parts.push(t('import.progress.rows', { n: num(progress.rowsDone) }));
    if (progress.rowsPerSecond > 0) parts.push(t('import.progress.rate', { n: num(Math.round(progress.rowsPerSecond)) }));
    // Time left while the file is still being read; at the end there is nothing useful to say.
    if (progress.phase !== 'finishing' && progress.phase !== 'cancelling' && progress.fraction < 1) {
      parts.push(progress.etaSeconds === null ? t('import.progress.etaUnknown') : t('import.progress.eta', { time: formatDuration(t, Math.max(1, progress.etaSeconds)) }));
    }
  }
  return (
    <div className="job-progress" data-testid="job-progress">
      <ProgressBar label={label} done={progress ? Math.round(progress.fraction * 1000) : 0} total={progress ? 1000 : null} detail={parts.join(' · ')} />
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={progress?.phase === 'cancelling'}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
