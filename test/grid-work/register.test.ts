import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, tempFilesDir, thisMonth } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const GRID1 = '110107001003001';
const COMMUNITY = '110107001003'; // 玉泉路西社区

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['grid', 'community', 'street', 'street2']) c[u] = await loginAs(app, u);
});

describe('交办登记表: grouped from grid events and suggestions, signed off with a leader per item', () => {
  const month = thisMonth();
  const base = `/api/problem-registers/${COMMUNITY}/${month}`;
  let majorId: string;

  it('collects worker suggestions and the grid events the community could not settle', async () => {
    const s = await call(
      app,
      c.grid as string,
      'POST',
      '/api/problem-items',
      { gridCode: GRID1, kind: 'suggestion', content: '建议在3号楼增设电动自行车充电桩' },
      201,
    );
    expect(s).toMatchObject({ kindName: '意见建议', status: 'draft', major: false });
    for (const description of ['楼道堆物占用消防通道', '单元门口堆放废旧家具']) {
      const e = await call(
        app,
        c.grid as string,
        'POST',
        '/api/grid-events',
        { categoryCode: 'E0106', description, gridCode: GRID1 },
        201,
      );
      await call(app, c.community as string, 'POST', `/api/grid-events/${e.id}/actions`, {
        kind: 'escalate',
        note: '需街道协调',
      });
    }
    const r = await call(app, c.community as string, 'POST', `${base}/draft-from-events`);
    expect(r.items).toHaveLength(2);
    const grouped = r.items[1];
    expect(grouped.content).toMatch(/^事件\/市容环境\/楼道堆物：2 件/);
    expect(grouped.gridEventIds).toHaveLength(2);
    const rerun = await call(app, c.community as string, 'POST', `${base}/draft-from-events`);
    expect(rerun.items).toHaveLength(2);
  });

  it('a major item goes to the street at once and gets its leader without waiting for the month', async () => {
    const m = await call(
      app,
      c.grid as string,
      'POST',
      '/api/problem-items',
      { gridCode: GRID1, kind: 'problem', content: '5号楼外墙脱落，随时可能砸伤行人', major: true },
      201,
    );
    majorId = m.id;
    expect(m).toMatchObject({ major: true, status: 'submitted' });
    const pending = await call(app, c.street as string, 'GET', '/api/problem-items/major');
    expect(pending.items.map((i: { id: string }) => i.id)).toContain(majorId);
    const byCommunity = await call(
      app,
      c.community as string,
      'POST',
      `/api/problem-items/${majorId}/actions`,
      { kind: 'assign', leaderName: '王书记', responsibleLeader: '李主任' },
      403,
    );
    expect(byCommunity.error.code).toBe('FORBIDDEN');
    const assigned = await call(app, c.street as string, 'POST', `/api/problem-items/${majorId}/actions`, {
      kind: 'assign',
      leaderName: '王书记',
      responsibleLeader: '李副主任',
    });
    expect(assigned).toMatchObject({
      status: 'assigned',
      responsibleLeader: '李副主任',
      approvedBy: '王书记',
    });
    const r = await call(app, c.community as string, 'GET', base);
    expect(r.items.map((i: { id: string }) => i.id)).not.toContain(majorId);
    expect(r.majorItems.map((i: { id: string }) => i.id)).toEqual([majorId]);
  });

  it('the community submits; the street signs off only with a leader for every line', async () => {
    const early = await call(
      app,
      c.street as string,
      'POST',
      `${base}/sign-off`,
      { leaderName: '王书记', items: [{ itemId: majorId, responsibleLeader: '李副主任' }] },
      409,
    );
    expect(early.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'draft' } });
    const other = await app.inject({ url: base, headers: { cookie: c.street2 as string } });
    expect(other.statusCode).toBe(403);
    const submitted = await call(app, c.community as string, 'POST', `${base}/submit`);
    expect(submitted.status).toBe('submitted');
    const late = await call(
      app,
      c.grid as string,
      'POST',
      '/api/problem-items',
      { gridCode: GRID1, kind: 'suggestion', content: '建议增加夜间巡逻频次' },
      409,
    );
    expect(late.error.message).toContain('请列入下月登记表');
    const [first, second] = submitted.items as { id: string }[];
    const partial = await call(
      app,
      c.street as string,
      'POST',
      `${base}/sign-off`,
      { leaderName: '王书记', items: [{ itemId: first?.id, responsibleLeader: '赵副主任' }] },
      422,
    );
    expect(partial.error).toMatchObject({ code: 'LEADERS_REQUIRED', details: { missing: [second?.id] } });
    const signed = await call(app, c.street as string, 'POST', `${base}/sign-off`, {
      leaderName: '王书记',
      items: [
        { itemId: first?.id, responsibleLeader: '赵副主任' },
        { itemId: second?.id, responsibleLeader: '钱副主任' },
      ],
    });
    expect(signed).toMatchObject({ status: 'signed_off', signedOffLeader: '王书记' });
    expect(signed.items.map((i: { responsibleLeader: string }) => i.responsibleLeader)).toEqual([
      '赵副主任',
      '钱副主任',
    ]);
    const resolved = await call(app, c.street as string, 'POST', `/api/problem-items/${first?.id}/actions`, {
      kind: 'resolve',
      result: '已协调供电公司安装充电桩',
    });
    expect(resolved.status).toBe('resolved');
  });

  it('exports the register as the paper form, the major item marked', async () => {
    const res = await app.inject({ url: `${base}?format=xlsx`, headers: { cookie: c.street as string } });
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['网格反映问题和意见建议交办登记表']);
    expect(rows[2]).toEqual([
      '序号',
      '类别',
      '反映问题和意见建议',
      '反映网格/人员',
      '特殊重大',
      '包办领导',
      '落实情况',
    ]);
    expect(rows.find((r) => r[4] === '是（即报即办）')?.[5]).toBe('李副主任');
    expect(rows.some((r) => r[0]?.startsWith('街道党政主要负责同志签批：王书记'))).toBe(true);
  });
});
