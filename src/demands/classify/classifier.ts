/**
 * The trainable category classifier: complement naive Bayes over jieba words, character bigrams and
 * single characters (see tokenize.ts), kept as raw per-class feature counts. Counts make training
 * incremental for free (an operator's confirmation or override is one more document) and make every
 * score decomposable into per-word contributions, which the operator is shown as the reason.
 */
import { AppError } from '../../core/errors.ts';
import { type ModelFile, parseModelFile, parseModelOptions, toModelFile } from './model-file.ts';
import { BIGRAM_PREFIX, CHAR_PREFIX, type ModelOptions, NaiveBayesCounts } from './naive-bayes.ts';
import { leafCategories, type Taxonomy } from './taxonomy.ts';
import { extractFeatures } from './tokenize.ts';

export type { ModelFile } from './model-file.ts';
export type { ModelOptions } from './naive-bayes.ts';

/** One labelled text: a demand's content and its (level-2) category label. */
export interface Example {
  text: string;
  category: string;
}

/** A word (or, for unseen words, a character pair) that pushed a suggestion, and how hard (log units). */
export interface TokenWeight {
  token: string;
  weight: number;
}

/** One suggested category: probability and the words that support it. */
export interface Suggestion {
  category: string;
  /** Posterior probability among the known categories, 0..1. */
  score: number;
  why: { tokens: TokenWeight[] };
}

/** The public surface of a classifier instance. */
export interface Classifier {
  readonly options: Readonly<ModelOptions>;
  /** Labels it can predict, in the order first seen. */
  readonly categories: readonly string[];
  /** Number of (weighted) documents learned, keyword seeds included. */
  readonly documents: number;
  /** Learns a batch of labelled examples (adds to what is already known). */
  train(examples: readonly Example[]): void;
  /** Learns one example online, e.g. an operator's confirmation or override; `weight` counts it more. */
  learn(example: Example, weight?: number): void;
  /** Cold start: each level-2 category's name + keywords become one pseudo-document labelled by code. */
  seedFromKeywords(taxonomy: Taxonomy, weight?: number): void;
  /** The `k` most likely categories, best first. Empty when nothing has been learned. */
  predict(text: string, k?: number): Suggestion[];
  /** A plain, versioned model document (write it with JSON.stringify). */
  toJSON(): ModelFile;
}

/** Defaults chosen from the held-out measurements in README.md. */
export const DEFAULT_OPTIONS: ModelOptions = {
  algorithm: 'cnb',
  alpha: 1,
  bigramWeight: 0.5,
  charWeight: 0.5,
  binary: true,
  sharpness: 3,
};

const EXPLAIN_TOKENS = 6;

class NaiveBayesClassifier implements Classifier {
  constructor(private readonly nb: NaiveBayesCounts) {}

  get options(): Readonly<ModelOptions> {
    return this.nb.options;
  }

  get categories(): readonly string[] {
    return this.nb.labels;
  }

  get documents(): number {
    return this.nb.totalDocs;
  }

  train(examples: readonly Example[]): void {
    for (const ex of examples) this.learn(ex);
  }

  learn(example: Example, weight = 1): void {
    // Checked here because a bad label or weight would only surface later, as an unloadable model file.
    if (example.category.trim() === '') throw new AppError('VALIDATION_FAILED', '训练样本的类别不能为空');
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new AppError('VALIDATION_FAILED', `训练权重必须是正数：${weight}`);
    }
    this.nb.add(example.category, this.vectorize(example.text), weight);
  }

  seedFromKeywords(taxonomy: Taxonomy, weight = 1): void {
    for (const leaf of leafCategories(taxonomy)) {
      const text = [leaf.name, ...leaf.keywords].join('，');
      this.nb.add(leaf.code, this.vectorize(text), weight);
    }
  }

  predict(text: string, k = 3): Suggestion[] {
    const vec = this.vectorize(text);
    const ranked = this.nb.top(vec, Math.max(0, k));
    const evidence = this.nb.contributions(
      ranked.map((r) => r.label),
      vec,
    );
    // Every label's contributions have the same features: which word a fragment belongs to is
    // worked out once per text, not once per label.
    const tokens = displayedTokens(evidence.features);
    return ranked.map(({ label, probability }, j) => ({
      category: label,
      score: probability,
      why: { tokens: explain(tokens, evidence.perLabel[j] ?? []) },
    }));
  }

  toJSON(): ModelFile {
    return toModelFile(this.nb);
  }

  /** The weighted bag of features of one text. */
  private vectorize(text: string): Map<string, number> {
    const { words, bigrams, chars } = extractFeatures(text);
    const { binary, bigramWeight, charWeight } = this.nb.options;
    const vec = new Map<string, number>();
    const put = (key: string, w: number) => vec.set(key, binary ? w : (vec.get(key) ?? 0) + w);
    for (const w of words) put(w, 1);
    if (bigramWeight > 0) for (const b of bigrams) put(BIGRAM_PREFIX + b, bigramWeight);
    if (charWeight > 0) for (const ch of chars) put(CHAR_PREFIX + ch, charWeight);
    return vec;
  }
}

const isFragment = (key: string): boolean => key.startsWith(BIGRAM_PREFIX) || key.startsWith(CHAR_PREFIX);

/**
 * What an operator reads for each feature: a bigram or character inside a word of the text counts
 * towards that word (占道经营 rather than 占道 + 道经 + 经营 + 占 …); others, such as the pieces of a word
 * never seen before, are shown as they are. Returns the distinct tokens and each feature's token.
 */
function displayedTokens(features: readonly string[]): { names: string[]; of: number[] } {
  const words = features.filter((k) => !isFragment(k));
  const names: string[] = [];
  const at = new Map<string, number>();
  const of = features.map((key) => {
    const token = isFragment(key) ? wordHolding(words, key.slice(1)) : key;
    let i = at.get(token);
    if (i === undefined) {
      i = names.push(token) - 1;
      at.set(token, i);
    }
    return i;
  });
  return { names, of };
}

/** The first word of the text that contains a fragment, else the fragment itself. */
const wordHolding = (words: readonly string[], piece: string): string =>
  words.find((word) => word.includes(piece)) ?? piece;

/** One label's contributions summed per displayed token: only positive pushes, strongest first. */
function explain(tokens: { names: string[]; of: number[] }, contributions: readonly number[]): TokenWeight[] {
  const sums = new Float64Array(tokens.names.length);
  contributions.forEach((w, f) => {
    const t = tokens.of[f] as number;
    sums[t] = (sums[t] as number) + w;
  });
  const positive: [string, number][] = [];
  sums.forEach((w, i) => {
    if (w > 0) positive.push([tokens.names[i] as string, w]);
  });
  return positive
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, EXPLAIN_TOKENS)
    .map(([token, w]) => ({ token, weight: Math.round(w * 1000) / 1000 }));
}

/**
 * A new, empty classifier. Options default to {@link DEFAULT_OPTIONS}.
 * @throws AppError VALIDATION_FAILED for options a model file could not store (e.g. alpha ≤ 0).
 */
export function createClassifier(options: Partial<ModelOptions> = {}): Classifier {
  return new NaiveBayesClassifier(
    new NaiveBayesCounts(parseModelOptions({ ...DEFAULT_OPTIONS, ...options })),
  );
}

/**
 * Restores a classifier from a model document (parsed JSON).
 * @throws AppError VALIDATION_FAILED when the document is not a valid model of this version.
 */
export function fromJSON(doc: unknown): Classifier {
  return new NaiveBayesClassifier(parseModelFile(doc));
}
