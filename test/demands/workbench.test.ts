import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { initJurisdiction } from '../../src/jurisdiction/init-jurisdiction.ts';
import { addUser } from '../../src/jurisdiction/people/add-user.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { act, call, pointIn } from './helpers.ts';

let database: Database;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await initJurisdiction({ db: database.db, division: '640104', actor: SYSTEM_ACTOR });
  await addUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: {
      username: 'yc-admin',
      displayName: '兴庆区管理员',
      unitCode: '640104000000',
      roles: ['district_admin'],
      password: 'Xingqing-2026a',
    },
  });
  ({ app } = await buildTestApp(database));
});

describe('workbench counts stay inside the district', () => {
  it("another district's pending appeal is not counted (regression: an OR escaping the district filter)", async () => {
    const hotline = await loginAs(app, 'hotline');
    const street = await loginAs(app, 'street');
    const d = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      { content: '楼道杂物堆放没人清理', type: '投诉', point: await pointIn(database, '110107001003001') },
      201,
    );
    await act(app, street, d.id, { kind: 'sign' });
    await act(app, street, d.id, { kind: 'reply', result: '已清理完毕，恢复通行' });
    await act(app, hotline, d.id, {
      kind: 'callback',
      reached: true,
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    await act(app, street, d.id, { kind: 'appeal', reason: '诉求超出职责范围，已按标准处理' });
    expect((await call(app, hotline, 'GET', '/api/demands/workbench')).申诉待审).toBe(1);
    const other = await loginAs(app, 'yc-admin', 'Xingqing-2026a');
    expect(await call(app, other, 'GET', '/api/demands/workbench')).toEqual({
      待派单: 0,
      待签收: 0,
      办理中: 0,
      即将超期: 0,
      已超期: 0,
      退单待审: 0,
      待回访: 0,
      延期待审: 0,
      申诉待审: 0,
    });
  });
});
