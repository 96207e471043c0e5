import { use } from 'react';
import type { UiKey } from '../../../shared/i18n/ui.ts';
import { I18nContext, type I18n, type Params } from './I18nProvider.tsx';

/** Everything language-bound: `t`, number/percent/date formatting, codebook labels. */
export function useI18n(): I18n {
  return use(I18nContext);
}

/** Just the translator: `t('nav.home')`, `t('home.familiesIn', { region })`. */
export function useT(): (key: UiKey, params?: Params) => string {
  return use(I18nContext).t;
}
