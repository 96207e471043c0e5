import { use } from 'react';
import { SettingsContext, type SettingsValue } from './SettingsProvider.tsx';

/** The loaded settings and the actions that change them (inside SettingsProvider only). */
export function useSettings(): SettingsValue {
  const value = use(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
