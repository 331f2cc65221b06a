import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { computeRanking, computeRankingFromRaw } from '../../src/demands/compute-rankings.ts';
import type { PlannedEvent } from '../../src/demands/record-events.ts';
import { recordEvents } from '../../src/demands/record-events.ts';
import { periodOf } from '../../src/demands/rollups/contribution.ts';
import { rebuildRollupMonth } from '../../src/demands/rollups/rebuild-rollups.ts';
import { demandRollupPending, demandRollups } from '../../src/demands/rollups/tables.ts';
import { getDemand } from '../../src/demands/store.ts';
import type { DemandRow } from '../../src/demands/tables.ts';
import type { App } from '../../src/http/server.ts';
import { orgUnits } from '../../src/jurisdiction/tables.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { act, call, pointIn } from './helpers.ts';

/**
 * The incremental 三率 rollups equal a recompute from the demands themselves — after every kind of
 * step that moves a demand between counters or units, at several "now"s (undecided responses turn
 * late when their limit passes), and after a rebuild of the month from raw rows.
 */
let database: Database;
let app: App;
const c: Record<string, string> = {};
const D = '110107';
const hour = 3600_000;

const intake = async (grid: string, content = '小区楼道杂物堆放无人清理', action?: Record<string, unknown>) =>
  call(
    app,
    c.hotline as string,
    'POST',
    '/api/demands',
    { content, type: '投诉', point: await pointIn(database, grid), ...(action ? { action } : {}) },
    201,
  );

/** Steps recorded straight through recordEvents (the path every action takes), deadlines of our choosing. */
const step = (id: string, events: PlannedEvent[]) =>
  database.db.transaction(async (tx) => {
    const row = (await getDemand(tx, id, { forUpdate: true })) as DemandRow;
    await recordEvents(tx, row, events, { actor: SYSTEM_ACTOR, auditAction: 'test.step' });
  });

async function unitRef(code: string) {
  const [u] = await database.db
    .select({ id: orgUnits.id, path: orgUnits.path, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.code, code));
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

async function snapshot(period: string) {
  const rollups = await database.db
    .select()
    .from(demandRollups)
    .where(and(eq(demandRollups.districtCode, D), eq(demandRollups.period, period)));
  const pending = await database.db
    .select()
    .from(demandRollupPending)
    .where(and(eq(demandRollupPending.districtCode, D), eq(demandRollupPending.period, period)));
  return {
    // A unit whose demands all moved away keeps an all-zero row; a rebuild has none.
    rollups: rollups.filter((r) => r.dispatched !== 0).sort((a, b) => a.ownerPath.localeCompare(b.ownerPath)),
    pending: pending.sort((a, b) => a.demandId.localeCompare(b.demandId)),
  };
}

const period = periodOf(new Date());

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['hotline', 'street', 'street2']) c[u] = await loginAs(app, u);
  const street = c.street as string;
  const hotline = c.hotline as string;

  // 1. handled well: closed by a satisfied callback
  const good = await intake('110107001003001');
  for (const a of [
    { kind: 'sign' },
    { kind: 'contact', note: '已联系' },
    { kind: 'reply', result: '已组织清理完毕' },
  ])
    await act(app, street, good.id, a);
  await act(app, hotline, good.id, {
    kind: 'callback',
    reached: true,
    resolved: true,
    satisfaction: 'satisfied',
  });

  // 2. bad callback, appeal approved (left out of resolution/satisfaction); 3. bad callback, reopened
  for (const appeal of [true, false]) {
    const d = await intake('110107001003002');
    for (const a of [
      { kind: 'sign' },
      { kind: 'contact', note: '已联系' },
      { kind: 'reply', result: '已组织清理完毕' },
    ])
      await act(app, street, d.id, a);
    await act(app, hotline, d.id, {
      kind: 'callback',
      reached: true,
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    if (appeal) {
      await act(app, street, d.id, { kind: 'appeal', reason: '诉求人要求超出政策范围' });
      await act(app, hotline, d.id, { kind: 'review_appeal', approve: true, note: '申诉成立' });
    } else await act(app, hotline, d.id, { kind: 'reopen', note: '回访不满意，重办' });
  }

  // 4. undecided (not signed yet); 5. re-dispatched by the street to a department
  await intake('110107001003001');
  const moved = await intake('110107001003002');
  await act(app, street, moved.id, { kind: 'sign' });
  const [dept] = await database.db
    .select({ code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtCode, D), eq(orgUnits.level, 'department')))
    .limit(1);
  await act(app, street, moved.id, { kind: 'redispatch', toUnitCode: dept?.code, note: '属部门职责' });

  // 6. returned and approved back to dispatch (no owner: not measured); 7. merged into another
  const back = await intake('110107011001001');
  await act(app, c.street2 as string, back.id, { kind: 'return', reason: '不属本街道职责范围' });
  await act(app, hotline, back.id, { kind: 'review_return', approve: true, note: '同意退回' });
  const master = await intake('110107011001001');
  const dup = await intake('110107011001001');
  await act(app, hotline, dup.id, { kind: 'merge', intoCode: master.code });

  // 8. refused and answered at intake: never measured
  await intake('110107001003001', '家里着火了请马上来人', { kind: 'refuse', reason: 'emergency' });
  await intake('110107001003001', '请问社保卡在哪里办理', { kind: 'answer', answer: '请到街道社保所办理' });

  // 9. limits already passed: signed late; never signed (late as soon as "now" passes it);
  //    signed on time but contact limit passed; contacted late.
  const now = Date.now();
  const past = (h: number) => new Date(now - h * hour).toISOString();
  const owner = await unitRef('110107001000');
  const redispatch = (signDueH: number, contactDueH: number): PlannedEvent => ({
    type: 'redispatched',
    data: { owner, coUnits: [], signDueAt: past(signDueH), contactDueAt: past(contactDueH) },
  });
  const late = await intake('110107001003001');
  await step(late.id, [redispatch(2, 1), { type: 'signed' }]);
  const missed = await intake('110107001003001');
  await step(missed.id, [redispatch(2, 1)]);
  const noContact = await intake('110107001003001');
  await step(noContact.id, [{ type: 'signed' }, redispatch(-1, 1)]);
  const contactedLate = await intake('110107001003001');
  await step(contactedLate.id, [{ type: 'signed' }, { type: 'contacted' }, redispatch(-1, 3)]);
  await step(contactedLate.id, [{ type: 'signed' }, { type: 'contacted' }]);
});

describe('三率 rollups', () => {
  it('give the same ranking as a recompute from raw rows, for streets and departments, at any "now"', async () => {
    for (const level of ['street', 'department'] as const) {
      for (const offset of [0, 3 * hour, 5 * 86_400_000, 60 * 86_400_000]) {
        const now = new Date(Date.now() + offset);
        const input = { districtCode: D, period, level, now };
        const [fromRollups, raw] = [
          await computeRanking(database.db, input),
          await computeRankingFromRaw(database.db, input),
        ];
        expect(fromRollups).toEqual(raw);
      }
    }
    const streets = await computeRanking(database.db, { districtCode: D, period, level: 'street' });
    const total = streets.rows.reduce((s, r) => s + r.rates.dispatched, 0);
    expect(total).toBeGreaterThanOrEqual(9);
    expect(streets.rows.some((r) => r.rates.lateOrMissed > 0)).toBe(true);
    expect(streets.rows.some((r) => r.rates.appealsExcluded > 0)).toBe(true);
  });

  it('equal a rebuild of the month from raw rows, row for row', async () => {
    const incremental = await snapshot(period);
    expect(incremental.rollups.length).toBeGreaterThan(1);
    expect(incremental.pending.length).toBeGreaterThan(0);
    await rebuildRollupMonth(database.db, { districtCode: D, period });
    expect(await snapshot(period)).toEqual(incremental);
  });

  it('an empty month ranks every unit without a score', async () => {
    const r = await computeRanking(database.db, { districtCode: D, period: '2001-01', level: 'street' });
    expect(r.rows).toHaveLength(9);
    expect(r.rows.every((x) => x.rank === null && x.rates.dispatched === 0)).toBe(true);
  });
});
