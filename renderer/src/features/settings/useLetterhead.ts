import { useCallback, useState } from 'react';
import type { Letterhead } from '../../../../shared/contracts/interventions.ts';
import { WarehouseCallError, warehouse } from '../../bridge/index.ts';
import { toError, useAsync, type AsyncState } from '../../lib/useAsync.ts';
import { rejectedField } from './letterheadModel.ts';

export interface LetterheadState {
  readonly current: AsyncState<Letterhead>;
  readonly saving: boolean;
  /** The warehouse's refusal (its message is in the user's language). */
  readonly error: Error | null;
  /** The field the refusal names (`agency`, `signOff.0.nip` …), or null. */
  readonly problem: string | null;
  /** Save; resolves with the letterhead as stored (trimmed), or null when refused. */
  readonly save: (letterhead: Letterhead) => Promise<Letterhead | null>;
  readonly dismissError: () => void;
}

/** `lists.settings.get` / `lists.settings.save`: the kop surat, sign-off blocks and coverage window. */
export function useLetterhead(): LetterheadState {
  const current = useAsync(() => warehouse().call('lists.settings.get', {}), []);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useCallback(async (letterhead: Letterhead) => {
    setSaving(true);
    setError(null);
    setProblem(null);
    try {
      return await warehouse().call('lists.settings.save', { letterhead });
    } catch (e) {
      setError(toError(e));
      setProblem(e instanceof WarehouseCallError ? rejectedField(e.details) : null);
      return null;
    } finally {
      setSaving(false);
    }
  }, []);

  const dismissError = useCallback(() => {
    setError(null);
    setProblem(null);
  }, []);

  return { current, saving, error, problem, save, dismissError };
}
