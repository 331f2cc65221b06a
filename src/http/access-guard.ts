import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuthorizationCheck, runWithAuthorizationTrace } from '../core/auth/authorization-trace.ts';
import { AppError } from '../core/errors.ts';
import { SlidingWindow } from '../public-portal/sliding-window.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Every authorize() made while answering this request (see authorization-trace.ts). */
    authorizationTrace: AuthorizationCheck[];
  }
}

/** Who may call a route: anyone, any logged-in person, or someone a policy rule allows. */
export type RouteAccess = 'public' | 'authenticated' | 'authorized';

/**
 * The deliberately public routes (no log-in): health, log-in/out, the API docs, the residents' portal,
 * Open311 (it checks its own api_key) and the web app's files. Everything else needs a principal.
 * Adding a public route means adding it HERE, where a reviewer sees it.
 */
const PUBLIC: readonly { method?: string; prefix?: string; exact?: string }[] = [
  { method: 'GET', exact: '/api/health' },
  { method: 'POST', exact: '/api/auth/login' },
  { method: 'POST', exact: '/api/auth/logout' },
  { exact: '/api/docs' },
  { prefix: '/api/docs/' },
  { prefix: '/api/public/' },
  { prefix: '/open311/' },
];

/**
 * Logged-in people may use these without a policy rule: their own account and second factor, and
 * the national taxonomies every screen needs (the same for every district, nothing personal).
 */
const AUTHENTICATED_ONLY: readonly { method?: string; prefix?: string; exact?: string }[] = [
  { method: 'GET', exact: '/api/auth/me' },
  { exact: '/api/auth/totp' },
  { prefix: '/api/auth/totp/' },
  { method: 'GET', exact: '/api/demand-categories' },
  { method: 'GET', exact: '/api/grid-event-categories' },
];

const matches = (
  list: readonly { method?: string; prefix?: string; exact?: string }[],
  method: string,
  url: string,
) =>
  list.some(
    (r) =>
      (!r.method || r.method === method || (r.method === 'GET' && method === 'HEAD')) &&
      (r.exact ? url === r.exact : url.startsWith(r.prefix ?? '\0')),
  );

/** The access class of a route, by its method and path pattern (`/api/demands/:id`). */
export function routeAccess(method: string, routeUrl: string): RouteAccess {
  if (!routeUrl.startsWith('/api/') && !routeUrl.startsWith('/open311/')) return 'public'; // web app
  if (matches(PUBLIC, method, routeUrl)) return 'public';
  if (matches(AUTHENTICATED_ONLY, method, routeUrl)) return 'authenticated';
  return 'authorized';
}

const num = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Deny by default, ahead of every handler:
 * - a request to a non-public route without a valid session or API key is refused with 401 before
 *   its body is even validated (a route that forgot requirePrincipal is still closed);
 * - each request runs with an authorization trace; a non-public, non-self-service route that answers
 *   2xx without a single authorize() is logged as an error (the access-control matrix test fails on it);
 * - the public routes are rate-limited per client IP (JIEDAO_PUBLIC_RATE_PER_MINUTE, default 300),
 *   on top of the portal's own caps per IP and phone.
 */
export function registerAccessGuard(app: FastifyInstance, env: NodeJS.ProcessEnv = process.env): void {
  const perIp = new SlidingWindow(num(env.JIEDAO_PUBLIC_RATE_PER_MINUTE, 300), 60_000);
  app.decorateRequest('authorizationTrace', null as unknown as AuthorizationCheck[]);

  // Callback style on purpose: the rest of the request runs inside done(), so inside the trace.
  app.addHook('onRequest', (request, _reply, done) => {
    const trace: AuthorizationCheck[] = [];
    request.authorizationTrace = trace;
    runWithAuthorizationTrace(trace, () => done());
  });

  app.addHook('preParsing', async (request) => {
    const url = routeUrl(request);
    if (!url) return; // no such route: the 404 handler answers
    const access = routeAccess(request.method, url);
    if (access === 'public') {
      if (url.startsWith('/api/public/') || url.startsWith('/open311/')) {
        const hit = perIp.hit(request.ip, Date.now());
        if (!hit.allowed) {
          throw new AppError(
            'RATE_LIMITED',
            '请求过于频繁，请稍后再试 (too many requests from this address)',
            {
              reason: 'ip',
              retryAfterSeconds: Math.ceil(hit.retryAfterMs / 1000),
            },
          );
        }
      }
      return;
    }
    if (request.principal) return;
    if (request.sessionExpired)
      throw new AppError('SESSION_EXPIRED', '会话已超时，请重新登录 (session expired)');
    throw new AppError('UNAUTHENTICATED', '请先登录 (authentication required)');
  });

  app.addHook('onResponse', async (request, reply) => {
    const url = routeUrl(request);
    if (!url || reply.statusCode >= 400) return;
    if (routeAccess(request.method, url) !== 'authorized') return;
    if (request.authorizationTrace?.length) return;
    request.log.error(
      { route: `${request.method} ${url}` },
      'route answered without an authorization check (authorize was never called)',
    );
  });
}

function routeUrl(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}
