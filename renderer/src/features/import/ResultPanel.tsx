import type { ImportResult } from '../../../../shared/contracts/imports.ts';
import { Card } from '../../components/Card.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { SOURCE_NAME } from '../home/sourceLabels.ts';
import { CountTiles } from './CountTiles.tsx';
import { formatDuration, kindLabel } from './importLabels.ts';

function KindCounts({ title, counts, tone }: { readonly title: string; readonly counts: ImportResult['warnings']; readonly tone: 'error' | 'warning' }) {
  const i18n = useI18n();
  const entries = Object.entries(counts)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <div className={`kind-counts tone-${tone}`}>
      <h3 className="kind-counts-title">{title}</h3>
      <ul>
        {entries.map(([kind, n]) => (
          <li key={kind} data-kind={kind}>
            <span>{kindLabel(i18n, kind)}</span>
            <span className="kind-counts-n">{i18n.num(n)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The committed batch: counts, speed, and what was rejected or flagged, by kind. */
export function ResultPanel({ result, label, onAnother }: { readonly result: ImportResult; readonly label: string; readonly onAnother: () => void }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  return (
    <Card
      title={t('import.result.title')}
      subtitle={t('import.result.subtitle', {
        label,
        source: t(SOURCE_NAME[result.source]),
        time: formatDuration(t, result.seconds),
        rate: num(Math.round(result.rowsPerSecond)),
      })}
      actions={
        <>
          <a className="btn btn-secondary btn-small" href="#/beranda">
            {t('import.result.toHome')}
          </a>
          <button type="button" className="btn btn-primary btn-small" onClick={onAnother}>
            {t('import.result.another')}
          </button>
        </>
      }
      className="result-card"
    >
      <div data-testid="import-result" data-batch={result.batchId}>
        <CountTiles counts={result} mode="result" />
        <p className="result-note" role="status">
          {t(result.rowsRejected > 0 ? 'import.result.noteRejected' : 'import.result.noteClean', { imported: num(result.rowsImported), rejected: num(result.rowsRejected) })}
        </p>
        <div className="kind-counts-grid">
          <KindCounts title={t('import.result.rejectsByKind')} counts={result.rejects} tone="error" />
          <KindCounts title={t('import.result.warningsByKind')} counts={result.warnings} tone="warning" />
        </div>
      </div>
    </Card>
  );
}
