import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../test/fixtures/classify/load-corpus.ts';
import { STOP_WORDS } from './stopwords.ts';
import { defaultTaxonomy, leafCategories } from './taxonomy.ts';
import { extractFeatures, extractFeaturesByTagging, normalizeText, segment, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('keeps domain words whole (jieba alone gives 路|灯不亮)', () => {
    expect(tokenize('路灯不亮，晚上很黑')).toEqual(expect.arrayContaining(['路灯', '不亮']));
    expect(tokenize('楼道里有人飞线充电')).toContain('飞线充电');
  });

  it('keeps a domain word even when jieba tags it as a name (井盖/nr)', () => {
    expect(tokenize('井盖丢了很危险')).toContain('井盖');
  });

  it('drops hotline boilerplate, function words and numbers', () => {
    expect(tokenize('您好，市民来电反映，希望尽快处理，谢谢')).toEqual([]);
    expect(tokenize('已经三个月了')).toEqual([]);
  });

  it('drops masked and real place names: routing by place is geolocation, not text', () => {
    const words = tokenize('A市A3区XX街道某某小区12号楼，朝阳区望京街道的暖气不热');
    expect(words).toEqual(expect.arrayContaining(['暖气', '不热']));
    for (const noise of ['A3', '区', 'XX', '某某', '号楼', '朝阳区', '望京', '街道'])
      expect(words).not.toContain(noise);
  });

  it('folds full-width characters before segmenting', () => {
    expect(normalizeText('Ａ３区ＸＸ路')).toBe('a3区xx路');
    expect(tokenize('Ａ３区ＸＸ路１２号的路灯不亮')).toEqual(['路灯', '不亮']);
  });

  it('gives bigrams and characters for a word jieba does not know', () => {
    // 暖器 (a common misspelling of 暖气) falls apart into 暖|器: the bigram and 暖 still match.
    const f = extractFeatures('暖器摸着冰凉');
    expect(f.words).toEqual(expect.arrayContaining(['暖', '器']));
    expect(f.bigrams).toContain('暖器');
    expect(f.chars).toContain('暖');
  });

  it('makes bigrams inside long words but never across two known words', () => {
    const f = extractFeatures('占道经营的小贩');
    expect(f.bigrams).toEqual(expect.arrayContaining(['占道', '道经', '经营']));
    expect(f.bigrams).not.toContain('营小');
  });

  it('returns no features for empty or non-Chinese text', () => {
    expect(extractFeatures('')).toEqual({ words: [], bigrams: [], chars: [] });
    expect(tokenize('123 ABC !!!')).toEqual([]);
  });

  it('exposes tagged segmentation and a non-trivial stop list', () => {
    expect(segment('路灯').map((t) => t.word)).toEqual(['路灯']);
    expect(STOP_WORDS.has('的')).toBe(true);
    expect(STOP_WORDS.has('路灯')).toBe(false);
  });

  it('extracts exactly the features of tagged segmentation (the fast path is an optimisation only)', () => {
    const texts = [
      ...loadCorpus('demands.tsv').map((e) => e.text),
      ...loadCorpus('demands-novel.tsv').map((e) => e.text),
      ...leafCategories(defaultTaxonomy()).flatMap((c) => [c.name, c.path]),
      'A市A3区XX街道某某小区12号楼，朝阳区望京街道的暖气不热',
      'Ａ３区ＸＸ路１２号的路灯不亮 tel:13912345678 100%-ok #3.5',
      '暖器摸着冰凉，野狗升降梯',
    ];
    // Mixed with Latin letters, digits and punctuation between the characters.
    const mixed = texts.slice(0, 300).map((t, i) => t.replace(/(.)(.)/g, `$1${'A3-%.#x1 '[i % 9]}$2`));
    for (const text of [...texts, ...mixed])
      expect(extractFeatures(text), text).toEqual(extractFeaturesByTagging(text));
  });
});
