import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ListMemberRow, ListSummary } from '../../../../shared/contracts/interventions.ts';
import { SCORE_PART_LABEL, SCORE_PARTS, type Weights } from '../../../../shared/interventions/program.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { Card } from '../../components/Card.tsx';
import { DataGrid, type DataGridColumn } from '../../components/DataGrid.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { ReasonDialog } from './ReasonDialog.tsx';
import { membersDatasource, useListActions } from './useList.ts';

const BLOCK = 200;
const SEARCH_DELAY_MS = 350;

const PART_SHORT: Readonly<Record<(typeof SCORE_PARTS)[number], UiKey>> = {
  desil: 'plist.part.desil',
  rumah: 'plist.part.rumah',
  stunting: 'plist.part.stunting',
  ukuran: 'plist.part.ukuran',
  rentan: 'plist.part.rentan',
};

const memberRowId = (r: ListMemberRow): string => `${r.familyId}:${r.personId}`;

export interface MembersCardProps {
  readonly summary: ListSummary;
  readonly weights: Weights;
  /** Manual edits allowed (a draft). */
  readonly editable: boolean;
  /** Bumped after a change to the list so the grid loads again. */
  readonly version: number;
  readonly onChanged: (summary: ListSummary) => void;
}

/**
 * The families (or people) on the list in an infinite grid — rank, region, masked NIK/KK, desil,
 * the score with its parts, how each got there (otomatis/manual, with the reason) and a mark when
 * another program's list holds the same family. Sorting and the search words go to the warehouse.
 * A row opens its details; on a draft, it can be removed with a reason.
 */
export function MembersCard({ summary, weights, editable, version, onChanged }: MembersCardProps) {
  const { t, num } = useI18n();
  // Its own actions: a refused removal is shown in the dialog, not again on the page.
  const actions = useListActions();
  const searchId = useId();
  const originId = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [origin, setOrigin] = useState<'auto' | 'manual' | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState<ListMemberRow | null>(null);
  const [removing, setRemoving] = useState<ListMemberRow | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const onCount = useCallback((n: number) => setCount(n), []);
  const datasource = useMemo(
    () => membersDatasource(summary.listId, search, origin, onCount),
    // `version` makes a fresh datasource (and a reload) after an edit.
    [summary.listId, search, origin, onCount, version],
  );
  const onError = useCallback((e: Error) => setError(e), []);

  const parts = useCallback(
    (r: ListMemberRow) => SCORE_PARTS.map((p) => `${t(PART_SHORT[p])} ${num(r.components[p], 2)}`).join(' · '),
    [t, num],
  );

  const columns = useMemo<readonly DataGridColumn<ListMemberRow>[]>(
    () => [
      { id: 'rank', header: t('plist.col.rank'), value: (r) => r.rank, numeric: true, width: 120 },
      { id: 'kabupaten', header: t('plist.col.kabupaten'), value: (r) => r.kabupaten, sortable: false, minWidth: 150 },
      { id: 'kecamatan', header: t('plist.col.kecamatan'), value: (r) => r.kecamatan, minWidth: 140 },
      { id: 'desa', header: t('plist.col.desa'), value: (r) => r.desa, minWidth: 150 },
      { id: 'nama', header: t('plist.col.nama'), value: (r) => r.nama, minWidth: 190 },
      { id: 'nik', header: t('plist.col.nik'), value: (r) => r.nik, sortable: false, minWidth: 180, cellClass: () => 'cell-id' },
      { id: 'noKk', header: t('plist.col.noKk'), value: (r) => r.noKk, sortable: false, minWidth: 180, cellClass: () => 'cell-id' },
      { id: 'jk', header: t('plist.col.jk'), value: (r) => r.jk, sortable: false, width: 120 },
      { id: 'umur', header: t('plist.col.umur'), value: (r) => r.umur, sortable: false, numeric: true, width: 90 },
      // Person programs list members: their relation to the head tells a child from a parent.
      ...(summary.unit === 'person'
        ? [{ id: 'hubungan', header: t('plist.col.hubungan'), value: (r: ListMemberRow) => r.hubungan, sortable: false, minWidth: 140 }]
        : []),
      { id: 'desil', header: t('plist.col.desil'), value: (r) => r.desil, numeric: true, width: 95 },
      { id: 'jumlahAnggota', header: t('plist.col.members'), value: (r) => r.jumlahAnggota, numeric: true, width: 110 },
      { id: 'score', header: t('plist.col.score'), value: (r) => r.score, numeric: true, width: 100, format: (v) => (typeof v === 'number' ? num(v, 1) : '') },
      { id: 'components', header: t('plist.col.components'), value: (r) => parts(r), sortable: false, minWidth: 330 },
      {
        id: 'origin',
        header: t('plist.col.origin'),
        value: (r) => (r.origin === 'manual' ? t('plist.origin.manual') : t('plist.origin.auto')),
        sortable: false,
        width: 120,
        cellClass: (r) => (r.origin === 'manual' ? 'cell-manual' : undefined),
      },
      { id: 'reason', header: t('plist.col.reason'), value: (r) => r.reason, sortable: false, minWidth: 200 },
      {
        id: 'otherPrograms',
        header: t('plist.col.other'),
        value: (r) => (r.otherPrograms.length > 0 ? t('plist.alsoOn', { names: r.otherPrograms.join(', ') }) : ''),
        sortable: false,
        minWidth: 220,
        cellClass: (r) => (r.otherPrograms.length > 0 ? 'cell-also' : undefined),
      },
    ],
    [t, num, parts],
  );

  const remove = (reason: string) => {
    const row = removing;
    if (!row) return;
    void actions.remove(summary.listId, row.familyId, summary.unit === 'person' ? row.personId : undefined, reason).then((s) => {
      if (!s) return;
      setRemoving(null);
      onChanged(s);
    });
  };

  return (
    <Card
      title={t('plist.members.title')}
      subtitle={count === null ? t('common.loading') : search || origin ? t('plist.members.countFiltered', { n: num(count), total: num(summary.units) }) : t('plist.members.count', { n: num(count) })}
      className="pg-members"
    >
      <div className="grid-toolbar pg-members-toolbar" data-testid="members-count" data-count={count ?? ''}>
        <div className="inline-field">
          <label htmlFor={searchId}>{t('plist.members.search')}</label>
          <input
            id={searchId}
            type="search"
            className="text-input"
            placeholder={t('plist.members.searchPlaceholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <div className="inline-field">
          <label htmlFor={originId}>{t('plist.members.origin')}</label>
          <select
            id={originId}
            className="select select-small"
            value={origin ?? ''}
            onChange={(e) => setOrigin(e.target.value === 'auto' || e.target.value === 'manual' ? e.target.value : null)}
          >
            <option value="">{t('plist.members.originAll')}</option>
            <option value="auto">{t('plist.origin.auto')}</option>
            <option value="manual">{t('plist.origin.manual')}</option>
          </select>
        </div>
      </div>
      <p className="field-note">{editable ? t('plist.members.leadEditable') : t('plist.members.lead')}</p>
      {error ? <ErrorBanner error={error} context={t('plist.members.failed')} onDismiss={() => setError(null)} /> : null}
      <DataGrid
        columns={columns}
        datasource={datasource}
        blockSize={BLOCK}
        getRowId={memberRowId}
        height={480}
        ariaLabel={t('plist.members.gridLabel')}
        emptyText={t('plist.members.none')}
        onError={onError}
        onRowClick={setOpen}
        className="members-grid"
      />
      {open ? (
        <MemberDialog
          row={open}
          weights={weights}
          editable={editable}
          onClose={() => setOpen(null)}
          onRemove={() => {
            setOpen(null);
            actions.dismissError();
            setRemoving(open);
          }}
        />
      ) : null}
      {removing ? (
        <ReasonDialog
          title={t('plist.remove.title')}
          confirmLabel={t('plist.remove.confirm')}
          danger
          busy={actions.busy}
          error={actions.error}
          onConfirm={remove}
          onCancel={() => {
            setRemoving(null);
            actions.dismissError();
          }}
        >
          <p>{t('plist.remove.text', { name: removing.nama ?? '—', nik: removing.nik ?? '—' })}</p>
        </ReasonDialog>
      ) : null}
    </Card>
  );
}

/** One row in full: where it lives, the score part by part with the weights, how it got on the list. */
function MemberDialog({ row, weights, editable, onClose, onRemove }: {
  readonly row: ListMemberRow;
  readonly weights: Weights;
  readonly editable: boolean;
  readonly onClose: () => void;
  readonly onRemove: () => void;
}) {
  const { t, num, label } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  const region = [row.desa, row.kecamatan, row.kabupaten].filter(Boolean).join(', ');
  return (
    <dialog
      ref={ref}
      className="fam-dialog pg-member-dialog"
      aria-labelledby={titleId}
      data-testid="member-detail"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="fam-head">
        <div>
          <p className="eyebrow">{t('plist.member.eyebrow', { rank: num(row.rank) })}</p>
          <h2 id={titleId} className="fam-title">
            {row.nama ?? '—'}
          </h2>
        </div>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="dl fam-fields">
        <div className="dl-row">
          <dt>{t('plist.col.nik')}</dt>
          <dd className="cell-id">{row.nik ?? '—'}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.col.noKk')}</dt>
          <dd className="cell-id">{row.noKk ?? '—'}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.member.region')}</dt>
          <dd>
            {region || '—'} {row.regionCode ? <span className="figures-code">{row.regionCode}</span> : null}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.col.desil')}</dt>
          <dd>{row.desil ?? '—'}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.col.members')}</dt>
          <dd>{row.jumlahAnggota ?? '—'}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('plist.col.origin')}</dt>
          <dd>
            {row.origin === 'manual' ? t('plist.origin.manual') : t('plist.origin.auto')}
            {row.inCriteria ? '' : ` · ${t('plist.member.outsideCriteria')}`}
            {row.reason ? ` — ${row.reason}` : ''}
          </dd>
        </div>
        {row.otherPrograms.length > 0 ? (
          <div className="dl-row">
            <dt>{t('plist.col.other')}</dt>
            <dd className="pg-also">{t('plist.alsoOn', { names: row.otherPrograms.join(', ') })}</dd>
          </div>
        ) : null}
      </dl>
      <table className="table pg-score-table" data-testid="score-components">
        <caption className="pg-subhead">{t('plist.member.score', { score: num(row.score, 1) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plist.member.part')}</th>
            <th scope="col" className="num">
              {t('plist.member.value')}
            </th>
            <th scope="col" className="num">
              {t('plist.member.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SCORE_PARTS.map((p) => (
            <tr key={p}>
              <th scope="row">{label(SCORE_PART_LABEL[p])}</th>
              <td className="num">{num(row.components[p], 2)}</td>
              <td className="num">{num(weights[p])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable ? (
        <div className="button-row">
          <button type="button" className="btn btn-danger" onClick={onRemove}>
            {t('plist.remove.button')}
          </button>
        </div>
      ) : null}
    </dialog>
  );
}
