import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../../core/auth/authorize.ts';
import { findDisplayNames } from '../../core/auth/users-store.ts';
import { notFound } from '../../core/errors.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import { listsPolicy } from '../policy.ts';
import { AcceptServiceCaseInput, acceptServiceCase } from './accept-service-case.ts';
import { CompleteServiceCaseInput, completeServiceCase } from './complete-service-case.ts';
import { findCatalogItem } from './find-catalog-item.ts';
import { OpenServiceCaseInput, openServiceCase } from './open-service-case.ts';
import { OneTimeNoticeView, presentServiceCase, ServiceCaseView } from './present.ts';
import { oneTimeNotice } from './rules.ts';
import { listServiceCases } from './store.ts';
import { SERVICE_STATUSES, type ServiceCaseRow } from './tables.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });
const caseResource = (c: ServiceCaseRow) => ({ districtCode: c.districtCode, paths: [c.stationPath] });
const CaseWithNotice = z.object({ serviceCase: ServiceCaseView, notice: OneTimeNoticeView });
/** The first responders' display names of these cases (one query). */
const responderNames = (db: Parameters<typeof findDisplayNames>[0], rows: readonly ServiceCaseRow[]) =>
  findDisplayNames(db, {
    ids: rows.flatMap((r) => (r.firstResponderId ? [r.firstResponderId] : [])),
    usernames: rows.map((r) => r.firstResponder),
  });

/** 便民服务: one-window intake, appointments, proxy handling, one-time notices, time-limited completion. */
export const serviceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const calendarOf = (p: Principal) => ctx.calendars.get(db(), p.districtCode);

    app.get(
      '/api/service/notice',
      {
        schema: {
          tags: ['service'],
          description: '服务事项一次性告知单（办理条件、全部材料、时限、地点）',
          querystring: z.object({ station: z.string(), item: z.string() }),
          response: { 200: OneTimeNoticeView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const station = await getUnitByCode(db(), request.query.station);
        if (!station || station.districtCode !== p.districtCode)
          throw notFound('服务站', request.query.station);
        const item = await findCatalogItem(db(), station, request.query.item);
        return oneTimeNotice(item, station.name);
      },
    );

    app.post(
      '/api/service/cases',
      {
        schema: {
          tags: ['service'],
          description: '一口受理：窗口、预约或代办；材料不全则出具一次性告知单',
          body: OpenServiceCaseInput,
          response: { 201: CaseWithNotice },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.serveResidents);
        const calendar = await calendarOf(p);
        const result = await openServiceCase({
          db: db(),
          calendar,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeStation: (u) =>
            authorize(p, listsPolicy.serveResidents, { districtCode: u.districtCode, paths: [u.path] }),
        });
        const names = await responderNames(db(), [result.serviceCase]);
        return reply.status(201).send({
          serviceCase: presentServiceCase(result.serviceCase, calendar, names),
          notice: result.notice,
        });
      },
    );

    app.post(
      '/api/service/cases/:id/accept',
      {
        schema: {
          tags: ['service'],
          description: '补齐材料后受理（开始计时）',
          params: z.object({ id: z.uuid() }),
          body: AcceptServiceCaseInput,
          response: { 200: CaseWithNotice },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.serveResidents);
        const calendar = await calendarOf(p);
        const result = await acceptServiceCase({
          db: db(),
          calendar,
          caseId: request.params.id,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeCase: (c) => authorize(p, listsPolicy.serveResidents, caseResource(c)),
        });
        const names = await responderNames(db(), [result.serviceCase]);
        return {
          serviceCase: presentServiceCase(result.serviceCase, calendar, names),
          notice: result.notice,
        };
      },
    );

    app.post(
      '/api/service/cases/:id/complete',
      {
        schema: {
          tags: ['service'],
          description: '办结',
          params: z.object({ id: z.uuid() }),
          body: CompleteServiceCaseInput,
          response: { 200: ServiceCaseView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.serveResidents);
        const row = await completeServiceCase({
          db: db(),
          caseId: request.params.id,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeCase: (c) => authorize(p, listsPolicy.serveResidents, caseResource(c)),
        });
        return presentServiceCase(row, await calendarOf(p), await responderNames(db(), [row]));
      },
    );

    app.get(
      '/api/service/cases',
      {
        schema: {
          tags: ['service'],
          querystring: z.object({
            station: z.string().optional(),
            status: z.enum(SERVICE_STATUSES).optional(),
            overdue: z.enum(['true', 'false']).optional().describe('只看超期未办结的'),
          }),
          response: { 200: z.object({ items: z.array(ServiceCaseView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        let withinPath = scopePath(p);
        if (request.query.station) {
          const station = await getUnitByCode(db(), request.query.station);
          if (!station) throw notFound('服务站', request.query.station);
          authorize(p, listsPolicy.readServiceCases, {
            districtCode: station.districtCode,
            paths: [station.path],
          });
          withinPath = station.path;
        } else {
          authorize(p, listsPolicy.readServiceCases, { districtCode: p.districtCode, paths: [withinPath] });
        }
        const calendar = await calendarOf(p);
        const rows = await listServiceCases(db(), {
          districtCode: p.districtCode,
          withinPath,
          status: request.query.overdue === 'true' ? 'accepted' : request.query.status,
        });
        const names = await responderNames(db(), rows);
        const items = rows.map((r) => presentServiceCase(r, calendar, names));
        return { items: request.query.overdue === 'true' ? items.filter((i) => i.overdue) : items };
      },
    );
  };
