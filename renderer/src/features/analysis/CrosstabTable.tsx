import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CrosstabResult, Measure, PercentMode } from '../../../../shared/contracts/analysis.ts';
import { useI18n } from '../../i18n/useT.ts';
import { measureBlock, shareOf, type DrillTarget } from './analysisModel.ts';

export interface CrosstabTableProps {
  readonly result: CrosstabResult;
  readonly measure: Measure;
  readonly percent: PercentMode;
  /** The drill-down on screen (its key), to mark the cell. */
  readonly activeKey: string | null;
  readonly onDrill: (target: DrillTarget, key: string) => void;
  /** Names of the row and column dimensions (region level or attribute), for the headers. */
  readonly rowName: string;
  readonly colName: string | null;
  /** Id of the element that says where the figures come from. */
  readonly describedBy?: string;
}

type Line =
  | { readonly kind: 'group'; readonly g: number; readonly rows: readonly number[] }
  | { readonly kind: 'row'; readonly r: number; readonly nested: boolean };

/** Height of a body row in pixels (app.css `.xt tbody tr`); windowing counts on it. */
const ROW_H = 38;
/** Below this many lines every row is drawn; above it only the visible ones (and a margin). */
const WINDOW_FROM = 150;
const OVERSCAN = 12;

function cellKey(region: string | null, row: string | null, col: string | null): string {
  return `${region ?? ''}|${row ?? '*'}|${col ?? '*'}`;
}

/**
 * The cross-tab as an accessible HTML table: row labels as row headers, figures (or shares with
 * one decimal) as buttons that open the families behind them, totals, and for kecamatan/desa rows
 * a subtotal line per parent region that folds its rows away. Long tables (3,442 desa) draw only
 * the rows in view; the header and the total line stay in place while scrolling.
 */
export function CrosstabTable({ result, measure, percent, activeKey, onDrill, rowName, colName, describedBy }: CrosstabTableProps) {
  const { t, num, pct, lang } = useI18n();
  const searchId = useId();
  const block = useMemo(() => measureBlock(result, measure), [result, measure]);
  const spec = result.definition.spec;
  const noCols = spec.cols === null;
  const headRows = noCols ? 1 : 2;
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [query, setQuery] = useState('');

  // A new table starts unfolded and unfiltered.
  useEffect(() => {
    setCollapsed(new Set());
    setQuery('');
  }, [result]);

  const lines = useMemo<Line[]>(() => {
    const q = query.trim().toLocaleLowerCase(lang);
    const match = (s: string) => q === '' || s.toLocaleLowerCase(lang).includes(q);
    if (result.groups.length === 0) {
      return result.rows.flatMap((row, r) => (match(row.label) ? [{ kind: 'row' as const, r, nested: false }] : []));
    }
    const members = result.groups.map((): number[] => []);
    const loose: number[] = [];
    result.rows.forEach((row, r) => {
      if (row.group !== undefined && members[row.group]) members[row.group]?.push(r);
      else loose.push(r);
    });
    const out: Line[] = [];
    result.groups.forEach((group, g) => {
      const all = members[g] ?? [];
      const rows = match(group.label) ? all : all.filter((r) => match(result.rows[r]?.label ?? ''));
      if (rows.length === 0 && !match(group.label)) return;
      out.push({ kind: 'group', g, rows: all });
      if (!collapsed.has(g)) for (const r of rows) out.push({ kind: 'row', r, nested: true });
    });
    for (const r of loose) if (match(result.rows[r]?.label ?? '')) out.push({ kind: 'row', r, nested: false });
    return out;
  }, [result, collapsed, query, lang]);

  // Windowing: which lines are in view.
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const windowed = lines.length > WINDOW_FROM;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !windowed) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView({ top: Math.max(0, el.scrollTop - (head.current?.offsetHeight ?? 0)), height: el.clientHeight });
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [windowed]);
  const start = windowed ? Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN) : 0;
  const end = windowed ? Math.min(lines.length, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN) : lines.length;

  const unit = t(measure === 'persons' ? 'unit.persons' : 'unit.families');

  const show = (value: number, rowTotal: number, colTotal: number): string => {
    if (percent === 'none') return num(value);
    const s = shareOf(value, percent, rowTotal, colTotal, block.total);
    return s === null ? '–' : pct(s, 1);
  };

  const cell = (value: number, rowTotal: number, colTotal: number, target: Omit<DrillTarget, 'spec' | 'title'> & { readonly region?: string }, title: string, extra?: string): ReactNode => {
    const key = cellKey(target.region ?? null, target.row, target.col);
    const shown = show(value, rowTotal, colTotal);
    return (
      <td
        key={key}
        className={`num${extra ? ` ${extra}` : ''}${activeKey === key ? ' is-active' : ''}`}
        data-row={target.row ?? ''}
        data-col={target.col ?? ''}
        data-region={target.region ?? undefined}
      >
        <button
          type="button"
          className="xt-cell"
          data-value={value}
          title={percent === 'none' ? t('analysis.table.cellHint') : `${num(value)} ${unit} · ${t('analysis.table.cellHint')}`}
          onClick={() =>
            onDrill(
              {
                spec: target.region ? { ...spec, region: target.region } : spec,
                row: target.row,
                col: target.col,
                title,
                families: target.families,
              },
              key,
            )
          }
        >
          {shown}
        </button>
      </td>
    );
  };

  const totalLabel = t('analysis.table.total');
  const colLabel = (c: number) => result.cols[c]?.label ?? '';
  const colKeyOf = (c: number) => result.cols[c]?.key ?? null;
  const fam = result.cells.families;
  const famRowTotals = result.rowTotals.families;
  const famColTotals = result.colTotals.families;

  const bodyRow = (line: Line, index: number): ReactNode => {
    if (line.kind === 'group') {
      const group = result.groups[line.g];
      const gb = block.groups[line.g];
      if (!group || !gb) return null;
      const open = !collapsed.has(line.g);
      return (
        <tr key={`g${line.g}`} className="xt-group" aria-rowindex={index + headRows + 1} data-group={group.key}>
          <th scope="row" className="xt-label" title={group.label}>
            <button
              type="button"
              className="xt-toggle"
              aria-expanded={open}
              aria-label={t(open ? 'analysis.table.collapse' : 'analysis.table.expand', { name: group.label })}
              onClick={() =>
                setCollapsed((s) => {
                  const next = new Set(s);
                  if (next.has(line.g)) next.delete(line.g);
                  else next.add(line.g);
                  return next;
                })
              }
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
            <span className="xt-label-text">{t('analysis.table.subtotal', { name: group.label })}</span>
            <span className="xt-count">{t('analysis.table.rowsIn', { n: num(line.rows.length) })}</span>
          </th>
          {result.cols.map((_, c) =>
            cell(
              gb.cells[c] ?? 0,
              gb.total,
              block.colTotals[c] ?? 0,
              { row: null, col: noCols ? null : colKeyOf(c), region: group.key, families: group.families[c] ?? 0 },
              `${t('analysis.table.subtotal', { name: group.label })}${noCols ? '' : ` × ${colLabel(c)}`}`,
            ),
          )}
          {noCols
            ? null
            : cell(gb.total, gb.total, block.total, { row: null, col: null, region: group.key, families: group.total.families }, t('analysis.table.subtotal', { name: group.label }), 'xt-total')}
        </tr>
      );
    }
    const row = result.rows[line.r];
    if (!row) return null;
    const values = block.cells[line.r] ?? [];
    const rowTotal = block.rowTotals[line.r] ?? 0;
    return (
      <tr key={`r${line.r}`} className={line.nested ? 'xt-nested' : undefined} aria-rowindex={index + headRows + 1} data-row={row.key}>
        <th scope="row" className="xt-label" title={row.label}>
          <span className="xt-label-text">{row.label}</span>
        </th>
        {result.cols.map((_, c) =>
          cell(
            values[c] ?? 0,
            rowTotal,
            block.colTotals[c] ?? 0,
            { row: row.key, col: noCols ? null : colKeyOf(c), families: fam[line.r]?.[c] ?? 0 },
            noCols ? row.label : `${row.label} × ${colLabel(c)}`,
          ),
        )}
        {noCols ? null : cell(rowTotal, rowTotal, block.total, { row: row.key, col: null, families: famRowTotals[line.r] ?? 0 }, `${row.label} — ${totalLabel}`, 'xt-total')}
      </tr>
    );
  };

  const hasGroups = result.groups.length > 0;
  const searchable = result.rows.length > 30;

  return (
    <div className="xt-wrap">
      {searchable || hasGroups ? (
        <div className="xt-tools">
          {searchable ? (
            <div className="inline-field">
              <label htmlFor={searchId}>{t('analysis.table.search')}</label>
              <input id={searchId} type="search" className="text-input xt-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('analysis.table.searchPlaceholder')} />
            </div>
          ) : null}
          {hasGroups ? (
            <div className="xt-fold">
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setCollapsed(new Set(result.groups.map((_, g) => g)))}>
                {t('analysis.table.collapseAll')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setCollapsed(new Set())}>
                {t('analysis.table.expandAll')}
              </button>
            </div>
          ) : null}
          <span className="xt-count" role="status">
            {t('analysis.table.rowsShown', { n: num(lines.filter((l) => l.kind === 'row').length), total: num(result.rows.length) })}
          </span>
        </div>
      ) : null}
      <div className="xt-scroll" ref={scroller} tabIndex={-1}>
        <table className="xt" aria-rowcount={lines.length + headRows + 1} aria-describedby={describedBy} data-testid="crosstab-table">
          <caption className="sr-only">
            {result.definition.title}. {t('analysis.table.cellHint')}
          </caption>
          <thead ref={head}>
            {noCols ? null : (
              <tr aria-rowindex={1} className="xt-colgroup">
                <td className="xt-label" />
                <th scope="colgroup" colSpan={result.cols.length}>
                  {colName}
                </th>
                <td className="xt-total" />
              </tr>
            )}
            <tr aria-rowindex={noCols ? 1 : 2}>
              <th scope="col" className="xt-label">
                {rowName}
              </th>
              {result.cols.map((c) => (
                <th key={c.key} scope="col" className="num" data-col={c.key}>
                  {noCols ? totalLabel : c.label}
                </th>
              ))}
              {noCols ? null : (
                <th scope="col" className="num xt-total">
                  {totalLabel}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {windowed && start > 0 ? (
              <tr className="xt-spacer" aria-hidden="true" style={{ height: start * ROW_H }}>
                <td colSpan={result.cols.length + 2} />
              </tr>
            ) : null}
            {lines.slice(start, end).map((line, i) => bodyRow(line, start + i))}
            {windowed && end < lines.length ? (
              <tr className="xt-spacer" aria-hidden="true" style={{ height: (lines.length - end) * ROW_H }}>
                <td colSpan={result.cols.length + 2} />
              </tr>
            ) : null}
            {lines.length === 0 ? (
              <tr>
                <td colSpan={result.cols.length + 2} className="muted">
                  {t('analysis.table.noMatch')}
                </td>
              </tr>
            ) : null}
          </tbody>
          <tfoot>
            <tr className="xt-totals" aria-rowindex={lines.length + headRows + 1} data-row="">
              <th scope="row" className="xt-label">
                {totalLabel}
              </th>
              {result.cols.map((_, c) =>
                cell(
                  block.colTotals[c] ?? 0,
                  block.total,
                  block.colTotals[c] ?? 0,
                  { row: null, col: noCols ? null : colKeyOf(c), families: famColTotals[c] ?? 0 },
                  noCols ? totalLabel : `${colLabel(c)} — ${totalLabel}`,
                ),
              )}
              {noCols ? null : cell(block.total, block.total, block.total, { row: null, col: null, families: result.total.families }, totalLabel, 'xt-total')}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
