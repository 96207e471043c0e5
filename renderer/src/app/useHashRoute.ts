import { useCallback, useEffect, useState } from 'react';
import { parseHash, routeHref, type Route } from './route.ts';

/** The current view in the location hash (no router library); back and forward work. */
export function useHashRoute(): readonly [Route, (next: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((next: Route) => {
    const href = routeHref(next);
    if (window.location.hash !== href) window.location.hash = href;
    setRoute(next);
  }, []);
  return [route, navigate] as const;
}
