/** `--db PATH` or `--db=PATH` from a host's argv. */
export function dbPathFromArgv(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--db') {
      const next = argv[i + 1];
      if (next) return next;
    }
    if (a.startsWith('--db=')) return a.slice('--db='.length);
  }
  throw new Error('The warehouse process needs --db PATH');
}
