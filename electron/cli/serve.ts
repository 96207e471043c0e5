import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from '../host/browser-host.ts';
import { ensureRendererBuilt } from '../host/build.ts';
import { intOption, type ParsedArgs } from './args.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function openInBrowser(url: string): void {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);
  if (!hasDisplay || process.env['CI']) return;
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/** `padu serve`: the local browser host, until Ctrl+C. */
export async function serveCommand(args: ParsedArgs, dbPath: string): Promise<void> {
  const started = performance.now();
  const rendererDir = ensureRendererBuilt(ROOT, (l) => process.stderr.write(`${l}\n`));
  const host = await startBrowserHost({ dbPath, rendererDir: join(rendererDir), port: intOption(args, 'port', 0, 0, 65_535) });
  const ms = Math.round(performance.now() - started);
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, dbPath, startupMs: ms })}\n`);
  } else {
    process.stdout.write(
      `Padu siap (${ms} ms). Buka di peramban:\n\n  ${host.url}\n\nGudang data: ${dbPath}\nHanya dapat diakses dari komputer ini (127.0.0.1). Tekan Ctrl+C untuk berhenti.\n`,
    );
  }
  if (!args.flags.has('no-open')) openInBrowser(host.url);
  await new Promise<void>((done) => {
    const stop = (): void => {
      void host.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
