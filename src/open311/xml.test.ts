import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument } from './xml.ts';

describe('xmlDocument', () => {
  it('writes lists with the spec item names, nulls as empty elements, and leaves out undefined', () => {
    const xml = xmlDocument('services', [
      { service_code: '0101', metadata: true, order: 1, group: null, keywords: undefined },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<services>',
        '  <service>',
        '    <service_code>0101</service_code>',
        '    <metadata>true</metadata>',
        '    <order>1</order>',
        '    <group/>',
        '  </service>',
        '</services>',
        '',
      ].join('\n'),
    );
  });

  it('nests lists inside objects (attributes → attribute, values → value) and writes empty lists', () => {
    const xml = xmlDocument('service_definition', {
      service_code: 'x',
      attributes: [{ code: 'type', values: [{ key: 'a', name: '甲' }] }],
      errors: [],
    });
    expect(xml).toContain('<attributes>\n    <attribute>\n      <code>type</code>');
    expect(xml).toContain('<values>\n        <value>\n          <key>a</key>\n          <name>甲</name>');
    expect(xml).toContain('<errors/>');
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\u0007 tab\t nl\n 😀 lone\uD800!')).toBe('bell tab\t nl\n 😀 lone!');
    expect(xmlDocument('errors', [{ code: 400, description: '<script>' }])).toContain(
      '<description>&lt;script&gt;</description>',
    );
  });

  it('refuses bad element names and lists without an item name (programming errors)', () => {
    expect(() => xmlDocument('bad name', 'x')).toThrow('invalid XML element name');
    expect(() => xmlDocument('things', [1])).toThrow('no item element name');
    expect(xmlDocument('n', Number.NaN)).toContain('<n/>');
  });
});
