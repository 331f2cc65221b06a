import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../core/db/connection.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { IdParams, narrowTo } from './http.ts';
import { ReviewServiceInput } from './model.ts';
import { ServiceView } from './party-members/present.ts';
import {
  type ReviewableService,
  reviewPendingService,
  type ServiceRecords,
} from './review-pending-service.ts';

const tags = ['participation'];

/** One kind of service record (a party member's or a volunteer's) as its review queue lists it. */
export interface ReviewQueue<Row extends ReviewableService, Person extends { id: string }>
  extends ServiceRecords<Row> {
  /** `/api/participation/party-member-services`: the list; `…/:id/review` reviews one. */
  path: string;
  listDescription: string;
  reviewDescription: string;
  list: (
    db: Db,
    f: { districtCode: string; withinPath: string; status: Row['status'] | undefined; limit: number },
  ) => Promise<Row[]>;
  personIdOf: (row: Row) => string;
  people: (db: Db, ids: string[]) => Promise<Person[]>;
  presentService: (row: Row) => ServiceView;
  presentPerson: (person: Person) => unknown;
}

/**
 * The community's review queue of one kind of service record: the records (status=pending: those
 * awaiting confirmation) with the person who served, and confirming or sending back one of them.
 */
export const serviceReviewRoutes =
  <Row extends ReviewableService, Person extends { id: string }>(
    ctx: AppContext,
    queue: ReviewQueue<Row, Person>,
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      queue.path,
      {
        schema: {
          tags,
          description: queue.listDescription,
          querystring: z.object({
            status: z.enum(['pending', 'confirmed', 'rejected']).optional(),
            communityCode: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const rows = await queue.list(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: request.query.status,
          limit: 500,
        });
        const people = new Map(
          (await queue.people(db(), [...new Set(rows.map(queue.personIdOf))])).map((x) => [x.id, x]),
        );
        return {
          items: rows.map((r) => {
            const person = people.get(queue.personIdOf(r));
            return { ...queue.presentService(r), person: person ? queue.presentPerson(person) : null };
          }),
        };
      },
    );

    app.post(
      `${queue.path}/:id/review`,
      {
        schema: {
          tags,
          description: queue.reviewDescription,
          params: IdParams,
          body: ReviewServiceInput,
          response: { 200: ServiceView },
        },
      },
      async (request) => {
        const s = await reviewPendingService(queue, {
          db: db(),
          principal: requirePrincipal(request),
          serviceId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return queue.presentService(s);
      },
    );
  };
