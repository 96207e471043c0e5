/**
 * `padu link` and `padu link-eval`: padu-padan between two batches from the command line, and its
 * precision and recall against a truth file (the generator's, or any CSV of record-key pairs).
 */
import { resolve } from 'node:path';
import { formatNumber } from '../../shared/i18n/format.ts';
import { evaluateRun } from '../warehouse/linkage/eval.ts';
import { linkBatches } from '../warehouse/linkage/run.ts';
import type { Warehouse } from '../warehouse/server.ts';
import { intOption, requireOption, type ParsedArgs } from './args.ts';

type Print = (args: ParsedArgs, json: unknown, text: string) => void;

function id(a: ParsedArgs, key: string): number {
  requireOption(a, key);
  return intOption(a, key, 0, 1, 2 ** 31 - 1);
}

export function linkCommand(a: ParsedArgs, wh: Warehouse, print: Print): number {
  const s = linkBatches(wh.db, { a: id(a, 'a'), b: id(a, 'b'), force: a.flags.has('force') });
  const methods = Object.entries(s.linked).map(([m, n]) => `${m} ${formatNumber('id', n)}`).join(', ') || '—';
  print(
    a,
    { runId: s.runId, linked: s.linked, review: s.review, onlyA: s.onlyA, onlyB: s.onlyB, conflicts: s.conflicts, seconds: s.seconds },
    `Padu-padan #${s.runId}${s.reused ? ' (hasil sebelumnya, belum ada keputusan baru)' : ''}: tertaut ${methods}; ` +
      `tinjauan ${formatNumber('id', s.review)}; hanya di A ${formatNumber('id', s.onlyA)}, hanya di B ${formatNumber('id', s.onlyB)}; ` +
      `konflik ${formatNumber('id', s.conflicts)} (${s.seconds} detik).`,
  );
  return 0;
}

export function linkEvalCommand(a: ParsedArgs, wh: Warehouse, print: Print): number {
  const e = evaluateRun(wh.db, id(a, 'run'), resolve(requireOption(a, 'truth')));
  print(
    a,
    e,
    `Presisi ${e.precision}, recall ${e.recall}, antrean tinjauan ${(e.review * 100).toFixed(2)}% ` +
      `(${formatNumber('id', e.correct)} benar dari ${formatNumber('id', e.autoLinks)} tautan otomatis; ${formatNumber('id', e.truePairs)} pasangan benar).`,
  );
  return 0;
}
