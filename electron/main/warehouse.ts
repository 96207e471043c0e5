import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { join } from 'node:path';

/**
 * The warehouse runs in a utilityProcess, off the main thread and killable. Each window gets its
 * own MessagePort to it; if the process dies, it is started again and windows are reconnected.
 */
export class WarehouseProcess {
  private child: UtilityProcess | null = null;
  private stopping = false;
  private readonly windows = new Set<WebContents>();
  private readonly entry: string;
  private readonly dbPath: string;

  constructor(mainDir: string, dbPath: string) {
    this.entry = join(mainDir, 'warehouse.js');
    this.dbPath = dbPath;
  }

  start(): void {
    const child = utilityProcess.fork(this.entry, ['--db', this.dbPath], { serviceName: 'Padu Warehouse', stdio: 'inherit' });
    child.on('exit', (code) => {
      this.child = null;
      if (this.stopping) return;
      console.error(`[main] warehouse exited (code ${code}); restarting`);
      this.start();
      for (const wc of this.windows) this.connect(wc);
    });
    this.child = child;
  }

  /** Hand a window a fresh port to the warehouse (on load and after reloads). */
  connect(contents: WebContents): void {
    if (!this.child) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('padu:warehouse-port', null, [port2]);
    if (!this.windows.has(contents)) {
      this.windows.add(contents);
      contents.once('destroyed', () => this.windows.delete(contents));
    }
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }
}
