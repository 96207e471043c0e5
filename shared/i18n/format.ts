import type { Language } from '../contracts/system.ts';

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

export function locale(lang: Language): string {
  return LOCALES[lang];
}

/** 1234567 → `1.234.567` (id) or `1,234,567` (en). */
export function formatNumber(lang: Language, n: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(n);
}

/** 0.1234 → `12,3%` (id) or `12.3%` (en). */
export function formatPercent(lang: Language, share: number, fractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(share);
}

/** ISO date or timestamp → `23 November 2026` (id) / `23 November 2026` (en), optionally with time. */
export function formatDate(lang: Language, iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = withTime
    ? { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(LOCALES[lang], opts).format(d);
}

/** Replace `{name}` placeholders. */
export function interpolate(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
