import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

/** A community of 鲁谷街道 (outside the demo street dispatcher's 八宝山街道). */
export const LUGU_COMMUNITY = '110107011001';
export const RULE_TEXT = '凡没有列入社区准入事项的工作，社区一律不作为责任主体';

type Method = 'GET' | 'POST' | 'PUT';

/**
 * The demo district behind an in-process API, logged in as the demo users, with two communities of
 * 八宝山街道: HOME (the demo community worker's) and OTHER (one the demo seed left untouched).
 */
export async function setupBurdenApp() {
  const database: Database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  const { app } = await buildTestApp(database);
  const cookies: Record<string, string> = {};
  for (const u of ['admin', 'street', 'dept', 'community', 'hotline']) cookies[u] = await loginAs(app, u);
  const call = (user: string, method: Method, url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies[user] ?? '' },
      ...(payload === undefined ? {} : { payload }),
    });
  const home: string = (await call('community', 'GET', '/api/auth/me')).json().user.unit.code;
  const communities = (
    await call('admin', 'GET', '/api/org-units?parent=110107001000&level=community')
  ).json().items;
  const other: string = communities.map((c: { code: string }) => c.code).find((c: string) => c !== home);
  return { database, app: app as App, call, home, other };
}

/** A work request body (an enforcement task a community must not be given). */
export const request = (target: string, extra: Record<string, unknown> = {}) => ({
  targetCode: target,
  title: '协助开展占道经营执法巡查',
  content: '请社区每日安排两人参与占道经营巡查，拍照上报。',
  ...extra,
});
