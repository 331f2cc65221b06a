import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runJiedao } from '../cli.ts';

const CORPUS = fileURLToPath(new URL('../fixtures/classify/demands.tsv', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-cli-demands-'));

const jiedao = (args: string[]) => runJiedao(args, { cwd: tmp });

describe('jiedao calendar', () => {
  it('due: 3 working days from 2026-09-30 10:00 end at 24:00 on 2026-10-10; --hours counts the clock', {
    timeout: 240_000,
  }, async () => {
    const data = path.join(tmp, 'none');
    const days = await jiedao([
      'calendar',
      'due',
      '--from',
      '2026-09-30T10:00+08:00',
      '--working-days',
      '3',
      '--data',
      data,
    ]);
    expect(days.code, days.stderr).toBe(0);
    expect(days.stdout.trim()).toBe('2026-10-10T24:00+08:00');
    const hours = await jiedao([
      'calendar',
      'due',
      '--from',
      '2026-09-30T10:00+08:00',
      '--hours',
      '24',
      '--json',
      '--data',
      data,
    ]);
    expect(JSON.parse(hours.stdout)).toMatchObject({
      due: '2026-10-01T02:00:00.000Z',
      dueLocal: '2026-10-01T10:00:00+08:00',
    });
    const bad = await jiedao([
      'calendar',
      'due',
      '--from',
      'yesterday',
      '--working-days',
      '3',
      '--data',
      data,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[VALIDATION_FAILED]');
  });

  it('import: a 2027 notice moves 2027 deadlines in that database', { timeout: 240_000 }, async () => {
    const data = path.join(tmp, 'db');
    expect((await jiedao(['init', '--division', '110107', '--data', data])).code).toBe(0);
    const from = [
      'calendar',
      'due',
      '--from',
      '2027-02-05T10:00+08:00',
      '--working-days',
      '3',
      '--data',
      data,
    ];
    const before = await jiedao(from);
    expect(before.stdout).toContain('2027-02-10T24:00+08:00');
    expect(before.stdout).toContain('未覆盖 2027');
    const notice = path.join(tmp, 'notice-2027.txt');
    writeFileSync(
      notice,
      '国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。\n',
    );
    const imported = await jiedao(['calendar', 'import', notice, '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);
    const after = await jiedao(from);
    expect(after.stdout.split('\n')[0]).toBe('2027-02-17T24:00+08:00');
  });
});

describe('jiedao classify', () => {
  it('trains a model file from history and evaluates it (and a held-out split without a model)', {
    timeout: 240_000,
  }, async () => {
    const model = path.join(tmp, 'model.json');
    const trained = await jiedao(['classify', 'train', CORPUS, '--model', model, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(JSON.parse(trained.stdout)).toMatchObject({ model, seededFromTaxonomy: true });
    const evaluated = JSON.parse(
      (await jiedao(['classify', 'eval', CORPUS, '--model', model, '--json'])).stdout,
    );
    expect(Object.keys(evaluated).sort()).toEqual(['accuracy', 'n', 'per_class', 'top3']);
    expect(evaluated.accuracy).toBeGreaterThan(0.95);
    const heldOut = JSON.parse((await jiedao(['classify', 'eval', CORPUS, '--json'])).stdout);
    expect(heldOut.n).toBeGreaterThan(100);
    expect(heldOut.accuracy).toBeGreaterThan(0.85);
    expect(heldOut.top3).toBeGreaterThan(0.95);
    const bad = path.join(tmp, 'bad.tsv');
    writeFileSync(bad, '只有文本没有类别\n');
    const err = await jiedao(['classify', 'train', bad]);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('[VALIDATION_FAILED]');
  });
});
