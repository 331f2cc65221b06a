import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { defaultTaxonomy, leafCategories, parseTaxonomy, resolveCategory } from './taxonomy.ts';

// The shared reference data every checkout has at ../shared (see /work/shared/README.md).
const TSV = new URL('../../../../shared/data/message-taxonomy-3level.tsv', import.meta.url);

describe('shipped taxonomy', () => {
  const tax = defaultTaxonomy();
  const leaves = leafCategories(tax);

  it('has two levels with stable, prefix-nested codes', () => {
    expect(tax.categories.length).toBeGreaterThanOrEqual(15);
    expect(leaves.length).toBeGreaterThanOrEqual(60);
    for (const leaf of leaves) {
      expect(leaf.code).toMatch(/^\d{4}$/);
      expect(leaf.code.startsWith(leaf.parentCode)).toBe(true);
      expect(leaf.keywords.length).toBeGreaterThan(0);
    }
  });

  it('is derived from the real three-level taxonomy: every source path exists in the TSV', () => {
    const paths = new Set(
      readFileSync(TSV, 'utf8')
        .split('\n')
        .slice(1)
        .filter((l) => l.trim() !== '')
        .map((l) => l.trim().split('\t').join('/')),
    );
    for (const leaf of leaves) {
      expect(leaf.source.length, leaf.path).toBeGreaterThan(0);
      for (const s of leaf.source) expect(paths.has(s), `${leaf.path} ← ${s}`).toBe(true);
    }
  });

  it('has the four 24/7 utilities, flagged, and only those', () => {
    const utilities = leaves.filter((l) => l.utility).map((l) => l.path);
    expect(utilities.sort()).toEqual(
      ['公用事业/供暖', '公用事业/供水', '公用事业/供气', '公用事业/供电'].sort(),
    );
  });

  it('includes the street-level classics', () => {
    for (const path of [
      '市容环境/乱堆物堆料',
      '市容环境/占道经营',
      '交通出行/违章停车',
      '环境保护/噪声污染',
    ]) {
      expect(resolveCategory(tax, path)?.path).toBe(path);
    }
  });
});

describe('resolveCategory', () => {
  const tax = defaultTaxonomy();

  it('accepts a code, a 一级/二级 path or a unique level-2 name', () => {
    expect(resolveCategory(tax, '0401')?.name).toBe('供水');
    expect(resolveCategory(tax, ' 公用事业/供水 ')?.code).toBe('0401');
    expect(resolveCategory(tax, '乱堆物堆料')?.code).toBe('0101');
  });

  it('returns undefined for unknown labels', () => {
    expect(resolveCategory(tax, '不存在的分类')).toBeUndefined();
    expect(resolveCategory(tax, '9999')).toBeUndefined();
  });
});

describe('parseTaxonomy', () => {
  const leaf = { code: '0101', name: '甲', keywords: ['甲'] };

  it('rejects duplicate codes and children outside their parent', () => {
    const bad = {
      version: 1,
      categories: [
        { code: '01', name: 'A', children: [leaf, leaf] },
        { code: '02', name: 'B', children: [{ ...leaf, code: '0301' }] },
      ],
    };
    try {
      parseTaxonomy(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toMatch(/^分类体系/);
      expect(JSON.stringify(e.details)).toContain('分类编码重复：0101');
      expect(JSON.stringify(e.details)).toContain('0301');
    }
  });

  it('rejects a category without keywords (no cold start possible)', () => {
    const bad = {
      version: 1,
      categories: [{ code: '01', name: 'A', children: [{ ...leaf, keywords: [] }] }],
    };
    expect(() => parseTaxonomy(bad)).toThrow(AppError);
  });

  it('defaults optional fields', () => {
    const tax = parseTaxonomy({ version: 1, categories: [{ code: '01', name: 'A', children: [leaf] }] });
    expect(tax.categories[0]?.children[0]).toMatchObject({ source: [], utility: false });
  });
});
