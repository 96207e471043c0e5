import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../shared/import/fields.ts';
import type { Normalized, RawCell } from '../../shared/import/normalize.ts';
import {
  categoryNormalizer,
  cleanSpaces,
  dateNormalizer,
  excelSerialToIso,
  fieldNormalizer,
  isUsableKey,
  localToday,
  normalizeCategory,
  normalizeCell,
  normalizeDate,
  normalizeDesil,
  normalizeId,
  normalizeInteger,
  normalizeKk,
  normalizeName,
  normalizeNik,
  normalizeNumber,
  normalizeRegion,
  normalizeRegionBps,
  normalizeSex,
  normalizeText,
  normalizeYear,
  normalizeYesNo,
  parseNumberText,
} from '../../shared/import/normalize.ts';
import { isEmptyText } from '../../shared/import/cell.ts';
import { KeyIndex, SIZED } from '../../shared/import/key-index.ts';
import { CODEBOOKS, EDUCATION, FLOOR, FUEL, LIGHTING, OCCUPATION, PADAN_DUKCAPIL, POWER, ROOF, STUNTING_RISK, TOILET, WALL, WATER } from '../../shared/model/codebook.ts';
import { excelRoundedDigits } from '../../shared/model/nik.ts';

const TODAY = '2025-06-30';

function kinds(r: Normalized): string[] {
  return r.issues.map((i) => i.kind);
}

function date(raw: RawCell): Normalized {
  return normalizeDate(raw, { today: TODAY });
}

describe('normalizeNik / normalizeKk', () => {
  it('keeps a clean 16-digit NIK as text, trimmed, without issues', () => {
    expect(normalizeNik('5371014508900003')).toEqual({ value: '5371014508900003', issues: [] });
    expect(normalizeNik(' 5371014508900003\u00a0')).toEqual({ value: '5371014508900003', issues: [] });
    // Excel's "keep as text" apostrophe leaking into a CSV.
    expect(normalizeNik("'5371014508900003").value).toBe('5371014508900003');
    expect(normalizeKk('5301062306250001')).toEqual({ value: '5301062306250001', issues: [] });
  });

  it('flags a NIK that arrived as a number ≥ 1e15 and keeps its digits, never repaired', () => {
    const damaged = Number(excelRoundedDigits('5301064707800001'));
    expect(damaged).toBe(5301064707800000);
    expect(normalizeNik(damaged)).toEqual({ value: '5301064707800000', issues: [{ kind: 'nik_excel_damaged' }] });
    // A rounding that carries: ...07 → ...10, a serial that looks valid but belongs to nobody.
    expect(normalizeNik(5371014508900010)).toEqual({ value: '5371014508900010', issues: [{ kind: 'nik_excel_damaged' }] });
    expect(kinds(normalizeKk(5301060805250000))).toEqual(['kk_excel_damaged']);
  });

  it('flags E+15 text from CSVs made from damaged sheets, keeping the text as written', () => {
    expect(normalizeNik('5.30127E+15')).toEqual({ value: '5.30127E+15', issues: [{ kind: 'nik_excel_damaged' }] });
    expect(normalizeNik('5,30127E+15').issues[0]?.kind).toBe('nik_excel_damaged');
    expect(normalizeNik('5.3E15').issues[0]?.kind).toBe('nik_excel_damaged');
    expect(normalizeKk('5.30106E+15')).toEqual({ value: '5.30106E+15', issues: [{ kind: 'kk_excel_damaged' }] });
    expect(normalizeNik('5301014508900000.0')).toEqual({ value: '5301014508900000', issues: [{ kind: 'nik_excel_damaged' }] });
  });

  it('flags serial 0000 (what Excel leaves of serials 0001–0004) as possibly damaged', () => {
    expect(kinds(normalizeNik('5301064707800000'))).toEqual(['nik_excel_damaged']);
    expect(normalizeNik('5301064707800000').value).toBe('5301064707800000');
  });

  it('turns empty cells and placeholders into null with an issue', () => {
    for (const v of ['', '   ', '-', 'KOSONG', null, undefined]) expect(normalizeNik(v)).toEqual({ value: null, issues: [{ kind: 'nik_empty' }] });
    for (const v of ['0', 0, '0000000000000000', '9999999999999999', '1111111111111111', '1234567890123456', '000']) {
      expect(normalizeNik(v)).toEqual({ value: null, issues: [{ kind: 'nik_placeholder' }] });
    }
    expect(kinds(normalizeKk('0'))).toEqual(['kk_placeholder']);
    expect(kinds(normalizeKk(''))).toEqual(['kk_empty']);
  });

  it('reports wrong length and non-digits, keeping the text', () => {
    expect(normalizeNik('537101450890003')).toEqual({ value: '537101450890003', issues: [{ kind: 'nik_length', params: { length: 15 } }] });
    expect(normalizeNik('53710145089000031')).toEqual({ value: '53710145089000031', issues: [{ kind: 'nik_length', params: { length: 17 } }] });
    expect(normalizeNik('53710145089O0003')).toEqual({ value: '53710145089O0003', issues: [{ kind: 'nik_not_digits' }] });
    expect(kinds(normalizeNik('5371 0145 0890 0003'))).toEqual(['nik_not_digits']);
    expect(kinds(normalizeNik(5371.5))).toEqual(['nik_not_digits']);
    expect(kinds(normalizeNik(537101450890003))).toEqual(['nik_length']);
    expect(kinds(normalizeKk('530106230625001'))).toEqual(['kk_length']);
  });

  it('checks the NIK date part: DD 01–31 or 41–71, MM 01–12, day within the month', () => {
    expect(kinds(normalizeNik('5371013508900003'))).toEqual(['nik_bad_date']); // DD 35
    expect(kinds(normalizeNik('5371017208900003'))).toEqual(['nik_bad_date']); // DD 72
    expect(kinds(normalizeNik('5371010013900003'))).toEqual(['nik_bad_date']); // DD 00, MM 13
    expect(kinds(normalizeNik('5371010513900003'))).toEqual(['nik_bad_date']); // MM 13
    expect(kinds(normalizeNik('5371013102900003'))).toEqual(['nik_bad_date']); // 31 February
    expect(kinds(normalizeNik('5371016902000003'))).toEqual([]); // 29 February (woman, +40)
    expect(kinds(normalizeNik('5371017112900003'))).toEqual([]); // 31 December (woman)
    expect(kinds(normalizeNik('0071014508900003'))).toEqual(['nik_bad_region']);
    // No KK digits 7–12 are an issue date, not a birth date with +40: not checked.
    expect(kinds(normalizeKk('5301067306250001'))).toEqual([]);
  });

  it('tells which NIKs can serve as keys', () => {
    expect(isUsableKey(normalizeNik('5371014508900003'))).toBe(true);
    expect(isUsableKey(normalizeNik('5371013508900003'))).toBe(true); // bad date: still the same text twice
    expect(isUsableKey(normalizeNik(5301064707800000))).toBe(false);
    expect(isUsableKey(normalizeNik('5.30127E+15'))).toBe(false);
    expect(isUsableKey(normalizeNik(''))).toBe(false);
  });
});

describe('normalizeId', () => {
  it('keeps ids as text exactly, trimmed; numbers as their digits', () => {
    expect(normalizeId(' P530106100100001 ')).toEqual({ value: 'P530106100100001', issues: [] });
    expect(normalizeId(530106100100001)).toEqual({ value: '530106100100001', issues: [] });
    expect(normalizeId('530106100100001.0')).toEqual({ value: '530106100100001', issues: [] });
    expect(normalizeId('')).toEqual({ value: null, issues: [] });
  });

  it('flags 16+-digit ids that went through Excel as numbers', () => {
    expect(normalizeId(5301061001000010)).toEqual({ value: '5301061001000010', issues: [{ kind: 'id_excel_damaged' }] });
    expect(kinds(normalizeId('5.30106E+15'))).toEqual(['id_excel_damaged']);
  });
});

describe('dateNormalizer', () => {
  it('reads dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy and yyyy-mm-dd', () => {
    expect(date('23/01/1987')).toEqual({ value: '1987-01-23', issues: [] });
    expect(date('3/1/1987').value).toBe('1987-01-03');
    expect(date('3-1-1987').value).toBe('1987-01-03');
    expect(date('23.01.1987').value).toBe('1987-01-23');
    expect(date('1987-01-23').value).toBe('1987-01-23');
    expect(date('1987/01/23').value).toBe('1987-01-23');
    expect(date('1987-1-3').value).toBe('1987-01-03');
    expect(date(' 23/01/1987 ').value).toBe('1987-01-23');
  });

  it('drops a time part: yyyy-mm-ddTHH:MM, with seconds, after dd/mm/yyyy', () => {
    expect(date('1987-01-23T10:00').value).toBe('1987-01-23');
    expect(date('1987-01-23T00:00:00.000Z').value).toBe('1987-01-23');
    expect(date('1987-01-23 00:00:00').value).toBe('1987-01-23');
    expect(date('23/01/1987 00:00:00').value).toBe('1987-01-23');
    expect(date('23/01/1987 10:00').value).toBe('1987-01-23');
  });

  it('reads Indonesian and English month names, full and short', () => {
    const cases: [string, string][] = [
      ['23 Januari 1987', '1987-01-23'],
      ['5 Pebruari 1990', '1990-02-05'],
      ['5 Februari 1990', '1990-02-05'],
      ['17 Agustus 1945', '1945-08-17'],
      ['17-Agt-1945', '1945-08-17'],
      ['17 Ags 1945', '1945-08-17'],
      ['1 Mei 2000', '2000-05-01'],
      ['1 Okt 2000', '2000-10-01'],
      ['10 Nopember 2001', '2001-11-10'],
      ['25 Des 1999', '1999-12-25'],
      ['25 DESEMBER 1999', '1999-12-25'],
      ['25 December 1999', '1999-12-25'],
      ['25-Dec-99', '1999-12-25'],
      ['December 25, 1999', '1999-12-25'],
      ['Senin, 23 Januari 1987', '1987-01-23'],
      ['1999 Des 25', '1999-12-25'],
    ];
    for (const [raw, want] of cases) expect(date(raw).value, raw).toBe(want);
  });

  it('pivots two-digit years on today: up to this year → 20yy, above → 19yy', () => {
    expect(date('23/01/87').value).toBe('1987-01-23');
    expect(date('23/01/05').value).toBe('2005-01-23');
    expect(date('23/01/25').value).toBe('2025-01-23');
    expect(date('23/01/26').value).toBe('1926-01-23');
    expect(date('12-Agt-30').value).toBe('1930-08-12');
  });

  it('reads Excel 1900-system serials, numbers and numeric text, with the 1900 leap-year bug', () => {
    expect(date(31800)).toEqual({ value: '1987-01-23', issues: [] });
    expect(date('31800').value).toBe('1987-01-23');
    expect(date(31800.75).value).toBe('1987-01-23'); // a time of day
    expect(date('31800.5').value).toBe('1987-01-23');
    expect(date(1).value).toBe('1900-01-01');
    expect(date(59).value).toBe('1900-02-28');
    // Serial 60 is Excel's 29 February 1900, a day that never was.
    expect(date(60)).toEqual({ value: null, issues: [{ kind: 'date_invalid' }] });
    expect(date('60')).toEqual({ value: null, issues: [{ kind: 'date_invalid' }] });
    expect(date(61).value).toBe('1900-03-01');
    expect(date(45838).value).toBe('2025-06-30');
    expect(excelSerialToIso(25569)).toBe('1970-01-01');
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
    expect(excelSerialToIso(0)).toBeNull();
  });

  it('reads compact forms: yyyymmdd, ddmmyyyy, ddmmyy', () => {
    expect(date('19870123').value).toBe('1987-01-23');
    expect(date('23011987').value).toBe('1987-01-23');
    expect(date('230187').value).toBe('1987-01-23');
  });

  it('rejects impossible dates and unreadable text; a year alone is not a date', () => {
    for (const raw of ['31/02/2000', '29/02/2001', '29/02/1900', '00/00/0000', '32/01/2000', '15/13/2000', 'kemarin', '23/01/987', '1/2/3/4', '01/01/1899']) {
      expect(date(raw), raw).toEqual({ value: null, issues: [{ kind: 'date_invalid' }] });
    }
    expect(date('29/02/2000').value).toBe('2000-02-29');
    expect(date('1987')).toEqual({ value: null, issues: [{ kind: 'date_year_only' }] });
    expect(date(1987)).toEqual({ value: null, issues: [{ kind: 'date_year_only' }] });
    expect(date(true)).toEqual({ value: null, issues: [{ kind: 'date_invalid' }] });
  });

  it('does not guess a month-first reading for a day-first column', () => {
    expect(date('12/31/1987').issues[0]?.kind).toBe('date_invalid');
    const mdy = dateNormalizer({ today: TODAY, order: 'mdy' });
    expect(mdy('12/31/1987').value).toBe('1987-12-31');
    expect(mdy('01/02/1987').value).toBe('1987-01-02');
  });

  it('flags future dates but keeps them; empty markers are null without an issue', () => {
    expect(date('01/07/2025')).toEqual({ value: '2025-07-01', issues: [{ kind: 'date_future' }] });
    expect(date('30/06/2025')).toEqual({ value: '2025-06-30', issues: [] });
    expect(normalizeDate('01/07/2025', { today: TODAY, flagFuture: false }).issues).toEqual([]);
    for (const v of ['', 'KOSONG', '-', null, undefined]) expect(date(v)).toEqual({ value: null, issues: [] });
  });

  it('gives the same answers from a memoised reader over repeated cells', () => {
    const read = dateNormalizer({ today: TODAY });
    for (let i = 0; i < 3; i++) {
      expect(read('23/01/1987').value).toBe('1987-01-23');
      expect(read(31800).value).toBe('1987-01-23');
      expect(read('31/02/2000').value).toBeNull();
    }
    expect(localToday(new Date(2025, 5, 30, 23, 59))).toBe('2025-06-30');
  });

  it('reads the fixed-width forms through the table by day exactly as without it, in either day order', () => {
    const cells: string[] = [];
    for (const y of [1849, 1850, 1948, 2000, 2024, 2025, 2026, 2100, 2101]) {
      for (const m of [0, 1, 2, 9, 12, 13]) {
        for (const d of [0, 1, 9, 28, 29, 30, 31, 32]) {
          const dd = String(d).padStart(2, '0');
          const mm = String(m).padStart(2, '0');
          cells.push(`${dd}/${mm}/${y}`, `${dd}-${mm}-${y}`, `${dd}.${mm}.${y}`, `${y}-${mm}-${dd}`, `${y}/${mm}/${dd}`, `${mm}/${dd}/${y}`);
        }
      }
    }
    cells.push('1a/01/1990', '01/0b/1990', '1990-01-0x', '01/01-1990', '1990-01/01', ' 1/01/1990', '19/09/1948 ');
    for (const order of ['dmy', 'mdy'] as const) {
      const quick = dateNormalizer({ today: TODAY, order });
      const plain = dateNormalizer({ today: TODAY, order, memo: false });
      // Twice: the second pass answers from the table.
      for (let pass = 0; pass < 2; pass++) {
        for (const c of cells) expect(quick(c), `${order} ${c}`).toEqual(plain(c));
      }
    }
  });
});

describe('normalizeYesNo / normalizeSex', () => {
  it('maps Ya/Tidak and their variants to 1/0', () => {
    for (const v of ['Ya', 'YA', 'ya', 'Y', 'y', '1', 1, true, 'True', 'TRUE', ' Ya ']) expect(normalizeYesNo(v), String(v)).toEqual({ value: 1, issues: [] });
    for (const v of ['Tidak', 'TIDAK', 'tidak', 'T', 'TDK', '0', 0, false, 'False', 'N']) expect(normalizeYesNo(v), String(v)).toEqual({ value: 0, issues: [] });
    for (const v of ['', 'KOSONG', 'Kosong', '-', null]) expect(normalizeYesNo(v)).toEqual({ value: null, issues: [] });
    expect(normalizeYesNo('Mungkin')).toEqual({ value: null, issues: [{ kind: 'label_unknown' }], unmapped: 'Mungkin' });
    expect(normalizeYesNo(2).issues[0]?.kind).toBe('label_unknown');
  });

  it('maps Jenis Kelamin spellings to 1 (male) / 2 (female)', () => {
    for (const v of ['L', 'l', 'LAKI-LAKI', 'Laki-laki', 'LAKI - LAKI', 'Laki Laki', 'LK', 'PRIA', 'Pria', '1', 1]) expect(normalizeSex(v).value, String(v)).toBe(1);
    for (const v of ['P', 'p', 'PEREMPUAN', 'Perempuan', 'WANITA', 'Wanita', '2', 2]) expect(normalizeSex(v).value, String(v)).toBe(2);
    expect(normalizeSex('X')).toEqual({ value: null, issues: [{ kind: 'label_unknown' }], unmapped: 'X' });
    expect(normalizeSex(3).issues[0]?.kind).toBe('label_unknown');
    expect(normalizeSex('KOSONG')).toEqual({ value: null, issues: [] });
  });
});

describe('normalizeCategory', () => {
  it('maps every P3KE label of DOMAIN.md §2.3, in upper and Title Case, to a code', () => {
    const p3ke: [typeof ROOF, string[]][] = [
      [ROOF, ['BETON', 'GENTENG', 'ASBES/SENG', 'KAYU/SIRAP', 'BAMBU', 'JERAMI/IJUK/RUMBIA/DAUN-DAUNAN', 'LAINNYA']],
      [WALL, ['TEMBOK', 'KAYU/PAPAN', 'BAMBU', 'SENG', 'LAINNYA']],
      [FLOOR, ['KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO', 'SEMEN', 'KAYU/PAPAN', 'TANAH', 'BAMBU', 'LAINNYA']],
      [LIGHTING, ['LISTRIK PLN METERAN', 'LISTRIK PLN NON METERAN', 'LISTRIK NON-PLN', 'BUKAN LISTRIK']],
      [POWER, ['=< 900 WATT', '> 900 WATT']],
      [FUEL, ['LISTRIK/GAS', 'MINYAK TANAH', 'ARANG/KAYU', 'LAINNYA']],
      [WATER, ['AIR KEMASAN/ISI ULANG', 'LEDENG/PAM', 'SUMUR BOR', 'SUMUR TERLINDUNG', 'SUMUR TIDAK TERLINDUNG', 'AIR PERMUKAAN (SUNGAI, DANAU, DLL)', 'AIR HUJAN', 'LAINNYA']],
      [TOILET, ['MILIK SENDIRI', 'UMUM/BERSAMA', 'LAINNYA']],
      [STUNTING_RISK, ['BERESIKO STUNTING', 'TIDAK BERESIKO STUNTING', 'BUKAN TARGET SASARAN']],
      [OCCUPATION, ['PETANI', 'NELAYAN', 'PEDAGANG', 'PEGAWAI SWASTA', 'PEKERJA LEPAS', 'PENSIUNAN', 'PNS/TNI/POLRI', 'PEJABAT NEGARA', 'WIRASWASTA', 'TIDAK/BELUM BEKERJA']],
      [EDUCATION, ['TIDAK/BELUM SEKOLAH', 'TDK TAMAT SD', 'MASIH SD/SLTP/SLTA/PT', 'TAMAT SD/SEDERAJAT', 'TAMAT SLTP/SEDERAJAT', 'TAMAT SLTA/SEDERAJAT', 'TAMAT PT/AKADEMI']],
      [PADAN_DUKCAPIL, ['PADAN', 'TIDAK PADAN', 'YA', 'TIDAK']],
    ];
    for (const [book, labels] of p3ke) {
      for (const l of labels) {
        const title = l.toLowerCase().replace(/(^|[\s/(-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
        for (const v of [l, title, ` ${l.toLowerCase()} `]) {
          const r = normalizeCategory(v, book);
          expect(typeof r.value, `${book.key}: ${v}`).toBe('number');
          expect(r.issues).toEqual([]);
        }
      }
    }
    expect(normalizeCategory('Listrik Pln Meteran', LIGHTING).value).toBe(1);
    expect(normalizeCategory('=< 900 Watt', POWER).value).toBe(1);
    expect(normalizeCategory('Air Permukaan (Sungai, Danau, Dll)', WATER).value).toBe(6);
    expect(normalizeCategory('LISTRIK  PLN\u00a0METERAN', LIGHTING).value).toBe(1);
  });

  it('treats KOSONG, - and blanks as empty, and keeps unknown labels for extra', () => {
    for (const v of ['KOSONG', 'Kosong', '-', '', '  ', null]) expect(normalizeCategory(v, WATER)).toEqual({ value: null, issues: [] });
    expect(normalizeCategory(' SUMUR GALI ', WATER)).toEqual({ value: null, issues: [{ kind: 'label_unknown' }], unmapped: 'SUMUR GALI' });
    // Regsosek item codes are not our codes: a bare number is not a label of these codebooks.
    expect(normalizeCategory(3, WATER).issues[0]?.kind).toBe('label_unknown');
    expect(normalizeCategory(1, CODEBOOKS.RECEIPT).value).toBe(1);
  });

  it('shares results for repeated labels (no allocation per cell)', () => {
    const read = categoryNormalizer(FLOOR);
    expect(read('TANAH')).toBe(read('TANAH'));
    expect(read('TANAH')).toBe(read('Tanah'));
  });
});

describe('normalizeDesil', () => {
  it('reads the integer out of the usual spellings', () => {
    for (const v of ['1', '1.0', '1,0', 'Desil 1', 'DESIL 1', 'desil-1', 'D1', '1 - Sangat Miskin', '1 (Sangat Miskin)', ' 1 ', 1, 1.0]) {
      expect(normalizeDesil(v, [1, 4]), String(v)).toEqual({ value: 1, issues: [] });
    }
    expect(normalizeDesil('10').value).toBe(10);
    expect(normalizeDesil('4 - Rentan Miskin', [1, 4]).value).toBe(4);
  });

  it('checks the source range: P3KE 1–4, DTSEN/Regsosek 1–10', () => {
    expect(normalizeDesil('5', [1, 4])).toEqual({ value: null, issues: [{ kind: 'desil_out_of_range', params: { expected: '1–4' } }] });
    expect(normalizeDesil('5', [1, 10]).value).toBe(5);
    expect(normalizeDesil(0).issues[0]?.kind).toBe('desil_out_of_range');
    expect(normalizeDesil('11').issues[0]?.kind).toBe('desil_out_of_range');
  });

  it('rejects text that is not one desil', () => {
    for (const v of ['1-4', '1 - 4', 'Sangat Miskin', '1.5', 2.5, 'x1', '100', true]) {
      expect(normalizeDesil(v, [1, 10]).issues[0]?.kind, String(v)).toBe('desil_invalid');
    }
    expect(normalizeDesil('KOSONG')).toEqual({ value: null, issues: [] });
    expect(normalizeDesil('')).toEqual({ value: null, issues: [] });
  });
});

describe('numbers', () => {
  it('reads Indonesian thousand dots and decimal commas, rupiah, percent', () => {
    expect(parseNumberText('1.234.567,89')).toBe(1234567.89);
    expect(parseNumberText('Rp 2.500.000')).toBe(2500000);
    expect(parseNumberText('Rp2.500.000,-')).toBe(2500000);
    expect(parseNumberText('Rp. 2.500.000,00')).toBe(2500000);
    expect(parseNumberText('IDR 2.500.000')).toBe(2500000);
    expect(parseNumberText('2.500')).toBe(2500);
    expect(parseNumberText('2,5')).toBe(2.5);
    expect(parseNumberText('35,4%')).toBe(35.4);
    expect(parseNumberText('2 500 000')).toBe(2500000);
    expect(parseNumberText('-1.000')).toBe(-1000);
  });

  it('reads English-locale numbers too', () => {
    expect(parseNumberText('1,234,567.89')).toBe(1234567.89);
    expect(parseNumberText('12.5')).toBe(12.5);
    expect(parseNumberText('0.500')).toBe(0.5);
    expect(parseNumberText('1234.5')).toBe(1234.5);
  });

  it('follows the decimal separator the reader knows', () => {
    expect(parseNumberText('2.500', '.')).toBe(2.5);
    expect(parseNumberText('2,500', '.')).toBe(2500);
    expect(parseNumberText('2.500', ',')).toBe(2500);
  });

  it('rejects malformed groups and text', () => {
    for (const v of ['1.23.4', '12,34,5', 'abc', '1,2,3.4.5', '', 'Rp']) expect(parseNumberText(v), v).toBeNull();
  });

  it('normalises number, integer and year cells', () => {
    expect(normalizeNumber('1.234,5')).toEqual({ value: 1234.5, issues: [] });
    expect(normalizeNumber(12.25)).toEqual({ value: 12.25, issues: [] });
    expect(normalizeNumber('x')).toEqual({ value: null, issues: [{ kind: 'number_invalid' }] });
    expect(normalizeNumber('KOSONG')).toEqual({ value: null, issues: [] });
    expect(normalizeInteger('Rp 6.000.000')).toEqual({ value: 6000000, issues: [] });
    expect(normalizeInteger('12.0')).toEqual({ value: 12, issues: [] });
    expect(normalizeInteger('12,5')).toEqual({ value: null, issues: [{ kind: 'number_not_integer' }] });
    expect(normalizeInteger(6000000)).toEqual({ value: 6000000, issues: [] });
    expect(normalizeYear('2024')).toEqual({ value: 2024, issues: [] });
    expect(normalizeYear(2024)).toEqual({ value: 2024, issues: [] });
    expect(normalizeYear('2.024').value).toBe(2024);
    expect(normalizeYear('24')).toEqual({ value: null, issues: [{ kind: 'year_invalid', params: { expected: '1900–2100' } }] });
    expect(normalizeYear('2024/2025').issues[0]?.kind).toBe('year_invalid');
  });
});

describe('names and text', () => {
  it('replaces NBSP, collapses spaces, trims, and says when it changed', () => {
    expect(normalizeName('DIMAS\u00a0KASE')).toEqual({ value: 'DIMAS KASE', issues: [{ kind: 'name_cleaned' }], changed: true });
    expect(normalizeName('THOMAS  FANGGIDAE')).toEqual({ value: 'THOMAS FANGGIDAE', issues: [{ kind: 'name_cleaned' }], changed: true });
    expect(normalizeName('MARIA\u00a0 \u00a0GORETTI\tNAI')).toMatchObject({ value: 'MARIA GORETTI NAI', changed: true });
    expect(normalizeName('ANA\u200bBELA').value).toBe('ANABELA');
    // Padding at the ends is routine: cleaned, no note.
    expect(normalizeName(' THOMAS FANGGIDAE ')).toEqual({ value: 'THOMAS FANGGIDAE', issues: [], changed: true });
    expect(normalizeName('THOMAS FANGGIDAE')).toEqual({ value: 'THOMAS FANGGIDAE', issues: [], changed: false });
    // Case, titles and spelling are left alone: matching works on its own copy.
    expect(normalizeName('Ir. Yosefina Djawa').value).toBe('Ir. Yosefina Djawa');
    expect(normalizeName('')).toEqual({ value: null, issues: [], changed: false });
    expect(normalizeName('-')).toEqual({ value: null, issues: [], changed: true });
    expect(normalizeName(null).value).toBeNull();
  });

  it('tidies free text silently', () => {
    expect(normalizeText('JL.  EL TARI\u00a0NO. 62 ')).toEqual({ value: 'JL. EL TARI NO. 62', issues: [], changed: true });
    expect(normalizeText(62)).toEqual({ value: '62', issues: [], changed: false });
    expect(cleanSpaces('  a \u00a0 b  ')).toBe('a b');
  });
});

describe('region codes', () => {
  const exists = (code: string): boolean => code.startsWith('53.') && !code.startsWith('53.99');
  const opts = { province: '53', exists };

  it('accepts codes with or without dots and returns the dotted Kemendagri form', () => {
    expect(normalizeRegion('53.71.01.1002', opts)).toEqual({ value: '53.71.01.1002', issues: [] });
    expect(normalizeRegion('5371011002', opts)).toEqual({ value: '53.71.01.1002', issues: [] });
    expect(normalizeRegion(5371011002, opts)).toEqual({ value: '53.71.01.1002', issues: [] });
    expect(normalizeRegion(' 53.71.01.1002\u00a0', opts).value).toBe('53.71.01.1002');
    expect(normalizeRegion('53-71-01-1002', opts).value).toBe('53.71.01.1002');
    expect(normalizeRegion('5371', opts).value).toBe('53.71');
    expect(normalizeRegion('5371.0', opts).value).toBe('53.71');
  });

  it('rejects codes outside the working province, unknown or malformed', () => {
    expect(normalizeRegion('52.01.06.1001', opts)).toEqual({ value: '52.01.06.1001', issues: [{ kind: 'region_outside_province', params: { expected: '53' } }] });
    expect(normalizeRegion('5201061001', opts).issues[0]?.kind).toBe('region_outside_province');
    expect(normalizeRegion('53.99.01.1001', opts)).toEqual({ value: '53.99.01.1001', issues: [{ kind: 'region_unknown' }] });
    expect(normalizeRegion('KUPANG', opts)).toEqual({ value: null, issues: [{ kind: 'region_invalid' }] });
    expect(normalizeRegion('537101100', opts).issues[0]?.kind).toBe('region_invalid');
    expect(normalizeRegion('', opts)).toEqual({ value: null, issues: [] });
  });

  it('flags a code of another level when the column expects one', () => {
    const r = normalizeRegion('53.71.01', { ...opts, level: 4 });
    expect(r.value).toBe('53.71.01');
    expect(r.issues[0]).toEqual({ kind: 'region_level', params: { expected: { id: 'desa/kelurahan', en: 'village' } } });
  });

  it('checks only the shape of BPS codes (conversion needs the crosswalk)', () => {
    expect(normalizeRegionBps('5371010002')).toEqual({ value: '5371010002', issues: [] });
    expect(normalizeRegionBps(5371010002)).toEqual({ value: '5371010002', issues: [] });
    expect(normalizeRegionBps('53 71 010 002').value).toBe('5371010002');
    expect(normalizeRegionBps('5371010002.0').value).toBe('5371010002');
    expect(normalizeRegionBps('53710100').issues[0]?.kind).toBe('region_bps_invalid');
    expect(normalizeRegionBps('53.71.01.1002').issues[0]?.kind).toBe('region_bps_invalid');
    expect(normalizeRegionBps('')).toEqual({ value: null, issues: [] });
  });
});

describe('fieldNormalizer', () => {
  const ctx = { today: TODAY, province: '53', regionExists: (c: string) => c.startsWith('53.'), desilRange: [1, 4] as const };

  it('dispatches on the field kind and adds required_missing when a required field ends up empty', () => {
    const nik: FieldSpec = { key: 'nik', kind: 'nik', id: 'NIK', en: 'NIK', required: true };
    expect(normalizeCell(nik, '0', ctx).issues.map((i) => i.kind)).toEqual(['nik_placeholder', 'required_missing']);
    expect(normalizeCell(nik, '', ctx).issues.map((i) => i.kind)).toEqual(['nik_empty', 'required_missing']);
    expect(normalizeCell(nik, '5371014508900003', ctx).issues).toEqual([]);
    const id: FieldSpec = { key: 'id_keluarga', kind: 'id', id: 'ID', en: 'ID', required: true };
    expect(normalizeCell(id, ' ', ctx)).toEqual({ value: null, issues: [{ kind: 'required_missing' }] });
    const desil: FieldSpec = { key: 'desil', kind: 'desil', id: 'Desil', en: 'Decile' };
    expect(normalizeCell(desil, '7', ctx).issues[0]?.kind).toBe('desil_out_of_range');
    const region: FieldSpec = { key: 'kode_wilayah', kind: 'region', id: 'Kode', en: 'Code' };
    expect(normalizeCell(region, '5301061001', ctx).value).toBe('53.01.06.1001');
    const water: FieldSpec = { key: 'sumber_air', kind: 'category', codebook: WATER, id: 'Air', en: 'Water' };
    expect(fieldNormalizer(water, ctx)('Ledeng/Pam').value).toBe(2);
    const year: FieldSpec = { key: 'tahun', kind: 'year', id: 'Tahun', en: 'Year' };
    expect(normalizeCell(year, '2031', ctx).issues[0]?.kind).toBe('year_invalid');
    expect(normalizeCell(year, '2030', ctx).value).toBe(2030);
    const broken: FieldSpec = { key: 'x', kind: 'category', id: 'X', en: 'X' };
    expect(() => fieldNormalizer(broken, ctx)).toThrow(/without a codebook/);
  });
});

describe('isEmptyText (settled without trimming for almost every cell)', () => {
  it('agrees with trimming and upper-casing against the marker list on markers, near-misses and ordinary cells', () => {
    const markers = ['', '-', '--', '---', '—', '–', '.', 'KOSONG', '(KOSONG)', 'NULL', '(NULL)', 'N/A', '#N/A', 'TIDAK ADA DATA'];
    // The straightforward form (text longer than the longest marker plus 4 padding characters
    // is never a marker, as before).
    const reference = (s: string): boolean => s === '' || (s.length <= 18 && markers.includes(s.trim().toUpperCase()));
    const pads = ['', ' ', '\u00a0', '\t', '  \u3000', '\ufeff'];
    const cases: string[] = ['kosong', 'Kosong ', ' null', 'n/a', '#n/a', 'Tidak Ada Data', 'tidak ada data ', '----', '..', '-1', 'KOSONGAN', 'NULLS', 'N/AB', 'TIDAK ADA', 'KUPANG', 'NUSA', 'TTS', '(KOSONG', 'KOSONG)', '53.01', '0', 'YA', 'Tidak'];
    for (const m of [...markers, ...cases]) for (const a of pads) for (const b of pads) cases.push(`${a}${m}${b}`);
    for (const s of cases) expect([s, isEmptyText(s)]).toEqual([s, reference(s)]);
  });
});

describe('KeyIndex', () => {
  it('keeps the first payload of each key through growth, and tells new keys from known ones', () => {
    const index = new KeyIndex(16);
    for (let i = 0; i < 50_000; i++) expect(index.setIfAbsent(`530101${String(i).padStart(10, '0')}`, i)).toBeUndefined();
    expect(index.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 7) expect(index.setIfAbsent(`530101${String(i).padStart(10, '0')}`, 99)).toBe(i);
    expect(index.get('5301010000049999')).toBe(49_999);
    expect(index.get('5301010000050000')).toBeUndefined();
    index.set('5301010000000007', 123);
    expect(index.get('5301010000000007')).toBe(123);
    expect(index.size).toBe(50_000);
  });

  it('keeps payloads of every size: 24 bits in the slot, larger ones (rows past 16.7 M, sheets, family ids) whole beside it', () => {
    const index = new KeyIndex(1000, SIZED);
    const payloads = [0, 1, 0xfffffe, 0xffffff, 0x1000000, 2 ** 26 + 12, 0x7fffffff, 0x80000000, 0xffffffff];
    const key = (i: number): string => `P53010420030000${i}`;
    payloads.forEach((p, i) => expect(index.setIfAbsent(key(i), p)).toBeUndefined());
    payloads.forEach((p, i) => expect(index.get(key(i))).toBe(p));
    // The first payload stays; set() moves a slot between narrow and wide payloads both ways.
    payloads.forEach((_, i) => expect(index.setIfAbsent(key(i), 5)).toBe(payloads[i]));
    index.set(key(0), 0xffffffff);
    index.set(key(8), 7);
    index.set(key(3), 0xfffffe);
    expect([index.get(key(0)), index.get(key(8)), index.get(key(3))]).toEqual([0xffffffff, 7, 0xfffffe]);
    expect(index.size).toBe(payloads.length);
  });

  it('a table sized from an estimate holds it in ~10 bytes a key, and takes more keys than estimated through overflow segments', () => {
    const sized = new KeyIndex(1_000_000, SIZED);
    expect(sized.bytes / 1_000_000).toBeGreaterThan(9.5);
    expect(sized.bytes / 1_000_000).toBeLessThan(10.5);
    const index = new KeyIndex(10_000, SIZED);
    const nik = (i: number): string => `5301${String(i).padStart(12, '0')}`;
    // Five times the estimate: the first table fills to 95 %, then segments of a quarter and more.
    for (let i = 0; i < 50_000; i++) expect(index.setIfAbsent(nik(i), i * 3)).toBeUndefined();
    for (let i = 0; i < 50_000; i++) expect(index.get(nik(i))).toBe(i * 3);
    expect(index.get(nik(50_000))).toBeUndefined();
    expect(index.size).toBe(50_000);
  });
});
