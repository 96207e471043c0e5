import { describe, expect, it } from 'vitest';
import { checkCriteria, type Criterion } from '../../shared/interventions/criteria.ts';
import { PROGRAM_TEMPLATES, type Program } from '../../shared/interventions/program.ts';
import {
  addChild, emptyGroup, fromCriterion, incompleteCount, newAttr, newLeaf, removeNode, toCriterion, updateNode, type GroupNode,
} from '../../renderer/src/features/programs/criteriaModel.ts';
import { countArgsOf, draftOf, inputKey, moveColumn, parseAmount, toInput } from '../../renderer/src/features/programs/programModel.ts';

function ids(): () => number {
  let n = 0;
  return () => ++n;
}

const rtlh = PROGRAM_TEMPLATES.find((t) => t.key === 'rtlh');
if (!rtlh?.program.criteria) throw new Error('RTLH template missing');
const RTLH: Criterion = rtlh.program.criteria;

describe('criteria editor model', () => {
  it('turns every template’s criteria into an editable tree and back unchanged', () => {
    for (const t of PROGRAM_TEMPLATES) {
      const c = t.program.criteria;
      if (!c) continue;
      const back = toCriterion(fromCriterion(c, ids()));
      // A lone condition comes back wrapped in a one-item AND group: the same families.
      expect(c.op === 'and' || c.op === 'or' ? back : back.op === 'and' ? back.items[0] : back).toEqual(c);
    }
  });

  it('keeps NOT as a flag and writes it back as a NOT node; NOT of NOT disappears', () => {
    const c: Criterion = { op: 'and', items: [{ op: 'not', item: { op: 'attr', attribute: 'desil', values: [1] } }, { op: 'not', item: { op: 'not', item: { op: 'region', codes: ['53.01'] } } }] };
    const tree = fromCriterion(c, ids());
    expect(tree.items.map((n) => n.negated)).toEqual([true, false]);
    expect(toCriterion(tree)).toEqual({ op: 'and', items: [{ op: 'not', item: { op: 'attr', attribute: 'desil', values: [1] } }, { op: 'region', codes: ['53.01'] }] });
  });

  it('leaves incomplete conditions and empty groups out, counts them, and never sends what the warehouse refuses', () => {
    const next = ids();
    let root: GroupNode = emptyGroup(next);
    expect(toCriterion(root)).toEqual({ op: 'and', items: [] });
    const attr = newAttr(next, 'jamban');
    const region = newLeaf(next, 'region');
    const inner = emptyGroup(next, 'or');
    root = addChild(addChild(addChild(root, root.id, attr), root.id, region), root.id, inner);
    expect(incompleteCount(root)).toBe(2);
    expect(toCriterion(root)).toEqual({ op: 'and', items: [] });
    root = updateNode(root, attr.id, (n) => (n.kind === 'attr' ? { ...n, values: [3, 2] } : n));
    root = addChild(root, inner.id, newLeaf(next, 'receives'));
    expect(incompleteCount(root)).toBe(2);
    const c = toCriterion(root);
    expect(c).toEqual({ op: 'and', items: [{ op: 'attr', attribute: 'jamban', values: [2, 3] }] });
    expect(checkCriteria(c)).toEqual(c);
    root = removeNode(root, region.id);
    expect(incompleteCount(root)).toBe(1);
    // The root is never removed, only emptied.
    expect(removeNode(root, root.id)).toBe(root);
  });

  it('a members condition without traits means any member; an unfinished trait is left out', () => {
    const next = ids();
    const m = newLeaf(next, 'members');
    const group = emptyGroup(next);
    const root = addChild(group, group.id, m);
    expect(toCriterion(root)).toEqual({ op: 'and', items: [{ op: 'members', where: [], atLeast: 1 }] });
    const aged = updateNode(root, m.id, (n) => (n.kind === 'members' ? { ...n, where: n.where.map((w) => ({ ...w, min: 60 })) } : n));
    expect(toCriterion(aged)).toEqual({ op: 'and', items: [{ op: 'members', where: [{ attribute: 'usia', min: 60 }], atLeast: 1 }] });
  });
});

describe('program editor model', () => {
  const program: Program = {
    id: 7,
    name: 'Rehabilitasi RTLH',
    opd: 'Dinas Perkim',
    strategy: 3,
    unit: 'family',
    year: 2026,
    criteria: RTLH,
    memberCriteria: [],
    unitCost: 20_000_000,
    budget: null,
    quota: 120,
    notes: '',
    weights: { desil: 35, rumah: 45, stunting: 5, ukuran: 10, rentan: 5 },
    columns: ['no', 'nama', 'nik'],
    recipientPrograms: ['RTLH'],
    coverageYears: 5,
    source: null,
    template: 'rtlh',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('round-trips a program through the form unchanged', () => {
    const d = draftOf(program, ids());
    expect(d.target).toBe('quota');
    const { input, errors } = toInput(d);
    expect(errors).toEqual([]);
    expect(input).toEqual({
      name: program.name, opd: program.opd, strategy: 3, unit: 'family', year: 2026, criteria: RTLH, memberCriteria: [], unitCost: 20_000_000,
      budget: null, quota: 120, notes: '', weights: program.weights, columns: program.columns, recipientPrograms: ['RTLH'], coverageYears: 5, template: 'rtlh',
    });
    expect(inputKey(d)).toBe(inputKey(draftOf(program, ids())));
  });

  it('reads rupiah as typed (thousands dots), marks what is not a number', () => {
    expect(parseAmount('20.000.000')).toBe(20_000_000);
    expect(parseAmount(' 1 500 000 ')).toBe(1_500_000);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('dua juta')).toBe('invalid');
    const d = { ...draftOf(program, ids()), unitCost: 'dua juta', year: '20x6' };
    expect(toInput(d)).toEqual({ input: null, errors: ['year', 'unitCost'] });
    // The live count still runs on the last good year.
    expect(countArgsOf(d, 2025).year).toBe(2025);
  });

  it('moves columns within bounds', () => {
    expect(moveColumn(['no', 'nama', 'nik'], 'nik', -1)).toEqual(['no', 'nik', 'nama']);
    expect(moveColumn(['no', 'nama', 'nik'], 'no', -1)).toEqual(['no', 'nama', 'nik']);
  });
});
