import { resolve } from 'node:path';
import { formatNumber } from '../../shared/i18n/format.ts';
import { CliError, intOption, option, requireOption, type ParsedArgs } from './args.ts';

type Print = (args: ParsedArgs, json: unknown, text: string) => void;

/** `--noise nameVariant=0.1,nikMissing=0.02`: overrides of the generator's default fault rates. */
function parseNoise(raw: string | undefined, known: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (raw === undefined || raw.trim() === '') return out;
  for (const pair of raw.split(',')) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    if (!key || value === undefined || !known.includes(key)) {
      throw new CliError(`--noise: "${pair}" tidak dikenal. Kunci yang ada: ${known.join(', ')}.`);
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new CliError(`--noise: nilai ${key} harus angka ≥ 0 (diberikan: ${value}).`);
    out[key] = n;
  }
  return out;
}

/** `padu demo --out DIR …`: write the synthetic source files and their ground truth. */
export async function demoFilesCommand(args: ParsedArgs, print: Print): Promise<void> {
  const outDir = resolve(requireOption(args, 'out'));
  const province = option(args, 'province') ?? '53';
  if (!/^\d{2}$/.test(province)) throw new CliError(`--province harus kode provinsi dua digit (diberikan: ${province}).`);
  const formats = (option(args, 'formats') ?? 'csv,xlsx').split(',').map((f) => f.trim());
  for (const f of formats) if (f !== 'csv' && f !== 'xlsx') throw new CliError(`Format tidak dikenal: ${f} (pilih csv dan/atau xlsx).`);
  const json = args.flags.has('json');
  // Loaded on demand: the generator is large and only this command needs it.
  const { generateDemoFiles } = await import('../warehouse/demo/files.ts');
  const { DEFAULT_NOISE, resolveNoise } = await import('../warehouse/demo/noise.ts');
  const noise = parseNoise(option(args, 'noise'), Object.keys(DEFAULT_NOISE));
  try {
    resolveNoise(noise);
  } catch (e) {
    throw new CliError(`--noise tidak sah: ${e instanceof Error ? e.message : String(e)}`);
  }
  let lastPhase = '';
  const result = await generateDemoFiles({
    outDir,
    province,
    families: intOption(args, 'families', 20_000, 1, 5_000_000),
    seed: intOption(args, 'seed', 7, 0, 2 ** 31 - 1),
    formats: formats as ('csv' | 'xlsx')[],
    noise,
    onProgress: (p) => {
      if (json || p.phase === lastPhase) return;
      lastPhase = p.phase;
      process.stderr.write(`… ${p.phase}\n`);
    },
  });
  const lines = [
    `Berkas contoh ditulis ke ${result.outDir} dalam ${result.seconds.toFixed(1)} detik:`,
    ...result.files.map((f) => `  ${f.name.padEnd(28)} ${formatNumber('id', f.rows).padStart(12)} baris  ${formatNumber('id', Math.round(f.bytes / 1024)).padStart(10)} KB`),
    `Kebenaran dasar: ${result.truthPath}`,
    `${formatNumber('id', result.families)} keluarga P3KE, ${formatNumber('id', result.persons)} jiwa.`,
  ];
  print(args, result, lines.join('\n'));
}
