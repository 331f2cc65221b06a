/**
 * Training files and accuracy measurement, shared by the tests and `jiedao classify train|eval`, so a
 * district can check the classifier on its own history before trusting it.
 */
import { AppError } from '../../core/errors.ts';
import type { Classifier, Example } from './classifier.ts';

/** Precision/recall/F1 of one category (by its true label). */
export interface ClassReport {
  /** Examples whose true label is this category. */
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What `jiedao classify eval --json` prints. */
export interface EvalReport {
  n: number;
  /** Top-1 accuracy. */
  accuracy: number;
  /** Share of examples whose true label is among the 3 suggestions. */
  top3: number;
  per_class: Record<string, ClassReport>;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Scores a model on labelled examples (labels the model never saw simply count as misses). */
export function evaluate(model: Classifier, examples: readonly Example[]): EvalReport {
  let top1 = 0;
  let top3 = 0;
  const truth = new Map<string, number>();
  const predicted = new Map<string, number>();
  const correct = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const ex of examples) {
    const guesses = model.predict(ex.text, 3).map((s) => s.category);
    bump(truth, ex.category);
    if (guesses[0] !== undefined) bump(predicted, guesses[0]);
    if (guesses[0] === ex.category) {
      top1++;
      bump(correct, ex.category);
    }
    if (guesses.includes(ex.category)) top3++;
  }
  const per_class: Record<string, ClassReport> = {};
  for (const label of [...truth.keys()].sort()) {
    const ok = correct.get(label) ?? 0;
    const precision = ratio(ok, predicted.get(label) ?? 0);
    const recall = ratio(ok, truth.get(label) ?? 0);
    const f1 = ratio(2 * precision * recall, precision + recall);
    per_class[label] = {
      n: truth.get(label) ?? 0,
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
    };
  }
  const n = examples.length;
  return { n, accuracy: round(ratio(top1, n)), top3: round(ratio(top3, n)), per_class };
}

/**
 * Parses a training file: one `text<TAB>category` per line; blank lines and lines starting with `#`
 * are skipped. A text may itself contain tabs: the category is what follows the LAST tab.
 * @throws AppError VALIDATION_FAILED listing every malformed line number (1-based).
 */
export function parseTrainingFile(content: string): Example[] {
  const examples: Example[] = [];
  const bad: number[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const tab = raw.lastIndexOf('\t');
    const text = tab < 0 ? '' : raw.slice(0, tab).trim();
    const category = tab < 0 ? '' : raw.slice(tab + 1).trim();
    if (text === '' || category === '') bad.push(i + 1);
    else examples.push({ text, category });
  });
  if (bad.length > 0) {
    const shown = bad.slice(0, 20).join(', ') + (bad.length > 20 ? ` …（共 ${bad.length} 行）` : '');
    throw new AppError(
      'VALIDATION_FAILED',
      `训练文件格式错误，第 ${shown} 行不是“文本<TAB>类别” (malformed training lines)`,
      { lines: bad },
    );
  }
  return examples;
}

/** mulberry32: tiny, fast, and the same sequence on every platform. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic stratified split: within each category, a seeded shuffle puts `ratio` of the
 * examples (rounded, at least one when the category has ≥ 2) into `heldOut`, so rare categories are
 * tested too and reruns measure the same thing.
 */
export function splitHeldOut(
  examples: readonly Example[],
  ratio: number,
  seed: number,
): { train: Example[]; heldOut: Example[] } {
  if (!(ratio > 0 && ratio < 1)) throw new RangeError('ratio must be between 0 and 1');
  const next = rng(seed);
  const byClass = new Map<string, number[]>();
  examples.forEach((ex, i) => {
    const list = byClass.get(ex.category) ?? [];
    list.push(i);
    byClass.set(ex.category, list);
  });
  const held = new Set<number>();
  for (const idx of byClass.values()) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [idx[i], idx[j]] = [idx[j] ?? 0, idx[i] ?? 0];
    }
    const take = idx.length < 2 ? 0 : Math.max(1, Math.round(idx.length * ratio));
    for (const i of idx.slice(0, take)) held.add(i);
  }
  const train: Example[] = [];
  const heldOut: Example[] = [];
  examples.forEach((ex, i) => {
    (held.has(i) ? heldOut : train).push(ex);
  });
  return { train, heldOut };
}
