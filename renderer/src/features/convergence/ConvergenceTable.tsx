import type { ConvergenceProgram, ConvergenceResult, ConvergenceRow } from '../../../../shared/contracts/interventions.ts';
import { useI18n } from '../../i18n/useT.ts';
import { bucketCount, COUNT_BUCKET_LABEL, COUNT_BUCKETS, PROGRAM_KIND_LABEL, rowsDrillable, shareOfRow, strategyLabel, type Bucket } from './convergenceModel.ts';

export interface ConvergenceTableProps {
  readonly result: ConvergenceResult;
  /** `row|bucket` of the count whose families are open, to mark it. */
  readonly activeKey: string | null;
  /** A count was clicked: open the families behind it. */
  readonly onOpen: (row: ConvergenceRow, bucket: Bucket, label: string, families: number) => void;
  /** A region's name was clicked: look inside it (absent when the rows are desa). */
  readonly onRegion: (code: string) => void;
  /** Id of the element that says what the table counts. */
  readonly describedBy?: string;
}

export function cellKey(row: string, bucket: string): string {
  return `${row}|${bucket}`;
}

function ProgramHeader({ program }: { readonly program: ConvergenceProgram }) {
  const { t, lang } = useI18n();
  const strategy = strategyLabel(program.strategy, lang);
  return (
    <th scope="col" className="num conv-prog" data-program={program.key}>
      <span className="conv-head-text conv-prog-name">{program.label}</span>
      <span className={`kind-badge conv-kind conv-kind-${program.kind}`}>{t(PROGRAM_KIND_LABEL[program.kind])}</span>
      <span className="conv-head-text conv-strategy" title={strategy ?? t('conv.strategyNoneHint')}>
        {strategy !== null && program.strategy !== null ? t('conv.strategy', { n: program.strategy, label: strategy }) : t('conv.strategyNone')}
      </span>
    </th>
  );
}

/**
 * Families × programs per child region: how many programs reach each family (0, 1, 2, 3 or
 * more), how many get several programs of one strategy, and each program's reach. Every count is
 * a button that opens the families behind it; a region's name opens the region itself.
 */
export function ConvergenceTable({ result, activeKey, onOpen, onRegion, describedBy }: ConvergenceTableProps) {
  const { t, num, pct } = useI18n();
  const drillable = rowsDrillable(result);
  const programs = result.programs;

  const cell = (row: ConvergenceRow, bucket: Bucket, label: string, withShare: boolean) => {
    const n = bucketCount(row, programs, bucket);
    const share = withShare ? shareOfRow(n, row) : null;
    const key = cellKey(row.code, bucket);
    return (
      <td key={bucket} className={`num conv-num${activeKey === key ? ' is-active' : ''}`} data-row={row.code} data-bucket={bucket}>
        <button type="button" className="xt-cell conv-cell" data-value={n} title={t('conv.cellHint', { region: row.name, what: label })} onClick={() => onOpen(row, bucket, label, n)}>
          {num(n)}
        </button>
        {withShare ? <span className="conv-pct">{share === null ? '–' : pct(share)}</span> : null}
      </td>
    );
  };

  const line = (row: ConvergenceRow, total: boolean) => (
    <tr key={row.code} data-row={row.code} className={total ? 'conv-total' : undefined}>
      <th scope="row" className="conv-region">
        {drillable && !total ? (
          <button type="button" className="link-button" title={t('conv.openRegion', { name: row.name })} onClick={() => onRegion(row.code)}>
            {row.name}
          </button>
        ) : total ? (
          t('conv.total')
        ) : (
          row.name
        )}
      </th>
      <td className="num conv-families" data-row={row.code} data-field="families">
        {num(row.families)}
      </td>
      {COUNT_BUCKETS.map((b) => cell(row, b, t(COUNT_BUCKET_LABEL[b]), true))}
      {cell(row, 'same', t('conv.sameStrategy'), true)}
      {programs.map((p) => cell(row, p.key, p.label, true))}
    </tr>
  );

  return (
    <div className="table-scroll conv-scroll">
      <table className="table conv-table" data-testid="conv-table" aria-describedby={describedBy}>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="conv-region">
              {t('conv.col.region')}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {t('conv.col.families')}
            </th>
            <th scope="colgroup" colSpan={COUNT_BUCKETS.length} className="conv-group">
              {t('conv.col.reachedBy')}
            </th>
            <th scope="col" rowSpan={2} className="num conv-same" title={t('conv.sameStrategyHint')}>
              <span className="conv-head-text">{t('conv.sameStrategy')}</span>
            </th>
            {programs.length > 0 ? (
              <th scope="colgroup" colSpan={programs.length} className="conv-group">
                {t('conv.col.perProgram')}
              </th>
            ) : null}
          </tr>
          <tr>
            {COUNT_BUCKETS.map((b) => (
              <th key={b} scope="col" className={`num conv-bucket conv-bucket-${b}`}>
                {t(COUNT_BUCKET_LABEL[b])}
              </th>
            ))}
            {programs.map((p) => (
              <ProgramHeader key={p.key} program={p} />
            ))}
          </tr>
        </thead>
        <tbody>{result.rows.map((r) => line(r, false))}</tbody>
        <tfoot>{line(result.total, true)}</tfoot>
      </table>
    </div>
  );
}
