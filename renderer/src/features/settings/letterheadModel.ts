/**
 * The letterhead form as plain data: what the boxes hold (text, even for the coverage window, so a
 * half-typed number stays on screen), the lengths the warehouse accepts, and which box a warehouse
 * refusal names (`details.problem`: `agency`, `signOff.1.nip`, `coverageYears` …).
 */
import type { Letterhead } from '../../../../shared/contracts/interventions.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';

/** The export prints at most four sign-off blocks side by side. */
export const MAX_SIGN_OFF = 4;

/** Longest text the warehouse keeps per field (electron/warehouse/interventions/settings.ts). */
export const FIELD_MAX = {
  government: 300,
  agency: 300,
  address: 300,
  documentNumber: 300,
  city: 100,
  role: 100,
  title: 200,
  name: 200,
  nip: 40,
} as const;

export type SignOff = Letterhead['signOff'][number];

export interface LetterheadDraft extends Omit<Letterhead, 'coverageYears'> {
  readonly coverageYears: string;
}

export function toDraft(l: Letterhead): LetterheadDraft {
  return { ...l, signOff: l.signOff.map((s) => ({ ...s })), coverageYears: String(l.coverageYears) };
}

/**
 * The draft as the warehouse takes it. A coverage window that is not a whole number goes as NaN
 * (null on the wire), so the warehouse's own check names the field rather than a guess here.
 */
export function fromDraft(d: LetterheadDraft): Letterhead {
  const cy = d.coverageYears.trim();
  return { ...d, coverageYears: /^-?\d+$/.test(cy) ? Number(cy) : Number.NaN };
}

export const EMPTY_SIGN_OFF: SignOff = { role: '', title: '', name: '', nip: '' };

export function addSignOff(d: LetterheadDraft): LetterheadDraft {
  if (d.signOff.length >= MAX_SIGN_OFF) return d;
  // The second block is usually the approver, the first the one who acknowledges.
  const role = d.signOff.length === 0 ? 'Mengetahui,' : d.signOff.length === 1 ? 'Menyetujui,' : '';
  return { ...d, signOff: [...d.signOff, { ...EMPTY_SIGN_OFF, role }] };
}

export function removeSignOff(d: LetterheadDraft, index: number): LetterheadDraft {
  return { ...d, signOff: d.signOff.filter((_, i) => i !== index) };
}

export function setSignOff(d: LetterheadDraft, index: number, patch: Partial<SignOff>): LetterheadDraft {
  return { ...d, signOff: d.signOff.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

export function sameDraft(a: LetterheadDraft, b: LetterheadDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The field a refusal of `lists.settings.save` names, or null. */
export function rejectedField(details: Readonly<Record<string, string | number | boolean | null>> | undefined): string | null {
  if (!details || details['method'] !== 'lists.settings.save') return null;
  const p = details['problem'];
  return typeof p === 'string' && p !== '' ? p : null;
}

/** A NIP is 18 digits (birth date, appointment month, sex, serial); others are shown with a gentle note, not refused. */
export function nipLooksOdd(nip: string): boolean {
  const s = nip.replace(/\s/g, '');
  return s !== '' && !/^\d{18}$/.test(s);
}

/**
 * What to tell the planner under a refused field, in plain words (the warehouse's own message is
 * shown above the form): the length limit of a text, the range of the coverage window, the paper.
 */
export function rejectionHint(field: string): { readonly key: UiKey; readonly max?: number } {
  if (field === 'coverageYears') return { key: 'kop.hint.coverageYears' };
  if (field === 'paper') return { key: 'kop.hint.paper' };
  if (field === 'signOff') return { key: 'kop.hint.signOff', max: MAX_SIGN_OFF };
  const name = field.startsWith('signOff.') ? field.split('.')[2] : field;
  return name !== undefined && isLimited(name) ? { key: 'kop.hint.tooLong', max: FIELD_MAX[name] } : { key: 'kop.hint.other' };
}

function isLimited(name: string): name is keyof typeof FIELD_MAX {
  return Object.hasOwn(FIELD_MAX, name);
}
