import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../core/auth/authorize.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from '../http/context.ts';
import { listServices, serviceDefinition } from './catalog.ts';
import { createOpen311Request } from './create-open311-request.ts';
import { findOpen311Requests, getOpen311Request, resolveOpen311Token } from './find-open311-requests.ts';
import { FORMATS, type Open311Params } from './model.ts';
import { registerOpen311Handling, rememberPrincipal, send } from './reply.ts';
import { principalForApiKey, resolveDistrict } from './resolve-client.ts';

/** When this adapter's interface last changed (the discovery document's changeset). */
const CHANGESET = '2026-05-01T00:00:00+08:00';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';

const Format = z.object({ format: z.enum(FORMATS) });
const tags = ['open311'];

/**
 * Open311 GeoReport v2 at /open311/v2/, every resource in .json and .xml. Registered as its own
 * encapsulated scope so its errors, 404s and form bodies follow the spec, not the platform's API.
 */
export const open311Routes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const scoped: FastifyPluginAsyncZod = async (scope) => {
      registerOpen311Handling(scope, ctx);
      const db = () => ctx.database.db;
      const taxonomy = () => ctx.classifiers.taxonomy;

      scope.get(
        '/discovery.:format',
        { schema: { tags, description: 'Open311 服务发现文档', params: Format } },
        async (request, reply) => {
          const base = `${request.protocol}://${request.host}/open311/v2`;
          return send(reply, request.params.format, 'discovery', {
            changeset: CHANGESET,
            contact: '请联系本区 12345 热线/指挥中心 (contact the district command centre)',
            key_service:
              '区管理员以 jiedao apikey create --name 名称 签发 api_key (keys: jiedao apikey create)',
            endpoints: [
              {
                specification: SPEC,
                url: base,
                changeset: CHANGESET,
                type: 'production',
                formats: ['application/json', 'text/xml'],
              },
            ],
          });
        },
      );

      scope.get(
        '/services.:format',
        { schema: { tags, description: '服务（诉求二级分类）列表；参数 jurisdiction_id', params: Format } },
        async (request, reply) => {
          await clientOf(request);
          return send(reply, request.params.format, 'services', listServices(taxonomy()));
        },
      );

      scope.get(
        '/services/:service_code.:format',
        {
          schema: {
            tags,
            description: '服务定义：属性 type（诉求类型）与 urgent（是否紧急）',
            params: Format.extend({ service_code: z.string().max(20) }),
          },
        },
        async (request, reply) => {
          await clientOf(request);
          const definition = serviceDefinition(taxonomy(), request.params.service_code);
          return send(reply, request.params.format, 'service_definition', definition);
        },
      );

      scope.post(
        '/requests.:format',
        {
          schema: {
            tags,
            description:
              '提交诉求（表单或 JSON）：api_key、service_code、lat/long 或 address_string、description、' +
              'first_name/last_name/phone、media_url、attribute[type]、attribute[urgent]',
            params: Format,
          },
        },
        async (request, reply) => {
          const { principal, districtCode } = await clientOf(request);
          if (!principal) throw new AppError('FORBIDDEN', '缺少 api_key (api_key required)');
          const { created } = await createOpen311Request({
            ctx,
            db: db(),
            principal,
            districtCode,
            params: paramsOf(request),
            idempotencyKey: headerOf(request, 'idempotency-key'),
            requestId: request.id,
          });
          return send(reply, request.params.format, 'service_requests', [created]);
        },
      );

      scope.get(
        '/requests.:format',
        {
          schema: {
            tags,
            description:
              '查询诉求：service_request_id（逗号分隔）、service_code、start_date、end_date、status',
            params: Format,
          },
        },
        async (request, reply) => {
          const { districtCode } = await clientOf(request);
          const items = await findOpen311Requests({
            db: db(),
            taxonomy: taxonomy(),
            districtCode,
            query: paramsOf(request),
          });
          return send(reply, request.params.format, 'service_requests', items);
        },
      );

      scope.get(
        '/requests/:service_request_id.:format',
        {
          schema: {
            tags,
            description: '按受理编号查询一件诉求',
            params: Format.extend({ service_request_id: z.string().max(40) }),
          },
        },
        async (request, reply) => {
          const { districtCode } = await clientOf(request);
          const found = await getOpen311Request({
            db: db(),
            taxonomy: taxonomy(),
            districtCode,
            serviceRequestId: request.params.service_request_id,
          });
          return send(reply, request.params.format, 'service_requests', [found]);
        },
      );

      scope.get(
        '/tokens/:token.:format',
        {
          schema: {
            tags,
            description: '由提交时返回的 token 查询受理编号',
            params: Format.extend({ token: z.string().max(64) }),
          },
        },
        async (request, reply) => {
          const { districtCode } = await clientOf(request);
          const token = await resolveOpen311Token({
            db: db(),
            taxonomy: taxonomy(),
            districtCode,
            token: request.params.token,
          });
          return send(reply, request.params.format, 'service_requests', [token]);
        },
      );

      // Unknown paths under the prefix answer in the spec's form even when the web app's catch-all is on.
      scope.all('/*', { schema: { hide: true } }, async (request) => {
        throw new AppError(
          'NOT_FOUND',
          `接口不存在：${request.method} ${request.url.split('?')[0]} (no such route)`,
        );
      });

      /** Who calls (the api_key's user, if any) and for which district. */
      async function clientOf(request: FastifyRequest) {
        const params = paramsOf(request);
        const key = first(params.api_key);
        let principal: Principal | null = null;
        // The spec's api_key parameter; a platform key in X-API-Key/Bearer is accepted too.
        if (key !== undefined) principal = await principalForApiKey(db(), key);
        else if (request.principal?.via === 'api_key') principal = request.principal;
        if (principal) rememberPrincipal(request, principal);
        const districtCode = await resolveDistrict(db(), {
          jurisdictionId: first(params.jurisdiction_id),
          principal,
        });
        return { principal, districtCode };
      }
    };
    await app.register(scoped, { prefix: '/open311/v2' });
  };

/** Query and body merged (the spec lets clients put POST parameters in either). */
function paramsOf(request: FastifyRequest): Open311Params {
  const body =
    request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const out: Open311Params = {};
  for (const [k, v] of Object.entries({ ...(request.query as Record<string, unknown>), ...body })) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map(String);
    // JSON clients tend to nest attributes ({"attribute":{"type":…}}); the form spelling is attribute[type].
    else if (k === 'attribute' && v && typeof v === 'object') {
      for (const [code, value] of Object.entries(v)) out[`attribute[${code}]`] = String(value);
    }
  }
  return out;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function headerOf(request: FastifyRequest, name: string): string | null {
  const v = request.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}
