import { describe, expect, it } from 'vitest';
import { normalizeNik } from '../../shared/import/normalize.ts';
import { DuplicateTracker, nikKey, nikRowChecks } from '../../shared/import/row-checks.ts';

describe('nikRowChecks', () => {
  // 5371014508900003: a woman (45 = 5 + 40) born 05-08-1990.
  const NIK = '5371014508900003';

  it('passes a row whose sex and birth date agree with the NIK', () => {
    expect(nikRowChecks(NIK, 2, '1990-08-05')).toEqual([]);
    expect(nikRowChecks('5371010508900003', 1, '1990-08-05')).toEqual([]);
  });

  it('reports a sex that disagrees with the NIK (+40 on the day for women)', () => {
    expect(nikRowChecks(NIK, 1, '1990-08-05')).toEqual([{ field: 'sex', issue: { kind: 'nik_sex_mismatch', params: { nik: NIK, expected: { id: 'perempuan', en: 'female' } } } }]);
    expect(nikRowChecks('5371010508900003', 2, null)[0]?.issue.params?.['expected']).toEqual({ id: 'laki-laki', en: 'male' });
  });

  it('tells a day/month swap apart from a plain mismatch', () => {
    expect(nikRowChecks(NIK, 2, '1990-05-08')).toEqual([{ field: 'birthDate', issue: { kind: 'nik_birth_swapped', params: { nik: NIK, expected: '05/08/90' } } }]);
    expect(nikRowChecks(NIK, 2, '1990-08-06')[0]?.issue.kind).toBe('nik_birth_mismatch');
    expect(nikRowChecks(NIK, 2, '1991-08-05')[0]?.issue.kind).toBe('nik_birth_mismatch');
    // Same day and month: a swap is invisible, nothing to report.
    expect(nikRowChecks('5371014505900003', 2, '1990-05-05')).toEqual([]);
  });

  it('checks nothing when the NIK or the row value is missing or unreadable', () => {
    expect(nikRowChecks(null, 1, '1990-08-05')).toEqual([]);
    expect(nikRowChecks('5.37101E+15', 1, '1990-08-05')).toEqual([]);
    expect(nikRowChecks('5371013508900003', 1, '1990-08-05')).toEqual([]); // bad date part
    expect(nikRowChecks(NIK, null, null)).toEqual([]);
  });
});

describe('DuplicateTracker', () => {
  it('reports the second occurrence of an id, naming the first row', () => {
    const t = new DuplicateTracker();
    expect(t.seeId('P530106100100001', 4)).toBeNull();
    expect(t.seeId('P530106100100002', 5)).toBeNull();
    expect(t.seeId('P530106100100001', 9)).toEqual({ kind: 'duplicate_id', params: { firstRow: 4 } });
    expect(t.seeId('P530106100100001', 10)).toEqual({ kind: 'duplicate_id', params: { firstRow: 4 } });
    expect(t.seeId(null, 11)).toBeNull();
    expect(t.seeId('', 12)).toBeNull();
  });

  it('reports a repeated NIK across sheets with the first sheet', () => {
    const t = new DuplicateTracker();
    expect(t.seeNik(normalizeNik('5301062108480001'), 7, 'Individu 1')).toBeNull();
    expect(t.seeNik(normalizeNik('5301066002640001'), 8, 'Individu 1')).toBeNull();
    expect(t.seeNik(normalizeNik('5301062108480001'), 3, 'Individu 2')).toEqual({ kind: 'duplicate_nik', params: { firstRow: 7, firstSheet: 'Individu 1' } });
    expect(t.seeNik('5301066002640001', 4, 'Individu 2')).toEqual({ kind: 'duplicate_nik', params: { firstRow: 8, firstSheet: 'Individu 1' } });
    expect(t.size).toEqual({ ids: 0, niks: 2 });
  });

  it('skips empty, placeholder and Excel-damaged NIKs (equal damaged NIKs prove nothing)', () => {
    const t = new DuplicateTracker();
    for (const raw of ['', '0', '0000000000000000', 5301064707800000, '5.30106E+15']) {
      expect(t.seeNik(normalizeNik(raw), 1)).toBeNull();
      expect(t.seeNik(normalizeNik(raw), 2)).toBeNull();
    }
    expect(t.seeNik(null, 3)).toBeNull();
    expect(t.size.niks).toBe(0);
  });

  it('keeps odd NIK text as text keys', () => {
    const t = new DuplicateTracker();
    expect(t.seeNik('0123456789012345', 1)).toBeNull();
    expect(t.seeNik('0123456789012345', 2)?.kind).toBe('duplicate_nik');
  });
});

describe('nikKey', () => {
  it('maps 16-digit NIKs to distinct exact integers below 2^53', () => {
    expect(nikKey('5371014508900003')).toBe(43_71014508900003);
    expect(nikKey('9471014508900007')).toBe(84_71014508900007);
    expect(nikKey('9999999999999999')).toBeLessThan(2 ** 53);
    expect(nikKey('9471014508900007')).not.toBe(nikKey('9471014508900006'));
    expect(nikKey('0123456789012345')).toBeNull();
    expect(nikKey('537101450890003')).toBeNull();
    expect(nikKey('53710145089O0003')).toBeNull();
  });
});
