import { spawn } from 'node:child_process';

export interface Measured {
  readonly seconds: number;
  /** Peak resident set size of the child, in MB (from /usr/bin/time, or null when unavailable). */
  readonly peakMb: number | null;
  readonly stdout: string;
  /** Exit code (0 unless `allowFailure`) and the child's stderr, GNU time's line removed. */
  readonly code: number;
  readonly stderr: string;
}

/**
 * Run a command as a child process and measure wall time and peak RSS with GNU time when present,
 * so each figure is the whole process, not our own heap. A non-zero exit rejects, unless
 * `allowFailure` (then the figures of the failed run are returned with its code).
 */
export function measureCommand(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, options: { readonly allowFailure?: boolean } = {}): Promise<Measured> {
  const gnuTime = '/usr/bin/time';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const useTime = process.platform === 'linux';
    const child = useTime
      ? spawn(gnuTime, ['-f', '__PEAK_KB__%M', cmd, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 && !options.allowFailure) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`));
      const m = /__PEAK_KB__(\d+)/.exec(err);
      const stderr = err.replace(/^Command exited with non-zero status \d+\n/m, '').replace(/__PEAK_KB__\d+\n?/, '');
      resolve({ seconds, peakMb: m ? Math.round(Number(m[1]) / 1024) : null, stdout: out, code: code ?? 1, stderr });
    });
  });
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
