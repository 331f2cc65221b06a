import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

let database: Database;
let app: App;
let street: string; // 八宝山街道 dispatcher
let admin: string;
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  street = await loginAs(app, 'street');
  admin = await loginAs(app, 'admin');
});

const LUGU = '110107011000'; // 鲁谷街道
const BABAOSHAN_COMMUNITY = '110107001003'; // 玉泉路西社区, in 八宝山街道

describe('jurisdiction scope: a street user sees only its own street', () => {
  it('reads its own community but not another street (403 FORBIDDEN_SCOPE), and the denial is audited', async () => {
    const own = await app.inject({
      url: `/api/org-units/${BABAOSHAN_COMMUNITY}`,
      headers: { cookie: street },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().ancestors.map((a: { name: string }) => a.name)).toEqual([
      '北京市石景山区',
      '八宝山街道',
    ]);

    const other = await app.inject({ url: `/api/org-units/${LUGU}`, headers: { cookie: street } });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({
      error: {
        code: 'FORBIDDEN_SCOPE',
        message: expect.stringContaining('无权访问'),
        details: { action: 'org_unit.read' },
      },
    });
    const denials = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorLabel, 'street')));
    expect(denials.at(-1)?.targetId).toBe(`GET /api/org-units/${LUGU}`);
  });

  it('lists only units and grids inside its street', async () => {
    const res = await app.inject({ url: '/api/org-units?level=community', headers: { cookie: street } });
    const items = res.json().items as { code: string }[];
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((u) => u.code.startsWith('110107001'))).toBe(true);
    const grids = await app.inject({ url: '/api/grids', headers: { cookie: street } });
    const features = grids.json().features as { properties: { code: string } }[];
    expect(features.length).toBeGreaterThan(10);
    expect(features.every((f) => f.properties.code.startsWith('110107001'))).toBe(true);
    const foreign = await app.inject({ url: `/api/grids?within=${LUGU}`, headers: { cookie: street } });
    expect(foreign.statusCode).toBe(403);
  });

  it('lists only users of its own subtree, with phones masked', async () => {
    const res = await app.inject({ url: '/api/users', headers: { cookie: street } });
    const items = res.json().items as { username: string; phone: string; phoneMasked: boolean }[];
    expect(items.map((u) => u.username).sort()).toEqual(['community', 'grid', 'street']);
    for (const u of items) {
      expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(u.phoneMasked).toBe(true);
    }
  });

  it('the other street dispatcher sees the mirror image', async () => {
    const lugu = await loginAs(app, 'street2');
    expect((await app.inject({ url: `/api/org-units/${LUGU}`, headers: { cookie: lugu } })).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject({ url: `/api/org-units/${BABAOSHAN_COMMUNITY}`, headers: { cookie: lugu } }))
        .statusCode,
    ).toBe(403);
  });

  it('district-wide roles see every street', async () => {
    const hotline = await loginAs(app, 'hotline');
    expect(
      (await app.inject({ url: `/api/org-units/${LUGU}`, headers: { cookie: hotline } })).statusCode,
    ).toBe(200);
    const res = await app.inject({ url: '/api/org-units?level=street', headers: { cookie: admin } });
    expect(res.json().items).toHaveLength(9);
  });
});

describe('role rules', () => {
  it('only a district admin edits unit attributes; the edit clears the demo mark and is audited', async () => {
    const denied = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${BABAOSHAN_COMMUNITY}`,
      headers: { cookie: street },
      payload: { households: 2000 },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');

    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${BABAOSHAN_COMMUNITY}`,
      headers: { cookie: admin },
      payload: { households: 3210, flags: ['old_compound', 'elderly'] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      households: 3210,
      flags: ['old_compound', 'elderly'],
      attrsAreDemo: false,
    });
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org_unit.update'), eq(auditLog.targetId, BABAOSHAN_COMMUNITY)));
    expect(entry?.details).toMatchObject({ after: { households: 3210 } });

    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${BABAOSHAN_COMMUNITY}`,
      headers: { cookie: admin },
      payload: { households: -5, flags: ['haunted'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('reveals a full phone number only to allowed roles, with a reason, and audits the view', async () => {
    const users = (await app.inject({ url: '/api/users', headers: { cookie: admin } })).json().items;
    const target = users.find((u: { username: string }) => u.username === 'grid');
    const denied = await app.inject({
      method: 'POST',
      url: `/api/users/${target.id}/reveal-phone`,
      headers: { cookie: street },
      payload: { reason: '核实身份' },
    });
    expect(denied.statusCode).toBe(403);
    const shown = await app.inject({
      method: 'POST',
      url: `/api/users/${target.id}/reveal-phone`,
      headers: { cookie: admin },
      payload: { reason: '核实身份' },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().phone).toMatch(/^1380010\d{4}$/);
    const views = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.reveal_phone'), eq(auditLog.targetId, target.id)));
    expect(views).toHaveLength(1);
    expect(views[0]?.details).toEqual({ reason: '核实身份' });
  });

  it('audit log is for auditors and admins only', async () => {
    expect((await app.inject({ url: '/api/audit', headers: { cookie: street } })).statusCode).toBe(403);
    const auditor = await loginAs(app, 'auditor');
    const res = await app.inject({ url: '/api/audit?limit=5', headers: { cookie: auditor } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(5);
  });

  it('requires a log-in everywhere but health and docs', async () => {
    for (const url of [
      '/api/jurisdiction',
      '/api/users',
      '/api/org-units',
      '/api/grids',
      '/api/audit',
      '/api/departments',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
