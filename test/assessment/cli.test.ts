import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { buildDemoDistrict } from '../factories.ts';
import { thisMonth } from '../grid-work/helpers.ts';
import { streetScheme } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jiedao-assessment-cli-'));
const data = path.join(dir, 'data');
const savedUrl = process.env.DATABASE_URL;

/** Runs `jiedao …` in-process on the PGlite folder, capturing stdout/stderr and the exit code. */
async function jiedao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => out.push(String(c)) > 0);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => err.push(String(c)) > 0);
  const log = vi.spyOn(console, 'log').mockImplementation((c) => void out.push(String(c)));
  process.exitCode = 0;
  try {
    await main([...args, '--data', data]);
  } finally {
    o.mockRestore();
    e.mockRestore();
    log.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
};

beforeAll(async () => {
  // The CLI works on its own PGlite folder, whichever backend the suite runs on.
  delete process.env.DATABASE_URL;
  const template = inject('pgliteTemplate');
  const database = await openDatabase({
    dataDir: data,
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]), migrate: false } : {}),
  });
  await buildDemoDistrict(database);
  await database.close();
});

afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

describe('jiedao assessment', () => {
  it('check and create refuse residents at 40 % of a street, naming the rule', async () => {
    const check = await jiedao(['assessment', 'check', file('40.json', streetScheme(0.4)), '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).violations[0]).toMatchObject({
      rule: 'assessment.residentsWeightStreetMin',
    });
    const create = await jiedao(['assessment', 'create', file('40.json', streetScheme(0.4))]);
    expect(create.code).toBe(2);
    expect(create.stderr).toContain('错误 [SCHEME_REFUSED]');
  });

  it('creates a scheme, enters a survey, runs, publishes, refuses an unexplained rerun and exports', async () => {
    const created = await jiedao(['assessment', 'create', file('50.json', streetScheme(0.5)), '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout);
    const month = thisMonth();
    const entry = JSON.stringify({ kind: 'survey', sample: 300, questionnaire: '居民满意度问卷', score: 88 });
    const entered = await jiedao([
      'assessment',
      'enter',
      '--scheme',
      id,
      '--period',
      month,
      '--indicator',
      'survey',
      '--subject',
      '110107001000',
      '--entry',
      entry,
    ]);
    expect(entered.stdout).toContain('已录入，得分 88');
    const run = await jiedao(['assessment', 'run', '--scheme', id, '--period', month, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    // Only the survey has data: its group carries the whole score.
    expect(result.rows[0]).toMatchObject({ code: '110107001000', total: 88, rank: 1 });
    expect(result.rows.filter((r: { rank: number | null }) => r.rank !== null)).toHaveLength(1);
    expect((await jiedao(['assessment', 'publish', '--result', result.id])).stdout).toContain('已发布并锁定');
    const rerun = await jiedao(['assessment', 'run', '--scheme', id, '--period', month]);
    expect(rerun.code).toBe(2);
    expect(rerun.stderr).toContain('须说明更正原因');
    const xlsx = path.join(dir, 'result.xlsx');
    expect((await jiedao(['assessment', 'export', '--result', result.id, '--xlsx', xlsx])).code).toBe(0);
    const rows = await readXlsxRows(readFileSync(xlsx));
    expect(rows.find((r) => r[1] === '八宝山街道')?.at(-2)).toBe('88');
  });
});
