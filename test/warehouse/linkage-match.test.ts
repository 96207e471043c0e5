/**
 * The cascade on hand-made records (records.ts columns): exact NIK, No KK plus name, desa and birth
 * year blocks, kecamatan blocks only where birth dates agree, and both kinds of conflict.
 */
import { describe, expect, it } from 'vitest';
import { CONFLICT_KINDS, matchSets, METHODS, STATUSES } from '../../electron/warehouse/linkage/match.ts';
import { Dictionaries, RecordSetBuilder } from '../../electron/warehouse/linkage/records.ts';

type Row = [id: number, nik: string | null, kk: string | null, name: string, birth: string | null, sex: number | null, region: string | null, family: number];

function sets(a: readonly Row[], b: readonly Row[]) {
  const dict = new Dictionaries();
  const build = (rows: readonly Row[]) => {
    const x = new RecordSetBuilder(rows.length, dict);
    for (const r of rows) x.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], 1);
    return x.build();
  };
  const A = build(a);
  const B = build(b);
  const r = matchSets(A, B, dict.names);
  const links = Array.from({ length: r.links.n }, (_, k) => ({
    a: A.id[r.links.a[k] as number], b: B.id[r.links.b[k] as number], method: METHODS[r.links.method[k] as number], status: STATUSES[r.links.status[k] as number],
  }));
  const conflicts = Array.from({ length: r.conflicts.n }, (_, k) => ({ a: A.id[r.conflicts.a[k] as number], b: B.id[r.conflicts.b[k] as number], kind: CONFLICT_KINDS[r.conflicts.kind[k] as number] }));
  return { links, conflicts };
}

const DESA = '53.01.04.2003';
const OTHER_DESA = '53.01.04.2004';

describe('matchSets', () => {
  it('links by NIK, and reports one NIK carried by two different people', () => {
    const { links, conflicts } = sets(
      [[1, '5301041805920001', null, 'AGUSTINUS BENU', '1992-05-18', 1, DESA, 100], [2, '5301045611890001', null, 'SARA NENOBAIS', '1989-11-16', 2, DESA, 100]],
      [[11, '5301041805920001', null, 'Agustinus Benu', '1992-05-18', 1, DESA, 900], [12, '5301045611890001', null, 'MARTHA LAKA', '1990-02-01', 2, DESA, 901]],
    );
    expect(links).toEqual([{ a: 1, b: 11, method: 'nik', status: 'auto' }]);
    expect(conflicts).toEqual([{ a: 2, b: 12, kind: 'nik_two_people' }]);
  });

  it('reports one person (same NIK and name) in two families of the other source, linked once', () => {
    const { links, conflicts } = sets(
      [[1, '5301041805920001', null, 'YOHANES BERE', '1992-05-18', 1, DESA, 100]],
      [[11, '5301041805920001', null, 'YOHANES BERE', '1992-05-18', 1, DESA, 900], [12, '5301041805920001', null, 'YOHANES BERE', '1992-05-18', 1, DESA, 901]],
    );
    expect(links).toEqual([{ a: 1, b: 11, method: 'nik', status: 'auto' }]);
    expect(conflicts).toEqual([{ a: 1, b: 11, kind: 'person_two_families' }]);
  });

  it('without NIK: desa and birth year blocks; within the kecamatan only when the birth dates agree', () => {
    const { links } = sets(
      [
        [1, null, null, 'MARIA GORETI SERAN', '1980-03-04', 2, DESA, 100],
        [2, null, null, 'PETRUS KOLO', '1975-07-21', 1, DESA, 101],
        [3, null, null, 'YAKOBUS TAEK', '1960-01-09', 1, DESA, 102],
      ],
      [
        [11, null, null, 'MARIA GORETTI SERAN', '1980-04-03', 2, DESA, 900],
        [12, null, null, 'PETRUS KOLO', '1975-07-21', 1, OTHER_DESA, 901],
        [13, null, null, 'YAKOBUS TAEK', '1960-06-30', 1, OTHER_DESA, 902],
      ],
    );
    expect(links.find((l) => l.a === 1)).toMatchObject({ b: 11, method: 'desa_lahir' });
    expect(links.find((l) => l.a === 2)).toMatchObject({ b: 12, method: 'kecamatan_lahir' });
    // Another desa and only the year in common: not even reviewed.
    expect(links.some((l) => l.a === 3)).toBe(false);
  });

  it('links by No KK and a similar name when the NIK is missing', () => {
    const { links } = sets(
      [[1, null, '5301042706220001', 'SITI AMINAH', '1990-01-02', 2, null, 100]],
      [[11, null, '5301042706220001', 'SITI AMINA', '1990-01-02', 2, null, 900], [12, null, '5301042706220001', 'ABDUL KARIM', '1988-05-05', 1, null, 900]],
    );
    expect(links).toEqual([{ a: 1, b: 11, method: 'kk_name', status: 'auto' }]);
  });
});
