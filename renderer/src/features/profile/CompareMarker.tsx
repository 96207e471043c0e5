import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { useI18n } from '../../i18n/useT.ts';
import { compareShare } from './profileOptions.ts';

const TEXT: Readonly<Record<'higher' | 'lower' | 'same', UiKey>> = {
  higher: 'profile.cmpHigher',
  lower: 'profile.cmpLower',
  same: 'profile.cmpSame',
};

/**
 * A small bar of the region's share with a tick at the parent's, and the difference in
 * percentage points, in words (the colour only repeats what the words say).
 */
export function CompareMarker({ share, parentShare, scale }: { readonly share: number | null; readonly parentShare: number | null; readonly scale: number }) {
  const { t, num } = useI18n();
  const cmp = compareShare(share, parentShare);
  if (cmp === 'none' || share === null || parentShare === null) return <span className="muted">—</span>;
  const max = scale > 0 ? scale : 1;
  const points = Math.abs(share - parentShare) * 100;
  return (
    <span className={`cmp cmp-${cmp}`} data-compare={cmp}>
      <span className="cmp-bar" aria-hidden="true">
        <span className="cmp-fill" style={{ width: `${Math.min(100, (share / max) * 100)}%` }} />
        <span className="cmp-tick" style={{ left: `${Math.min(100, (parentShare / max) * 100)}%` }} />
      </span>
      <span className="cmp-text">
        <span className="cmp-arrow" aria-hidden="true">
          {cmp === 'higher' ? '▲' : cmp === 'lower' ? '▼' : '≈'}
        </span>
        {t(TEXT[cmp], { points: num(points, 1) })}
      </span>
    </span>
  );
}
