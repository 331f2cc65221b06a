import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import { notFound } from '../core/errors.ts';
import { maskPhone } from '../core/privacy.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { blowWhistle } from './blow-whistle.ts';
import { foldSteps } from './lifecycle.ts';
import { whistleMeasureRoutes } from './measures-routes.ts';
import { BlowWhistleInput, WhistleAction } from './model.ts';
import { addPartyMember, listPartyMembers, PartyMemberInput } from './party-members.ts';
import { performWhistleAction } from './perform-whistle-action.ts';
import { whistlePolicy } from './policy.ts';
import {
  allowedActions,
  presentStep,
  presentWhistle,
  WhistleStepView,
  WhistleView,
} from './present-whistle.ts';
import { getWhistle, listSteps, listSummons, listWhistles, toStepRecord } from './store.ts';
import type { WhistleRow } from './tables.ts';

const Detail = WhistleView.extend({
  steps: z.array(WhistleStepView),
  allowedActions: z.array(z.string()),
  respondFor: z.array(z.string()),
});
/** 吹哨报到: blow, list, detail with timeline, actions of both sides, both sides' measures, party members. */
export const whistleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const detail = async (row: WhistleRow, p: Principal) => {
      const steps = await listSteps(db(), row.id);
      const state = foldSteps(steps.map(toStepRecord));
      const allowed = await allowedActions(db(), p, row, state);
      return {
        ...presentWhistle(row, state),
        steps: steps.map(presentStep),
        allowedActions: allowed.actions,
        respondFor: allowed.respondFor,
      };
    };

    app.post(
      '/api/whistles',
      {
        schema: {
          tags: ['whistles'],
          description: '吹哨：召集部门/单位（社区吹哨可召集党员）报到',
          body: BlowWhistleInput,
          response: { 201: Detail },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await blowWhistle({
          ctx,
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(await detail(row, p));
      },
    );

    app.get(
      '/api/whistles',
      {
        schema: {
          tags: ['whistles'],
          querystring: z.object({
            status: z.string().optional().describe('逗号分隔：summoning,acting,closed,cancelled'),
            side: z
              .enum(['blown', 'summoned'])
              .optional()
              .describe('blown：本单位吹的哨；summoned：召集本单位的哨'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: z.array(WhistleView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, whistlePolicy.read);
        const q = request.query;
        const rows = await listWhistles(db(), {
          districtCode: p.districtCode,
          scopePath: scopePath(p),
          status: q.status?.split(',').filter(Boolean),
          side: q.side,
          sidePath: p.unitPath,
          limit: q.limit,
          offset: q.offset,
        });
        return { items: rows.map((r) => presentWhistle(r, foldStateOf(r))) };
      },
    );

    await app.register(whistleMeasureRoutes(ctx));

    app.get(
      '/api/whistles/:id',
      { schema: { tags: ['whistles'], params: z.object({ id: z.uuid() }), response: { 200: Detail } } },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await getWhistle(db(), request.params.id);
        if (!row || row.districtCode !== p.districtCode) throw notFound('吹哨', request.params.id);
        const summons = await listSummons(db(), row.id);
        authorize(p, whistlePolicy.read, {
          districtCode: row.districtCode,
          paths: [row.blowerPath, ...summons.map((s) => s.targetPath)],
        });
        return detail(row, p);
      },
    );

    app.post(
      '/api/whistles/:id/actions',
      {
        schema: {
          tags: ['whistles'],
          description: '报到、记录处置、追加召集、结束并逐一评价、撤销',
          params: z.object({ id: z.uuid() }),
          body: WhistleAction,
          response: { 200: Detail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await performWhistleAction({
          db: db(),
          principal: p,
          whistleId: request.params.id,
          action: request.body,
          requestId: request.id,
        });
        return detail(row, p);
      },
    );

    app.get(
      '/api/party-members',
      {
        schema: {
          tags: ['whistles'],
          description: '社区党员报到名册（电话脱敏）',
          querystring: z.object({ communityCode: z.string().length(12).optional() }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, whistlePolicy.readMembers);
        let within = scopePath(p);
        if (request.query.communityCode) {
          const unit = await getUnitByCode(db(), request.query.communityCode);
          if (!unit || unit.districtCode !== p.districtCode || unit.level !== 'community') {
            throw notFound('社区', request.query.communityCode);
          }
          authorize(p, whistlePolicy.readMembers, { districtCode: unit.districtCode, paths: [unit.path] });
          within = unit.path;
        }
        const rows = await listPartyMembers(db(), p.districtCode, within);
        return {
          items: rows.map((m) => ({
            id: m.id,
            name: m.name,
            phone: maskPhone(m.phone),
            workUnit: m.workUnit,
            hasAccount: m.userId !== null,
          })),
        };
      },
    );

    app.post(
      '/api/party-members',
      { schema: { tags: ['whistles'], description: '登记社区报到党员', body: PartyMemberInput } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const m = await addPartyMember({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send({
          id: m.id,
          name: m.name,
          phone: maskPhone(m.phone),
          workUnit: m.workUnit,
          hasAccount: m.userId !== null,
        });
      },
    );
  };

/** A list row's state comes from its cache column (kept in step with the steps in each transaction). */
function foldStateOf(row: WhistleRow) {
  const s = row.state as unknown as ReturnType<typeof foldSteps>;
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    ...s,
    blownAt: date(s.blownAt),
    reportDueAt: date(s.reportDueAt),
    actDueAt: date(s.actDueAt),
    closedAt: date(s.closedAt),
    summons: (s.summons ?? []).map((x) => ({ ...x, checkedInAt: date(x.checkedInAt) })),
  };
}
