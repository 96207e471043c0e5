/**
 * `padu program add`, `padu list draft|finalize|export`, `padu audit`: intervention lists from the
 * command line, over the same warehouse methods the app calls.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArgsOf, Method, ResultOf } from '../../shared/contracts/index.ts';
import type { ProgramInput } from '../../shared/interventions/program.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import type { Warehouse } from '../warehouse/server.ts';
import { CliError, intOption, option, requireOption, type ParsedArgs } from './args.ts';

type Print = (args: ParsedArgs, json: unknown, text: string) => void;

async function call<M extends Method>(wh: Warehouse, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const r = await wh.call(method, args);
  if (!r.ok) throw new CliError(r.error.message);
  return r.value as ResultOf<M>;
}

function required(a: ParsedArgs, key: string): number {
  requireOption(a, key);
  return intOption(a, key, 0, 1, 2 ** 31 - 1);
}

export async function programCommand(a: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const sub = a.positionals[1];
  if (sub === 'add') {
    const file = requireOption(a, 'file');
    let program: unknown;
    try {
      program = JSON.parse(readFileSync(resolve(file), 'utf8'));
    } catch (e) {
      throw new CliError(`Berkas program ${file} tidak dapat dibaca sebagai JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const p = await call(wh, 'programs.save', { program: program as ProgramInput });
    print(a, { programId: p.id }, `Program #${p.id} tersimpan: ${p.name} (${p.opd}, ${p.year}).`);
    return 0;
  }
  if (sub === 'list') {
    const rows = await call(wh, 'programs.list', {});
    print(a, rows, rows.map((p) => `#${p.id}\t${p.year}\t${p.name}\t${p.opd}\t${p.latest ? `v${p.latest.version} ${p.latest.status} ${p.latest.units}` : '-'}`).join('\n') || '(belum ada program)');
    return 0;
  }
  throw new CliError('Pemakaian: padu program add --db F --file program.json [--json] | padu program list --db F');
}

export async function listCommand(a: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const sub = a.positionals[1];
  if (sub === 'draft') {
    const programId = required(a, 'program');
    const quota = option(a, 'quota');
    const budget = option(a, 'budget');
    const level = option(a, 'level');
    const d = await call(wh, 'lists.draft', {
      programId,
      ...(quota !== undefined ? { quota: intOption(a, 'quota', 0, 0, 10_000_000) } : {}),
      ...(budget !== undefined ? { budget: Number(budget.replace(/[_.]/g, '')) } : {}),
      ...(level !== undefined ? { level: level as 'none' | 'kabupaten' | 'kecamatan' | 'desa' } : {}),
    });
    const s = d.summary;
    const byDistrict = Object.fromEntries(d.byDistrict.map((x) => [x.code, { name: x.name, units: x.units, families: x.families }]));
    print(
      a,
      { listId: s.listId, version: s.version, status: s.status, units: s.units, families: s.families, target: s.target, eligible: s.eligible, covered: s.covered, candidates: s.candidates, cost: s.cost, byDistrict },
      `Daftar #${s.listId} (${s.programName} versi ${s.version}, ${s.status}): ${formatNumber('id', s.units)} ${s.unit === 'person' ? 'jiwa' : 'keluarga'} ` +
        `dari ${formatNumber('id', s.candidates)} calon (${formatNumber('id', s.eligible)} memenuhi kriteria, ${formatNumber('id', s.covered)} sudah menerima)` +
        `${s.cost !== null ? `, biaya Rp ${formatNumber('id', s.cost)}` : ''}; ${d.byDistrict.length} kecamatan.`,
    );
    return 0;
  }
  if (sub === 'finalize') {
    const s = await call(wh, 'lists.finalize', { listId: required(a, 'list') });
    print(a, s, `Daftar #${s.listId} (${s.programName} versi ${s.version}) final dan terkunci: ${formatNumber('id', s.units)} sasaran.`);
    return 0;
  }
  if (sub === 'export') {
    const out = requireOption(a, 'out');
    const csv = a.flags.has('csv') || out.toLowerCase().endsWith('.csv');
    const r = await call(wh, 'lists.export', { listId: required(a, 'list'), path: resolve(out), format: csv ? 'csv' : 'xlsx', fullNik: a.flags.has('full-nik') });
    print(a, r, `${r.fileName}: ${formatNumber('id', r.rows)} baris, NIK ${r.masked ? 'disamarkan' : 'LENGKAP'}, SHA-256 ${r.sha256} (${r.seconds} detik).`);
    return 0;
  }
  throw new CliError('Pemakaian: padu list draft --db F --program ID [--quota N|--budget RP] [--level kecamatan|desa|kabupaten|none] | list finalize --list ID | list export --list ID --out BERKAS.xlsx [--full-nik] [--csv]');
}

export async function auditCommand(a: ParsedArgs, wh: Warehouse, print: Print): Promise<number> {
  const verdict = await call(wh, 'audit.verify', {});
  const action = option(a, 'action');
  const page = await call(wh, 'audit.list', { startRow: 0, endRow: intOption(a, 'limit', 1000, 1, 1000), ...(action ? { action } : {}) });
  print(
    a,
    { verified: verdict.ok, entries: verdict.entries, brokenAt: verdict.brokenAt, problem: verdict.problem, message: verdict.message, rows: page.rows },
    `${verdict.ok ? 'Rantai hash sah' : 'RANTAI HASH RUSAK'}: ${verdict.message}\n` +
      page.rows.map((e) => `#${e.id}\t${e.at}\t${e.actor}\t${e.action}\t${JSON.stringify(e.detail)}`).join('\n'),
  );
  return verdict.ok ? 0 : 2;
}
