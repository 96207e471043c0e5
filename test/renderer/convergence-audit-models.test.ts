/**
 * The pure parts of Konvergensi, Log Audit and the letterhead form: arguments and buckets, the
 * stacked chart's series, action labels and entry summaries, the audit filter, and which field a
 * refused letterhead names.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contracts/audit.ts';
import type { ConvergenceResult, ConvergenceRow } from '../../shared/contracts/interventions.ts';
import { formatNumber, formatPercent, interpolate } from '../../shared/i18n/format.ts';
import { uiEn, uiId, type UiKey } from '../../shared/i18n/ui.ts';
import type { ChartI18n } from '../../renderer/src/features/analysis/chartOptions.ts';
import {
  actionLabel, AUDIT_ACTION_LABEL, auditSummary, detailJson, filterArgs, formatAuditTime, isFiltered, NO_FILTER, shortHash,
} from '../../renderer/src/features/audit/auditModel.ts';
import {
  argsKey, bucketCount, convergenceChartData, convergenceChartOption, DEFAULT_DRAFT, parseYear, rowsDrillable, shareOfRow, strategyLabel, toArgs, toggleDesil,
} from '../../renderer/src/features/convergence/convergenceModel.ts';
import {
  addSignOff, fromDraft, MAX_SIGN_OFF, nipLooksOdd, rejectedField, rejectionHint, removeSignOff, toDraft,
} from '../../renderer/src/features/settings/letterheadModel.ts';
import type { Letterhead } from '../../shared/contracts/interventions.ts';

function i18nOf(lang: 'id' | 'en'): ChartI18n {
  const dict: Readonly<Record<UiKey, string>> = lang === 'en' ? uiEn : uiId;
  return {
    lang,
    t: (key, params) => interpolate(dict[key], params),
    num: (n, digits = 0) => formatNumber(lang, n, digits),
    pct: (share, digits = 1) => formatPercent(lang, share, digits),
  };
}

const ID = i18nOf('id');
const EN = i18nOf('en');

function row(code: string, name: string, byCount: [number, number, number, number], sameStrategy: number, perProgram: number[]): ConvergenceRow {
  return { code, name, families: byCount.reduce((a, b) => a + b, 0), byCount, sameStrategy, perProgram };
}

const RESULT: ConvergenceResult = {
  region: { code: '53', name: 'Nusa Tenggara Timur', level: 1 },
  programs: [
    { key: 'flag:pkh', label: 'PKH', strategy: 1, kind: 'flag', families: 30 },
    { key: 'recipients:RTLH', label: 'RTLH', strategy: null, kind: 'recipients', families: 5 },
  ],
  rows: [row('53.01', 'Kabupaten Kupang', [10, 20, 30, 40], 25, [22, 3]), row('53.02', 'Kabupaten Timor Tengah Selatan', [0, 0, 0, 0], 0, [0, 0])],
  total: row('53', 'Nusa Tenggara Timur', [10, 20, 30, 40], 25, [22, 3]),
  description: ['Keluarga desil 1 di Nusa Tenggara Timur.', 'Program: tanda penerima.', 'Catatan.'],
  ms: 12,
};

describe('convergence model', () => {
  it('turns the screen state into the warehouse arguments and a stable key', () => {
    expect(toArgs(DEFAULT_DRAFT, null)).toEqual({ desil: [1], includeLists: false });
    const args = toArgs({ desil: [3, 1, 3], yearFrom: 2024, yearTo: null, includeLists: true }, '53.01');
    expect(args).toEqual({ region: '53.01', desil: [1, 3], yearFrom: 2024, includeLists: true });
    expect(argsKey(args)).toBe(JSON.stringify(['53.01', [1, 3], 2024, null, true]));
    expect(argsKey(args)).not.toBe(argsKey(toArgs(DEFAULT_DRAFT, '53.01')));
  });

  it('keeps at least one desil and reads year boxes', () => {
    expect(toggleDesil([1], 1)).toEqual([1]);
    expect(toggleDesil([1], 3)).toEqual([1, 3]);
    expect(toggleDesil([1, 3], 1)).toEqual([3]);
    expect(parseYear('')).toBeNull();
    expect(parseYear(' 2025 ')).toBe(2025);
    expect(parseYear('202')).toBeUndefined();
    expect(parseYear('3025')).toBeUndefined();
  });

  it('reads a bucket of a row: program counts, several of one strategy, a program by key', () => {
    const r = RESULT.rows[0] as ConvergenceRow;
    expect(['0', '1', '2', '3'].map((b) => bucketCount(r, RESULT.programs, b))).toEqual([10, 20, 30, 40]);
    expect(bucketCount(r, RESULT.programs, 'same')).toBe(25);
    expect(bucketCount(r, RESULT.programs, 'recipients:RTLH')).toBe(3);
    expect(bucketCount(r, RESULT.programs, 'list:99')).toBe(0);
    expect(shareOfRow(10, r)).toBe(0.1);
    expect(shareOfRow(0, RESULT.rows[1] as ConvergenceRow)).toBeNull();
    expect(rowsDrillable(RESULT)).toBe(true);
    expect(rowsDrillable({ ...RESULT, region: { ...RESULT.region, level: 3 } })).toBe(false);
    expect(strategyLabel(1, 'id')).toBe('Pengurangan beban pengeluaran');
    expect(strategyLabel(null, 'en')).toBeNull();
  });

  it('draws four stacked series whose percentages add up to 100 per region', () => {
    const counts = convergenceChartData(ID, RESULT, 'count');
    expect(counts.series.map((s) => s.name)).toEqual(['0 program', '1 program', '2 program', '3+ program']);
    expect(counts.series.map((s) => s.counts[0])).toEqual([10, 20, 30, 40]);
    expect(counts.rowTotals).toEqual([100, 0]);
    const shares = convergenceChartData(EN, RESULT, 'percent');
    expect(shares.series[3]?.name).toBe('3+ programs');
    expect(shares.series.reduce((a, s) => a + (s.values[0] ?? 0), 0)).toBeCloseTo(100, 9);
    expect(shares.series.every((s) => s.values[1] === 0)).toBe(true);
    const built = convergenceChartOption(ID, RESULT, 'percent', 900);
    expect(built.title).toBe('Keluarga menurut jumlah program yang diterima, Nusa Tenggara Timur');
    expect(built.height).toBeGreaterThan(200);
  });
});

describe('audit model', () => {
  const entry = (action: string, detail: Record<string, unknown>): Pick<AuditEntry, 'action' | 'detail'> => ({ action, detail });

  it('labels every action the warehouse writes, and shows others as written', () => {
    for (const action of ['import', 'batch.delete', 'list.finalize', 'list.revise', 'list.export', 'analysis.export', 'export.rejects', 'family.view_full_nik', 'settings.letterhead', 'audit.export', 'crosswalk.import']) {
      expect(AUDIT_ACTION_LABEL[action]).toBeDefined();
      expect(actionLabel(ID.t, action)).not.toBe(action);
      expect(actionLabel(EN.t, action)).not.toBe(actionLabel(ID.t, action));
    }
    expect(actionLabel(ID.t, 'list.export')).toBe('Ekspor daftar');
    expect(actionLabel(ID.t, 'something.new')).toBe('something.new');
    expect(actionLabel(ID.t, 'toString')).toBe('toString');
  });

  it('summarises an entry in one line', () => {
    expect(auditSummary(ID, entry('import', { batchId: 3, source: 'dtks', file: 'dtks.csv', rows: { rowsRead: 15551, rowsImported: 15551 } }))).toBe('Batch #3 · DTKS · dtks.csv · 15.551 baris diimpor');
    expect(auditSummary(EN, entry('import', { batchId: 3, source: 'dtks', file: 'dtks.csv', rows: { rowsImported: 15551 } }))).toBe('Batch #3 · DTKS · dtks.csv · 15,551 rows imported');
    expect(auditSummary(ID, entry('list.export', { program: 'RTLH', version: 2, rows: 50, format: 'xlsx', masked: false, file: 'rtlh.xlsx' }))).toBe('RTLH versi 2 · 50 baris · XLSX · NIK LENGKAP · rtlh.xlsx');
    expect(auditSummary(ID, entry('list.export', { program: 'RTLH', version: 1, rows: 50, format: 'csv', masked: true, file: 'rtlh.csv' }))).toContain('NIK disamarkan');
    expect(auditSummary(ID, entry('family.view_full_nik', { familyId: 10, batchId: 1, members: 4 }))).toBe('Keluarga #10 · batch #1 · 4 anggota');
    expect(auditSummary(ID, entry('export.rejects', { batchId: 2, rejected: 3, flagged: 1200, niksMasked: true }))).toBe('Batch #2 · 3 ditolak, 1.200 ditandai · NIK disamarkan');
    expect(auditSummary(ID, entry('audit.export', { file: 'Log-audit.xlsx', rows: 8 }))).toBe('Log-audit.xlsx · 8 entri');
    // Missing fields do not break the line.
    expect(auditSummary(ID, entry('list.finalize', {}))).toBe('— versi — · — unit, — keluarga');
    // Unknown actions: their scalar fields.
    expect(auditSummary(ID, entry('x.y', { a: 1, b: 'dua', c: { nested: true }, d: true }))).toBe('a: 1 · b: dua · d: true');
  });

  it('formats times in the locale, shortens hashes, and builds the filter', () => {
    expect(formatAuditTime('id', 'not a date')).toBe('not a date');
    expect(formatAuditTime('id', '2026-11-24T05:49:03.694Z')).toMatch(/2026/);
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
    expect(filterArgs(NO_FILTER)).toEqual({});
    expect(isFiltered(NO_FILTER)).toBe(false);
    const utc = () => 0;
    expect(filterArgs({ action: 'list', text: '  rtlh ', from: '2026-01-01', to: '2026-1-2' }, utc)).toEqual({ action: 'list', text: 'rtlh', from: '2026-01-01T00:00:00.000Z' });
    expect(filterArgs({ ...NO_FILTER, from: '2026-11-24', to: '2026-11-24' }, utc)).toEqual({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-24' });
    // WITA (UTC+8): 24 November begins at 23 Nov 16:00 UTC and ends at 24 Nov 16:00 UTC, inside UTC 24 November.
    const wita = () => 480;
    expect(filterArgs({ ...NO_FILTER, from: '2026-11-24', to: '2026-11-24' }, wita)).toEqual({ from: '2026-11-23T16:00:00.000Z', to: '2026-11-24' });
    // Months and years roll over.
    expect(filterArgs({ ...NO_FILTER, from: '2026-01-01', to: '2026-12-31' }, wita)).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-12-31' });
    expect(filterArgs({ ...NO_FILTER, to: '2026-12-31' }, () => -300)).toEqual({ to: '2027-01-01' });
    expect(detailJson({ detail: { a: 1 } })).toBe('{\n  "a": 1\n}');
  });
});

describe('letterhead model', () => {
  const L: Letterhead = {
    government: 'PEMERINTAH', agency: 'BAPPEDA', address: 'Jl.', documentNumber: '050', city: 'Kupang', paper: 'F4',
    signOff: [{ role: 'Mengetahui,', title: 'Kepala', name: '', nip: '' }], coverageYears: 3,
  };

  it('round-trips the form, with a non-number coverage window left for the warehouse to refuse', () => {
    expect(fromDraft(toDraft(L))).toEqual(L);
    expect(fromDraft({ ...toDraft(L), coverageYears: ' 7 ' }).coverageYears).toBe(7);
    expect(Number.isNaN(fromDraft({ ...toDraft(L), coverageYears: '2,5' }).coverageYears)).toBe(true);
  });

  it('adds blocks up to the maximum and removes them', () => {
    let d = toDraft(L);
    d = addSignOff(d);
    expect(d.signOff[1]?.role).toBe('Menyetujui,');
    while (d.signOff.length < MAX_SIGN_OFF) d = addSignOff(d);
    expect(addSignOff(d)).toBe(d);
    expect(removeSignOff(d, 0).signOff.length).toBe(MAX_SIGN_OFF - 1);
  });

  it('names the refused field and says why', () => {
    expect(rejectedField({ method: 'lists.settings.save', problem: 'signOff.1.nip' })).toBe('signOff.1.nip');
    expect(rejectedField({ method: 'lists.draft', problem: 'x' })).toBeNull();
    expect(rejectedField(undefined)).toBeNull();
    expect(rejectionHint('signOff.1.nip')).toEqual({ key: 'kop.hint.tooLong', max: 40 });
    expect(rejectionHint('city')).toEqual({ key: 'kop.hint.tooLong', max: 100 });
    expect(rejectionHint('coverageYears')).toEqual({ key: 'kop.hint.coverageYears' });
    expect(rejectionHint('letterhead')).toEqual({ key: 'kop.hint.other' });
    expect(nipLooksOdd('')).toBe(false);
    expect(nipLooksOdd('19700101 199503 1 001')).toBe(false);
    expect(nipLooksOdd('12345')).toBe(true);
  });
});
