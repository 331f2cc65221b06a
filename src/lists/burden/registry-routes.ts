import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../../core/auth/authorize.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { getUnitByCode, getUnitSummariesByCodes } from '../../jurisdiction/store.ts';
import { authorizeToward, listsPolicy } from '../policy.ts';
import { buildBurdenReport } from './build-burden-report.ts';
import { burdenReportXlsx } from './burden-report-xlsx.ts';
import { BurdenReportView, FormView, MeetingView, presentForm, presentMeeting } from './present.ts';
import { FormInput, registerForm } from './register-form.ts';
import { MeetingInput, registerMeeting } from './register-meeting.ts';
import { retireForm } from './retire-form.ts';
import { actorOf, callerUnit, Period, periodOf, reportScope } from './route-helpers.ts';
import { meetingVisible } from './rules.ts';
import { listForms, listMeetings } from './store.ts';

/** 减负: the forms registry, meeting registrations and the per-community burden report. */
export const burdenRegistryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.post(
      '/api/forms',
      {
        schema: {
          tags: ['burden'],
          description: '登记部门要求社区填报的报表/系统（同一部门至多1个，FORM_LIMIT_REACHED）',
          body: FormInput.extend({
            departmentCode: z.string().optional().describe('区级管理员代部门登记时填写'),
          }),
          response: { 201: FormView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.registerForm, scoped: false });
        const { departmentCode, ...input } = request.body;
        let department = await callerUnit(db(), p);
        if (departmentCode && departmentCode !== department.code) {
          // Only the district registers on a department's behalf (e.g. when migrating the registry).
          if (!p.roles.includes('district_admin')) {
            throw new AppError('FORBIDDEN', '只能以本部门名义登记报表 (own department only)', {
              action: listsPolicy.registerForm.action,
            });
          }
          const dept = await getUnitByCode(db(), departmentCode);
          if (!dept || dept.districtCode !== p.districtCode) throw notFound('部门', departmentCode);
          department = dept;
        }
        const row = await registerForm({
          db: db(),
          department,
          input,
          actor: actorOf(p),
          requestId: request.id,
          authorizeCommunity: (u) => authorizeToward(p, listsPolicy.registerForm, u),
        });
        return reply.status(201).send(presentForm(row));
      },
    );

    app.get(
      '/api/forms',
      {
        schema: {
          tags: ['burden'],
          querystring: z.object({ community: z.string().optional() }),
          response: { 200: z.object({ items: z.array(FormView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readForms, { districtCode: p.districtCode, paths: [scopePath(p)] });
        const own = await callerUnit(db(), p);
        const rows = await listForms(db(), {
          districtCode: p.districtCode,
          withinPath: scopePath(p),
          ownUnitCode: own.code,
          community: request.query.community,
        });
        return { items: rows.map(presentForm) };
      },
    );

    app.post(
      '/api/forms/:id/retire',
      { schema: { tags: ['burden'], params: z.object({ id: z.uuid() }), response: { 200: FormView } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.registerForm, scoped: false });
        const own = await callerUnit(db(), p);
        const row = await retireForm({
          db: db(),
          formId: request.params.id,
          actor: actorOf(p),
          requestId: request.id,
          authorizeForm: (f) => {
            if (
              f.districtCode !== p.districtCode ||
              (!p.roles.includes('district_admin') && f.departmentCode !== own.code)
            ) {
              throw new AppError('FORBIDDEN_SCOPE', '只能停用本部门登记的报表 (own department only)', {
                action: listsPolicy.registerForm.action,
              });
            }
          },
        });
        return presentForm(row);
      },
    );

    app.post(
      '/api/meetings',
      {
        schema: {
          tags: ['burden'],
          description: '报备需社区人员参加的会议',
          body: MeetingInput,
          response: { 201: MeetingView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.registerMeeting, scoped: false });
        const row = await registerMeeting({
          db: db(),
          organiser: await callerUnit(db(), p),
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeCommunity: (u) => authorizeToward(p, listsPolicy.registerMeeting, u),
        });
        return reply.status(201).send(presentMeeting(row));
      },
    );

    app.get(
      '/api/meetings',
      {
        schema: {
          tags: ['burden'],
          description:
            '已报备的会议：涉及本辖区社区的，或由本单位（部门：本部门）报备的；street 限定为涉及该街道社区的',
          querystring: Period,
          response: { 200: z.object({ items: z.array(MeetingView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const scope = scopePath(p);
        authorize(p, listsPolicy.readMeetings, { districtCode: p.districtCode, paths: [scope] });
        let street: string | undefined;
        if (request.query.street) {
          const unit = await getUnitByCode(db(), request.query.street);
          if (!unit) throw notFound('街道', request.query.street);
          // a department may narrow its own meetings to any street of its district; others their own
          authorizeToward(p, listsPolicy.readMeetings, unit);
          street = unit.path;
        }
        const rows = await listMeetings(db(), { districtCode: p.districtCode, ...periodOf(request.query) });
        const codes = new Set(rows.flatMap((m) => [m.organiserUnitCode, ...m.communityCodes]));
        const units = await getUnitSummariesByCodes(db(), [...codes]);
        const paths = new Map(
          units.filter((u) => u.districtCode === p.districtCode).map((u) => [u.code, u.path]),
        );
        const visible = rows.filter((m) => meetingVisible(m, (c) => paths.get(c), scope, street));
        return { items: visible.map(presentMeeting) };
      },
    );

    app.get(
      '/api/burden-report',
      { schema: { tags: ['burden'], querystring: Period, response: { 200: BurdenReportView } } },
      async (request) => {
        const p = requirePrincipal(request);
        const withinPath = await reportScope(db(), p, request.query.street);
        return buildBurdenReport({
          db: db(),
          districtCode: p.districtCode,
          withinPath,
          ...periodOf(request.query),
        });
      },
    );

    app.get(
      '/api/burden-report.xlsx',
      { schema: { tags: ['burden'], description: '导出社区减负情况统计表', querystring: Period } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const withinPath = await reportScope(db(), p, request.query.street);
        const period = periodOf(request.query);
        const report = await buildBurdenReport({
          db: db(),
          districtCode: p.districtCode,
          withinPath,
          ...period,
        });
        return sendXlsx(reply, `社区减负情况统计表-${period.from}.xlsx`, await burdenReportXlsx(report));
      },
    );
  };
