import { beforeAll, describe, expect, it } from 'vitest';
import { setupBurdenApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof setupBurdenApp>>;
beforeAll(async () => {
  ctx = await setupBurdenApp();
});

const BABAOSHAN = '110107001000';
const LUGU = '110107011000';
type Target = { code: string; name: string; level: string; streetCode: string | null };
const targets = async (user: string, query = '') => {
  const res = await ctx.call(user, 'GET', `/api/work-requests/targets${query}`);
  return { status: res.statusCode, items: res.statusCode === 200 ? (res.json().items as Target[]) : [] };
};

describe('GET /api/work-requests/targets: whom a request, form or meeting may be addressed to', () => {
  it('gives a department every street and community of its district', async () => {
    const { status, items } = await targets('dept');
    expect(status).toBe(200);
    const streets = items.filter((t) => t.level === 'street').map((t) => t.code);
    expect(streets).toEqual(expect.arrayContaining([BABAOSHAN, LUGU]));
    const home = items.find((t) => t.code === ctx.home);
    expect(home).toMatchObject({ level: 'community', streetCode: BABAOSHAN });
    expect(items.some((t) => t.level === 'community' && t.streetCode === LUGU)).toBe(true);
    const communities = await targets('dept', '?level=community');
    expect(communities.items.every((t) => t.level === 'community')).toBe(true);
    expect(communities.items.length).toBe(items.filter((t) => t.level === 'community').length);
  });

  it('gives a street dispatcher only their own street and its communities', async () => {
    const { status, items } = await targets('street');
    expect(status).toBe(200);
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((t) => t.code === BABAOSHAN || t.streetCode === BABAOSHAN)).toBe(true);
  });

  it('refuses roles that never address work to a street or community', async () => {
    expect((await targets('community')).status).toBe(403);
    expect((await targets('hotline')).status).toBe(403);
  });
});
