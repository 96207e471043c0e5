import type { Database } from 'better-sqlite3';
import type { Letterhead } from '../../../shared/contracts/interventions.ts';
import { fail } from '../context.ts';
import { get, run, sql } from '../db/sql.ts';
import { appendAudit } from '../audit/log.ts';

/**
 * The letterhead (kop surat) and sign-off block printed on every list, and the default coverage
 * window, kept in the settings table as one JSON value.
 */

export const DEFAULT_LETTERHEAD: Letterhead = {
  government: 'PEMERINTAH PROVINSI NUSA TENGGARA TIMUR',
  agency: 'BADAN PERENCANAAN PEMBANGUNAN DAERAH',
  address: 'Jl. Polisi Militer No. 2, Kupang',
  documentNumber: '050/      /Bappeda',
  city: 'Kupang',
  paper: 'F4',
  signOff: [
    { role: 'Mengetahui,', title: 'Kepala Bappeda', name: '', nip: '' },
    { role: 'Menyetujui,', title: 'Kepala Perangkat Daerah', name: '', nip: '' },
  ],
  coverageYears: 3,
};

const KEY = 'letterhead';

export function readLetterhead(db: Database): Letterhead {
  const row = get<{ value: string }>(db, sql`SELECT value FROM setting WHERE key = ${KEY}`);
  if (!row) return DEFAULT_LETTERHEAD;
  try {
    return { ...DEFAULT_LETTERHEAD, ...(JSON.parse(row.value) as Partial<Letterhead>) };
  } catch {
    return DEFAULT_LETTERHEAD;
  }
}

function text(db: Database, v: unknown, field: string, max = 300): string {
  if (typeof v !== 'string' || v.length > max) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.settings.save', problem: field });
  return v.trim();
}

export function saveLetterhead(db: Database, raw: unknown): Letterhead {
  if (typeof raw !== 'object' || raw === null) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.settings.save', problem: 'letterhead' });
  const v = raw as Record<string, unknown>;
  const signOff = v['signOff'];
  if (!Array.isArray(signOff) || signOff.length > 4) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.settings.save', problem: 'signOff' });
  const cy = v['coverageYears'];
  if (typeof cy !== 'number' || !Number.isInteger(cy) || cy < 0 || cy > 30) fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.settings.save', problem: 'coverageYears' });
  const paper = v['paper'];
  if (paper !== 'A4' && paper !== 'F4') fail(db, 'invalid_input', 'error.invalidArgs', { method: 'lists.settings.save', problem: 'paper' });
  const out: Letterhead = {
    government: text(db, v['government'], 'government'),
    agency: text(db, v['agency'], 'agency'),
    address: text(db, v['address'], 'address'),
    documentNumber: text(db, v['documentNumber'], 'documentNumber'),
    city: text(db, v['city'], 'city', 100),
    paper,
    signOff: signOff.map((s: unknown, i) => {
      const o = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
      return {
        role: text(db, o['role'], `signOff.${i}.role`, 100),
        title: text(db, o['title'], `signOff.${i}.title`, 200),
        name: text(db, o['name'], `signOff.${i}.name`, 200),
        nip: text(db, o['nip'], `signOff.${i}.nip`, 40),
      };
    }),
    coverageYears: cy,
  };
  db.transaction(() => {
    run(db, sql`INSERT INTO setting (key, value) VALUES (${KEY}, ${JSON.stringify(out)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    appendAudit(db, 'settings.letterhead', { agency: out.agency, documentNumber: out.documentNumber, signOff: out.signOff.map((s) => s.title) });
  })();
  return out;
}
