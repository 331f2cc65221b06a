import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';

// NUL cannot be stored in PostgreSQL text, and a lone UTF-16 surrogate is not Unicode at all (jsonb
// refuses it; text would silently turn it into U+FFFD).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first path (a.b[2].c) at which a string holds a forbidden character, or null. */
export function findForbiddenText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path || '(body)' : null;
  if (value === null || typeof value !== 'object' || depth > 200) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findForbiddenText(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const key = path ? `${path}.${k}` : k;
    if (FORBIDDEN.test(k)) return key;
    const hit = findForbiddenText(v, key, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Refuses, before validation, any body, query or path parameter carrying a NUL character or a lone
 * surrogate: a clear 400 instead of a database error (500) deep inside a use case.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where =
      findForbiddenText(request.body) ??
      findForbiddenText(request.query, 'query') ??
      findForbiddenText(request.params, 'params');
    if (where) {
      throw new AppError(
        'VALIDATION_FAILED',
        '请求中含有不允许的字符（NUL 或不成对的代理项）(invalid characters)',
        {
          issues: [{ path: where, message: '不允许的字符 (NUL or unpaired surrogate)' }],
        },
      );
    }
  });
}
