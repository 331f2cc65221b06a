import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../core/auth/authorize.ts';
import { resolveApiKey, resolveSessionUser, SESSION_COOKIE } from '../core/auth/sessions.ts';
import { findUserById, toPrincipal } from '../core/auth/users-store.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when a session cookie was presented but has run out (so the 401 can say so). */
    sessionExpired: boolean;
  }
}

/**
 * Resolves the caller on every request: a session cookie (people) or an API key in
 * `Authorization: Bearer jd_…` / `X-API-Key` (machine clients). Routes then call requirePrincipal.
 */
export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request) => {
    const db = ctx.database.db;
    const apiKey = bearer(request) ?? headerValue(request, 'x-api-key');
    if (apiKey) {
      const userId = await resolveApiKey(db, apiKey);
      if (!userId) throw new AppError('UNAUTHENTICATED', 'API 密钥无效或已吊销 (invalid API key)');
      const user = await findUserById(db, userId);
      if (user?.active) request.principal = toPrincipal(user, 'api_key');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // The session and its user in one query.
    const session = await resolveSessionUser(db, token, ctx.config);
    if (session?.expired) request.sessionExpired = true;
    else if (session?.user?.active) request.principal = toPrincipal(session.user, 'session');
  });
}

/** The caller, or a 401 that says whether the session ran out or there was none. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal) return request.principal;
  if (request.sessionExpired)
    throw new AppError('SESSION_EXPIRED', '会话已超时，请重新登录 (session expired)');
  throw new AppError('UNAUTHENTICATED', '请先登录 (authentication required)');
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
