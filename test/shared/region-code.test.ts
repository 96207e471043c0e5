import { describe, expect, it } from 'vitest';
import { levelOfCode, normalizeRegionCode, regionNameKey, villageKind } from '../../shared/model/region.ts';

describe('normalizeRegionCode', () => {
  it('adds dots to codes written without them', () => {
    expect(normalizeRegionCode('5371011002')).toBe('53.71.01.1002');
    expect(normalizeRegionCode('537101')).toBe('53.71.01');
    expect(normalizeRegionCode('5371')).toBe('53.71');
    expect(normalizeRegionCode('53')).toBe('53');
  });
  it('keeps dotted codes and restores lost leading zeros per segment', () => {
    expect(normalizeRegionCode('53.71.01.1002')).toBe('53.71.01.1002');
    expect(normalizeRegionCode('53.1.1.2001')).toBe('53.01.01.2001');
    expect(normalizeRegionCode(' 53-71-01 ')).toBe('53.71.01');
  });
  it('reads spreadsheet numbers', () => {
    expect(normalizeRegionCode(5371011002)).toBe('53.71.01.1002');
    expect(normalizeRegionCode('5371.0')).toBe('53.71');
  });
  it('rejects what cannot be a Kemendagri code', () => {
    expect(normalizeRegionCode('')).toBeNull();
    expect(normalizeRegionCode('53710110021')).toBeNull();
    expect(normalizeRegionCode('abc')).toBeNull();
    expect(normalizeRegionCode('53.711.01')).toBeNull();
    expect(normalizeRegionCode(null)).toBeNull();
  });
  it('knows levels and village kinds', () => {
    expect(levelOfCode('53.71.01.1002')).toBe(4);
    expect(levelOfCode('53.71')).toBe(2);
    expect(levelOfCode('5371')).toBeNull();
    expect(villageKind('53.71.01.1002')).toBe('kelurahan');
    expect(villageKind('53.01.01.2001')).toBe('desa');
  });
  it('builds diacritic-free search keys', () => {
    expect(regionNameKey('Regapu’u')).toBe('regapuu');
    expect(regionNameKey('  KOTA  Kupang ')).toBe('kota kupang');
    expect(regionNameKey('Sè-Dèsa')).toBe('se desa');
  });
});
