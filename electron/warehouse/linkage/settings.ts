/**
 * The two score thresholds of padu-padan, as warehouse settings (issue 7): at or above `accept` a
 * pair is linked automatically, between `review` and `accept` it waits in the review queue. A run
 * records the thresholds it used; a change makes the next run of the same batches run again.
 */
import type { Database } from 'better-sqlite3';
import type { LinkThresholds } from '../../../shared/contracts/linkage.ts';
import { formatNumber } from '../../../shared/i18n/format.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, sql } from '../db/sql.ts';
import { writeSetting } from '../system/settings.ts';
import { DEFAULT_MATCH } from './match.ts';

const KEYS = { accept: 'link_accept_score', review: 'link_review_score' } as const;

export function linkThresholds(db: Database): LinkThresholds {
  const rows = all<{ key: string; value: string }>(db, sql`SELECT key, value FROM setting WHERE key IN (${KEYS.accept}, ${KEYS.review})`);
  const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const accept = map.get(KEYS.accept);
  const review = map.get(KEYS.review);
  return {
    acceptScore: accept !== undefined && Number.isFinite(accept) ? accept : DEFAULT_MATCH.acceptScore,
    reviewScore: review !== undefined && Number.isFinite(review) ? review : DEFAULT_MATCH.reviewScore,
  };
}

export function setLinkThresholds(db: Database, args: LinkThresholds): LinkThresholds {
  const { acceptScore: accept, reviewScore: review } = args;
  const ok = typeof accept === 'number' && typeof review === 'number' && Number.isFinite(accept) && Number.isFinite(review)
    && review >= 0.5 && review < accept && accept <= 1;
  if (!ok) {
    const lang = currentLanguage(db);
    const show = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? formatNumber(lang, x, 2) : String(x));
    fail(db, 'invalid_input', 'error.linkThresholds', { review: show(review), accept: show(accept) });
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  db.transaction(() => {
    writeSetting(db, KEYS.accept, String(round(accept)));
    writeSetting(db, KEYS.review, String(round(review)));
  })();
  return linkThresholds(db);
}
