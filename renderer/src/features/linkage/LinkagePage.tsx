import { useId, useMemo, useState } from 'react';
import type { LinkRunInfo } from '../../../../shared/contracts/linkage.ts';
import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { batchName, defaultPair, linkableBatches, linkedTotal } from './linkageModel.ts';
import { LinkResults } from './LinkResults.tsx';
import { OverlapPanel } from './OverlapPanel.tsx';
import { ThresholdsForm } from './ThresholdsForm.tsx';
import { useLinkRuns, useRunLinkage } from './useLinkage.ts';

export interface LinkagePageProps {
  readonly info: WarehouseInfo;
  readonly province: Region;
  /** The run open (from the address), null for none. */
  readonly runId: number | null;
  readonly onOpenRun: (runId: number | null) => void;
}

/**
 * Padu-padan: match two batches (P3KE ↔ DTKS ↔ DTSEN ↔ recipient lists), read who is in both and
 * who in only one, per region down to the desa, decide the uncertain pairs, and see how three or
 * more sources overlap.
 */
export function LinkagePage({ info, province, runId, onOpenRun }: LinkagePageProps) {
  const { t } = useI18n();
  const batches = useMemo(() => linkableBatches(info.batches), [info.batches]);
  const runs = useLinkRuns();
  const open = runs.data?.find((r) => r.runId === runId) ?? null;
  return (
    <div className="page page-linkage">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('link.title')}
        </h1>
        <p className="page-meta">{t('link.lead')}</p>
      </header>
      {batches.length < 2 ? (
        <div className="card">
          <EmptyState
            title={t('link.empty.title')}
            actions={
              <a className="btn btn-primary" href="#/impor">
                {t('link.empty.import')}
              </a>
            }
          >
            <p>{t('link.empty.text')}</p>
          </EmptyState>
        </div>
      ) : (
        <div className="link-layout">
          <RunPanel batches={batches} runs={runs.data ?? []} onRan={(id) => {
            runs.reload();
            onOpenRun(id);
          }} />
          <RunList runs={runs.data} error={runs.error} onRetry={runs.reload} openId={runId} onOpen={onOpenRun} />
          {runId !== null && runs.data && !open ? <p className="notice notice-warning">{t('link.runGone', { id: runId })}</p> : null}
          {open ? <LinkResults key={open.runId} run={open} province={province} onDecided={runs.reload} /> : null}
          <OverlapPanel batches={batches} />
        </div>
      )}
    </div>
  );
}

function RunPanel({ batches, runs, onRan }: { readonly batches: ReturnType<typeof linkableBatches>; readonly runs: readonly LinkRunInfo[]; readonly onRan: (runId: number) => void }) {
  const { t, num } = useI18n();
  const ids = { a: useId(), b: useId(), title: useId() };
  const initial = useMemo(() => defaultPair(batches), [batches]);
  const [a, setA] = useState<number | null>(initial.a);
  const [b, setB] = useState<number | null>(initial.b);
  const known = useMemo(() => runs.map((r) => r.runId), [runs]);
  const runner = useRunLinkage(known);
  const same = a !== null && a === b;
  const ready = a !== null && b !== null && !same && !runner.busy;

  const go = (force: boolean) => {
    if (a === null || b === null || same) return;
    runner.run(a, b, force).then(
      (out) => {
        if (out) onRan(out.run.runId);
      },
      () => undefined,
    );
  };

  const select = (id: string, value: number | null, set: (v: number | null) => void, label: string) => (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => set(e.target.value === '' ? null : Number(e.target.value))}>
        {batches.map((x) => (
          <option key={x.id} value={x.id}>
            {batchName(t, x)} · {num(x.families)}
          </option>
        ))}
      </select>
    </div>
  );

  const out = runner.outcome;
  return (
    <section className="card link-run" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="card-title">
        {t('link.run.title')}
      </h2>
      <p className="muted">{t('link.run.lead')}</p>
      <div className="link-run-fields">
        {select(ids.a, a, setA, t('link.run.a'))}
        {select(ids.b, b, setB, t('link.run.b'))}
        <div className="link-run-actions">
          <button type="button" className="btn btn-primary" onClick={() => go(false)} disabled={!ready} data-testid="link-run">
            {runner.busy ? t('link.run.busy') : t('link.run.button')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => go(true)} disabled={!ready} title={t('link.run.forceHint')}>
            {t('link.run.force')}
          </button>
        </div>
      </div>
      {same ? <p className="warn-text">{t('link.run.same')}</p> : null}
      <ThresholdsForm />
      {runner.error ? <ErrorBanner error={runner.error} context={t('link.run.failed')} onDismiss={runner.clearError} /> : null}
      <p className="link-run-status" role="status" data-testid="link-run-status" data-run={out?.run.runId ?? ''} data-reused={out ? String(out.reused) : ''}>
        {runner.busy
          ? t('link.run.busyLong')
          : out
            ? out.reused
              ? t('link.run.reused', { id: out.run.runId, s: num(out.run.seconds ?? 0, 1) })
              : t('link.run.done', { id: out.run.runId, s: num(out.run.seconds ?? 0, 1), n: num(linkedTotal(out.run)) })
            : ''}
      </p>
    </section>
  );
}

function RunList({
  runs, error, onRetry, openId, onOpen,
}: {
  readonly runs: readonly LinkRunInfo[] | undefined;
  readonly error: Error | null;
  readonly onRetry: () => void;
  readonly openId: number | null;
  readonly onOpen: (runId: number) => void;
}) {
  const { t, num, date } = useI18n();
  const titleId = useId();
  return (
    <section className="card link-runs" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {t('link.runs.title')}
      </h2>
      {error ? <ErrorBanner error={error} context={t('link.runs.failed')} onRetry={onRetry} /> : null}
      {!runs ? (
        error ? null : <Loading text={t('common.loading')} />
      ) : runs.length === 0 ? (
        <p className="muted">{t('link.runs.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table link-runs-table" data-testid="link-runs">
            <thead>
              <tr>
                <th scope="col">{t('link.runs.col.run')}</th>
                <th scope="col">{t('link.run.a')}</th>
                <th scope="col">{t('link.run.b')}</th>
                <th scope="col">{t('link.runs.col.when')}</th>
                <th scope="col" className="num">{t('link.bucket.both')}</th>
                <th scope="col" className="num">{t('link.bucket.review')}</th>
                <th scope="col" className="num">{t('link.runs.col.seconds')}</th>
                <th scope="col">
                  <span className="sr-only">{t('link.runs.col.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.runId} data-run={r.runId} className={r.runId === openId ? 'is-active' : undefined}>
                  <th scope="row">#{r.runId}</th>
                  <td>{batchName(t, r.a)}</td>
                  <td>{batchName(t, r.b)}</td>
                  <td className="nowrap">{date(r.startedAt, true)}</td>
                  <td className="num">{num(linkedTotal(r))}</td>
                  <td className="num">{num(r.review)}</td>
                  <td className="num">{r.seconds === null ? '–' : num(r.seconds, 1)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      aria-current={r.runId === openId ? 'true' : undefined}
                      aria-label={t('link.runs.openLabel', { id: r.runId })}
                      onClick={() => onOpen(r.runId)}
                    >
                      {r.runId === openId ? t('link.runs.opened') : t('link.runs.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
