import { describe, expect, it } from 'vitest';
import { NaiveBayesCounts, type Ranked } from './naive-bayes.ts';

/** The ranking as it was computed before `top`: every class sorted. */
function sortedPosterior(nb: NaiveBayesCounts, vec: ReadonlyMap<string, number>): Ranked[] {
  const s = nb.scores(vec);
  const max = Math.max(...s);
  const exp = s.map((v) => Math.exp(nb.options.sharpness * (v - max)));
  const z = exp.reduce((a, b) => a + b, 0);
  return nb.labels
    .map((label, i) => ({ label, probability: (exp[i] ?? 0) / z }))
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : 1));
}

describe('NaiveBayesCounts.top', () => {
  it('gives the first n of the fully sorted posterior, ties broken by label', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const algorithm of ['cnb', 'mnb'] as const) {
      const nb = new NaiveBayesCounts({
        algorithm,
        alpha: 0.1,
        bigramWeight: 0.5,
        charWeight: 0.2,
        binary: true,
        sharpness: 3,
      });
      const features = Array.from({ length: 40 }, (_, i) => `f${i}`);
      // Some classes with identical counts, so that probabilities tie and the label decides.
      for (let c = 0; c < 30; c++) {
        const vec = new Map(features.filter(() => random() < 0.2).map((f) => [f, 1]));
        nb.add(`c${c % 25}`, vec, 1);
        if (c < 5) nb.add(`twin${c}`, new Map([['f0', 1]]), 1);
      }
      for (let t = 0; t < 50; t++) {
        const vec = new Map(
          features.filter(() => random() < 0.15).map((f) => [f, 1 + Math.floor(random() * 2)]),
        );
        const all = sortedPosterior(nb, vec);
        expect(nb.posterior(vec)).toEqual(all);
        for (const n of [0, 1, 2, 3, 5, nb.labels.length, nb.labels.length + 3])
          expect(nb.top(vec, n)).toEqual(all.slice(0, Math.max(0, n)));
      }
    }
  });
});
