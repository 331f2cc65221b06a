import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.ts';
import { notFound } from '../../core/errors.ts';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { summonsBlownBetween } from '../../whistles/store.ts';
import { IdParams, narrowTo } from '../http.ts';
import { RevealInput, xlsxFormat } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { revealPersonalData } from '../reveal-personal-data.ts';
import { type ReviewQueue, serviceReviewRoutes } from '../service-review-routes.ts';
import { departmentUnitByCode } from '../units.ts';
import { deregisterPartyMember } from './deregister-party-member.ts';
import {
  DeregisterInput,
  MEMBER_KINDS,
  RecordMemberServiceInput,
  RegisterPartyMemberInput,
} from './model.ts';
import { PartyMemberView, presentMember, presentMemberService, ServiceView } from './present.ts';
import { recordMemberService } from './record-member-service.ts';
import { registerPartyMember } from './register-party-member.ts';
import { memberServiceRecords } from './review-member-service.ts';
import { getMember, getMembers, listMembers, listServices } from './store.ts';
import type { PartyMemberRecord, PartyMemberServiceRow } from './tables.ts';
import { memberRegisterXlsx } from './xlsx.ts';

const tags = ['participation'];

/** Members' service records awaiting (or past) the community's confirmation. */
const memberServiceQueue: ReviewQueue<PartyMemberServiceRow, PartyMemberRecord> = {
  ...memberServiceRecords,
  path: '/api/participation/party-member-services',
  listDescription: '党员服务记录（status=pending：待社区确认）',
  reviewDescription: '社区确认或退回服务记录',
  list: (db, f) => listServices(db, { ...f, scopePath: f.withinPath }),
  personIdOf: (s) => s.memberId,
  people: getMembers,
  presentService: presentMemberService,
  presentPerson: presentMember,
};
const MemberDetail = PartyMemberView.extend({
  services: z.array(ServiceView),
  whistles: z.array(
    z.object({
      whistleId: z.string(),
      blownAt: z.string(),
      checkedInAt: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
});

/** 党员到社区报到: the register, personal data on request, service records and their confirmation. */
export const memberRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/participation/party-members',
      {
        schema: {
          tags,
          description: '党员到社区报到名册（姓名、电话、身份证号脱敏）；format=xlsx 导出花名册',
          querystring: z.object({
            communityCode: z.string().optional().describe('社区或街道代码，缩小范围'),
            unitCode: z.string().optional().describe('工作单位代码'),
            kind: z.enum(MEMBER_KINDS).optional(),
            q: z.string().trim().max(50).optional(),
            includeLeft: z.coerce.boolean().default(false),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const q = request.query;
        const within = await narrowTo(db(), p, q.communityCode);
        const unit = q.unitCode ? await departmentUnitByCode(db(), p, q.unitCode) : null;
        const rows = await listMembers(db(), {
          districtCode: p.districtCode,
          scopePath: within,
          unitId: unit?.id,
          kind: q.kind,
          q: q.q,
          includeLeft: q.includeLeft,
        });
        const items = rows.map(presentMember);
        if (q.format === 'xlsx') {
          return sendXlsx(
            reply,
            '党员到社区报到花名册.xlsx',
            await memberRegisterXlsx(items, q.communityCode ?? '本辖区'),
          );
        }
        return { items };
      },
    );

    app.post(
      '/api/participation/party-members',
      {
        schema: {
          tags,
          description: '党员到社区报到',
          body: RegisterPartyMemberInput,
          response: { 201: PartyMemberView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const m = await registerPartyMember({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentMember(m));
      },
    );

    app.get(
      '/api/participation/party-members/:id',
      { schema: { tags, params: IdParams, response: { 200: MemberDetail } } },
      async (request) => {
        const p = requirePrincipal(request);
        const m = await getMember(db(), request.params.id);
        if (!m || m.districtCode !== p.districtCode) throw notFound('党员', request.params.id);
        const paths = [m.communityPath, ...(m.unitPath ? [m.unitPath] : [])];
        authorize(p, participationPolicy.read, { districtCode: m.districtCode, paths });
        const services = await listServices(db(), {
          districtCode: p.districtCode,
          scopePath: '/',
          memberIds: [m.id],
        });
        const summons = await summonsBlownBetween(db(), {
          districtCode: m.districtCode,
          from: new Date(`${m.registeredOn}T00:00:00+08:00`),
          to: new Date(Date.now() + 86_400_000),
          kind: 'party_member',
        });
        return {
          ...presentMember(m),
          services: services.map(presentMemberService),
          whistles: summons
            .filter((s) => s.memberId === m.id)
            .map((s) => ({
              whistleId: s.whistleId,
              blownAt: s.blownAt.toISOString(),
              checkedInAt: s.checkedInAt?.toISOString() ?? null,
              late: s.late,
            })),
        };
      },
    );

    app.post(
      '/api/participation/party-members/:id/deregister',
      {
        schema: {
          tags,
          description: '党员转出/退出',
          params: IdParams,
          body: DeregisterInput,
          response: { 200: PartyMemberView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const m = await deregisterPartyMember({
          db: db(),
          principal: p,
          memberId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return presentMember(m);
      },
    );

    app.post(
      '/api/participation/party-members/:id/reveal',
      {
        schema: {
          tags,
          description: '查看完整个人信息（须说明理由，记入审计）',
          params: IdParams,
          body: RevealInput,
        },
      },
      async (request) =>
        revealPersonalData({
          db: db(),
          principal: requirePrincipal(request),
          kind: 'party_member',
          id: request.params.id,
          input: request.body,
          requestId: request.id,
        }),
    );

    app.post(
      '/api/participation/party-members/:id/services',
      {
        schema: {
          tags,
          description: '登记党员服务记录（待社区确认）',
          params: IdParams,
          body: RecordMemberServiceInput,
          response: { 201: ServiceView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const s = await recordMemberService({
          db: db(),
          principal: p,
          memberId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentMemberService(s));
      },
    );

    await app.register(serviceReviewRoutes(ctx, memberServiceQueue));
  };
