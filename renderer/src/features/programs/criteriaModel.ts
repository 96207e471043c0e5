/**
 * The criteria tree as the visual editor holds it: every node has a local id (React keys, label
 * ids) and a "BUKAN" flag, and leaves may be half made (an attribute with nothing ticked yet, a
 * region condition before a region is chosen). `toCriterion` turns it into the warehouse's
 * `Criterion`, leaving out what is not complete yet, so the live count never fails on a condition
 * the planner is still filling in. No React here.
 */
import {
  ALL_FAMILIES, MEMBER_AGE, type Criterion, type MemberCondition,
} from '../../../../shared/interventions/criteria.ts';

export interface MemberDraft {
  readonly id: number;
  /** A person attribute key, or `usia` (age in whole years). */
  readonly attribute: string;
  readonly values: readonly number[];
  readonly min: number | null;
  readonly max: number | null;
}

interface NodeBase {
  readonly id: number;
  /** Drawn as "BUKAN": the condition (or group) turned around. */
  readonly negated: boolean;
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly op: 'and' | 'or';
  readonly items: readonly EditNode[];
}

export interface AttrNode extends NodeBase {
  readonly kind: 'attr';
  readonly attribute: string;
  readonly mode: 'values' | 'range';
  readonly values: readonly number[];
  readonly min: number | null;
  readonly max: number | null;
}

export interface MembersNode extends NodeBase {
  readonly kind: 'members';
  readonly where: readonly MemberDraft[];
  readonly atLeast: number;
  readonly atMost: number | null;
}

export interface RegionNode extends NodeBase {
  readonly kind: 'region';
  readonly codes: readonly string[];
}

export interface ReceivesNode extends NodeBase {
  readonly kind: 'receives';
  readonly programs: readonly string[];
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
}

export type EditNode = GroupNode | AttrNode | MembersNode | RegionNode | ReceivesNode;
export type LeafKind = Exclude<EditNode['kind'], 'group'>;

/** Hands out local ids; one per editor. */
export type NextId = () => number;

export function emptyGroup(nextId: NextId, op: 'and' | 'or' = 'and'): GroupNode {
  return { id: nextId(), kind: 'group', op, items: [], negated: false };
}

export function newAttr(nextId: NextId, attribute: string): AttrNode {
  return { id: nextId(), kind: 'attr', attribute, mode: 'values', values: [], min: null, max: null, negated: false };
}

export function newMemberDraft(nextId: NextId, attribute: string = MEMBER_AGE): MemberDraft {
  return { id: nextId(), attribute, values: [], min: null, max: null };
}

export function newLeaf(nextId: NextId, kind: Exclude<LeafKind, 'attr'>): EditNode {
  const id = nextId();
  if (kind === 'members') return { id, kind, where: [newMemberDraft(nextId)], atLeast: 1, atMost: null, negated: false };
  if (kind === 'region') return { id, kind, codes: [], negated: false };
  return { id, kind, programs: [], yearFrom: null, yearTo: null, negated: false };
}

// ── from the warehouse's tree ────────────────────────────────────────────────────────────────

export function memberDraftOf(c: MemberCondition, nextId: NextId): MemberDraft {
  return { id: nextId(), attribute: c.attribute, values: c.values ?? [], min: c.min ?? null, max: c.max ?? null };
}

function nodeOf(c: Criterion, nextId: NextId, negated: boolean): EditNode {
  switch (c.op) {
    case 'and':
    case 'or':
      return { id: nextId(), kind: 'group', op: c.op, items: c.items.map((x) => nodeOf(x, nextId, false)), negated };
    case 'not':
      // NOT of NOT is the condition itself; the editor shows one flag.
      return nodeOf(c.item, nextId, !negated);
    case 'attr':
      return {
        id: nextId(),
        kind: 'attr',
        attribute: c.attribute,
        mode: c.values === undefined && (c.min !== undefined || c.max !== undefined) ? 'range' : 'values',
        values: c.values ?? [],
        min: c.min ?? null,
        max: c.max ?? null,
        negated,
      };
    case 'members':
      return { id: nextId(), kind: 'members', where: c.where.map((w) => memberDraftOf(w, nextId)), atLeast: c.atLeast, atMost: c.atMost ?? null, negated };
    case 'region':
      return { id: nextId(), kind: 'region', codes: c.codes, negated };
    case 'receives':
      return { id: nextId(), kind: 'receives', programs: c.programs, yearFrom: c.yearFrom ?? null, yearTo: c.yearTo ?? null, negated };
  }
}

/** The stored tree as an editable one; the root is always a group (a lone condition is wrapped). */
export function fromCriterion(c: Criterion, nextId: NextId): GroupNode {
  const node = nodeOf(c, nextId, false);
  if (node.kind === 'group' && !node.negated) return node;
  return { id: nextId(), kind: 'group', op: 'and', items: [node], negated: false };
}

// ── to the warehouse's tree ──────────────────────────────────────────────────────────────────

/** A member condition the warehouse accepts, or null while nothing is chosen. */
export function memberConditionOf(m: MemberDraft): MemberCondition | null {
  if (m.attribute === MEMBER_AGE) {
    if (m.min === null && m.max === null) return null;
    return { attribute: MEMBER_AGE, ...(m.min !== null ? { min: m.min } : {}), ...(m.max !== null ? { max: m.max } : {}) };
  }
  if (m.values.length === 0) return null;
  return { attribute: m.attribute, values: [...m.values].sort((a, b) => a - b) };
}

function negate(c: Criterion, negated: boolean): Criterion {
  return negated ? { op: 'not', item: c } : c;
}

function leafOf(n: Exclude<EditNode, GroupNode>): Criterion | null {
  switch (n.kind) {
    case 'attr':
      if (n.mode === 'range') {
        if (n.min === null && n.max === null) return null;
        return { op: 'attr', attribute: n.attribute, ...(n.min !== null ? { min: n.min } : {}), ...(n.max !== null ? { max: n.max } : {}) };
      }
      if (n.values.length === 0) return null;
      return { op: 'attr', attribute: n.attribute, values: [...n.values].sort((a, b) => a - b) };
    case 'members': {
      // A member line with nothing chosen yet is left out; no lines at all means "any member".
      const where = n.where.map(memberConditionOf).filter((w): w is MemberCondition => w !== null);
      return { op: 'members', where, atLeast: n.atLeast, ...(n.atMost !== null ? { atMost: n.atMost } : {}) };
    }
    case 'region':
      return n.codes.length === 0 ? null : { op: 'region', codes: [...n.codes] };
    case 'receives':
      if (n.programs.length === 0) return null;
      return { op: 'receives', programs: [...n.programs], ...(n.yearFrom !== null ? { yearFrom: n.yearFrom } : {}), ...(n.yearTo !== null ? { yearTo: n.yearTo } : {}) };
  }
}

function criterionOf(n: EditNode): Criterion | null {
  if (n.kind !== 'group') {
    const c = leafOf(n);
    return c ? negate(c, n.negated) : null;
  }
  const items = n.items.map(criterionOf).filter((c): c is Criterion => c !== null);
  // An empty nested group says nothing yet (an empty OR would match no one): left out.
  if (items.length === 0) return null;
  return negate({ op: n.op, items }, n.negated);
}

/** The tree the warehouse gets: incomplete conditions and empty groups left out; nothing = every family. */
export function toCriterion(root: GroupNode): Criterion {
  const c = criterionOf(root);
  return c ?? ALL_FAMILIES;
}

/** Conditions still waiting for a choice (not counted yet). */
export function incompleteCount(n: EditNode): number {
  if (n.kind === 'group') return n.items.reduce((s, x) => s + incompleteCount(x), 0);
  if (n.kind === 'members') return n.where.filter((w) => memberConditionOf(w) === null).length;
  return leafOf(n) === null ? 1 : 0;
}

// ── editing ──────────────────────────────────────────────────────────────────────────────────

/** The tree with the node of `id` replaced by `f(node)` (or removed when `f` returns null). */
export function updateNode(root: GroupNode, id: number, f: (n: EditNode) => EditNode | null): GroupNode {
  const walk = (n: EditNode): EditNode | null => {
    if (n.id === id) return f(n);
    if (n.kind !== 'group') return n;
    let changed = false;
    const items: EditNode[] = [];
    for (const x of n.items) {
      const y = walk(x);
      if (y !== x) changed = true;
      if (y) items.push(y);
    }
    return changed ? { ...n, items } : n;
  };
  const next = walk(root);
  // The root itself is never removed; it can only be emptied.
  return next && next.kind === 'group' ? next : root;
}

export function addChild(root: GroupNode, groupId: number, child: EditNode): GroupNode {
  return updateNode(root, groupId, (n) => (n.kind === 'group' ? { ...n, items: [...n.items, child] } : n));
}

export function removeNode(root: GroupNode, id: number): GroupNode {
  return updateNode(root, id, () => null);
}

export function depthOf(root: EditNode, id: number, depth = 0): number {
  if (root.id === id) return depth;
  if (root.kind !== 'group') return -1;
  for (const x of root.items) {
    const d = depthOf(x, id, depth + 1);
    if (d >= 0) return d;
  }
  return -1;
}
