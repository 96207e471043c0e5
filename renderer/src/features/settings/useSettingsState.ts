import { useCallback, useEffect, useState } from 'react';
import type { Language, Settings } from '../../../../shared/contracts/system.ts';
import { warehouse } from '../../bridge/index.ts';
import { toError } from '../../lib/useAsync.ts';
import { useDataChanged } from '../../lib/useDataChanged.ts';

export interface SettingsState {
  readonly settings: Settings | undefined;
  readonly error: Error | null;
  readonly reload: () => void;
  /** Persist the language in the warehouse (its messages follow it too). */
  readonly setLanguage: (language: Language) => Promise<void>;
  /** Persist the working province; resolves with the new settings. */
  readonly setWorkingProvince: (code: string) => Promise<Settings>;
}

/** Settings as stored in the warehouse, re-read whenever another window changes them. */
export function useSettingsState(): SettingsState {
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<Error | null>(null);

  const reload = useCallback(() => {
    warehouse()
      .call('settings.get', {})
      .then(
        (s) => {
          setSettings(s);
          setError(null);
        },
        (e: unknown) => setError(toError(e)),
      );
  }, []);

  useEffect(reload, [reload]);
  useDataChanged(['settings'], reload);

  const setLanguage = useCallback(async (language: Language) => {
    setSettings(await warehouse().call('settings.setLanguage', { language }));
  }, []);

  const setWorkingProvince = useCallback(async (code: string) => {
    const next = await warehouse().call('settings.setWorkingProvince', { code });
    setSettings(next);
    return next;
  }, []);

  return { settings, error, reload, setLanguage, setWorkingProvince };
}
