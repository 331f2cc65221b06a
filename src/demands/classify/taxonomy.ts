/**
 * The two-level demand category taxonomy (一级/二级分类), shipped as data in `data/categories.json` so a
 * district can edit it without a release. Derived from the real three-level citizen-message taxonomy in
 * `../shared/data/message-taxonomy-3level.tsv`: every level-2 category names the TSV paths it came from.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';

const level2Schema = z.object({
  code: z.string().regex(/^\d{4}$/, '二级分类编码应为4位数字'),
  name: z.string().trim().min(1),
  keywords: z.array(z.string().trim().min(1)).min(1, '冷启动关键词至少一个'),
  source: z.array(z.string().min(1)).default([]),
  /** Handled around the clock by a water/power/gas/heat company: limits count calendar hours. */
  utility: z.boolean().default(false),
});

const level1Schema = z.object({
  code: z.string().regex(/^\d{2}$/, '一级分类编码应为2位数字'),
  name: z.string().trim().min(1),
  children: z.array(level2Schema).min(1),
});

const taxonomySchema = z
  .object({
    version: z.literal(1),
    source: z.string().optional(),
    categories: z.array(level1Schema).min(1),
  })
  .superRefine((tax, ctx) => {
    // Codes are what demands and model files store, so they must be unique and nested by prefix.
    const seen = new Set<string>();
    for (const l1 of tax.categories) {
      for (const code of [l1.code, ...l1.children.map((c) => c.code)]) {
        if (seen.has(code)) ctx.addIssue({ code: 'custom', message: `分类编码重复：${code}` });
        seen.add(code);
      }
      for (const l2 of l1.children) {
        if (!l2.code.startsWith(l1.code)) {
          ctx.addIssue({ code: 'custom', message: `二级分类 ${l2.code} 不属于一级分类 ${l1.code}` });
        }
      }
    }
  });

/** A validated taxonomy as stored in the data file. */
export type Taxonomy = z.infer<typeof taxonomySchema>;
/** A level-2 category (the unit the classifier predicts). */
export type Category = z.infer<typeof level2Schema>;
/** A level-2 category with its parent, flattened for lookups. */
export interface LeafCategory extends Category {
  parentCode: string;
  parentName: string;
  /** `一级/二级`, e.g. `市容环境/乱堆物堆料`. */
  path: string;
}

/**
 * Validates a parsed taxonomy document.
 * @throws AppError VALIDATION_FAILED listing the problems.
 */
export function parseTaxonomy(doc: unknown): Taxonomy {
  const parsed = taxonomySchema.safeParse(doc);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '分类体系文件格式错误 (invalid category taxonomy)', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Reads and validates a taxonomy JSON file (a district's own catalogue). */
export function loadTaxonomyFile(file: string | URL): Taxonomy {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `分类体系文件无法读取或不是JSON：${String(file)}`, {
      cause: err instanceof Error ? err.message : String(err),
    });
  }
  return parseTaxonomy(doc);
}

let shipped: Taxonomy | undefined;

/** The taxonomy shipped with the product (read once, then cached). */
export function defaultTaxonomy(): Taxonomy {
  shipped ??= loadTaxonomyFile(new URL('./data/categories.json', import.meta.url));
  return shipped;
}

/** All level-2 categories in file order, each with its parent. */
export function leafCategories(tax: Taxonomy): LeafCategory[] {
  return tax.categories.flatMap((l1) =>
    l1.children.map((c) => ({
      ...c,
      parentCode: l1.code,
      parentName: l1.name,
      path: `${l1.name}/${c.name}`,
    })),
  );
}

/**
 * Maps a label from a training file or an operator to a level-2 code. Accepts the code itself, the
 * `一级/二级` path, or a level-2 name that is unique in the taxonomy; anything else is `undefined`.
 */
export function resolveCategory(tax: Taxonomy, label: string): LeafCategory | undefined {
  const wanted = label.trim();
  const leaves = leafCategories(tax);
  const exact = leaves.find((c) => c.code === wanted || c.path === wanted);
  if (exact) return exact;
  const byName = leaves.filter((c) => c.name === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}
