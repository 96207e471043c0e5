import type { Database } from 'better-sqlite3';
import { ageOn, attributeMeta, valueLabel } from '../../../shared/analysis/attributes.ts';
import type { FamilyAppearance, FamilyDetail, FamilyField, FamilyMember } from '../../../shared/contracts/analysis.ts';
import type { Language } from '../../../shared/contracts/system.ts';
import { maskNik, maskNiksInText, nikProblem } from '../../../shared/model/nik.ts';
import { familyLinks } from '../linkage/family-links.ts';
import type { BatchSummary } from '../../../shared/model/source.ts';
import { currentLanguage, fail } from '../context.ts';
import { all, get, ident, join, sql } from '../db/sql.ts';
import { batchById, listBatches } from '../system/batches.ts';
import { FAMILY_COLUMN } from './cube.ts';
import { analysisSourceOf, SOURCE_KINDS_OF } from './datasets.ts';
import { appendAudit } from '../audit/log.ts';

/**
 * `analysis.family`: everything the warehouse holds about one family — its row with every code
 * turned into words, where it lives, its members, the columns its file had that the warehouse does
 * not model, and where else it appears (other batches of any source, recipient lists). Every
 * look-up goes through an index (primary keys, person by batch and family, and the partial
 * indexes of migration 003), so it stays instant on a warehouse of a million families.
 */

interface Label {
  readonly id: string;
  readonly en: string;
}

interface FamilyRow {
  readonly [column: string]: string | number | null;
  id: number;
  batch_id: number;
  source_id: string | null;
  region_code: string | null;
  kk: string | null;
  head_nik: string | null;
  head_name: string | null;
  head_birth: string | null;
  members: number | null;
  extra: string | null;
}

interface PersonRow {
  id: number;
  nik: string | null;
  name: string | null;
  sex: number | null;
  birth_date: string | null;
  birth_place: string | null;
  relation: number | null;
  marital: number | null;
  education: number | null;
  occupation: number | null;
  padan: number | null;
  extra: string | null;
}

/** A field of the family row: plain text, a NIK/KK (masked unless asked), a number, or an attribute code. */
type FieldSpec =
  | { readonly key: string; readonly column: string; readonly kind: 'text' | 'nik' | 'number'; readonly label: Label }
  | { readonly key: string; readonly kind: 'code' }
  | { readonly key: 'umur_kepala'; readonly kind: 'headAge'; readonly label: Label };

/** The family row in the order a planner reads a P3KE record: who, where, welfare, house, programs. */
const FAMILY_FIELDS: readonly FieldSpec[] = [
  { key: 'id_keluarga', column: 'source_id', kind: 'text', label: { id: 'ID keluarga di sumber data', en: 'Family id in the source' } },
  { key: 'no_kk', column: 'kk', kind: 'nik', label: { id: 'Nomor KK', en: 'Family card number (No KK)' } },
  { key: 'nik_kepala', column: 'head_nik', kind: 'nik', label: { id: 'NIK kepala keluarga', en: 'NIK of the head' } },
  { key: 'nama_kepala', column: 'head_name', kind: 'text', label: { id: 'Nama kepala keluarga', en: 'Name of the head' } },
  { key: 'jk_kepala', kind: 'code' },
  { key: 'tanggal_lahir_kepala', column: 'head_birth', kind: 'text', label: { id: 'Tanggal lahir kepala keluarga', en: 'Birth date of the head' } },
  { key: 'umur_kepala', kind: 'headAge', label: { id: 'Umur kepala keluarga (tahun)', en: 'Age of the head (years)' } },
  { key: 'pekerjaan_kepala', kind: 'code' },
  { key: 'pendidikan_kepala', kind: 'code' },
  { key: 'alamat', column: 'address', kind: 'text', label: { id: 'Alamat', en: 'Address' } },
  { key: 'kode_wilayah', column: 'region_code', kind: 'text', label: { id: 'Kode wilayah (Kemendagri)', en: 'Region code (Kemendagri)' } },
  { key: 'desil', kind: 'code' },
  { key: 'persentil', column: 'percentile', kind: 'number', label: { id: 'Persentil kesejahteraan', en: 'Welfare percentile' } },
  { key: 'jumlah_anggota', column: 'members', kind: 'number', label: { id: 'Jumlah anggota keluarga', en: 'Family members' } },
  { key: 'padan', kind: 'code' },
  { key: 'kepemilikan_rumah', kind: 'code' },
  { key: 'atap', kind: 'code' },
  { key: 'kualitas_atap', kind: 'code' },
  { key: 'dinding', kind: 'code' },
  { key: 'kualitas_dinding', kind: 'code' },
  { key: 'lantai', kind: 'code' },
  { key: 'kualitas_lantai', kind: 'code' },
  { key: 'penerangan', kind: 'code' },
  { key: 'daya_listrik', kind: 'code' },
  { key: 'bahan_bakar', kind: 'code' },
  { key: 'air_minum', kind: 'code' },
  { key: 'jamban', kind: 'code' },
  { key: 'simpanan', kind: 'code' },
  { key: 'stunting', kind: 'code' },
  { key: 'penerima_bpnt', kind: 'code' },
  { key: 'penerima_bpum', kind: 'code' },
  { key: 'penerima_bst', kind: 'code' },
  { key: 'penerima_pkh', kind: 'code' },
  { key: 'penerima_sembako', kind: 'code' },
];

const MEMBER_LABELS = {
  tanggal_lahir: { id: 'Tanggal lahir', en: 'Birth date' },
  umur: { id: 'Umur (tahun)', en: 'Age (years)' },
  tempat_lahir: { id: 'Tempat lahir', en: 'Birthplace' },
} as const satisfies Record<string, Label>;

/** Person columns shown for every member after sex, birth date and age, as registry attributes (their labels and codebooks). */
const MEMBER_CODES: readonly { readonly key: string; readonly column: 'relation' | 'marital' | 'education' | 'occupation' }[] = [
  { key: 'hubungan', column: 'relation' },
  { key: 'status_kawin', column: 'marital' },
  { key: 'pendidikan', column: 'education' },
  { key: 'pekerjaan', column: 'occupation' },
];

const DETAIL_TEXT = {
  id: { head: 'kepala', recipient: 'penerima' },
  en: { head: 'head', recipient: 'recipient' },
} as const;

/** Rows looked up per kind of link; a placeholder No KK shared by thousands must not flood the answer. */
const LINK_LIMIT = 200;
/** NIKs of members looked up at once (a KK rarely has more than 15 people). */
const NIK_LIMIT = 100;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A NIK or No KK worth linking on: 16 digits and not a placeholder every bad record shares. */
function linkable(v: string | null): v is string {
  return v !== null && /^\d{16}$/.test(v) && nikProblem(v) !== 'placeholder';
}

function codeField(key: string, code: number | string | null, lang: Language): FamilyField {
  const meta = attributeMeta(key);
  const c = typeof code === 'number' ? code : null;
  return { key, label: meta ? meta[lang] : key, value: c === null ? null : meta ? valueLabel(meta, c, lang) : String(c), code: c };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** The `extra` JSON of a row: template fields the table has no column for, and unmapped file columns. */
function parseExtra(raw: string | null, showFullNik: boolean): { fields: { key: string; value: string }[]; columns: { header: string; value: string }[] } {
  const out = { fields: [] as { key: string; value: string }[], columns: [] as { header: string; value: string }[] };
  if (!raw) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null) return out;
  const o = parsed as Record<string, unknown>;
  // Unmapped columns are free text from an office's file; a NIK typed into a note is still a NIK.
  const shown = (v: unknown): string | null => {
    const t = text(v);
    return t === null || showFullNik ? t : maskNiksInText(t);
  };
  const fields = o['fields'];
  if (typeof fields === 'object' && fields !== null) {
    for (const [key, v] of Object.entries(fields)) {
      const t = shown(v);
      if (t !== null) out.fields.push({ key, value: t });
    }
  }
  const columns = o['columns'];
  if (typeof columns === 'object' && columns !== null) {
    for (const [header, v] of Object.entries(columns)) {
      const t = shown(v);
      if (t !== null) out.columns.push({ header, value: t });
    }
  }
  return out;
}

/**
 * The family row holding a keluarga family's members: P3KE and DTSEN deliver members in a separate
 * individu file, joined by the source's family id. The newest complete individu batch that has the
 * id is taken — the one the cross-tab pairs with the newest keluarga batch.
 */
function memberHolder(db: Database, fam: FamilyRow, batch: BatchSummary): { id: number; batchId: number; members: number | null } | null {
  if (batch.source !== 'p3ke_keluarga' && batch.source !== 'dtsen_keluarga') return { id: fam.id, batchId: fam.batch_id, members: fam.members };
  if (!fam.source_id) return null;
  const source = analysisSourceOf(batch.source);
  if (!source) return null;
  const r = get<{ id: number; batch_id: number; members: number | null }>(
    db,
    sql`SELECT f.id, f.batch_id, f.members FROM family f JOIN batch b ON b.id = f.batch_id
        WHERE f.source_id = ${fam.source_id} AND b.source = ${SOURCE_KINDS_OF[source].person} AND b.status = 'complete'
        ORDER BY f.batch_id DESC LIMIT 1`,
  );
  return r ? { id: r.id, batchId: r.batch_id, members: r.members } : null;
}

function memberOf(p: PersonRow, lang: Language, showFullNik: boolean, ageDate: string): FamilyMember {
  const fields: FamilyField[] = [];
  fields.push(codeField('jk', p.sex, lang));
  fields.push({ key: 'tanggal_lahir', label: MEMBER_LABELS.tanggal_lahir[lang], value: p.birth_date });
  const age = ageOn(p.birth_date, ageDate);
  fields.push({ key: 'umur', label: MEMBER_LABELS.umur[lang], value: age === null ? null : String(age) });
  for (const m of MEMBER_CODES) fields.push(codeField(m.key, p[m.column], lang));
  if (p.birth_place !== null) fields.push({ key: 'tempat_lahir', label: MEMBER_LABELS.tempat_lahir[lang], value: p.birth_place });
  if (p.padan !== null) fields.push(codeField('padan', p.padan, lang));
  // The member's own unmodelled values, labelled by their template key or file header as written.
  const extra = parseExtra(p.extra, showFullNik);
  for (const f of extra.fields) fields.push({ key: `extra.${f.key}`, label: f.key, value: f.value });
  for (const c of extra.columns) fields.push({ key: `kolom.${c.header}`, label: c.header, value: c.value });
  return {
    personId: p.id,
    nik: p.nik === null ? null : showFullNik ? p.nik : maskNik(p.nik),
    name: p.name,
    fields,
  };
}

function familyFields(fam: FamilyRow, memberCount: number | null, lang: Language, showFullNik: boolean, ageDate: string): FamilyField[] {
  const out: FamilyField[] = [];
  for (const f of FAMILY_FIELDS) {
    if (f.kind === 'code') {
      out.push(codeField(f.key, fam[FAMILY_COLUMN[f.key] ?? f.key] ?? null, lang));
      continue;
    }
    if (f.kind === 'headAge') {
      const age = ageOn(fam.head_birth, ageDate);
      out.push({ key: f.key, label: f.label[lang], value: age === null ? null : String(age) });
      continue;
    }
    let v = fam[f.column] ?? null;
    // A keluarga row does not count its members; the individu file does.
    if (f.column === 'members' && v === null) v = memberCount;
    const t = text(v);
    out.push({ key: f.key, label: f.label[lang], value: f.kind === 'nik' && t !== null && !showFullNik ? maskNik(t) : t });
  }
  return out;
}

function regionPath(db: Database, code: string | null): FamilyDetail['region'] {
  if (!code) return [];
  const parts = code.split('.');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  return all<{ level: number; code: string; name: string }>(
    db,
    sql`SELECT level, code, name FROM region WHERE code IN (${join(prefixes.map((p) => sql`${p}`))}) ORDER BY level`,
  );
}

interface LinkedFamily {
  id: number;
  batch_id: number;
  head_name: string | null;
  region_code: string | null;
}

function appearancesOf(
  db: Database, fam: FamilyRow, batch: BatchSummary, niks: readonly string[], lang: Language, showFullNik: boolean,
): FamilyAppearance[] {
  const batches = new Map(listBatches(db).map((b) => [b.id, b]));
  const ownSource = analysisSourceOf(batch.source);
  const seen = new Set<number>([fam.id]);
  const found: { batch: BatchSummary; familyId: number | null; matchedBy: FamilyAppearance['matchedBy']; detail: string | null; regionCode: string | null; order: number }[] = [];
  const addFamilies = (rows: readonly LinkedFamily[], matchedBy: FamilyAppearance['matchedBy'], accept: (b: BatchSummary) => boolean): void => {
    for (const r of rows) {
      const b = batches.get(r.batch_id);
      if (!b || r.batch_id === fam.batch_id || seen.has(r.id) || !accept(b)) continue;
      seen.add(r.id);
      found.push({ batch: b, familyId: r.id, matchedBy, detail: r.head_name, regionCode: r.region_code, order: r.id });
    }
  };
  // The source's own family id only means the same family within that source (P3KE ids are not DTKS ids).
  if (fam.source_id !== null && ownSource !== null) {
    addFamilies(
      all<LinkedFamily>(db, sql`SELECT id, batch_id, head_name, region_code FROM family WHERE source_id = ${fam.source_id} ORDER BY id LIMIT ${LINK_LIMIT}`),
      'source_id',
      (b) => analysisSourceOf(b.source) === ownSource,
    );
  }
  const kk = linkable(fam.kk) ? fam.kk : null;
  if (kk !== null) {
    addFamilies(all<LinkedFamily>(db, sql`SELECT id, batch_id, head_name, region_code FROM family WHERE kk = ${kk} ORDER BY id LIMIT ${LINK_LIMIT}`), 'kk', () => true);
  }
  const nikList = niks.filter(linkable).slice(0, NIK_LIMIT);
  if (nikList.length > 0) {
    // Families headed by one of this family's people: how P3KE (which carries no No KK) meets DTKS and DTSEN.
    const inList = join(nikList.map((n) => sql`${n}`));
    addFamilies(
      all<LinkedFamily>(db, sql`SELECT id, batch_id, head_name, region_code FROM family WHERE head_nik IN (${inList}) ORDER BY id LIMIT ${LINK_LIMIT}`),
      'nik',
      () => true,
    );
  }
  const regionNames = new Map<string, string>();
  const codes = [...new Set(found.map((f) => f.regionCode).filter((c): c is string => c !== null))];
  if (codes.length > 0) {
    for (const r of all<{ code: string; name: string }>(db, sql`SELECT code, name FROM region WHERE code IN (${join(codes.map((c) => sql`${c}`))})`)) {
      regionNames.set(r.code, r.name);
    }
  }
  const out: FamilyAppearance[] = [];
  for (const f of found) {
    const where = f.regionCode === null ? null : (regionNames.get(f.regionCode) ?? f.regionCode);
    const head = f.detail === null ? null : `${DETAIL_TEXT[lang].head}: ${f.detail}`;
    out.push({ batch: f.batch, familyId: f.familyId, matchedBy: f.matchedBy, detail: [head, where].filter((x) => x !== null).join(' · ') || null });
  }

  // Recipient lists: by the family's No KK, or any member's NIK.
  interface Recipient { id: number; batch_id: number; program: string; year: number | null; name: string | null; nik: string | null; kk: string | null }
  const recipients = new Map<number, { r: Recipient; matchedBy: 'kk' | 'nik' }>();
  if (kk !== null) {
    for (const r of all<Recipient>(db, sql`SELECT id, batch_id, program, year, name, nik, kk FROM program_recipient WHERE kk = ${kk} ORDER BY id LIMIT ${LINK_LIMIT}`)) {
      recipients.set(r.id, { r, matchedBy: 'kk' });
    }
  }
  if (nikList.length > 0) {
    const inList = join(nikList.map((n) => sql`${n}`));
    for (const r of all<Recipient>(db, sql`SELECT id, batch_id, program, year, name, nik, kk FROM program_recipient WHERE nik IN (${inList}) ORDER BY id LIMIT ${LINK_LIMIT}`)) {
      if (!recipients.has(r.id)) recipients.set(r.id, { r, matchedBy: 'nik' });
    }
  }
  for (const { r, matchedBy } of [...recipients.values()].sort((a, b) => a.r.id - b.r.id)) {
    const b = batches.get(r.batch_id);
    if (!b) continue;
    const program = r.year === null ? r.program : `${r.program} (${r.year})`;
    const who = r.name === null ? null : `${DETAIL_TEXT[lang].recipient}: ${r.name}`;
    const nik = matchedBy === 'nik' && r.nik !== null ? `NIK ${showFullNik ? r.nik : maskNik(r.nik)}` : null;
    out.push({ batch: b, familyId: null, matchedBy, detail: [program, who, nik].filter((x) => x !== null).join(' · ') });
  }
  return out.sort((a, b) => a.batch.id - b.batch.id);
}

/** `analysis.family`: one family's full record; full NIKs only when asked, and then logged. */
export function familyDetail(db: Database, _dbPath: string, args: { readonly familyId: number; readonly showFullNik?: boolean }): FamilyDetail {
  const familyId = (args as { familyId?: unknown }).familyId;
  if (typeof familyId !== 'number' || !Number.isSafeInteger(familyId) || familyId <= 0) {
    fail(db, 'invalid_input', 'error.invalidArgs', { method: 'analysis.family', problem: 'familyId' });
  }
  const showFullNik = args.showFullNik === true;
  const columns = [
    'id', 'batch_id', 'source_id', 'region_code', 'kk', 'head_nik', 'head_name', 'head_birth', 'address', 'desil', 'percentile', 'members',
    ...Object.values(FAMILY_COLUMN).filter((c) => c !== 'desil'), 'extra',
  ];
  const fam = get<FamilyRow>(db, sql`SELECT ${join(columns.map((c) => ident(c)))} FROM family WHERE id = ${familyId}`);
  if (!fam) fail(db, 'not_found', 'error.familyNotFound', { id: familyId });
  const batch = batchById(db, fam.batch_id);
  if (!batch) fail(db, 'not_found', 'error.familyNotFound', { id: familyId });
  const lang = currentLanguage(db);
  const ageDate = today();

  const holder = memberHolder(db, fam, batch);
  const persons = holder
    ? all<PersonRow>(
      db,
      sql`SELECT id, nik, name, sex, birth_date, birth_place, relation, marital, education, occupation, padan, extra
          FROM person WHERE batch_id = ${holder.batchId} AND family_id = ${holder.id} ORDER BY id`,
    )
    : [];
  const members = persons.map((p) => memberOf(p, lang, showFullNik, ageDate));
  const memberCount = holder?.members ?? (persons.length > 0 ? persons.length : null);

  const niks = [...new Set([fam.head_nik, ...persons.map((p) => p.nik)].filter((n): n is string => n !== null))];
  const extra = parseExtra(fam.extra, showFullNik);

  if (showFullNik) {
    // The PDP law asks who saw which personal data: every unmasked view is written down.
    appendAudit(db, 'family.view_full_nik', { familyId: fam.id, batchId: fam.batch_id, members: persons.length });
  }

  return {
    familyId: fam.id,
    batch,
    source: analysisSourceOf(batch.source),
    fields: familyFields(fam, memberCount, lang, showFullNik, ageDate),
    region: regionPath(db, fam.region_code),
    members,
    extraColumns: extra.columns,
    extraFields: extra.fields,
    appearances: appearancesOf(db, fam, batch, niks, lang, showFullNik),
    linked: familyLinks(db, holder && holder.id !== fam.id ? [fam.id, holder.id] : [fam.id], persons.map((p) => p.id), showFullNik),
    nikShown: showFullNik,
  };
}

