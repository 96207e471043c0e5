import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseInfo } from '../../shared/contracts/system.ts';
import type { WarehouseOutbound } from '../../shared/ipc/envelope.ts';
import { tempDir } from '../helpers/tmp.ts';

/** The Electron utilityProcess entry, driven as the main process drives it: one MessagePort per window. */
describe('warehouse utility-process entry', () => {
  const tmp = tempDir('utility');
  let worker: Worker;

  function connectWindow(): { port: MessagePort; next: (pred: (m: WarehouseOutbound) => boolean) => Promise<WarehouseOutbound> } {
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ data: { type: 'connect' }, port: port1 }, [port1]);
    const seen: WarehouseOutbound[] = [];
    const waiters: { pred: (m: WarehouseOutbound) => boolean; resolve: (m: WarehouseOutbound) => void }[] = [];
    port2.on('message', (m: WarehouseOutbound) => {
      const w = waiters.find((x) => x.pred(m));
      if (w) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      } else seen.push(m);
    });
    return {
      port: port2,
      next: (pred) =>
        new Promise((resolve) => {
          const i = seen.findIndex(pred);
          if (i >= 0) resolve(seen.splice(i, 1)[0] as WarehouseOutbound);
          else waiters.push({ pred, resolve });
        }),
    };
  }

  beforeAll(async () => {
    worker = new Worker(new URL('./fixtures/utility-shim.ts', import.meta.url), { argv: ['--db', join(tmp.dir, 'padu.db')] });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: { type?: string }) => {
        if (m.type === 'ready') resolve();
      });
    });
  });
  afterAll(async () => {
    await worker.terminate();
    tmp.cleanup();
  });

  it('answers each window on its own port and pushes events to every window', async () => {
    const a = connectWindow();
    const b = connectWindow();
    a.port.postMessage({ type: 'request', id: 1, method: 'system.info', args: {} });
    b.port.postMessage({ type: 'request', id: 1, method: 'reference.children', args: { code: '53' } });
    const ra = await a.next((m) => m.type === 'response' && m.id === 1);
    const rb = await b.next((m) => m.type === 'response' && m.id === 1);
    expect(ra.type === 'response' && ra.result.ok && (ra.result.value as WarehouseInfo).regencies).toBeGreaterThan(500);
    expect(rb.type === 'response' && rb.result.ok && (rb.result.value as unknown[]).length).toBe(22);

    a.port.postMessage({ type: 'request', id: 2, method: 'settings.setWorkingProvince', args: { code: '53' } });
    const eventA = await a.next((m) => m.type === 'event');
    const eventB = await b.next((m) => m.type === 'event');
    expect(eventA).toEqual({ type: 'event', name: 'data.changed', payload: { scopes: ['settings'] } });
    expect(eventB).toEqual(eventA);
    a.port.close();
    b.port.close();
  });

  it('ignores messages that are not requests and reports errors as data', async () => {
    const c = connectWindow();
    c.port.postMessage({ hello: 'world' });
    c.port.postMessage({ type: 'request', id: 9, method: 'no.such', args: {} });
    const r = await c.next((m) => m.type === 'response');
    expect(r.type === 'response' && r.id).toBe(9);
    expect(r.type === 'response' && !r.result.ok && r.result.error.kind).toBe('invalid_input');
    c.port.close();
  });
});
