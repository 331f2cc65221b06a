import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFooterLine } from './boilerplate.ts';
import { parseSectionHeading, parseTaskNumber } from './classify-line.ts';
import { isPageNumberLine, normalizeLine } from './normalize-text.ts';
import { parsePlan } from './parse-plan.ts';

/**
 * Property: re-wrapping a plan's task lines (splitting them anywhere after the task number,
 * joining consecutive ones) and inserting page-number lines anywhere never changes the parse.
 * Headings, the lines before the first task and a web page's footer are kept: real wrapping
 * happens in the plan's body.
 */

const texts: Record<string, string> = {
  'plan-sample-a': readFileSync(
    new URL('../../../../shared/samples/plan-sample-a.txt', import.meta.url),
    'utf8',
  ),
  'plan-sample-b': readFileSync(
    new URL('../../../../shared/samples/plan-sample-b.txt', import.meta.url),
    'utf8',
  ),
  'pdf-wrapped': readFileSync(
    new URL('../../../test/fixtures/plans/pdf-wrapped.txt', import.meta.url),
    'utf8',
  ),
  'web-page-boilerplate': readFileSync(
    new URL('../../../test/fixtures/plans/web-page-boilerplate.txt', import.meta.url),
    'utf8',
  ),
};

/** mulberry32: a seeded generator, so a failing case can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

function pageNumberLine(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 30);
  return pick(rand, [`— — — ${n} —`, `- ${n} -`, `—${n}—`, `第 ${n} 页 共 30 页`, `${n}`, '', '   ']);
}

const isTaskLine = (line: string): boolean => parseTaskNumber(normalizeLine(line), 'dot') !== null;
const isHeading = (line: string): boolean => parseSectionHeading(normalizeLine(line)) !== null;
const isPlainBodyLine = (line: string): boolean =>
  normalizeLine(line) !== '' &&
  !isTaskLine(line) &&
  !isHeading(line) &&
  !isPageNumberLine(normalizeLine(line));

/**
 * Splits a line at up to 3 random points after its task number. A piece that would read as a
 * page number (`2` cut out of `不少于2次`) is not a wrap any printer makes, so such cuts are redrawn.
 */
function splitLine(line: string, rand: () => number): string[] {
  // Cuts may fall right after a task number (`5．` alone on its line) but never inside it.
  const prefix = /^\s*[(（]?[\d０-９]{1,3}\s*[.．、)）]/.exec(line)?.[0].length ?? 1;
  for (let attempt = 0; attempt < 20; attempt++) {
    const cuts = new Set<number>();
    const count = Math.floor(rand() * 4);
    for (let c = 0; c < count && line.length - prefix > 2; c++) {
      cuts.add(prefix + Math.floor(rand() * (line.length - prefix)));
    }
    const points = [0, ...[...cuts].sort((a, b) => a - b), line.length];
    const pieces = points.slice(1).map((end, k) => line.slice(points[k], end));
    if (pieces.every((p) => normalizeLine(p) !== '' && !isPageNumberLine(normalizeLine(p)))) return pieces;
  }
  return [line];
}

function rewrap(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const firstTask = lines.findIndex(isTaskLine);
  const footer = lines.findIndex((line, i) => i > firstTask && isFooterLine(normalizeLine(line)));
  const end = footer === -1 ? lines.length : footer;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (i >= firstTask && i < end && (isTaskLine(line) || isPlainBodyLine(line))) {
      while (i + 1 < end && isPlainBodyLine(lines[i + 1] ?? '') && rand() < 0.3) {
        line += lines[i + 1];
        i++;
      }
      out.push(...splitLine(line, rand));
    } else {
      out.push(line);
    }
    if (rand() < 0.25) out.push(pageNumberLine(rand));
  }
  return out.join('\n');
}

describe('parsePlan is stable under re-wrapping and page-number lines', () => {
  for (const [name, text] of Object.entries(texts)) {
    it(`${name}: 300 random re-wraps parse like the original`, () => {
      const expected = parsePlan(text);
      expect(expected.tasks.length).toBeGreaterThan(0);
      for (let seed = 1; seed <= Number(process.env.PLAN_FUZZ_SEEDS ?? 300); seed++) {
        const wrapped = rewrap(text, seeded(seed));
        expect(parsePlan(wrapped), `seed ${seed}:\n${wrapped}`).toEqual(expected);
      }
    });
  }

  it('the generator really re-wraps (guards against a no-op property)', () => {
    const wrapped = rewrap(texts['plan-sample-a'] ?? '', seeded(7));
    expect(wrapped).not.toBe(texts['plan-sample-a']);
    expect(wrapped.split('\n').length).not.toBe((texts['plan-sample-a'] ?? '').split('\n').length);
  });
});
