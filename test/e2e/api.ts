import { type APIRequestContext, request } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl, DEMO_PASSWORD } from './browser.ts';

/**
 * A logged-in API client for setting the scene quickly (what the browser then shows is what the
 * test is about): the same session cookie a person's log-in gets.
 */
export interface ApiAs {
  get: <T = unknown>(path: string) => Promise<T>;
  post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) => Promise<T>;
  dispose: () => Promise<void>;
}

export async function apiAs(username: string): Promise<ApiAs> {
  const ctx: APIRequestContext = await request.newContext({ baseURL: baseUrl() });
  const login = await ctx.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), `log-in ${username}`).toBe(200);
  const check = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> => {
    if (!res.ok()) throw new Error(`${what} → ${res.status()}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: async <T>(path: string) => check<T>(await ctx.get(path), `GET ${path}`),
    post: async <T>(path: string, body: unknown, headers?: Record<string, string>) =>
      check<T>(await ctx.post(path, { data: body, headers }), `POST ${path}`),
    dispose: () => ctx.dispose(),
  };
}

/** The centre of a grid's boundary (its bounding box), from GET /api/grids. */
export async function gridCentres(
  api: ApiAs,
  within: string,
): Promise<Map<string, { lng: number; lat: number }>> {
  const fc = await api.get<{
    features: { properties: { code: string }; geometry: { type: string; coordinates: number[][][] } }[];
  }>(`/api/grids?within=${within}`);
  const out = new Map<string, { lng: number; lat: number }>();
  for (const f of fc.features) {
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : undefined;
    if (!ring) continue;
    const xs = ring.map((p) => p[0] as number);
    const ys = ring.map((p) => p[1] as number);
    out.set(f.properties.code, {
      lng: (Math.min(...xs) + Math.max(...xs)) / 2,
      lat: (Math.min(...ys) + Math.max(...ys)) / 2,
    });
  }
  return out;
}
