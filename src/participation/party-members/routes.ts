import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.ts';
import { memberRoutes } from './member-routes.ts';
import { unitRoutes } from './unit-routes.ts';

/** 在职党员双报到: members at communities, units at streets, service records, report-in rates. */
export const partyMemberRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(memberRoutes(ctx));
    await app.register(unitRoutes(ctx));
  };
