import { useCallback, useId, useRef, useState } from 'react';
import type { LinkBucket, LinkedRecordRow, LinkRegionRow, LinkRunInfo, LinkSummary } from '../../../../shared/contracts/linkage.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { FamilyPanel } from '../analysis/FamilyPanel.tsx';
import { RegionBreadcrumb } from '../region-picker/RegionBreadcrumb.tsx';
import { useRegionPath } from '../region-picker/useRegionPath.ts';
import { BUCKET_LABEL, batchName, cellKey, methodCounts, methodLabel, REGION_BUCKETS, rowsDrillable, type RegionBucket } from './linkageModel.ts';
import { LinkRecords } from './LinkRecords.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { LinkExport } from './LinkExport.tsx';
import { useLinkSummary, type RecordsTarget } from './useLinkage.ts';

/** Put the focus on a panel's heading once it has rendered, and bring it into view. */
function focusHeading(el: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const heading = el?.querySelector<HTMLElement>('h2');
    if (!heading) return;
    el?.scrollIntoView({ block: 'start' });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  });
}

export interface LinkResultsProps {
  readonly run: LinkRunInfo;
  readonly province: Region;
  /** A review decision was made (the run list shows decisions not yet applied). */
  readonly onDecided: () => void;
}

/**
 * One run's results: the counts, the planners' questions and the per-region table (every figure
 * opens its records), and the review queue of the uncertain pairs.
 */
export function LinkResults({ run, province, onDecided }: LinkResultsProps) {
  const { t, num } = useI18n();
  const titleId = useId();
  const [region, setRegion] = useState<string | null>(null);
  const summary = useLinkSummary(run.runId, region);
  const data = summary.data ?? null;
  const fresh = data !== null && !summary.loading;
  const code = region ?? province.code;
  const path = useRegionPath(code);
  const crumbs = path.data && path.data.at(-1)?.code === code ? path.data : code === province.code ? [province] : [];

  const [records, setRecords] = useState<{ readonly target: RecordsTarget; readonly cell: string } | null>(null);
  const [family, setFamily] = useState<LinkedRecordRow | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);
  const recordsRef = useRef<HTMLDivElement>(null);
  const reviewRef = useRef<HTMLDivElement>(null);

  const openRecords = useCallback(
    (rowCode: string, rowName: string, bucket: LinkBucket, label: string, n: number) => {
      setRecords({ target: { runId: run.runId, region: rowCode, bucket, title: `${rowName} × ${label}`, expected: n }, cell: cellKey(rowCode, bucket) });
      focusHeading(recordsRef.current);
    },
    [run.runId],
  );

  const goRegion = (c: string | null) => {
    setRegion(c === province.code ? null : c);
    setRecords(null);
  };

  const { reload } = summary;
  const decided = useCallback(() => {
    reload();
    onDecided();
  }, [reload, onDecided]);

  const openReview = () => {
    setReviewOpen(true);
    focusHeading(reviewRef.current);
  };

  const regionName = data?.region.name ?? province.name;
  return (
    <>
      <section
        className={`card link-result${fresh ? '' : ' is-stale'}`}
        aria-labelledby={titleId}
        aria-busy={!fresh}
        data-testid="link-result"
        data-state={fresh ? 'ready' : summary.error ? 'error' : 'loading'}
        data-run={run.runId}
        data-region={data?.region.code ?? ''}
      >
        <div className="card-head">
          <div>
            <h2 id={titleId} className="card-title">
              {t('link.result.title', { id: run.runId })}
            </h2>
            <p className="card-subtitle">
              {t('link.result.pair', { a: batchName(t, run.a), b: batchName(t, run.b) })}
            </p>
          </div>
          <div className="card-actions">
            <LinkExport runId={run.runId} region={region} bucket={null} />
            <button type="button" className="btn btn-primary" onClick={openReview} data-testid="link-open-review" aria-expanded={reviewOpen}>
              {t('link.review.open', { n: num(data?.total.review ?? run.review) })}
            </button>
          </div>
        </div>
        {run.newDecisions > 0 ? <p className="notice notice-info">{t('link.result.newDecisions', { n: num(run.newDecisions) })}</p> : null}
        {summary.error ? <ErrorBanner error={summary.error} context={t('link.result.failed')} onRetry={summary.reload} /> : null}
        {data ? (
          <>
            <Counts summary={data} onOpen={openRecords} activeKey={records?.cell ?? null} />
            <Questions summary={data} onOpen={openRecords} activeKey={records?.cell ?? null} />
            <div className="conv-region-bar link-region-bar" data-region={code}>
              {crumbs.length > 0 ? <RegionBreadcrumb path={crumbs} onSelect={(c) => goRegion(c)} /> : null}
              <p className="muted conv-region-hint">{t(rowsDrillable(data.region.level) ? 'link.region.hint' : 'link.region.hintDesa')}</p>
            </div>
            <RegionTable summary={data} activeKey={records?.cell ?? null} onOpen={openRecords} onRegion={goRegion} regionName={regionName} />
            <p className="muted an-ms">{t('link.result.ms', { ms: num(data.ms) })}</p>
          </>
        ) : summary.error ? null : (
          <Loading text={t('common.loading')} />
        )}
      </section>

      <div ref={recordsRef}>
        {records ? <LinkRecords key={`${records.target.runId}#${records.cell}`} target={records.target} onOpenFamily={setFamily} onClose={() => setRecords(null)} /> : null}
      </div>

      <div ref={reviewRef}>
        {reviewOpen ? <ReviewQueue key={run.runId} run={run} onDecided={decided} onClose={() => setReviewOpen(false)} /> : null}
      </div>

      {family && family.familyId !== null ? (
        <FamilyPanel key={family.familyId} row={{ familyId: family.familyId, nama_kepala: family.name ?? '' }} onClose={() => setFamily(null)} />
      ) : null}
    </>
  );
}

type OpenRecords = (rowCode: string, rowName: string, bucket: LinkBucket, label: string, n: number) => void;

function CountButton({ n, label, where, onClick, testId, active }: { readonly n: number; readonly label: string; readonly where: string; readonly onClick: () => void; readonly testId?: string; readonly active?: boolean }) {
  const { t, num } = useI18n();
  return (
    <button
      type="button"
      className={`xt-cell link-count${active ? ' is-active' : ''}`}
      data-value={n}
      data-testid={testId}
      title={t('link.cellHint', { region: where, what: label })}
      onClick={onClick}
    >
      {num(n)}
    </button>
  );
}

/** The run's figures in the region: both (with the methods of the links), only A, only B, review, conflicts. */
function Counts({ summary, onOpen, activeKey }: { readonly summary: LinkSummary; readonly onOpen: OpenRecords; readonly activeKey: string | null }) {
  const { t, num } = useI18n();
  const total = summary.total;
  const where = summary.region.name;
  const methods = methodCounts(summary.run);
  return (
    <div className="link-counts" data-testid="link-counts">
      {REGION_BUCKETS.map((b) => {
        const label = t(BUCKET_LABEL[b]);
        return (
          <div key={b} className={`link-tile link-tile-${b}`} data-bucket={b}>
            <span className="link-tile-label">{label}</span>
            <CountButton n={total[b]} label={label} where={where} testId={`link-count-${b}`} active={activeKey === cellKey(total.code, b)} onClick={() => onOpen(total.code, where, b, label, total[b])} />
            {b === 'both' && methods.length > 0 ? (
              <ul className="link-methods" aria-label={t('link.methods')}>
                {methods.map((m) => (
                  <li key={m.method}>
                    {methodLabel(t, m.method)}: {num(m.count)}
                  </li>
                ))}
              </ul>
            ) : null}
            {b === 'onlyA' || b === 'onlyB' ? <span className="link-tile-note muted">{batchName(t, b === 'onlyA' ? summary.run.a : summary.run.b)}</span> : null}
          </div>
        );
      })}
    </div>
  );
}

/** The planners' questions, each figure opening its families. */
function Questions({ summary, onOpen, activeKey }: { readonly summary: LinkSummary; readonly onOpen: OpenRecords; readonly activeKey: string | null }) {
  const { t } = useI18n();
  const headingId = useId();
  if (summary.questions.length === 0) return null;
  const where = summary.region.name;
  return (
    <section className="link-questions" aria-labelledby={headingId}>
      <h3 id={headingId} className="link-subheading">
        {t('link.questions', { region: where })}
      </h3>
      <ul className="link-question-list">
        {summary.questions.map((q) => (
          <li key={q.key} data-question={q.key}>
            <CountButton n={q.count} label={q.label} where={where} testId={`link-q-${q.key}`} active={activeKey === cellKey(summary.total.code, q.key)} onClick={() => onOpen(summary.total.code, where, q.key, q.label, q.count)} />
            <span className="link-question-label">{q.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RegionTable({
  summary, activeKey, onOpen, onRegion, regionName,
}: {
  readonly summary: LinkSummary;
  readonly activeKey: string | null;
  readonly onOpen: OpenRecords;
  readonly onRegion: (code: string) => void;
  readonly regionName: string;
}) {
  const { t, num } = useI18n();
  const drillable = rowsDrillable(summary.region.level);
  const cell = (row: LinkRegionRow, b: RegionBucket, where: string) => {
    const label = t(BUCKET_LABEL[b]);
    const key = cellKey(row.code, b);
    return (
      <td key={b} className={`num conv-num${activeKey === key ? ' is-active' : ''}`} data-row={row.code} data-bucket={b}>
        <CountButton n={row[b]} label={label} where={where} onClick={() => onOpen(row.code, where, b, label, row[b])} />
      </td>
    );
  };
  const line = (row: LinkRegionRow, total: boolean) => {
    const where = total ? regionName : row.name;
    return (
      <tr key={row.code} data-row={row.code} className={total ? 'conv-total' : undefined}>
        <th scope="row" className="conv-region">
          {total ? (
            t('link.total')
          ) : drillable ? (
            <button type="button" className="link-button" title={t('link.openRegion', { name: row.name })} onClick={() => onRegion(row.code)}>
              {row.name}
            </button>
          ) : (
            row.name
          )}
        </th>
        <td className="num" data-field="a">{num(row.a)}</td>
        <td className="num" data-field="b">{num(row.b)}</td>
        {REGION_BUCKETS.map((b) => cell(row, b, where))}
      </tr>
    );
  };
  return (
    <div className="table-scroll conv-scroll">
      <table className="table conv-table link-table" data-testid="link-table">
        <caption className="sr-only">{t('link.tableCaption', { region: regionName })}</caption>
        <thead>
          <tr>
            <th scope="col" className="conv-region">{t('link.col.region')}</th>
            <th scope="col" className="num">{t('link.col.a')}</th>
            <th scope="col" className="num">{t('link.col.b')}</th>
            {REGION_BUCKETS.map((b) => (
              <th key={b} scope="col" className="num">
                {t(BUCKET_LABEL[b])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{summary.rows.map((r) => line(r, false))}</tbody>
        <tfoot>{line(summary.total, true)}</tfoot>
      </table>
    </div>
  );
}
