import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../../core/auth/authorize.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { listUnits } from '../../jurisdiction/store.ts';
import { districtUnitCode } from '../model.ts';
import { listsPolicy } from '../policy.ts';

export const BurdenTargetView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['street', 'community']),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
});

/**
 * 减负: the streets and communities a caller may address a work request, a form or a meeting to —
 * the pickers of those screens. Departments serve the whole district (as `authorizeToward` lets
 * them); a street dispatcher or the district admin reaches their own subtree.
 */
export const burdenTargetRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/work-requests/targets',
      {
        schema: {
          tags: ['burden'],
          description: '可发送工作请求、登记报表、报备会议的街道和社区（部门：全区；其他：本辖区）',
          querystring: z.object({ level: z.enum(['street', 'community']).optional() }),
          response: { 200: z.object({ items: z.array(BurdenTargetView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const rule = listsPolicy.readTargets;
        authorize(p, { ...rule, scoped: false });
        const districtWide = p.roles.includes('dept_handler');
        const withinPath = districtWide ? `/${districtUnitCode(p.districtCode)}/` : scopePath(p);
        if (!districtWide) authorize(p, rule, { districtCode: p.districtCode, paths: [withinPath] });
        const units = await listUnits(db(), {
          districtCode: p.districtCode,
          withinPath,
          tree: 'division',
          limit: 100_000,
        });
        const streets = units.filter((u) => u.level === 'street');
        const streetOf = (path: string) => streets.find((s) => path.startsWith(s.path));
        const wanted = request.query.level;
        const items = units
          .filter((u) => (u.level === 'street' || u.level === 'community') && (!wanted || u.level === wanted))
          .map((u) => {
            const street = u.level === 'community' ? streetOf(u.path) : undefined;
            return {
              code: u.code,
              name: u.name,
              level: u.level as 'street' | 'community',
              streetCode: street?.code ?? null,
              streetName: street?.name ?? null,
            };
          });
        return { items };
      },
    );
  };
