import { levelOfCode } from '../../../shared/model/region.ts';

/** The screens that work today. */
export type View = 'beranda' | 'impor' | 'analisis' | 'profil' | 'program' | 'daftar' | 'pengaturan' | 'konvergensi' | 'audit' | 'padu-padan' | 'peta';

/** Map levels as written in a Peta address (`#/peta/53.07/desa`). */
export const MAP_LEVEL_NAMES = { 2: 'kabupaten', 3: 'kecamatan', 4: 'desa' } as const;
export type MapLevel = keyof typeof MAP_LEVEL_NAMES;

export interface Route {
  readonly view: View;
  /** Region chosen on Beranda, Profil Wilayah, Konvergensi or Peta (dotted Kemendagri code), null for the working province. */
  readonly region: string | null;
  /**
   * `#/program/<id>`: the program open in the editor ('baru' for a new one; absent for the
   * catalogue); `#/daftar/<id>`: the list shown; `#/padu-padan/<id>`: the linkage run open.
   */
  readonly item?: number | 'baru';
  /** `#/peta/<region>/<level>`: the level the map draws (absent: the next level with a boundary layer). */
  readonly level?: MapLevel;
}

function mapLevelOf(s: string): MapLevel | null {
  if (s === MAP_LEVEL_NAMES[2]) return 2;
  if (s === MAP_LEVEL_NAMES[3]) return 3;
  if (s === MAP_LEVEL_NAMES[4]) return 4;
  return null;
}

function positiveInt(s: string): number | null {
  return /^[1-9]\d{0,9}$/.test(s) ? Number(s) : null;
}

/** `#/beranda/53.07.01` → { view: 'beranda', region: '53.07.01' }; anything unknown → Beranda. */
export function parseHash(hash: string): Route {
  const [view = '', region = '', third = ''] = hash.replace(/^#\/?/, '').split('/');
  if (view === 'pengaturan') return { view: 'pengaturan', region: null };
  if (view === 'impor') return { view: 'impor', region: null };
  if (view === 'analisis') return { view: 'analisis', region: null };
  if (view === 'audit') return { view: 'audit', region: null };
  if (view === 'padu-padan') {
    const id = positiveInt(region);
    return id === null ? { view: 'padu-padan', region: null } : { view: 'padu-padan', region: null, item: id };
  }
  if (view === 'program') {
    const id = positiveInt(region);
    if (region === 'baru') return { view: 'program', region: null, item: 'baru' };
    return id === null ? { view: 'program', region: null } : { view: 'program', region: null, item: id };
  }
  if (view === 'daftar') {
    // A list address without a list id shows the catalogue.
    const id = positiveInt(region);
    return id === null ? { view: 'program', region: null } : { view: 'daftar', region: null, item: id };
  }
  if (view === 'peta') {
    // `#/peta/desa` (the whole province at desa level), `#/peta/53.07`, `#/peta/53.07/kecamatan`.
    const bare = mapLevelOf(region);
    const code = decodeURIComponent(region);
    const level = bare ?? mapLevelOf(third);
    const at = bare === null && levelOfCode(code) ? code : null;
    return level === null ? { view: 'peta', region: at } : { view: 'peta', region: at, level };
  }
  const code = decodeURIComponent(region);
  if (view === 'profil') return { view: 'profil', region: levelOfCode(code) ? code : null };
  if (view === 'konvergensi') return { view: 'konvergensi', region: levelOfCode(code) ? code : null };
  return { view: 'beranda', region: levelOfCode(code) ? code : null };
}

export function routeHref(route: Route): string {
  if (route.view === 'peta') {
    const level = route.level ? MAP_LEVEL_NAMES[route.level] : null;
    return `#/peta${route.region ? `/${route.region}` : ''}${level ? `/${level}` : ''}`;
  }
  if ((route.view === 'program' || route.view === 'daftar' || route.view === 'padu-padan') && route.item !== undefined) return `#/${route.view}/${route.item}`;
  return (route.view === 'beranda' || route.view === 'profil' || route.view === 'konvergensi') && route.region ? `#/${route.view}/${route.region}` : `#/${route.view}`;
}
