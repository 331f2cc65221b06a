import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { resolveApiKey } from '../../src/core/auth/sessions.ts';
import { findUserById } from '../../src/core/auth/users-store.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { runJiedao } from '../cli.ts';
import { buildTestApp } from '../factories.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-apikey-'));

const jiedao = (args: string[]) => runJiedao(args);

/** Who a key belongs to, read from the folder the CLI wrote (after it released the lock). */
async function ownerOf(dataDir: string, key: string) {
  const database = await openDatabase({ dataDir });
  try {
    const userId = await resolveApiKey(database.db, key);
    const user = userId ? await findUserById(database.db, userId) : undefined;
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.targetType, 'api_key'));
    return { user, keyAudits: audit.length };
  } finally {
    await database.close();
  }
}

describe('jiedao apikey create', () => {
  const demo = path.join(tmp, 'demo');

  it('after init --demo: creates the machine user in the command centre and prints a key once', async () => {
    const init = await jiedao(['init', '--division', '110107', '--demo', '--data', demo]);
    expect(init.code, init.stderr).toBe(0);
    const res = await jiedao(['apikey', 'create', '--name', '测试网关', '--data', demo]);
    expect(res.code, res.stderr).toBe(0);
    const key = res.stdout.split('\n')[0] as string;
    expect(key).toMatch(/^jd_[\w-]{30,}$/);
    expect(res.stdout).toContain('测试网关');
    const { user, keyAudits } = await ownerOf(demo, key);
    expect(user).toMatchObject({
      username: 'api-110107',
      isMachine: true,
      roles: ['hotline_operator'],
      unitLevel: 'center',
      districtCode: '110107',
    });
    expect(keyAudits).toBe(1);
  }, 240_000);

  it('a second key reuses the machine user; the key works on Open311', async () => {
    const res = await jiedao(['apikey', 'create', '--name', '第二网关', '--json', '--data', demo]);
    expect(res.code, res.stderr).toBe(0);
    const issued = JSON.parse(res.stdout);
    expect(issued).toMatchObject({
      districtCode: '110107',
      user: { username: 'api-110107', created: false },
    });
    const database = await openDatabase({ dataDir: demo });
    try {
      const { app } = await buildTestApp(database);
      const post = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: {
          api_key: issued.key,
          service_code: '0101',
          address_string: '八宝山街道',
          description: '楼道堆满杂物',
        },
      });
      expect(post.statusCode, post.body).toBe(200);
      expect(post.json()[0].service_request_id).toMatch(/^JD/);
      await app.close();
    } finally {
      await database.close();
    }
  }, 240_000);

  it('works on a district made by init alone (no departments: the district unit), and needs --name', async () => {
    const bare = path.join(tmp, 'bare');
    expect((await jiedao(['init', '--division', '640104', '--data', bare])).code).toBe(0);
    const res = await jiedao(['apikey', 'create', '--name', 'gw', '--data', bare]);
    expect(res.code, res.stderr).toBe(0);
    const { user } = await ownerOf(bare, res.stdout.split('\n')[0] as string);
    expect(user).toMatchObject({ username: 'api-640104', isMachine: true, unitLevel: 'district' });
    const missing = await jiedao(['apikey', 'create', '--data', bare]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[BAD_REQUEST]');
    const empty = await jiedao(['apikey', 'create', '--name', 'x', '--data', path.join(tmp, 'empty')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('jiedao init');
  }, 240_000);
});
