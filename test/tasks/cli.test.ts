import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { parsePlan } from '../../src/tasks/plan-parser/parse-plan.ts';
import { runJiedao } from '../cli.ts';
import { buildDemoDistrict } from '../factories.ts';
import { SAMPLE_A } from './helpers.ts';

const SAMPLES = fileURLToPath(new URL('../../../shared/samples/', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-plan-cli-'));

const jiedao = (args: string[]) => runJiedao(args);

describe('jiedao plan parse (pure: never opens the database)', () => {
  // The three runs are independent: started together to keep the file fast.
  const data = path.join(tmp, 'never-created');
  const runs = Promise.all([
    jiedao(['plan', 'parse', path.join(SAMPLES, 'plan-sample-a.txt'), '--json', '--data', data]),
    jiedao(['plan', 'parse', path.join(SAMPLES, 'plan-sample-b.txt')]),
    jiedao(['plan', 'parse', path.join(tmp, 'no-such.txt'), '--json']),
  ]);

  it('prints exactly { title, tasks: [{ no, section, content, lead, co, deadline }], warnings }', async () => {
    const [res] = await runs;
    expect(res.code, res.stderr).toBe(0);
    const printed = JSON.parse(res.stdout);
    expect(printed).toEqual(parsePlan(SAMPLE_A));
    expect(Object.keys(printed)).toEqual(['title', 'tasks', 'warnings']);
    expect(Object.keys(printed.tasks[0])).toEqual(['no', 'section', 'content', 'lead', 'co', 'deadline']);
    expect(printed.tasks).toHaveLength(7);
    expect(printed.tasks[5]).toMatchObject({
      no: 6,
      lead: ['区财政局'],
      co: ['区民政局(区委社会工委)', '各街道'],
    });
    expect(existsSync(data)).toBe(false);
  });

  it('prints a readable list without --json (sample B: inline fields, month deadlines)', async () => {
    const [, human] = await runs;
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('示例市社区治理改革实施方案');
    expect(human.stdout).toContain('牵头：市编办  协办：市民政局、各区  完成时间：2021年3月');
  });

  it('a missing file is a clear error with exit status 2', async () => {
    const [, , missing] = await runs;
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('无法读取方案文件'),
    });
  });
});

describe('jiedao plan import / remind', () => {
  const data = path.join(tmp, 'data');

  // This exercises the commands on a PGlite folder; the PostgreSQL run covers the same use cases
  // through the API (and would pay a cold PGlite initialisation here for nothing).
  it.skipIf(process.env.DATABASE_URL)(
    'imports into the only district, lists unmatched names, and sweeps reminders',
    async () => {
      // The demo district is built in-process (what `jiedao init --demo` does, without a second spawn).
      // Starting from the suite's migrated template saves the slow first initialisation of a folder.
      const template = inject('pgliteTemplate');
      const database = await openDatabase({
        dataDir: data,
        ...(template ? { loadDataDir: new Blob([readFileSync(template)]), migrate: false } : {}),
      });
      await buildDemoDistrict(database);
      await database.close();

      // A city's plan names city bodies: listed for a person to map once.
      const b = await jiedao([
        'plan',
        'import',
        path.join(SAMPLES, 'plan-sample-b.txt'),
        '--json',
        '--data',
        data,
      ]);
      expect(b.code, b.stderr).toBe(0);
      expect(JSON.parse(b.stdout)).toMatchObject({ tasks: 4, warnings: [] });
      const unmatched = JSON.parse(b.stdout).unmatched.map((u: { name: string }) => u.name);
      expect(unmatched).toEqual(expect.arrayContaining(['市编办', '市民政局', '各区', '市发改委']));

      // Sample B's deadlines (2020–2021) are long past: four overdue notices. Run in-process (the
      // command's own code, stdout captured) to spare the file a third process start.
      const printed: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        printed.push(String(chunk));
        return true;
      });
      try {
        await main(['plan', 'remind', '--json', '--data', data]);
      } finally {
        write.mockRestore();
      }
      expect(process.exitCode ?? 0).toBe(0);
      expect(JSON.parse(printed.join(''))).toMatchObject({ dueSoon: 0, overdue: 4 });
    },
  );
});
