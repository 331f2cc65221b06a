import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import type { Principal } from '../core/auth/authorize.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from '../http/context.ts';
import type { Format, Open311Error } from './model.ts';
import { type XmlValue, xmlDocument } from './xml.ts';

/**
 * How Open311 answers: the same data as JSON or XML (chosen by the URL's extension), and errors in
 * the spec's own list form `[{ code, description }]` / `<errors><error>…` instead of the platform's
 * `{ error: … }` shape, with the spec's statuses (400 bad parameters, 403 api_key, 404 not found).
 */

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a URL asks for; anything but `.xml` answers JSON (errors for unknown formats too). */
export function formatOf(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** Sends `value` in the requested format; `root` names the XML document element. */
export function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  const body = format === 'xml' ? xmlDocument(root, value) : JSON.stringify(value);
  return reply.status(status).type(CONTENT_TYPE[format]).send(body);
}

// The key's user per request, so a 403 of a valid key can be audited (the auth hook never saw the key).
const principals = new WeakMap<FastifyRequest, Principal>();

/** Remembers who an Open311 request acts as (for the audit of a denial). */
export function rememberPrincipal(request: FastifyRequest, principal: Principal): Principal {
  principals.set(request, principal);
  return principal;
}

/** Maps a platform error to the spec's status: only 400, 403, 404 (and 429/5xx) are in its vocabulary. */
export function toOpen311Errors(err: AppError): { status: number; errors: Open311Error[] } {
  const s = err.status;
  const status = s === 401 || s === 403 ? 403 : s === 404 || s === 429 || s >= 500 ? s : 400;
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  const errors = issues?.length
    ? issues.map((i) => ({ code: status, description: i.path ? `${i.path}: ${i.message}` : i.message }))
    : [{ code: status, description: err.message }];
  return { status, errors };
}

/**
 * Installs the Open311 error and not-found handlers in the (encapsulated) Open311 scope, and a
 * form-urlencoded body parser: the spec's POST is a form, which the rest of the API never accepts.
 */
export function registerOpen311Handling(app: FastifyInstance, ctx: AppContext): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => {
      const params: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const seen = params[k];
        params[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
      }
      done(null, params);
    },
  );

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const appError = asAppError(err);
    if (!appError) request.log.error({ err }, 'unexpected error in open311');
    const { status, errors } = toOpen311Errors(
      appError ?? new AppError('INTERNAL', '服务器内部错误 (internal error)'),
    );
    const principal = principals.get(request);
    if (status === 403 && principal && appError) await auditDenial(ctx, principal, request, appError);
    return send(reply, formatOf(request.url), 'errors', errors, status);
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      formatOf(request.url),
      'errors',
      [
        {
          code: 404,
          description: `接口不存在：${request.method} ${request.url.split('?')[0]} (no such route)`,
        },
      ],
      404,
    ),
  );
}

function asAppError(err: FastifyError): AppError | undefined {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return new AppError('VALIDATION_FAILED', '请求参数不符合要求 (validation failed)', {
      issues: err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
      })),
    });
  }
  if (err instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', '请求参数不符合要求 (validation failed)', {
      issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  // Fastify's own client errors: bad content type, body too large, malformed body …
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('BAD_REQUEST', `请求格式错误：${err.message} (bad request)`);
  }
  return undefined;
}

// A valid key that may not do this is worth an audit row, like every other 403 of the platform.
async function auditDenial(ctx: AppContext, principal: Principal, request: FastifyRequest, error: AppError) {
  await ctx.database.db.transaction((tx) =>
    appendAudit(tx, {
      districtCode: principal.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'access.denied',
      targetType: 'route',
      targetId: `${request.method} ${request.url.split('?')[0]}`,
      result: 'denied',
      details: { code: error.code, channel: 'open311' },
      requestId: request.id,
    }),
  );
}
