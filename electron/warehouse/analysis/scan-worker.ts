import { parentPort, workerData } from 'node:worker_threads';
import { runScan, type ScanJob } from './scan-kernel.ts';

/**
 * The second core's half of a cross-tab scan. The columns arrive as views of SharedArrayBuffers
 * (nothing copied); the result is written into shared counters and the waiting warehouse thread
 * is woken through `flag` (1 done, 2 failed).
 */
const port = parentPort;
if (port) {
  port.on('message', (msg: { readonly job: ScanJob; readonly flag: Int32Array }) => {
    try {
      runScan(msg.job);
      Atomics.store(msg.flag, 0, 1);
    } catch {
      Atomics.store(msg.flag, 0, 2);
    }
    Atomics.notify(msg.flag, 0);
  });
  const ready = (workerData as { readonly ready?: Int32Array } | null)?.ready;
  if (ready) Atomics.store(ready, 0, 1);
}
