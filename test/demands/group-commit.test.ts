import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { computeRanking, computeRankingFromRaw } from '../../src/demands/compute-rankings.ts';
import { periodOf } from '../../src/demands/rollups/contribution.ts';
import { demandEvents, demands, demandUnits } from '../../src/demands/tables.ts';
import { intakeQueue } from '../../src/demands/write-intakes.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { pointIn } from './helpers.ts';

/**
 * Concurrent intakes of a district share transactions (group commit): each demand must still be
 * exactly what a lone intake writes, a failing member must not take the others down, and the audit
 * chain and the 三率 rollups must stay exact.
 */
let database: Database;
let app: App;
let hotline: string;
const D = '110107';
const GRIDS = ['110107001003001', '110107011001001'];
const TEXTS = ['小区楼道杂物堆放无人清理', '路灯不亮已经一周了', '楼下餐馆油烟扰民', '垃圾桶满了没人清运'];

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
});

const post = async (i: number, key?: string, content?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/demands',
    headers: { cookie: hotline, ...(key ? { 'idempotency-key': key } : {}) },
    payload: {
      content: content ?? `${TEXTS[i % TEXTS.length]}（第${i}号来电）`,
      type: '投诉',
      point: await pointIn(database, GRIDS[i % GRIDS.length] as string),
      caller: { name: '张三', phone: '13800138000' },
      ...(i % 5 === 0 ? { categoryCode: '0101' } : {}),
    },
  });

describe('group commit of intakes', () => {
  it('writes concurrent intakes in shared transactions, each complete, the chain and rollups exact', async () => {
    const queue = intakeQueue(database.db, D);
    const before = { ...queue.stats };
    // 23 calls at once, three of them retries of one call (same key, same body).
    const responses = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => post(i)),
      post(100, 'gc-call-1', '同一来电的重试：小区门口井盖缺失'),
      post(100, 'gc-call-1', '同一来电的重试：小区门口井盖缺失'),
      post(100, 'gc-call-1', '同一来电的重试：小区门口井盖缺失'),
    ]);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    const retried = responses.slice(20, 23).map((r) => r.json());
    expect(new Set(retried.map((r) => r.code)).size).toBe(1);
    expect(statuses.slice(20, 23).filter((s) => s === 201)).toHaveLength(1); // the others are replays

    const reuse = await post(101, 'gc-call-1', '另一件事却用了同一个键');
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().error.code).toBe('IDEMPOTENCY_MISMATCH');

    // batches really formed (the retries of one call go to later batches, find the first and replay it)
    const stats = queue.stats;
    expect(stats.largest).toBeGreaterThan(1);
    expect(stats.items - before.items).toBeGreaterThanOrEqual(21);
    expect(stats.batches - before.batches).toBeLessThan(stats.items - before.items);

    // every demand is whole: its events in order, its unit links, the state folded from them
    const created = [...responses.slice(0, 20), responses[20]].map((r) => r?.json());
    const ids = [...new Set(created.map((d) => d.id as string))];
    expect(ids).toHaveLength(21);
    const rows = await database.db.select().from(demands).where(inArray(demands.id, ids));
    expect(rows).toHaveLength(21);
    const events = await database.db.select().from(demandEvents).where(inArray(demandEvents.demandId, ids));
    const links = await database.db.select().from(demandUnits).where(inArray(demandUnits.demandId, ids));
    for (const row of rows) {
      const own = events.filter((e) => e.demandId === row.id).sort((a, b) => a.seq - b.seq);
      expect(own.map((e) => e.seq)).toEqual(own.map((_, i) => i + 1));
      expect(own.map((e) => e.type).slice(0, 2)).toEqual(['created', 'dispatched']);
      expect(row.eventCount).toBe(own.length);
      expect(row.status).toBe('dispatched');
      expect(
        links.some((l) => l.demandId === row.id && l.role === 'owner' && l.unitId === row.ownerUnitId),
      ).toBe(true);
      const response = created.find((d) => d.id === row.id);
      expect(response.events.map((e: { type: string }) => e.type)).toEqual(own.map((e) => e.type));
    }
    // one audit link per demand created, and the chain verifies
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.districtCode, D),
          eq(auditLog.action, 'demand.create'),
          inArray(auditLog.targetId, ids),
        ),
      );
    expect(audits).toHaveLength(21);
    expect((await verifyAudit(database.db, { districtCode: D })).ok).toBe(true);

    const period = periodOf(new Date());
    for (const level of ['street', 'department'] as const) {
      const input = { districtCode: D, period, level, now: new Date() };
      expect(await computeRanking(database.db, input)).toEqual(
        await computeRankingFromRaw(database.db, input),
      );
    }
  });
});
