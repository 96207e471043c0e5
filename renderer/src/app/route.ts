import { levelOfCode } from '../../../shared/model/region.ts';

/** The screens that work today. */
export type View = 'beranda' | 'impor' | 'analisis' | 'profil' | 'pengaturan';

export interface Route {
  readonly view: View;
  /** Region chosen on Beranda (dotted Kemendagri code), null for the working province. */
  readonly region: string | null;
}

/** `#/beranda/53.07.01` → { view: 'beranda', region: '53.07.01' }; anything unknown → Beranda. */
export function parseHash(hash: string): Route {
  const [view = '', region = ''] = hash.replace(/^#\/?/, '').split('/');
  if (view === 'pengaturan') return { view: 'pengaturan', region: null };
  if (view === 'impor') return { view: 'impor', region: null };
  if (view === 'analisis') return { view: 'analisis', region: null };
  const code = decodeURIComponent(region);
  if (view === 'profil') return { view: 'profil', region: levelOfCode(code) ? code : null };
  return { view: 'beranda', region: levelOfCode(code) ? code : null };
}

export function routeHref(route: Route): string {
  return (route.view === 'beranda' || route.view === 'profil') && route.region ? `#/${route.view}/${route.region}` : `#/${route.view}`;
}
