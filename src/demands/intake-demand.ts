import { createHash, randomInt } from 'node:crypto';
import type { AuditActor } from '../core/audit/append-audit.ts';
import { canonicalJson } from '../core/audit/hash.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import type { AppContext } from '../http/context.ts';
import {
  type IntakeInput,
  type IntakeParsed,
  IntakeInput as IntakeSchema,
  REFUSAL_REASONS,
} from './model.ts';
import { type DispatchUnit, planDispatch, unitOfDistrict } from './plan-dispatch.ts';
import { type PlannedEvent, planEvents } from './record-events.ts';
import { findByIdempotencyKey, stateColumns } from './store.ts';
import { type DemandSuggestion, suggestDemand } from './suggest-demand.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';
import { intakeWriterFor, type PreparedIntake, writeIntake } from './write-intakes.ts';

export interface IntakeOptions {
  ctx: Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;
  db: Db;
  districtCode: string;
  input: IntakeInput;
  actor: AuditActor;
  idempotencyKey?: string | null;
  requestId?: string | null;
}

export interface IntakeResult {
  demand: DemandRow;
  suggestion: DemandSuggestion | null;
  /** True when the Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
  /**
   * For a new demand: its events and unit-link paths as the transaction stored them (all it has), so
   * the response needs no second read. Absent on a replay.
   */
  created?: { events: DemandEventRow[]; unitPaths: string[] };
}

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
 * 受理: creates a demand from a call (or any channel) in ONE transaction — the demand, its events
 * (created, then dispatched/answered/refused), the classifier feedback and the audit row — so an
 * acknowledged demand is never half-written. The same Idempotency-Key always yields the same demand.
 * Concurrent intakes of a district share their transaction (group commit, write-intakes.ts).
 */
export async function intakeDemand(options: IntakeOptions): Promise<IntakeResult> {
  const input = IntakeSchema.parse(options.input);
  const { db, districtCode } = options;
  // Announced to the district's writer at once: concurrent intakes then commit together.
  const ticket = intakeWriterFor(db, districtCode)?.expect() ?? null;
  try {
    const key = options.idempotencyKey?.trim() || null;
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
    if (key) {
      const existing = await findByIdempotencyKey(db, districtCode, key);
      if (existing) return replay(existing, requestHash);
    }
    const suggestion = await suggestDemand(options.ctx, db, {
      districtCode,
      content: input.content,
      address: input.address,
      point: input.point,
      categoryCode: input.categoryCode,
      duplicates: false,
    });
    const prepared = await prepareIntake(options, input, suggestion, key, requestHash);
    try {
      const written = await writeIntake(db, prepared, ticket);
      return {
        demand: written.demand,
        suggestion,
        replayed: false,
        created: { events: written.events, unitPaths: prepared.plan.linkedPaths },
      };
    } catch (err) {
      // Two retries racing with the same key: the loser reads the winner's demand.
      if (key && isUniqueViolation(err)) {
        const existing = await findByIdempotencyKey(db, districtCode, key);
        if (existing) return replay(existing, requestHash);
      }
      throw err;
    }
  } finally {
    ticket?.withdraw(); // a no-op once submitted; else the writer stops waiting for this one
  }
}

/**
 * Everything a new demand writes — its row with the state folded from its first events (created,
 * then dispatched/answered/refused), its events, unit links, classifier feedback and audit — computed
 * before its transaction, so the transaction is only writes and can be shared (write-intakes.ts).
 * The reads here (owner and district units, calendar, time limits) are of set-up data.
 */
async function prepareIntake(
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

function replay(existing: DemandRow, requestHash: string): IntakeResult {
  if (existing.requestHash && existing.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_MISMATCH',
      'Idempotency-Key 已用于内容不同的请求 (key reused with a different body)',
      {
        code: existing.code,
      },
    );
  }
  return { demand: existing, suggestion: null, replayed: true };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}
