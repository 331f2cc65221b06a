/**
 * The model file: the raw counts of a {@link NaiveBayesCounts}, versioned and validated on load, so a
 * district can train from its own history, ship the file, and keep learning from it online.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { type ModelOptions, NaiveBayesCounts } from './naive-bayes.ts';
import { TOKENIZER_VERSION } from './tokenize.ts';

export const MODEL_FORMAT = 'jiedao-category-classifier';
export const MODEL_VERSION = 1;

const count = z.number().finite().nonnegative();

const optionsSchema = z.object({
  algorithm: z.enum(['mnb', 'cnb']),
  alpha: z.number().finite().positive(),
  bigramWeight: count,
  charWeight: count,
  binary: z.boolean(),
  sharpness: z.number().finite().positive(),
});

/**
 * Validates classifier options (the same rules as in a model file).
 * @throws AppError VALIDATION_FAILED naming the bad options.
 */
export function parseModelOptions(options: unknown): ModelOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '分类模型参数无效 (invalid classifier options)', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

const modelFileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_VERSION),
    tokenizer: z.string(),
    options: optionsSchema,
    classes: z.array(z.object({ label: z.string().min(1), docs: count.positive(), total: count })),
    /** feature → flat [classIndex, count, classIndex, count, …]: compact and order-preserving. */
    features: z.record(z.string().min(1), z.array(count)),
  })
  .superRefine((m, ctx) => {
    if (m.tokenizer !== TOKENIZER_VERSION) {
      ctx.addIssue({
        code: 'custom',
        message: `分词器版本 ${m.tokenizer} 与当前 ${TOKENIZER_VERSION} 不符，请重新训练`,
      });
    }
    const labels = new Set(m.classes.map((c) => c.label));
    if (labels.size !== m.classes.length) ctx.addIssue({ code: 'custom', message: '类别标签重复' });
    // Re-add the counts: a hand-edited or truncated file shows up as totals that do not match.
    const sums = m.classes.map(() => 0);
    for (const [f, flat] of Object.entries(m.features)) {
      if (flat.length === 0 || flat.length % 2 !== 0) {
        ctx.addIssue({ code: 'custom', message: `特征 ${f} 的计数格式错误`, path: ['features', f] });
        return;
      }
      for (let i = 0; i < flat.length; i += 2) {
        const c = flat[i] ?? -1;
        if (!Number.isInteger(c) || c >= m.classes.length) {
          ctx.addIssue({ code: 'custom', message: `特征 ${f} 指向不存在的类别 ${c}`, path: ['features', f] });
          return;
        }
        sums[c] = (sums[c] ?? 0) + (flat[i + 1] ?? 0);
      }
    }
    m.classes.forEach((c, i) => {
      if (Math.abs((sums[i] ?? 0) - c.total) > 1e-6 * Math.max(1, c.total)) {
        ctx.addIssue({ code: 'custom', message: `类别 ${c.label} 的计数合计不符`, path: ['classes', i] });
      }
    });
  });

/** The JSON document of a trained model. */
export type ModelFile = z.infer<typeof modelFileSchema>;

/** Serializes counts (insertion order kept, so save → load → save is byte-identical). */
export function toModelFile(nb: NaiveBayesCounts): ModelFile {
  const features: Record<string, number[]> = {};
  for (const [f, row] of nb.features) features[f] = [...row].flat();
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    tokenizer: TOKENIZER_VERSION,
    options: { ...nb.options },
    classes: nb.labels.map((label, i) => ({ label, docs: nb.docs[i] ?? 0, total: nb.totals[i] ?? 0 })),
    features,
  };
}

/**
 * Validates a parsed model document and rebuilds its counts.
 * @throws AppError VALIDATION_FAILED with the first problems found.
 */
export function parseModelFile(doc: unknown): NaiveBayesCounts {
  const parsed = modelFileSchema.safeParse(doc);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '分类模型文件无效或已损坏 (invalid classifier model file)', {
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const m = parsed.data;
  const nb = new NaiveBayesCounts(m.options);
  m.classes.forEach((c, i) => {
    nb.classIndex(c.label);
    nb.docs[i] = c.docs;
    nb.totals[i] = c.total;
  });
  for (const [f, flat] of Object.entries(m.features)) {
    const row = new Map<number, number>();
    for (let i = 0; i < flat.length; i += 2) row.set(flat[i] ?? 0, flat[i + 1] ?? 0);
    nb.features.set(f, row);
  }
  return nb;
}
