/**
 * A program's eligibility criteria as data (issue 6): a tree of conditions over the warehouse
 * attributes, combined with AND / OR / NOT. Stored as JSON, never as SQL text; the warehouse
 * evaluates it over the analysis cubes and the UI edits it visually. This module checks a tree from
 * the boundary and writes it out in words (for the method sheet and the screen).
 */
import { attributeMeta, MISSING_CODE, valueLabel, type AttributeMeta } from '../analysis/attributes.ts';

/** A family attribute condition: a set of codes and/or a range of codes. */
export interface AttributeCondition {
  readonly op: 'attr';
  readonly attribute: string;
  readonly values?: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

/** A condition on one member: a person attribute (codes) or the age in whole years. */
export interface MemberCondition {
  /** A person attribute key, or `usia` for the age in years at the reference date. */
  readonly attribute: string;
  readonly values?: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

export const MEMBER_AGE = 'usia';

/** The family has at least `atLeast` (and at most `atMost`) members meeting every `where` condition. */
export interface MembersCondition {
  readonly op: 'members';
  readonly where: readonly MemberCondition[];
  readonly atLeast: number;
  readonly atMost?: number;
}

/** The family lives in one of these regions (dotted Kemendagri codes, any level). */
export interface RegionCondition {
  readonly op: 'region';
  readonly codes: readonly string[];
}

/**
 * The family appears on a program recipient list (by NIK or No KK) under one of these program
 * names, in a year from `yearFrom` to `yearTo` (both optional).
 */
export interface ReceivesCondition {
  readonly op: 'receives';
  readonly programs: readonly string[];
  readonly yearFrom?: number;
  readonly yearTo?: number;
}

export interface AndCondition {
  readonly op: 'and';
  readonly items: readonly Criterion[];
}
export interface OrCondition {
  readonly op: 'or';
  readonly items: readonly Criterion[];
}
export interface NotCondition {
  readonly op: 'not';
  readonly item: Criterion;
}

export type Criterion =
  | AttributeCondition | MembersCondition | RegionCondition | ReceivesCondition
  | AndCondition | OrCondition | NotCondition;

export type CriterionOp = Criterion['op'];

/** The empty tree: every family of the working province. */
export const ALL_FAMILIES: AndCondition = { op: 'and', items: [] };

const MAX_NODES = 200;
const MAX_DEPTH = 12;
const MAX_AGE = 150;

export class CriteriaError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function intOrUndefined(v: unknown, path: string, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new CriteriaError(path, `${what} harus bilangan bulat`);
  return v;
}

function codes(v: unknown, path: string, meta: AttributeMeta | null): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > 256) throw new CriteriaError(path, 'daftar nilai tidak sah');
  const out: number[] = [];
  for (const c of v) {
    if (typeof c !== 'number' || !Number.isInteger(c)) throw new CriteriaError(path, 'nilai harus kode bilangan bulat');
    if (meta && c !== MISSING_CODE && !meta.values.some((x) => x.code === c)) {
      throw new CriteriaError(path, `kode ${c} tidak dikenal untuk ${meta.id}`);
    }
    if (!out.includes(c)) out.push(c);
  }
  return out.sort((a, b) => a - b);
}

function range<T extends { values?: readonly number[]; min?: number; max?: number }>(node: T, path: string): void {
  if (node.values === undefined && node.min === undefined && node.max === undefined) {
    throw new CriteriaError(path, 'pilih sedikitnya satu nilai atau batas');
  }
  if (node.min !== undefined && node.max !== undefined && node.min > node.max) throw new CriteriaError(path, 'batas bawah melebihi batas atas');
}

/**
 * Check a criteria tree from the boundary (or a stored one) and return a clean copy: unknown keys
 * dropped, value lists sorted and de-duplicated. Throws CriteriaError with the path of the node.
 */
export function checkCriteria(raw: unknown): Criterion {
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): Criterion => {
    if (++nodes > MAX_NODES) throw new CriteriaError(path, `kriteria terlalu besar (lebih dari ${MAX_NODES} syarat)`);
    if (depth > MAX_DEPTH) throw new CriteriaError(path, 'kriteria terlalu dalam');
    if (!isObject(v)) throw new CriteriaError(path, 'syarat tidak sah');
    switch (v['op']) {
      case 'and':
      case 'or': {
        const items = v['items'];
        if (!Array.isArray(items)) throw new CriteriaError(path, 'kelompok syarat tanpa daftar');
        return { op: v['op'], items: items.map((x, i) => walk(x, `${path}.${i}`, depth + 1)) };
      }
      case 'not':
        return { op: 'not', item: walk(v['item'], `${path}.not`, depth + 1) };
      case 'attr': {
        const key = v['attribute'];
        const meta = typeof key === 'string' ? attributeMeta(key) : undefined;
        if (!meta || meta.level !== 'family') throw new CriteriaError(path, `atribut keluarga tidak dikenal: ${String(key)}`);
        const node: AttributeCondition = {
          op: 'attr',
          attribute: meta.key,
          ...optional('values', codes(v['values'], path, meta)),
          ...optional('min', intOrUndefined(v['min'], path, 'batas bawah')),
          ...optional('max', intOrUndefined(v['max'], path, 'batas atas')),
        };
        if ((node.min !== undefined || node.max !== undefined) && !meta.ordered) throw new CriteriaError(path, `${meta.id} tidak berurutan; pilih nilainya`);
        range(node, path);
        return node;
      }
      case 'members': {
        const where = v['where'];
        if (!Array.isArray(where) || where.length > 10) throw new CriteriaError(path, 'syarat anggota tidak sah');
        const conds = where.map((w, i) => memberCondition(w, `${path}.where.${i}`));
        const atLeast = intOrUndefined(v['atLeast'], path, 'jumlah anggota') ?? 1;
        const atMost = intOrUndefined(v['atMost'], path, 'jumlah anggota');
        if (atLeast < 0 || (atMost !== undefined && atMost < atLeast)) throw new CriteriaError(path, 'jumlah anggota tidak sah');
        return { op: 'members', where: conds, atLeast, ...optional('atMost', atMost) };
      }
      case 'region': {
        const list = v['codes'];
        if (!Array.isArray(list) || list.length === 0 || list.length > 5000) throw new CriteriaError(path, 'pilih sedikitnya satu wilayah');
        const out: string[] = [];
        for (const c of list) {
          if (typeof c !== 'string' || !/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(c)) throw new CriteriaError(path, `kode wilayah tidak sah: ${String(c)}`);
          if (!out.includes(c)) out.push(c);
        }
        return { op: 'region', codes: out.sort() };
      }
      case 'receives': {
        const list = v['programs'];
        if (!Array.isArray(list) || list.length === 0 || list.length > 100) throw new CriteriaError(path, 'pilih sedikitnya satu program');
        const programs: string[] = [];
        for (const p of list) {
          if (typeof p !== 'string' || p.trim() === '' || p.length > 200) throw new CriteriaError(path, 'nama program tidak sah');
          if (!programs.includes(p.trim())) programs.push(p.trim());
        }
        const yearFrom = intOrUndefined(v['yearFrom'], path, 'tahun');
        const yearTo = intOrUndefined(v['yearTo'], path, 'tahun');
        if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) throw new CriteriaError(path, 'tahun awal melebihi tahun akhir');
        return { op: 'receives', programs, ...optional('yearFrom', yearFrom), ...optional('yearTo', yearTo) };
      }
      default:
        throw new CriteriaError(path, `jenis syarat tidak dikenal: ${String(v['op'])}`);
    }
  };
  return raw === undefined || raw === null ? ALL_FAMILIES : walk(raw, 'kriteria', 0);
}

function memberCondition(v: unknown, path: string): MemberCondition {
  if (!isObject(v)) throw new CriteriaError(path, 'syarat anggota tidak sah');
  const key = v['attribute'];
  if (key === MEMBER_AGE) {
    const min = intOrUndefined(v['min'], path, 'umur');
    const max = intOrUndefined(v['max'], path, 'umur');
    const node: MemberCondition = { attribute: MEMBER_AGE, ...optional('min', min), ...optional('max', max) };
    range(node, path);
    if ((min ?? 0) < 0 || (max ?? 0) > MAX_AGE) throw new CriteriaError(path, 'umur di luar 0–150');
    return node;
  }
  const meta = typeof key === 'string' ? attributeMeta(key) : undefined;
  if (!meta || meta.level !== 'person') throw new CriteriaError(path, `atribut anggota tidak dikenal: ${String(key)}`);
  const node: MemberCondition = {
    attribute: meta.key,
    ...optional('values', codes(v['values'], path, meta)),
    ...optional('min', intOrUndefined(v['min'], path, 'batas bawah')),
    ...optional('max', intOrUndefined(v['max'], path, 'batas atas')),
  };
  range(node, path);
  return node;
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

// ── in words ─────────────────────────────────────────────────────────────────────────────────

export interface DescribeContext {
  readonly lang: 'id' | 'en';
  /** Region names by code (the UI and the warehouse both know them). */
  regionName?(code: string): string | undefined;
}

const W = {
  id: { and: 'DAN', or: 'ATAU', not: 'BUKAN', all: 'semua keluarga di provinsi kerja', between: 'antara', from: 'sedikitnya', to: 'paling banyak', members: 'anggota', atLeast: 'sedikitnya', atMost: 'paling banyak', age: 'umur', years: 'tahun', region: 'tinggal di', receives: 'tercatat menerima', inYears: 'tahun', withMember: 'memiliki', whose: 'yang', none: 'tidak ada anggota' },
  en: { and: 'AND', or: 'OR', not: 'NOT', all: 'every family in the working province', between: 'between', from: 'at least', to: 'at most', members: 'members', atLeast: 'at least', atMost: 'at most', age: 'age', years: 'years', region: 'lives in', receives: 'listed as receiving', inYears: 'years', withMember: 'has', whose: 'who are', none: 'no members' },
} as const;

function rangeWords(lang: 'id' | 'en', meta: AttributeMeta | null, node: { values?: readonly number[]; min?: number; max?: number }, unit = ''): string {
  const w = W[lang];
  const label = (c: number): string => (meta ? valueLabel(meta, c, lang) : String(c));
  const parts: string[] = [];
  if (node.values) parts.push(node.values.map(label).join(', '));
  const u = unit ? ` ${unit}` : '';
  if (node.min !== undefined && node.max !== undefined) parts.push(`${w.between} ${label(node.min)} – ${label(node.max)}${u}`);
  else if (node.min !== undefined) parts.push(`${w.from} ${label(node.min)}${u}`);
  else if (node.max !== undefined) parts.push(`${w.to} ${label(node.max)}${u}`);
  return parts.join('; ');
}

function memberWords(ctx: DescribeContext, c: MemberCondition): string {
  const w = W[ctx.lang];
  if (c.attribute === MEMBER_AGE) {
    if (c.min !== undefined && c.max !== undefined) return `${w.age} ${c.min}–${c.max} ${w.years}`;
    if (c.min !== undefined) return `${w.age} ≥ ${c.min} ${w.years}`;
    return `${w.age} ≤ ${c.max ?? 0} ${w.years}`;
  }
  const meta = attributeMeta(c.attribute) as AttributeMeta;
  return `${meta[ctx.lang]}: ${rangeWords(ctx.lang, meta, c)}`;
}

/** One line of words for a condition (groups in brackets). */
export function describeCriterion(ctx: DescribeContext, c: Criterion): string {
  const w = W[ctx.lang];
  switch (c.op) {
    case 'and':
    case 'or': {
      if (c.items.length === 0) return c.op === 'and' ? w.all : '—';
      const inner = c.items.map((x) => {
        const s = describeCriterion(ctx, x);
        return x.op === 'and' || x.op === 'or' ? `(${s})` : s;
      });
      return inner.join(` ${c.op === 'and' ? w.and : w.or} `);
    }
    case 'not': {
      const s = describeCriterion(ctx, c.item);
      return `${w.not} (${s})`;
    }
    case 'attr': {
      const meta = attributeMeta(c.attribute) as AttributeMeta;
      return `${meta[ctx.lang]}: ${rangeWords(ctx.lang, meta, c)}`;
    }
    case 'members': {
      const count = c.atMost !== undefined
        ? (c.atLeast === c.atMost ? `${c.atLeast}` : `${c.atLeast}–${c.atMost}`)
        : `${w.atLeast} ${c.atLeast}`;
      const where = c.where.length === 0 ? '' : ` ${w.whose} ${c.where.map((x) => memberWords(ctx, x)).join(` ${w.and} `)}`;
      if (c.atMost === 0) return `${w.none}${where}`;
      return `${w.withMember} ${count} ${w.members}${where}`;
    }
    case 'region':
      return `${w.region} ${c.codes.map((code) => {
        const name = ctx.regionName?.(code);
        return name ? `${name} (${code})` : code;
      }).join(', ')}`;
    case 'receives': {
      const years = c.yearFrom !== undefined || c.yearTo !== undefined
        ? ` (${w.inYears} ${c.yearFrom ?? '…'}–${c.yearTo ?? '…'})`
        : '';
      return `${w.receives} ${c.programs.join(', ')}${years}`;
    }
  }
}

/** Every attribute key the tree uses (family and member), for checks and the method sheet. */
export function criteriaAttributes(c: Criterion, out = new Set<string>()): Set<string> {
  switch (c.op) {
    case 'and':
    case 'or':
      for (const x of c.items) criteriaAttributes(x, out);
      break;
    case 'not':
      criteriaAttributes(c.item, out);
      break;
    case 'attr':
      out.add(c.attribute);
      break;
    case 'members':
      for (const m of c.where) out.add(m.attribute);
      break;
    default:
      break;
  }
  return out;
}

/** The recipient program names the tree refers to. */
export function criteriaPrograms(c: Criterion, out = new Set<string>()): Set<string> {
  if (c.op === 'and' || c.op === 'or') for (const x of c.items) criteriaPrograms(x, out);
  else if (c.op === 'not') criteriaPrograms(c.item, out);
  else if (c.op === 'receives') for (const p of c.programs) out.add(p);
  return out;
}
