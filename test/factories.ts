import type { LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { SYSTEM_ACTOR } from '../src/core/audit/append-audit.ts';
import { loadConfig } from '../src/core/config.ts';
import type { Database } from '../src/core/db/connection.ts';
import { DEMO_PASSWORD, type DemoLogin, seedDemo } from '../src/demo/seed-demo.ts';
import { type AppContext, createRegistries } from '../src/http/context.ts';
import { type App, buildServer } from '../src/http/server.ts';
import { getUnitByCode } from '../src/jurisdiction/store.ts';
import type { OrgUnitRow } from '../src/jurisdiction/tables.ts';
import { seededWithDemo } from './db.ts';

export { DEMO_PASSWORD };

/** The demo district (110107 石景山区 by default) with one user per role, as `serve --demo` builds it. */
export async function buildDemoDistrict(
  database: Database,
  division = '110107',
): Promise<{ logins: DemoLogin[] }> {
  // A database cloned from the seeded template already has it (see openTestDatabase({ demo: true })).
  if (division === '110107' && seededWithDemo.has(database)) {
    return { logins: JSON.parse(inject('demoLogins') ?? '[]') as DemoLogin[] };
  }
  return seedDemo({ db: database.db, division, actor: SYSTEM_ACTOR });
}

/** An in-process API over the test database (requests go through app.inject, no socket). */
export async function buildTestApp(
  database: Database,
  overrides: Partial<AppContext['config']> = {},
): Promise<{ app: App; ctx: AppContext }> {
  const ctx: AppContext = {
    database,
    config: { ...loadConfig({}), ...overrides },
    ...createRegistries(),
  };
  const app = await buildServer(ctx, { logger: false });
  await app.ready();
  return { app, ctx };
}

/** Logs in through the API and returns the session cookie header to send with later requests. */
export async function loginAs(app: App, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return cookieOf(res);
}

export function cookieOf(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no session cookie');
  return first.split(';')[0] as string;
}

export async function unitByCode(database: Database, code: string): Promise<OrgUnitRow> {
  const unit = await getUnitByCode(database.db, code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

/** The centre of a unit's (rectangular demo) boundary. */
export function centreOf(unit: OrgUnitRow): [number, number] {
  const ring = unit.boundary?.type === 'Polygon' ? unit.boundary.coordinates[0] : undefined;
  if (!ring) throw new Error(`unit ${unit.code} has no polygon boundary`);
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
