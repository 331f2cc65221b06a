import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize } from '../core/auth/authorize.ts';
import { AppError } from '../core/errors.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { leafCategories } from './classify/taxonomy.ts';
import { demandPolicy } from './policy.ts';
import { listRoutingRules, upsertRoutingRules } from './store.ts';

const RuleBody = z.object({
  target: z.enum(['street', 'department', 'utility']),
  departmentCode: z.string().nullish(),
  utility: z.enum(['water', 'power', 'gas', 'heat', 'telecom']).nullish(),
  complexity: z.enum(['general', 'complex']).default('general'),
});

/** The category taxonomy and the district's responsibility list for demands (editable, audited). */
export const demandRulesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/demand-categories',
      { schema: { tags: ['demands'], description: '诉求分类（两级）' } },
      async (request) => {
        requirePrincipal(request);
        return {
          items: leafCategories(ctx.classifiers.taxonomy).map((c) => ({
            code: c.code,
            name: c.name,
            path: c.path,
            parentCode: c.parentCode,
            keywords: c.keywords,
          })),
        };
      },
    );

    app.get(
      '/api/demand-routing-rules',
      { schema: { tags: ['demands'], description: '职责清单：类别 → 街道/部门/企业' } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.suggest);
        return { items: await listRoutingRules(db(), p.districtCode) };
      },
    );

    app.put(
      '/api/demand-routing-rules/:category',
      {
        schema: {
          tags: ['demands'],
          params: z.object({ category: z.string().regex(/^\d{4}$/) }),
          body: RuleBody,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.manageRules);
        const { category } = request.params;
        if (!ctx.classifiers.category(category)) throw new AppError('NOT_FOUND', `未知诉求类别：${category}`);
        const b = request.body;
        let departmentId: string | null = null;
        if (b.target === 'department') {
          const unit = b.departmentCode ? await getUnitByCode(db(), b.departmentCode) : undefined;
          if (!unit || unit.districtCode !== p.districtCode || unit.tree !== 'department') {
            throw new AppError(
              'VALIDATION_FAILED',
              `责任部门不存在：${b.departmentCode ?? ''} (department required)`,
            );
          }
          departmentId = unit.id;
        }
        if (b.target === 'utility' && !b.utility)
          throw new AppError('VALIDATION_FAILED', '请指定公共服务企业类型 (utility required)');
        const row = {
          districtCode: p.districtCode,
          categoryCode: category,
          target: b.target,
          departmentId,
          utility: b.utility ?? null,
          complexity: b.complexity,
        };
        await db().transaction(async (tx) => {
          await upsertRoutingRules(tx, [row]);
          await appendAudit(tx, {
            districtCode: p.districtCode,
            actor: { id: p.userId, label: p.username },
            action: 'demand.routing_rule.update',
            targetType: 'routing_rule',
            targetId: category,
            details: { ...b },
            requestId: request.id,
          });
        });
        return row;
      },
    );
  };
