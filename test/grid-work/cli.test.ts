import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { buildDemoDistrict } from '../factories.ts';
import { thisMonth } from './helpers.ts';

const data = path.join(mkdtempSync(path.join(os.tmpdir(), 'jiedao-gridwork-cli-')), 'data');
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

beforeAll(async () => {
  // The CLI here works on its own PGlite folder, whichever backend the suite runs on.
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

describe('jiedao grid-work and jiedao whistles', () => {
  it('staffing lists the understaffed communities of a street', async () => {
    const r = await jiedao(['grid-work', 'staffing', '--unit', '110107001000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.understaffed.map((x: { code: string }) => x.code)).toContain('110107001003');
    const human = await jiedao(['grid-work', 'staffing', '--unit', '110107001000']);
    expect(human.stdout).toContain('配备不足的社区');
  });

  it('indicators and whistle measures print for the month; a bad month is an error', async () => {
    const ind = await jiedao(['grid-work', 'indicators', '--month', thisMonth(), '--json']);
    expect(ind.code, ind.stderr).toBe(0);
    expect(JSON.parse(ind.stdout)).toMatchObject({
      unit: { code: '110107000000' },
      counts: { shouldClose: 0 },
    });
    const w = await jiedao(['whistles', 'measures', '--group-by', 'department', '--json']);
    expect(w.code, w.stderr).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ month: thisMonth(), units: [], blowers: [] });
    const bad = await jiedao(['grid-work', 'indicators', '--month', '2026-13', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.code).toBe('VALIDATION_FAILED');
  });

  it('exports a community sheet to Excel', async () => {
    const file = path.join(path.dirname(data), 'sheet.xlsx');
    const r = await jiedao([
      'grid-work',
      'sheet',
      '--community',
      '110107001003',
      '--month',
      thisMonth(),
      '--xlsx',
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readXlsxRows(readFileSync(file)))[0]).toEqual(['网格工作纪实表']);
  });
});
