/**
 * Entry of the warehouse as an Electron utilityProcess. It talks to each window over its own
 * MessagePort (handed over by the main process) and never imports `electron`: the parent port is
 * reached through `process.parentPort`, typed here by the little of it we use.
 */
import { isRequestEnvelope } from '../../../shared/ipc/envelope.ts';
import type { WarehouseOutbound } from '../../../shared/ipc/envelope.ts';
import { openWarehouse } from '../server.ts';
import { setAnalysisWorkerDir } from '../analysis/scan-pool.ts';
import { setImportWorkerDir } from '../imports/run.ts';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbPathFromArgv } from './args.ts';

interface PortMessage {
  readonly data: unknown;
  readonly ports: readonly WindowPort[];
}

interface WindowPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: WarehouseOutbound): void;
  start(): void;
}

interface ParentPort {
  on(event: 'message', listener: (e: PortMessage) => void): void;
  postMessage(message: unknown): void;
}

// Bundled, this module is out/main/warehouse.js and the import workers sit beside it.
setImportWorkerDir(dirname(fileURLToPath(import.meta.url)));
setAnalysisWorkerDir(dirname(fileURLToPath(import.meta.url)));

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility.ts must run as an Electron utilityProcess');

const warehouse = await openWarehouse(dbPathFromArgv(process.argv));
const windows = new Set<WindowPort>();
warehouse.onEvent((event) => {
  for (const port of windows) port.postMessage(event);
});

parentPort.on('message', (e) => {
  const port = e.ports[0];
  if (!port) return;
  windows.add(port);
  port.on('message', (m) => {
    if (!isRequestEnvelope(m.data)) return;
    void warehouse.handle(m.data).then((response) => port.postMessage(response));
  });
  port.on('close', () => windows.delete(port));
  port.start();
});

process.on('exit', () => warehouse.close());
parentPort.postMessage({ type: 'ready' });
