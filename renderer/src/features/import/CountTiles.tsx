import type { ImportCounts } from '../../../../shared/contracts/imports.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { useI18n } from '../../i18n/useT.ts';

type CountKey = keyof ImportCounts;

const TILES: readonly { readonly key: CountKey; readonly label: UiKey; readonly tone?: string }[] = [
  { key: 'rowsRead', label: 'import.count.read' },
  { key: 'rowsImported', label: 'import.count.imported', tone: 'ok' },
  { key: 'rowsRejected', label: 'import.count.rejected', tone: 'error' },
  { key: 'rowsWarned', label: 'import.count.warned', tone: 'warning' },
  { key: 'rowsSkipped', label: 'import.count.skipped' },
];

/**
 * Rows read, imported (or that would be), rejected, warned and skipped. In a preview "imported"
 * reads "would be imported".
 */
export function CountTiles({ counts, mode }: { readonly counts: ImportCounts; readonly mode: 'preview' | 'result' }) {
  const { t, num } = useI18n();
  return (
    <dl className="count-tiles" data-mode={mode}>
      {TILES.map((tile) => (
        <div key={tile.key} className={`count-tile${tile.tone ? ` tone-${tile.tone}` : ''}`}>
          <dt>{tile.key === 'rowsImported' && mode === 'preview' ? t('import.count.wouldImport') : t(tile.label)}</dt>
          <dd data-count={tile.key}>{num(counts[tile.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
