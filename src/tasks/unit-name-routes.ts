import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { mapUnitName } from './map-unit-name.ts';
import { MapUnitNameInput } from './model.ts';
import { tasksPolicy } from './policy.ts';
import { UnitRef } from './present-task.ts';
import { createUnitResolver } from './resolve-units.ts';
import { listMappings, listReminders, listUnmatchedNames } from './store.ts';
import { sweepReminders } from './sweep-reminders.ts';
import { visibleWithin } from './task-views.ts';
import { loadUnitDirectory } from './unit-directory.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });

/** Unit names waiting for a person to map them, remembered mappings, and deadline reminders. */
export const unitNameRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/task-unit-names/unmatched',
      {
        schema: {
          tags: ['tasks'],
          description: '未能匹配到单位的名称（待人工指定一次，之后自动使用）',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  name: z.string(),
                  nameKey: z.string(),
                  tasks: z.number(),
                  suggestions: z.array(UnitRef),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readUnitNames);
        const rows = await listUnmatchedNames(db(), p.districtCode);
        const resolve = createUnitResolver(await loadUnitDirectory(db(), p.districtCode));
        return {
          items: rows.map((r) => ({
            name: r.name,
            nameKey: r.nameKey,
            tasks: Number(r.tasks),
            suggestions: resolve(r.name).suggestions.map((u) => ({ code: u.code, name: u.shortName })),
          })),
        };
      },
    );

    app.get(
      '/api/task-unit-names/mappings',
      {
        schema: {
          tags: ['tasks'],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  name: z.string(),
                  nameKey: z.string(),
                  units: z.array(UnitRef),
                  updatedBy: z.string(),
                  updatedAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readUnitNames);
        const [rows, directory] = await Promise.all([
          listMappings(db(), p.districtCode),
          loadUnitDirectory(db(), p.districtCode),
        ]);
        return {
          items: rows.map((m) => ({
            name: m.name,
            nameKey: m.nameKey,
            units: (directory.mappings.get(m.nameKey) ?? []).map((u) => ({
              code: u.code,
              name: u.shortName,
            })),
            updatedBy: m.createdByLabel,
            updatedAt: m.updatedAt.toISOString(),
          })),
        };
      },
    );

    app.post(
      '/api/task-unit-names/mappings',
      {
        schema: {
          tags: ['tasks'],
          description: '指定单位名称对应的单位（unitCodes 为空表示不是本区单位）；立即补全已导入任务',
          body: MapUnitNameInput,
          response: {
            200: z.object({
              name: z.string(),
              nameKey: z.string(),
              units: z.array(UnitRef),
              tasksUpdated: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.mapUnitName);
        return mapUnitName({
          db: db(),
          districtCode: p.districtCode,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
      },
    );

    app.post(
      '/api/task-reminders/sweep',
      {
        schema: {
          tags: ['tasks'],
          description: '生成到期提醒与逾期催办（可重复执行，不会重复提醒）',
          response: {
            200: z.object({
              today: z.string(),
              dueSoon: z.number(),
              overdue: z.number(),
              reminders: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.sweepReminders);
        return sweepReminders({ db: db(), actor: actorOf(p), districtCode: p.districtCode });
      },
    );

    app.get(
      '/api/task-reminders',
      {
        schema: {
          tags: ['tasks'],
          description: '本单位（及下属单位）的到期提醒与催办',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  kind: z.enum(['due_soon', 'overdue']),
                  taskId: z.string(),
                  planId: z.string(),
                  no: z.number(),
                  content: z.string(),
                  unit: z.string(),
                  dueDate: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readReminders);
        const rows = await listReminders(db(), p.districtCode, visibleWithin(p));
        return {
          items: rows.map((r) => ({
            id: r.reminder.id,
            kind: r.reminder.kind,
            taskId: r.reminder.taskId,
            planId: r.planId,
            no: r.no,
            content: r.content,
            unit: r.reminder.unitName,
            dueDate: r.reminder.dueDate,
            createdAt: r.reminder.createdAt.toISOString(),
          })),
        };
      },
    );
  };
