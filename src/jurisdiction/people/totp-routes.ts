import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import { findUserTotp } from '../../core/auth/totp-store.ts';
import { findUserById } from '../../core/auth/users-store.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { disableTotp, enableTotp, setUpTotp } from './manage-totp.ts';
import { peoplePolicy } from './policy.ts';

const Code = z.object({ code: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字') });
const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });

/** A person's own second factor (TOTP): only with a session, never with an API key. */
function person(p: Principal): Principal {
  if (p.via !== 'session')
    throw new AppError('FORBIDDEN', '动态验证码只能由本人登录后设置 (people only, not API keys)', {
      action: 'user.totp',
    });
  return p;
}

/**
 * TOTP second factor (RFC 6238): set up, confirm with a first code, disable with a code; a district
 * admin resets a lost one. Log-in then needs `totp` (POST /api/auth/login).
 */
export const totpRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const me = (p: Principal) => ({ id: p.userId, username: p.username, districtCode: p.districtCode });

    app.get(
      '/api/auth/totp',
      {
        schema: {
          tags: ['auth'],
          description: '本人的动态验证码（TOTP）状态',
          response: { 200: z.object({ enabled: z.boolean(), pending: z.boolean() }) },
        },
      },
      async (request) => {
        const p = person(requirePrincipal(request));
        const row = await findUserTotp(db(), p.userId);
        return { enabled: Boolean(row?.enabledAt), pending: Boolean(row && !row.enabledAt) };
      },
    );

    app.post(
      '/api/auth/totp/setup',
      {
        schema: {
          tags: ['auth'],
          description: '生成动态验证码密钥（仅显示一次；用身份验证器 App 扫描 otpauthUri 的二维码）',
          response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) },
        },
      },
      async (request) => {
        const p = person(requirePrincipal(request));
        return setUpTotp({ db: db(), user: me(p), actor: actorOf(p), requestId: request.id });
      },
    );

    app.post(
      '/api/auth/totp/enable',
      { schema: { tags: ['auth'], description: '用 App 上的第一个验证码确认启用', body: Code } },
      async (request, reply) => {
        const p = person(requirePrincipal(request));
        await enableTotp({
          db: db(),
          user: me(p),
          actor: actorOf(p),
          code: request.body.code,
          requestId: request.id,
        });
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/auth/totp/disable',
      { schema: { tags: ['auth'], description: '用当前验证码停用', body: Code } },
      async (request, reply) => {
        const p = person(requirePrincipal(request));
        await disableTotp({
          db: db(),
          user: me(p),
          actor: actorOf(p),
          code: request.body.code,
          requestId: request.id,
        });
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/users/:id/totp/reset',
      {
        schema: {
          tags: ['users'],
          description: '管理员重置用户的动态验证码（手机丢失时；用户须重新设置）',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const user = await findUserById(db(), request.params.id);
        if (!user) throw notFound('用户', request.params.id);
        authorize(p, peoplePolicy.resetTotp, { districtCode: user.districtCode, paths: [user.unitPath] });
        await disableTotp({ db: db(), user, actor: actorOf(p), reset: true, requestId: request.id });
        return reply.status(204).send();
      },
    );
  };
