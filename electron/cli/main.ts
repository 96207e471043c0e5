/**
 * `npx padu <command>`: the headless command line over the same warehouse code the app uses.
 * Every command prints a readable summary in Bahasa Indonesia, or JSON with --json.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArgsOf, Method, ResultOf } from '../../shared/contracts/index.ts';
import { DEMO_DEFAULTS } from '../../shared/contracts/demo.ts';
import type { WarehouseInfo } from '../../shared/contracts/system.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import { normalizeRegionCode } from '../../shared/model/region.ts';
import type { SourceKind } from '../../shared/model/source.ts';
import { openWarehouse, type Warehouse } from '../warehouse/server.ts';
import { CliError, intOption, option, parseArgs, requireOption, type ParsedArgs } from './args.ts';
import { serveCommand } from './serve.ts';
import { demoFilesCommand } from './demo.ts';
import { batchesCommand, crosswalkCommand, importCommand, rejectsCommand } from './import.ts';
import { crosstabCommand } from './crosstab.ts';
import { auditCommand, listCommand, programCommand } from './lists.ts';
import { linkCommand, linkEvalCommand } from './link.ts';
import { boundariesCommand } from './boundaries.ts';

const HELP = `Padu — gudang data kemiskinan untuk Bappeda (baris perintah)

Pemakaian: npx padu <perintah> [opsi] [--json]

Perintah:
  init     --db FILE --province KODE        buat/buka gudang data dan pilih provinsi kerja
  info     --db FILE                        provinsi kerja, jumlah wilayah, batch data
  demo     --out DIR [--province 53] [--families N] [--seed S] [--formats csv,xlsx]
           [--noise nameVariant=0.1,nikMissing=0.02,...]
                                            tulis berkas contoh sintetis (P3KE, DTKS, DTSEN, program, indikator)
                                            beserta kebenaran dasarnya (ground-truth.json, truth-*.csv, faults.csv)
  demo     --db FILE [--families N] [--seed S]
                                            simpan data contoh langsung ke gudang data
  regions  children KODE | path KODE | search TEKS | normalize KODE   (--db FILE)
  import   --db FILE --source p3ke-keluarga|p3ke-individu|dtks|dtsen-keluarga|dtsen-individu|penerima-program|indikator BERKAS
           [--sheet NAMA|--all-sheets] [--vintage TEKS] [--label TEKS] [--program NAMA --year TAHUN] [--allow-duplicate]
                                            impor satu berkas (xlsx, xls, csv) sebagai satu batch, utuh atau tidak sama sekali
  batches  --db FILE                        daftar batch beserta asal-usulnya
  rejects  --db FILE --batch ID --out FILE.xlsx [--full-nik]
                                            tulis baris yang ditolak dan ditandai (NIK disamarkan kecuali --full-nik)
  crosswalk --db FILE BERKAS                muat tabel padanan kode BPS ↔ Kemendagri (csv/xlsx)
  crosstab --db FILE --rows provinsi|kabupaten|kecamatan|desa|1-4|ATRIBUT [--cols ATRIBUT] [--region KODE]
           [--filter "ATRIBUT in A,B"|"ATRIBUT not in A"|"ATRIBUT between A,B"]… [--source p3ke|dtsen|dtks]…
           [--batch ID]… [--measure families|persons] [--age-date YYYY-MM-DD]
           [--xlsx BERKAS.xlsx [--percent row|col|total] [--title TEKS]]
                                            tabulasi silang keluarga/jiwa; nilai filter berupa kode atau label
                                            (mis. --filter "jamban in Umum/bersama,Tidak ada/lainnya");
                                            atribut: desil, jamban, air_minum, lantai, umur, jk, sumber_data, …
  program  add --db FILE --file program.json   tambah program ke katalog (bentuk JSON: README, "Program")
  program  list --db FILE                   katalog program dan daftar terbarunya
  list     draft --db FILE --program ID [--quota N|--budget RP] [--level kecamatan|desa|kabupaten|none]
                                            susun (ulang) draf daftar sasaran program
  list     finalize --db FILE --list ID     kunci daftar (final); perubahan berikutnya menjadi versi baru
  list     export --db FILE --list ID --out BERKAS.xlsx [--full-nik] [--csv]
                                            tulis daftar untuk OPD (NIK/No KK disamarkan kecuali --full-nik)
  audit    --db FILE [--action A] [--limit N]
                                            log audit dan pemeriksaan rantai hash (kode keluar 2 bila rusak)
  link     --db FILE --a BATCH --b BATCH [--force]
                                            padu-padan dua batch (NIK, No KK + nama, desa + tahun lahir + kemiripan nama)
  link-eval --db FILE --run ID --truth BERKAS
                                            presisi dan recall satu run terhadap kebenaran dasar (truth-persons.csv generator,
                                            atau CSV berkepala a,b berisi pasangan kunci rekaman)
  boundaries import --db FILE [--level kabupaten|kecamatan|desa] BERKAS
                                            impor batas wilayah (GeoJSON, TopoJSON, Shapefile .zip) untuk peta
  boundaries list|unmatched --layer ID|delete --layer ID|export --layer ID [--out BERKAS.geojson]  (--db FILE)
  serve    [--db FILE] [--port N] [--no-open]
                                            jalankan host peramban lokal (127.0.0.1, dengan token)

Tanpa --db dipakai $PADU_DB atau ~/.padu/padu.db.
--json mencetak keluaran yang dapat dibaca mesin.`;

export function defaultDbPath(): string {
  return process.env['PADU_DB'] ?? join(homedir(), '.padu', 'padu.db');
}

function dbPath(args: ParsedArgs): string {
  return resolve(option(args, 'db') ?? defaultDbPath());
}

async function call<M extends Method>(wh: Warehouse, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const r = await wh.call(method, args);
  if (!r.ok) throw new CliError(r.error.message);
  return r.value as ResultOf<M>;
}

function print(args: ParsedArgs, json: unknown, text: string): void {
  process.stdout.write(args.flags.has('json') ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

/** What a batch's main count counts: DTKS counts households, program lists recipients. */
const UNIT: Record<SourceKind, string> = {
  p3ke_keluarga: 'keluarga',
  p3ke_individu: 'keluarga',
  dtks: 'rumah tangga',
  dtsen_keluarga: 'keluarga',
  dtsen_individu: 'keluarga',
  program: 'penerima',
  indicator: 'nilai',
};

function infoText(info: WarehouseInfo): string {
  const n = (v: number): string => formatNumber('id', v);
  const lines = [
    `Gudang data : ${info.dbPath} (skema v${info.schemaVersion})`,
    `Provinsi    : ${info.province ? `${info.province.name} (${info.province.code})` : '(belum dipilih)'}`,
    `Wilayah     : ${n(info.regencies)} kabupaten/kota, ${n(info.districts)} kecamatan, ${n(info.villages)} desa/kelurahan`,
    `Referensi   : ${info.regionSource ? `${info.regionSource.decree} (${info.regionSource.package} ${info.regionSource.packageVersion})` : '-'}`,
    `Batch data  : ${info.batches.length === 0 ? '(kosong)' : ''}`,
  ];
  for (const b of [...info.batches].sort((x, y) => x.id - y.id)) {
    const people = b.persons > 0 ? `, ${n(b.persons)} jiwa` : '';
    const count = b.source === 'indicator' || b.source === 'program' ? b.rowsLoaded : b.families;
    lines.push(`  #${b.id} ${b.label}: ${n(count)} ${UNIT[b.source]}${people} (${n(b.rowsLoaded)} baris, ${b.origin === 'demo' ? 'contoh' : 'impor'})`);
  }
  return lines.join('\n');
}

/** info JSON: the contract's WarehouseInfo, plus per-batch counts keyed for scripts. */
function infoJson(info: WarehouseInfo): unknown {
  return {
    ...info,
    province: info.province ? { code: info.province.code, name: info.province.name } : null,
    counts: Object.fromEntries(info.batches.map((b) => [b.id, { source: b.source, families: b.families, persons: b.persons, rows: b.rowsLoaded }])),
  };
}

async function withWarehouse<T>(args: ParsedArgs, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse(dbPath(args), { log: () => undefined });
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

async function regionsCommand(args: ParsedArgs): Promise<void> {
  const [, sub, value] = args.positionals;
  if (!sub || value === undefined) throw new CliError('Pemakaian: padu regions children|path|search|normalize NILAI');
  if (sub === 'normalize') {
    const code = normalizeRegionCode(value);
    print(args, { input: value, code }, code ?? `(bukan kode Kemendagri: ${value})`);
    return;
  }
  await withWarehouse(args, async (wh) => {
    if (sub === 'children') {
      const rows = await call(wh, 'reference.children', { code: value });
      print(args, rows, rows.map((r) => `${r.code}\t${r.name}`).join('\n'));
    } else if (sub === 'path') {
      const rows = await call(wh, 'reference.path', { code: value });
      print(args, rows, rows.map((r) => `${r.code}\t${r.name}`).join('\n'));
    } else if (sub === 'search') {
      const rows = await call(wh, 'reference.search', { query: value, limit: 50 });
      print(args, rows, rows.map((r) => `${r.code}\t${r.path.join(' › ')}`).join('\n'));
    } else {
      throw new CliError(`Subperintah regions tidak dikenal: ${sub}`);
    }
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    args = parseArgs(argv);
    const command = args.positionals[0];
    const a = args;
    switch (command) {
      case undefined:
      case 'help':
        process.stdout.write(`${HELP}\n`);
        return 0;
      case 'init': {
        const province = requireOption(a, 'province');
        const info = await withWarehouse(a, async (wh) => {
          await call(wh, 'settings.setWorkingProvince', { code: province });
          return call(wh, 'system.info', {});
        });
        print(a, infoJson(info), infoText(info));
        return 0;
      }
      case 'info': {
        const info = await withWarehouse(a, (wh) => call(wh, 'system.info', {}));
        print(a, infoJson(info), infoText(info));
        return 0;
      }
      case 'demo': {
        if (option(a, 'out') !== undefined) {
          await demoFilesCommand(a, print);
          return 0;
        }
        const result = await withWarehouse(a, async (wh) => {
          const province = option(a, 'province');
          if (province) await call(wh, 'settings.setWorkingProvince', { code: province });
          return call(wh, 'demo.create', {
            families: intOption(a, 'families', DEMO_DEFAULTS.families, DEMO_DEFAULTS.minFamilies, DEMO_DEFAULTS.maxFamilies),
            seed: intOption(a, 'seed', DEMO_DEFAULTS.seed, 0, 2 ** 31 - 1),
          });
        });
        print(
          a,
          result,
          `Data contoh tersimpan: ${formatNumber('id', result.families)} keluarga, ${formatNumber('id', result.persons)} jiwa, ` +
            `${result.batches.length} batch (${result.seconds} detik).`,
        );
        return 0;
      }
      case 'regions':
        await regionsCommand(a);
        return 0;
      case 'import':
        return await withWarehouse(a, (wh) => importCommand(a, wh, print));
      case 'batches':
        return await withWarehouse(a, (wh) => batchesCommand(a, wh, print));
      case 'rejects':
        return await withWarehouse(a, (wh) => rejectsCommand(a, wh, print));
      case 'crosswalk':
        return await withWarehouse(a, (wh) => crosswalkCommand(a, wh, print));
      case 'crosstab':
        return await withWarehouse(a, (wh) => crosstabCommand(a, wh, print));
      case 'program':
        return await withWarehouse(a, (wh) => programCommand(a, wh, print));
      case 'list':
        return await withWarehouse(a, (wh) => listCommand(a, wh, print));
      case 'audit':
        return await withWarehouse(a, (wh) => auditCommand(a, wh, print));
      case 'link':
        return await withWarehouse(a, (wh) => Promise.resolve(linkCommand(a, wh, print)));
      case 'link-eval':
        return await withWarehouse(a, (wh) => Promise.resolve(linkEvalCommand(a, wh, print)));
      case 'boundaries':
        return await withWarehouse(a, (wh) => boundariesCommand(a, wh, print));
      case 'serve':
        await serveCommand(a, dbPath(a));
        return 0;
      default:
        throw new CliError(`Perintah tidak dikenal: ${command}. Lihat "npx padu help".`);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (args?.flags.has('json')) process.stdout.write(`${JSON.stringify({ ok: false, error: msg })}\n`);
    process.stderr.write(`padu: ${msg}\n`);
    if (!(e instanceof CliError) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
