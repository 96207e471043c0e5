/**
 * Names and free text: NBSP and other odd spaces become plain spaces, runs collapse, ends are
 * trimmed. Case, titles and spelling are left alone: Dukcapil matching is exact (DOMAIN.md §4),
 * so the stored name is what the file says, minus invisible spacing; matching normalises further
 * on its own copy. The caller keeps the original when `changed`.
 */
import { isEmptyText, issueList, NO_ISSUES, rawText } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';
import type { CellIssue } from './issues.ts';

export interface NormalizedText extends Normalized {
  readonly value: string | null;
  /** True when the stored text differs from the cell as read (keep the original then). */
  readonly changed: boolean;
}

/** A text result: the shape of `cellResult` plus `changed` (one shape for every text result). */
function textResult(value: string | null, issues: readonly CellIssue[], changed: boolean): NormalizedText {
  return { value, issues, unmapped: undefined, changed };
}

const CLEANED = issueList('name_cleaned');
const EMPTY_TEXT: NormalizedText = textResult(null, NO_ISSUES, false);
const EMPTY_CHANGED: NormalizedText = textResult(null, NO_ISSUES, true);

/** Whitespace to turn into a plain space: controls, NBSP, the U+2000 block, narrow NBSP, ideographic space. */
function isOddSpace(c: number): boolean {
  return c < 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Invisible characters to drop outright: zero-width space/joiners, BOM, soft hyphen. */
function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0xfeff || c === 0xad || c === 0x2060;
}

/** True when `s` needs no cleaning: no odd or invisible characters, no double, leading or trailing space. */
function isClean(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else {
      if (c < 32 || (c >= 0xa0 && (isOddSpace(c) || isInvisible(c)))) return false;
      prevSpace = false;
    }
  }
  return true;
}

/** The cleaned text (possibly empty). */
export function cleanSpaces(s: string): string {
  if (isClean(s)) return s;
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isInvisible(c)) continue;
    if (c === 32 || isOddSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += s.charAt(i);
  }
  return out;
}

function cleanText(raw: RawCell, flagInternal: boolean): NormalizedText {
  if (raw === null || raw === undefined) return EMPTY_TEXT;
  if (typeof raw !== 'string') {
    const s = rawText(raw) ?? '';
    return textResult(s, NO_ISSUES, false);
  }
  if (isClean(raw)) {
    if (raw.length === 0 || (raw.length <= 18 && isEmptyText(raw))) return raw.length === 0 ? EMPTY_TEXT : EMPTY_CHANGED;
    return textResult(raw, NO_ISSUES, false);
  }
  const cleaned = cleanSpaces(raw);
  if (isEmptyText(cleaned)) return EMPTY_CHANGED;
  // Trimming the ends is routine (padded exports); only spacing inside the text is worth a note.
  const internal = flagInternal && cleaned !== raw.trim();
  return textResult(cleaned, internal ? CLEANED : NO_ISSUES, true);
}

/** A person's name: spacing tidied, `name_cleaned` noted when NBSP or doubled spaces were inside. */
export function normalizeName(raw: RawCell): NormalizedText {
  return cleanText(raw, true);
}

/** Free text and region names: spacing tidied silently. */
export function normalizeText(raw: RawCell): NormalizedText {
  return cleanText(raw, false);
}
