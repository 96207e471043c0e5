/**
 * The import progress line: while an import is being cancelled (its slices deleted), it says so
 * and the cancel button cannot be pressed again; while reading, it shows rows, speed and time left.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/contracts/events.ts';
import { JobProgress } from '../../renderer/src/features/import/JobProgress.tsx';

function html(progress: ImportProgress): string {
  return renderToStaticMarkup(createElement(JobProgress, { label: 'Kemajuan impor', progress, onCancel: () => undefined }));
}

const base = { jobId: 'j', rowsDone: 120_000, fraction: 0.4, rowsPerSecond: 60_000, etaSeconds: 3 } as const;

describe('JobProgress', () => {
  it('reading: rows, speed and time left, cancel enabled', () => {
    const out = html({ ...base, phase: 'reading' });
    expect(out).toContain('Membaca berkas');
    expect(out).toContain('sisa ± ');
    expect(out).toMatch(/<button type="button" class="btn btn-secondary">Batal<\/button>/);
  });

  it('cancelling: says the written rows are being removed, no time left, cancel disabled', () => {
    const out = html({ ...base, phase: 'cancelling' });
    expect(out).toContain('Membatalkan — menghapus baris yang sudah ditulis');
    expect(out).not.toContain('sisa ± ');
    expect(out).toMatch(/<button type="button" class="btn btn-secondary" disabled="">Batal<\/button>/);
  });
});
