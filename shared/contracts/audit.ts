/**
 * The audit trail (issue 6): an append-only log, each entry chained to the previous by hash, so a
 * changed or deleted entry shows when the chain is verified.
 */

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  /** Dotted kind: `import`, `batch.delete`, `list.finalize`, `list.export`, `family.view_full_nik` … */
  readonly action: string;
  /** The operating-system user who did it. */
  readonly actor: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly hash: string;
}

export interface AuditQuery {
  /** An action, or a prefix before a dot (`list` matches `list.export`). */
  readonly action?: string;
  /** Words in the detail, the user or the action. */
  readonly text?: string;
  /** ISO dates (inclusive). */
  readonly from?: string;
  readonly to?: string;
  readonly startRow: number;
  readonly endRow: number;
}

export interface AuditPage {
  readonly count: number;
  /** Newest first. */
  readonly rows: readonly AuditEntry[];
  /** Every action in the log, for the filter. */
  readonly actions: readonly string[];
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry that does not fit the chain. */
  readonly brokenAt: number | null;
  readonly problem: 'gap' | 'link' | 'content' | null;
  readonly message: string;
}

export interface AuditContract {
  /** A page of the log, newest first, filtered. */
  'audit.list': (args: AuditQuery) => AuditPage;
  /** Walk the hash chain from the first entry. */
  'audit.verify': (args: Record<string, never>) => AuditVerification;
  /** Write the (filtered) log to an .xlsx in the export folder (or `path`); the export is itself logged. */
  'audit.export': (args: { readonly action?: string; readonly text?: string; readonly from?: string; readonly to?: string; readonly path?: string }) => {
    readonly path: string;
    readonly fileName: string;
    readonly rows: number;
  };
}
