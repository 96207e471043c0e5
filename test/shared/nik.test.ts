import { describe, expect, it } from 'vitest';
import { excelRoundedDigits, looksExcelDamaged, nikDatePart, nikProblem, parseNik } from '../../shared/model/nik.ts';

describe('NIK', () => {
  it('parses sex and birth date, with +40 on the day for women', () => {
    expect(parseNik('5371014508900003')).toEqual({ regionPrefix: '537101', day: 5, month: 8, year2: 90, sex: 2, serial: '0003' });
    expect(parseNik('5371010508900003')?.sex).toBe(1);
    expect(parseNik('5371017208900003')).toBeNull();
    expect(nikDatePart({ year: 1990, month: 8, day: 5 }, 2)).toBe('450890');
    expect(nikDatePart({ year: 2004, month: 12, day: 31 }, 1)).toBe('311204');
  });

  it('names the first problem of a value as written in a file', () => {
    expect(nikProblem('5371014508900003')).toBeNull();
    expect(nikProblem('')).toBe('empty');
    expect(nikProblem('0')).toBe('placeholder');
    expect(nikProblem('0000000000000000')).toBe('placeholder');
    expect(nikProblem('5.37101E+15')).toBe('excel_damaged');
    expect(nikProblem('5371014508900000.0')).toBe('excel_damaged');
    expect(nikProblem('537101450890000')).toBe('length');
    expect(nikProblem('53710145089O0003')).toBe('not_digits');
    expect(nikProblem('5371013508900003')).toBe('bad_day');
    expect(nikProblem('5371010513900003')).toBe('bad_month');
  });

  it('reproduces what Excel keeps of a 16-digit number', () => {
    expect(excelRoundedDigits('5371014508900003')).toBe('5371014508900000');
    expect(excelRoundedDigits('5371014508900007')).toBe('5371014508900010');
    expect(excelRoundedDigits('9471014508900007')).toBe('9471014508900010');
    expect(looksExcelDamaged('5.3710145089E+15')).toBe(true);
    expect(looksExcelDamaged('5371014508900003')).toBe(false);
  });
});
