import type { AuditContract } from '../../../shared/contracts/audit.ts';
import type { Handlers } from '../context.ts';
import { exportAudit } from './export.ts';
import { listAudit, verifyAudit } from './log.ts';

export const auditHandlers: Handlers<AuditContract> = {
  'audit.list': (ctx, args) => listAudit(ctx.db, args),
  'audit.verify': (ctx) => verifyAudit(ctx.db),
  'audit.export': (ctx, args) => exportAudit(ctx.db, ctx.dbPath, args),
};
