import { and, desc, eq, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { authorize } from '../auth/authorize.ts';
import { auditPolicy } from './policy.ts';
import { auditLog } from './tables.ts';
import { verifyAudit } from './verify-audit.ts';

const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  result: z.string(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  hash: z.string(),
});

/** The audit log of the caller's district (read-only) and its verification. */
export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          querystring: z.object({
            before: z.coerce.number().int().optional().describe('只看此序号之前的记录（翻页）'),
            action: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(AuditEntry) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, auditPolicy.readLog);
        const where = [eq(auditLog.districtCode, p.districtCode)];
        if (request.query.before) where.push(lt(auditLog.seq, request.query.before));
        if (request.query.action) where.push(eq(auditLog.action, request.query.action));
        const rows = await ctx.database.db
          .select()
          .from(auditLog)
          .where(and(...where))
          .orderBy(desc(auditLog.seq))
          .limit(request.query.limit);
        return {
          items: rows.map((r) => ({
            seq: r.seq,
            at: r.at.toISOString(),
            actor: r.actorLabel,
            action: r.action,
            targetType: r.targetType,
            targetId: r.targetId,
            result: r.result,
            details: r.details,
            requestId: r.requestId,
            hash: r.hash,
          })),
        };
      },
    );

    app.get('/api/audit/verify', { schema: { tags: ['audit'] } }, async (request) => {
      const p = requirePrincipal(request);
      authorize(p, auditPolicy.verify);
      return verifyAudit(ctx.database.db, { districtCode: p.districtCode });
    });
  };
