import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { assessmentRoutes } from '../assessment/routes.ts';
import { auditRoutes } from '../core/audit/routes.ts';
import { calendarRoutes } from '../core/calendar/routes.ts';
import { VERSION } from '../core/config.ts';
import { fileRoutes } from '../core/files/routes.ts';
import { uuidv7 } from '../core/ids.ts';
import { outboxRoutes } from '../core/outbox/routes.ts';
import { measureRoutes } from '../demands/measures-routes.ts';
import { demandRoutes } from '../demands/routes.ts';
import { demandRulesRoutes } from '../demands/rules-routes.ts';
import { gridEventFilePathsLookup } from '../grid-work/event-file-access.ts';
import { gridWorkRoutes } from '../grid-work/routes.ts';
import { peopleRoutes } from '../jurisdiction/people/routes.ts';
import { totpRoutes } from '../jurisdiction/people/totp-routes.ts';
import { jurisdictionRoutes } from '../jurisdiction/routes.ts';
import { listsRoutes } from '../lists/routes.ts';
import { open311Routes } from '../open311/routes.ts';
import { participationRoutes } from '../participation/routes.ts';
import { policyRoutes } from '../policy/routes.ts';
import { publicPortalRoutes } from '../public-portal/routes.ts';
import { tasksRoutes } from '../tasks/routes.ts';
import { whistleRoutes } from '../whistles/routes.ts';
import { registerAccessGuard } from './access-guard.ts';
import { registerAuthHook } from './auth-hook.ts';
import type { AppContext } from './context.ts';
import { registerErrorHandler, renderFrameworkError } from './error-handler.ts';
import { healthRoutes } from './health-routes.ts';
import { registerInputGuard } from './input-guard.ts';
import { loggerOptions } from './log-redaction.ts';
import { registerWebApp } from './web-app.ts';

export type App = FastifyInstance;

/** Assembles the API: plugins, auth, error rendering, OpenAPI at /api/docs, every capability's routes. */
export async function buildServer(
  ctx: AppContext,
  options: {
    logger?: boolean;
    /** The built web app to serve (default web/dist); false: API only. */
    webRoot?: string | false;
    /** Where the (redacted) log lines go instead of stdout (tests read them). */
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<App> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel, options.logStream),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : uuidv7();
    },
    bodyLimit: 10 * 1024 * 1024,
    // a client cannot choose its own IP (rate limits, audit) unless it comes through a trusted proxy
    trustProxy:
      ctx.config.trustProxy === 'true' ? true : (ctx.config.trustProxy ?? 'loopback,linklocal,uniquelocal'),
    frameworkErrors: renderFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Jiedao 街道社区治理平台 API',
        description: '接诉即办、吹哨报到、网格化、准入清单、督查督办、双向考核',
        version: VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jd_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app, ctx);
  registerAuthHook(app, ctx);
  registerAccessGuard(app);
  registerInputGuard(app);

  await app.register(healthRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(totpRoutes(ctx));
  await app.register(jurisdictionRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(demandRoutes(ctx));
  await app.register(measureRoutes(ctx));
  await app.register(demandRulesRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(tasksRoutes(ctx));
  await app.register(policyRoutes(ctx));
  await app.register(listsRoutes(ctx));
  await app.register(open311Routes(ctx));
  await app.register(publicPortalRoutes(ctx));
  await app.register(fileRoutes(ctx, { recordPaths: { grid_event: gridEventFilePathsLookup } }));
  await app.register(whistleRoutes(ctx));
  await app.register(gridWorkRoutes(ctx));
  await app.register(outboxRoutes(ctx));
  await app.register(participationRoutes(ctx));
  await app.register(assessmentRoutes(ctx));
  // last: the web app's catch-all GET must not shadow any API route
  if (options.webRoot !== false) await registerWebApp(app, options.webRoot);
  return app;
}
