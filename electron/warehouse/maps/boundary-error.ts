/**
 * What the boundary worker throws for a file it refuses: a message key and its parameters, not
 * text, so the warehouse words it in the planner's language (the worker does not know it).
 */
import type { WarehouseMessageKey } from '../../../shared/i18n/warehouse.ts';

export type BoundaryFileKey = Extract<WarehouseMessageKey, `maps.file.${string}`>;

export class BoundaryFileError extends Error {
  override readonly name = 'BoundaryFileError';
  readonly key: BoundaryFileKey;
  readonly params: Readonly<Record<string, string | number>>;
  constructor(key: BoundaryFileKey, params: Readonly<Record<string, string | number>> = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}
