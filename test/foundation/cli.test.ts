import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/core/db/connection.ts';
import { runJiedao } from '../cli.ts';
import { withDatabase } from '../global-setup.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-cli-'));

const jiedao = (args: string[], databaseUrl?: string) =>
  runJiedao(args, {
    env: { JIEDAO_PASSWORD: 'Cli-user-pass-2026' },
    ...(databaseUrl ? { databaseUrl } : {}),
  });

describe('jiedao CLI', () => {
  const data = path.join(tmp, 'data');

  it('init --division 110107 --json reports 9 streets and 153 communities', async () => {
    const res = await jiedao(['init', '--division', '110107', '--json', '--data', data]);
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ districtCode: '110107', fullName: '北京市石景山区' });
    expect(summary.counts).toMatchObject({ district: 1, street: 9, community: 153 });
  });

  it('an unknown code is a clear error with a stable code and exit status 2', async () => {
    const res = await jiedao(['init', '--division', '000000', '--data', path.join(tmp, 'other')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('[UNKNOWN_DIVISION]');
    expect(res.stderr).toContain('000000');
    const json = await jiedao(['init', '--division', '000000', '--json', '--data', path.join(tmp, 'other')]);
    expect(JSON.parse(json.stderr).error.code).toBe('UNKNOWN_DIVISION');
  });

  it('imports grids, adds a user, lists users masked and verifies the audit log', async () => {
    const file = path.join(tmp, 'grids.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [1, 2].map((seq) => ({
          type: 'Feature',
          properties: { community_code: '110107003007', seq },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116.2 + seq / 100, 39.9],
                [116.21 + seq / 100, 39.9],
                [116.21 + seq / 100, 39.91],
                [116.2 + seq / 100, 39.91],
                [116.2 + seq / 100, 39.9],
              ],
            ],
          },
        })),
      }),
    );
    const imported = await jiedao(['grids', 'import', file, '--json', '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 2, updated: 0 });

    const added = await jiedao([
      'users',
      'add',
      '--username',
      'bajiao',
      '--name',
      '八角派单员',
      '--unit',
      '110107003000',
      '--roles',
      'street_dispatcher',
      '--phone',
      '13912345678',
      '--json',
      '--data',
      data,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const listed = JSON.parse((await jiedao(['users', 'list', '--json', '--data', data])).stdout);
    expect(listed).toEqual([expect.objectContaining({ username: 'bajiao', phone: '139****5678' })]);

    const verify = await jiedao(['audit', 'verify', '--json', '--data', data]);
    expect(verify.code).toBe(0);
    const result = JSON.parse(verify.stdout);
    expect(result.ok).toBe(true);
    expect(result.chains[0].rows).toBe(3); // init, grids.import, user.create
  });

  it('refuses a second process on the same data folder', async () => {
    const holder = await openDatabase({ dataDir: data });
    try {
      const res = await jiedao(['audit', 'verify', '--data', data]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('[CONFLICT]');
      expect(res.stderr).toContain('另一个进程');
    } finally {
      await holder.close();
    }
  });

  it('backs up and restores into a new folder', async () => {
    const file = path.join(tmp, 'backup.gz');
    expect((await jiedao(['backup', file, '--data', data])).code).toBe(0);
    const restored = await jiedao(['restore', file, '--json', '--data', path.join(tmp, 'restored')]);
    expect(restored.code, restored.stderr).toBe(0);
    const verify = JSON.parse(
      (await jiedao(['audit', 'verify', '--json', '--data', path.join(tmp, 'restored')])).stdout,
    );
    expect(verify.ok).toBe(true);
    expect(verify.chains[0].rows).toBe(4); // … + system.restore
  });

  it.runIf(process.env.DATABASE_URL)('works on PostgreSQL through DATABASE_URL', async () => {
    const url = process.env.DATABASE_URL as string;
    const name = `jiedao_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    try {
      const res = await jiedao(['init', '--division', '640104', '--json'], withDatabase(url, name));
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).fullName).toBe('宁夏回族自治区银川市兴庆区');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
