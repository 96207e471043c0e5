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
 * (`ABDUL H. KARIM`), so it goes only in front, where `H.` is Haji far more often than a given
 * name cut to its initial, also before a single name (`H. UMAR`, `H. SUPARMAN`). `SR` (suster)
 * and the religious words are rare in these lists and some (ROMO) are also given names
 * elsewhere, hence front only.
 * BAPA/MAMA/OM/TANTA are the forms of address of eastern Indonesia that clerks prefix in village
 * lists ("Mama Maria"). Deliberately absent: TUAN (a clan name in Timor and Lamaholot), UMBU and
 * RAMBU (Sumbanese noble titles that are part of the registered name), FR (`FR.` is Fransiskus in
 * NTT lists far more often than Frater), MA and ST (Maria and Siti, see CANONICAL_VARIANTS).
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
 * A spelling that people are registered under in its own right (HADIJAH, MIKHAEL, the Rote clan
 * ZACHARIAS) is left out when it is one letter from the canonical form: `nameSimilarity` already
 * takes one letter for a typing slip, and rewriting it would put a real slip in such a name two
 * edits away from the other side (HADIJAH typed HADJAH against KHADIJAH).
 */
const CANONICAL_VARIANTS: Readonly<Record<string, string>> = {
  MUHAMMAD: `MUHAMAD MUHAMMED MUHAMED MOHAMMAD MOHAMAD MOHAMMED MOHAMED MOCHAMMAD MOCHAMAD MOCHAMED
    MUCHAMMAD MUCHAMAD MOKHAMAD MOKHAMMAD MOCH MOH MUH MHD MD MOHD MUHD`,
  AHMAD: 'ACHMAD AKHMAD ACHMAT',
  ABDUL: 'ABD ABDOEL',
  YOHANES: 'YOHANNES YOHANIS YOHANNIS JOHANES JOHANNES JOHANIS JOHANNIS YOH JOH',
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
  MARTHA: 'MARTA',
  YOHANA: 'JOHANA JOHANNA YOHANNA',
  SUSANA: 'SUSANNA',
  SYAMSUDDIN: 'SYAMSUDIN SAMSUDIN SAMSUDDIN',
  JAMALUDIN: 'JAMALUDDIN DJAMALUDIN',
  MARGARETHA: 'MARGARETA',
  THOMAS: 'TOMAS',
  DOROTHEA: 'DOROTEA',
  AGATHA: 'AGATA',
  BARTHOLOMEUS: 'BARTOLOMEUS',
  THEODORUS: 'TEODORUS',
  MATHIAS: 'MATIAS',
  ANTHONIUS: 'ANTONIUS',
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
  ALOYSIUS: 'ALOISIUS ALLOYSIUS',
  KORNELIS: 'CORNELIS KORNELIUS CORNELIUS',
  MAGDALENA: 'MADGALENA MAGDALENAH',
  FATIMAH: 'FATIMA',
  AISYAH: 'AISAH AISYA',
  KHADIJAH: 'KHADIJA CHADIJAH',
  ANASTASIA: 'ANASTASYA',
  MIKAEL: 'MICHAEL',
  FILIPUS: 'PHILIPUS FILIPPUS PILIPUS',
  MATHEUS: 'MATEUS MATIUS MATHIUS MATTHEUS',
  BENEDIKTUS: 'BENEDICTUS',
  DOMINIKUS: 'DOMINICUS',
  LAURENSIUS: 'LAURENTIUS',
  VINSENSIUS: 'VINCENTIUS VINSENTIUS',
  KRISTOFORUS: 'CHRISTOPHORUS KRISTOPORUS',
  YEREMIAS: 'JEREMIAS',
  YOSUA: 'JOSUA',
  YULIUS: 'JULIUS',
  YULIANUS: 'JULIANUS',
  YUSTINUS: 'JUSTINUS',
  YUSTINA: 'JUSTINA',
  YANUARIUS: 'JANUARIUS',
  YOAKIM: 'JOAKIM JOACHIM',
  YUDIT: 'JUDIT JUDITH',
  YUNUS: 'JUNUS',
  ISHAK: 'ISAK ISHAQ',
  YUSUF: 'YUSUP JUSUF',
  HUSEIN: 'HUSAIN HUSEN',
  RAHMAT: 'RACHMAT',
  RAHMAN: 'RACHMAN',
};

/**
 * Names in the old spelling with OE for U, by their first syllable: SOEKARNO, SOEHARTO, NOER,
 * NOERHAYATI, POERNOMO, KOESNADI, ROESLAN, MOEHAMMAD, MOELJONO. A list, not a pattern: in Timor
 * and Rote OE is a real vowel pair (OEMATAN, ATOLOE, NDOEN ≠ NDUN), and a pattern such as
 * consonant + OE + consonant is also what a dropped letter makes of them (NDOEN typed NOEN).
 * Only in words of six letters or more, for the same reason (SOGEN typed SOEN); the short old
 * spellings (NOER) are in the table.
 */
const OLD_OE = /^(?:SOE|NOER|POER|KOES|ROES|MOEH|MOEL)/;

/**
 * The spelling rules, one token (upper-case A–Z) at a time. Each is old or foreign orthography
 * that Indonesian clerks modernise inconsistently, so both sides of a comparison pass through it:
 *  - TJ → C and SJ → SY: the pre-1972 spelling (TJOKRO, SJAFRUDIN);
 *  - OE → U only in words that begin like the Javanese and Arabic names of the old spelling
 *    (OLD_OE: SOEKARNO, NOER, POERNOMO), never in Timorese and Rotenese OE (OEMATAN, NDOEN);
 *  - PH → F (YOSEPH, STEPHANUS, PHILIPUS) and CHR → KR at the start (CHRISTINA).
 * Not applied, on purpose, as rules: J → Y (the Dutch J of JOHANES, JULIANA), DJ → J, TH → T
 * and writing doubled letters once. A general J → Y would turn JAMALUDIN or the Manggarai clan
 * JEHAUT into other names, and even one limited to Latin endings fires on slips (JESIKA typed
 * JESIA would become YESIA); the Latin names with J are in CANONICAL_VARIANTS. The others are
 * one dropped letter apart (RADJA/RAJA, MARTHA/MARTA, PELLO/PELO), which `nameSimilarity` already
 * scores as a typing slip, whereas rewriting them turns a real slip next to them into a second
 * edit, which it does not forgive (DETHAN typed DEHAN would compare DETAN with DEHAN; KRISTOFORUS
 * typed KRISTOORUS would collapse to KRISTORUS). Frequent given names with TH or a doubled letter
 * (MARTHA, MATHEUS, MUHAMMAD, YOHANNES) are in CANONICAL_VARIANTS instead.
 */
export function spellToken(token: string): string {
  let t = token;
  if (t.includes('J')) t = t.replace(/TJ/g, 'C').replace(/SJ/g, 'SY');
  if (t.length >= 6 && OLD_OE.test(t)) t = t.replace(/OE/g, 'U');
  if (t.includes('H')) {
    t = t.replace(/PH/g, 'F');
    if (t.startsWith('CHR')) t = `KR${t.slice(3)}`;
  }
  return t;
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
  let cur = ''; // the current word before its last apostrophe
  let from = -1; // start of the current word's pending letters, -1 outside a word
  let glued = false; // the current word started right after a dot
  let afterDot = false;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) {
      if (from < 0) {
        if (cur === '') glued = afterDot && tokens.length > 0;
        from = i;
      }
      afterDot = false;
      continue;
    }
    if (isApostrophe(c) && from >= 0) {
      cur += upper.slice(from, i);
      from = i + 1;
      continue;
    }
    if (from >= 0) {
      const word = cur + upper.slice(from, i);
      if (word !== '') {
        tokens.push(word);
        dotJoined.push(glued);
      }
      cur = '';
      from = -1;
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
  // Joined rather than concatenated: a flat string is cheaper to read for the comparisons that follow.
  const kept: string[] = [];
  for (let i = 0; i < n; i++) if (drop[i] === 0) kept.push(canonicalToken(tk.tokens[i] ?? ''));
  return kept.join(' ');
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

/**
 * Jaro-Winkler needs, for each character of the shorter string, the first unmatched equal
 * character of the longer one within the match window. For strings of up to 31 ASCII characters
 * (every normalised name word and nearly every whole name) that search is a bit operation:
 * `positions[c]` holds, as bits, where character c occurs in the longer string, so the candidates
 * are `positions[c] & window & ~used` and the first is the lowest set bit. The table is cleared
 * after each call by the same characters that set it. Measured about 1.5× faster than scanning
 * the window (see the report of issue 7); longer or non-ASCII strings take the scanning path.
 */
const positions = new Int32Array(128);

/** Scanning path: characters and match flags of the shorter (S) and longer (L) string, grown on demand. */
let charsS = new Uint16Array(64);
let charsL = new Uint16Array(64);
let flagsS = new Uint8Array(64);
let flagsL = new Uint8Array(64);

/** Winkler's adjustment of a Jaro similarity for a common prefix of up to 4 characters. */
function winkler(jaro: number, s: string, s0: number, t: string, t0: number, ls: number): number {
  // Only above 0.7, as in Winkler's strcmp95: a shared first letter must not lift a pair that is
  // otherwise unlike.
  if (jaro <= 0.7) return jaro;
  const maxPrefix = ls < 4 ? ls : 4;
  let p = 0;
  while (p < maxPrefix && s.charCodeAt(s0 + p) === t.charCodeAt(t0 + p)) p++;
  return jaro + p * 0.1 * (1 - jaro);
}

/** Bit path: the characters of the shorter (S) and longer (L) string, read once per call. */
const asciiS = new Uint8Array(32);
const asciiL = new Uint8Array(32);

/** Bit path; returns -1 when a character of the longer string is outside ASCII (the table is left clean). */
function jaroBits(s: string, s0: number, ls: number, t: string, t0: number, ll: number): number {
  const pos = positions;
  const cs = asciiS;
  const cl = asciiL;
  for (let j = 0; j < ll; j++) {
    const c = t.charCodeAt(t0 + j);
    if (c >= 128) {
      for (let k = 0; k < j; k++) pos[cl[k] ?? 0] = 0;
      return -1;
    }
    cl[j] = c;
    pos[c] = (pos[c] ?? 0) | (1 << j);
  }
  const window = ll >> 1 > 1 ? (ll >> 1) - 1 : 0;
  let usedL = 0;
  let usedS = 0;
  let m = 0;
  for (let i = 0; i < ls; i++) {
    const c = s.charCodeAt(s0 + i);
    if (c >= 128) {
      // Cannot occur in the ASCII longer string; 255 stands for it in the prefix check.
      cs[i] = 255;
      continue;
    }
    cs[i] = c;
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < ll ? i + window + 1 : ll;
    const candidates = (pos[c] ?? 0) & ((1 << hi) - 1) & ~((1 << lo) - 1) & ~usedL;
    if (candidates !== 0) {
      usedL |= candidates & -candidates;
      usedS |= 1 << i;
      m++;
    }
  }
  for (let j = 0; j < ll; j++) pos[cl[j] ?? 0] = 0;
  if (m === 0) return 0;
  // Half-transpositions: the matched characters of both strings, lowest bits first, compared in order.
  let half = 0;
  let restS = usedS;
  let restL = usedL;
  while (restS !== 0) {
    const i = 31 - Math.clz32(restS & -restS);
    const j = 31 - Math.clz32(restL & -restL);
    restS &= restS - 1;
    restL &= restL - 1;
    if (cs[i] !== cl[j]) half++;
  }
  const jaro = (m / ls + m / ll + (m - half / 2) / m) / 3;
  if (jaro <= 0.7) return jaro; // as in `winkler`, on the characters already read
  const maxPrefix = ls < 4 ? ls : 4;
  let p = 0;
  while (p < maxPrefix && cs[p] === cl[p]) p++;
  return jaro + p * 0.1 * (1 - jaro);
}

/** Scanning path, any length and alphabet. */
function jaroScan(s: string, s0: number, ls: number, t: string, t0: number, ll: number): number {
  if (ll > charsL.length) {
    charsS = new Uint16Array(ll * 2);
    charsL = new Uint16Array(ll * 2);
    flagsS = new Uint8Array(ll * 2);
    flagsL = new Uint8Array(ll * 2);
  }
  const cs = charsS;
  const cl = charsL;
  const fs = flagsS;
  const fl = flagsL;
  for (let i = 0; i < ls; i++) {
    cs[i] = s.charCodeAt(s0 + i);
    fs[i] = 0;
  }
  for (let j = 0; j < ll; j++) {
    cl[j] = t.charCodeAt(t0 + j);
    fl[j] = 0;
  }
  const window = ll >> 1 > 1 ? (ll >> 1) - 1 : 0;
  let m = 0;
  for (let i = 0; i < ls; i++) {
    const c = cs[i];
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < ll ? i + window + 1 : ll;
    for (let j = lo; j < hi; j++) {
      if (cl[j] === c && fl[j] === 0) {
        fs[i] = 1;
        fl[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < ls; i++) {
    if (fs[i] === 0) continue;
    while (fl[k] === 0) k++;
    if (cs[i] !== cl[k]) half++;
    k++;
  }
  return winkler((m / ls + m / ll + (m - half / 2) / m) / 3, s, s0, t, t0, ls);
}

/**
 * Jaro-Winkler of a[a0, a1) and b[b0, b1), on UTF-16 code units. Substring ranges let the word
 * comparisons of `nameSimilarity` run without slicing strings.
 */
function jaroWinklerRange(a: string, a0: number, a1: number, b: string, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  // s is the shorter string, t the longer.
  if (la > lb) {
    if (la <= 31) {
      const r = jaroBits(b, b0, lb, a, a0, la);
      if (r >= 0) return r;
    }
    return jaroScan(b, b0, lb, a, a0, la);
  }
  if (lb <= 31) {
    const r = jaroBits(a, a0, la, b, b0, lb);
    if (r >= 0) return r;
  }
  return jaroScan(a, a0, la, b, b0, lb);
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

/** Where the words of one name start and end; reused across calls (see `nameSimilarity`). */
interface WordBounds {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  used: Uint8Array;
}

const newBounds = (size: number): WordBounds => ({ text: '', count: -1, starts: new Int32Array(size), ends: new Int32Array(size), used: new Uint8Array(size) });
let wordsA = newBounds(16);
let wordsB = newBounds(16);
/** Score of word i of a against word j of b at i·nb + j, and its level: 0 exact, 1 one typing slip, 2 other compatible, 3 different. */
let pairScores = new Float64Array(256);
let pairLevels = new Uint8Array(256);

/**
 * The word boundaries of `s` into `w`, kept when `s` is the text split last time: a linker
 * compares one record's name with every candidate of its block, so one side repeats.
 */
function splitWords(w: WordBounds, s: string): WordBounds {
  if (w.count >= 0 && w.text === s) return w;
  let out = w;
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len) {
    if (s.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    let e = s.indexOf(' ', i);
    if (e < 0) e = len;
    if (n === out.starts.length) {
      const bigger = newBounds(n * 2);
      bigger.starts.set(out.starts);
      bigger.ends.set(out.ends);
      out = bigger;
    }
    out.starts[n] = i;
    out.ends[n] = e;
    n++;
    i = e + 1;
  }
  out.text = s;
  out.count = n;
  return out;
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

/** Marks a different-level pair whose score (`differentScale` × Jaro-Winkler) is not computed yet. */
const LAZY = -1;

/**
 * Score of word x[x0, x1) against y[y0, y1); its level (see `pairLevels`) goes to `levelOut[at]`.
 * A pair of different words returns LAZY: its Jaro-Winkler is computed only if the alignment
 * comes to need it, which it rarely does when the names share a word (the clan name, in a block
 * of one village).
 */
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
  if (shortest >= 3) {
    const kind = oneEdit(x, x0, x1, y, y0, y1);
    // What counts as a typing slip depends on the word length: between short words one edit is
    // often another real name (RIAN/RINA, MARIA/MARTA), so swaps count from 5 letters and
    // replacements from 8; an inserted or dropped letter counts from 3 (BERE/BRE: the generator's
    // and the clerks' commonest slip — ADI/ANDI is the price).
    if (kind === 1 || (kind === 2 && shortest >= 5) || (kind === 3 && shortest >= 8)) {
      levelOut[at] = 1;
      const jw = jaroWinklerRange(x, x0, x1, y, y0, y1);
      return jw > WORD_SCORES.typo ? jw : WORD_SCORES.typo;
    }
    if (kind === 2 || kind === 3) {
      levelOut[at] = 2;
      const jw = jaroWinklerRange(x, x0, x1, y, y0, y1);
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
  return LAZY;
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
 * Similarity in [0, 1] of two names ALREADY normalised by `normalizeName` (1 = the same words, in
 * any order; 0 when either is empty, which is no evidence).
 *
 * Words are aligned one to one, whatever their order (so swapped order costs nothing), best pairs
 * first (by kind: equal, typing slip, otherwise compatible, different; then by score), and the
 * name scores the product of its aligned word scores (WORD_SCORES):
 *   equal 1 · a typing slip ≥ 0.9 (its Jaro-Winkler: one letter inserted or dropped, neighbours
 *   swapped in a word of ≥ 5 letters, one letter replaced in a word of ≥ 8) · an initial 0.9 ·
 *   a prefix short form 0.86 · one replaced letter or a swap in a shorter word ≤ 0.82 ·
 *   otherwise 0.8 × Jaro-Winkler;
 * times 0.9 for one word missing on one side when the shorter name keeps two words, and 0.75 for
 * each other missing word. A product, not a mean: a name is the same only when every word is, so
 * an exact clan name must not carry a different given name (`MARIA BERE` / `MARTA BERE` 0.82).
 * Two more routes can only raise the score:
 *  - the same letters spaced differently (`SITI NURHAYATI` / `SITI NUR HAYATI`) score 0.96;
 *  - when both names have the same number of words and each word equals or is one typing slip
 *    from its partner, the Jaro-Winkler of the whole names (and, when the words pair out of
 *    order, of their sorted-word keys) counts too, so that a slip in a short word (`BERE`/`BRE`,
 *    0.9 as a word) is judged on the whole name (0.958). Whole-name Jaro-Winkler is not used
 *    otherwise: it scores siblings sharing a clan name 0.93 (`MARIA BERE` / `MARTHA BERE`) and
 *    the same given name with another clan 0.92 (`YOHANES BERE` / `YOHANES SERAN`, here 0.51).
 * Allocation-free except for the sorted keys; the word boundaries of the last `a` are kept, as a
 * linker compares one name with every candidate of its block.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const wa = (wordsA = splitWords(wordsA, a));
  const wb = (wordsB = splitWords(wordsB, b));
  const na = wa.count;
  const nb = wb.count;
  if (na === 0 || nb === 0) return 0;
  if (na * nb > pairScores.length) {
    pairScores = new Float64Array(na * nb * 2);
    pairLevels = new Uint8Array(na * nb * 2);
  }
  const scores = pairScores;
  const levels = pairLevels;
  for (let i = 0; i < na; i++) {
    const x0 = wa.starts[i] ?? 0;
    const x1 = wa.ends[i] ?? 0;
    for (let j = 0; j < nb; j++) {
      const at = i * nb + j;
      scores[at] = wordScore(a, x0, x1, b, wb.starts[j] ?? 0, wb.ends[j] ?? 0, levels, at);
    }
  }
  // Greedy one-to-one alignment, best pair first: by level (exact, slip, compatible, different),
  // then by score; ties go to earlier words, so the result is stable. Levels first lets the
  // different pairs stay LAZY until only they are left.
  const usedA = wa.used;
  const usedB = wb.used;
  usedA.fill(0, 0, na);
  usedB.fill(0, 0, nb);
  const pairs = na < nb ? na : nb;
  let product = 1;
  let worstLevel = 0;
  let inOrder = true;
  for (let p = 0; p < pairs; p++) {
    let bestLevel = 3;
    for (let i = 0; i < na && bestLevel > 0; i++) {
      if (usedA[i] === 1) continue;
      for (let j = 0; j < nb; j++) {
        if (usedB[j] === 0 && (levels[i * nb + j] ?? 3) < bestLevel) bestLevel = levels[i * nb + j] ?? 3;
      }
    }
    let best = -1;
    let bestI = 0;
    let bestJ = 0;
    for (let i = 0; i < na; i++) {
      if (usedA[i] === 1) continue;
      for (let j = 0; j < nb; j++) {
        const at = i * nb + j;
        if (usedB[j] === 1 || levels[at] !== bestLevel) continue;
        let v = scores[at] ?? 0;
        if (v === LAZY) {
          v = WORD_SCORES.differentScale * jaroWinklerRange(a, wa.starts[i] ?? 0, wa.ends[i] ?? 0, b, wb.starts[j] ?? 0, wb.ends[j] ?? 0);
          scores[at] = v;
        }
        if (v > best) {
          best = v;
          bestI = i;
          bestJ = j;
        }
      }
    }
    usedA[bestI] = 1;
    usedB[bestJ] = 1;
    product *= best;
    if (bestLevel > worstLevel) worstLevel = bestLevel;
    if (bestI !== bestJ) inOrder = false;
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
    // Sorted keys (allocated) only when the words were paired out of order.
    if (!inOrder) {
      const keyed = jaroWinkler(tokenKey(a), tokenKey(b));
      if (keyed > score) score = keyed;
    }
  }
  return score;
}

// ---------------------------------------------------------------------------------------------
// Birth dates
// ---------------------------------------------------------------------------------------------

export type BirthAgreement = 'exact' | 'swapped' | 'year' | 'differ' | 'unknown';

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at i, or -1. */
function twoDigits(s: string, i: number): number {
  const h = digit(s, i);
  const l = digit(s, i + 1);
  return h < 0 || l < 0 ? -1 : h * 10 + l;
}

/**
 * An ISO date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` with 0 for what is missing) as
 * year·10⁴ + month·100 + day, or -1 when unreadable. Read by hand, without a regular expression
 * or arrays: the linker asks for every candidate pair.
 */
export function birthCode(raw: string): number {
  let i = 0;
  let e = raw.length;
  while (i < e && raw.charCodeAt(i) === 32) i++;
  while (e > i && raw.charCodeAt(e - 1) === 32) e--;
  const len = e - i;
  if (len !== 4 && len !== 7 && len !== 10) return -1;
  const y1 = twoDigits(raw, i);
  const y2 = twoDigits(raw, i + 2);
  if (y1 < 0 || y2 < 0) return -1;
  let code = (y1 * 100 + y2) * 10000;
  if (len === 4) return code;
  const m = twoDigits(raw, i + 5);
  if (raw.charCodeAt(i + 4) !== 45 || m < 1 || m > 12) return -1;
  code += m * 100;
  if (len === 7) return code;
  const d = twoDigits(raw, i + 8);
  if (raw.charCodeAt(i + 7) !== 45 || d < 1 || d > 31) return -1;
  return code + d;
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
  return birthCodeAgreement(birthCode(a), birthCode(b));
}

/** `birthDateAgreement` on dates already read by `birthCode` (negative or 0: unknown). */
export function birthCodeAgreement(ca: number, cb: number): BirthAgreement {
  if (ca <= 0 || cb <= 0) return 'unknown';
  const ya = Math.floor(ca / 10000);
  if (ya !== Math.floor(cb / 10000)) return 'differ';
  const ma = Math.floor(ca / 100) % 100;
  const da = ca % 100;
  const mb = Math.floor(cb / 100) % 100;
  const db = cb % 100;
  if (ma === 0 || mb === 0 || da === 0 || db === 0) return 'year';
  if (ca === cb) return 'exact';
  // Both ≤ 12 is implied for valid dates (each day is the other's month) but stated for the reader.
  if (ma === db && da === mb && ma <= 12 && da <= 12 && ma !== da) return 'swapped';
  return 'year';
}
