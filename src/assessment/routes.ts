import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getAssessmentConstraints } from '../policy/assessment-constraints.ts';
import { getActivePolicy } from '../policy/store.ts';
import { EntryInputSchema, type SchemeDefinition, SchemeInputSchema } from './model.ts';
import { assessmentPolicy } from './policy.ts';
import { presentEntry, presentResult, presentScheme } from './present.ts';
import { recordEntry } from './record-entry.ts';
import { resultRoutes } from './result-routes.ts';
import { runAssessment } from './run-assessment.ts';
import { checkScheme, saveScheme } from './save-scheme.ts';
import { SOURCES, type SourceKey } from './sources/catalog.ts';
import { getScheme, listEntries, listSchemes } from './store.ts';
import { districtRootPath } from './subjects.ts';
import type { AssessmentSchemeRow } from './tables.ts';
import { describeShares } from './validate-scheme.ts';
import { EntryView, ResultView, SchemeView, SourceView, ValidationView } from './views.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });
/** The district as a scoped resource: schemes and their runs belong to the whole district. */
export const districtResource = (p: Principal) => ({
  districtCode: p.districtCode,
  paths: [districtRootPath(p.districtCode)],
});
const Params = z.object({ id: z.uuid() });

/** Each evaluator's share of a stored scheme under the district's current policy. */
async function sharesOf(db: Db, row: AssessmentSchemeRow) {
  const active = await getActivePolicy(db, row.districtCode);
  const c = getAssessmentConstraints(active.profileId, active.overrides);
  return describeShares(row.definition as unknown as SchemeDefinition, c);
}

/** 双向考核: the indicator catalogue, schemes (validated against policy), entered values, runs. */
export const assessmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const schemeOf = async (p: Principal, id: string) => {
      const row = await getScheme(db(), id);
      if (!row || row.districtCode !== p.districtCode) throw notFound('考核方案', id);
      return row;
    };

    app.get(
      '/api/assessment/sources',
      {
        schema: {
          tags: ['assessment'],
          description: '考核指标来源目录',
          response: { 200: z.object({ items: z.array(SourceView) }) },
        },
      },
      async (request) => {
        authorize(requirePrincipal(request), assessmentPolicy.readSchemes);
        const items = Object.entries(SOURCES).map(([key, s]) => ({
          key: key as SourceKey,
          nameZh: s.nameZh,
          family: s.family,
          definitionZh: s.definitionZh,
          appliesTo: [...s.appliesTo],
          evaluator: s.evaluator,
          lowerIsBetter: 'lowerIsBetter' in s,
        }));
        return { items };
      },
    );

    app.get(
      '/api/assessment/schemes',
      { schema: { tags: ['assessment'], response: { 200: z.object({ items: z.array(SchemeView) }) } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.readSchemes);
        const rows = await listSchemes(db(), p.districtCode);
        return { items: await Promise.all(rows.map(async (r) => presentScheme(r, await sharesOf(db(), r)))) };
      },
    );

    app.post(
      '/api/assessment/schemes/check',
      {
        schema: {
          tags: ['assessment'],
          description: '按本区现行政策配置检查考核方案（不保存）：列出违反的规则、依据和差距',
          body: SchemeInputSchema,
          response: { 200: ValidationView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.manage, districtResource(p));
        const check = await checkScheme({ db: db(), districtCode: p.districtCode, input: request.body });
        const v = check.validation;
        return {
          ok: v.issues.length === 0 && v.violations.length === 0,
          profileId: check.profileId,
          ...v,
          shares: check.shares,
        };
      },
    );

    app.post(
      '/api/assessment/schemes',
      {
        schema: {
          tags: ['assessment'],
          description: '新建考核方案；不符合现行政策配置的方案以 422 SCHEME_REFUSED 拒绝（审计留痕）',
          body: SchemeInputSchema,
          response: { 201: SchemeView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.manage, districtResource(p));
        const row = await saveScheme({
          db: db(),
          districtCode: p.districtCode,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
        return reply.status(201).send(presentScheme(row, await sharesOf(db(), row)));
      },
    );

    app.get(
      '/api/assessment/schemes/:id',
      { schema: { tags: ['assessment'], params: Params, response: { 200: SchemeView } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.readSchemes);
        const row = await schemeOf(p, request.params.id);
        return presentScheme(row, await sharesOf(db(), row));
      },
    );

    app.put(
      '/api/assessment/schemes/:id',
      {
        schema: {
          tags: ['assessment'],
          description: '修改考核方案（新版本，重新校验；已算出的结果保留其所用版本）',
          params: Params,
          body: SchemeInputSchema,
          response: { 200: SchemeView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.manage, districtResource(p));
        await schemeOf(p, request.params.id);
        const row = await saveScheme({
          db: db(),
          districtCode: p.districtCode,
          schemeId: request.params.id,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
        return presentScheme(row, await sharesOf(db(), row));
      },
    );

    app.get(
      '/api/assessment/schemes/:id/entries',
      {
        schema: {
          tags: ['assessment'],
          params: Params,
          querystring: z.object({ period: z.string().min(4).max(7) }),
          response: { 200: z.object({ items: z.array(EntryView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.readDrafts, districtResource(p));
        const row = await schemeOf(p, request.params.id);
        return { items: (await listEntries(db(), row.id, request.query.period)).map(presentEntry) };
      },
    );

    app.put(
      '/api/assessment/schemes/:id/entries',
      {
        schema: {
          tags: ['assessment'],
          description: '录入满意度调查、第三方评分、人工评分（须附佐证）或驻区单位党建赋分（审计留痕）',
          params: Params,
          body: z.object({
            period: z.string().min(4).max(7),
            indicatorKey: z.string().min(1),
            subjectCode: z.string().min(1),
            entry: EntryInputSchema,
          }),
          response: { 200: EntryView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.enter, districtResource(p));
        const saved = await recordEntry({
          db: db(),
          districtCode: p.districtCode,
          schemeId: request.params.id,
          period: request.body.period,
          indicatorKey: request.body.indicatorKey,
          subjectCode: request.body.subjectCode,
          input: request.body.entry,
          actor: actorOf(p),
          requestId: request.id,
          authorizeSubject: (s) =>
            authorize(p, assessmentPolicy.enter, { districtCode: p.districtCode, paths: [s.path] }),
        });
        return presentEntry(saved);
      },
    );

    app.post(
      '/api/assessment/schemes/:id/runs',
      {
        schema: {
          tags: ['assessment'],
          description: '按记录计算一个周期的考核结果（草稿）；已发布后再算即为更正，须说明原因',
          params: Params,
          body: z.object({
            period: z.string().min(4).max(7).describe('2026-10 / 2026-Q4 / 2026-H2 / 2026'),
            asOf: z.iso.datetime({ offset: true }).optional(),
            reason: z.string().trim().max(500).optional(),
          }),
          response: { 201: ResultView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.manage, districtResource(p));
        const result = await runAssessment({
          db: db(),
          districtCode: p.districtCode,
          schemeId: request.params.id,
          period: request.body.period,
          asOf: request.body.asOf ? new Date(request.body.asOf) : undefined,
          reason: request.body.reason,
          actor: actorOf(p),
          requestId: request.id,
        });
        return reply.status(201).send(presentResult(p, result));
      },
    );

    await app.register(resultRoutes(ctx));
  };
