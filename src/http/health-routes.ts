import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERSION } from '../core/config.ts';
import { sql } from '../core/db/connection.ts';
import type { AppContext } from './context.ts';

/** Liveness that also proves the database answers. */
export const healthRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['system'],
          response: {
            200: z.object({
              status: z.literal('ok'),
              db: z.enum(['pglite', 'postgres']),
              version: z.string(),
            }),
          },
        },
      },
      async () => {
        await ctx.database.db.execute(sql`select 1`);
        return { status: 'ok' as const, db: ctx.database.kind, version: VERSION };
      },
    );
  };
