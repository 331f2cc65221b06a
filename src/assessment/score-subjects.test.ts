import { describe, expect, it } from 'vitest';
import { combinedPartyScore } from './entry-score.ts';
import { SchemeInputSchema } from './model.ts';
import { excellentQuota, rankSubjects, scoreSubject, scoreValue, withinQuota } from './score-subjects.ts';

const ind = (key: string, weight: number, scoring: unknown = { type: 'rate' }, extra = {}) => ({
  kind: 'indicator',
  key,
  name: key,
  weight,
  source: 'entered.survey',
  scoring,
  ...extra,
});

const def = (nodes: unknown[], missingData = 'redistribute') =>
  SchemeInputSchema.parse({ name: '测试方案', evaluatedKind: 'street', period: 'month', missingData, nodes });

describe('scoring rules', () => {
  it('rate × 100, inverse rates, thresholds (first band that matches), null stays null', () => {
    expect(scoreValue({ type: 'rate' }, 0.875)).toBe(87.5);
    expect(scoreValue({ type: 'inverse_rate' }, 0.25)).toBe(75);
    const bands = {
      type: 'thresholds' as const,
      bands: [
        { atLeast: 0.95, score: 100 },
        { atLeast: 0.8, atMost: 0.95, score: 80 },
        { atMost: 0.1, score: 10 },
      ],
    };
    expect(scoreValue(bands, 0.96)).toBe(100);
    expect(scoreValue(bands, 0.95)).toBe(100);
    expect(scoreValue(bands, 0.8)).toBe(80);
    expect(scoreValue(bands, 0.05)).toBe(10);
    expect(scoreValue(bands, 0.5)).toBe(0);
    expect(scoreValue({ type: 'rate' }, null)).toBeNull();
    expect(scoreValue({ type: 'rate' }, 1.2)).toBe(100);
  });
});

describe('a subject’s total', () => {
  const tree = def([
    {
      kind: 'group',
      key: 'g1',
      name: 'g1',
      weight: 0.6,
      children: [ind('a', 0.5), ind('b', 0.5, { type: 'inverse_rate' })],
    },
    {
      kind: 'group',
      key: 'g2',
      name: 'g2',
      weight: 0.4,
      children: [
        { kind: 'group', key: 'g3', name: 'g3', weight: 1, children: [ind('c', 0.25), ind('d', 0.75)] },
      ],
    },
  ]);

  it('is the weighted mean down the tree, and the points add up to it', () => {
    const values: Record<string, number> = { a: 0.8, b: 0.1, c: 1, d: 0.6 };
    const s = scoreSubject(tree, (k) => ({ value: values[k] ?? null }));
    // g1 = (80 + 90)/2 = 85; g3 = 0.25×100 + 0.75×60 = 70; total = 0.6×85 + 0.4×70 = 79.
    expect(s.total).toBe(79);
    const points = s.items.filter((i) => i.kind === 'indicator').map((i) => i.points ?? 0);
    expect(points).toEqual([24, 27, 10, 18]);
    expect(s.items.find((i) => i.key === 'd')).toMatchObject({
      weight: 0.3,
      effectiveWeight: 0.3,
      depth: 2,
      parent: 'g3',
    });
  });

  it('passes a missing indicator’s weight to its siblings, or scores it 0 when the scheme says so', () => {
    const values: Record<string, number | null> = { a: 0.8, b: null, c: null, d: 0.6 };
    const s = scoreSubject(tree, (k) => ({ value: values[k] ?? null }));
    // g1 = 80 (b missing); g3 = 60 (c missing); total = 0.6×80 + 0.4×60 = 72.
    expect(s.total).toBe(72);
    expect(s.items.find((i) => i.key === 'a')).toMatchObject({ effectiveWeight: 0.6, points: 48 });
    expect(s.items.find((i) => i.key === 'b')).toMatchObject({ effectiveWeight: 0, points: null });
    const zero = scoreSubject({ ...tree, missingData: 'zero' }, (k) => ({ value: values[k] ?? null }));
    // g1 = (80 + 0)/2 = 40; g3 = 0.75×60 = 45; total = 24 + 18 = 42.
    expect(zero.total).toBe(42);
    expect(scoreSubject(tree, () => undefined).total).toBeNull();
  });

  it('fails a subject on a 一票否决 item below its bar, whatever the total', () => {
    const d = def([
      ind('a', 0.9),
      ind('safety', 0.1, { type: 'rate' }, { veto: { failBelow: 60, basis: '文件', requiredBy: 'central' } }),
    ]);
    const s = scoreSubject(d, (k) => ({ value: k === 'a' ? 1 : 0.5 }));
    expect(s).toMatchObject({ total: 95, vetoed: true, vetoedBy: ['safety'] });
    expect(s.items.find((i) => i.key === 'safety')?.vetoFailed).toBe(true);
  });
});

describe('ranks and the excellent quota', () => {
  it('shares ranks on ties, leaves vetoed and empty subjects unranked and last', () => {
    const ranked = rankSubjects([
      { id: 'a', total: 80, vetoed: false },
      { id: 'b', total: null, vetoed: false },
      { id: 'c', total: 90, vetoed: false },
      { id: 'd', total: 95, vetoed: true },
      { id: 'e', total: 80, vetoed: false },
      { id: 'f', total: 70, vetoed: false },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['e', 2],
      ['f', 4],
      ['d', null],
      ['b', null],
    ]);
  });

  it('gives the district average plus the profile’s points, never exceeded by ties at the cut', () => {
    expect(excellentQuota(10, 0.15, 10)).toEqual({ rate: 0.25, count: 2 });
    expect(excellentQuota(3, 0.95, 10)).toEqual({ rate: 1, count: 3 });
    expect(withinQuota([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }], 2)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(withinQuota([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: null }], 3)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('combines party-building scores in the profile’s proportions (4 % + 6 % of 10 %)', () => {
    const w = { unitLevel: 'provincial' as const, total: 0.1, street: 0.04, community: 0.06 };
    expect(combinedPartyScore(90, 80, w)).toEqual({ score: 84, streetPoints: 3.6, communityPoints: 4.8 });
  });
});
