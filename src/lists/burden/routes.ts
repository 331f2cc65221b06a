import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../../core/auth/authorize.ts';
import { findDisplayNames } from '../../core/auth/users-store.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { authorizeToward, listsPolicy } from '../policy.ts';
import { ListVersionView, presentVersion } from '../present-list.ts';
import { acknowledgeNotice } from './acknowledge-notice.ts';
import { ApprovalInput, approveAccessProposal } from './approve-access-proposal.ts';
import { fileWorkRequest, WorkRequestInput } from './file-work-request.ts';
import { ProposalView, presentProposal, presentWorkRequest, WorkRequestView } from './present.ts';
import { AccessProposalInput, proposeAccessItem } from './propose-access-item.ts';
import { rejectAccessProposal } from './reject-access-proposal.ts';
import { actorOf, callerUnit, unitResource } from './route-helpers.ts';
import { listProposals, listWorkRequests } from './store.ts';
import type { AccessProposalRow } from './tables.ts';

/** 减负: work requests and their notices, proposals of new access items. */
export const burdenRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    /** The proposers' display names (proposals record the proposer's log-in). */
    const proposerNames = (rows: readonly AccessProposalRow[]) =>
      findDisplayNames(db(), { usernames: rows.map((r) => r.proposedBy) });

    app.post(
      '/api/work-requests',
      {
        schema: {
          tags: ['burden'],
          description: '部门向街道/社区提出工作请求：须引用准入清单事项，否则拒收（NOT_ON_ACCESS_LIST）',
          body: WorkRequestInput,
          response: { 201: WorkRequestView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.fileWorkRequest, scoped: false });
        const row = await fileWorkRequest({
          db: db(),
          from: await callerUnit(db(), p),
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeTarget: (u) => authorizeToward(p, listsPolicy.fileWorkRequest, u),
        });
        return reply.status(201).send(presentWorkRequest(row));
      },
    );

    app.get(
      '/api/work-requests',
      {
        schema: {
          tags: ['burden'],
          querystring: z.object({
            status: z.enum(['accepted', 'refused']).optional(),
            target: z.string().optional(),
          }),
          response: { 200: z.object({ items: z.array(WorkRequestView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readWorkRequests, { districtCode: p.districtCode, paths: [scopePath(p)] });
        const own = await callerUnit(db(), p);
        const rows = await listWorkRequests(db(), {
          districtCode: p.districtCode,
          withinPath: scopePath(p),
          ownUnitCode: own.code,
          status: request.query.status,
          target: request.query.target,
        });
        return { items: rows.map(presentWorkRequest) };
      },
    );

    app.post(
      '/api/work-requests/:id/acknowledge',
      {
        schema: {
          tags: ['burden'],
          description: '签收工作提示单',
          params: z.object({ id: z.uuid() }),
          response: { 200: WorkRequestView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.acknowledgeNotice);
        const row = await acknowledgeNotice({
          db: db(),
          workRequestId: request.params.id,
          actor: actorOf(p),
          requestId: request.id,
          authorizeTarget: (r) =>
            authorize(p, listsPolicy.acknowledgeNotice, {
              districtCode: r.districtCode,
              paths: [r.targetPath],
            }),
        });
        return presentWorkRequest(row);
      },
    );

    app.post(
      '/api/access-proposals',
      {
        schema: {
          tags: ['burden'],
          description: '申请新增准入事项：须写明随事转移的事权、人员、经费',
          body: AccessProposalInput,
          response: { 201: ProposalView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.proposeItem, scoped: false });
        const row = await proposeAccessItem({
          db: db(),
          districtCode: p.districtCode,
          proposedBy: await callerUnit(db(), p),
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeScope: (u) => authorizeToward(p, listsPolicy.proposeItem, u),
        });
        return reply.status(201).send(presentProposal(row, await proposerNames([row])));
      },
    );

    app.get(
      '/api/access-proposals',
      {
        schema: {
          tags: ['burden'],
          querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
          response: { 200: z.object({ items: z.array(ProposalView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readProposals);
        const rows = await listProposals(db(), {
          districtCode: p.districtCode,
          status: request.query.status,
        });
        const names = await proposerNames(rows);
        return { items: rows.map((r) => presentProposal(r, names)) };
      },
    );

    app.post(
      '/api/access-proposals/:id/approve',
      {
        schema: {
          tags: ['burden'],
          description: '批准新增准入事项（须有审批记录），生成清单新版本',
          params: z.object({ id: z.uuid() }),
          body: ApprovalInput,
          response: {
            200: z.object({ proposal: ProposalView, version: ListVersionView, itemCode: z.string() }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.decideProposal);
        const result = await approveAccessProposal({
          db: db(),
          proposalId: request.params.id,
          approval: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeScope: (u) => authorize(p, listsPolicy.decideProposal, unitResource(u)),
        });
        return {
          proposal: presentProposal(result.proposal, await proposerNames([result.proposal])),
          version: presentVersion(result.version),
          itemCode: result.itemCode,
        };
      },
    );

    app.post(
      '/api/access-proposals/:id/reject',
      {
        schema: {
          tags: ['burden'],
          params: z.object({ id: z.uuid() }),
          body: z.object({ reason: z.string().max(500) }),
          response: { 200: ProposalView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.decideProposal);
        const row = await rejectAccessProposal({
          db: db(),
          proposalId: request.params.id,
          reason: request.body.reason,
          actor: actorOf(p),
          requestId: request.id,
          authorizeScope: (u) => authorize(p, listsPolicy.decideProposal, unitResource(u)),
        });
        return presentProposal(row, await proposerNames([row]));
      },
    );
  };
