/**
 * A tiny streaming tag scanner for the SpreadsheetML parts the readers need — not a general XML
 * parser. It finds tags with indexOf, skips comments, processing instructions and CDATA-free
 * markup in linear time (a flood of `<!--` costs one indexOf each, never a backtracking regex),
 * refuses DTDs outright, and decodes only the five predefined entities and numeric character
 * references: nothing else is ever expanded.
 */
import { SpreadsheetError } from './spreadsheet-error.ts';

export interface TagHandler {
  /** True while the handler wants the text between tags (inside `<v>` or `<t>`). */
  capturing: boolean;
  /**
   * A tag. `name` is the local name (prefix stripped); `closing` for `</x>`; `selfClosing` for
   * `<x/>`. The tag's source is `text.slice(start, end)` (from `<` to just past `>`).
   */
  tag(name: string, closing: boolean, selfClosing: boolean, text: string, start: number, end: number): void;
  /** Decoded text (or CDATA content) while capturing. */
  text(value: string): void;
}

export interface ScanLimits {
  /** Longest tag, comment or captured text run that may be pending across chunks. */
  readonly maxPendingChars: number;
  readonly part: string;
}

const SLASH = 47;
const BANG = 33;
const QMARK = 63;

/** Local name of the tag starting at `i` (just after `<` or `</`), and where it ends. */
function tagName(text: string, i: number, end: number): string {
  let j = i;
  let colon = -1;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 62 || c === SLASH || c === 9 || c === 10 || c === 13) break;
    if (c === 58) colon = j;
    j++;
  }
  return text.slice(colon === -1 ? i : colon + 1, j);
}

/**
 * Index of the `>` closing the tag that starts at `lt`, skipping `>` inside quoted values; -1 when
 * the tag is not complete yet. One pass over the tag's own characters, so a flood of tags costs
 * linear time (searching ahead for the next quote would rescan the buffer per tag).
 */
function tagEnd(text: string, lt: number): number {
  const n = text.length;
  let quote = 0;
  for (let i = lt + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 62) {
      return i;
    } else if (c === 34 || c === 39) {
      quote = c;
    }
  }
  return -1;
}

/**
 * Scan `text` from `pos`; returns where scanning stopped (the start of an incomplete construct,
 * to be retried with more text). `final` says no more text will come.
 */
export function scanXml(text: string, pos: number, final: boolean, h: TagHandler, limits: ScanLimits): number {
  const n = text.length;
  let p = pos;
  while (p < n) {
    const lt = text.indexOf('<', p);
    if (lt === -1) {
      if (!h.capturing) return n;
      if (final) {
        h.text(decodeXml(text.slice(p)));
        return n;
      }
      if (n - p > limits.maxPendingChars) throw tooLong(limits);
      return p;
    }
    if (h.capturing && lt > p) h.text(decodeXml(text.slice(p, lt)));
    p = lt;
    const c1 = text.charCodeAt(lt + 1);
    if (c1 === BANG) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) return pending(n, lt, final, limits);
        p = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) return pending(n, lt, final, limits);
        if (h.capturing) h.text(text.slice(lt + 9, end));
        p = end + 3;
        continue;
      }
      if (n - lt < 9 && !final) return lt;
      // A DTD could declare entities (billion laughs, external files): never read one.
      throw new SpreadsheetError('corrupt_xml', `Bagian ${limits.part} berisi deklarasi DTD yang tidak diizinkan di berkas Excel; berkas ditolak.`, { part: limits.part });
    }
    if (c1 === QMARK) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return pending(n, lt, final, limits);
      p = end + 2;
      continue;
    }
    if (Number.isNaN(c1)) return pending(n, lt, final, limits);
    const gt = tagEnd(text, lt);
    if (gt === -1) return pending(n, lt, final, limits);
    const closing = c1 === SLASH;
    const name = tagName(text, closing ? lt + 2 : lt + 1, gt);
    h.tag(name, closing, text.charCodeAt(gt - 1) === SLASH, text, lt, gt + 1);
    p = gt + 1;
  }
  return p;
}

function pending(n: number, at: number, final: boolean, limits: ScanLimits): number {
  if (final) throw new SpreadsheetError('corrupt_xml', `Bagian ${limits.part} berakhir di tengah tag: berkas rusak atau terpotong.`, { part: limits.part });
  if (n - at > limits.maxPendingChars) throw tooLong(limits);
  return at;
}

function tooLong(limits: ScanLimits): SpreadsheetError {
  return new SpreadsheetError('cell_too_long', `Bagian ${limits.part} berisi teks atau tag yang terlalu panjang (lebih dari ${limits.maxPendingChars} karakter).`, { part: limits.part });
}

/**
 * Values of the attributes `names` (matched on local names, so `r:id` matches `id`) in the tag
 * source `text.slice(start, end)`, entities decoded, written to `out` (undefined when absent).
 * One pass over the tag's characters: never searches past `end`, so hostile tags stay linear.
 */
export function readAttrs(text: string, start: number, end: number, names: readonly string[], out: (string | undefined)[]): void {
  for (let k = 0; k < names.length; k++) out[k] = undefined;
  let i = start + 1;
  // Skip the tag name.
  while (i < end && text.charCodeAt(i) > 32) i++;
  for (;;) {
    while (i < end && text.charCodeAt(i) <= 32) i++;
    const ks = i;
    let colon = -1;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 61 || c <= 32 || c === 47 || c === 62) break;
      if (c === 58) colon = i;
    }
    const ke = i;
    while (i < end && text.charCodeAt(i) <= 32) i++;
    if (i >= end || text.charCodeAt(i) !== 61 || ke === ks) return;
    i++;
    while (i < end && text.charCodeAt(i) <= 32) i++;
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return;
    const vs = i + 1;
    i = vs;
    while (i < end && text.charCodeAt(i) !== quote) i++;
    if (i >= end) return;
    const nameStart = colon === -1 ? ks : colon + 1;
    const len = ke - nameStart;
    for (let k = 0; k < names.length; k++) {
      const want = names[k] ?? '';
      if (want.length === len && text.startsWith(want, nameStart)) out[k] = decodeXml(text.slice(vs, i));
    }
    i++;
  }
}

const ONE: (string | undefined)[] = [undefined];

/** Value of one attribute (see readAttrs). */
export function attr(text: string, start: number, end: number, name: string): string | undefined {
  readAttrs(text, start, end, [name], ONE);
  return ONE[0];
}

const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Decode the five XML entities and `&#NNN;` / `&#xHH;`; anything else stays as written. */
export function decodeXml(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = s.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) break;
    const ent = s.slice(amp + 1, semi);
    let rep: string | undefined = NAMED.get(ent);
    if (rep === undefined && ent.charCodeAt(0) === 35) {
      const hex = ent.charCodeAt(1) === 120 || ent.charCodeAt(1) === 88;
      const digits = ent.slice(hex ? 2 : 1);
      if (digits !== '' && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const cp = Number.parseInt(digits, hex ? 16 : 10);
        if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) rep = String.fromCodePoint(cp);
      }
    }
    if (rep !== undefined) {
      out += s.slice(from, amp) + rep;
      from = semi + 1;
    }
    amp = s.indexOf('&', rep !== undefined ? semi + 1 : amp + 1);
  }
  return out + s.slice(from);
}

/** OOXML's own escape for characters XML cannot hold: `_x000D_` → CR (`_x005F_` escapes `_`). */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
