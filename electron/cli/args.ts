/** Minimal argv parsing: positionals, `--flag`, `--key value`, `--key=value`, repeatable keys. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'no-open', 'force', 'all-sheets', 'allow-duplicate', 'full-nik', 'csv']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (BOOLEAN_FLAGS.has(key) && eq < 0) {
      flags.add(key);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`Opsi --${key} membutuhkan nilai.`);
    const list = options.get(key) ?? [];
    list.push(value);
    options.set(key, list);
  }
  return { positionals, options, flags };
}

export class CliError extends Error {
  override readonly name = 'CliError';
}

export function option(args: ParsedArgs, key: string): string | undefined {
  return args.options.get(key)?.at(-1);
}

export function requireOption(args: ParsedArgs, key: string): string {
  const v = option(args, key);
  if (v === undefined || v === '') throw new CliError(`Opsi --${key} wajib diisi.`);
  return v;
}

export function intOption(args: ParsedArgs, key: string, fallback: number, min: number, max: number): number {
  const v = option(args, key);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/[_.]/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`Opsi --${key} harus bilangan bulat antara ${min} dan ${max} (diberikan: ${v}).`);
  return n;
}
