import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { ALL_STAFF, authorize, type PolicyRule } from '../auth/authorize.ts';
import { formatBeijing, formatBeijingEndOfDay } from './format.ts';
import { importCalendarOverrides } from './import-overrides.ts';
import { calendarOverrideSchema } from './model.ts';
import { calendarOverrides } from './tables.ts';

export const calendarPolicy = {
  read: { action: 'calendar.read', roles: ALL_STAFF, scoped: false },
  manage: { action: 'calendar.manage', roles: ['district_admin'], scoped: false },
} as const satisfies Record<string, PolicyRule>;

/** The working calendar: deadlines on demand, overrides (next year's holiday notice) loaded by admins. */
export const calendarRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/calendar/due',
      {
        schema: {
          tags: ['calendar'],
          description: '按工作日/小时计算办理时限',
          querystring: z
            .object({
              from: z.iso.datetime({ offset: true }),
              workingDays: z.coerce.number().int().min(1).max(365).optional(),
              hours: z.coerce
                .number()
                .min(0.5)
                .max(24 * 365)
                .optional(),
              workingHours: z.coerce.number().min(0.5).max(2000).optional(),
            })
            .refine(
              (q) => [q.workingDays, q.hours, q.workingHours].filter((v) => v !== undefined).length === 1,
              {
                message: '只能指定 workingDays、hours、workingHours 中的一项',
              },
            ),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, calendarPolicy.read);
        const q = request.query;
        const calendar = await ctx.calendars.get(ctx.database.db, p.districtCode);
        const spec =
          q.workingDays !== undefined
            ? { unit: 'working_days' as const, amount: q.workingDays }
            : q.workingHours !== undefined
              ? { unit: 'working_hours' as const, amount: q.workingHours }
              : { unit: 'calendar_hours' as const, amount: q.hours as number };
        const { due, coverage } = calendar.computeDeadline(new Date(q.from), spec);
        return {
          due: due.toISOString(),
          dueLocal: formatBeijing(due),
          dueAsStated: formatBeijingEndOfDay(due),
          spec,
          coverage,
        };
      },
    );

    app.get('/api/calendar/overrides', { schema: { tags: ['calendar'] } }, async (request) => {
      const p = requirePrincipal(request);
      authorize(p, calendarPolicy.read);
      const rows = await ctx.database.db
        .select()
        .from(calendarOverrides)
        .orderBy(asc(calendarOverrides.date));
      return { items: rows.filter((r) => r.scope === 'national' || r.scope === p.districtCode) };
    });

    app.post(
      '/api/calendar/overrides',
      {
        schema: {
          tags: ['calendar'],
          description: '导入节假日安排（国务院办公厅通知全文，或日期清单）',
          body: z.object({
            scope: z.enum(['national', 'district']).default('national'),
            notice: z.string().max(20_000).optional(),
            entries: z.array(calendarOverrideSchema).max(400).optional(),
            year: z.number().int().min(2000).max(2100).optional(),
            source: z.string().trim().min(2).max(200),
          }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, calendarPolicy.manage);
        const b = request.body;
        return importCalendarOverrides({
          db: ctx.database.db,
          scope: b.scope === 'national' ? 'national' : p.districtCode,
          notice: b.notice,
          entries: b.entries,
          year: b.year,
          source: b.source,
          actor: { id: p.userId, label: p.username },
          districtCode: p.districtCode,
        });
      },
    );
  };
