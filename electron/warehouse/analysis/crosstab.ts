import type { Database } from 'better-sqlite3';
import { attributeMeta, DATASET_ATTRIBUTE, MISSING_CODE, valueLabel } from '../../../shared/analysis/attributes.ts';
import type {
  AttributeFilter, AxisItem, CrosstabDefinition, CrosstabResult, CrosstabSpec, DatasetInfo, RowGroup,
} from '../../../shared/contracts/analysis.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { REGION_LEVEL_NAMES } from '../../../shared/analysis/describe.ts';
import { currentLanguage } from '../context.ts';
import { SOURCE_LABEL, type Dataset } from './datasets.ts';
import { planCrosstab, runPlan, type AxisSlot, type Plan } from './engine.ts';
import type { RegionDict } from './region-dict.ts';

function datasetLabel(d: Dataset): string {
  const b = d.familyBatch;
  return b.vintage ? `${SOURCE_LABEL[d.source]} ${b.vintage}` : `${SOURCE_LABEL[d.source]} #${b.id}`;
}

function axisLabel(plan: Plan, dim: 'row' | 'col', slot: AxisSlot, lang: Language): string {
  const spec = plan.spec;
  const key = dim === 'row' ? (spec.rows.kind === 'attribute' ? spec.rows.key : null) : spec.cols;
  if (dim === 'row' && spec.rows.kind === 'region') {
    if (slot.code === MISSING_CODE) return lang === 'en' ? 'No region / outside the province' : 'Tanpa wilayah / di luar provinsi';
    return plan.dict.name(slot.code);
  }
  if (key === null) return lang === 'en' ? 'Total' : 'Jumlah';
  if (key === DATASET_ATTRIBUTE) return datasetLabel(plan.datasets[slot.code] as Dataset);
  const meta = attributeMeta(key);
  return meta ? valueLabel(meta, slot.code, lang) : slot.key;
}

function attributeName(key: string, lang: Language): string {
  if (key === DATASET_ATTRIBUTE) return lang === 'en' ? 'Data source' : 'Sumber data';
  const m = attributeMeta(key);
  return m ? m[lang] : key;
}

function describeFilter(f: AttributeFilter, plan: Plan, lang: Language): string {
  const name = attributeName(f.attribute, lang);
  const parts: string[] = [];
  if (f.values) {
    parts.push(
      f.values
        .map((v) => {
          if (f.attribute === DATASET_ATTRIBUTE) return plan.datasets[v] ? datasetLabel(plan.datasets[v]) : String(v);
          const m = attributeMeta(f.attribute);
          return m ? valueLabel(m, v, lang) : String(v);
        })
        .join(', '),
    );
  }
  if (f.min !== undefined || f.max !== undefined) {
    const m = attributeMeta(f.attribute);
    const lo = f.min !== undefined && m ? valueLabel(m, f.min, lang) : '…';
    const hi = f.max !== undefined && m ? valueLabel(m, f.max, lang) : '…';
    parts.push(`${lo} – ${hi}`);
  }
  const neg = f.exclude ? (lang === 'en' ? 'not ' : 'bukan ') : '';
  return `${name}: ${neg}${parts.join('; ')}`;
}

function datasetInfo(plan: Plan): DatasetInfo[] {
  return plan.perDataset.map((p) => {
    const total = p.cube.totalPersons();
    return {
      source: p.cube.source,
      familyBatch: p.cube.dataset.familyBatch,
      personBatch: p.cube.dataset.personBatch,
      families: p.cube.n,
      persons: total,
    };
  });
}

function describeBatch(d: DatasetInfo, lang: Language): string {
  const b = d.familyBatch;
  const file = b.fileName ? ` (${b.fileName})` : '';
  const head = `${SOURCE_LABEL[d.source]}: ${lang === 'en' ? 'batch' : 'batch'} #${b.id} “${b.label}”${file}, ${b.createdAt.slice(0, 10)}`;
  if (!d.personBatch || d.personBatch.id === b.id) return head;
  const pf = d.personBatch.fileName ? ` (${d.personBatch.fileName})` : '';
  return `${head}; ${lang === 'en' ? 'members from batch' : 'anggota dari batch'} #${d.personBatch.id}${pf}`;
}

export function describe(plan: Plan, datasets: readonly DatasetInfo[], lang: Language): { title: string; lines: string[] } {
  const spec = plan.spec;
  const rowName = spec.rows.kind === 'region' ? REGION_LEVEL_NAMES[lang][spec.rows.level] : attributeName(spec.rows.key, lang);
  const colName = spec.cols === null ? null : attributeName(spec.cols, lang);
  const scopeIdx = plan.scope[0];
  const scopeName = `${plan.dict.name(scopeIdx)} (${plan.dict.code(scopeIdx)})`;
  const measure = plan.personLevel || spec.measure === 'persons' ? (lang === 'en' ? 'People' : 'Jiwa') : (lang === 'en' ? 'Families' : 'Keluarga');
  const by = lang === 'en' ? 'by' : 'menurut';
  const title = `${measure} ${by} ${rowName}${colName ? ` × ${colName}` : ''} — ${plan.dict.name(scopeIdx)}`;
  const lines = [
    `${lang === 'en' ? 'Rows' : 'Baris'}: ${rowName}; ${lang === 'en' ? 'columns' : 'kolom'}: ${colName ?? (lang === 'en' ? 'total' : 'jumlah')}`,
    `${lang === 'en' ? 'Region' : 'Wilayah'}: ${scopeName}`,
    `${lang === 'en' ? 'Filters' : 'Filter'}: ${
      (spec.filters ?? []).length === 0 ? (lang === 'en' ? 'none' : 'tidak ada') : (spec.filters ?? []).map((f) => describeFilter(f, plan, lang)).join('; ')
    }`,
    ...datasets.map((d) => `${lang === 'en' ? 'Source' : 'Sumber'} — ${describeBatch(d, lang)}`),
  ];
  if (plan.personLevel) {
    lines.push(lang === 'en' ? 'Counted over members: a family counts in every cell one of its members falls in.' : 'Dihitung per anggota: satu keluarga terhitung di setiap sel yang memuat salah satu anggotanya.');
  }
  const ageUsed = [spec.rows.kind === 'attribute' ? spec.rows.key : '', spec.cols ?? '', ...(spec.filters ?? []).map((f) => f.attribute)].some(
    (k) => k === 'umur' || k === 'umur_kepala',
  );
  if (ageUsed) lines.push(`${lang === 'en' ? 'Ages as of' : 'Umur per tanggal'} ${plan.ageDate}`);
  return { title, lines };
}

function regionGroups(plan: Plan, dict: RegionDict, rows: AxisItem[], keep: number[], counts: ReturnType<typeof runPlan>, C: number): RowGroup[] {
  const spec = plan.spec;
  if (spec.rows.kind !== 'region') return [];
  const level = dict.levels[plan.rows.find((r) => r.code !== MISSING_CODE)?.code ?? 0] ?? 0;
  if (level < 3) return [];
  const scopeLevel = dict.levels[plan.scope[0]] as number;
  if (scopeLevel >= level - 1) return []; // one parent only: the total is the subtotal
  const anc = dict.ancestor[level - 1] as Int32Array;
  const groups: { key: string; label: string; fam: number[]; per: number[]; tf: number; tp: number }[] = [];
  const byParent = new Map<number, number>();
  keep.forEach((slot, outIndex) => {
    const s = plan.rows[slot] as AxisSlot;
    if (s.code === MISSING_CODE) return;
    const parent = anc[s.code] as number;
    let g = byParent.get(parent);
    if (g === undefined) {
      g = groups.length;
      byParent.set(parent, g);
      groups.push({ key: dict.code(parent), label: dict.name(parent), fam: new Array<number>(C).fill(0), per: new Array<number>(C).fill(0), tf: 0, tp: 0 });
    }
    const grp = groups[g] as (typeof groups)[number];
    for (let c = 0; c < C; c++) {
      grp.fam[c] = (grp.fam[c] as number) + (counts.fam[slot * plan.cols.length + (c)] as number);
      grp.per[c] = (grp.per[c] as number) + (counts.per[slot * plan.cols.length + (c)] as number);
    }
    grp.tf += counts.rowFam[slot] as number;
    grp.tp += counts.rowPer[slot] as number;
    rows[outIndex] = { ...(rows[outIndex] as AxisItem), group: g };
  });
  return groups.map((g) => ({ key: g.key, label: g.label, families: g.fam, persons: g.per, total: { families: g.tf, persons: g.tp } }));
}

/**
 * A cross-tab. Rows of a region level list every region of the scope (zeros included); the "no
 * data" row or column appears only when something falls in it. At member level the family
 * totals are distinct families (a family whose members fall in two cells counts in both).
 */
export function runCrosstab(db: Database, dbPath: string, spec: CrosstabSpec): CrosstabResult {
  const started = performance.now();
  const plan = planCrosstab(db, dbPath, spec);
  const counts = runPlan(plan);
  const lang = currentLanguage(db);
  const R = plan.rows.length;
  const C = plan.cols.length;
  const keepRows: number[] = [];
  for (let r = 0; r < R; r++) {
    const s = plan.rows[r] as AxisSlot;
    if (s.code === MISSING_CODE && counts.rowFam[r] === 0) continue;
    keepRows.push(r);
  }
  const keepCols: number[] = [];
  for (let c = 0; c < C; c++) {
    const s = plan.cols[c] as AxisSlot;
    if (s.code === MISSING_CODE && counts.colFam[c] === 0) continue;
    keepCols.push(c);
  }
  const rows: AxisItem[] = keepRows.map((r) => {
    const s = plan.rows[r] as AxisSlot;
    return { key: s.key, label: axisLabel(plan, 'row', s, lang) };
  });
  const cols: AxisItem[] = keepCols.map((c) => {
    const s = plan.cols[c] as AxisSlot;
    return { key: s.key, label: axisLabel(plan, 'col', s, lang) };
  });
  const families = keepRows.map((r) => keepCols.map((c) => counts.fam[r * C + c] as number));
  const persons = keepRows.map((r) => keepCols.map((c) => counts.per[r * C + c] as number));
  const groupsAll = regionGroups(plan, plan.dict, rows, keepRows, counts, C);
  const groups = groupsAll.map((g) => ({
    ...g,
    families: keepCols.map((c) => g.families[c] as number),
    persons: keepCols.map((c) => g.persons[c] as number),
  }));
  const datasets = datasetInfo(plan);
  const { title, lines } = describe(plan, datasets, lang);
  const scopeIdx = plan.scope[0];
  const definition: CrosstabDefinition = {
    spec: plan.spec,
    datasets,
    region: { code: plan.dict.code(scopeIdx), name: plan.dict.name(scopeIdx), level: plan.dict.levels[scopeIdx] as number },
    ageDate: plan.ageDate,
    description: lines,
    title,
  };
  return {
    definition,
    rows,
    cols,
    cells: { families, persons },
    rowTotals: { families: keepRows.map((r) => counts.rowFam[r] as number), persons: keepRows.map((r) => counts.rowPer[r] as number) },
    colTotals: { families: keepCols.map((c) => counts.colFam[c] as number), persons: keepCols.map((c) => counts.colPer[c] as number) },
    total: counts.total,
    groups,
    personLevel: plan.personLevel,
    ms: Math.round((performance.now() - started) * 100) / 100,
  };
}
