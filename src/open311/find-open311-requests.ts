import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import type { Taxonomy } from '../demands/classify/taxonomy.ts';
import { leafCategories } from '../demands/classify/taxonomy.ts';
import { getDemand, latestEventsOf, listDemands } from '../demands/store.ts';
import type { DemandRow } from '../demands/tables.ts';
import { getUnitById } from '../jurisdiction/store.ts';
import { serviceCodeParam } from './catalog.ts';
import {
  MAX_RANGE_DAYS,
  MAX_REQUESTS,
  type Open311Request,
  type Open311Token,
  QueryParams,
} from './model.ts';
import { NOTE_EVENTS, parseOpen311Date, presentRequest, statusesFor } from './present.ts';

/**
 * The read side of GeoReport v2. Only demands that came in through Open311 are served: hotline calls
 * (举报 among them) were never meant to be public, and Open311 GETs need no key.
 */

const CHANNEL = 'open311';
const DAY_MS = 86_400_000;
const districtRoot = (districtCode: string) => `/${districtCode}000000/`;

export interface FindOptions {
  db: Db;
  taxonomy: Taxonomy;
  districtCode: string;
}

/** `GET requests` with the spec's filters; service_request_id overrides all others. */
export async function findOpen311Requests(
  options: FindOptions & { query: Record<string, unknown> },
): Promise<Open311Request[]> {
  const q = parseQuery(options.query);
  const base = { districtCode: options.districtCode, scopePath: districtRoot(options.districtCode) };
  if (q.service_request_id !== undefined) {
    const codes = [...new Set(q.service_request_id.split(',').map((s) => s.trim()))].filter(Boolean);
    if (codes.length > MAX_REQUESTS)
      throw invalid('service_request_id', `最多 ${MAX_REQUESTS} 个 (too many)`);
    const rows = await listDemands(options.db, {
      ...base,
      channel: CHANNEL,
      codes,
      limit: MAX_REQUESTS,
      offset: 0,
    });
    return present(options, rows);
  }
  if (q.service_code) serviceCodeParam(options.taxonomy, q.service_code);
  const { from, to } = dateRange(q.start_date, q.end_date);
  const statuses = q.status ? statusesFor(q.status.split(',') as ('open' | 'closed')[]) : undefined;
  const rows = await listDemands(options.db, {
    ...base,
    channel: CHANNEL,
    categoryCode: q.service_code,
    status: statuses,
    from,
    // end_date is inclusive; the store's bound is exclusive.
    to: new Date(to.getTime() + 1),
    limit: MAX_REQUESTS,
    offset: 0,
  });
  return present(options, rows);
}

/** `GET requests/{id}`: one request by its public code (404 when unknown here). */
export async function getOpen311Request(
  options: FindOptions & { serviceRequestId: string },
): Promise<Open311Request> {
  const [found] = await findOpen311Requests({
    ...options,
    query: { service_request_id: options.serviceRequestId },
  });
  if (!found || found.service_request_id !== options.serviceRequestId.trim()) {
    throw new AppError(
      'NOT_FOUND',
      `service_request_id 不存在：${options.serviceRequestId} (request not found)`,
    );
  }
  return found;
}

/** `GET tokens/{token}`: the token handed out at POST is the demand's id. */
export async function resolveOpen311Token(options: FindOptions & { token: string }): Promise<Open311Token> {
  const token = options.token.trim();
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token);
  const demand = isUuid ? await getDemand(options.db, token.toLowerCase()) : undefined;
  if (!demand || demand.districtCode !== options.districtCode || demand.channel !== CHANNEL) {
    throw new AppError('NOT_FOUND', `token 不存在：${token} (token not found)`);
  }
  return { service_request_id: demand.code, token: demand.id };
}

function parseQuery(query: Record<string, unknown>): QueryParams {
  // Repeated parameters (status=open&status=closed) mean the same as a comma list.
  const flat = Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
  );
  const parsed = QueryParams.safeParse(flat);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', '请求参数不符合要求 (invalid parameters)', {
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Defaults: the 90 days up to now, up to end_date or from start_date; wider ranges are refused. */
function dateRange(start: string | undefined, end: string | undefined): { from: Date; to: Date } {
  const parse = (name: string, text: string | undefined) => {
    if (text === undefined || text === '') return undefined;
    const d = parseOpen311Date(text);
    if (!d) throw invalid(name, `应为 ISO 8601 日期时间：${text} (expected ISO-8601)`);
    return d;
  };
  const startDate = parse('start_date', start);
  const endDate = parse('end_date', end);
  const span = MAX_RANGE_DAYS * DAY_MS;
  const to = endDate ?? (startDate ? new Date(startDate.getTime() + span) : new Date());
  const from = startDate ?? new Date(to.getTime() - span);
  if (from > to) throw invalid('start_date', 'start_date 晚于 end_date (start after end)');
  if (to.getTime() - from.getTime() > span) {
    throw invalid('end_date', `时间范围不得超过 ${MAX_RANGE_DAYS} 天 (range over ${MAX_RANGE_DAYS} days)`);
  }
  return { from, to };
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}：${message}`, { issues: [{ path, message }] });

async function present(options: FindOptions, rows: DemandRow[]): Promise<Open311Request[]> {
  const events = await latestEventsOf(
    options.db,
    rows.map((r) => r.id),
    NOTE_EVENTS,
  );
  const names = new Map(leafCategories(options.taxonomy).map((c) => [c.code, c.name]));
  const owners = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.ownerUnitId).filter((v): v is string => v !== null))) {
    owners.set(id, (await getUnitById(options.db, id))?.name ?? null);
  }
  return rows.map((demand) =>
    presentRequest({
      demand,
      latestEvent: events.get(demand.id),
      ownerName: demand.ownerUnitId ? (owners.get(demand.ownerUnitId) ?? null) : null,
      serviceName: demand.categoryCode ? (names.get(demand.categoryCode) ?? demand.categoryName) : null,
    }),
  );
}
