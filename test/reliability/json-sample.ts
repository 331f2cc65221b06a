/**
 * Minimal valid values for the JSON Schemas of the OpenAPI document (what the access-control matrix
 * sends so that a request gets past validation and reaches the route's authorization). Not a general
 * generator: required properties only, the first enum value, the first branch of a union, a string
 * that satisfies the pattern (a small regex sampler) and the length bounds.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
}

/** A value for a property by its name (codes, ids …), or undefined to generate one. */
export type Hint = (name: string, schema: JsonSchema) => unknown;

export function sample(schema: JsonSchema | undefined, hint: Hint = () => undefined, name = ''): unknown {
  if (!schema) return undefined;
  const hinted = name ? hint(name, schema) : undefined;
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s.type !== 'null') ?? schema.anyOf?.[0];
  if (branch) return sample(branch, hint, name);
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((s) => sample(s, hint, name) as object));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        out[key] = sample(schema.properties?.[key], hint, key);
      }
      // optional properties a hint knows about (codes, ids) make the request concrete
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (key in out) continue;
        const h = hint(key, prop);
        if (h !== undefined) out[key] = h;
      }
      return out;
    }
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: n }, () => sample(schema.items, hint, `${name}[]`));
    }
    case 'integer':
    case 'number': {
      let v = typeof schema.minimum === 'number' ? schema.minimum : 1;
      if (schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number') v += 1;
      if (typeof schema.maximum === 'number' && v > schema.maximum) v = schema.maximum;
      return type === 'integer' ? Math.ceil(v) : v;
    }
    case 'boolean':
      return schema.default ?? false;
    case 'string':
      return sampleString(schema);
    default:
      return schema.default ?? null;
  }
}

function sampleString(schema: JsonSchema): string {
  if (schema.format === 'uuid') return '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  if (schema.format === 'date-time') return '2026-03-02T10:00:00+08:00';
  if (schema.format === 'date') return '2026-03-02';
  if (schema.format === 'email') return 'someone@example.org';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/a';
  let s = schema.pattern ? sampleRegex(schema.pattern) : '测试内容';
  const min = schema.minLength ?? 0;
  if (!schema.pattern) while ([...s].length < min) s += '测试内容';
  if (schema.maxLength !== undefined && [...s].length > schema.maxLength)
    s = [...s].slice(0, schema.maxLength).join('');
  return s;
}

/** One string matching a (simple) regular expression: the first branch, the least repetitions. */
export function sampleRegex(pattern: string): string {
  let i = 0;
  const src = pattern;
  const parseAlt = (): string => {
    const first = parseSeq();
    while (src[i] === '|') {
      i++;
      parseSeq();
    }
    return first;
  };
  const parseSeq = (): string => {
    let out = '';
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const atom = parseAtom();
      const { min } = parseQuantifier();
      out += atom.repeat(min);
    }
    return out;
  };
  const parseAtom = (): string => {
    const c = src[i++] as string;
    if (c === '^' || c === '$') return '';
    if (c === '(') {
      if (src[i] === '?' && src[i + 1] === ':') i += 2;
      const inner = parseAlt();
      i++; // ')'
      return inner;
    }
    if (c === '[') {
      const negated = src[i] === '^';
      if (negated) i++;
      let first = '';
      while (i < src.length && src[i] !== ']') {
        let ch = src[i++] as string;
        if (ch === '\\') ch = escapeChar(src[i++] as string);
        if (!first) first = ch;
      }
      i++; // ']'
      return negated ? 'a' : first;
    }
    if (c === '\\') return escapeChar(src[i++] as string);
    if (c === '.') return 'a';
    return c;
  };
  const parseQuantifier = (): { min: number } => {
    const c = src[i];
    if (c === '?' || c === '*') {
      i++;
      return { min: 0 };
    }
    if (c === '+') {
      i++;
      return { min: 1 };
    }
    if (c === '{') {
      const close = src.indexOf('}', i);
      const [lo] = src.slice(i + 1, close).split(',');
      i = close + 1;
      return { min: Number(lo) };
    }
    return { min: 1 };
  };
  return parseAlt();
}

function escapeChar(c: string): string {
  if (c === 'd') return '1';
  if (c === 'w') return 'a';
  if (c === 's') return ' ';
  if (c === 'D' || c === 'W' || c === 'S') return '-';
  return c;
}
