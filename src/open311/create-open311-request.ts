import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { intakeDemand } from '../demands/intake-demand.ts';
import type { IntakeInput } from '../demands/model.ts';
import { demandPolicy } from '../demands/policy.ts';
import type { DemandRow } from '../demands/tables.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitById } from '../jurisdiction/store.ts';
import { readAttributes, serviceCodeParam } from './catalog.ts';
import { CreateParams, type Open311Created, type Open311Params } from './model.ts';
import { serviceNotice } from './present.ts';

export interface CreateOpen311RequestOptions {
  ctx: Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;
  db: Db;
  /** The API key's machine user. */
  principal: Principal;
  districtCode: string;
  params: Open311Params;
  idempotencyKey?: string | null;
  requestId?: string | null;
}

/**
 * `POST requests`: turns a GeoReport v2 service request into a demand with channel `open311`
 * through the ordinary intake (same geolocation, routing, deadlines, audit), dispatched per the
 * suggestion. The service_code fixes the category, so the classifier is not asked to guess.
 */
export async function createOpen311Request(
  options: CreateOpen311RequestOptions,
): Promise<{ demand: DemandRow; created: Open311Created; replayed: boolean }> {
  authorize(options.principal, demandPolicy.create);
  const input = toIntakeInput(options.params, options.ctx.classifiers.taxonomy);
  const result = await intakeDemand({
    ctx: options.ctx,
    db: options.db,
    districtCode: options.districtCode,
    input,
    actor: { id: options.principal.userId, label: options.principal.username },
    idempotencyKey: options.idempotencyKey ?? null,
    requestId: options.requestId ?? null,
  });
  const demand = result.demand;
  const owner = demand.ownerUnitId ? await getUnitById(options.db, demand.ownerUnitId) : undefined;
  return {
    demand,
    replayed: result.replayed,
    created: {
      service_request_id: demand.code,
      // The demand's UUID: unguessable, needs no extra storage, and resolves to the public code.
      token: demand.id,
      service_notice: serviceNotice(demand, owner?.name ?? null),
      // Requesters have no account on the platform.
      account_id: null,
    },
  };
}

const scalar = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s;
};

/** Maps the spec's parameters onto the intake input; every problem is reported at once. */
export function toIntakeInput(
  params: Open311Params,
  taxonomy: AppContext['classifiers']['taxonomy'],
): IntakeInput {
  const fields = Object.fromEntries(
    Object.keys(CreateParams.shape).map((k) => [k, scalar(params[k])] as const),
  );
  const parsed = CreateParams.safeParse(fields);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (parsed.success) {
    const p = parsed.data;
    if ((p.lat === undefined) !== (p.long === undefined))
      issues.push({ path: 'lat', message: 'lat 与 long 须同时提供 (lat and long go together)' });
    if (p.lat === undefined && !p.address_string)
      issues.push({
        path: 'lat',
        message: '须提供位置：lat/long 或 address_string (a location is required)',
      });
  }
  if (!parsed.success || issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', '请求参数不符合要求 (invalid parameters)', { issues });
  }
  const p = parsed.data;
  // The catalogue check comes after the required-field check: a missing code is a 400, not a 404.
  const category = serviceCodeParam(taxonomy, p.service_code);
  const { type, urgent } = readAttributes(params);
  const description = p.description ?? '';
  // Intake needs five characters; a terse "路灯坏了" still says what and the category says where.
  const content = [...description].length >= 5 ? description : `【${category.path}】${description}`;
  const name = `${p.last_name ?? ''}${p.first_name ?? ''}`.trim();
  return {
    caller: { name: name || null, phone: p.phone ?? null },
    content,
    type,
    channel: 'open311',
    urgency: urgent ? 'urgent' : 'normal',
    address: p.address_string ?? null,
    point: p.lat !== undefined && p.long !== undefined ? { lng: p.long, lat: p.lat } : null,
    attachments: p.media_url ? [{ name: 'media_url', url: p.media_url }] : [],
    categoryCode: category.code,
    action: { kind: 'dispatch', coUnitCodes: [] },
  };
}
