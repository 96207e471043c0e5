import type { AreaAllocation } from '../../../../shared/contracts/interventions.ts';
import { useI18n } from '../../i18n/useT.ts';
import { IntInput } from './IntInput.tsx';

export interface AllocationTableProps {
  readonly areas: readonly AreaAllocation[];
  /** Places set by hand (area code → places), editable while the list is a draft; null when final. */
  readonly manual: Readonly<Record<string, number>> | null;
  readonly onManualChange: (next: Readonly<Record<string, number>>) => void;
}

/**
 * Where the places went: candidates per area, places allocated (by proportion or by hand), units
 * on the list now (after manual edits) and their cost. While the list is a draft, a place count
 * can be fixed by hand for any area; the next draft splits the rest in proportion.
 */
export function AllocationTable({ areas, manual, onManualChange }: AllocationTableProps) {
  const { t, num } = useI18n();
  const totals = areas.reduce(
    (s, a) => ({ candidates: s.candidates + a.candidates, allocated: s.allocated + a.allocated, listed: s.listed + a.listed, cost: s.cost + (a.cost ?? 0) }),
    { candidates: 0, allocated: 0, listed: 0, cost: 0 },
  );
  const anyCost = areas.some((a) => a.cost !== null);
  const setManual = (code: string, v: number | null) => {
    if (!manual) return;
    const rest = Object.fromEntries(Object.entries(manual).filter(([c]) => c !== code));
    onManualChange(v === null ? rest : { ...rest, [code]: Math.max(0, v) });
  };
  return (
    <div className="table-scroll pg-alloc-scroll">
      <table className="table pg-alloc" data-testid="allocation-table">
        <thead>
          <tr>
            <th scope="col">{t('plist.alloc.area')}</th>
            <th scope="col" className="num">
              {t('plist.alloc.candidates')}
            </th>
            <th scope="col" className="num">
              {t('plist.alloc.allocated')}
            </th>
            <th scope="col" className="num">
              {t('plist.alloc.listed')}
            </th>
            {anyCost ? (
              <th scope="col" className="num">
                {t('plist.alloc.cost')}
              </th>
            ) : null}
            {manual ? <th scope="col">{t('plist.alloc.manual')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a.code} data-area={a.code}>
              <th scope="row">
                {a.name}
                {a.parent ? <span className="muted pg-alloc-parent"> · {a.parent}</span> : null}
                {a.manual ? <span className="badge badge-info pg-alloc-manual">{t('plist.alloc.byHand')}</span> : null}
              </th>
              <td className="num">{num(a.candidates)}</td>
              <td className="num">{num(a.allocated)}</td>
              <td className="num" data-testid="area-listed">
                {num(a.listed)}
              </td>
              {anyCost ? <td className="num nowrap">{a.cost === null ? '—' : `Rp ${num(a.cost)}`}</td> : null}
              {manual ? (
                <td>
                  <IntInput
                    id={`alloc-${a.code}`}
                    ariaLabel={t('plist.alloc.manualFor', { name: a.name })}
                    value={manual[a.code] ?? null}
                    min={0}
                    width={6}
                    onChange={(v) => setManual(a.code, v)}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('plist.alloc.total')}</th>
            <td className="num">{num(totals.candidates)}</td>
            <td className="num">{num(totals.allocated)}</td>
            <td className="num">{num(totals.listed)}</td>
            {anyCost ? <td className="num nowrap">Rp {num(totals.cost)}</td> : null}
            {manual ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
