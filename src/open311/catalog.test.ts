import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, leafCategories } from '../demands/classify/taxonomy.ts';
import { listServices, readAttributes, serviceCodeParam, serviceDefinition } from './catalog.ts';

const taxonomy = defaultTaxonomy();

describe('the Open311 catalogue', () => {
  it('has one service per level-2 category, grouped by level 1', () => {
    const services = listServices(taxonomy);
    expect(services.map((s) => s.service_code)).toEqual(leafCategories(taxonomy).map((c) => c.code));
    expect(new Set(services.map((s) => s.service_code)).size).toBe(services.length);
    expect(services.every((s) => s.metadata && s.type === 'realtime' && s.group)).toBe(true);
  });

  it('defines the type list and the urgent flag; unknown codes are NOT_FOUND', () => {
    const d = serviceDefinition(taxonomy, '0101');
    expect(d.attributes.map((a) => [a.code, a.order, a.values?.length])).toEqual([
      ['type', 1, 6],
      ['urgent', 2, 2],
    ]);
    expect(() => serviceDefinition(taxonomy, '0000')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(serviceCodeParam(taxonomy, '0302').name).toBe('路灯照明');
    expect(() => serviceCodeParam(taxonomy, '0000')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('reads attribute[type] by key or Chinese name and attribute[urgent]; defaults to a normal complaint', () => {
    expect(readAttributes({})).toEqual({ type: '投诉', urgent: false });
    expect(readAttributes({ 'attribute[type]': 'consultation', 'attribute[urgent]': 'true' })).toEqual({
      type: '咨询',
      urgent: true,
    });
    expect(readAttributes({ 'attribute[type]': ['建议'] })).toEqual({ type: '建议', urgent: false });
    expect(() =>
      readAttributes({ 'attribute[type]': 'rant', 'attribute[x]': '1', 'attribute[urgent]': 'yes' }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { issues: [expect.anything(), expect.anything(), expect.anything()] },
      }),
    );
  });
});
