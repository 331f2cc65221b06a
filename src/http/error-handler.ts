import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { AppError, type ErrorBody, toErrorBody } from '../core/errors.ts';
import type { AppContext } from './context.ts';

/**
 * The one place errors become HTTP: AppError → its status and code; schema failures → 400
 * VALIDATION_FAILED with the issues; anything else → an opaque 500 that is logged in full.
 * Every 403 is written to the audit log (who tried what, where).
 */
export function registerErrorHandler(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    let appError: AppError | undefined;
    if (err instanceof AppError) appError = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      appError = new AppError('VALIDATION_FAILED', '请求参数不符合要求 (validation failed)', {
        issues: err.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          message: v.message,
        })),
      });
    } else if (err instanceof ZodError) {
      appError = new AppError('VALIDATION_FAILED', '请求参数不符合要求 (validation failed)', {
        issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    } else if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    } else if (err.statusCode === 413) {
      appError = new AppError('BAD_REQUEST', '请求体过大 (payload too large)');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (bad JSON, wrong content type …)
      appError = new AppError('BAD_REQUEST', `请求格式错误：${err.message} (bad request)`);
    }
    const { status, body } = toErrorBody(appError ?? err);
    if (!appError) request.log.error({ err }, 'unexpected error');
    // every refusal of a logged-in caller is audited, whatever its code (FORBIDDEN_SCOPE, NOT_PARTY_SECRETARY …)
    if (appError && appError.status === 403) {
      await auditDenial(ctx, request.principal, request.method, request.url, appError, request.id);
    }
    reply.header('x-request-id', request.id);
    return reply.status(status).send(body satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url} (no such route)` },
    };
    return reply.status(404).send(body);
  });
}

async function auditDenial(
  ctx: AppContext,
  principal: import('../core/auth/authorize.ts').Principal | null,
  method: string,
  url: string,
  error: AppError,
  requestId: string,
): Promise<void> {
  if (!principal) return;
  await ctx.database.db.transaction((tx) =>
    appendAudit(tx, {
      districtCode: principal.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'access.denied',
      targetType: 'route',
      targetId: `${method} ${url.split('?')[0]}`,
      result: 'denied',
      details: { code: error.code, ...(error.details as Record<string, unknown> | undefined) },
      requestId,
    }),
  );
}

/**
 * Errors of the router itself (a malformed URL, a path parameter past its length limit), which never
 * reach setErrorHandler: rendered in the one error shape too, as 400 BAD_REQUEST.
 */
export function renderFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const body: ErrorBody = {
    error: { code: 'BAD_REQUEST', message: `请求地址不合法 (bad request: ${error.code})` },
  };
  void reply.status(400).header('x-request-id', request.id).send(body);
}
