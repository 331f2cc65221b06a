import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { centreOf, unitByCode } from '../factories.ts';

/** A point inside a demo grid (the grid's centre). */
export async function pointIn(database: Database, gridCode: string): Promise<{ lng: number; lat: number }> {
  const [lng, lat] = centreOf(await unitByCode(database, gridCode));
  return { lng, lat };
}

/** Calls the API and fails loudly on an unexpected status (the body is in the message). */
export async function call(
  app: App,
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  expected = 200,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (res.statusCode !== expected)
    throw new Error(`${method} ${url} → ${res.statusCode} (expected ${expected}): ${res.body}`);
  return res.json();
}

export const act = (app: App, cookie: string, id: string, action: Record<string, unknown>, expected = 200) =>
  call(app, cookie, 'POST', `/api/demands/${id}/actions`, action, expected);
