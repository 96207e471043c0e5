/**
 * The audit log in words: a label for each action the warehouse writes, a one-line summary of an
 * entry's detail (the full JSON stays one click away), times in the user's locale, and the filter
 * as `audit.list` / `audit.export` take it. Pure, so it is unit-tested.
 */
import type { AuditEntry, AuditQuery } from '../../../../shared/contracts/audit.ts';
import type { Language } from '../../../../shared/contracts/system.ts';
import { locale } from '../../../../shared/i18n/format.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';
import type { I18n } from '../../i18n/I18nProvider.tsx';
import { SOURCE_NAME } from '../home/sourceLabels.ts';

export type AuditI18n = Pick<I18n, 't' | 'num'>;

/** The actions the warehouse writes today; anything else is shown as written. */
export const AUDIT_ACTION_LABEL: Readonly<Record<string, UiKey>> = {
  import: 'audit.action.import',
  'batch.delete': 'audit.action.batchDelete',
  'list.finalize': 'audit.action.listFinalize',
  'list.revise': 'audit.action.listRevise',
  'list.export': 'audit.action.listExport',
  'analysis.export': 'audit.action.analysisExport',
  'export.rejects': 'audit.action.exportRejects',
  'family.view_full_nik': 'audit.action.viewFullNik',
  'settings.letterhead': 'audit.action.letterhead',
  'audit.export': 'audit.action.auditExport',
  'crosswalk.import': 'audit.action.crosswalkImport',
};

export function actionLabel(t: AuditI18n['t'], action: string): string {
  const key = Object.hasOwn(AUDIT_ACTION_LABEL, action) ? AUDIT_ACTION_LABEL[action] : undefined;
  return key ? t(key) : action;
}

type Detail = AuditEntry['detail'];

function text(d: Detail, key: string): string {
  const v = d[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : '—';
}

function count(i18n: AuditI18n, d: Detail, key: string): string {
  const v = d[key];
  return typeof v === 'number' ? i18n.num(v) : '—';
}

function sub(d: Detail, key: string): Detail {
  const v = d[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Detail) : {};
}

function isSourceKind(v: string): v is keyof typeof SOURCE_NAME {
  return Object.hasOwn(SOURCE_NAME, v);
}

/** Scalars of an unknown action's detail, `key: value`, in the order written (long values cut). */
function generic(d: Detail): string {
  const parts = Object.entries(d).flatMap(([k, v]) => {
    if (typeof v === 'string') return [`${k}: ${v.length > 60 ? `${v.slice(0, 59)}…` : v}`];
    if (typeof v === 'number' || typeof v === 'boolean') return [`${k}: ${String(v)}`];
    return [];
  });
  return parts.slice(0, 6).join(' · ');
}

/** One line saying what an entry records: which batch, list, file, how many rows, masked or not. */
export function auditSummary(i18n: AuditI18n, entry: Pick<AuditEntry, 'action' | 'detail'>): string {
  const { t } = i18n;
  const d = entry.detail;
  const nik = (masked: unknown) => t(masked === false ? 'audit.sum.nikFull' : 'audit.sum.nikMasked');
  switch (entry.action) {
    case 'import': {
      const source = text(d, 'source');
      return t('audit.sum.import', {
        batch: text(d, 'batchId'),
        source: isSourceKind(source) ? t(SOURCE_NAME[source]) : source,
        file: text(d, 'file'),
        rows: count(i18n, sub(d, 'rows'), 'rowsImported'),
      });
    }
    case 'batch.delete':
      return t('audit.sum.batchDelete', { batch: text(d, 'batchId'), label: text(d, 'label'), file: text(d, 'fileName'), rows: count(i18n, d, 'rows') });
    case 'list.finalize':
      return t('audit.sum.listFinalize', { program: text(d, 'program'), version: text(d, 'version'), units: count(i18n, d, 'units'), families: count(i18n, d, 'families') });
    case 'list.revise':
      return t('audit.sum.listRevise', { program: text(d, 'program'), version: text(d, 'version'), from: text(d, 'fromListId') });
    case 'list.export':
      return t('audit.sum.listExport', {
        program: text(d, 'program'),
        version: text(d, 'version'),
        rows: count(i18n, d, 'rows'),
        format: text(d, 'format').toUpperCase(),
        nik: nik(d['masked']),
        file: text(d, 'file'),
      });
    case 'analysis.export':
      return t('audit.sum.analysisExport', { title: text(d, 'title'), file: text(d, 'file') });
    case 'export.rejects':
      return t('audit.sum.rejects', { batch: text(d, 'batchId'), rejected: count(i18n, d, 'rejected'), flagged: count(i18n, d, 'flagged'), nik: nik(d['niksMasked']) });
    case 'family.view_full_nik':
      return t('audit.sum.viewNik', { family: text(d, 'familyId'), batch: text(d, 'batchId'), members: count(i18n, d, 'members') });
    case 'settings.letterhead':
      return t('audit.sum.letterhead', { agency: text(d, 'agency'), number: text(d, 'documentNumber') });
    case 'audit.export':
      return t('audit.sum.auditExport', { file: text(d, 'file'), rows: count(i18n, d, 'rows') });
    case 'crosswalk.import':
      return t('audit.sum.crosswalk', { file: text(d, 'file'), rows: count(i18n, d, 'rows') });
    default:
      return generic(d);
  }
}

/** `24 Nov 2026 13.49.03` (id) / `24 Nov 2026, 13:49:03` (en), in the computer's time zone. */
export function formatAuditTime(lang: Language, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** The first characters of a SHA-256: enough to tell entries apart on screen. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** The filter on screen. */
export interface AuditFilter {
  readonly action: string;
  readonly text: string;
  /** `YYYY-MM-DD` or ''. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTER: AuditFilter = { action: '', text: '', from: '', to: '' };

/** Minutes east of UTC on a day in the computer's time zone (WIB +420, WITA +480, WIT +540). */
export function localOffset(day: string): number {
  return -new Date(`${day}T00:00:00`).getTimezoneOffset();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(day: string, offsetMinutes: number, plusDays = 0): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays) - offsetMinutes * 60_000);
}

/**
 * The filter as the warehouse takes it, empty parts left out. Times are stored in UTC and shown
 * in local time, so the dates chosen are local days: "from" goes as the exact instant the local day
 * begins; "to" as the UTC date whose end (the warehouse counts it inclusive) first covers the
 * local day's end — in Indonesia that adds at most the hours after local midnight, when no one works.
 */
export function filterArgs(f: AuditFilter, offsetOf: (day: string) => number = localOffset): Omit<AuditQuery, 'startRow' | 'endRow'> {
  const text = f.text.trim();
  const from = dayStart(f.from, DAY.test(f.from) ? offsetOf(f.from) : 0);
  const end = dayStart(f.to, DAY.test(f.to) ? offsetOf(f.to) : 0, 1);
  let to: string | null = null;
  if (end) {
    const iso = end.toISOString();
    // A local day ending exactly at a UTC midnight is that UTC date's previous day.
    to = iso.endsWith('T00:00:00.000Z') ? new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10) : iso.slice(0, 10);
  }
  return {
    ...(f.action !== '' ? { action: f.action } : {}),
    ...(text !== '' ? { text } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to } : {}),
  };
}

export function isFiltered(f: AuditFilter): boolean {
  return Object.keys(filterArgs(f)).length > 0;
}

/** An entry's detail as indented JSON (what the hash covers, as stored). */
export function detailJson(entry: Pick<AuditEntry, 'detail'>): string {
  return JSON.stringify(entry.detail, null, 2);
}
