/** Peta's address: the region whose children the map shows and, optionally, the level drawn. */
import { describe, expect, it } from 'vitest';
import { parseHash, routeHref } from '../../renderer/src/app/route.ts';

describe('#/peta addresses', () => {
  it('reads the region and the level, either alone', () => {
    expect(parseHash('#/peta')).toEqual({ view: 'peta', region: null });
    expect(parseHash('#/peta/desa')).toEqual({ view: 'peta', region: null, level: 4 });
    expect(parseHash('#/peta/53.07')).toEqual({ view: 'peta', region: '53.07' });
    expect(parseHash('#/peta/53.07/kecamatan')).toEqual({ view: 'peta', region: '53.07', level: 3 });
    expect(parseHash('#/peta/53.07.01.2001')).toEqual({ view: 'peta', region: '53.07.01.2001' });
  });

  it('drops what is not a region or a level', () => {
    expect(parseHash('#/peta/kota')).toEqual({ view: 'peta', region: null });
    expect(parseHash('#/peta/53.07/propinsi')).toEqual({ view: 'peta', region: '53.07' });
    expect(parseHash('#/peta/xyz/desa')).toEqual({ view: 'peta', region: null, level: 4 });
  });

  it('writes the same addresses back', () => {
    for (const hash of ['#/peta', '#/peta/desa', '#/peta/53.07', '#/peta/53.07/kecamatan', '#/peta/53.07.01/desa']) {
      expect(routeHref(parseHash(hash))).toBe(hash);
    }
    expect(routeHref({ view: 'peta', region: null, level: 2 })).toBe('#/peta/kabupaten');
  });
});
