import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import {
  type Classifier,
  createClassifier,
  type Example,
  fromJSON,
} from '../../demands/classify/classifier.ts';
import { evaluate, parseTrainingFile, splitHeldOut } from '../../demands/classify/evaluate.ts';
import { defaultTaxonomy, resolveCategory } from '../../demands/classify/taxonomy.ts';
import { COMMON_OPTIONS, output } from '../common.ts';

export const classifyHelp = `jiedao classify train FILE [--model OUT]           用历史工单训练分类模型（FILE：每行 文本<TAB>类别）
jiedao classify eval FILE [--model M] [--json]     评估（无 --model 时按 8:2 留出法在 FILE 上训练并评估）
  类别可写 4 位代码、“一级/二级”或二级名称；全部能对上内置分类时，以内置关键词冷启动后再训练。`;

/**
 * Maps a district's labels onto the built-in taxonomy when every label resolves (then the keyword
 * seeds help); otherwise the file's own labels are the taxonomy.
 */
function prepare(examples: Example[]): { examples: Example[]; seeded: boolean; back: Map<string, string> } {
  const taxonomy = defaultTaxonomy();
  const mapped = examples.map((e) => ({ e, c: resolveCategory(taxonomy, e.category) }));
  if (mapped.every((m) => m.c)) {
    const back = new Map(mapped.map((m) => [m.c?.code as string, m.e.category]));
    return {
      examples: mapped.map((m) => ({ text: m.e.text, category: m.c?.code as string })),
      seeded: true,
      back,
    };
  }
  return { examples, seeded: false, back: new Map() };
}

function newModel(seeded: boolean): Classifier {
  const model = createClassifier();
  if (seeded) model.seedFromKeywords(defaultTaxonomy());
  return model;
}

function readExamples(file: string): Example[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('BAD_REQUEST', `无法读取训练文件 ${file}：${(err as Error).message}`);
  }
  return parseTrainingFile(text);
}

/** `jiedao classify train|eval`: pure, never opens the database. */
export async function runClassify(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, model: { type: 'string' }, seed: { type: 'string' } },
    allowPositionals: true,
  });
  const [sub, file] = positionals;
  if (values.help || !file || (sub !== 'train' && sub !== 'eval')) {
    if (values.help) return void console.log(classifyHelp);
    throw new AppError('BAD_REQUEST', `用法错误\n${classifyHelp}`);
  }
  const prepared = prepare(readExamples(file));
  if (sub === 'train') {
    const model = newModel(prepared.seeded);
    model.train(prepared.examples);
    const out = values.model ?? 'classifier-model.json';
    writeFileSync(out, JSON.stringify(model.toJSON()));
    const summary = {
      model: out,
      examples: prepared.examples.length,
      categories: model.categories.length,
      seededFromTaxonomy: prepared.seeded,
    };
    return output(
      values.json,
      summary,
      () => `已训练 ${summary.examples} 条、${summary.categories} 个类别，模型写入 ${out}`,
    );
  }
  let model: Classifier;
  let test = prepared.examples;
  if (values.model) {
    try {
      model = fromJSON(JSON.parse(readFileSync(values.model, 'utf8')));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('VALIDATION_FAILED', `无法读取模型文件 ${values.model}：${(err as Error).message}`);
    }
  } else {
    const split = splitHeldOut(prepared.examples, 0.2, Number(values.seed ?? 42));
    model = newModel(prepared.seeded);
    model.train(split.train);
    test = split.heldOut;
  }
  const report = evaluate(model, test);
  // Report classes under the names the file used.
  const perClass = Object.fromEntries(
    Object.entries(report.per_class).map(([k, v]) => [prepared.back.get(k) ?? k, v]),
  );
  const result = { ...report, per_class: perClass };
  output(
    values.json,
    result,
    () =>
      `n=${result.n}  top-1 准确率 ${(result.accuracy * 100).toFixed(1)}%  top-3 ${(result.top3 * 100).toFixed(1)}%`,
  );
}
