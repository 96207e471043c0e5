import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureRendererBuilt } from '../../electron/host/build.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { BenchContext, BenchSection } from './run.ts';
import { fmt } from './measure.ts';

/** Time from `padu serve` to the printed URL answering, on a fresh and on an existing warehouse. */
async function startOnce(ctx: BenchContext, dbPath: string): Promise<number> {
  const cli = join(ctx.root, 'electron', 'cli', 'padu.js');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--no-open', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  try {
    // The URL carries the token once; the host answers with a cookie and a redirect to the app.
    const first = await fetch(url, { redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await fetch(new URL('/', url), { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`host answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Reference: a bare node:http server in a fresh Node process, started and answering once. */
async function bareNodeServer(): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log(this.address().port)})"],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  await fetch(`http://127.0.0.1:${port}/`);
  const ms = performance.now() - started;
  child.kill();
  return ms;
}

export async function benchHostStartup(ctx: BenchContext): Promise<BenchSection> {
  // Build first so the timings below never include a renderer build.
  ensureRendererBuilt(ctx.root, ctx.log);
  const tmp = tempDir('bench-host');
  try {
    const db = join(tmp.dir, 'padu.db');
    ctx.log('host: first start (creates the warehouse and loads the region reference)');
    const first = await startOnce(ctx, db);
    const again: number[] = [];
    for (let i = 0; i < 3; i++) again.push(await startOnce(ctx, db));
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) bare.push(await bareNodeServer());
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    return {
      id: 'host',
      title: 'Browser host start-up (`npm run start:browser`)',
      markdown: [
        'From process start to the first authenticated page answered (renderer already built).',
        '',
        '| case | time |',
        '| --- | ---: |',
        `| first start, new warehouse (migrations + 91 k-region Kemendagri reference) | **${fmt(first / 1000, 2)} s** |`,
        `| start on an existing warehouse (median of 3) | **${fmt(median(again) / 1000, 2)} s** |`,
        `| reference: bare \`node:http\` server process answering once (median of 3) | ${fmt(median(bare) / 1000, 2)} s |`,
      ].join('\n'),
    };
  } finally {
    tmp.cleanup();
  }
}
