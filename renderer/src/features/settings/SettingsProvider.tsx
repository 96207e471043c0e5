import { createContext, type ReactNode } from 'react';
import type { Language, Settings } from '../../../../shared/contracts/system.ts';

export interface SettingsValue {
  readonly settings: Settings;
  readonly setLanguage: (language: Language) => Promise<void>;
  readonly setWorkingProvince: (code: string) => Promise<Settings>;
}

export const SettingsContext = createContext<SettingsValue | null>(null);

export function SettingsProvider({ value, children }: { readonly value: SettingsValue; readonly children: ReactNode }) {
  return <SettingsContext value={value}>{children}</SettingsContext>;
}
