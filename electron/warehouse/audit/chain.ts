import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain. Each entry's hash covers the previous entry's hash and the entry's
 * own fields, each length-prefixed so no two entries can hash alike by shifting text between
 * fields. The format is part of the stored data: never change it.
 */

/** The hash before the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

export function auditHash(prev: string, id: number, at: string, actor: string, action: string, detail: string): string {
  const h = createHash('sha256');
  for (const part of [prev, String(id), at, actor, action, detail]) h.update(`${Buffer.byteLength(part)}:${part}\n`);
  return h.digest('hex');
}
