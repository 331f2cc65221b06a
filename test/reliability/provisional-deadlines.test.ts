import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { officialYears } from '../../src/core/calendar/official-data.ts';
import { createWorkCalendar } from '../../src/core/calendar/work-calendar.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { dispatchOutbox } from '../../src/core/outbox/dispatch-outbox.ts';
import { planDispatch } from '../../src/demands/plan-dispatch.ts';
import { recomputeProvisionalDeadlines } from '../../src/demands/recompute-provisional-deadlines.ts';
import { recordEvents } from '../../src/demands/record-events.ts';
import { listEvents } from '../../src/demands/store.ts';
import { demands } from '../../src/demands/tables.ts';
import type { AppContext } from '../../src/http/context.ts';
import { outboxConsumers } from '../../src/http/outbox-consumers.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs, unitByCode } from '../factories.ts';

/**
 * A deadline in a year without official holiday data is computed Mon–Fri, marked provisional, and
 * recomputed (as a `deadline_recomputed` event) once that year's arrangement is imported — whatever
 * time zone the machine runs in (scripts/test.sh runs this file under several).
 */
let database: Database;
let app: App;
let ctx: AppContext;
let admin: string;
const year = Math.max(...officialYears()) + 1; // the first year chinese-days does not cover
const dispatchAt = new Date(`${year}-01-05T10:00:00+08:00`);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app, ctx } = await buildTestApp(database));
  admin = await loginAs(app, 'admin');
});

describe('provisional deadlines', () => {
  it('are marked, then recomputed when the year is imported (through the outbox, once)', async () => {
    const hotline = await loginAs(app, 'hotline');
    const created = await app.inject({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: hotline },
      payload: {
        content: '小区路灯不亮，夜间出行不便',
        type: '投诉',
        address: '某社区',
        action: { kind: 'record' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // dispatched on a January day of the uncovered year (planDispatch takes the instant)
    const owner = await unitByCode(database, '110107001000');
    await database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(demands).where(eq(demands.id, id));
      const events = await planDispatch(ctx, tx, {
        districtCode: '110107',
        urgent: false,
        owner,
        co: [],
        complexity: 'general',
        why: ['测试'],
        now: dispatchAt,
      });
      await recordEvents(tx, row as NonNullable<typeof row>, events, {
        actor: { id: null, label: 'test' },
        auditAction: 'demand.dispatch',
      });
    });
    const before = (await app.inject({ url: `/api/demands/${id}`, headers: { cookie: hotline } })).json();
    expect(before.deadlineProvisional).toBe(true);
    const dispatched = before.events.find((e: { type: string }) => e.type === 'dispatched');
    expect(dispatched.data.calendarWarnings.join()).toContain(String(year));
    // Mon–Fri assumed: 7 working days from Monday 5 January end on Tuesday 13 January (or the 7th
    // weekday after, whichever weekday the 5th is)
    const monFri = createWorkCalendar().computeDeadline(dispatchAt, { unit: 'working_days', amount: 7 });
    expect(before.dueAt).toBe(monFri.due.toISOString());

    // the State Council's notice for that year: 6–8 January become holidays
    const imported = await app.inject({
      method: 'POST',
      url: '/api/calendar/overrides',
      headers: { cookie: admin },
      payload: {
        scope: 'national',
        year,
        source: `国务院办公厅关于${year}年部分节假日安排的通知`,
        entries: [6, 7, 8].map((d) => ({ date: `${year}-01-0${d}`, kind: 'holiday', name: '测试假日' })),
      },
    });
    expect(imported.statusCode, imported.body).toBeLessThan(300);
    await dispatchOutbox({ db: database.db, consumers: outboxConsumers({}) });

    const after = (await app.inject({ url: `/api/demands/${id}`, headers: { cookie: hotline } })).json();
    expect(after.deadlineProvisional).toBe(false);
    const expected = createWorkCalendar({
      overrides: [6, 7, 8].map((d) => ({
        date: `${year}-01-0${d}`,
        kind: 'holiday' as const,
        name: '测试假日',
      })),
    }).computeDeadline(dispatchAt, { unit: 'working_days', amount: 7 });
    expect(after.dueAt).toBe(expected.due.toISOString());
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    const recomputed = after.events.filter((e: { type: string }) => e.type === 'deadline_recomputed');
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0].data.previousDueAt).toBe(before.dueAt);

    // idempotent: nothing left to recompute
    expect(await recomputeProvisionalDeadlines({ db: database.db })).toEqual({
      recomputed: 0,
      stillProvisional: 0,
      skipped: 0,
    });
    expect((await listEvents(database.db, id)).filter((e) => e.type === 'deadline_recomputed')).toHaveLength(
      1,
    );
  });

  it('a deadline still in an uncovered year stays provisional', async () => {
    const far = new Date(`${year + 3}-03-02T10:00:00+08:00`);
    const calendar = createWorkCalendar();
    const d = calendar.computeDeadline(far, { unit: 'working_days', amount: 7 });
    expect(d.coverage.complete).toBe(false);
    expect(d.coverage.uncoveredYears).toContain(year + 3);
  });
});
