/** Messages between the reader worker, the writer worker and the warehouse thread that runs them. */
import type { MessagePort } from 'node:worker_threads';
import type { TargetTable } from '../../../shared/import/fields.ts';
import type { PackedRows } from './row-pack.ts';

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
      /**
       * Rows to insert, packed (`row-pack.ts`), each: row_no, …values (`columns` of `begin`), extra;
       * person sources then add the family-level fields (`extra-json.ts`; `SAME_FAMILY_FIELDS` when
       * the previous row's), the relation code (1 = head) and the family row the person would head
       * (`familyColumns`). batch_id and family_id are the writer's.
       */
      readonly rows: PackedRows;
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
  /** To the reader: a rows message is written; its buffers come back for reuse (`RowPacker.recycle`). */
  | { readonly t: 'ack'; readonly seq: number; readonly written: number; readonly spare?: PackedRows }
  | { readonly t: 'begun'; readonly batchId: number }
  /** The file's SHA-256, hashed by the writer while rows arrive (null: the file could not be read). */
  | { readonly t: 'hashed'; readonly sha256: string | null; readonly message?: string }
  | { readonly t: 'committed'; readonly batchId: number; readonly families: number; readonly persons: number }
  | { readonly t: 'aborted' }
  | { readonly t: 'error'; readonly message: string };

/** The writer worker's start-up data. */
export interface WriterInput {
  readonly dbPath: string;
  readonly port: MessagePort;
  /** The source file, hashed by the writer while rows arrive. */
  readonly filePath: string;
  /** Rows per committed slice (writer-worker.ts); tests make it small. */
  readonly sliceRows?: number;
}

/** In a packed person row: the family-level fields are the previous row's. */
export const SAME_FAMILY_FIELDS = 0;
