export interface ProgressBarProps {
  /** Accessible name, e.g. "Membuat data contoh". */
  readonly label: string;
  /** Units done and total; a null total shows an indeterminate bar. */
  readonly done: number;
  readonly total: number | null;
  /** Visible text under the bar (phase, counts). */
  readonly detail?: string;
}

export function ProgressBar({ label, done, total, detail }: ProgressBarProps) {
  const share = total && total > 0 ? Math.min(1, Math.max(0, done / total)) : null;
  return (
    <div className="progress">
      <div
        className={`progress-track${share === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share === null ? undefined : Math.round(share * 100)}
        aria-valuetext={detail}
      >
        <div className="progress-fill" style={share === null ? undefined : { width: `${share * 100}%` }} />
      </div>
      {detail ? (
        <p className="progress-detail" aria-live="polite">
          {detail}
        </p>
      ) : null}
    </div>
  );
}
