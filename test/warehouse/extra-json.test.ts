import { describe, expect, it } from 'vitest';
import { extraJson, familyExtraJson, memberExtraWithFamily } from '../../electron/warehouse/imports/extra-json.ts';

describe('extra JSON with family-level fields', () => {
  const family = '"village_name":"BOKONUSAN","address":"DUSUN \\"A\\", RT 6"';
  const own = { village_name: 'BOKONUSAN', address: 'DUSUN "A", RT 6' };

  it('writes valid JSON for every shape of a member’s own extra, family fields first and marked own', () => {
    const cases: [string | null, unknown][] = [
      [null, { family: 'own', fields: own }],
      [extraJson('"age_lt7":1', ''), { family: 'own', fields: { ...own, age_lt7: 1 } }],
      [extraJson('', '"Catatan":"x"'), { family: 'own', fields: own, columns: { Catatan: 'x' } }],
      [extraJson('"age_lt7":0', '"Catatan":"x"'), { family: 'own', fields: { ...own, age_lt7: 0 }, columns: { Catatan: 'x' } }],
    ];
    for (const [member, expected] of cases) {
      const json = memberExtraWithFamily(member, family);
      expect(JSON.parse(json), json).toEqual(expected);
      expect(Object.keys((JSON.parse(json) as { fields: object }).fields).slice(0, 2)).toEqual(['village_name', 'address']);
    }
  });

  it('marks a member own even when it has no family-level fields, so it never inherits its head’s', () => {
    expect(JSON.parse(memberExtraWithFamily(extraJson('"age_lt7":1', ''), null))).toEqual({ family: 'own', fields: { age_lt7: 1 } });
    expect(JSON.parse(memberExtraWithFamily(null, null))).toEqual({ family: 'own', fields: {} });
    expect(familyExtraJson(null)).toBeNull();
    expect(JSON.parse(familyExtraJson(family) ?? '')).toEqual({ fields: own });
  });
});
