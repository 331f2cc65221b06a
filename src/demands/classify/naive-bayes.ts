/**
 * Naive Bayes sufficient statistics and scoring, independent of text. Both variants read the same
 * counts, so the algorithm is a scoring choice, not a different model to train:
 * - `mnb`: multinomial NB, θ(f|c) = (N_cf + α) / (N_c + αV), score = log P(c) + Σ x_f log θ(f|c).
 * - `cnb`: complement NB (Rennie et al. 2003) estimates θ from every OTHER class's counts, which
 *   are large for every class, so rare categories are not drowned by frequent ones (our data is
 *   skewed: parking and noise calls outnumber dog or food-safety calls 10:1).
 * Features are sparse: a feature stores only the classes it occurred in.
 */

/** Scoring variant; see the module comment. */
export type Algorithm = 'mnb' | 'cnb';

/** Hyper-parameters, stored in the model file. */
export interface ModelOptions {
  algorithm: Algorithm;
  /** Additive (Lidstone) smoothing. */
  alpha: number;
  /** Value of one character-bigram occurrence relative to one word (0 turns bigrams off). */
  bigramWeight: number;
  /** Value of one single-character occurrence relative to one word (0 turns characters off). */
  charWeight: number;
  /** Count a feature once per document: long letters repeat words without being more on-topic. */
  binary: boolean;
  /** Multiplies the scores before the softmax: calibrates probabilities, never changes the ranking. */
  sharpness: number;
}

/** Marks bigram features in the vocabulary so that 路灯 the word and 路灯 the bigram stay apart. */
export const BIGRAM_PREFIX = '#';
/** Marks single-character features (狗 the character vs 狗 the one-character word). */
export const CHAR_PREFIX = '@';

/** A ranked label with its posterior probability. */
export interface Ranked {
  label: string;
  probability: number;
}

/** Mutable per-class counts plus the scoring formulas. */
export class NaiveBayesCounts {
  readonly labels: string[] = [];
  /** Weighted document count per class. */
  readonly docs: number[] = [];
  /** Sum of feature values per class. */
  readonly totals: number[] = [];
  /** feature → (class index → summed value). */
  readonly features = new Map<string, Map<number, number>>();
  private readonly index = new Map<string, number>();
  private base: number[] | undefined;
  private readonly deltas = new Map<string, FeatureDeltas>();

  constructor(readonly options: ModelOptions) {}

  get totalDocs(): number {
    return this.docs.reduce((a, b) => a + b, 0);
  }

  /** The index of a label, registering it when new. */
  classIndex(label: string): number {
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(label);
      this.docs.push(0);
      this.totals.push(0);
      this.index.set(label, i);
    }
    return i;
  }

  /** Adds one document's feature vector to a class. */
  add(label: string, vec: ReadonlyMap<string, number>, weight: number): void {
    const c = this.classIndex(label);
    this.docs[c] = (this.docs[c] ?? 0) + weight;
    for (const [f, x] of vec) {
      let row = this.features.get(f);
      if (!row) {
        row = new Map();
        this.features.set(f, row);
      }
      row.set(c, (row.get(c) ?? 0) + x * weight);
      this.totals[c] = (this.totals[c] ?? 0) + x * weight;
      this.deltas.delete(f);
    }
    this.base = undefined;
  }

  /** Per-class normalizers, recomputed lazily after learning (O(classes)). */
  private normalizers(): number[] {
    if (this.base) return this.base;
    const { alpha, algorithm } = this.options;
    const av = alpha * Math.max(1, this.features.size);
    const grand = this.totals.reduce((a, b) => a + b, 0);
    // A feature absent from class c adds base[c] (+ a class-independent constant, dropped):
    // mnb: log α − log(N_c + αV); cnb: log(N_¬c + αV) − log(N_f + α).
    this.base = this.totals.map((t) => (algorithm === 'mnb' ? -Math.log(t + av) : Math.log(grand - t + av)));
    return this.base;
  }

  /**
   * What feature `f` adds to each class that saw it, beyond what it adds to a class that never did:
   * mnb: log((n + α) / α); cnb: log((N_f + α) / (N_f − n + α)), so a word that is rare OUTSIDE the
   * class pushes towards it. Depends only on the feature's own counts, so it is cached per feature
   * and a `learn` invalidates just the features of that document.
   */
  private featureDeltas(f: string): FeatureDeltas | undefined {
    const cached = this.deltas.get(f);
    if (cached) return cached;
    const row = this.features.get(f);
    if (!row) return undefined;
    const { alpha, algorithm } = this.options;
    let ft = 0;
    for (const n of row.values()) ft += n;
    const classes: number[] = [];
    const values: number[] = [];
    let sum = 0;
    for (const [c, n] of row) {
      const d =
        algorithm === 'mnb' ? Math.log((n + alpha) / alpha) : Math.log((ft + alpha) / (ft - n + alpha));
      classes.push(c);
      values.push(d);
      sum += d;
    }
    const entry = { classes, values, sum };
    this.deltas.set(f, entry);
    return entry;
  }

  /** Log scores per class up to a shared constant, O(features + their nonzero counts). */
  scores(vec: ReadonlyMap<string, number>): number[] {
    const { algorithm } = this.options;
    const base = this.normalizers();
    const total = this.totalDocs;
    let mass = 0;
    const out = this.docs.map((d) => (algorithm === 'mnb' ? Math.log(d / total) : 0));
    for (const [f, x] of vec) {
      const fd = this.featureDeltas(f);
      if (!fd) continue; // never seen in training: no evidence either way
      mass += x;
      for (let i = 0; i < fd.classes.length; i++) {
        const c = fd.classes[i] ?? 0;
        out[c] = (out[c] ?? 0) + x * (fd.values[i] ?? 0);
      }
    }
    // Priors only for mnb: complement NB is meant to cancel class size, a prior would undo that.
    return out.map((s, c) => s + mass * (base[c] ?? 0));
  }

  /**
   * All classes ranked by posterior probability: softmax of the scores times `sharpness`. Complement
   * NB scores are not log-likelihoods and come out under-confident; the scale is a calibration
   * (it never changes the ranking), see README.md.
   */
  posterior(vec: ReadonlyMap<string, number>): Ranked[] {
    return this.top(vec, this.labels.length);
  }

  /**
   * The `n` best of {@link posterior}, the same values in the same order, without sorting every class
   * (a suggestion wants 3 of ≈ 100): a bounded insertion with the same comparison.
   */
  top(vec: ReadonlyMap<string, number>, n: number): Ranked[] {
    const s = this.scores(vec);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of s) if (v > max) max = v;
    const k = this.options.sharpness;
    const exp = s.map((v) => Math.exp(k * (v - max)));
    const z = exp.reduce((a, b) => a + b, 0);
    const before = (a: Ranked, b: Ranked) => b.probability - a.probability || (a.label < b.label ? -1 : 1);
    const best: Ranked[] = [];
    if (n <= 0) return best;
    for (let i = 0; i < this.labels.length; i++) {
      const r = { label: this.labels[i] as string, probability: (exp[i] ?? 0) / z };
      if (best.length === n && before(r, best[n - 1] as Ranked) >= 0) continue;
      let at = best.length === n ? n - 1 : best.length;
      while (at > 0 && before(r, best[at - 1] as Ranked) < 0) {
        best[at] = best[at - 1] as Ranked;
        at--;
      }
      best[at] = r;
    }
    return best;
  }

  /**
   * The word evidence for each of `labels`: per feature, its push towards the label minus its average
   * push towards all classes. Positive = this word argues for the label. The per-class length/size
   * normalizer is the same for every word, so it is left out rather than smeared over the words.
   * One pass over the features serves every label (a suggestion explains its top 3).
   */
  contributions(labels: readonly string[], vec: ReadonlyMap<string, number>): Evidence {
    const classes = labels.map((l) => this.index.get(l) ?? -1);
    const features: string[] = [];
    const rows: number[][] = labels.map(() => []);
    for (const [f, x] of vec) {
      const fd = this.featureDeltas(f);
      if (!fd) continue;
      features.push(f);
      const mean = fd.sum / this.labels.length;
      for (let j = 0; j < classes.length; j++) {
        const i = fd.classes.indexOf(classes[j] as number);
        const own = i < 0 ? 0 : (fd.values[i] ?? 0);
        (rows[j] as number[]).push(x * (own - mean));
      }
    }
    return { features, perLabel: rows };
  }
}

/** Features the model knows, in the text's order, and for each label one contribution per feature. */
export interface Evidence {
  features: string[];
  perLabel: number[][];
}

/** Cached per-feature score increments: parallel arrays of class index and increment. */
interface FeatureDeltas {
  classes: number[];
  values: number[];
  sum: number;
}
