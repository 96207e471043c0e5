import type { Database } from 'better-sqlite3';
import type {
  CandidateRow, ConvergenceArgs, ConvergenceFamiliesArgs, ConvergenceProgram, ConvergenceResult,
} from '../../../shared/contracts/interventions.ts';
import { RECEIPT_PROGRAMS } from '../../../shared/model/codebook.ts';
import { maskNik } from '../../../shared/model/nik.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, pluck, sql } from '../db/sql.ts';
import { readSettings } from '../system/settings.ts';
import { coverageMask } from './coverage.ts';
import { listPrograms } from './programs.ts';
import { regionNames } from './lists.ts';
import { openUniverse, type Universe } from './universe.ts';

/**
 * Convergence (Inpres 4/2022 asks several programs to reach the same poorest families): for the
 * families of chosen desil in a region, how many programs reach each — the central programs the
 * poverty file itself flags (BPNT, PKH, BST, BPUM, Sembako), every program on the imported
 * recipient lists, and optionally the newest list of each catalogue program — per child region,
 * with the families reached by several programs of one strategy.
 */

const FLAG_STRATEGY: Readonly<Record<(typeof RECEIPT_PROGRAMS)[number], 1 | 2 | 3>> = { bpnt: 1, pkh: 1, bst: 1, bpum: 2, sembako: 1 };
const FLAG_LABEL: Readonly<Record<(typeof RECEIPT_PROGRAMS)[number], string>> = { bpnt: 'BPNT', pkh: 'PKH', bst: 'BST', bpum: 'BPUM', sembako: 'Sembako' };

interface Computed {
  readonly u: Universe;
  readonly scope: [number, number];
  readonly scopeCode: string;
  readonly base: Uint8Array;
  readonly programs: { meta: Omit<ConvergenceProgram, 'families'>; mask: Uint8Array }[];
  readonly key: string;
  readonly count: Uint8Array;
  readonly sameStrategy: Uint8Array;
}

const FLAG_AND_LIST = 'tanda + daftar penerima';

/** The last table computed: the families grid pages through it without recomputing. */
const lastComputed = new WeakMap<Database, Computed>();

function compute(db: Database, dbPath: string, args: ConvergenceArgs): Computed {
  const key = JSON.stringify([args.region ?? null, args.desil ?? null, args.yearFrom ?? null, args.yearTo ?? null, args.includeLists ?? false, args.source ?? null,
    pluck<string>(db, sql`SELECT group_concat(id || ':' || created_at) FROM batch WHERE status = 'complete'`)[0] ?? '',
    pluck<string>(db, sql`SELECT group_concat(id || ':' || drafted_at || ':' || status) FROM intervention_list`)[0] ?? '',
    pluck<string>(db, sql`SELECT (SELECT count(*) FROM list_change) || ':' || (SELECT count(*) || max(updated_at) FROM program)`)[0] ?? '']);
  const hit = lastComputed.get(db);
  if (hit && hit.key === key) return hit;
  const c = computeFresh(db, dbPath, args, key);
  lastComputed.set(db, c);
  return c;
}

function computeFresh(db: Database, dbPath: string, args: ConvergenceArgs, key: string): Computed {
  const province = readSettings(db).workingProvince;
  if (!province) fail(db, 'not_ready', 'error.provinceNotChosen');
  const u = openUniverse(db, dbPath, args.source ?? null, new Date().getFullYear());
  const scopeCode = args.region ?? province;
  const scope = u.dict.subtree(scopeCode);
  if (!scope) fail(db, 'invalid_input', 'error.unknownRegion', { code: scopeCode });
  const desil = args.desil && args.desil.length > 0 ? args.desil : [1];
  const n = u.cube.n;
  const region = u.cube.region();
  const dcodes = u.cube.familyCodes('desil');
  const wanted = new Uint8Array(129);
  for (const d of desil) if (Number.isInteger(d) && d >= 1 && d <= 10) wanted[d + 1] = 1;
  const base = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = region[i] as number;
    base[i] = r >= scope[0] && r <= scope[1] && wanted[(dcodes[i] as number) + 1] === 1 ? 1 : 0;
  }

  const catalogue = listPrograms(db);
  const strategyOfName = new Map<string, 1 | 2 | 3>();
  for (const p of catalogue) for (const name of p.recipientPrograms) strategyOfName.set(name.trim().toUpperCase(), p.strategy);
  const programs: Computed['programs'] = [];
  for (const f of RECEIPT_PROGRAMS) {
    const codes = u.cube.familyCodes(`penerima_${f}`);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = codes[i] === 1 ? 1 : 0;
    programs.push({ meta: { key: `flag:${f}`, label: FLAG_LABEL[f], strategy: FLAG_STRATEGY[f], kind: 'flag' }, mask });
  }
  const names = pluck<string>(db, sql`
    SELECT DISTINCT trim(r.program) FROM program_recipient r JOIN batch b ON b.id = r.batch_id AND b.status = 'complete'
    WHERE r.year IS NULL OR (r.year >= ${args.yearFrom ?? -1} AND r.year <= ${args.yearTo ?? 99999}) ORDER BY 1`);
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    // A list named like a flag (PKH, BPNT …) is the same program: one family reached once.
    const flag = programs.find((p) => p.meta.kind === 'flag' && p.meta.label.toUpperCase() === key);
    if (flag) {
      const m = coverageMask(u, [name], args.yearFrom ?? null, args.yearTo ?? null);
      for (let i = 0; i < n; i++) flag.mask[i] = (flag.mask[i] as number) | (m[i] as number);
      flag.meta = { ...flag.meta, label: `${flag.meta.label} (${FLAG_AND_LIST})` };
      continue;
    }
    programs.push({
      meta: { key: `recipients:${name}`, label: name, strategy: strategyOfName.get(key) ?? null, kind: 'recipients' },
      mask: coverageMask(u, [name], args.yearFrom ?? null, args.yearTo ?? null),
    });
  }
  if (args.includeLists) {
    for (const p of catalogue) {
      if (!p.latest || p.latest.units === 0) continue;
      const mask = new Uint8Array(n);
      for (const id of pluck<number>(db, sql`SELECT DISTINCT family_id FROM list_member WHERE list_id = ${p.latest.listId}`)) {
        const i = u.cube.indexOfId(id);
        if (i >= 0) mask[i] = 1;
      }
      programs.push({ meta: { key: `list:${p.id}`, label: `${p.name} ${p.year} (${p.latest.status === 'final' ? 'final' : 'draf'})`, strategy: p.strategy, kind: 'list' }, mask });
    }
  }
  const count = new Uint8Array(n);
  const perStrategy = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)];
  for (const p of programs) {
    const s = p.meta.strategy;
    const st = s !== null ? perStrategy[s - 1] : undefined;
    for (let i = 0; i < n; i++) {
      if (p.mask[i] === 1 && base[i] === 1) {
        if ((count[i] as number) < 255) count[i] = (count[i] as number) + 1;
        if (st && (st[i] as number) < 255) st[i] = (st[i] as number) + 1;
      }
    }
  }
  const sameStrategy = new Uint8Array(n);
  for (let i = 0; i < n; i++) sameStrategy[i] = (perStrategy[0]?.[i] ?? 0) >= 2 || (perStrategy[1]?.[i] ?? 0) >= 2 || (perStrategy[2]?.[i] ?? 0) >= 2 ? 1 : 0;
  return { u, scope, scopeCode, base, programs, count, sameStrategy, key };
}

function childLevel(u: Universe, scope: [number, number]): number {
  return Math.min(4, (u.dict.levels[scope[0]] as number) + 1);
}

export function convergenceTable(db: Database, dbPath: string, args: ConvergenceArgs): ConvergenceResult {
  const t0 = performance.now();
  const c = compute(db, dbPath, args);
  const { u, scope } = c;
  const level = childLevel(u, scope);
  const children = u.dict.atLevel(level, scope);
  const slot = new Map(children.map((ch, k) => [ch, k]));
  const anc = u.dict.ancestor[level] as Int32Array;
  const region = u.cube.region();
  const P = c.programs.length;
  const empty = (code: string, name: string): { code: string; name: string; families: number; byCount: [number, number, number, number]; sameStrategy: number; perProgram: number[] } =>
    ({ code, name, families: 0, byCount: [0, 0, 0, 0], sameStrategy: 0, perProgram: new Array<number>(P).fill(0) });
  const rows = children.map((ch) => empty(u.dict.code(ch), u.dict.name(ch)));
  const total = empty(c.scopeCode, u.dict.name(scope[0]));
  for (let i = 0; i < u.cube.n; i++) {
    if (c.base[i] !== 1) continue;
    const k = slot.get(anc[region[i] as number] ?? -1);
    const targets = k !== undefined ? [total, rows[k] as (typeof rows)[number]] : [total];
    const bucket = Math.min(3, c.count[i] as number);
    for (const t of targets) {
      t.families++;
      t.byCount[bucket] = (t.byCount[bucket] as number) + 1;
      t.sameStrategy += c.sameStrategy[i] as number;
    }
  }
  c.programs.forEach((p, j) => {
    for (let i = 0; i < u.cube.n; i++) {
      if (c.base[i] !== 1 || p.mask[i] !== 1) continue;
      total.perProgram[j] = (total.perProgram[j] as number) + 1;
      const k = slot.get(anc[region[i] as number] ?? -1);
      if (k !== undefined) (rows[k] as (typeof rows)[number]).perProgram[j] = ((rows[k] as (typeof rows)[number]).perProgram[j] as number) + 1;
    }
  });
  const en = currentLanguage(db) === 'en';
  const desil = (args.desil && args.desil.length > 0 ? args.desil : [1]).join(', ');
  const years = args.yearFrom !== undefined || args.yearTo !== undefined ? `${args.yearFrom ?? '…'}–${args.yearTo ?? '…'}` : (en ? 'all years' : 'semua tahun');
  const ds = u.dataset;
  return {
    region: { code: c.scopeCode, name: u.dict.name(scope[0]), level: u.dict.levels[scope[0]] as number },
    programs: c.programs.map((p, j) => ({ ...p.meta, families: total.perProgram[j] as number })),
    rows: rows,
    total: total,
    description: [
      en ? `Families of desil ${desil} in ${u.dict.name(scope[0])}, ${ds.source.toUpperCase()} batch #${ds.familyBatch.id} (${ds.familyBatch.label}).`
        : `Keluarga desil ${desil} di ${u.dict.name(scope[0])}, ${ds.source.toUpperCase()} batch #${ds.familyBatch.id} (${ds.familyBatch.label}).`,
      en ? `Programs: receipt flags in the poverty file (BPNT, PKH, BST, BPUM, Sembako) and the recipient lists (${years})${args.includeLists ? ', plus the newest list of each catalogue program' : ''}.`
        : `Program: tanda penerima dalam berkas kemiskinan (BPNT, PKH, BST, BPUM, Sembako) dan daftar penerima (${years})${args.includeLists ? ', ditambah daftar terbaru setiap program katalog' : ''}.`,
      en ? 'A recipient-list program without a catalogue program has no strategy and does not count towards "several of one strategy".'
        : 'Program daftar penerima yang tidak terkait program katalog tidak punya strategi dan tidak dihitung pada "beberapa program satu strategi".',
    ],
    ms: Math.round(performance.now() - t0),
  };
}

/** The families behind a convergence count, a page at a time (masked NIK/KK). */
export function convergenceFamilies(db: Database, dbPath: string, args: ConvergenceFamiliesArgs): { count: number; rows: CandidateRow[] } {
  const c = compute(db, dbPath, args);
  const { u } = c;
  const rowRange = u.dict.subtree(args.row);
  if (!rowRange) fail(db, 'invalid_input', 'error.unknownRegion', { code: args.row });
  const region = u.cube.region();
  const prog = args.bucket.includes(':') ? c.programs.find((p) => p.meta.key === args.bucket) : undefined;
  if (args.bucket.includes(':') && !prog) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'convergence.families', problem: 'bucket' });
  const hit: number[] = [];
  for (let i = 0; i < u.cube.n; i++) {
    if (c.base[i] !== 1) continue;
    const r = region[i] as number;
    if (r < rowRange[0] || r > rowRange[1]) continue;
    let ok: boolean;
    if (prog) ok = prog.mask[i] === 1;
    else if (args.bucket === 'same') ok = c.sameStrategy[i] === 1;
    else ok = Math.min(3, c.count[i] as number) === Number(args.bucket);
    if (ok) hit.push(i);
  }
  const start = Math.max(0, args.startRow);
  const page = hit.slice(start, Math.max(start, Math.min(hit.length, args.endRow, start + 1000)));
  const ids = page.map((i) => u.cube.ids[i] as number);
  const fams = all<{ id: number; region_code: string | null; source_id: string | null; kk: string | null; head_nik: string | null; head_name: string | null; desil: number | null }>(
    db, sql`SELECT id, region_code, source_id, kk, head_nik, head_name, desil FROM family WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const byId = new Map(fams.map((f) => [f.id, f]));
  const names = regionNames(db, [...new Set(fams.map((f) => f.region_code).filter((x): x is string => x !== null))]);
  return {
    count: hit.length,
    rows: ids.map((id) => {
      const f = byId.get(id);
      const nm = f?.region_code ? names.get(f.region_code) : undefined;
      return {
        familyId: id, personId: 0, regionCode: f?.region_code ?? null, desa: nm?.name ?? null, kecamatan: nm?.parent?.split(', ')[0] ?? null,
        idKeluarga: f?.source_id ?? null, noKk: f?.kk ? maskNik(f.kk) : null, nik: f?.head_nik ? maskNik(f.head_nik) : null, nama: f?.head_name ?? null,
        desil: f?.desil ?? null, inCriteria: true, covered: false, onList: false, score: null,
      };
    }),
  };
}
