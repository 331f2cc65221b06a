import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs, unitByCode } from '../factories.ts';
import { attempt, COMMUNITY, call, STREET } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A well-formed (fictitious) ID number: 17 digits + the GB 11643 check character. */
function idNumber(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * (w[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'community', 'grid', 'street', 'street2']) c[u] = await loginAs(app, u);
});

describe('志愿者', () => {
  const v: string[] = [];

  it('registration at a community; a grid worker’s scope is their grid', async () => {
    for (const [i, name] of ['周志愿', '吴志愿', '郑志愿'].entries()) {
      const r = await call(
        app,
        c.community as string,
        'POST',
        '/api/participation/volunteers',
        {
          communityCode: COMMUNITY,
          name,
          phone: `1370000000${i}`,
          ...(i === 0 ? { idNumber: idNumber('11010719900101401') } : {}),
        },
        201,
      );
      expect(r).toMatchObject({ name: `${name[0]}**`, active: true, confirmedHours: 0 });
      v.push(r.id);
    }
    const grid = await attempt(app, c.grid as string, 'POST', '/api/participation/volunteers', {
      communityCode: COMMUNITY,
      name: '网格登记',
    });
    expect(grid.status).toBe(403);
    expect(grid.body.error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('teams: members of the community only, one name per community', async () => {
    const t = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/volunteer-teams',
      {
        communityCode: COMMUNITY,
        name: '助老服务队',
        serviceType: '为老服务',
        leaderId: v[0],
        memberIds: [v[1]],
      },
      201,
    );
    expect(t).toMatchObject({ name: '助老服务队', memberCount: 2 });
    const dup = await attempt(app, c.community as string, 'POST', '/api/participation/volunteer-teams', {
      communityCode: COMMUNITY,
      name: '助老服务队',
      serviceType: '为老服务',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    const added = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/volunteer-teams/${t.id}/members`,
      {
        volunteerIds: [v[1], v[2]],
      },
    );
    expect(added).toEqual({ added: 1, memberCount: 3 });
    const stranger = await attempt(
      app,
      c.community as string,
      'POST',
      `/api/participation/volunteer-teams/${t.id}/members`,
      {
        volunteerIds: ['01900000-0000-7000-8000-000000000000'],
      },
    );
    expect(stranger.status).toBe(400);
  });

  it('service hours, in half hours, confirmed by the community', async () => {
    const bad = await attempt(
      app,
      c.community as string,
      'POST',
      `/api/participation/volunteers/${v[0]}/services`,
      {
        title: '陪老人就医',
        servedOn: today(),
        hours: 1.2,
      },
    );
    expect(bad.status).toBe(400);
    const s = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/volunteers/${v[0]}/services`,
      {
        title: '陪老人就医',
        servedOn: today(),
        hours: 1.5,
      },
      201,
    );
    await call(app, c.community as string, 'POST', `/api/participation/volunteer-services/${s.id}/review`, {
      confirm: true,
    });
    const detail = await call(app, c.community as string, 'GET', `/api/participation/volunteers/${v[0]}`);
    expect(detail).toMatchObject({ confirmedHours: 1.5, services: [{ status: 'confirmed', hours: 1.5 }] });
  });

  it('the registration rate per community against the active profile’s target, with its source', async () => {
    const { population } = await unitByCode(database, COMMUNITY);
    const url = `/api/participation/volunteers/registration-rate?communityCode=${COMMUNITY}`;
    let r = await call(app, c.community as string, 'GET', url);
    expect(r).toMatchObject({ target: 0.1, rule: { profileId: 'generic', fellBackToGeneric: false } });
    expect(r.rule.source).toContain('NJ 8');
    const volunteers = 6; // 3 demo volunteers + 3 here
    expect(r.rows).toEqual([
      expect.objectContaining({
        community: { code: COMMUNITY, name: '玉泉路西社区' },
        street: { code: STREET, name: '八宝山街道' },
        population,
        volunteers,
        rate: volunteers / (population as number),
        required: Math.ceil((population as number) * 0.1),
        meets: false,
        shortfall: Math.ceil((population as number) * 0.1) - volunteers,
      }),
    ]);
    await call(app, c.admin as string, 'PUT', '/api/policy/active', {
      profileId: 'beijing-shijingshan-2019',
      reason: '测试',
    });
    r = await call(app, c.community as string, 'GET', url);
    expect(r.rule).toMatchObject({ profileId: 'generic', fellBackToGeneric: true });
    await call(app, c.admin as string, 'PUT', '/api/policy/active', {
      profileId: 'nanjing-2014',
      reason: '测试',
    });
    r = await call(app, c.community as string, 'GET', url);
    expect(r.rule).toMatchObject({ profileId: 'nanjing-2014', fellBackToGeneric: false });
    const street = await call(
      app,
      c.street as string,
      'GET',
      `/api/participation/volunteers/registration-rate?communityCode=${STREET}`,
    );
    expect(street.rows.length).toBeGreaterThan(1);
    expect(street.below).toBeGreaterThanOrEqual(1);
    const outside = await attempt(app, c.street2 as string, 'GET', url);
    expect(outside.status).toBe(403);
    const xlsx = await app.inject({
      method: 'GET',
      url: `${url}&format=xlsx`,
      headers: { cookie: c.community as string },
    });
    const rows = await readXlsxRows(xlsx.rawPayload);
    expect(rows[0]).toEqual(['社区志愿者注册率统计表']);
    expect(rows[2]?.[0]).toContain('NJ 8');
    expect(rows.find((x) => x.includes('玉泉路西社区'))).toEqual(expect.arrayContaining(['未达标']));
  });

  it('a volunteer who leaves is no longer counted; the register exports masked', async () => {
    await call(app, c.community as string, 'POST', `/api/participation/volunteers/${v[2]}/deregister`, {
      reason: '搬离本社区',
    });
    const r = await call(
      app,
      c.community as string,
      'GET',
      `/api/participation/volunteers/registration-rate?communityCode=${COMMUNITY}`,
    );
    expect(r.rows[0].volunteers).toBe(5);
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/participation/volunteers?communityCode=${COMMUNITY}&format=xlsx`,
      headers: { cookie: c.community as string },
    });
    const rows = await readXlsxRows(xlsx.rawPayload);
    expect(rows.find((x) => x.includes('周**'))).toEqual(expect.arrayContaining(['137****0000', '1.5']));
    expect(rows.flat().join()).not.toContain('周志愿');
  });
});
