import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, scopePath } from '../../core/auth/authorize.ts';
import { ROLE_NAMES } from '../../core/auth/roles.ts';
import { deleteSession, SESSION_COOKIE } from '../../core/auth/sessions.ts';
import { usersWithTotp } from '../../core/auth/totp-store.ts';
import {
  findUserById,
  listUsers,
  setLock,
  toPrincipal,
  type UserWithUnit,
} from '../../core/auth/users-store.ts';
import { notFound } from '../../core/errors.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { getUnitByCode } from '../store.ts';
import { addUser } from './add-user.ts';
import { createApiKey } from './create-api-key.ts';
import { logIn } from './log-in.ts';
import { AddUserInput, UserView } from './model.ts';
import { peoplePolicy } from './policy.ts';
import { presentUser } from './present-user.ts';

const actorOf = (p: { userId: string; username: string }) => ({ id: p.userId, label: p.username });
const userResource = (u: UserWithUnit) => ({ districtCode: u.districtCode, paths: [u.unitPath] });
const Me = z.object({
  user: UserView,
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  scopePath: z.string(),
});

/** Log-in/out, the current user, user accounts and API keys. */
export const peopleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          body: z.object({
            username: z.string().min(1).max(64),
            password: z.string().min(1).max(256),
            totp: z
              .string()
              .regex(/^\d{6}$/, '动态验证码为 6 位数字')
              .optional()
              .describe('启用了动态验证码（TOTP）的账号须填写'),
          }),
          response: { 200: Me },
        },
      },
      async (request, reply) => {
        const { token, expiresAt, user } = await logIn({
          db: db(),
          config: ctx.config,
          username: request.body.username,
          password: request.body.password,
          totp: request.body.totp,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
          path: '/',
          expires: expiresAt,
        });
        return presentMe(user);
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db(), token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => {
      const p = requirePrincipal(request);
      const user = await findUserById(db(), p.userId);
      if (!user) throw notFound('用户', p.userId);
      return presentMe(user);
    });

    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: z.array(UserView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, peoplePolicy.listUsers);
        const rows = await listUsers(db(), {
          districtCode: p.districtCode,
          withinPath: scopePath(p),
          ...request.query,
        });
        const withTotp = await usersWithTotp(
          db(),
          rows.map((u) => u.id),
        );
        return { items: rows.map((u) => ({ ...presentUser(u), totpEnabled: withTotp.has(u.id) })) };
      },
    );

    app.get(
      '/api/users/:id',
      { schema: { tags: ['users'], params: z.object({ id: z.uuid() }), response: { 200: UserView } } },
      async (request) => {
        const p = requirePrincipal(request);
        const user = await findUserById(db(), request.params.id);
        if (!user) throw notFound('用户', request.params.id);
        authorize(p, peoplePolicy.readUser, userResource(user));
        return presentUser(user);
      },
    );

    app.post(
      '/api/users/:id/reveal-phone',
      {
        schema: {
          tags: ['users'],
          description: '查看完整手机号（留痕审计）',
          params: z.object({ id: z.uuid() }),
          body: z.object({ reason: z.string().trim().min(2).max(200) }),
          response: { 200: z.object({ phone: z.string().nullable() }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const user = await findUserById(db(), request.params.id);
        if (!user) throw notFound('用户', request.params.id);
        authorize(p, peoplePolicy.revealPhone, userResource(user));
        await db().transaction((tx) =>
          appendAudit(tx, {
            districtCode: user.districtCode,
            actor: actorOf(p),
            action: 'user.reveal_phone',
            targetType: 'user',
            targetId: user.id,
            details: { reason: request.body.reason },
            requestId: request.id,
          }),
        );
        return { phone: user.phone };
      },
    );

    app.post(
      '/api/users',
      { schema: { tags: ['users'], body: AddUserInput, response: { 201: UserView } } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const unit = await getUnitByCode(db(), request.body.unitCode);
        if (!unit) throw notFound('组织单位', request.body.unitCode);
        authorize(p, peoplePolicy.createUser, { districtCode: unit.districtCode, paths: [unit.path] });
        const user = await addUser({
          db: db(),
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
        return reply.status(201).send(presentUser(user));
      },
    );

    app.post(
      '/api/users/:id/unlock',
      { schema: { tags: ['users'], params: z.object({ id: z.uuid() }), response: { 200: UserView } } },
      async (request) => {
        const p = requirePrincipal(request);
        const user = await findUserById(db(), request.params.id);
        if (!user) throw notFound('用户', request.params.id);
        authorize(p, peoplePolicy.unlockUser, userResource(user));
        await db().transaction(async (tx) => {
          await setLock(tx, user.id, null);
          await appendAudit(tx, {
            districtCode: user.districtCode,
            actor: actorOf(p),
            action: 'user.unlock',
            targetType: 'user',
            targetId: user.id,
            requestId: request.id,
          });
        });
        const fresh = await findUserById(db(), user.id);
        return presentUser(fresh ?? user);
      },
    );

    app.post(
      '/api/api-keys',
      {
        schema: {
          tags: ['users'],
          description: '为机器用户签发 API 密钥（仅显示一次）',
          body: z.object({ userId: z.uuid(), name: z.string().trim().min(1).max(100) }),
          response: { 201: z.object({ id: z.string(), key: z.string(), prefix: z.string() }) },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const user = await findUserById(db(), request.body.userId);
        if (!user) throw notFound('用户', request.body.userId);
        authorize(p, peoplePolicy.createApiKey, userResource(user));
        const created = await createApiKey({
          db: db(),
          ...request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
        return reply.status(201).send(created);
      },
    );
  };

function presentMe(user: UserWithUnit): z.infer<typeof Me> {
  const view = presentUser(user);
  return {
    user: view,
    roles: user.roles.map((code) => ({ code, name: ROLE_NAMES[code as keyof typeof ROLE_NAMES] ?? code })),
    scopePath: scopePath(toPrincipal(user, 'session')),
  };
}
