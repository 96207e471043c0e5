import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { LinkRunInfo } from '../../../../shared/contracts/linkage.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { batchName, methodLabel, REVIEW_FIELD_LABEL, REVIEW_FIELDS, REVIEW_KEYS, reviewKeyAction, reviewValue, type ReviewAction } from './linkageModel.ts';
import { useReviewQueue } from './useLinkage.ts';

export interface ReviewQueueProps {
  readonly run: LinkRunInfo;
  readonly onDecided: () => void;
  readonly onClose: () => void;
}

const ACTION_LABEL = { accept: 'link.review.accept', reject: 'link.review.reject', skip: 'link.review.skip' } as const;
const ACTION_DONE = { accept: 'link.review.accepted', reject: 'link.review.rejected', skip: 'link.review.skipped' } as const;

/** Keys typed into a form control belong to it, not to the queue. */
function typing(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * The review queue: the two records of an uncertain pair side by side, the fields that differ
 * marked (in colour and in words), accept / reject / skip by button or key while the focus is in
 * the queue. Buttons stay focusable while a decision is on its way (aria-disabled, not disabled),
 * so the keyboard user never loses their place; each new pair is announced.
 */
export function ReviewQueue({ run, onDecided, onClose }: ReviewQueueProps) {
  const { t, num } = useI18n();
  const titleId = useId();
  const queue = useReviewQueue(run.runId, onDecided);
  const { pair, busy, last, act } = queue;
  const box = useRef<HTMLElement>(null);

  // The last pair decided: its buttons are gone, so the focus goes to the queue's heading.
  const empty = !queue.loading && pair === null;
  useEffect(() => {
    if (!empty || last === null) return;
    const h = box.current?.querySelector<HTMLElement>('h2');
    // Only when the focus was lost with the buttons (not when the user has moved elsewhere).
    if (h && document.activeElement === document.body) {
      h.tabIndex = -1;
      h.focus();
    }
  }, [empty, last]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (typing(e.target)) return;
    const action = reviewKeyAction(e);
    if (action === null || !pair) return;
    e.preventDefault();
    if (!busy) act(action);
  };

  const announce = busy
    ? ''
    : pair
      ? `${last ? `${t(ACTION_DONE[last])} ` : ''}${t('link.review.announce', { a: pair.a.name ?? '–', b: pair.b.name ?? '–', n: num(pair.waiting) })}`
      : empty
        ? t('link.review.emptyTitle')
        : '';

  const button = (action: ReviewAction, cls: string) => (
    <button
      type="button"
      className={`btn ${cls} link-review-btn`}
      aria-disabled={busy || undefined}
      aria-keyshortcuts={REVIEW_KEYS[action].aria}
      data-action={action}
      onClick={() => {
        if (!busy) act(action);
      }}
    >
      <span>{t(ACTION_LABEL[action])}</span>
      <span className="link-keys" aria-hidden="true">
        {REVIEW_KEYS[action].shown.map((k) => (
          <kbd key={k}>{k}</kbd>
        ))}
      </span>
    </button>
  );

  return (
    <section
      ref={box}
      className="card link-review"
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      onKeyDown={onKeyDown}
      data-testid="link-review"
      data-state={queue.loading ? 'loading' : pair ? 'pair' : 'empty'}
      data-busy={busy ? 'true' : 'false'}
      data-waiting={pair?.waiting ?? 0}
      data-pair={pair ? `${pair.a.id}-${pair.b.id}` : ''}
    >
      <div className="card-head">
        <div>
          <h2 id={titleId} className="card-title">
            {t('link.review.title')}
          </h2>
          <p className="card-subtitle">
            {pair ? t('link.review.waiting', { n: num(pair.waiting) }) : null}
            {queue.decided > 0 ? ` · ${t('link.review.decidedHere', { n: num(queue.decided) })}` : ''}
          </p>
        </div>
        <div className="card-actions">
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite" data-testid="link-review-status">
        {announce}
      </p>
      {queue.error ? <ErrorBanner error={queue.error} context={t('link.review.failed')} onRetry={queue.restart} /> : null}
      {queue.loading ? (
        <Loading text={t('common.loading')} />
      ) : pair ? (
        <>
          <p className="link-review-meta">
            {t('link.review.method', { method: methodLabel(t, pair.method), score: num(pair.score, 2) })}
            {queue.offset > 0 ? ` · ${t('link.review.skippedN', { n: num(queue.offset) })}` : ''}
          </p>
          <div className="table-scroll">
            <table className="table link-compare" data-testid="link-compare">
              <caption className="sr-only">{t('link.review.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('link.review.field')}</th>
                  <th scope="col">A · {batchName(t, run.a)}</th>
                  <th scope="col">B · {batchName(t, run.b)}</th>
                </tr>
              </thead>
              <tbody>
                {REVIEW_FIELDS.map((f) => {
                  const differs = pair.differs.includes(f);
                  return (
                    <tr key={f} data-field={f} className={differs ? 'is-diff' : undefined} data-differs={differs ? 'true' : 'false'}>
                      <th scope="row">
                        {t(REVIEW_FIELD_LABEL[f])}
                        {differs ? <span className="link-diff-badge">{t('link.review.differs')}</span> : null}
                      </th>
                      <td className={f === 'nik' || f === 'kk' ? 'cell-id' : undefined}>{reviewValue(pair, 'a', f) ?? '—'}</td>
                      <td className={f === 'nik' || f === 'kk' ? 'cell-id' : undefined}>{reviewValue(pair, 'b', f) ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="link-review-actions" role="group" aria-label={t('link.review.actions')}>
            {button('accept', 'btn-primary')}
            {button('reject', 'btn-danger')}
            {button('skip', 'btn-secondary')}
          </div>
          <p className="field-note">{t('link.review.keysHint')}</p>
        </>
      ) : (
        <div className="link-review-empty" data-testid="link-review-empty">
          <p className="link-review-empty-title">{t('link.review.emptyTitle')}</p>
          <p className="muted">{t('link.review.emptyText')}</p>
        </div>
      )}
    </section>
  );
}
