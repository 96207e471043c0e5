/**
 * Labels → codes: Ya/Tidak → 1/0, Jenis Kelamin → 1/2, and a codebook's labels (housing, water,
 * sanitation, lighting, fuel …) → canonical category codes. `KOSONG`, `-` and empty → null.
 *
 * A column holds a handful of distinct spellings repeated over millions of rows, so each reader
 * memoises raw text → shared result: after the first few rows a cell costs one Map lookup.
 */
import type { Codebook } from '../model/codebook.ts';
import { codeOfLabel, labelKey } from '../model/codebook.ts';
import { cellResult, detach, EMPTY, isEmptyText, issueList, NO_ISSUES, rawText, trimCell } from './cell.ts';
import type { Normalized, RawCell } from './cell.ts';

const UNKNOWN_ISSUES = issueList('label_unknown');

/** Distinct spellings remembered per column; beyond it (free text mapped by mistake) no memo. */
const MEMO_LIMIT = 10_000;

export type LabelNormalizer = (raw: RawCell) => Normalized;

function unknown(raw: RawCell): Normalized {
  const text = rawText(raw) ?? '';
  return cellResult(null, UNKNOWN_ISSUES, trimCell(text));
}

/** A memoising reader over `lookup` (label text → code, undefined when unknown). */
function labelReader(lookup: (text: string) => number | undefined, numeric: (n: number) => number | undefined): LabelNormalizer {
  const memo = new Map<string, Normalized>();
  const byCode = new Map<number, Normalized>();
  const ok = (code: number): Normalized => {
    let r = byCode.get(code);
    if (!r) {
      r = cellResult(code, NO_ISSUES);
      byCode.set(code, r);
    }
    return r;
  };
  // The previous cell's text and result: neighbouring rows often repeat a label, and comparing
  // two short strings is cheaper than hashing one for the memo.
  let lastRaw: string | null = null;
  let lastOut: Normalized = EMPTY;
  return (raw: RawCell): Normalized => {
    if (typeof raw === 'string') {
      if (raw === lastRaw) return lastOut;
      const hit = memo.get(raw);
      if (hit) {
        lastRaw = raw;
        lastOut = hit;
        return hit;
      }
      // Kept in the memo: detached from the file's text (see `detach`).
      const text = detach(raw);
      const s = trimCell(text);
      let out: Normalized;
      if (isEmptyText(s)) out = EMPTY;
      else {
        const code = lookup(s);
        out = code === undefined ? unknown(text) : ok(code);
      }
      if (memo.size < MEMO_LIMIT) memo.set(text, out);
      return out;
    }
    if (raw === null || raw === undefined) return EMPTY;
    if (typeof raw === 'number') {
      const code = numeric(raw);
      return code === undefined ? unknown(raw) : ok(code);
    }
    return ok(raw ? 1 : 0);
  };
}

const YES_NO_LABELS: ReadonlyMap<string, number> = new Map(
  [
    ...['YA', 'Y', 'YES', 'ADA', 'BENAR', 'TRUE', '1', 'V', '✓', 'PENERIMA'].map((l) => [l, 1] as const),
    ...['TIDAK', 'T', 'TDK', 'TIDAK ADA', 'BUKAN', 'N', 'NO', 'SALAH', 'FALSE', '0', 'BUKAN PENERIMA'].map((l) => [l, 0] as const),
  ].map(([l, c]) => [labelKey(l), c] as const),
);

/** A Ya/Tidak column: Ya/Y/1/True → 1, Tidak/T/0/False → 0 (a boolean cell too). */
export function yesNoNormalizer(): LabelNormalizer {
  return labelReader(
    (s) => YES_NO_LABELS.get(labelKey(s)),
    (n) => (n === 1 ? 1 : n === 0 ? 0 : undefined),
  );
}

const SEX_LABELS: ReadonlyMap<string, number> = new Map(
  [
    ...['L', 'LK', 'LAKI-LAKI', 'LAKI LAKI', 'LAKI', 'LAKI2', 'PRIA', 'M', 'MALE', '1'].map((l) => [l, 1] as const),
    ...['P', 'PR', 'PEREMPUAN', 'WANITA', 'F', 'FEMALE', '2'].map((l) => [l, 2] as const),
  ].map(([l, c]) => [labelKey(l), c] as const),
);

/** Jenis Kelamin: L/Laki-laki/Pria/1 → 1, P/Perempuan/Wanita/2 → 2. */
export function sexNormalizer(): LabelNormalizer {
  return labelReader(
    (s) => SEX_LABELS.get(labelKey(s)),
    (n) => (n === 1 || n === 2 ? n : undefined),
  );
}

/**
 * A codebook column. A numeric cell is looked up as its text: the codebooks that are coded
 * numerically in files (Ya/Tidak, sex) list the digits as labels; others (Regsosek's item codes)
 * differ from ours and must not be taken as our codes.
 */
export function categoryNormalizer(codebook: Codebook): LabelNormalizer {
  return labelReader(
    (s) => codeOfLabel(codebook, s),
    (n) => codeOfLabel(codebook, String(n)),
  );
}

const categoryReaders = new WeakMap<Codebook, LabelNormalizer>();
let yesNoReader: LabelNormalizer | null = null;
let sexReader: LabelNormalizer | null = null;

/** One-off forms; the readers they use are shared and memoised per codebook. */
export function normalizeCategory(raw: RawCell, codebook: Codebook): Normalized {
  let r = categoryReaders.get(codebook);
  if (!r) {
    r = categoryNormalizer(codebook);
    categoryReaders.set(codebook, r);
  }
  return r(raw);
}

export function normalizeYesNo(raw: RawCell): Normalized {
  yesNoReader ??= yesNoNormalizer();
  return yesNoReader(raw);
}

export function normalizeSex(raw: RawCell): Normalized {
  sexReader ??= sexNormalizer();
  return sexReader(raw);
}
