/**
 * `padu crosstab`: a cross-tab from the command line, for scripts and for checking a number
 * without the app. Filters are written the way a planner says them ("jamban in Umum/bersama,Tidak
 * ada/lainnya", "desil between 1,4"); values are codes or the attribute's labels.
 */
import { resolve } from 'node:path';
import {
  ATTRIBUTES, attributeMeta, DATASET_ATTRIBUTE, MISSING_CODE, MISSING_LABEL, type AttributeMeta,
} from '../../shared/analysis/attributes.ts';
import {
  ANALYSIS_SOURCES, type AnalysisSource, type AttributeFilter, type CrosstabResult, type CrosstabSpec, type Measure,
  type PercentMode, type RowDimension,
} from '../../shared/contracts/analysis.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import { normalizeRegionCode } from '../../shared/model/region.ts';
import { SOURCE_LABEL, defaultSources, resolveDatasets, type Dataset } from '../warehouse/analysis/datasets.ts';
import { tableLines } from '../warehouse/analysis/export.ts';
import type { Warehouse } from '../warehouse/server.ts';
import { CliError, option, requireOption, type ParsedArgs } from './args.ts';

type Print = (args: ParsedArgs, json: unknown, text: string) => void;

const USAGE =
  'Pemakaian: padu crosstab --db FILE --rows TINGKAT|ATRIBUT [--cols ATRIBUT] [--region KODE] [--filter "ATRIBUT in A,B"]… ' +
  '[--source p3ke|dtsen|dtks]… [--batch ID]… [--measure families|persons] [--age-date YYYY-MM-DD] [--json] [--xlsx BERKAS [--percent row|col|total] [--title TEKS]]';

/** Region levels by the names planners use (and their numbers). */
const LEVELS: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  provinsi: 1, '1': 1,
  kabupaten: 2, kota: 2, 'kabupaten/kota': 2, '2': 2,
  kecamatan: 3, '3': 3,
  desa: 4, kelurahan: 4, 'desa/kelurahan': 4, '4': 4,
};

const MEASURES: Readonly<Record<string, Measure>> = { families: 'families', keluarga: 'families', persons: 'persons', jiwa: 'persons' };
const PERCENTS: Readonly<Record<string, PercentMode>> = { none: 'none', row: 'row', baris: 'row', col: 'col', kolom: 'col', total: 'total', jumlah: 'total' };

function attributeList(): string {
  return [...ATTRIBUTES.map((a) => a.key), DATASET_ATTRIBUTE].join(', ');
}

function checkAttribute(key: string, where: string): AttributeMeta | 'dataset' {
  if (key === DATASET_ATTRIBUTE) return 'dataset';
  const meta = attributeMeta(key);
  if (!meta) throw new CliError(`Atribut tidak dikenal di ${where}: "${key}". Pilihan: ${attributeList()}.`);
  return meta;
}

function parseRows(text: string): RowDimension {
  const level = LEVELS[text.trim().toLowerCase()];
  if (level !== undefined) return { kind: 'region', level };
  checkAttribute(text.trim(), '--rows');
  return { kind: 'attribute', key: text.trim() };
}

const fold = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Codes and labels one attribute accepts in a filter (label matching ignores case and spacing). */
interface ValueBook {
  readonly name: string;
  readonly codes: ReadonlySet<number>;
  readonly labels: ReadonlyMap<string, number>;
  readonly choices: string;
}

function valueBook(attr: AttributeMeta | 'dataset', datasets: readonly Dataset[]): ValueBook {
  const labels = new Map<string, number>();
  const codes = new Set<number>();
  const choices: string[] = [];
  if (attr === 'dataset') {
    // The dataset dimension's codes are positions in the cross-tab's universe.
    datasets.forEach((d, i) => {
      codes.add(i);
      labels.set(fold(d.source), i);
      labels.set(fold(SOURCE_LABEL[d.source]), i);
      if (d.familyBatch.vintage) labels.set(fold(`${SOURCE_LABEL[d.source]} ${d.familyBatch.vintage}`), i);
      choices.push(`${i} ${SOURCE_LABEL[d.source]}`);
    });
    return { name: DATASET_ATTRIBUTE, codes, labels, choices: choices.join(', ') };
  }
  for (const v of attr.values) {
    codes.add(v.code);
    labels.set(fold(v.id), v.code);
    labels.set(fold(v.en), v.code);
    choices.push(`${v.code} ${v.id}`);
  }
  codes.add(MISSING_CODE);
  labels.set(fold(MISSING_LABEL.id), MISSING_CODE);
  labels.set(fold(MISSING_LABEL.en), MISSING_CODE);
  choices.push(`${MISSING_CODE} ${MISSING_LABEL.id}`);
  return { name: attr.key, codes, labels, choices: choices.join(', ') };
}

function valueOf(book: ValueBook, text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) {
    const n = Number(t);
    return book.codes.has(n) ? n : undefined;
  }
  return book.labels.get(fold(t));
}

/**
 * Split a value list on commas, except commas inside a label ("Air permukaan (sungai, danau)"):
 * at each position the longest run of parts that names a value wins.
 */
function parseValues(book: ValueBook, list: string, filter: string): number[] {
  const parts = list.split(',');
  const out: number[] = [];
  for (let i = 0; i < parts.length; ) {
    let taken = 0;
    for (let j = parts.length; j > i; j--) {
      const v = valueOf(book, parts.slice(i, j).join(','));
      if (v !== undefined) {
        out.push(v);
        taken = j - i;
        break;
      }
    }
    if (taken === 0) {
      throw new CliError(`Nilai "${(parts[i] ?? '').trim()}" tidak dikenal untuk atribut ${book.name} (--filter "${filter}"). Pilihan: ${book.choices}.`);
    }
    i += taken;
  }
  return out;
}

const FILTER = /^\s*(\S+)\s+(not\s+in|in|not\s+between|between)\s+(.+?)\s*$/i;

export function parseFilter(text: string, datasets: readonly Dataset[]): AttributeFilter {
  const m = FILTER.exec(text);
  if (!m) throw new CliError(`--filter tidak dapat dibaca: "${text}". Bentuknya "ATRIBUT in A,B", "ATRIBUT not in A" atau "ATRIBUT between A,B".`);
  const key = m[1] ?? '';
  const op = (m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const attr = checkAttribute(key, '--filter');
  const book = valueBook(attr, datasets);
  const values = parseValues(book, m[3] ?? '', text);
  const exclude = op.startsWith('not');
  if (op.endsWith('between')) {
    if (attr === 'dataset' || !attr.ordered) throw new CliError(`"between" hanya untuk atribut berurutan (mis. desil, umur, pendidikan); ${key} tidak berurutan.`);
    const [min, max] = values;
    if (values.length !== 2 || min === undefined || max === undefined) throw new CliError(`"between" membutuhkan dua nilai: --filter "${key} between A,B".`);
    return { attribute: key, min: Math.min(min, max), max: Math.max(min, max), ...(exclude ? { exclude } : {}) };
  }
  return { attribute: key, values: [...new Set(values)], ...(exclude ? { exclude } : {}) };
}

function parseSources(args: ParsedArgs): AnalysisSource[] | undefined {
  const list = (args.options.get('source') ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (list.length === 0) return undefined;
  return list.map((s) => {
    const found = ANALYSIS_SOURCES.find((x) => x === s);
    if (!found) throw new CliError(`Sumber tidak dikenal: ${s}. Pilihan: ${ANALYSIS_SOURCES.join(', ')}.`);
    return found;
  });
}

function parseBatches(args: ParsedArgs): number[] {
  return (args.options.get('batch') ?? []).flatMap((s) => s.split(',')).map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--batch harus nomor batch, bukan "${s}".`);
    return n;
  });
}

/** The spec the options describe (checked again by the warehouse). */
export function crosstabSpec(args: ParsedArgs, wh: Warehouse): CrosstabSpec {
  const rows = parseRows(requireOption(args, 'rows'));
  const colsText = option(args, 'cols');
  const cols = colsText === undefined || colsText.trim() === '' ? null : colsText.trim();
  if (cols !== null) checkAttribute(cols, '--cols');
  const sources = parseSources(args);
  const batches = parseBatches(args);
  // Labels of the dataset dimension depend on which sources are loaded; the same rule as the engine.
  const datasets = resolveDatasets(wh.db, sources ?? defaultSources(wh.db), batches);
  const filters = (args.options.get('filter') ?? []).map((f) => parseFilter(f, datasets));
  const measureText = option(args, 'measure');
  const measure = measureText === undefined ? 'families' : MEASURES[measureText.trim().toLowerCase()];
  if (measure === undefined) throw new CliError(`--measure harus families (keluarga) atau persons (jiwa), bukan "${measureText ?? ''}".`);
  const regionText = option(args, 'region');
  const region = regionText === undefined ? undefined : (normalizeRegionCode(regionText) ?? regionText.trim());
  const ageDate = option(args, 'age-date');
  if (ageDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(ageDate)) throw new CliError(`--age-date harus tanggal YYYY-MM-DD, bukan "${ageDate}".`);
  return {
    rows,
    cols,
    filters,
    ...(sources ? { sources } : {}),
    ...(batches.length > 0 ? { batches } : {}),
    ...(region ? { region } : {}),
    ...(ageDate ? { ageDate } : {}),
    measure,
  };
}

/** The result with the chosen measure only, as scripts want it. */
export function crosstabJson(r: CrosstabResult, measure: Measure): Record<string, unknown> {
  return {
    measure,
    rows: r.rows.map((x) => x.label),
    cols: r.cols.map((x) => x.label),
    cells: r.cells[measure],
    rowTotals: r.rowTotals[measure],
    colTotals: r.colTotals[measure],
    total: r.total[measure],
    definition: {
      title: r.definition.title,
      description: r.definition.description,
      spec: r.definition.spec,
      region: r.definition.region,
      ageDate: r.definition.ageDate,
    },
    personLevel: r.personLevel,
    ms: r.ms,
  };
}

function fit(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

/** An aligned text table: labels left, numbers right, subtotals and the total row set apart. */
export function crosstabText(r: CrosstabResult, measure: Measure): string {
  const lines = tableLines(r, { subtotal: 'Subtotal', total: 'Jumlah' });
  const withTotal = r.definition.spec.cols !== null;
  const head = ['', ...r.cols.map((c) => c.label), ...(withTotal ? ['Jumlah'] : [])];
  const body = lines.map((l) => [l.label, ...l[measure].map((n) => formatNumber('id', n)), ...(withTotal ? [formatNumber('id', l.total[measure])] : [])]);
  const labelWidth = Math.min(40, Math.max(...body.map((b) => (b[0] ?? '').length), 6));
  const widths = head.map((h, c) => (c === 0 ? labelWidth : Math.min(24, Math.max(h.length, ...body.map((b) => (b[c] ?? '').length)))));
  const row = (cells: readonly string[]): string =>
    cells.map((s, c) => (c === 0 ? fit(s, labelWidth).padEnd(labelWidth) : fit(s, widths[c] ?? 8).padStart(widths[c] ?? 8))).join('  ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const out = [r.definition.title, ...r.definition.description.map((d) => `  ${d}`), `  Angka: ${measure === 'persons' ? 'jiwa' : 'keluarga'}`, '', row(head), rule];
  lines.forEach((l, i) => {
    if (l.kind === 'total') out.push(rule);
    out.push(row(body[i] ?? []));
    if (l.kind === 'subtotal') out.push('');
  });
  return out.join('\n');
}

export async function crosstabCommand(args: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  if (option(args, 'rows') === undefined) throw new CliError(`Opsi --rows wajib diisi. ${USAGE}`);
  const spec = crosstabSpec(args, wh);
  const r = await wh.call('analysis.crosstab', { spec });
  if (!r.ok) throw new CliError(r.error.message);
  const result = r.value as CrosstabResult;
  const measure = spec.measure ?? 'families';
  const out = option(args, 'xlsx');
  let written: string | null = null;
  if (out !== undefined) {
    const percentText = option(args, 'percent');
    const percent = percentText === undefined ? 'none' : PERCENTS[percentText.trim().toLowerCase()];
    if (percent === undefined) throw new CliError(`--percent harus row, col atau total, bukan "${percentText ?? ''}".`);
    const title = option(args, 'title');
    const e = await wh.call('analysis.export', { spec, percent, path: resolve(out), ...(title !== undefined ? { title } : {}) });
    if (!e.ok) throw new CliError(e.error.message);
    written = (e.value as { path: string }).path;
  }
  const json = { ...crosstabJson(result, measure), ...(written !== null ? { xlsx: written } : {}) };
  const text = crosstabText(result, measure) + (written !== null ? `\n\nTabel ditulis ke ${written}` : '');
  print(args, json, text);
  return 0;
}
