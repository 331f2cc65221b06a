import { and, desc, eq, isNull, like } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { authorize, scopePath } from '../auth/authorize.ts';
import { notFound } from '../errors.ts';
import { outboxStatus } from './dispatch-outbox.ts';
import { outboxPolicy } from './policy.ts';
import { notifications } from './tables.ts';

const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  unitId: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** In-app notifications (delivered through the outbox) and the outbox's state for operators. */
export const outboxRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/notifications',
      {
        schema: {
          tags: ['notifications'],
          description: '本单位（及下级）的站内提醒：工单即将超期/已超期、督办任务提醒',
          querystring: z.object({
            unread: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(Notification) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, outboxPolicy.readNotifications);
        const where = [
          eq(notifications.districtCode, p.districtCode),
          like(notifications.unitPath, `${scopePath(p)}%`),
        ];
        if (request.query.unread === 'true') where.push(isNull(notifications.readAt));
        const rows = await db()
          .select()
          .from(notifications)
          .where(and(...where))
          .orderBy(desc(notifications.createdAt))
          .limit(request.query.limit);
        return {
          items: rows.map((n) => ({
            id: n.messageId,
            kind: n.kind,
            title: n.title,
            unitId: n.unitId,
            targetType: n.targetType,
            targetId: n.targetId,
            createdAt: n.createdAt.toISOString(),
            read: n.readAt !== null,
          })),
        };
      },
    );

    app.post(
      '/api/notifications/:id/read',
      { schema: { tags: ['notifications'], params: z.object({ id: z.uuid() }) } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const [n] = await db()
          .select()
          .from(notifications)
          .where(eq(notifications.messageId, request.params.id));
        if (!n) throw notFound('提醒', request.params.id);
        authorize(p, outboxPolicy.markRead, { districtCode: n.districtCode, paths: [n.unitPath] });
        await db()
          .update(notifications)
          .set({ readAt: new Date() })
          .where(and(eq(notifications.messageId, n.messageId), isNull(notifications.readAt)));
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/outbox/status',
      {
        schema: {
          tags: ['notifications'],
          description: '发件箱状态：待投递、投递失败重试中、已投递',
          response: {
            200: z.object({
              pending: z.number(),
              failing: z.number(),
              delivered: z.number(),
              oldestPendingAt: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, outboxPolicy.status);
        return outboxStatus(db(), p.districtCode);
      },
    );
  };
