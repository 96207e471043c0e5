import { describe, expect, it } from 'vitest';
import type { IssueKind } from '../../shared/import/issues.ts';
import { ISSUE_KIND_LIST, ISSUE_KINDS, issueMessage, placeIssue, rejectsRow, severityOf } from '../../shared/import/issues.ts';

/** Placeholder names in a template, sorted. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** Example params for every placeholder that is not the issue's own column/value. */
const SAMPLE_PARAMS = { length: 15, expected: { id: 'perempuan', en: 'female' }, nik: '5371014508900003', firstRow: 12 } as const;

describe('issue catalogue', () => {
  it('gives every kind a severity and a message in Bahasa Indonesia and English with the same placeholders', () => {
    expect(ISSUE_KIND_LIST.length).toBeGreaterThan(30);
    for (const kind of ISSUE_KIND_LIST) {
      const spec = ISSUE_KINDS[kind];
      expect(['error', 'warning', 'info'], kind).toContain(spec.severity);
      expect(spec.id.trim().length, kind).toBeGreaterThan(10);
      expect(spec.en.trim().length, kind).toBeGreaterThan(10);
      expect(spec.id, kind).not.toBe(spec.en);
      expect(placeholders(spec.id), kind).toEqual(placeholders(spec.en));
      for (const p of placeholders(spec.id)) expect(['column', 'value', ...Object.keys(SAMPLE_PARAMS)], `${kind}: {${p}}`).toContain(p);
    }
  });

  it('renders every kind in both languages with nothing left unfilled', () => {
    for (const kind of ISSUE_KIND_LIST) {
      for (const lang of ['id', 'en'] as const) {
        const msg = issueMessage({ kind, column: 'NIK', value: '5.30127E+15', params: SAMPLE_PARAMS }, lang);
        expect(msg, `${kind}/${lang}`).not.toMatch(/\{\w+\}/);
        expect(msg.length).toBeGreaterThan(10);
      }
    }
  });

  it('says what DOMAIN.md asks for an Excel-damaged NIK, in both languages', () => {
    const issue = placeIssue({ kind: 'nik_excel_damaged' }, { row: 6, column: 'Nomor NIK', value: '5.30127E+15' });
    expect(issue).toEqual({ kind: 'nik_excel_damaged', severity: 'warning', row: 6, column: 'Nomor NIK', value: '5.30127E+15' });
    expect(issueMessage(issue, 'id')).toContain('NIK kemungkinan rusak oleh Excel (“5.30127E+15”)');
    expect(issueMessage(issue, 'id')).toContain('Tidak diperbaiki');
    expect(issueMessage(issue, 'en')).toContain('NIK possibly damaged by Excel');
  });

  it('fills localised params and names the first row (and its sheet when it differs)', () => {
    const mismatch = { kind: 'nik_sex_mismatch', column: 'Jenis Kelamin', value: 'LAKI-LAKI', params: { nik: '5371014508900003', expected: { id: 'perempuan', en: 'female' } } } as const;
    expect(issueMessage(mismatch, 'id')).toBe('Jenis kelamin “LAKI-LAKI” tidak cocok dengan NIK 5371014508900003, yang menunjukkan perempuan.');
    expect(issueMessage(mismatch, 'en')).toBe('Sex “LAKI-LAKI” does not match NIK 5371014508900003, which indicates female.');
    const dup = { kind: 'duplicate_nik', column: 'NIK', value: '5371014508900003', params: { firstRow: 12, firstSheet: 'Individu 1' }, sheet: 'Individu 2' } as const;
    expect(issueMessage(dup, 'id')).toBe('NIK “5371014508900003” sudah muncul di baris 12 (lembar Individu 1).');
    expect(issueMessage({ ...dup, sheet: 'Individu 1' }, 'en')).toBe('NIK “5371014508900003” already appeared on row 12.');
    const id = { kind: 'duplicate_id', column: 'ID Keluarga P3KE', value: 'P530106100100001', params: { firstRow: 4 } } as const;
    expect(issueMessage(id, 'id')).toBe('ID Keluarga P3KE “P530106100100001” sudah muncul di baris 4; baris ini ditolak.');
  });

  it('shortens long values in messages but keeps them whole in the issue', () => {
    const long = 'X'.repeat(200);
    const msg = issueMessage({ kind: 'label_unknown', column: 'Sumber Air Minum', value: long }, 'id');
    expect(msg.length).toBeLessThan(160);
    expect(msg).toContain('…');
  });

  it('rejects a row on errors only; the severities follow the planner’s view', () => {
    const expectSeverity: Partial<Record<IssueKind, string>> = {
      nik_excel_damaged: 'warning',
      nik_empty: 'warning',
      nik_placeholder: 'warning',
      nik_length: 'warning',
      duplicate_nik: 'warning',
      duplicate_id: 'error',
      region_unknown: 'error',
      region_outside_province: 'error',
      desil_out_of_range: 'error',
      required_missing: 'error',
      label_unknown: 'warning',
      date_invalid: 'warning',
      name_cleaned: 'info',
      total_row_skipped: 'info',
    };
    for (const [kind, sev] of Object.entries(expectSeverity)) expect(severityOf(kind as IssueKind), kind).toBe(sev);
    expect(rejectsRow([{ kind: 'nik_excel_damaged' }, { kind: 'name_cleaned' }])).toBe(false);
    expect(rejectsRow([{ kind: 'nik_excel_damaged' }, { kind: 'region_unknown' }])).toBe(true);
    expect(rejectsRow([])).toBe(false);
  });

  it('places a cell issue with its sheet and params', () => {
    const placed = placeIssue({ kind: 'nik_length', params: { length: 15 } }, { row: 20, column: 'NIK', value: '537101450890003', sheet: 'Individu' });
    expect(placed).toEqual({ kind: 'nik_length', severity: 'warning', row: 20, column: 'NIK', value: '537101450890003', params: { length: 15 }, sheet: 'Individu' });
    expect(issueMessage(placed, 'en')).toBe('NIK “537101450890003” has 15 digits instead of 16.');
  });
});
