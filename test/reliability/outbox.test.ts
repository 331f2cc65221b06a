import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { notificationConsumer } from '../../src/core/outbox/consumers.ts';
import { dispatchOutbox } from '../../src/core/outbox/dispatch-outbox.ts';
import {
  enqueueMessages,
  NOTIFICATION_TOPIC,
  notificationMessage,
} from '../../src/core/outbox/enqueue-message.ts';
import { notifications, outbox } from '../../src/core/outbox/tables.ts';
import { DEMAND_STATUS_TOPIC } from '../../src/demands/record-events.ts';
import { sweepDeadlines } from '../../src/demands/sweep-deadlines.ts';
import { demands } from '../../src/demands/tables.ts';
import type { App } from '../../src/http/server.ts';
import { open311StatusWebhook } from '../../src/open311/status-webhook.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs, unitByCode } from '../factories.ts';
import { backendName, recordReliability } from './report.ts';

/**
 * The transactional outbox: side effects are written with the change, delivered at least once, and
 * consumers de-duplicate by message id — also across a crash between delivery and acknowledgement.
 */
let database: Database;
let app: App;
let hotline: string;
const BABAOSHAN = '110107001000';
const LUGU = '110107011000';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
});

async function intake(
  owner: string,
  key: string,
  channel = 'hotline',
): Promise<{ id: string; code: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/demands',
    headers: { cookie: hotline, 'idempotency-key': key },
    payload: {
      content: '小区门口路灯不亮，夜间出行不便',
      type: '投诉',
      channel,
      address: '某社区',
      action: { kind: 'dispatch', ownerUnitCode: owner },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const pending = () => database.db.select().from(outbox).where(isNull(outbox.deliveredAt));

describe('outbox', () => {
  it('writes a message only when the change commits', async () => {
    const unit = await unitByCode(database, BABAOSHAN);
    const message = notificationMessage('110107', {
      unitId: unit.id,
      unitPath: unit.path,
      kind: 'test',
      title: '回滚测试',
      targetType: 'none',
      targetId: 'rolled-back',
    });
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMessages(tx, [message]);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const rows = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'targetId' = 'rolled-back'`);
    expect(rows).toEqual([]);
  });

  it('the sweeper notifies the owning unit of an overdue demand in the same transaction; only its street sees it', async () => {
    const d = await intake(BABAOSHAN, 'outbox-overdue-1');
    await database.db
      .update(demands)
      .set({ dueAt: new Date(Date.now() - 3600_000) })
      .where(eq(demands.id, d.id));
    const swept = await sweepDeadlines(database.db);
    expect(swept.overdue).toBeGreaterThanOrEqual(1);
    const [message] = (await pending()).filter(
      (m) => m.topic === NOTIFICATION_TOPIC && (m.payload as { targetId: string }).targetId === d.id,
    );
    expect(message?.payload).toMatchObject({ kind: 'demand.overdue', targetType: 'demand' });

    const result = await dispatchOutbox({
      db: database.db,
      consumers: { [NOTIFICATION_TOPIC]: notificationConsumer, [DEMAND_STATUS_TOPIC]: async () => {} },
    });
    expect(result.failed).toBe(0);
    const street = await loginAs(app, 'street');
    const mine = (await app.inject({ url: '/api/notifications', headers: { cookie: street } })).json();
    expect(mine.items.map((n: { targetId: string }) => n.targetId)).toContain(d.id);
    const other = await loginAs(app, 'street2');
    const theirs = (await app.inject({ url: '/api/notifications', headers: { cookie: other } })).json();
    expect(theirs.items.map((n: { targetId: string }) => n.targetId)).not.toContain(d.id);
    // marking read: own street yes, the other street 403 (audited)
    const id = mine.items.find((n: { targetId: string }) => n.targetId === d.id).id;
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: { cookie: other },
    });
    expect(foreign.statusCode).toBe(403);
    const read = await app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: { cookie: street },
    });
    expect(read.statusCode).toBe(204);
  });

  it('delivers again after a crash between delivery and acknowledgement; the consumer applies it once', async () => {
    const unit = await unitByCode(database, LUGU);
    const ids = await database.db.transaction((tx) =>
      enqueueMessages(
        tx,
        Array.from({ length: 5 }, (_, i) =>
          notificationMessage('110107', {
            unitId: unit.id,
            unitPath: unit.path,
            kind: 'test',
            title: `崩溃测试 ${i}`,
            targetType: 'test',
            targetId: `crash-${i}`,
          }),
        ),
      ),
    );
    let delivered = 0;
    const counting = async (...args: Parameters<typeof notificationConsumer>) => {
      if (ids.includes(args[0].id)) delivered++;
      await notificationConsumer(...args);
    };
    // 1st run: the process "dies" right after delivering the 3rd message, before acknowledging it
    let n = 0;
    await expect(
      dispatchOutbox({
        db: database.db,
        consumers: { [NOTIFICATION_TOPIC]: counting, [DEMAND_STATUS_TOPIC]: async () => {} },
        beforeAcknowledge: (m) => {
          if (ids.includes(m.id) && ++n === 3) throw new Error('killed before acknowledging');
        },
      }),
    ).rejects.toThrow('killed');
    const stillPending = (await pending()).filter((m) => ids.includes(m.id)).length;
    expect(stillPending).toBe(3); // two acknowledged, one delivered-not-acknowledged, two never tried
    // the lease keeps a second dispatcher off the crashed claim until it runs out …
    const early = await dispatchOutbox({ db: database.db, consumers: { [NOTIFICATION_TOPIC]: counting } });
    expect(early.delivered).toBe(0);
    // … then everything is delivered, the crashed message a second time
    const later = new Date(Date.now() + 120_000);
    await dispatchOutbox({
      db: database.db,
      consumers: { [NOTIFICATION_TOPIC]: counting, [DEMAND_STATUS_TOPIC]: async () => {} },
      now: () => later,
    });
    expect(delivered).toBe(6); // 5 messages, one of them twice
    expect((await pending()).filter((m) => ids.includes(m.id))).toEqual([]);
    const applied = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(sql`${notifications.targetId} LIKE 'crash-%'`);
    expect(applied[0]?.n).toBe(5); // de-duplicated by message id
    recordReliability({
      kind: 'outbox',
      backend: backendName(),
      delivered: 5,
      lost: 0,
      appliedTwice: 0,
      redelivered: 1,
    });
  });

  it('a failing consumer is retried later with back-off, never dropped', async () => {
    const d = await intake(BABAOSHAN, 'outbox-open311-1', 'open311');
    const [status] = (await pending()).filter(
      (m) => m.topic === DEMAND_STATUS_TOPIC && (m.payload as { demandId: string }).demandId === d.id,
    );
    expect(status?.payload).toMatchObject({ code: d.code, from: 'pending_dispatch', to: 'dispatched' });
    const failing = await dispatchOutbox({
      db: database.db,
      consumers: {
        [NOTIFICATION_TOPIC]: notificationConsumer,
        [DEMAND_STATUS_TOPIC]: async () => {
          throw new Error('gateway down');
        },
      },
    });
    expect(failing.failed).toBeGreaterThanOrEqual(1);
    const [row] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, status?.id as string));
    expect(row).toMatchObject({ deliveredAt: null, attempts: 1, lastError: 'gateway down' });
    expect(row?.availableAt.getTime()).toBeGreaterThan(Date.now());
    const admin = await loginAs(app, 'admin');
    const health = (await app.inject({ url: '/api/outbox/status', headers: { cookie: admin } })).json();
    expect(health.failing).toBeGreaterThanOrEqual(1);
  });

  it('posts Open311 status updates to a webhook at least once; the receiver de-duplicates by message id', async () => {
    const received: { id: string; body: Record<string, unknown> }[] = [];
    let failFirst = true;
    const server: Server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const id = String(req.headers['x-jiedao-message-id']);
        received.push({ id, body: JSON.parse(body) });
        // the first answer is lost (as if the receiver crashed after applying it): no 2xx
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const d = await intake(BABAOSHAN, 'outbox-open311-2', 'open311');
      const consumers = {
        [NOTIFICATION_TOPIC]: notificationConsumer,
        [DEMAND_STATUS_TOPIC]: open311StatusWebhook({ url, secret: 's3cret' }),
      };
      const later = () => new Date(Date.now() + 3_600_000 * 2);
      await dispatchOutbox({ db: database.db, consumers });
      await dispatchOutbox({ db: database.db, consumers, now: later });
      const mine = received.filter((r) => r.body.service_request_id === d.code);
      expect(mine.length).toBeGreaterThanOrEqual(2); // the lost answer made it come again
      const distinct = new Map(mine.map((r) => [r.id, r.body]));
      expect(distinct.size).toBe(1);
      expect([...distinct.values()][0]).toMatchObject({
        service_request_id: d.code,
        status: 'open',
        status_notes: expect.stringContaining('八宝山街道'),
        jurisdiction_id: '110107',
      });
      const open = await database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.topic, DEMAND_STATUS_TOPIC), isNull(outbox.deliveredAt)));
      expect(open.filter((m) => (m.payload as { demandId: string }).demandId === d.id)).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
