import type { LinkBucket } from '../../../../shared/contracts/linkage.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { ExportDone } from '../../components/ExportDone.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useLinkExport } from './useLinkage.ts';

/** "Ekspor ke Excel" for a run's counts in a region, or for the records behind one count (masked). */
export function LinkExport({ runId, region, bucket }: { readonly runId: number; readonly region: string | null; readonly bucket: LinkBucket | null }) {
  const { t, num } = useI18n();
  const state = useLinkExport(runId, region, bucket);
  return (
    <div className="link-export">
      <button type="button" className="btn btn-secondary btn-small" onClick={state.run} disabled={state.busy} data-testid={bucket ? 'link-export-records' : 'link-export'}>
        {state.busy ? t('link.export.busy') : t(bucket ? 'link.export.records' : 'link.export.button')}
      </button>
      {state.error ? <ErrorBanner error={state.error} context={t('link.export.failed')} onDismiss={state.reset} /> : null}
      {state.result ? (
        <ExportDone result={state.result} onClose={state.reset} testId="link-export-done">
          {bucket ? <p>{t('link.export.done', { n: num(state.result.records) })}</p> : null}
        </ExportDone>
      ) : null}
    </div>
  );
}
