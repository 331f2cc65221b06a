import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../test/fixtures/classify/load-corpus.ts';
import { AppError } from '../../core/errors.ts';
import { type Classifier, createClassifier, fromJSON, type ModelFile } from './classifier.ts';
import { defaultTaxonomy, resolveCategory } from './taxonomy.ts';

const tax = defaultTaxonomy();
const code = (path: string): string => {
  const leaf = resolveCategory(tax, path);
  if (!leaf) throw new Error(path);
  return leaf.code;
};

describe('cold start from the taxonomy keywords', () => {
  const model = createClassifier();
  model.seedFromKeywords(tax);

  it.each([
    ['我家停水了，到现在还没来水', '公用事业/供水'],
    ['小区停电三个小时了', '公用事业/供电'],
    ['楼道里有燃气泄漏的味道', '公用事业/供气'],
    ['暖气不热，室温只有15度', '公用事业/供暖'],
    ['路灯不亮，晚上很黑', '市政设施/路灯照明'],
    ['楼道里堆满了杂物', '市容环境/乱堆物堆料'],
    ['有人在小区门口摆摊占道经营', '市容环境/占道经营'],
    ['工地夜间施工噪音扰民', '城乡建设/施工扰民'],
    ['公司拖欠工资三个月', '劳动社保/拖欠工资'],
    ['井盖丢了很危险', '市政设施/井盖'],
    ['广场舞音响太吵', '环境保护/噪声污染'],
    ['垃圾桶满溢没人清运', '市容环境/垃圾清运'],
  ])('%s → %s', (text, path) => {
    expect(model.predict(text, 1)[0]?.category).toBe(code(path));
  });

  it('knows every level-2 category before any training', () => {
    expect(model.categories.length).toBe(tax.categories.flatMap((c) => c.children).length);
  });
});

describe('trained on the fixture corpus', () => {
  let model: Classifier;
  beforeAll(() => {
    model = createClassifier();
    model.seedFromKeywords(tax);
    model.train(loadCorpus('demands.tsv'));
  });

  it('returns k suggestions, best first, with probabilities that sum to at most 1', () => {
    const s = model.predict('小区门口天天有车乱停，消防通道都堵了', 5);
    expect(s).toHaveLength(5);
    expect(s[0]?.category).toBe(code('交通出行/违章停车'));
    for (let i = 1; i < s.length; i++) expect(s[i - 1]?.score).toBeGreaterThanOrEqual(s[i]?.score ?? 0);
    const sum = s.reduce((a, x) => a + x.score, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('explains every suggestion with the words that pushed it', () => {
    const [top] = model.predict('楼下饭店的油烟直接往我家窗户里灌', 3);
    expect(top?.category).toBe(code('环境保护/餐饮油烟'));
    const tokens = top?.why.tokens.map((t) => t.token) ?? [];
    expect(tokens).toEqual(expect.arrayContaining(['油烟', '饭店']));
    for (const t of top?.why.tokens ?? []) expect(t.weight).toBeGreaterThan(0);
    // Weights are sorted and bigrams/characters inside a word are folded into it.
    const weights = top?.why.tokens.map((t) => t.weight) ?? [];
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(tokens).not.toContain('烟');
  });

  it('learns online: an operator override moves the suggestion, a second one flips it', () => {
    const text = '门口的共享单车乱停乱放，把路都堵住了';
    const bike = code('交通出行/共享单车');
    const before = model.predict(text, 3);
    expect(before[0]?.category).toBe(code('交通出行/违章停车'));
    const prob = (s: ReturnType<Classifier['predict']>) => s.find((x) => x.category === bike)?.score ?? 0;

    const override = { text: '共享单车乱停乱放，堵住了小区门口', category: bike };
    model.learn(override);
    expect(prob(model.predict(text, 3))).toBeGreaterThan(prob(before));
    model.learn(override);
    const after = model.predict(text, 3);
    expect(after[0]?.category).toBe(bike);
    expect(after[0]?.why.tokens.map((t) => t.token)).toContain('共享单车');
  });

  it('learns a label it has never seen', () => {
    const m = createClassifier();
    m.learn({ text: '小区的健身器材坏了', category: 'X' });
    m.learn({ text: '暖气不热', category: 'Y' }, 2);
    expect(m.predict('健身器材坏了', 1)[0]?.category).toBe('X');
    expect(m.documents).toBe(3);
    expect(() => m.learn({ text: 'a', category: 'X' }, 0)).toThrow(AppError);
    expect(() => m.learn({ text: 'a', category: 'X' }, Number.POSITIVE_INFINITY)).toThrow(AppError);
    expect(() => m.learn({ text: 'a', category: ' ' })).toThrow(/类别不能为空/);
  });
});

describe('model file', () => {
  const model = createClassifier();
  model.seedFromKeywords(tax);
  model.train(loadCorpus('demands.tsv').slice(0, 300));
  const doc = JSON.parse(JSON.stringify(model)) as ModelFile;

  it('round-trips through JSON identically, and keeps learning the same way', () => {
    const restored = fromJSON(doc);
    expect(JSON.stringify(restored)).toBe(JSON.stringify(model));
    for (const text of ['暖气不热', '楼下烧烤油烟大', '拖欠工资不给', '完全无关的内容']) {
      expect(restored.predict(text, 3)).toEqual(model.predict(text, 3));
    }
    const more = { text: '小区东门的共享单车堆成山', category: code('交通出行/共享单车') };
    restored.learn(more);
    const copy = fromJSON(doc);
    copy.learn(more);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(restored));
  });

  it('records format, version, tokenizer and options', () => {
    expect(doc).toMatchObject({ format: 'jiedao-category-classifier', version: 1, options: model.options });
    expect(typeof doc.tokenizer).toBe('string');
  });

  const corrupt = (mutate: (d: ModelFile) => unknown): unknown => mutate(structuredClone(doc));
  const firstFeature = Object.keys(doc.features)[0] ?? '';

  it.each([
    ['not an object', () => 'garbage'],
    ['another format', () => corrupt((d) => ({ ...d, format: 'other' }))],
    ['a future version', () => corrupt((d) => ({ ...d, version: 2 }))],
    ['another tokenizer', () => corrupt((d) => ({ ...d, tokenizer: 'jieba1' }))],
    ['a negative alpha', () => corrupt((d) => ({ ...d, options: { ...d.options, alpha: -1 } }))],
    [
      'a count that does not add up',
      () => corrupt((d) => ({ ...d, features: { ...d.features, [firstFeature]: [0, 999] } })),
    ],
    [
      'a class index out of range',
      () => corrupt((d) => ({ ...d, features: { ...d.features, 新词: [9999, 1] } })),
    ],
    [
      'an odd-length count list',
      () => corrupt((d) => ({ ...d, features: { ...d.features, [firstFeature]: [0] } })),
    ],
    ['duplicate labels', () => corrupt((d) => ({ ...d, classes: [...d.classes, ...d.classes.slice(0, 1)] }))],
  ])('rejects %s with VALIDATION_FAILED and a Chinese message', (_name, make) => {
    try {
      fromJSON(make());
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
      expect((err as AppError).message).toMatch(/^分类模型文件无效或已损坏/);
    }
  });
});

describe('createClassifier', () => {
  it('gives an empty model that suggests nothing rather than guessing', () => {
    expect(createClassifier().predict('暖气不热')).toEqual([]);
  });

  it('refuses options a model file could not store', () => {
    expect(() => createClassifier({ alpha: 0 })).toThrow(/分类模型参数无效/);
    expect(() => createClassifier({ sharpness: Number.NaN })).toThrow(AppError);
  });
});
