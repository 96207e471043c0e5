import { createContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../shared/contracts/system.ts';
import { formatDate, formatNumber, formatPercent, interpolate, locale } from '../../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../../shared/i18n/ui.ts';

export type Params = Readonly<Record<string, string | number>>;

export interface I18n {
  readonly lang: Language;
  /** The UI string for `key` in the current language, with `{name}` placeholders filled. */
  readonly t: (key: UiKey, params?: Params) => string;
  /** 30000 → `30.000` (id) / `30,000` (en). */
  readonly num: (n: number, fractionDigits?: number) => string;
  /** 0.123 → `12,3%` (id) / `12.3%` (en). */
  readonly pct: (share: number, fractionDigits?: number) => string;
  /** ISO date → `23 Nov 2026` (tables). */
  readonly dateShort: (iso: string) => string;
  /** ISO date → `23 November 2026`. */
  readonly date: (iso: string, withTime?: boolean) => string;
  /** A codebook entry (anything with `id` and `en` labels) in the current language. */
  readonly label: (entry: { readonly id: string; readonly en: string }) => string;
}

function makeI18n(lang: Language): I18n {
  const dict: Readonly<Record<UiKey, string>> = lang === 'en' ? uiEn : uiId;
  const shortDate = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric' });
  return {
    lang,
    t: (key, params) => interpolate(dict[key], params),
    num: (n, digits = 0) => formatNumber(lang, n, digits),
    pct: (share, digits = 1) => formatPercent(lang, share, digits),
    date: (iso, withTime = false) => formatDate(lang, iso, withTime),
    dateShort: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : shortDate.format(d);
    },
    label: (entry) => (lang === 'en' ? entry.en : entry.id),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('id'));

/** Provides the UI language; also keeps `<html lang>` in step with it (screen readers, hyphenation). */
export function I18nProvider({ lang, children }: { readonly lang: Language; readonly children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}
