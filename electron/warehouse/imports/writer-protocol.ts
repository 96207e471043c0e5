/** Messages between the reader worker, the writer worker and the warehouse thread that runs them. */
import type { TargetTable } from '../../../shared/import/fields.ts';

/** Provenance the writer stores with the batch row. */
export interface BatchProvenance {
  readonly source: string;
  readonly label: string;
  readonly vintage: string | null;
  readonly origin: 'demo' | 'import';
  readonly fileName: string;
  readonly fileSize: number;
  readonly fileSha256: string;
  readonly fileFormat: string;
  readonly sheets: readonly string[];
  readonly headerRow: number;
  readonly columns: readonly string[];
  readonly mapping: readonly (string | null)[];
  readonly profileId: number | null;
  readonly osUser: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** From the reader (rows) and from the warehouse thread (begin, end, abort). */
export type WriterInbound =
  | {
      readonly t: 'begin';
      readonly table: TargetTable;
      readonly columns: readonly string[];
      readonly familyColumns: readonly string[];
      readonly batch: BatchProvenance;
    }
  | {
      readonly t: 'rows';
      readonly seq: number;
      /** INSERT parameters: [batch_id (0, set by the writer), row_no, family_id (person sources), …values, extra] */
      readonly rows: unknown[][];
      /** Person sources: per row, the family row it would head, and its relation code (1 = head). */
      readonly fams: ((string | number | null)[] | null)[] | null;
      readonly rels: (number | null)[] | null;
      /** [sheet index, row, column index, kind, value, params JSON | null] */
      readonly issues: unknown[][];
      /** [sheet index, row, cells JSON, reasons JSON] */
      readonly rejects: unknown[][];
    }
  | {
      readonly t: 'end';
      readonly counts: { readonly rowsRead: number; readonly rowsImported: number; readonly rowsRejected: number; readonly rowsWarned: number; readonly rowsSkipped: number };
      readonly encoding: string | null;
      readonly delimiter: string | null;
      readonly reader: string;
      readonly seconds: number;
    }
  | { readonly t: 'abort' };

export type WriterOutbound =
  | { readonly t: 'ack'; readonly seq: number; readonly written: number }
  | { readonly t: 'begun'; readonly batchId: number }
  | { readonly t: 'committed'; readonly batchId: number; readonly families: number; readonly persons: number }
  | { readonly t: 'aborted' }
  | { readonly t: 'error'; readonly message: string };
