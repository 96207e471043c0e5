/**
 * Building blocks of padu-padan (DOMAIN.md §4–5, issue 7): a name normaliser for matching, the
 * Jaro-Winkler similarity, a token-aware name similarity and birth-date agreement.
 *
 * Everything here is pure and runs per record or per candidate pair, i.e. millions of times in a
 * run: the hot functions (`jaroWinkler`, `nameSimilarity`) work on character codes and reuse
 * module-level buffers instead of allocating per call.
 *
 * The normalised name is for matching only, never for display or storage: Dukcapil matching is
 * exact, so the name a file carries is kept as written and the normaliser works on its own copy.
 */

// ---------------------------------------------------------------------------------------------
// Titles and honorifics
// ---------------------------------------------------------------------------------------------

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

/**
 * Titles removed wherever they stand as a token of their own. Written without dots or spaces:
 * `S.Pd.I`, `S. Pd. I` and `SPDI` all arrive here as `SPDI` (see `removeTitles`). Only words that
 * cannot be a personal name in Indonesia belong here; each was checked against the generator's
 * given and clan names (test/shared/linkage-names.test.ts).
 */
const TITLES_ANYWHERE: ReadonlySet<string> = new Set(words(`
  DRS DRA DR DRG DRH IR PROF APT NS
  SPD SPDI SPDSD SPDK SSOS SSOSI SKOM SKM SKEP SKED SAG STH SSI SSIT SSTP SPSI SHI SEI SIKOM
  SFARM SGZ SKG SHUT SPT SPI
  AMD AMDKEP AMDKEB AMKEP AMKEB AMPD AMK AMDKOM AMDPAR
  MPD MPDI MSI MKES MKEP MHUM MSOS MIKOM MAP MSC BSC MKOM MTH MAG MENG
  HJ HJH HAJI HAJJAH HAJAH KH KYAI KIAI TGH USTADZ USTAZ USTADZAH USTAZAH
  BAPAK BPK IBU SDR SDRI SDRA NY NYONYA NYONYAH TN
  PDT PENDETA PNT PENATUA DKN DIAKEN
  ALM ALMH ALMRH ALMARHUM ALMARHUMAH
`));

/**
 * Removed only at the start of a name (repeatedly: `DRS. H. ABDUL`). `H` is also an initial
 * (`ABDUL H. KARIM`), so it goes only in front and only when two name words remain after it:
 * `H. ABDUL KARIM` loses it, `H. BERE` keeps it as an initial. `SR` (suster) and the religious
 * words are rare in these lists and some (ROMO) are also given names elsewhere, hence front only.
 * BAPA/MAMA/OM/TANTA are the forms of address of eastern Indonesia that clerks prefix in village
 * lists ("Mama Maria"). Deliberately absent: TUAN (a clan name in Timor and Lamaholot), UMBU and
 * RAMBU (Sumbanese noble titles that are part of the registered name), FR (`FR.` is Fransiskus in
 * NTT lists far more often than Frater), MA and ST (Maria and Siti, see CANONICAL).
 */
const TITLES_LEADING: ReadonlySet<string> = new Set(words('H SR SUSTER ROMO PASTOR PATER BAPA MAMA OM TANTA'));

/**
 * Degrees that are also plausible name words or initials (`SE`, `ST` = Siti, `MA` = Maria, `SH`
 * as initials S. H.): removed only after the first comma or at the very end of the name, where
 * degrees are written (`ABDUL KARIM, S.E.`, `YOHANES BERE ST`).
 */
const TITLES_TRAILING: ReadonlySet<string> = new Set(words('SE SH ST SP SS SIP STP SST STR MM MT MA MH BA LC SPDSD'));

function isTrailingTitle(t: string): boolean {
  return TITLES_TRAILING.has(t) || TITLES_ANYWHERE.has(t);
}

// ---------------------------------------------------------------------------------------------
// Spelling
// ---------------------------------------------------------------------------------------------

/**
 * Canonical spellings of frequent given names, keyed by the canonical form. Each variant goes
 * through the same spelling rules as the names it is compared with (see `spellToken`), so the keys
 * of the lookup table are built here rather than written by hand. Dutch and Latin forms of one
 * baptismal name (YAKOB/YAKOBUS, HENDRIK/HENDRIKUS, PIETER/PETRUS) are one name; short forms that
 * are independent names elsewhere (AGUS is rarely Agustinus outside Flores, ALO, KRISTIN) are not
 * merged here — `nameSimilarity` gives prefix short forms a small, separate allowance.
 */
const CANONICAL_VARIANTS: Readonly<Record<string, string>> = {
  MUHAMMAD: `MUHAMAD MUHAMMED MUHAMED MOHAMMAD MOHAMAD MOHAMMED MOHAMED MOCHAMMAD MOCHAMAD MOCHAMED
    MUCHAMMAD MUCHAMAD MOKHAMAD MOKHAMMAD MOCH MOH MUH MHD MD MOHD MUHD`,
  AHMAD: 'ACHMAD AKHMAD ACHMAT',
  ABDUL: 'ABD ABDOEL',
  YOHANES: 'YOHANIS YOHANNIS JOHANES JOHANNES JOHANIS JOHANNIS YOH JOH',
  YOHANA: 'JOHANA JOHANNA YOHANNA',
  MARIA: 'MARYA MARIAH MA',
  YOSEF: 'YOSEPH JOSEF JOSEPH YOSEP JOSEP',
  YOSEFINA: 'YOSEPHINA JOSEFINA JOSEPHINA YOSEVINA JOSEVINA',
  FRANSISKUS: 'FRANSISCUS FRANCISKUS FRANCISCUS FRANS FR',
  FRANSISKA: 'FRANSISCA FRANCISKA FRANCISCA',
  AGUSTINUS: 'AUGUSTINUS AGUSTINES',
  AGUSTINA: 'AUGUSTINA',
  PETRUS: 'PIETER PITER PETER',
  SITI: 'SITTI ST',
  NUR: 'NOER NUUR',
  MARTHEN: 'MARTEN MARTHIN MARTIN',
  YAKOBUS: 'JAKOBUS YACOBUS JACOBUS YAKOB JAKOB YACOB JACOB',
  STEFANUS: 'STEVANUS STEPANUS STEPHANUS',
  THERESIA: 'TERESIA THERESYA',
  ELISABETH: 'ELISABET ELIZABETH',
  KATARINA: 'KATHARINA CATARINA CATHARINA KATHERINA KATERINA',
  KRISTINA: 'CHRISTINA CRISTINA',
  YULIANA: 'JULIANA YULIANI',
  HENDRIKUS: 'HENDRIK HENDRICUS',
  WILHELMUS: 'WILEM WILLEM WILHELM',
  MARKUS: 'MARCUS',
  NIKOLAUS: 'NIKOLAS NICOLAUS NICOLAS',
  ALOYSIUS: 'ALOISIUS',
  KORNELIS: 'CORNELIS KORNELIUS CORNELIUS',
  MAGDALENA: 'MADGALENA MAGDALENAH',
  FATIMAH: 'FATIMA',
  AISYAH: 'AISAH AISYA',
  KHADIJAH: 'HADIJAH KHADIJA HADIJA CHADIJAH',
  ANASTASIA: 'ANASTASYA',
  MIKAEL: 'MICHAEL MIKHAEL MICHAEL',
  FILIPUS: 'PHILIPUS FILIPPUS PILIPUS',
  MATHEUS: 'MATEUS MATIUS MATHIUS MATTHEUS',
  BENEDIKTUS: 'BENEDICTUS',
  DOMINIKUS: 'DOMINICUS',
  LAURENSIUS: 'LAURENTIUS',
  VINSENSIUS: 'VINCENTIUS VINSENTIUS',
  KRISTOFORUS: 'CHRISTOPHORUS KRISTOPORUS',
  YEREMIAS: 'JEREMIAS',
  ZAKARIAS: 'ZACHARIAS',
  YOSUA: 'JOSUA',
  ISHAK: 'ISAK ISHAQ',
  YUSUF: 'YUSUP JUSUF',
  HUSEIN: 'HUSAIN HUSEN',
  RAHMAT: 'RACHMAT',
  RAHMAN: 'RACHMAN',
};

/** Javanese and Arabic names in the old spelling: a first syllable consonant + OE + consonant. */
const OLD_OE = /^[BCDGHJKMNPRSTWY]OE[B-DF-HJ-NP-TV-Z]/;
/** Latin baptismal names written with the Dutch J for Y (JULIANA, JOHANIS, JAKOBUS, JANUARIUS). */
const LATIN_J = /^J[AEIOU][A-Z]*(?:US|ES|IS|INA|ANA|IA)$/;

/**
 * The spelling rules, one token (upper-case A–Z) at a time. Each is old or foreign orthography
 * that Indonesian clerks modernise inconsistently, so both sides of a comparison pass through it:
 *  - J → Y at the start of Latin baptismal names only (LATIN_J): a general J → Y would turn
 *    JAMALUDIN or the Manggarai clan JEHAUT into other names;
 *  - DJ → J and TJ → C and SJ → SY: the pre-1972 spelling (DJAMI, TJOKRO, SJAFRUDIN); NTT clan
 *    names keep DJ (LUDJI, RADJA) but a clerk writing RAJA for RADJA is the same clan;
 *  - OE → U only in tokens whose first syllable is consonant + OE + consonant (SOEKARNO, NOER,
 *    POERNOMO): in Timor and Rote OE is a real vowel pair (OEMATAN, ATOLOE, NDOEN ≠ NDUN);
 *  - PH → F and TH → T (YOSEPH, MARTHA, MATHEUS): Dutch spellings of one sound;
 *  - CHR → KR at the start (CHRISTINA);
 *  - doubled letters written once (MUHAMMAD/MUHAMAD, YOHANNES, FILIPPUS, and the common slip of
 *    doubling a letter while typing).
 */
export function spellToken(token: string): string {
  let t = token;
  if (LATIN_J.test(t)) t = `Y${t.slice(1)}`;
  if (t.includes('J')) t = t.replace(/DJ/g, 'J').replace(/TJ/g, 'C').replace(/SJ/g, 'SY');
  if (OLD_OE.test(t)) t = t.replace(/OE/g, 'U');
  if (t.includes('H')) {
    t = t.replace(/PH/g, 'F').replace(/TH/g, 'T');
    if (t.startsWith('CHR')) t = `KR${t.slice(3)}`;
  }
  let out = '';
  let prev = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== prev) out += t.charAt(i);
    prev = c;
  }
  return out;
}

const CANONICAL: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [canon, variants] of Object.entries(CANONICAL_VARIANTS)) {
    for (const v of [canon, ...words(variants)]) m.set(spellToken(v), canon);
  }
  return m;
})();

/** Memo of token → canonical token: names repeat heavily within a file. Bounded, then reset. */
const tokenMemo = new Map<string, string>();
const TOKEN_MEMO_MAX = 100_000;

/** One name word in its canonical matching form: spelling rules, then the table of given names. */
export function canonicalToken(token: string): string {
  const hit = tokenMemo.get(token);
  if (hit !== undefined) return hit;
  const spelled = spellToken(token);
  const canon = CANONICAL.get(spelled) ?? spelled;
  if (tokenMemo.size >= TOKEN_MEMO_MAX) tokenMemo.clear();
  tokenMemo.set(token, canon);
  return canon;
}

// ---------------------------------------------------------------------------------------------
// normalizeName
// ---------------------------------------------------------------------------------------------

/** Apostrophes of every kind are dropped inside a word (MA'RUF = MARUF, JUM'AT). */
function isApostrophe(c: number): boolean {
  return c === 39 || c === 96 || c === 0xb4 || c === 0x2018 || c === 0x2019 || c === 0x02bc || c === 0x02b9;
}

interface Tokenized {
  readonly tokens: string[];
  /** True when the token followed the previous one across a dot with no space (`S.PD`, `A.MD`). */
  readonly dotJoined: boolean[];
  /** Index of the first token after the first comma that follows a name word, or tokens.length. */
  commaAt: number;
}

function tokenize(upper: string): Tokenized {
  const tokens: string[] = [];
  const dotJoined: boolean[] = [];
  const out: Tokenized = { tokens, dotJoined, commaAt: -1 };
  let cur = '';
  let glued = false; // the next token starts right after a dot
  let afterDot = false;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) {
      if (cur === '') glued = afterDot && tokens.length > 0;
      cur += upper.charAt(i);
      afterDot = false;
      continue;
    }
    if (isApostrophe(c) && cur !== '') continue;
    if (cur !== '') {
      tokens.push(cur);
      dotJoined.push(glued);
      cur = '';
    }
    afterDot = c === 46;
    if (c === 44 && out.commaAt < 0 && tokens.length > 0) out.commaAt = tokens.length;
  }
  if (out.commaAt < 0) out.commaAt = tokens.length;
  return out;
}

/**
 * Longest title (1–3 tokens, concatenated) starting at `i` within [i, end), or 0. With `gluedOnly`
 * the tokens after the first must be dot-joined (`K.H.`), so loose initials are never read as a
 * degree in front of a name.
 */
function titleAt(tk: Tokenized, i: number, end: number, isTitle: (t: string) => boolean, gluedOnly: boolean): number {
  let best = 0;
  let cat = '';
  for (let k = 1; k <= 3 && i + k <= end; k++) {
    if (k > 1 && gluedOnly && !tk.dotJoined[i + k - 1]) break;
    cat += tk.tokens[i + k - 1] ?? '';
    if (isTitle(cat)) best = k;
  }
  return best;
}

/** Longest title (1–3 tokens) ending at `end - 1`, not reaching below `floor`, or 0. */
function titleEndingAt(tk: Tokenized, floor: number, end: number): number {
  let best = 0;
  for (let k = 1; k <= 3 && end - k >= floor; k++) {
    let cat = '';
    for (let j = end - k; j < end; j++) cat += tk.tokens[j] ?? '';
    if (isTrailingTitle(cat)) best = k;
  }
  return best;
}

/** Marks title tokens in `drop`; at least one name word always stays. */
function removeTitles(tk: Tokenized, drop: Uint8Array): void {
  const n = tk.tokens.length;
  const comma = tk.commaAt;
  const isAnywhere = (t: string): boolean => TITLES_ANYWHERE.has(t);
  const isLeading = (t: string): boolean => TITLES_ANYWHERE.has(t) || TITLES_LEADING.has(t);
  // After the first comma: degrees (any form); other words stay (`BERE, YOHANES`).
  for (let i = comma; i < n; ) {
    const k = titleAt(tk, i, n, isTrailingTitle, false);
    if (k === 0) {
      i++;
      continue;
    }
    for (let j = i; j < i + k; j++) drop[j] = 1;
    i += k;
  }
  // Front titles, repeatedly (`DRS. H.`), never the last name word before the comma.
  let start = 0;
  for (;;) {
    const k = titleAt(tk, start, comma, isLeading, true);
    if (k === 0 || start + k >= comma) break;
    // A single `H` is also an initial: a title only with two name words after it.
    if (k === 1 && tk.tokens[start] === 'H' && comma - start - 1 < 2) break;
    for (let j = start; j < start + k; j++) drop[j] = 1;
    start += k;
  }
  // Degrees at the end of the name part (no comma written), repeatedly (`S.PD M.PD`).
  let end = comma;
  for (;;) {
    const k = titleEndingAt(tk, start + 1, end);
    if (k === 0) break;
    for (let j = end - k; j < end; j++) drop[j] = 1;
    end -= k;
  }
  // Unambiguous titles in the middle (`YOHANES DRS BERE` after a swapped export).
  for (let i = start; i < end; i++) if (isAnywhere(tk.tokens[i] ?? '')) drop[i] = 1;
  let kept = 0;
  for (let i = 0; i < n; i++) if (drop[i] === 0) kept++;
  if (kept === 0) drop.fill(0);
}

/** True when the text needs Unicode decomposition (anything outside printable ASCII). */
function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 126) return true;
  return false;
}

const COMBINING = /\p{M}/gu;

/**
 * A name in its matching form: upper-case A–Z words separated by single spaces, with diacritics,
 * punctuation, titles and honorifics removed and frequent spelling variants made canonical.
 *
 *  - Unicode NFKD with combining marks dropped (`Ã` → `A`), then upper case;
 *  - every character other than A–Z is a word break (NBSP, tabs, runs of spaces, `.`, `-`, `/`,
 *    brackets, digits), except apostrophes, which are dropped inside a word (`MA'RUF` → `MARUF`);
 *  - titles (TITLES_ANYWHERE, TITLES_LEADING, TITLES_TRAILING) removed by position; dotted
 *    degrees are recognised across their dots and spaces (`S.Pd.I`, `A. Md`);
 *  - each remaining word through `canonicalToken` (spelling rules, then the given-name table).
 *
 * Returns '' for a name with no letters. A name made only of title words is kept as it is.
 */
export function normalizeName(raw: string): string {
  let s = raw;
  if (hasNonAscii(s)) s = s.normalize('NFKD').replace(COMBINING, '');
  const tk = tokenize(s.toUpperCase());
  const n = tk.tokens.length;
  if (n === 0) return '';
  const drop = new Uint8Array(n);
  removeTitles(tk, drop);
  let out = '';
  for (let i = 0; i < n; i++) {
    if (drop[i] === 1) continue;
    const t = canonicalToken(tk.tokens[i] ?? '');
    out = out === '' ? t : `${out} ${t}`;
  }
  return out;
}

/** The words of a normalised name. */
export function nameTokens(normalized: string): string[] {
  return normalized.split(' ').filter((t) => t !== '');
}

/** The words of a normalised name sorted, so that `SITI AMINAH` and `AMINAH SITI` share one key. */
export function tokenKey(normalized: string): string {
  return nameTokens(normalized).sort().join(' ');
}

// ---------------------------------------------------------------------------------------------
// Jaro-Winkler
// ---------------------------------------------------------------------------------------------

/** Match flags for the shorter and the longer string; grown on demand, never shrunk. */
let flagsS = new Uint8Array(64);
let flagsL = new Uint8Array(64);

/**
 * Jaro-Winkler of a[a0, a1) and b[b0, b1), on UTF-16 code units. Substring ranges let the token
 * comparisons below run without slicing strings.
 */
function jaroWinklerRange(a: string, a0: number, a1: number, b: string, b0: number, b1: number): number {
  let la = a1 - a0;
  let lb = b1 - b0;
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  // s is the shorter range, t the longer.
  let s = a;
  let s0 = a0;
  let t = b;
  let t0 = b0;
  if (la > lb) {
    s = b;
    s0 = b0;
    t = a;
    t0 = a0;
    const x = la;
    la = lb;
    lb = x;
  }
  if (lb > flagsL.length) {
    flagsS = new Uint8Array(lb * 2);
    flagsL = new Uint8Array(lb * 2);
  }
  flagsS.fill(0, 0, la);
  flagsL.fill(0, 0, lb);
  const window = lb >> 1 > 1 ? (lb >> 1) - 1 : 0;
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = s.charCodeAt(s0 + i);
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < lb ? i + window + 1 : lb;
    for (let j = lo; j < hi; j++) {
      if (flagsL[j] === 0 && t.charCodeAt(t0 + j) === c) {
        flagsS[i] = 1;
        flagsL[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  // Half-transpositions: matched characters of s and t compared in order.
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (flagsS[i] === 0) continue;
    while (flagsL[k] === 0) k++;
    if (s.charCodeAt(s0 + i) !== t.charCodeAt(t0 + k)) half++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - half / 2) / m) / 3;
  // Winkler's boost only above 0.7, as in his strcmp95: a shared first letter must not lift a
  // pair that is otherwise unlike.
  if (jaro <= 0.7) return jaro;
  const maxPrefix = la < 4 ? la : 4;
  let p = 0;
  while (p < maxPrefix && s.charCodeAt(s0 + p) === t.charCodeAt(t0 + p)) p++;
  return jaro + p * 0.1 * (1 - jaro);
}

/**
 * Jaro-Winkler similarity in [0, 1]: match window ⌊max(|a|,|b|)/2⌋ − 1, prefix scale 0.1 over at
 * most 4 characters, applied when the Jaro similarity exceeds 0.7 (Winkler 1990). Two empty
 * strings are identical (1); one empty string matches nothing (0).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  return jaroWinklerRange(a, 0, a.length, b, 0, b.length);
}

// ---------------------------------------------------------------------------------------------
// nameSimilarity
// ---------------------------------------------------------------------------------------------

/**
 * Scores of one word against one word (see `nameSimilarity`). The levels are chosen against the
 * cascade's use of the score (electron/warehouse/linkage/match.ts weighs name 0.6, birth date 0.28
 * and sex 0.12; a pair is accepted at 0.9): with birth date and sex agreeing, a name must reach
 * 0.834 to be accepted, so every level that means "probably another person" stays below it.
 */
export const WORD_SCORES = Object.freeze({
  /** `Y` against `YOHANES`: compatible, but `YOSEF` and `YAKOBUS` would be too. */
  initial: 0.9,
  /**
   * Floor for a typing slip: one inserted or dropped letter (`AMNAH`/`AMINAH`), two neighbours
   * swapped in a word of ≥ 5 letters (`MARHTA`/`MARTHA`), one replaced letter in a word of ≥ 8.
   */
  typo: 0.9,
  /**
   * Ceiling for one replaced letter in a word under 8 letters, or two swapped in one under 5: real
   * different names are often that close (MARIA/MARTA, AMIN/AMIR, HERLINA/HERMINA, RIAN/RINA), so
   * this alone never accepts a pair.
   */
  substitution: 0.82,
  /**
   * A word of ≥ 4 letters that begins another at least 2 letters longer (AGUS/AGUSTINUS,
   * YOSEF/YOSEFINA): the "nickname" allowance, kept small. Nicknames that are not prefixes
   * (Wawan for Hermawan) get nothing: Dukcapil treats them as different names.
   */
  shortForm: 0.86,
  /** Words that are none of the above score their Jaro-Winkler times this, so at most 0.8. */
  differentScale: 0.8,
  /** Same letters, spaces in different places (`NURHAYATI` / `NUR HAYATI`, `DA SILVA`). */
  spacing: 0.96,
  /** One word missing on one side, when the shorter name still has two words to agree on. */
  oneMissing: 0.9,
  /** Each further missing word, or a missing word against a one-word name. */
  missing: 0.75,
});

/** Token boundaries of the two names being compared, reused across calls. */
let startsA = new Int32Array(16);
let endsA = new Int32Array(16);
let startsB = new Int32Array(16);
let endsB = new Int32Array(16);
/** Score of word i of a against word j of b at i·nb + j, and its level: 0 exact, 1 one typing slip, 2 other compatible, 3 different. */
let pairScores = new Float64Array(256);
let pairLevels = new Uint8Array(256);
let usedA = new Uint8Array(16);
let usedB = new Uint8Array(16);

function splitInto(s: string, starts: Int32Array, ends: Int32Array): number {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len) {
    while (i < len && s.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    const st = i;
    while (i < len && s.charCodeAt(i) !== 32) i++;
    starts[n] = st;
    ends[n] = i;
    n++;
  }
  return n;
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const sp = s.charCodeAt(i) === 32;
    if (!sp && !inWord) n++;
    inWord = !sp;
  }
  return n;
}

function ensureWordBuffers(na: number, nb: number): void {
  const need = na > nb ? na : nb;
  if (need > startsA.length) {
    const size = need * 2;
    startsA = new Int32Array(size);
    endsA = new Int32Array(size);
    startsB = new Int32Array(size);
    endsB = new Int32Array(size);
    usedA = new Uint8Array(size);
    usedB = new Uint8Array(size);
  }
  if (na * nb > pairScores.length) {
    pairScores = new Float64Array(na * nb * 2);
    pairLevels = new Uint8Array(na * nb * 2);
  }
}

/**
 * How x[x0, x1) differs from y[y0, y1) when it is one edit away: 1 insertion/deletion, 2 swap of
 * two adjacent letters, 3 substitution; 0 when it is not one edit away (or equal).
 */
function oneEdit(x: string, x0: number, x1: number, y: string, y0: number, y1: number): number {
  const lx = x1 - x0;
  const ly = y1 - y0;
  if (lx === ly) {
    let i = 0;
    while (i < lx && x.charCodeAt(x0 + i) === y.charCodeAt(y0 + i)) i++;
    if (i === lx) return 0;
    // Rest equal after one position: substitution.
    let j = i + 1;
    while (j < lx && x.charCodeAt(x0 + j) === y.charCodeAt(y0 + j)) j++;
    if (j === lx) return 3;
    if (
      i + 1 < lx &&
      x.charCodeAt(x0 + i) === y.charCodeAt(y0 + i + 1) &&
      x.charCodeAt(x0 + i + 1) === y.charCodeAt(y0 + i)
    ) {
      j = i + 2;
      while (j < lx && x.charCodeAt(x0 + j) === y.charCodeAt(y0 + j)) j++;
      if (j === lx) return 2;
    }
    return 0;
  }
  if (lx - ly !== 1 && ly - lx !== 1) return 0;
  // Let the longer be l: skipping one of its letters must give the shorter.
  const long = lx > ly ? x : y;
  const l0 = lx > ly ? x0 : y0;
  const short = lx > ly ? y : x;
  const sh0 = lx > ly ? y0 : x0;
  const ls = lx > ly ? ly : lx;
  let i = 0;
  while (i < ls && long.charCodeAt(l0 + i) === short.charCodeAt(sh0 + i)) i++;
  for (let j = i; j < ls; j++) if (long.charCodeAt(l0 + j + 1) !== short.charCodeAt(sh0 + j)) return 0;
  return 1;
}

function startsWithRange(long: string, l0: number, short: string, s0: number, ls: number): boolean {
  for (let i = 0; i < ls; i++) if (long.charCodeAt(l0 + i) !== short.charCodeAt(s0 + i)) return false;
  return true;
}

/** Score of word x[x0, x1) against y[y0, y1); its level (see `pairLevels`) goes to `levelOut[at]`. */
function wordScore(x: string, x0: number, x1: number, y: string, y0: number, y1: number, levelOut: Uint8Array, at: number): number {
  const lx = x1 - x0;
  const ly = y1 - y0;
  if (lx === ly && startsWithRange(x, x0, y, y0, lx)) {
    levelOut[at] = 0;
    return 1;
  }
  if (lx === 1 || ly === 1) {
    // An initial is compatible with any word that starts with its letter; two initials are
    // equal (above) or different.
    const compatible = lx !== ly && x.charCodeAt(x0) === y.charCodeAt(y0);
    levelOut[at] = compatible ? 2 : 3;
    return compatible ? WORD_SCORES.initial : 0;
  }
  const shortest = lx < ly ? lx : ly;
  const jw = jaroWinklerRange(x, x0, x1, y, y0, y1);
  if (shortest >= 3) {
    const kind = oneEdit(x, x0, x1, y, y0, y1);
    // What counts as a typing slip depends on the word length: between short words one edit is
    // often another real name (RIAN/RINA, MARIA/MARTA), so swaps count from 5 letters and
    // replacements from 8; an inserted or dropped letter counts from 3 (BERE/BRE: the generator's
    // and the clerks' commonest slip — ADI/ANDI is the price).
    if (kind === 1 || (kind === 2 && shortest >= 5) || (kind === 3 && shortest >= 8)) {
      levelOut[at] = 1;
      return jw > WORD_SCORES.typo ? jw : WORD_SCORES.typo;
    }
    if (kind === 2 || kind === 3) {
      levelOut[at] = 2;
      return jw < WORD_SCORES.substitution ? jw : WORD_SCORES.substitution;
    }
  }
  if (shortest >= 4 && (lx - ly >= 2 || ly - lx >= 2)) {
    const prefix = lx < ly ? startsWithRange(y, y0, x, x0, lx) : startsWithRange(x, x0, y, y0, ly);
    if (prefix) {
      levelOut[at] = 2;
      return WORD_SCORES.shortForm;
    }
  }
  levelOut[at] = 3;
  return WORD_SCORES.differentScale * jw;
}

/** True when a and b have the same letters in the same order, ignoring spaces. */
function sameIgnoringSpaces(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a.charCodeAt(i) === 32) i++;
    while (j < b.length && b.charCodeAt(j) === 32) j++;
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/**
 * Similarity in [0, 1] of two names ALREADY normalised by `normalizeName` (1 = same words).
 *
 * Words are aligned one to one, best pairs first, whatever their order (so swapped order costs
 * nothing), and the name scores the product of its aligned word scores (WORD_SCORES):
 *   exact 1 · one inserted/dropped/swapped letter ≥ 0.9 (its Jaro-Winkler) · an initial 0.9 ·
 *   a prefix short form 0.86 · one replaced letter ≤ 0.82 · otherwise 0.8 × Jaro-Winkler;
 * times 0.9 for one word missing on one side when the shorter name keeps two words, and 0.75 for
 * each other missing word. A product, not a mean: a name is the same only when every word is, so
 * an exact clan name must not carry a different given name (`MARIA BERE` / `MARTA BERE` 0.82).
 * Two more routes can only raise the score:
 *  - the same letters spaced differently (`SITI NURHAYATI` / `SITI NUR HAYATI`) score 0.96;
 *  - when both names have the same number of words and each word equals or is one typing slip
 *    from its partner, the Jaro-Winkler of the whole names and of their sorted-word keys count
 *    too, so that a slip in a short word (`BERE`/`BRE`) is judged on the whole name (0.958).
 *    Whole-name Jaro-Winkler is not used otherwise: it scores siblings sharing a clan name 0.93
 *    (`MARIA BERE` / `MARTHA BERE`) and the same given name with another clan 0.92.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const na = countWords(a);
  const nb = countWords(b);
  if (na === 0 || nb === 0) return 0;
  ensureWordBuffers(na, nb);
  splitInto(a, startsA, endsA);
  splitInto(b, startsB, endsB);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const at = i * nb + j;
      pairScores[at] = wordScore(a, startsA[i] ?? 0, endsA[i] ?? 0, b, startsB[j] ?? 0, endsB[j] ?? 0, pairLevels, at);
    }
  }
  // Greedy one-to-one alignment, best pair first (ties: earlier words, so the result is stable).
  usedA.fill(0, 0, na);
  usedB.fill(0, 0, nb);
  const pairs = na < nb ? na : nb;
  let product = 1;
  let worstLevel = 0;
  for (let p = 0; p < pairs; p++) {
    let best = -1;
    let bestAt = -1;
    for (let i = 0; i < na; i++) {
      if (usedA[i] === 1) continue;
      for (let j = 0; j < nb; j++) {
        if (usedB[j] === 1) continue;
        const at = i * nb + j;
        const v = pairScores[at] ?? 0;
        if (v > best) {
          best = v;
          bestAt = at;
        }
      }
    }
    const bi = Math.floor(bestAt / nb);
    usedA[bi] = 1;
    usedB[bestAt - bi * nb] = 1;
    product *= best;
    const level = pairLevels[bestAt] ?? 3;
    if (level > worstLevel) worstLevel = level;
  }
  const missing = na > nb ? na - nb : nb - na;
  if (missing > 0) {
    product *= pairs >= 2 ? WORD_SCORES.oneMissing * WORD_SCORES.missing ** (missing - 1) : WORD_SCORES.missing ** missing;
  }
  let score = product;
  if (score < WORD_SCORES.spacing && missing > 0 && sameIgnoringSpaces(a, b)) score = WORD_SCORES.spacing;
  if (missing === 0 && worstLevel === 1) {
    const whole = jaroWinkler(a, b);
    if (whole > score) score = whole;
    const keyed = jaroWinkler(tokenKey(a), tokenKey(b));
    if (keyed > score) score = keyed;
  }
  return score;
}

// ---------------------------------------------------------------------------------------------
// Birth dates
// ---------------------------------------------------------------------------------------------

export type BirthAgreement = 'exact' | 'swapped' | 'year' | 'differ' | 'unknown';

/** Year, month and day of an ISO date (`YYYY-MM-DD`; `YYYY-MM` and `YYYY` give 0 for what is missing), or null. */
function isoParts(s: string): [number, number, number] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 0 : Number(m[2]);
  const d = m[3] === undefined ? 0 : Number(m[3]);
  if (mo > 12 || d > 31 || (m[2] !== undefined && mo === 0) || (m[3] !== undefined && d === 0)) return null;
  return [y, mo, d];
}

/**
 * How two birth dates (ISO `YYYY-MM-DD`) agree:
 *  - `exact`: the same date;
 *  - `swapped`: same year, day and month exchanged — possible only when both are ≤ 12 and differ
 *    (`2001-03-04` / `2001-04-03`), the commonest clerical slip between dd/mm and mm/dd;
 *  - `year`: same year otherwise (also when one side knows only the year or month);
 *  - `differ`: different years;
 *  - `unknown`: a date missing or unreadable.
 */
export function birthDateAgreement(a: string | null, b: string | null): BirthAgreement {
  if (a === null || b === null) return 'unknown';
  const pa = isoParts(a);
  const pb = isoParts(b);
  if (pa === null || pb === null) return 'unknown';
  const [ya, ma, da] = pa;
  const [yb, mb, db] = pb;
  if (ya !== yb) return 'differ';
  if (ma === 0 || mb === 0 || da === 0 || db === 0) return 'year';
  if (ma === mb && da === db) return 'exact';
  if (ma === db && da === mb && ma <= 12 && da <= 12 && ma !== da) return 'swapped';
  return 'year';
}
