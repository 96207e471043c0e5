import type { CrosstabResult, PercentMode } from '../../../../shared/contracts/analysis.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { ExportDone } from '../../components/ExportDone.tsx';
import { useI18n } from '../../i18n/useT.ts';
import type { ExportState } from './useAnalysis.ts';

export interface ExportCrosstabProps {
  readonly result: CrosstabResult | null;
  readonly percent: PercentMode;
  readonly state: ExportState;
  /** The table on screen is not the current one yet (a newer one is being computed). */
  readonly stale: boolean;
}

/**
 * "Ekspor ke Excel": the warehouse writes the table on screen (with its definition and, when a
 * percent mode is chosen, the percentages) to an .xlsx. The browser host offers a download; in the
 * desktop app the file already lies on this computer, so its place is shown.
 */
export function ExportCrosstab({ result, percent, state, stale }: ExportCrosstabProps) {
  const { t } = useI18n();
  return (
    <div className="an-export">
      <button
        type="button"
        className="btn btn-secondary"
        disabled={!result || stale || state.busy}
        onClick={() => {
          if (result) state.run(result.definition.spec, percent, result.definition.title);
        }}
      >
        {state.busy ? t('analysis.export.busy') : t('analysis.export.button')}
      </button>
      {state.error ? <ErrorBanner error={state.error} context={t('analysis.export.failed')} onDismiss={state.reset} /> : null}
      {state.result ? <ExportDone result={state.result} onClose={state.reset} testId="analysis-export-done" className="an-export-done" /> : null}
    </div>
  );
}
