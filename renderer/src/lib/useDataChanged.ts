import { useEffect, useRef } from 'react';
import { warehouse } from '../bridge/index.ts';

/** Call `onChange` when the warehouse reports a change in one of `scopes` ('batches', 'settings', 'reference'). */
export function useDataChanged(scopes: readonly string[], onChange: () => void): void {
  const ref = useRef(onChange);
  useEffect(() => {
    ref.current = onChange;
  });
  const key = scopes.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    return warehouse().on('data.changed', (event) => {
      if (event.scopes.some((s) => wanted.has(s))) ref.current();
    });
  }, [key]);
}
