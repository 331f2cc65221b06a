import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type TimeLimitSpec, timeLimitSpecSchema } from '../core/calendar/index.ts';
import { AppError } from '../core/errors.ts';

/**
 * Grid-event categories as data (`data/event-categories.json`): 部件 (components: things that break)
 * and 事件 (events: things that happen), each class with its handling time limit. Validated on load.
 */

const itemSchema = z.object({ code: z.string().regex(/^[BE]\d{4}$/), name: z.string().min(1) });
const classSchema = z.object({
  code: z.string().regex(/^[BE]\d{2}$/),
  kind: z.enum(['component', 'event']),
  name: z.string().min(1),
  limit: timeLimitSpecSchema,
  urgent: z.boolean(),
  items: z.array(itemSchema).min(1),
});
/** The category file's shape. */
export const categoryFileSchema = z
  .object({ source: z.string().min(1), classes: z.array(classSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const c of file.classes) {
      if ((c.kind === 'component') !== c.code.startsWith('B')) {
        ctx.addIssue({ code: 'custom', message: `${c.code}: 部件以 B、事件以 E 开头` });
      }
      for (const code of [c.code, ...c.items.map((i) => i.code)]) {
        if (seen.has(code)) ctx.addIssue({ code: 'custom', message: `重复的类别代码 ${code}` });
        seen.add(code);
      }
      for (const i of c.items) {
        if (!i.code.startsWith(c.code))
          ctx.addIssue({ code: 'custom', message: `${i.code} 不属于 ${c.code}` });
      }
    }
  });
export type CategoryFile = z.infer<typeof categoryFileSchema>;

export const KIND_NAMES = { component: '部件', event: '事件' } as const;

/** A resolved category: a class (大类) or one of its items (小类), with the class's time limit. */
export interface Category {
  code: string;
  kind: 'component' | 'event';
  classCode: string;
  className: string;
  name: string;
  /** 部件/公用设施/上水井盖 */
  path: string;
  limit: TimeLimitSpec;
  urgent: boolean;
}

let cached: CategoryFile | undefined;

/** The shipped category file (read once). */
export function categoryFile(): CategoryFile {
  cached ??= categoryFileSchema.parse(
    JSON.parse(readFileSync(new URL('./data/event-categories.json', import.meta.url), 'utf8')),
  );
  return cached;
}

/** Every class and item as resolved categories, classes first within each kind. */
export function listCategories(file: CategoryFile = categoryFile()): Category[] {
  return file.classes.flatMap((c) => {
    const base = { kind: c.kind, classCode: c.code, className: c.name, limit: c.limit, urgent: c.urgent };
    return [
      { ...base, code: c.code, name: c.name, path: `${KIND_NAMES[c.kind]}/${c.name}` },
      ...c.items.map((i) => ({
        ...base,
        code: i.code,
        name: i.name,
        path: `${KIND_NAMES[c.kind]}/${c.name}/${i.name}`,
      })),
    ];
  });
}

/** The category of a code, or 422 naming the codes that exist. */
export function findCategory(code: string, file: CategoryFile = categoryFile()): Category {
  const hit = listCategories(file).find((c) => c.code === code);
  if (!hit) {
    throw new AppError('VALIDATION_FAILED', `未知的网格事件类别：${code} (unknown category)`, {
      code,
      hint: 'GET /api/grid-event-categories',
    });
  }
  return hit;
}
