import type { ListStatus } from '../../../../shared/contracts/interventions.ts';
import { useI18n } from '../../i18n/useT.ts';

/** "Draf" or "Final (terkunci)": a final list no longer changes. */
export function ListStatusBadge({ status }: { readonly status: ListStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${status === 'final' ? 'badge-final' : 'badge-draft'}`} data-testid="list-status" data-status={status}>
      {status === 'final' ? t('plist.status.final') : t('plist.status.draft')}
    </span>
  );
}
