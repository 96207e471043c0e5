import { parentPort, workerData } from 'node:worker_threads';
import { runScan, type ScanJob } from './scan-kernel.ts';
import { instantiateScanKernel, runWasm, type WasmCall } from './scan-wasm.ts';

/**
 * The second core's half of a cross-tab scan. Halves run in WebAssembly on the arena's memory,
 * handed over once at start with the compiled kernel (wasm-arena.ts, scan-wasm.ts): a half is a
 * few numbers. Halves the kernel cannot take arrive as JS jobs whose columns are views of shared
 * memory (nothing copied). The result is written into shared counters and the waiting warehouse
 * thread is woken through `flag` (1 done, 2 failed).
 */

/** A half to count: a JS job, or a range of a prepared WebAssembly job (scan-wasm.ts). */
export type ScanRequest =
  | { readonly job: ScanJob }
  | { readonly wasm: WasmCall; readonly from: number; readonly to: number; readonly acc: number; readonly tmp: number };

/** What the worker is posted: a half and the flag it sets and notifies when done. */
export type ScanMessage = ScanRequest & { readonly flag: Int32Array };

interface ScanWorkerData {
  /** [0] set to 1 once listening, [1] once the kernel is up. */
  readonly ready?: Int32Array;
  readonly wasm?: { readonly memory: WebAssembly.Memory; readonly module: WebAssembly.Module } | null;
}

const port = parentPort;
if (port) {
  const data = (workerData ?? {}) as ScanWorkerData;
  const kernel = data.wasm ? instantiateScanKernel(data.wasm.module, data.wasm.memory) : null;
  port.on('message', (msg: ScanMessage) => {
    try {
      if ('job' in msg) runScan(msg.job);
      else if (kernel) runWasm(kernel, msg.wasm, msg.from, msg.to, msg.acc, msg.tmp);
      else throw new Error('no WebAssembly kernel in the scan worker');
      Atomics.store(msg.flag, 0, 1);
    } catch {
      Atomics.store(msg.flag, 0, 2);
    }
    Atomics.notify(msg.flag, 0);
  });
  if (data.ready) {
    if (kernel) Atomics.store(data.ready, 1, 1);
    Atomics.store(data.ready, 0, 1);
  }
}
