import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import type { GroundTruth } from '../../electron/warehouse/demo/truth.ts';

/** Readers for the generated demo files, independent of the generator's own code. */

export type SheetCell = string | number | boolean | null;

/** RFC 4180 parser; rows keep their 1-based line number (no field in these files spans lines). */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCsvFile(path: string, delimiter: string): { rows: string[][]; bytes: Buffer; text: string } {
  const bytes = readFileSync(path);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(hasBom ? 3 : 0).toString('utf8');
  return { rows: parseCsv(text, delimiter), bytes, text };
}

/** Every sheet as an array of rows, index 0 = sheet row 1, blank rows kept. */
export function readXlsxFile(path: string): Map<string, SheetCell[][]> {
  const wb = XLSX.read(readFileSync(path), { dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
  const out = new Map<string, SheetCell[][]>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    out.set(name, XLSX.utils.sheet_to_json<SheetCell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }));
  }
  return out;
}

export function readWorkbook(path: string): XLSX.WorkBook {
  return XLSX.read(readFileSync(path), { dense: true });
}

export function readTruth(dir: string): GroundTruth {
  return JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
}

export function sha256OfDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) out.set(name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'));
  return out;
}

/** Excel serial (1900 system) → ISO date. */
export function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  return new Date(ms).toISOString().slice(0, 10);
}

export function cellText(v: SheetCell | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/** Rows of a CSV file as objects keyed by header. */
export function csvRecords(rows: readonly string[][], headerRow: number, first: number | null, last: number | null): Record<string, string>[] {
  const header = rows[headerRow - 1] ?? [];
  if (first === null || last === null) return [];
  const out: Record<string, string>[] = [];
  for (let r = first; r <= last; r++) {
    const row = rows[r - 1] ?? [];
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h] = row[i] ?? '';
    });
    out.push(rec);
  }
  return out;
}

export function bump2(c: Record<string, Record<string, number>>, a: string, b: string): void {
  const inner = (c[a] ??= {});
  inner[b] = (inner[b] ?? 0) + 1;
}

export function bump(c: Record<string, number>, a: string, by = 1): void {
  c[a] = (c[a] ?? 0) + by;
}
