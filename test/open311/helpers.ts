import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject } from 'ajv';
import { expect } from 'vitest';

/** The official GeoReport v2 JSON Schemas (copied unchanged from open311/schema-validation). */
const SCHEMA_DIR = new URL('../../../shared/open311/', import.meta.url);
const NAMES = ['services', 'service', 'service-definition', 'requests', 'request'] as const;
export type SchemaName = (typeof NAMES)[number];

const schemas = new Map<string, AnySchemaObject>(
  NAMES.map((n) => [`${n}.json`, JSON.parse(readFileSync(new URL(`${n}.json`, SCHEMA_DIR), 'utf8'))]),
);

// strict: false because the official files carry keywords ajv's strict mode objects to (minItems on items).
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('date-time', {
  type: 'string',
  validate: (s: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) &&
    !Number.isNaN(Date.parse(s)),
});
ajv.addFormat('uri', {
  type: 'string',
  validate: (s: string) => {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(s) && Boolean(new URL(s));
    } catch {
      return false;
    }
  },
});
for (const [key, schema] of schemas) ajv.addSchema(schema, key);

/** Asserts that `value` validates against the named official schema (errors in the message). */
export function expectValid(name: SchemaName, value: unknown): void {
  const validate = ajv.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no schema ${name}`);
  const ok = validate(value);
  expect(validate.errors ?? [], JSON.stringify(value).slice(0, 500)).toEqual([]);
  expect(ok).toBe(true);
}

/** A parsed XML element (the writer emits no attributes, so none are kept). */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] as string),
  );

/** A test-only reader for element-only documents: enough to read back what the API writes. */
export function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/g;
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  for (const m of body.matchAll(token)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[4] !== undefined) {
      top.text += decode(m[4]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`mismatched </${m[2]}> in <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name: m[2] as string, children: [], text: '' };
      top.children.push(node);
      if (!m[3]) stack.push(node);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced XML document');
  return root.children[0] as XmlNode;
}

/**
 * Turns an XML element back into the JSON value the schema describes (lists, numbers, booleans,
 * nulls), so the XML form can be validated with the same schema and compared with the JSON form.
 */
export function xmlToValue(node: XmlNode, schemaName: SchemaName): unknown {
  return convert(node, schemas.get(`${schemaName}.json`) as AnySchemaObject);
}

function convert(node: XmlNode, schema: AnySchemaObject): unknown {
  if (schema.$ref) return convert(node, schemas.get(schema.$ref) as AnySchemaObject);
  const empty = node.children.length === 0 && node.text.trim() === '';
  if (schema.anyOf) {
    const alternatives = schema.anyOf as AnySchemaObject[];
    if (empty && alternatives.some((a) => a.type === 'null')) return null;
    return convert(node, alternatives.find((a) => a.type !== 'null') as AnySchemaObject);
  }
  if (schema.type === 'array') return node.children.map((c) => convert(c, schema.items as AnySchemaObject));
  if (schema.properties) {
    const props = schema.properties as Record<string, AnySchemaObject>;
    return Object.fromEntries(node.children.map((c) => [c.name, convert(c, props[c.name] ?? {})]));
  }
  if (schema.type === 'boolean')
    return node.text === 'true' ? true : node.text === 'false' ? false : node.text;
  if (schema.type === 'number' || schema.type === 'integer') return Number(node.text);
  return node.text;
}

/** Reads back an Open311 error list from either format. */
export function errorsOf(res: { body: string; headers: Record<string, unknown> }): unknown {
  if (String(res.headers['content-type']).startsWith('text/xml')) {
    const doc = parseXml(res.body);
    expect(doc.name).toBe('errors');
    return doc.children.map((e) => {
      expect(e.name).toBe('error');
      const field = (n: string) => e.children.find((c) => c.name === n)?.text;
      return { code: Number(field('code')), description: field('description') };
    });
  }
  return JSON.parse(res.body);
}
