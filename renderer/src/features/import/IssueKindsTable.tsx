import { useMemo } from 'react';
import type { IssueCount } from '../../../../shared/contracts/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { EXCEL_DAMAGE_KINDS, SEVERITY_LABEL, kindLabel, severityOrder } from './importLabels.ts';

/** The issues a preview found, one row per kind: name and message, severity, count, first occurrence. */
export function IssueKindsTable({ issues, multiSheet }: { readonly issues: readonly IssueCount[]; readonly multiSheet: boolean }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const sorted = useMemo(() => [...issues].sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity) || b.count - a.count), [issues]);
  if (sorted.length === 0) return <p className="muted">{t('import.issues.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table issue-table">
        <caption className="sr-only">{t('import.issues.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.issues.colKind')}</th>
            <th scope="col">{t('import.issues.colSeverity')}</th>
            <th scope="col" className="num">
              {t('import.issues.colCount')}
            </th>
            <th scope="col">{t('import.issues.colExample')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((issue) => {
            const e = issue.example;
            const where = [
              multiSheet && e.sheet ? t('import.issues.sheet', { sheet: e.sheet }) : null,
              t('import.issues.row', { row: num(e.row) }),
              e.column ? t('import.issues.column', { column: e.column }) : null,
            ].filter((x): x is string => x !== null);
            return (
              <tr key={issue.kind} data-kind={issue.kind} className={EXCEL_DAMAGE_KINDS.has(issue.kind) ? 'is-highlight' : undefined}>
                <th scope="row" className="issue-kind">
                  <span className="issue-kind-name">{kindLabel(i18n, issue.kind)}</span>
                  <span className="issue-kind-message">{issue.message}</span>
                </th>
                <td>
                  <span className={`badge badge-${issue.severity}`}>{t(SEVERITY_LABEL[issue.severity])}</span>
                </td>
                <td className="num" data-field="count">
                  {num(issue.count)}
                </td>
                <td>
                  <div className="issue-example">
                    <span>{where.join(', ')}</span>
                    {e.value !== null && e.value !== '' ? <code className="issue-value">{e.value}</code> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
