import type { Language } from '../../../../shared/contracts/system.ts';
import { useT } from '../../i18n/useT.ts';

const OPTIONS: readonly { readonly lang: Language; readonly short: string; readonly name: string }[] = [
  { lang: 'id', short: 'ID', name: 'Bahasa Indonesia' },
  { lang: 'en', short: 'EN', name: 'English' },
];

export interface LanguageSwitchProps {
  readonly value: Language;
  readonly onChange: (lang: Language) => void;
  readonly busy?: boolean;
}

/** Two toggle buttons; each language is named in itself, so either can be found by its speaker. */
export function LanguageSwitch({ value, onChange, busy = false }: LanguageSwitchProps) {
  const t = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('shell.language')}>
      {OPTIONS.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang}
          aria-pressed={value === o.lang}
          aria-label={o.name}
          title={o.name}
          disabled={busy}
          onClick={() => {
            if (o.lang !== value) onChange(o.lang);
          }}
        >
          {o.short}
        </button>
      ))}
    </div>
  );
}
