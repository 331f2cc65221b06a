import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { addUser } from '../../src/jurisdiction/people/add-user.ts';
import { DEMO_PASSWORD } from '../factories.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API and fails loudly on an unexpected status; returns the parsed body. */
export async function call(
  app: App,
  cookie: string,
  method: Method,
  url: string,
  payload?: unknown,
  expected = 200,
) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (res.statusCode !== expected) {
    throw new Error(`${method} ${url} → ${res.statusCode} (expected ${expected}): ${res.body}`);
  }
  return res.json();
}

/** A throw-away folder for uploaded files (never the repository's ./data). */
export const tempFilesDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'jiedao-files-'));

/** The smallest valid PNG (1×1) with some trailing bytes so each upload can differ. */
export function pngBytes(extra = ''): Buffer {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
      '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
    'hex',
  );
  return Buffer.concat([png, Buffer.from(extra)]);
}

/** Uploads bytes as the caller; returns the response (status asserted by the test). */
export function upload(app: App, cookie: string, bytes: Buffer, name = '现场照片.png', type = 'image/png') {
  return app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    payload: bytes,
  });
}

/** Adds a staff user straight through the use case (faster than the admin API in a setup). */
export async function addStaff(
  database: Database,
  username: string,
  unitCode: string,
  role: Role,
  displayName = username,
): Promise<void> {
  await addUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: { username, displayName, unitCode, roles: [role], password: DEMO_PASSWORD },
  });
}

/** The Beijing month of now (what "this month" means to the API). */
export const thisMonth = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
