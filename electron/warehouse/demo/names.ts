import type { Rng } from './random.ts';

/**
 * Personal names for the synthetic population. NTT is mostly Catholic (Flores, Lembata) or
 * Protestant (Timor, Rote, Sabu, Sumba, Alor) with Muslim coastal communities, and family (clan)
 * names differ by island; a village's clan names come from its regency's groups so that the same
 * surnames recur locally, as they do in real files. Names are kept in upper case, as P3KE and
 * DTKS write them; other cases are derived when a file needs them.
 */

export type NameGroup =
  | 'timor'
  | 'tetun'
  | 'rote'
  | 'sabu'
  | 'sumba'
  | 'manggarai'
  | 'ngada'
  | 'lio'
  | 'sikka'
  | 'lamaholot'
  | 'alor'
  | 'nusantara';

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const FAMILY_NAMES: Readonly<Record<NameGroup, readonly string[]>> = {
  timor: words(`BENU TEFA NENOBAIS KOLI BANUNAEK NUBATONIS TANONO SANAM OEMATAN NOPE KASE LOPO TSE NEONBASU
    BOIMAU SAE LIU TALLO SELAN NOMLENI KOLO TAMONOB BAUN TANEO LEU MISSA TUAN BANI NITBANI AMTIRAN SONBAI
    TASI NAIT ATOLOE NAIBAHO NAHAS SNAE TOY BILAUT NENO ANIN USFAL LAKAPU TOMASOE BOLING NUBAN`),
  tetun: words(`BRIA SERAN MANEK LAKE MAU KLAU BERE NAHAK TAEK ATOK LUAN ASA KALI HALE FAHIK NAHAK LOEK
    TETI MALI LELO BAU KEHI SERAN NAIKOFI DASI BOKI FOUK LEKI`),
  rote: words(`NDUN FANGGIDAE PELLO DETHAN LAY MOOY NDOLU MESSAKH MANAFE FOEH HENUKH NDOEN HANING TODA
    TUNGGA ADOE SINLAE PAH NALLE DILLAK NISNONI FEOH LAISE ZACHARIAS SAUDALE NUNUHITU MBATU ANAKAMAN`),
  sabu: words(`RIWU KANA LODO BILI RATU LUDJI DJAMI ROHI RAJA BIRE DIDA LADO WADU HEGE TEDE DAE KORE
    BUNGA RADJA LEBA LOMI TADU HURU MIRA DJAWA HABA LAWE NGADI`),
  sumba: words(`LENDE NGONGO KAKA NDAPA HAMBA PATI TAKA LEWA NDIMA DJARA RIHI NGGABA MBANI MEHA TANYA
    KUDU TAMU DAWA MALO NGARA LAWA WARA KADI DETA BILI DAPPA MAULAKU LEBA NDAKULARAK WOLA PANDANGE`),
  manggarai: words(`JEHAUT NDARU JEMADU DAGUR MBAUT GANGGUS JEBARUS HAMUN DAHUR NABU LAGUR JANGGUR PANDUR
    SADUR NGGADAS TANIS DAMU JEMALI NAHUR JEMAUN MANTER BAGUNG HALUT NGAMPUS JANGGAT LEWAR`),
  ngada: words(`BHOKI WEA MEO DHAE TAY NONO WUDA LAJO RANGGA NDONA SEBHO DOPO BUPU LENA NUWA PAWE ROGA
    TUGA DHEKE MEZE BATE TOLO NAGE LOBO REMA`),
  lio: words(`PALI WANGGE RANGGA SARA NGASU RATU ARI MOSA NUA GADI DHOGO BORO NDONA WOLO SINA SAWU
    LAKA MBIRA WANDA BATA GERU MOA PAGA NGGAJO`),
  sikka: words(`PARERA FERNANDEZ NONG MOA GLEKO SADIPUN WODA MEAK BURA LEWAR KLEDEN DJOGO XIMENES LAMEN
    DA_SILVA DA_CUNHA DA_GOMEZ RATO GOLO BEKU MING PAGO BOGAR`),
  lamaholot: words(`HUREK BOLI KELEN KOTEN TUKAN KOLIN KEDANG LAMANEPA MARAN BEDA OLA LIWU SOGEN WUJON TOKAN
    BELAWA WERANG HAYON MAKING KEAN ARAN NIRON LAGAOR MANUK LAMURI LEWOKEDA DORE TUAN LEMA`),
  alor: words(`MAURE LAPENANGGA LAUMALAY MOYO LELANG KAFELKAI MABILEHI ATAPADA SELLY MALAIKOSA TANG
    PLAIKOL DJAHAMOU BUKANG MAUKO LAOMAKE ALOKO PADAMA KOLANG BLEGUR`),
  nusantara: words(`SAPUTRA WIJAYA SANTOSO HIDAYAT NASUTION SIREGAR HARAHAP LUBIS SIMANJUNTAK PURBA SETIAWAN
    KUSUMA PRATAMA SUSANTO GUNAWAN HALIM TANJUNG SITORUS RAHMAN HASIBUAN`),
};

/** Surnames or second names among Muslim families of the province (Bugis, Bima, Bajo, Solor origins). */
const MUSLIM_FAMILY = words(`ABDULLAH BETHAN LAMAAU BAHY LADJAR SULAIMAN BASO RAHIM HAMID LATIF SALIM DAENG
  MUHAMMAD HASAN UMAR ISMAIL IBRAHIM YUSUF RAHMAN ARIFIN KARIM`);

const MALE_OLD = words(`YOHANES FRANSISKUS AGUSTINUS PETRUS MARTHEN PAULUS YOSEF YAKOBUS STEFANUS MARKUS DANIEL
  YEREMIAS MIKAEL BENEDIKTUS KORNELIS MATHEUS LUKAS SIMON ANDREAS ALFONSUS ALOYSIUS DOMINIKUS HENDRIKUS
  KRISTOFORUS ARNOLDUS FERDINANDUS GABRIEL WILHELMUS YULIUS MARSELINUS ROFINUS ADRIANUS THOMAS FILIPUS
  HIRONIMUS ANSELMUS BLASIUS EMANUEL ROBERT YUNUS OBED SEMUEL ISHAK MUSA ELIAS NIKODEMUS MELKIANUS NIKOLAUS
  RUBEN GERSON HABEL LAURENSIUS SIPRIANUS VIKTOR ZAKARIAS YOSUA`);
const FEMALE_OLD = words(`MARIA YOSEFINA THERESIA AGUSTINA MARTHA MAGDALENA ANASTASIA ELISABETH YULIANA KATARINA
  VERONIKA MARGARETHA BERNADETA FRANSISKA KRISTINA PAULINA REGINA FLORENTINA YOHANA ADRIANA MARSELINA SERLINA
  OKTAVIA PRISKA SOFIA NAOMI ESTER RUT DEBORA SARA DORKAS FEBRONIA WILHELMINA HERLINA YAKOBA MINCE SELFINA
  ORPA ANCE MARIANA ROSALINA LUSIA SISILIA BERTA AGNES`);
const MALE_YOUNG = words(`KEVIN RIAN ANGELO ALDO YOSUA JEFRI RIKI MARVEL GILBERT DIMAS ARDI FERDI JUNIOR GABRIEL
  MIKHAEL REYNALDO DAVID ELVIS RONALDO FIKTOR ALFRED GERALDO EDISON SAMUEL FREDERIK NATANAEL YOGI DENIS`);
const FEMALE_YOUNG = words(`CHELSEA ANGEL CLARA NATALIA VANESA PUTRI FEBRIANTI INDAH AYU MELANI SINTIA GRASELA
  JESIKA ANJELINA YUNITA DESI NOVITA MERLIN GRESIA FLORA AURELIA CINDY VIOLA ESTERINA KRISTIN LISNA`);
const MUSLIM_MALE = words(`MUHAMMAD AHMAD ABDUL HASAN HUSEIN IBRAHIM ISMAIL YUSUF UMAR ALI HAMZAH RIDWAN SYAMSUDDIN
  JAMALUDIN ARIFIN SULAIMAN ABUBAKAR RAHMAT SALEH IDRIS`);
const MUSLIM_FEMALE = words(`SITI NUR FATIMAH AISYAH HALIMAH KHADIJAH NURHAYATI SAIDAH MARYAM ZAINAB RAHMAWATI
  AMINAH HADIJAH JUBAIDAH SAFIA RUKAYAH`);
const MUSLIM_MALE_YOUNG = words(`RIZKY FADLI ADITYA FAHRI ILHAM RAFI ARSYAD FAJAR`);
const MUSLIM_FEMALE_YOUNG = words(`NABILA ZAHRA AULIA SALSABILA NAJWA KEISHA AZZAHRA NURUL`);
const MUSLIM_SECOND_MALE = words(`RAHMAN HAKIM KADIR SYAFRUDIN SALEH RAHIM AMIN ANWAR FAUZI HIDAYAT`);
const MUSLIM_SECOND_FEMALE = words(`ASTUTI WULANDARI AMINAH RAHMAWATI NURHAYATI SAFITRI HANDAYANI`);

/** A surname as it is written: underscores in the lists stand for the space in `DA SILVA`. */
function clan(raw: string): string {
  return raw.replace(/_/g, ' ');
}

export function pickFamilyName(rng: Rng, group: NameGroup, muslim: boolean): string {
  if (muslim) return rng.chance(0.6) ? rng.pick(MUSLIM_FAMILY) : '';
  return clan(rng.pick(FAMILY_NAMES[group]));
}

export interface NameRequest {
  readonly sex: 1 | 2;
  readonly birthYear: number;
  readonly muslim: boolean;
  readonly group: NameGroup;
  /** Clan name carried (father's for children, own clan for adults); '' for none. */
  readonly familyName: string;
}

/** A full name in upper case: given name(s) plus the clan name where the culture uses one. */
export function personName(rng: Rng, req: NameRequest): string {
  const young = req.birthYear >= 1995;
  const parts: string[] = [];
  if (req.muslim) {
    const pool = req.sex === 1 ? (young && rng.chance(0.5) ? MUSLIM_MALE_YOUNG : MUSLIM_MALE) : young && rng.chance(0.5) ? MUSLIM_FEMALE_YOUNG : MUSLIM_FEMALE;
    parts.push(rng.pick(pool));
    if (req.familyName === '' || rng.chance(0.5)) parts.push(rng.pick(req.sex === 1 ? MUSLIM_SECOND_MALE : MUSLIM_SECOND_FEMALE));
  } else {
    if (req.group === 'sumba' && rng.chance(0.15)) parts.push(req.sex === 1 ? 'UMBU' : 'RAMBU');
    const pool = req.sex === 1 ? (young && rng.chance(0.6) ? MALE_YOUNG : MALE_OLD) : young && rng.chance(0.6) ? FEMALE_YOUNG : FEMALE_OLD;
    parts.push(rng.pick(pool));
    // Second baptismal names are common on Flores; elsewhere less so.
    const secondP = req.group === 'sikka' || req.group === 'lamaholot' || req.group === 'ngada' || req.group === 'lio' ? 0.35 : 0.12;
    if (rng.chance(secondP)) {
      const second = rng.pick(req.sex === 1 ? MALE_OLD : FEMALE_OLD);
      if (second !== parts[parts.length - 1]) parts.push(second);
    }
  }
  if (req.familyName !== '' && !parts.includes(req.familyName)) parts.push(req.familyName);
  return parts.join(' ');
}

/** Title Case for files typed by hand in an office (`YOHANES DA SILVA` → `Yohanes Da Silva`). */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s.'/(-])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** The clan name of a full name (its last word), used to give children their father's clan. */
export function lastWord(name: string): string {
  const i = name.lastIndexOf(' ');
  return i < 0 ? '' : name.slice(i + 1);
}

/** Spelling variants seen between sources (DOMAIN.md §4), keyed by the canonical upper-case word. */
export const SPELLING_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  MUHAMMAD: ['MUHAMAD', 'MOH.', 'MUH.', 'MOHAMMAD', 'MOCH.'],
  YOHANES: ['YOH.', 'YOHANNES', 'JOHANES', 'YOHANIS'],
  FRANSISKUS: ['FRANS', 'FRANSISCUS', 'FRANCISKUS', 'FR.'],
  AGUSTINUS: ['AGUS', 'AUGUSTINUS', 'AGUSTINES'],
  PETRUS: ['PIETER', 'PITER'],
  MARTHEN: ['MARTEN', 'MARTHIN'],
  YOSEFINA: ['YOSEPHINA', 'JOSEFINA', 'YOSEVINA'],
  YAKOBUS: ['JAKOBUS', 'YAKOB'],
  YOSEF: ['YOSEPH', 'JOSEF', 'YOSEP'],
  STEFANUS: ['STEVANUS', 'STEPANUS'],
  SITI: ['ST.'],
  ABDUL: ['ABD.'],
  THERESIA: ['TERESIA', 'THERESYA'],
  ELISABETH: ['ELISABET', 'ELIZABETH'],
  KATARINA: ['KATHARINA', 'CATARINA'],
  KRISTINA: ['CHRISTINA', 'KRISTIN'],
  YULIANA: ['JULIANA', 'YULIANI'],
  HENDRIKUS: ['HENDRIK'],
  WILHELMUS: ['WILEM', 'WILLEM'],
  MARKUS: ['MARCUS'],
  NIKOLAUS: ['NIKOLAS', 'NICOLAUS'],
  ALOYSIUS: ['ALOISIUS', 'ALO'],
  KORNELIS: ['CORNELIS', 'KORNELIUS'],
  MAGDALENA: ['MADGALENA', 'MAGDALENAH'],
  FATIMAH: ['FATIMA'],
  AISYAH: ['AISAH', 'AISYA'],
  KHADIJAH: ['HADIJAH', 'KHADIJA'],
  MARIA: ['MA.', 'MARIAH'],
  ANASTASIA: ['ANASTASYA'],
  MIKAEL: ['MICHAEL', 'MIKHAEL'],
  FILIPUS: ['PHILIPUS', 'FILIPPUS'],
  MATHEUS: ['MATEUS', 'MATIUS'],
};

export const TITLES_BEFORE = ['DRS.', 'IR.', 'PDT.'] as const;
export const TITLES_AFTER = ['S.PD', 'S.SOS', 'S.E', 'A.MD', 'S.KOM', 'S.PD.SD', 'S.TH', 'S.IP'] as const;
export const MUSLIM_TITLES = { 1: 'H.', 2: 'HJ.' } as const;

/** Street names for addresses in towns. */
export const STREETS = words(`TIMOR_RAYA EL_TARI W.J._LALAMENTIK SOEKARNO FRANS_SEDA KEJORA SAM_RATULANGI MOH._HATTA
  AMABI KALPATARU OEBA NANGKA JAMBU ADISUCIPTO PERINTIS_KEMERDEKAAN CAK_DOKO SUMBA FLORES ALOR ROTE
  R.A._KARTINI DIPONEGORO SUDIRMAN GATOT_SUBROTO PAHLAWAN MERDEKA KATEDRAL PELABUHAN TRANS_FLORES`).map(clan);
