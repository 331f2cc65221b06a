/** Deterministic randomness for the benchmark generator: the same seed always builds the same city. */

/** A seeded PRNG (mulberry32) returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a string (FNV-1a), so sub-streams do not depend on the order they are drawn in. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const key = parts.join(':');
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Picks from weighted items in O(log n) (cumulative weights + binary search). */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    for (const w of weights) {
      sum += w;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(random: () => number): T {
    const x = random() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** Zipf weights 1/rank^s for n items (a few categories carry most demands, as on every hotline). */
export const zipfWeights = (n: number, s: number): number[] =>
  Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

/** Fisher–Yates shuffle with the given randomness (returns a new array). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Exponentially distributed with the given mean. */
export const exponential = (random: () => number, mean: number): number => -Math.log(1 - random()) * mean;

const HEX = '0123456789abcdef';

/** A UUIDv7 whose time is `ms` and whose random bits come from `random` (deterministic ids). */
export function seededUuidv7(ms: number, random: () => number): string {
  let time = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
  let rest = '7';
  for (let i = 0; i < 3; i++) rest += HEX[Math.floor(random() * 16)];
  let tail = HEX[8 + Math.floor(random() * 4)] as string;
  for (let i = 0; i < 15; i++) tail += HEX[Math.floor(random() * 16)];
  time = `${time.slice(0, 8)}-${time.slice(8)}`;
  return `${time}-${rest}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
