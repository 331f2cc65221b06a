import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff } from '../grid-work/helpers.ts';
import { LUGU_COMMUNITY } from './helpers.ts';

/**
 * GET /api/meetings by role and jurisdiction: a department lists the meetings it registered (and no
 * other unit's), a street or community those summoning its communities, the district all of its own;
 * another district's meetings never appear.
 */
let app: App;
const cookies: Record<string, string> = {};
const B = '640104'; // 银川市兴庆区, seeded with its own users (b.admin, b.dept …)
const BAOSHAN = '110107001000'; // 八宝山街道 (the demo street dispatcher's)
const LUGU = '110107011000'; // 鲁谷街道
const HRSS = '110107D021'; // 区人力资源社会保障局, a second department
let HOME = ''; // the demo community worker's community (八宝山街道)
let OTHER = ''; // another community of 八宝山街道
let B_STREET = '';
const PERIOD = 'from=2026-01-01&to=2027-01-01';

type Method = 'GET' | 'POST';
const call = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload === undefined ? {} : { payload }),
  });
const titles = async (user: string, query = '') => {
  const res = await call(user, 'GET', `/api/meetings?${PERIOD}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((m: { title: string }) => m.title) as string[];
};
const register = async (user: string, title: string, communityCodes: string[]) => {
  const res = await call(user, 'POST', '/api/meetings', {
    title,
    heldOn: '2026-06-10',
    communityCodes,
    attendeesPerCommunity: 1,
    reason: '无法与其他会议合并',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  const database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await seedDemo({ db: database.db, division: B, actor: SYSTEM_ACTOR, usernamePrefix: 'b.' });
  await addStaff(database, 'dept.hrss', HRSS, 'dept_handler', '吴承办');
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'street', 'dept', 'dept.hrss', 'community', 'hotline', 'b.admin', 'b.dept'])
    cookies[u] = await loginAs(app, u);
  HOME = (await call('community', 'GET', '/api/auth/me')).json().user.unit.code;
  const baoshan = (await call('admin', 'GET', `/api/org-units?parent=${BAOSHAN}&level=community`)).json();
  OTHER = baoshan.items.map((c: { code: string }) => c.code).find((c: string) => c !== HOME);
  B_STREET = (await call('b.admin', 'GET', '/api/org-units?level=street')).json().items[0].code;
  const bCommunity = (
    await call('b.admin', 'GET', `/api/org-units?parent=${B_STREET}&level=community`)
  ).json().items[0].code;

  await register('street', '街道社区工作例会', [HOME]);
  await register('dept', '城管执法宣传培训会', [HOME, LUGU_COMMUNITY]);
  await register('dept.hrss', '就业政策宣讲会', [OTHER]);
  await register('b.dept', '兴庆区部门会议', [bCommunity]);
});

describe('GET /api/meetings: a department', () => {
  it('lists the meetings it registered, and not the street’s or another department’s', async () => {
    const res = await call('dept', 'GET', `/api/meetings?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((m: { title: string }) => m.title)).toEqual(['城管执法宣传培训会']);
    const own = (await call('dept', 'GET', '/api/auth/me')).json().user.unit.code;
    expect(items[0]).toMatchObject({ organiserUnitCode: own, communityCodes: [HOME, LUGU_COMMUNITY] });
    expect(await titles('dept.hrss')).toEqual(['就业政策宣讲会']);
  });

  it('narrows its own meetings to a street of its district; another district’s street is refused', async () => {
    expect(await titles('dept', `&street=${LUGU}`)).toEqual(['城管执法宣传培训会']);
    expect(await titles('dept.hrss', `&street=${LUGU}`)).toEqual([]);
    const foreign = await call('dept', 'GET', `/api/meetings?street=${B_STREET}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      message: expect.stringContaining('无权访问本辖区以外的数据'),
      details: { action: 'meeting.read' },
    });
  });

  it('of another district sees its own meeting and none of this district’s', async () => {
    expect(await titles('b.dept')).toEqual(['兴庆区部门会议']);
    // the district admin of B also sees B's seeded demo meeting, and nothing of 110107
    const admin = await titles('b.admin');
    expect(admin).toContain('兴庆区部门会议');
    for (const t of ['街道社区工作例会', '城管执法宣传培训会', '就业政策宣讲会'])
      expect(admin).not.toContain(t);
  });
});

describe('GET /api/meetings: streets, communities, the district and refused roles', () => {
  it('a street and a community see the meetings summoning their communities; the district all of its own', async () => {
    const street = await titles('street');
    expect(street).toEqual(
      expect.arrayContaining(['街道社区工作例会', '城管执法宣传培训会', '就业政策宣讲会']),
    );
    const community = await titles('community');
    expect(community).toEqual(expect.arrayContaining(['街道社区工作例会', '城管执法宣传培训会']));
    expect(community).not.toContain('就业政策宣讲会');
    const admin = await titles('admin');
    expect(admin).toEqual(
      expect.arrayContaining(['街道社区工作例会', '城管执法宣传培训会', '就业政策宣讲会']),
    );
    for (const list of [street, community, admin]) expect(list).not.toContain('兴庆区部门会议');
    const lugu = await call('street', 'GET', `/api/meetings?street=${LUGU}`);
    expect(lugu.statusCode).toBe(403);
    expect(lugu.json().error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('a role outside the rule is refused with a stable code', async () => {
    const res = await call('hotline', 'GET', '/api/meetings');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('当前角色无权执行此操作'),
      details: { action: 'meeting.read' },
    });
  });
});
