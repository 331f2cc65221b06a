import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import { toZoned } from '../core/calendar/zoned-time.ts';
import { notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { activateProfile } from './activate-profile.ts';
import { buildDistrictReport } from './build-district-report.ts';
import { computeFunding } from './compute-funding.ts';
import { computeStaffing } from './compute-staffing.ts';
import { describeActivePolicy, profileSummaries } from './describe-policy.ts';
import { districtReportXlsx } from './district-report-xlsx.ts';
import { partyOrgTypeSchema } from './model.ts';
import { policyPolicy } from './policy.ts';
import { CommunityFactsInput, recordCommunityFacts } from './record-community-facts.ts';
import { removeRuleOverride } from './remove-rule-override.ts';
import { setRuleOverride } from './set-rule-override.ts';
import { getActivePolicy } from './store.ts';
import {
  ActivePolicyView,
  CommunityFactsView,
  DistrictReportView,
  FundingView,
  ProfileSummaryView,
  ResolvedRuleView,
  StaffingView,
} from './views.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });
const districtResource = (p: Principal) => ({
  districtCode: p.districtCode,
  paths: [`/${p.districtCode.padEnd(12, '0')}/`],
});
const unitResource = (u: OrgUnitRow) => ({ districtCode: u.districtCode, paths: [u.path] });
const currentYear = () => Number(toZoned(new Date(), 'Asia/Shanghai').date.slice(0, 4));

const ProfileQuery = z.object({
  profile: z.string().optional().describe('政策配置 id；省略则用本区现行配置及本区覆盖'),
});
const StaffingQuery = ProfileQuery.extend({
  households: z.coerce.number().int().min(0),
  flags: z.string().optional().describe('old_compound,no_property,elderly,commercial'),
  partyMembers: z.coerce.number().int().min(0).optional(),
});
const FundingQuery = ProfileQuery.extend({
  households: z.coerce.number().int().min(0),
  partyOrg: partyOrgTypeSchema,
  partyMembers: z.coerce.number().int().min(0),
});
const ReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  street: z.string().optional().describe('只看一个街道（编码）'),
});

/** Policy profiles, activation, overrides, staffing/funding computations and the district report. */
export const policyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    /** An explicit preset computes from that preset alone; otherwise the district's own policy. */
    const profileFor = async (p: Principal, profile: string | undefined) => {
      if (profile) return { profile, overrides: {} };
      const active = await getActivePolicy(db(), p.districtCode);
      return { profile: active.profileId, overrides: active.overrides };
    };

    const reportScope = async (p: Principal, street: string | undefined) => {
      if (!street) {
        authorize(p, policyPolicy.readReport, { districtCode: p.districtCode, paths: [scopePath(p)] });
        return scopePath(p);
      }
      const unit = await getUnitByCode(db(), street);
      if (!unit) throw notFound('街道', street);
      authorize(p, policyPolicy.readReport, unitResource(unit));
      return unit.path;
    };

    app.get(
      '/api/policy/profiles',
      { schema: { tags: ['policy'], response: { 200: z.object({ items: z.array(ProfileSummaryView) }) } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.readProfiles);
        const active = await getActivePolicy(db(), p.districtCode);
        return { items: profileSummaries(active.profileId) };
      },
    );

    app.get(
      '/api/policy/active',
      { schema: { tags: ['policy'], response: { 200: ActivePolicyView } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.readProfiles);
        return describeActivePolicy(db(), p.districtCode);
      },
    );

    app.put(
      '/api/policy/active',
      {
        schema: {
          tags: ['policy'],
          description: '切换本区现行政策配置（区级管理员，审计留痕）',
          body: z.object({ profileId: z.string().min(1), reason: z.string().trim().max(500).optional() }),
          response: { 200: ActivePolicyView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.activate, districtResource(p));
        await activateProfile({
          db: db(),
          districtCode: p.districtCode,
          profileId: request.body.profileId,
          reason: request.body.reason,
          actor: actorOf(p),
          requestId: request.id,
        });
        return describeActivePolicy(db(), p.districtCode);
      },
    );

    app.put(
      '/api/policy/overrides/:ruleKey',
      {
        schema: {
          tags: ['policy'],
          description: '覆盖单条政策规则（须注明依据文件，审计留痕）',
          params: z.object({ ruleKey: z.string() }),
          body: z.object({ value: z.unknown(), source: z.string() }),
          response: { 200: ResolvedRuleView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.override, districtResource(p));
        return setRuleOverride({
          db: db(),
          districtCode: p.districtCode,
          ruleKey: request.params.ruleKey,
          value: request.body.value,
          source: request.body.source,
          actor: actorOf(p),
          requestId: request.id,
        });
      },
    );

    app.delete(
      '/api/policy/overrides/:ruleKey',
      {
        schema: {
          tags: ['policy'],
          params: z.object({ ruleKey: z.string() }),
          querystring: z.object({ reason: z.string().max(500).optional() }),
          response: { 200: ResolvedRuleView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.override, districtResource(p));
        return removeRuleOverride({
          db: db(),
          districtCode: p.districtCode,
          ruleKey: request.params.ruleKey,
          reason: request.query.reason,
          actor: actorOf(p),
          requestId: request.id,
        });
      },
    );

    app.get(
      '/api/policy/staffing',
      { schema: { tags: ['policy'], querystring: StaffingQuery, response: { 200: StaffingView } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.compute);
        const q = request.query;
        const flags = q.flags
          ? q.flags
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean)
          : [];
        return computeStaffing({
          ...(await profileFor(p, q.profile)),
          households: q.households,
          // Unknown flags are rejected by the computation's own schema (VALIDATION_FAILED).
          flags: flags as Parameters<typeof computeStaffing>[0]['flags'],
          ...(q.partyMembers === undefined ? {} : { partyMembers: q.partyMembers }),
        });
      },
    );

    app.get(
      '/api/policy/funding',
      { schema: { tags: ['policy'], querystring: FundingQuery, response: { 200: FundingView } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.compute);
        const q = request.query;
        return computeFunding({
          ...(await profileFor(p, q.profile)),
          households: q.households,
          partyOrg: q.partyOrg,
          partyMembers: q.partyMembers,
        });
      },
    );

    app.get(
      '/api/policy/district-report',
      { schema: { tags: ['policy'], querystring: ReportQuery, response: { 200: DistrictReportView } } },
      async (request) => {
        const p = requirePrincipal(request);
        const withinPath = await reportScope(p, request.query.street);
        const year = request.query.year ?? currentYear();
        return buildDistrictReport({ db: db(), districtCode: p.districtCode, withinPath, year });
      },
    );

    app.get(
      '/api/policy/district-report.xlsx',
      { schema: { tags: ['policy'], description: '导出社区人员配备与经费测算表', querystring: ReportQuery } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const withinPath = await reportScope(p, request.query.street);
        const year = request.query.year ?? currentYear();
        const report = await buildDistrictReport({
          db: db(),
          districtCode: p.districtCode,
          withinPath,
          year,
        });
        return sendXlsx(reply, `社区人员配备与经费测算表-${year}.xlsx`, await districtReportXlsx(report));
      },
    );

    app.put(
      '/api/policy/communities/:code/facts',
      {
        schema: {
          tags: ['policy'],
          description: '登记社区实有“两委”、服务站人员、党组织与经费（审计留痕）',
          params: z.object({ code: z.string() }),
          body: CommunityFactsInput,
          response: { 200: CommunityFactsView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, policyPolicy.recordFacts);
        const row = await recordCommunityFacts({
          db: db(),
          communityCode: request.params.code,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeUnit: (u) => authorize(p, policyPolicy.recordFacts, unitResource(u)),
        });
        return { ...row, updatedAt: row.updatedAt.toISOString() };
      },
    );
  };
