import { randomInt } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import type { IntakeOptions } from './intake-demand.ts';
import { type IntakeParsed, REFUSAL_REASONS } from './model.ts';
import { type DispatchUnit, planDispatch, unitOfDistrict } from './plan-dispatch.ts';
import { type PlannedEvent, planEvents } from './record-events.ts';
import { stateColumns } from './store.ts';
import type { DemandSuggestion } from './suggest-demand.ts';
import type { PreparedIntake } from './write-intakes.ts';

// Crockford base32 without I, L, O, U: read over the phone without confusion.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The caller's tracking code: date + 6 random characters (no personal data, not guessable in bulk). */
export function newTrackingCode(now = new Date()): string {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `JD${ymd}${tail}`;
}

/**
 * Everything a new demand writes — its row with the state folded from its first events (created,
 * then dispatched/answered/refused), its events, unit links, classifier feedback and audit — computed
 * before its transaction, so the transaction is only writes and can be shared (write-intakes.ts).
 * The reads here (owner and district units, calendar, time limits) are of set-up data.
 */
export async function prepareIntake(
  options: IntakeOptions,
  input: IntakeParsed,
  suggestion: DemandSuggestion,
  key: string | null,
  requestHash: string,
): Promise<PreparedIntake> {
  const { districtCode } = options;
  const category = suggestion.chosenCategory;
  const location = suggestion.location;
  const id = uuidv7();
  const now = new Date();
  const events: PlannedEvent[] = [
    {
      type: 'created',
      data: {
        channel: input.channel,
        category: category?.code ?? null,
        suggestedCategory: suggestion.categories[0]?.category ?? null,
        location: location
          ? {
              method: location.method,
              grid: location.grid?.code ?? null,
              street: location.street?.code ?? null,
            }
          : null,
      },
    },
  ];
  const action = input.action;
  if (action.kind === 'refuse') {
    events.push({
      type: 'refused',
      note: action.note ?? null,
      data: { reason: action.reason, reasonText: REFUSAL_REASONS[action.reason] },
    });
  } else if (action.kind === 'answer') {
    events.push({ type: 'answered', note: action.answer, data: { answer: action.answer } });
  } else if (action.kind === 'dispatch') {
    events.push(...(await planIntakeDispatch(options, input, suggestion, now)));
  }
  const code = newTrackingCode(now);
  const status = 'pending_dispatch';
  const plan = planEvents(
    { id, districtCode, code, channel: input.channel, status, eventCount: 0 },
    [],
    events,
    {
      actor: options.actor,
      requestId: options.requestId ?? null,
      auditAction: 'demand.create',
      auditDetails: { channel: input.channel, action: action.kind },
    },
  );
  return {
    row: {
      id,
      districtCode,
      code,
      channel: input.channel,
      type: input.type,
      urgency: input.urgency,
      content: input.content,
      categoryCode: category?.code ?? null,
      categoryName: category?.path ?? null,
      callerName: input.caller.name ?? null,
      callerPhone: input.caller.phone ?? null,
      address: input.address ?? null,
      lng: input.point?.lng ?? null,
      lat: input.point?.lat ?? null,
      gridId: location?.grid?.id ?? null,
      communityId: location?.community?.id ?? null,
      streetId: location?.street?.id ?? null,
      locationPath:
        location?.grid?.path ??
        location?.community?.path ??
        location?.street?.path ??
        `/${districtCode}000000/`,
      attachments: input.attachments,
      idempotencyKey: key,
      requestHash,
      createdBy: options.actor.id,
      createdAt: now,
      ...stateColumns(plan.state, plan.eventCount),
      updatedAt: now,
    },
    plan,
    // Only an operator's explicit category trains the classifier (a silent default would reinforce itself).
    feedback: input.categoryCode
      ? {
          id: uuidv7(),
          districtCode,
          demandId: id,
          text: input.content,
          categoryCode: input.categoryCode,
          suggested: suggestion.categories[0]?.category ?? null,
        }
      : null,
  };
}

/** The dispatch at intake: to the operator's unit, else the suggested one (with the district's copy). */
async function planIntakeDispatch(
  options: IntakeOptions,
  input: IntakeParsed,
  suggestion: DemandSuggestion,
  now: Date,
): Promise<PlannedEvent[]> {
  const { db, districtCode } = options;
  const action = input.action;
  if (action.kind !== 'dispatch') return [];
  const chosen = action.ownerUnitCode;
  // The suggested units are the routing context's (cached, of this district): nothing to read. The
  // operator's choice is read and checked.
  const owner: DispatchUnit | undefined = chosen
    ? await unitOfDistrict(db, districtCode, chosen)
    : suggestion.route.owner;
  if (!owner?.id) throw new AppError('UNPROCESSABLE', '无法确定承办单位 (no owner unit)');
  const co: DispatchUnit[] = chosen
    ? await Promise.all(action.coUnitCodes.map((c) => unitOfDistrict(db, districtCode, c)))
    : suggestion.route.co;
  const overridden = Boolean(chosen) && chosen !== suggestion.route.owner.code;
  return planDispatch(options.ctx, db, {
    districtCode,
    urgent: input.urgency === 'urgent',
    owner,
    co,
    complexity: suggestion.route.complexity,
    why: overridden ? ['受理员指定承办单位（覆盖系统建议）', ...suggestion.route.why] : suggestion.route.why,
    now,
    ...(chosen ? {} : { district: suggestion.districtUnit }),
    stamps: suggestion.stamps,
  });
}
