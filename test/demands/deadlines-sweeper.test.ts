import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { importCalendarOverrides } from '../../src/core/calendar/import-overrides.ts';
import { CalendarRegistry } from '../../src/core/calendar/store.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { computeDeadlines } from '../../src/demands/deadlines.ts';
import { demandRules } from '../../src/demands/demand-rules.ts';
import { sweepDeadlines } from '../../src/demands/sweep-deadlines.ts';
import { demandEvents, demands } from '../../src/demands/tables.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
let hotline: string;
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
});

const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。`;

describe('deadlines on the official calendar', () => {
  it('3 working days from 2026-09-30 10:00 end at 24:00 on 2026-10-10 (National Day, 10-10 a make-up day)', async () => {
    const calendar = await new CalendarRegistry().get(database.db, '110107');
    const { timeLimits } = await demandRules(database.db, '110107');
    const d = computeDeadlines(
      calendar,
      { ...timeLimits, general: { amount: 3, unit: 'working_days' } },
      {
        from: new Date('2026-09-30T10:00:00+08:00'),
        urgent: false,
        roundTheClock: false,
        complexity: 'general',
      },
    );
    expect(d.dueAt.toISOString()).toBe('2026-10-10T16:00:00.000Z');
    // utilities: 24 clock hours, right through the holiday
    const heat = computeDeadlines(calendar, timeLimits, {
      from: new Date('2026-09-30T10:00:00+08:00'),
      urgent: false,
      roundTheClock: true,
      complexity: 'general',
    });
    expect(heat.dueAt.toISOString()).toBe('2026-10-01T02:00:00.000Z');
  });

  it('an imported 2027 notice changes deadlines in 2027; the API answers with it', async () => {
    const registry = new CalendarRegistry();
    const from = new Date('2027-02-05T10:00:00+08:00');
    const before = (await registry.get(database.db, '110107')).computeDeadline(from, {
      unit: 'working_days',
      amount: 3,
    });
    expect(before.coverage.complete).toBe(false);
    expect(before.due.toISOString()).toBe('2027-02-10T16:00:00.000Z'); // Mon–Fri fallback: 8, 9, 10 Feb
    await importCalendarOverrides({
      db: database.db,
      scope: 'national',
      notice: NOTICE_2027,
      source: '国办发明电〔2026〕x号',
      actor: SYSTEM_ACTOR,
      districtCode: '110107',
    });
    const after = (await registry.get(database.db, '110107')).computeDeadline(from, {
      unit: 'working_days',
      amount: 3,
    });
    // 6–13 Feb off; 15, 16, 17 Feb are the three working days
    expect(after.due.toISOString()).toBe('2027-02-17T16:00:00.000Z');
    const res = await call(
      app,
      hotline,
      'GET',
      `/api/calendar/due?from=${encodeURIComponent('2027-02-05T10:00:00+08:00')}&workingDays=3`,
    );
    expect(res.dueAsStated).toBe('2027-02-17T24:00+08:00');
  });
});

describe('deadline sweeper', () => {
  it('marks overdue and schedules the follow-up call exactly once, even when two sweeps race', async () => {
    const created = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      {
        content: '小区垃圾桶满溢好几天没人清运',
        type: '投诉',
        point: await pointIn(database, '110107001003001'),
      },
      201,
    );
    const soon = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      {
        content: '楼道里乱堆杂物和建筑垃圾',
        type: '投诉',
        point: await pointIn(database, '110107001003001'),
      },
      201,
    );
    await database.db
      .update(demands)
      .set({ dueAt: sql`now() - interval '1 hour'` })
      .where(eq(demands.id, created.id));
    await database.db
      .update(demands)
      .set({ dueAt: sql`now() + interval '2 hours'`, dispatchedAt: sql`now() - interval '7 days'` })
      .where(eq(demands.id, soon.id));
    const [a, b] = await Promise.all([sweepDeadlines(database.db), sweepDeadlines(database.db)]);
    expect((a?.overdue ?? 0) + (b?.overdue ?? 0)).toBe(1);
    expect((a?.dueSoon ?? 0) + (b?.dueSoon ?? 0)).toBe(1);
    const again = await sweepDeadlines(database.db);
    expect(again).toEqual({ dueSoon: 0, overdue: 0, callbacksScheduled: 0 });
    const events = await database.db.select().from(demandEvents).where(eq(demandEvents.demandId, created.id));
    expect(events.filter((e) => e.type === 'overdue')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'callback_scheduled')).toHaveLength(1);
    const street = await loginAs(app, 'street');
    const wb = await call(app, street, 'GET', '/api/demands/workbench');
    expect(wb.已超期).toBeGreaterThanOrEqual(1);
    expect(wb.即将超期).toBeGreaterThanOrEqual(1);
    const overdueList = await call(app, street, 'GET', '/api/demands?dueState=overdue');
    expect(overdueList.items.map((d: { id: string }) => d.id)).toContain(created.id);
  });
});
