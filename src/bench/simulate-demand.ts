import type { WorkCalendar } from '../core/calendar/index.ts';
import type { LeafCategory } from '../demands/classify/taxonomy.ts';
import { computeDeadlines, type DemandTimeLimits } from '../demands/deadlines.ts';
import {
  applyEvent,
  assertTransition,
  type DemandEventRecord,
  type DemandState,
  type EventType,
  initialState,
} from '../demands/lifecycle.ts';
import { REFUSAL_REASONS } from '../demands/model.ts';
import { type RoutingContext, type RoutingUnit, suggestRoute } from '../demands/routing.ts';
import type { City, CityCommunity, CityGrid, CityStreet } from './city.ts';
import { exponential, seededUuidv7, type WeightedPicker } from './random.ts';
import { CALLER_SURNAMES, demandText } from './texts.ts';

/**
 * One synthetic demand with its whole life up to `until`: intake, dispatch by the real routing rules
 * with deadlines on the real working calendar, sign-for, contact, reply, callback, close — with late
 * steps, re-dispatches, overdue marks, appeals and re-opened demands in realistic shares. Every event
 * is checked against the lifecycle's transition table and the cache columns are the real fold.
 */

export interface SimulationContext {
  city: City;
  categories: WeightedPicker<LeafCategory>;
  communities: WeightedPicker<{ street: CityStreet; community: CityCommunity }>;
  routing: RoutingContext;
  calendar: WorkCalendar;
  limits: DemandTimeLimits;
  /** The generated world's "now": nothing happens at or after it. */
  until: number;
}

export interface DemandRowValues {
  id: string;
  code: string;
  channel: string;
  type: string;
  urgency: string;
  content: string;
  categoryCode: string;
  categoryName: string;
  callerName: string;
  callerPhone: string;
  address: string;
  lng: number;
  lat: number;
  gridId: string;
  communityId: string;
  streetId: string;
  locationPath: string;
  createdAt: Date;
  state: DemandState;
  eventCount: number;
  updatedAt: Date;
}
export interface EventRowValues {
  id: string;
  demandId: string;
  seq: number;
  type: string;
  at: Date;
  actorLabel: string;
  unitId: string | null;
  note: string | null;
  data: Record<string, unknown>;
}
export interface UnitLinkValues {
  demandId: string;
  unitId: string;
  unitPath: string;
  role: 'owner' | 'co' | 'copy' | 'former_owner';
}

export interface SimulatedDemand {
  demand: DemandRowValues;
  events: EventRowValues[];
  links: UnitLinkValues[];
}

const HOUR = 3600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
const TYPE_WEIGHTS = [0.22, 0.16, 0.4, 0.07, 0.11, 0.04];
const CHANNELS = [
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'web',
  'mobile',
  'grid',
];

type Ref = { id: string; path: string; code: string; name: string };
const ref = (u: { id: string; path: string; code: string; name: string }): Ref => ({
  id: u.id,
  path: u.path,
  code: u.code,
  name: u.name,
});

/** The public tracking code: date + the demand's number in base 32 (unique within a generation). */
function trackingCode(at: number, n: number): string {
  const ymd = new Date(at + 8 * HOUR).toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0, v = n; i < 6; i++, v = Math.floor(v / 32)) tail = CODE_ALPHABET[v % 32] + tail;
  return `JD${ymd}${tail}`;
}

const pickType = (r: number) => {
  let acc = 0;
  for (const [i, w] of TYPE_WEIGHTS.entries()) {
    acc += w;
    if (r < acc) return TYPES[i] as (typeof TYPES)[number];
  }
  return TYPES[0];
};

export function simulateDemand(
  ctx: SimulationContext,
  n: number,
  createdAtMs: number,
  random: () => number,
): SimulatedDemand {
  const { street, community } = ctx.communities.pick(random);
  const grid = community.grids[Math.floor(random() * community.grids.length)] as CityGrid;
  const category = ctx.categories.pick(random);
  const id = seededUuidv7(createdAtMs, random);
  const type = pickType(random());
  const urgent = random() < 0.03;
  const content = demandText(category, community.name, random);
  const lng = grid.centre[0] + (random() - 0.5) * grid.cellW * 0.3;
  const lat = grid.centre[1] + (random() - 0.5) * grid.cellH * 0.3;

  const events: EventRowValues[] = [];
  const links = new Map<string, UnitLinkValues>();
  let state = initialState();
  const until = ctx.until;
  const link = (unit: { id: string; path: string }, role: UnitLinkValues['role']) =>
    links.set(`${unit.id}:${role}`, { demandId: id, unitId: unit.id, unitPath: unit.path, role });
  /** Appends an event if it happens before `until`; false once the story has reached "now". */
  const push = (
    type: EventType,
    at: number,
    data: Record<string, unknown> = {},
    extra: { unitId?: string | null; note?: string | null } = {},
  ): boolean => {
    if (at >= until) return false;
    const record: DemandEventRecord = { type, at: new Date(at), data };
    assertTransition(state, type, events.length);
    state = applyEvent(state, record);
    events.push({
      id: seededUuidv7(at, random),
      demandId: id,
      seq: events.length + 1,
      type,
      at: record.at,
      actorLabel: 'bench:gen',
      unitId: extra.unitId ?? null,
      note: extra.note ?? null,
      data,
    });
    if (state.owner) link(state.owner, 'owner');
    for (const co of state.coUnits) link(co, 'co');
    return true;
  };
  const dispatchData = (
    owner: RoutingUnit,
    co: Ref[],
    at: number,
    complexity: 'general' | 'complex',
    why: string[],
  ) => {
    const d = computeDeadlines(ctx.calendar, ctx.limits, {
      from: new Date(at),
      urgent,
      roundTheClock: owner.flags.includes('24x7'),
      complexity,
    });
    return {
      data: {
        owner: ref(owner),
        coUnits: co.filter((c) => c.id !== owner.id),
        dueAt: d.dueAt.toISOString(),
        signDueAt: d.signDueAt.toISOString(),
        contactDueAt: d.contactDueAt.toISOString(),
        timeLimit: d.timeLimit,
        why,
        calendarWarnings: d.warnings,
      },
      due: d,
    };
  };

  const t0 = createdAtMs;
  const channel = CHANNELS[Math.floor(random() * CHANNELS.length)] as string;
  push('created', t0, {
    channel,
    category: category.code,
    suggestedCategory: category.code,
    location: { method: 'point', grid: grid.code, street: street.code },
  });
  const roll = random();
  if ((type === '咨询' && roll < 0.6) || (type === '求助' && roll < 0.1)) {
    const answer = '已向市民解答相关政策及办理渠道';
    push('answered', t0, { answer }, { note: answer });
  } else if (roll > 0.98) {
    const reason = random() < 0.5 ? 'emergency' : 'outside_remit';
    push('refused', t0, { reason, reasonText: REFUSAL_REASONS[reason] });
  } else {
    const route = suggestRoute(ctx.routing, {
      categoryCode: category.code,
      categoryName: category.path,
      streetId: street.id,
    });
    let owner: RoutingUnit = route.owner;
    const dispatched = dispatchData(owner, route.co.map(ref), t0, route.complexity, route.why);
    push('dispatched', t0, dispatched.data, { unitId: owner.id });
    if (owner.level === 'street') {
      push(
        'copied',
        t0,
        { unit: ref(ctx.city.district), reason: '直派街乡，抄送区政府' },
        { unitId: ctx.city.district.id },
      );
      link(ctx.city.district, 'copy');
    }
    let dispatchAt = t0;
    let due = dispatched.due;
    const dueAt = due.dueAt.getTime();
    // 6 % of a street's demands go down to the community where they happened.
    if (owner.level === 'street' && random() < 0.06) {
      const at = t0 + 20 * MINUTE + random() * 70 * MINUTE;
      const target: RoutingUnit = {
        id: community.id,
        code: community.code,
        name: community.name,
        path: community.path,
        level: 'community',
        servesUnitId: null,
        parentId: street.id,
        flags: [],
      };
      const again = dispatchData(target, [], at, route.complexity, [`${street.name}转派`]);
      const { dueAt: _keep, ...data } = again.data;
      const from = ref(owner);
      if (push('redispatched', at, { ...data, coUnits: [ref(owner)], from }, { unitId: target.id })) {
        link(from, 'former_owner');
        owner = target;
        dispatchAt = at;
        due = { ...again.due, dueAt: due.dueAt };
      }
    }
    handle(dispatchAt, due.signDueAt.getTime(), due.contactDueAt.getTime(), dueAt, owner, 0);
  }

  /** Sign-for, contact, reply, overdue mark, callback and what follows it; `round` 1 after a re-open. */
  function handle(
    from: number,
    signDue: number,
    contactDue: number,
    dueAt: number,
    owner: RoutingUnit,
    round: number,
  ) {
    const signAt =
      random() < 0.08
        ? signDue + HOUR * (0.2 + random() * 8)
        : from + Math.min(exponential(random, 45 * MINUTE), signDue - from);
    const contactAt =
      random() < 0.05
        ? Math.max(signAt, contactDue) + HOUR * (1 + random() * 23)
        : signAt + Math.min(exponential(random, 3 * HOUR), Math.max(0, contactDue - signAt));
    const span = Math.max(HOUR, dueAt - from);
    const replyAt = Math.max(
      contactAt,
      random() < 0.07 ? dueAt + DAY * (0.2 + random() * 4) : from + span * (0.15 + random() * 0.8),
    );
    // The sweeper marked it overdue at its limit (the generated history includes the sweeper's work).
    const overdueAt = dueAt < replyAt ? dueAt : Number.POSITIVE_INFINITY;
    const steps: [number, () => boolean][] = [
      [signAt, () => push('signed', signAt, {}, { unitId: owner.id })],
      [contactAt, () => push('contacted', contactAt, {}, { unitId: owner.id, note: '已电话联系诉求人' })],
      [
        overdueAt,
        () =>
          push('overdue', overdueAt) &&
          push('callback_scheduled', overdueAt, { reason: '办理时限届满，安排回访' }),
      ],
      [
        replyAt,
        () =>
          push(
            'replied',
            replyAt,
            { result: '已到现场核实并处理完毕', evidence: [] },
            { unitId: owner.id, note: '已到现场核实并处理完毕' },
          ),
      ],
    ];
    steps.sort((a, b) => a[0] - b[0]);
    for (const [at, step] of steps) if (Number.isFinite(at) && !step()) return;
    const cbAt = replyAt + HOUR * (1 + random() * 35);
    const reached = random() < 0.9;
    const resolved = reached ? random() < 0.83 : null;
    const r = random();
    const satisfaction = !reached
      ? null
      : resolved
        ? r < 0.78
          ? 'satisfied'
          : r < 0.95
            ? 'basically_satisfied'
            : 'unsatisfied'
        : r < 0.1
          ? 'satisfied'
          : r < 0.35
            ? 'basically_satisfied'
            : 'unsatisfied';
    if (!push('callback', cbAt, { reached, resolved, satisfaction })) return;
    if (reached && resolved && satisfaction !== 'unsatisfied') {
      push('closed', cbAt, { by: 'callback' });
      return;
    }
    const next = cbAt + DAY * (0.5 + random());
    const bad = reached && (resolved === false || satisfaction === 'unsatisfied');
    const fate = random();
    if (bad && fate < 0.08) {
      if (!push('appealed', next, { reason: '诉求超出政策范围' }, { unitId: owner.id })) return;
      const verdict = random() < 0.5 ? 'appeal_approved' : 'appeal_denied';
      if (!push(verdict, next + DAY)) return;
      push('closed', next + DAY, {}, { note: '申诉审核后办结' });
    } else if (bad && fate < 0.2 && round === 0) {
      const again = dispatchData(owner, [], next, 'general', ['回访不满意/未解决，重办']);
      const { coUnits: _co, ...data } = again.data;
      if (!push('reopened', next, data, { unitId: owner.id })) return;
      handle(
        next,
        again.due.signDueAt.getTime(),
        again.due.contactDueAt.getTime(),
        again.due.dueAt.getTime(),
        owner,
        1,
      );
    } else push('closed', next, {}, { note: '回访后办结' });
  }

  const last = events[events.length - 1] as EventRowValues;
  const surname = CALLER_SURNAMES[Math.floor(random() * CALLER_SURNAMES.length)] as string;
  return {
    demand: {
      id,
      code: trackingCode(t0, n),
      channel,
      type,
      urgency: urgent ? 'urgent' : 'normal',
      content,
      categoryCode: category.code,
      categoryName: category.path,
      callerName: `${surname}${random() < 0.5 ? '先生' : '女士'}`,
      callerPhone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      address: `${street.name}${community.name}`,
      lng,
      lat,
      gridId: grid.id,
      communityId: community.id,
      streetId: street.id,
      locationPath: grid.path,
      createdAt: new Date(t0),
      state,
      eventCount: events.length,
      updatedAt: last.at,
    },
    events,
    links: [...links.values()],
  };
}
