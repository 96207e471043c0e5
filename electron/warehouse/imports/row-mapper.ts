/**
 * One data row of a source file → the values of its warehouse row, its issues, and whether it is
 * rejected. Compiled once per import from the template and the confirmed mapping, then run on
 * every row (millions), so per-row work is a loop over the mapped columns with prepared readers.
 *
 * Storage of a row: the template fields that are table columns fill those columns; the other
 * template fields and every column the mapping leaves unmapped are kept in `extra` as
 * `{"fields": {key: value}, "columns": {header: text}}` — nothing in the file is lost. Header texts
 * are only ever keys of null-prototype objects, so `__proto__` is ordinary text.
 */
import type { FieldSpec, SourceTemplate } from '../../../shared/import/fields.ts';
import type { CellIssue, IssueKind, IssueParams } from '../../../shared/import/issues.ts';
import { ISSUE_KINDS } from '../../../shared/import/issues.ts';
import type { CellNormalizer, NormalizeContext, Normalized, RawCell } from '../../../shared/import/normalize.ts';
import { fieldNormalizer, rawText, regionNormalizer } from '../../../shared/import/normalize.ts';
import { normalizeRegionBps } from '../../../shared/import/normalize-region.ts';
import type { RegionNameIndex, RegionNames } from '../../../shared/import/region-names.ts';
import { DuplicateTracker, nikRowChecks } from '../../../shared/import/row-checks.ts';
import { isColumnField } from '../../../shared/import/templates/columns.ts';
import type { PlanConstants } from '../../../shared/contracts/imports.ts';
import { extraJson } from './extra-json.ts';

/** An issue placed in a row, compact for passing between threads: [column index or -1, kind, value, params]. */
export type RowIssue = readonly [number, IssueKind, string | null, IssueParams | null];

/** One row's result. `values` and `family` are the mapper's own arrays, valid until its next `map`. */
export interface MappedRow {
  /** Values for `MapperShape.columns`, in order. */
  readonly values: (string | number | null)[];
  /** The `extra` JSON, or null when there is nothing extra (without the family-level fields when `familyFields` is used). */
  readonly extra: string | null;
  /**
   * Person sources that build families: the family-level fields of the row as the inside of a JSON
   * object, or null (see `extra-json.ts`). The same string object as the previous row's when its
   * values are the same. Always null for other sources (their `extra` holds every field).
   */
  readonly familyFields: string | null;
  /** For person sources: the family row this person would head (`MapperShape.familyColumns`). */
  readonly family: (string | number | null)[] | null;
  /** Relation code (1 = head) for choosing a family's head; null when unknown. */
  readonly relation: number | null;
  readonly issues: readonly RowIssue[];
  readonly rejected: boolean;
  readonly warned: boolean;
}

export interface MapperShape {
  /** Table columns this mapping fills (besides batch_id, row_no, extra). */
  readonly columns: readonly string[];
  /** Family columns derived from person rows (person sources with a family id), else empty. */
  readonly familyColumns: readonly string[];
}

export interface MapperOptions {
  readonly template: SourceTemplate;
  /** Column display names (`columnNames` of the header row). */
  readonly columnNames: readonly string[];
  readonly mapping: readonly (string | null)[];
  readonly constants?: PlanConstants;
  readonly normalize: NormalizeContext;
  readonly regionNames: RegionNameIndex;
  /** BPS 10-digit code → dotted Kemendagri code. */
  readonly crosswalk: ReadonlyMap<string, string>;
  /** Expected rows, for sizing the duplicate tables. */
  readonly expectedRows?: number;
}

/** Person field → the family column it fills when a person source builds its families. */
const FAMILY_FROM_PERSON: ReadonlyMap<string, string> = new Map([
  ['family_source_id', 'source_id'],
  ['region_code', 'region_code'],
  ['kk', 'kk'],
  ['nik', 'head_nik'],
  ['name', 'head_name'],
  ['sex', 'head_sex'],
  ['birth_date', 'head_birth'],
  ['address', 'address'],
  ['desil', 'desil'],
  ['percentile', 'percentile'],
  ['padan', 'padan'],
  ['occupation', 'occupation'],
  ['education', 'education'],
  ['stunting_risk', 'stunting_risk'],
  ['rcv_bpnt', 'rcv_bpnt'],
  ['rcv_bpum', 'rcv_bpum'],
  ['rcv_bst', 'rcv_bst'],
  ['rcv_pkh', 'rcv_pkh'],
  ['rcv_sembako', 'rcv_sembako'],
]);

const REGION_NAME_FIELDS: Readonly<Record<string, keyof RegionNames>> = {
  province_name: 'province',
  regency_name: 'regency',
  district_name: 'district',
  village_name: 'village',
  region_name: 'any',
};

/** Fields whose value is a record's own id (unique within a batch). */
const UNIQUE_ID: Readonly<Record<string, string>> = { family: 'source_id', person: 'source_id' };
const NIK_FIELD = ['nik', 'head_nik'] as const;
const SEX_FIELD = ['sex', 'head_sex'] as const;
const BIRTH_FIELD = ['birth_date', 'head_birth'] as const;

interface Slot {
  readonly col: number;
  readonly field: FieldSpec;
  readonly read: CellNormalizer;
  /** Index in `values`, or -1 for an `extra` field. */
  readonly target: number;
  /** A region name field (used to place the row when it has no code). */
  readonly isName: boolean;
  /** `"key":` of the field in `extra` (field keys are the templates' snake_case keys). */
  readonly jsonKey: string;
  /** `,"key":` */
  readonly jsonKeyAfter: string;
}

const NO_ROW_ISSUES: readonly RowIssue[] = Object.freeze([]);

function nullObject(): Record<string, string | number> {
  return Object.create(null) as Record<string, string | number>;
}

export class RowMapper {
  readonly shape: MapperShape;
  private readonly slots: readonly Slot[];
  private readonly unknownCols: readonly number[];
  private readonly names: readonly string[];
  private readonly regionCol: number;
  private readonly regionTarget: number;
  private readonly bpsCol: number;
  private readonly nameCols: readonly { col: number; at: keyof RegionNames }[];
  private readonly familyFrom: readonly { valueIndex: number; extraKey: string | null }[];
  /** Per family column: the index in `values`, or else the slot whose `extra` field fills it (-1: none). */
  private readonly familyValue: Int32Array;
  private readonly familySlot: Int32Array;
  /** `"header":` per unknown column, when the headers can be written in order as they come; else null. */
  private readonly unknownKeys: readonly string[] | null;
  /** The `extra` field each slot wrote in the row being mapped (undefined: none). */
  private readonly fieldValues: (string | number | undefined)[];
  private readonly relationSlot: number;
  private readonly idSlot: number;
  private readonly nikSlot: number;
  private readonly sexSlot: number;
  private readonly birthSlot: number;
  private readonly constantValues: readonly { target: number; value: string | number }[];
  private readonly anyOf: readonly (readonly string[])[];
  private readonly anyOfColumns: string;
  private readonly anyOfSlots: readonly (readonly number[])[];
  private readonly results: (Normalized | null)[];
  /** Per slot, the result of each column text id met so far (see `map`). */
  private readonly known: (Normalized | undefined)[][];
  private readonly regionNames: RegionNameIndex;
  private readonly crosswalk: ReadonlyMap<string, string>;
  private readonly dups: DuplicateTracker;
  private readonly regionRequired: boolean;
  private readonly readRegionFallback: CellNormalizer;
  private readonly fieldJson: JsonColumns;
  private readonly columnJson: JsonColumns;
  private readonly values: (string | number | null)[];
  private readonly family: (string | number | null)[];
  /** Per slot: 1 when the field is family-level (kept once per family, see `extra-json.ts`). */
  private readonly familyLevel: Uint8Array;
  /** The family-level field values of the previous row (null: not yet seen). */
  private readonly familyLast: (string | number | undefined | null)[];
  private familyJson: string | null = null;
  /** The `extra` of rows mapped before, by the text ids of their `extra` cells (see `map`); null: off. */
  private extraMemo: ExtraNode | null = new ExtraNode();
  private readonly extraBudget = { entries: 0 };
  private extraTries = 0;
  private extraHits = 0;

  constructor(o: MapperOptions) {
    const t = o.template;
    const fieldsByKey = new Map(t.fields.map((f) => [f.key, f]));
    const columns: string[] = [];
    const slots: Slot[] = [];
    const unknown: number[] = [];
    const nameCols: { col: number; at: keyof RegionNames }[] = [];
    const used = new Set<string>();
    const level4 = t.table === 'family' || t.table === 'person';
    const regionRead = regionNormalizer({ province: o.normalize.province ?? null, ...(o.normalize.regionExists ? { exists: o.normalize.regionExists } : {}), ...(level4 ? { level: 4 } : {}) });
    this.readRegionFallback = regionRead;
    let regionCol = -1;
    let bpsCol = -1;
    const width = Math.max(o.columnNames.length, o.mapping.length);
    for (let col = 0; col < width; col++) {
      const key = o.mapping[col] ?? null;
      const field = key === null ? undefined : fieldsByKey.get(key);
      if (!field || used.has(field.key)) {
        if (col < o.columnNames.length) unknown.push(col);
        continue;
      }
      used.add(field.key);
      if (field.kind === 'region') regionCol = col;
      if (field.kind === 'region_bps') bpsCol = col;
      const at = REGION_NAME_FIELDS[field.key];
      if (at !== undefined) nameCols.push({ col, at });
      let target = -1;
      if (isColumnField(t, field.key)) {
        target = columns.length;
        columns.push(field.key);
      }
      const read = field.kind === 'region' ? regionRead : field.kind === 'region_bps' ? normalizeRegionBps : fieldNormalizer(field, o.normalize);
      slots.push({ col, field, read, target, isName: REGION_NAME_FIELDS[field.key] !== undefined, jsonKey: `${JSON.stringify(field.key)}:`, jsonKeyAfter: `,${JSON.stringify(field.key)}:` });
    }
    // Every table row has a region (placed from code, BPS code or names).
    let regionTarget = columns.indexOf('region_code');
    if (regionTarget < 0) {
      regionTarget = columns.length;
      columns.push('region_code');
    }
    // Constants fill fields without a column, or empty cells of their column.
    const constants: { target: number; value: string | number }[] = [];
    for (const [key, raw] of Object.entries(o.constants ?? {})) {
      if (raw === undefined || raw === '' || !isColumnField(t, key)) continue;
      let target = columns.indexOf(key);
      if (target < 0) {
        target = columns.length;
        columns.push(key);
      }
      const field = fieldsByKey.get(key);
      const value = field && (field.kind === 'year' || field.kind === 'integer') && /^\d+$/.test(raw) ? Number(raw) : raw;
      constants.push({ target, value });
      used.add(key);
    }
    this.constantValues = constants;
    this.regionRequired = t.table !== 'program_recipient';
    this.slots = slots;
    this.unknownCols = unknown;
    this.names = o.columnNames;
    this.regionCol = regionCol;
    this.regionTarget = regionTarget;
    this.bpsCol = bpsCol;
    this.nameCols = nameCols;
    this.regionNames = o.regionNames;
    this.crosswalk = o.crosswalk;
    this.dups = new DuplicateTracker(o.expectedRows);
    const slotOf = (keys: readonly string[]): number => slots.findIndex((s) => keys.includes(s.field.key));
    this.relationSlot = slotOf(['relation']);
    this.idSlot = UNIQUE_ID[t.table] ? slotOf([UNIQUE_ID[t.table] ?? '']) : -1;
    this.nikSlot = slotOf(NIK_FIELD);
    this.sexSlot = slotOf(SEX_FIELD);
    this.birthSlot = slotOf(BIRTH_FIELD);
    // Required groups (`requiredAnyOf`) a constant or a column must be able to fill.
    this.anyOf = (t.requiredAnyOf ?? []).filter((g) => !g.some((k) => k.endsWith('_name') || k === 'region_code'));
    this.anyOfColumns = this.anyOf.map((g) => g.map((k) => fieldsByKey.get(k)?.id ?? k).join(' / ')).join('; ');
    this.anyOfSlots = this.anyOf.map((g) => g.map((k) => slots.findIndex((x) => x.field.key === k)).filter((i) => i >= 0));
    this.results = new Array<Normalized | null>(slots.length).fill(null);
    this.known = slots.map(() => []);

    // Person sources with a family id build their family rows from the members.
    const familyColumns: string[] = [];
    const familyFrom: { valueIndex: number; extraKey: string | null }[] = [];
    if (t.table === 'person' && used.has('family_source_id')) {
      for (const [personKey, familyKey] of FAMILY_FROM_PERSON) {
        if (!used.has(personKey) && personKey !== 'region_code') continue;
        const valueIndex = columns.indexOf(personKey);
        familyColumns.push(familyKey);
        familyFrom.push(valueIndex >= 0 ? { valueIndex, extraKey: null } : { valueIndex: -1, extraKey: personKey });
      }
    }
    this.familyFrom = familyFrom;
    this.familyValue = Int32Array.from(familyFrom, (f) => f.valueIndex);
    this.familySlot = Int32Array.from(familyFrom, (f) => (f.extraKey === null ? -1 : slots.findIndex((x) => x.field.key === f.extraKey)));
    this.fieldValues = new Array<string | number | undefined>(slots.length).fill(undefined);
    // Fields kept in `extra` that describe the family rather than the member: region names and
    // the fields a family column is filled from.
    this.familyLevel = Uint8Array.from(slots, (x) => (familyFrom.length > 0 && x.target < 0 && (x.isName || FAMILY_FROM_PERSON.has(x.field.key)) ? 1 : 0));
    this.familyLast = new Array<string | number | undefined | null>(slots.length).fill(null);
    // Object keys that look like array indexes are listed first, and a repeated header keeps one
    // entry: such headers go through an object as before; the usual ones are written directly.
    const headers = unknown.map((col) => o.columnNames[col] ?? `Kolom ${col + 1}`);
    const plain = new Set(headers).size === headers.length && headers.every((h) => !/^\d+$/.test(h));
    this.unknownKeys = plain ? headers.map((h) => `${JSON.stringify(h)}:`) : null;
    this.fieldJson = new JsonColumns(slots.length);
    this.columnJson = new JsonColumns(unknown.length);
    this.shape = { columns, familyColumns };
    this.values = new Array<string | number | null>(columns.length).fill(null);
    this.family = new Array<string | number | null>(familyFrom.length).fill(null);
  }

  /** The mapped columns' field keys by column index (for previews). */
  fieldOfColumn(col: number): string | null {
    return this.slots.find((s) => s.col === col)?.field.key ?? null;
  }

  /**
   * Map one data row. `sheet` labels duplicates found on other sheets. `ids` (from `at`) are the
   * CSV reader's column text ids (`CsvRow`): a cell whose text was read before in its column
   * gets the result made the first time (normalisers are pure functions of the cell).
   */
  map(cells: readonly RawCell[], row: number, sheet: string, ids: Int32Array | null = null, at = 0): MappedRow {
    // Refilled for every row (an array or two per row was a good part of the garbage).
    const values = this.values;
    values.fill(null);
    let issues: RowIssue[] | null = null;
    let fieldsJson = '';
    let extraCols: Record<string, string | number> | null = null;
    let colsJson = '';
    const fieldValues = this.fieldValues;
    // Reused between rows: nothing of it outlives this call.
    const results = this.results;
    const slots = this.slots;
    const familyLevel = this.familyLevel;
    const familyLast = this.familyLast;
    let familyChanged = false;
    let hasNames = false;

    const known = this.known;
    const width = cells.length;
    // A row's own `extra` depends only on the texts of the cells it is made from: when each has a
    // text id, the ids lead through `extraMemo` to the `extra` made the first time (rows of a
    // household mostly repeat a few combinations), else it is written out below.
    let node = ids === null ? null : this.extraMemo;
    const memo = node !== null;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s] as Slot;
      const raw = cells[slot.col];
      let out: Normalized;
      const id = ids !== null && slot.col < width ? (ids[at + slot.col] as number) : -1;
      if (id >= 0) {
        const seen = known[s] as (Normalized | undefined)[];
        const hit = seen[id];
        if (hit === undefined) {
          out = slot.read(raw);
          // Filled up to the id first: an array written far past its end turns into a slow dictionary.
          while (seen.length < id) seen.push(undefined);
          seen[id] = out;
        } else out = hit;
      } else out = slot.read(raw);
      results[s] = out;
      if (out.issues.length > 0) {
        issues ??= [];
        for (const i of out.issues) issues.push(place(slot.col, i, raw));
      }
      const v = out.value;
      let field: string | number | undefined = undefined;
      if (slot.target >= 0) values[slot.target] = v;
      else if (v !== null && v !== '') field = v;
      if (out.unmapped !== undefined) field = out.unmapped;
      fieldValues[s] = field;
      if (familyLevel[s] === 1) {
        if (field !== familyLast[s]) {
          familyLast[s] = field;
          familyChanged = true;
        }
      } else if (node !== null) {
        // One step a slot: 0 when it adds nothing, else its text id + 1 (none: no memo for the row).
        const key = field === undefined ? 0 : id >= 0 ? id + 1 : -1;
        node = key >= 0 ? node.next(key, this.extraBudget) : null;
      }
      if (slot.isName && v !== null && v !== '') hasNames = true;
    }
    const unknownCols = this.unknownCols;
    if (node !== null) {
      for (let u = 0; u < unknownCols.length && node !== null; u++) {
        const col = unknownCols[u] as number;
        const id = col < width ? ((ids as Int32Array)[at + col] as number) : -1;
        const raw = cells[col];
        const key = id >= 0 ? id + 1 : raw === null || raw === undefined || raw === '' ? 0 : -1;
        node = key >= 0 ? node.next(key, this.extraBudget) : null;
      }
    }
    let extra: string | null | undefined = node?.extra;
    if (memo) {
      this.extraTries++;
      if (extra !== undefined) this.extraHits++;
      // Files whose rows seldom repeat (an `extra` cell of names or numbers) stop using the memo.
      if (this.extraTries === MEMO_TRIAL && this.extraHits * MEMO_RATE < this.extraTries) this.extraMemo = null;
    }
    if (extra === undefined) {
      for (let s = 0; s < slots.length; s++) {
        const field = fieldValues[s];
        if (familyLevel[s] === 0 && field !== undefined) fieldsJson += ((fieldsJson === '' ? slots[s]?.jsonKey : slots[s]?.jsonKeyAfter) ?? '') + this.fieldJson.of(s, field);
      }
      const unknownKeys = this.unknownKeys;
      for (let u = 0; u < unknownCols.length; u++) {
        const col = unknownCols[u] as number;
        const raw = cells[col];
        if (raw === null || raw === undefined || raw === '') continue;
        const text = rawText(raw);
        if (text === null || text.trim() === '') continue;
        const value = typeof raw === 'number' ? raw : text;
        if (unknownKeys !== null) colsJson += (colsJson === '' ? '' : ',') + (unknownKeys[u] ?? '') + this.columnJson.of(u, value);
        else (extraCols ??= nullObject())[this.names[col] ?? `Kolom ${col + 1}`] = value;
      }
      if (extraCols !== null) colsJson = columnsJson(extraCols);
      extra = fieldsJson === '' && colsJson === '' ? null : extraJson(fieldsJson, colsJson);
      if (node !== null) {
        extra = extra === null ? null : flatCopy(extra);
        node.extra = extra;
      }
    }
    for (const c of this.constantValues) if (values[c.target] === null) values[c.target] = c.value;

    const regionIssues: RowIssue[] = [];
    this.placeRegion(cells, values, hasNames, regionIssues);
    if (regionIssues.length > 0) (issues ??= []).push(...regionIssues);

    // A row must identify someone: NIK, No KK or a name (recipient lists).
    for (const group of this.anyOfSlots) {
      if (!group.some((s) => (results[s]?.value ?? null) !== null)) (issues ??= []).push([-1, 'required_missing', null, { column: this.anyOfColumns }]);
    }

    // NIK against the row's sex and birth date.
    if (this.nikSlot >= 0) {
      const nik = results[this.nikSlot] ?? null;
      const nikText = nik && typeof nik.value === 'string' ? nik.value : null;
      if (nikText !== null) {
        const sex = this.sexSlot >= 0 ? (results[this.sexSlot]?.value ?? null) : null;
        const birth = this.birthSlot >= 0 ? (results[this.birthSlot]?.value ?? null) : null;
        for (const ri of nikRowChecks(nikText, typeof sex === 'number' ? sex : null, typeof birth === 'string' ? birth : null)) {
          const slot = slots[ri.field === 'sex' ? this.sexSlot : this.birthSlot];
          if (slot) (issues ??= []).push(place(slot.col, ri.issue, cells[slot.col]));
        }
      }
      const dup = this.dups.seeNik(nik, row, sheet);
      if (dup) {
        const slot = slots[this.nikSlot] as Slot;
        (issues ??= []).push(place(slot.col, dup, cells[slot.col]));
      }
    }
    if (this.idSlot >= 0) {
      const idOut = results[this.idSlot];
      const id = idOut && typeof idOut.value === 'string' ? idOut.value : null;
      const dup = this.dups.seeId(id, row, sheet);
      if (dup) {
        const slot = slots[this.idSlot] as Slot;
        (issues ??= []).push(place(slot.col, dup, cells[slot.col]));
      }
    }

    let rejected = false;
    let warned = false;
    if (issues !== null) {
      for (const i of issues) {
        const sev = ISSUE_KINDS[i[1]].severity;
        if (sev === 'error') rejected = true;
        else if (sev === 'warning') warned = true;
      }
    }

    let family: (string | number | null)[] | null = null;
    if (this.familyFrom.length > 0) {
      const n = this.familyFrom.length;
      family = this.family;
      for (let i = 0; i < n; i++) {
        const vi = this.familyValue[i] ?? -1;
        const si = this.familySlot[i] ?? -1;
        family[i] = vi >= 0 ? (values[vi] ?? null) : si >= 0 ? (fieldValues[si] ?? null) : null;
      }
    }
    // Rebuilt only when a value differs from the previous row's (members of a family repeat them).
    if (familyChanged) {
      let json = '';
      for (let s = 0; s < slots.length; s++) {
        const field = fieldValues[s];
        if (familyLevel[s] !== 1 || field === undefined) continue;
        const slot = slots[s] as Slot;
        json += (json === '' ? slot.jsonKey : slot.jsonKeyAfter) + this.fieldJson.of(s, field);
      }
      this.familyJson = json === '' ? null : json;
    }
    const rel = this.relationSlot >= 0 ? (results[this.relationSlot]?.value ?? null) : null;
    return {
      values,
      extra,
      familyFields: this.familyJson,
      family,
      relation: typeof rel === 'number' ? rel : null,
      issues: issues ?? NO_ROW_ISSUES,
      rejected,
      warned,
    };
  }

  /** The region names of the row just mapped (from the reused results). */
  private namesOfRow(): RegionNames {
    const names: { -readonly [K in keyof RegionNames]?: string } = {};
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s] as Slot;
      if (!slot.isName) continue;
      const v = this.results[s]?.value ?? null;
      const at = REGION_NAME_FIELDS[slot.field.key];
      if (at && typeof v === 'string' && v !== '') names[at] = v;
    }
    return names;
  }

  /** region_code from the code column, else the BPS code through the crosswalk, else the names. */
  private placeRegion(
    cells: readonly RawCell[],
    values: (string | number | null)[],
    hasNames: boolean,
    issues: RowIssue[],
  ): void {
    const fromCode = values[this.regionTarget] ?? null;
    if (this.regionCol >= 0 && fromCode !== null) return;
    if (this.regionCol >= 0) {
      // A code cell with a value that could not be read has already raised its error.
      const raw = cells[this.regionCol];
      if (raw !== null && raw !== undefined && rawText(raw)?.trim()) return;
    }
    if (this.bpsCol >= 0) {
      const raw = cells[this.bpsCol];
      const bps = normalizeRegionBps(raw);
      if (typeof bps.value === 'string') {
        const code = this.crosswalk.get(bps.value);
        if (code !== undefined) {
          const checked = this.readRegionFallback(code);
          values[this.regionTarget] = checked.value;
          for (const i of checked.issues) issues.push(place(this.bpsCol, i, raw));
          return;
        }
        issues.push(place(this.bpsCol, { kind: 'region_bps_no_crosswalk' }, raw));
      }
    }
    if (hasNames) {
      const placed = this.regionNames.place(this.namesOfRow());
      values[this.regionTarget] = placed.code;
      if (placed.issue) {
        const nc = this.nameCols.find((n) => n.at === placed.at);
        const col = nc?.col ?? -1;
        issues.push(place(col, placed.issue, col >= 0 ? cells[col] : null));
      }
      return;
    }
    if (this.regionRequired && !issues.some((i) => i[1] === 'region_bps_no_crosswalk')) issues.push([-1, 'region_missing', null, null]);
  }
}

/** Rows whose `extra` goes through the memo before it is judged… */
const MEMO_TRIAL = 4096;
/** …and the memo kept when at least one row in this many finds its `extra` there. */
const MEMO_RATE = 4;
/**
 * What the memo may hold, in child-array entries, a node counting as 8: ~8 MB at most. Counted by
 * entries, not nodes: a node's children are an array as long as its largest id, and a column of
 * thousands of texts under thousands of nodes would otherwise reach hundreds of megabytes.
 */
export const MEMO_ENTRIES = 1_000_000;
const NODE_ENTRIES = 8;

/** A step in `RowMapper.extraMemo`: children by text id, and the `extra` of the rows ending here. */
export class ExtraNode {
  private readonly kids: (ExtraNode | undefined)[] = [];
  /** The `extra` (null: none), undefined when not made yet. */
  extra: string | null | undefined = undefined;

  /** The child for text id `id`; null when it would take the memo past `MEMO_ENTRIES` (`budget.entries` so far). */
  next(id: number, budget: { entries: number }): ExtraNode | null {
    const kids = this.kids;
    const hit = kids[id];
    if (hit !== undefined) return hit;
    const cost = NODE_ENTRIES + Math.max(0, id + 1 - kids.length);
    if (budget.entries + cost > MEMO_ENTRIES) return null;
    budget.entries += cost;
    // Filled up to the id first: an array written far past its end turns into a slow dictionary.
    while (kids.length < id) kids.push(undefined);
    const made = new ExtraNode();
    kids[id] = made;
    return made;
  }
}

/**
 * A flat copy of a text built by concatenation (kept for many rows: writing a flat string into
 * the row buffers copies it, where a concatenation is walked piece by piece).
 */
function flatCopy(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return Buffer.from(s, 'utf16le').toString('utf16le');
  return Buffer.from(s, 'latin1').toString('latin1');
}

function place(col: number, issue: CellIssue, raw: RawCell): RowIssue {
  return [col, issue.kind, rawText(raw), issue.params ?? null];
}

/** The inside of `"columns":{…}` from an object (headers that need the object's key order). */
function columnsJson(columns: Record<string, string | number>): string {
  let out = '';
  for (const k in columns) out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${json(columns[k] as string | number)}`;
  return out;
}

function json(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return plainJsonText(v) ? `"${v}"` : JSON.stringify(v);
}

/** Text JSON writes as it is between quotes: no quote, backslash, control character or surrogate. */
function plainJsonText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * `json` remembering the last value per column: neighbouring rows mostly repeat a column's value
 * (the region names of a village, a family's address and flags), and comparing is cheaper than
 * escaping again. Only the last value is kept, so nothing outlives the next row but one string.
 */
class JsonColumns {
  private readonly last: (string | number | undefined)[];
  private readonly text: string[];

  constructor(n: number) {
    this.last = new Array<string | number | undefined>(n).fill(undefined);
    this.text = new Array<string>(n).fill('');
  }

  of(i: number, v: string | number): string {
    if (this.last[i] === v) return this.text[i] as string;
    const t = json(v);
    this.last[i] = v;
    this.text[i] = t;
    return t;
  }
}
