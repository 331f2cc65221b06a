import type { App } from '../../src/http/server.ts';

export { call } from '../grid-work/helpers.ts';

/** 玉泉路西社区 (八宝山街道): the demo community user's community. */
export const COMMUNITY = '110107001003';
export const GRID = '110107001003001';
export const STREET = '110107001000'; // 八宝山街道

/** A request whose failure is the point: returns status and the parsed body. */
export async function attempt(
  app: App,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const body = res.json() as {
    error: { code: string; message: string; details?: unknown };
    [key: string]: unknown;
  };
  return { status: res.statusCode, body };
}

/** A Beijing month `YYYY-MM` so many months before the current one. */
export function monthsAgo(n: number, now = new Date()): string {
  const b = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}

/** An instant in the middle of a Beijing month (the 15th, 19:00). */
export const midMonth = (month: string): string => `${month}-15T19:00:00+08:00`;
