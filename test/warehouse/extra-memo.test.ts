import { describe, expect, it } from 'vitest';
import { ExtraNode, MEMO_ENTRIES } from '../../electron/warehouse/imports/row-mapper.ts';

describe('the mapper’s extra memo (ExtraNode)', () => {
  it('gives the same child for the same id, and a fresh one for another', () => {
    const root = new ExtraNode();
    const budget = { entries: 0 };
    const a = root.next(3, budget);
    expect(a).not.toBeNull();
    expect(root.next(3, budget)).toBe(a);
    const b = root.next(0, budget);
    expect(b).not.toBe(a);
    // Paths of different ids end in different nodes, each keeping its own extra.
    (a as ExtraNode).extra = '{"fields":{"age_lt7":1}}';
    expect((b as ExtraNode).extra).toBeUndefined();
    expect(root.next(3, budget)?.extra).toBe('{"fields":{"age_lt7":1}}');
  });

  it('counts child arrays by their length, and stops adding past its budget (known paths still found)', () => {
    const root = new ExtraNode();
    const budget = { entries: 0 };
    // A large id makes its parent's array that long: it is charged for all of it.
    const deep = root.next(5000, budget);
    expect(deep).not.toBeNull();
    expect(budget.entries).toBeGreaterThanOrEqual(5001);
    // Thousands of nodes each holding a child of a large id would be hundreds of MB: refused in time.
    let made = 0;
    let node = deep as ExtraNode;
    for (let i = 0; i < 10_000; i++) {
      const next = node.next(4000, budget);
      if (next === null) break;
      made++;
      node = next;
    }
    expect(made).toBeGreaterThan(100);
    expect(made).toBeLessThan(MEMO_ENTRIES / 4000);
    expect(budget.entries).toBeLessThanOrEqual(MEMO_ENTRIES);
    // Full for anything that costs more than what is left; what is there is still found.
    expect(budget.entries).toBeGreaterThan(MEMO_ENTRIES - 4010);
    expect(root.next(20_000, budget)).toBeNull();
    expect(node.next(4000, budget)).toBeNull();
    expect(root.next(5000, budget)).toBe(deep);
  });
});
