/**
 * A small seeded generator of hostile input (fast-check is not a dependency): every case is derived
 * from (seed, case number), so a failure prints the seed that replays it.
 */

/** mulberry32, as in src/tasks/plan-parser/parse-plan.property.test.ts. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Strings that have broken real systems: injections, encodings, sizes, control characters. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '😀👍🏽‍♀️🇨🇳',
  '𠮷野家𩸽',
  '１３９１２３４５６７８',
  '１１０１０５１９９００１０１１２３４',
  "'; DROP TABLE demands; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '$$; DELETE FROM audit_log; $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg/onload=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
  '\n{"level":60,"msg":"forged log line","admin":true}',
  'line1\r\nX-Injected: header',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D\uFEFF',
  '../../../../etc/passwd',
  '%00%0d%0a',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  '身份证110105199001011234 电话13912345678',
  '张'.repeat(5000),
  'x'.repeat(70_000),
];

export const NASTY_NUMBERS: readonly unknown[] = [
  0,
  -0,
  -1,
  1.5,
  180,
  -180,
  90,
  -90,
  180.0000001,
  -90.0000001,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '116.2',
  'NaN',
  null,
  true,
  [],
  {},
];

export function nastyString(r: Rand): string {
  const base = pick(r, NASTY_STRINGS);
  // sometimes combine two, or embed in ordinary text
  if (r() < 0.3) return `${base}${pick(r, NASTY_STRINGS)}`;
  if (r() < 0.3) return `小区楼道杂物堆放${base}请处理`;
  return base;
}

export function nastyValue(r: Rand): unknown {
  const roll = r();
  if (roll < 0.5) return nastyString(r);
  if (roll < 0.8) return pick(r, NASTY_NUMBERS);
  if (roll < 0.9) return deepJson(int(r, 2, 50));
  return Array.from({ length: int(r, 0, 5) }, () => nastyString(r));
}

/** {a:{a:{…}}} `depth` levels deep. */
export function deepJson(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** A JSON text nested `depth` levels deep without building the object (for the parser limits). */
export const deepJsonText = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/**
 * A copy of a valid object with 1–3 fields replaced, removed or added with hostile values (nested
 * objects too).
 */
export function mutate(r: Rand, valid: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(out);
  const n = int(r, 1, 3);
  for (let i = 0; i < n; i++) {
    const op = r();
    const key = pick(r, keys);
    if (op < 0.6 && key) {
      const current = out[key];
      if (current && typeof current === 'object' && !Array.isArray(current) && r() < 0.5) {
        out[key] = mutate(r, current as Record<string, unknown>);
      } else out[key] = nastyValue(r);
    } else if (op < 0.8 && key) delete out[key];
    else out[pick(r, ['__proto__', 'constructor', 'extra', 'isAdmin', 'districtCode'])] = nastyValue(r);
  }
  return out;
}
