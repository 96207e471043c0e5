import { useId, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useLinkThresholds } from './useLinkage.ts';

/**
 * The two score thresholds as a small form under the run controls: which pairs are linked on
 * their own and which wait for a reviewer. The warehouse checks them; a change makes the next run
 * of every pair run again.
 */
export function ThresholdsForm() {
  const { t, num } = useI18n();
  const ids = { accept: useId(), review: useId() };
  const state = useLinkThresholds();
  const [draft, setDraft] = useState<{ accept: string; review: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const current = state.data;
  if (!current) return state.error ? <ErrorBanner error={state.error} onRetry={state.reload} /> : null;
  const value = draft ?? { accept: String(current.acceptScore), review: String(current.reviewScore) };
  const parse = (s: string): number => Number(s.replace(',', '.'));
  return (
    <details className="link-thresholds" data-testid="link-thresholds">
      <summary>{t('link.thresholds.summary', { accept: num(current.acceptScore, 2), review: num(current.reviewScore, 2) })}</summary>
      <form
        className="link-thresholds-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void state.save({ acceptScore: parse(value.accept), reviewScore: parse(value.review) }).then((ok) => {
            if (ok) {
              setDraft(null);
              setSaved(true);
            }
          });
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={ids.accept}>
            {t('link.thresholds.accept')}
          </label>
          <input id={ids.accept} className="input input-narrow" inputMode="decimal" value={value.accept} onChange={(e) => setDraft({ ...value, accept: e.target.value })} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.review}>
            {t('link.thresholds.review')}
          </label>
          <input id={ids.review} className="input input-narrow" inputMode="decimal" value={value.review} onChange={(e) => setDraft({ ...value, review: e.target.value })} />
        </div>
        <button type="submit" className="btn btn-secondary btn-small" disabled={state.saving || draft === null}>
          {t('link.thresholds.save')}
        </button>
      </form>
      <p className="field-note">{t('link.thresholds.note')}</p>
      {saved ? <p role="status">{t('link.thresholds.saved')}</p> : null}
      {state.saveError ? <ErrorBanner error={state.saveError} context={t('link.thresholds.failed')} /> : null}
    </details>
  );
}
