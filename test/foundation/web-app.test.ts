import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { createRegistries } from '../../src/http/context.ts';
import { type App, buildServer } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';

// A stand-in for `npm run build`'s web/dist, so this test does not depend on a build.
const root = mkdtempSync(path.join(os.tmpdir(), 'jiedao-web-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>街道</title><div id="root"></div>');
writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let database: Database;
const build = (webRoot: string | false) =>
  buildServer({ database, config: loadConfig({}), ...createRegistries() }, { logger: false, webRoot });

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the web app on the API port', () => {
  let app: App;
  beforeAll(async () => {
    app = await build(root);
    await app.ready();
  });

  it('serves index.html for the app’s own routes (SPA fallback), never cached', async () => {
    for (const url of ['/', '/workbench', '/jurisdiction/110107001003?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache and other files as they are', async () => {
    const asset = await app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('keeps the API’s JSON 404 for /api paths and missing files, and never leaves its folder', async () => {
    const api = await app.inject({ url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await app.inject({ url: '/assets/gone-123.js' })).statusCode).toBe(404);
    const outside = await app.inject({ url: '/..%2f..%2fpackage.json' });
    expect(outside.body).not.toContain('"dependencies"');
    const malformed = (await app.inject({ url: '/%E0%A4%A' })).statusCode;
    expect(malformed >= 400 && malformed < 500).toBe(true);
    const health = await app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('starts without a built web app (API only)', async () => {
    const apiOnly = await build(path.join(root, 'missing'));
    await apiOnly.ready();
    expect((await apiOnly.inject({ url: '/api/health' })).statusCode).toBe(200);
    const page = await apiOnly.inject({ url: '/workbench' });
    expect(page.statusCode).toBe(404);
    await apiOnly.close();
  });
});
