import { describe, expect, it } from 'vitest';
import { startWorkerJob, WorkerJobError } from '../../electron/warehouse/jobs/worker-job.ts';

const ENTRY = new URL('./fixtures/job-worker.ts', import.meta.url);

async function outcome(mode: string, limits = {}): Promise<{ progress: number[]; result?: unknown; error?: WorkerJobError }> {
  const progress: number[] = [];
  const job = startWorkerJob<{ mode: string }, number, unknown>(ENTRY, { mode }, (p) => progress.push(p), limits);
  try {
    return { progress, result: await job.result };
  } catch (e) {
    if (!(e instanceof WorkerJobError)) throw e;
    return { progress, error: e };
  }
}

describe('killable worker jobs', () => {
  it('relays progress in order and the result', async () => {
    expect(await outcome('ok')).toEqual({ progress: [1, 2, 3], result: { rows: 3 } });
  });

  it('ends a worker stuck in a loop at the time limit, with a message in Bahasa Indonesia', async () => {
    const r = await outcome('loop', { timeoutMs: 800 });
    expect(r.error?.kind).toBe('timeout');
    expect(r.error?.message).toContain('batas waktu');
  });

  it('ends a worker that eats memory at the heap limit', async () => {
    const r = await outcome('hog', { maxOldGenerationMb: 64, timeoutMs: 60_000 });
    expect(r.error?.kind).toBe('memory');
    expect(r.error?.message).toContain('64 MB');
  });

  it('reports a thrown error, a reported error and an abrupt exit', async () => {
    expect((await outcome('throw')).error).toMatchObject({ kind: 'failed', message: 'pembaca gagal' });
    expect((await outcome('error')).error).toMatchObject({ kind: 'failed', message: 'Berkas bukan xlsx yang sah.' });
    expect((await outcome('exit')).error?.kind).toBe('crashed');
  });

  it('cancels at once', async () => {
    const job = startWorkerJob<{ mode: string }, number, unknown>(ENTRY, { mode: 'loop' }, () => undefined, { timeoutMs: 60_000 });
    setTimeout(() => job.cancel(), 200);
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
