import { maskAddress, maskIdNumber, maskPhone } from '../core/privacy.ts';
import { type DemandStatus, REFUSAL_REASONS, type RefusalReason } from '../demands/model.ts';
import type { DemandEventRow, DemandRow } from '../demands/tables.ts';
import type { Open311Request } from './model.ts';

/**
 * Pure presenters from demands to GeoReport v2 requests. Allow-listed fields only: the caller's name
 * and phone never leave, the address keeps its street part, and free text is scrubbed of phone and
 * ID numbers because Open311 GETs are public.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** ISO-8601 with the +08:00 offset the district works in (China has one zone and no DST). */
export function toBeijingIso(date: Date): string {
  return `${new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Spec dates: full ISO-8601 with or without offset (none = Beijing time), or a bare date. */
export function parseOpen311Date(text: string): Date | null {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+\- ]\d{2}:?\d{2})?)?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const time = m[2] ?? '00:00:00';
  // A '+' sent unencoded in a query string arrives as a space: read it as the '+' it was.
  const offset = m[3]?.replace(/^ /, '+').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const zone = offset ?? '+08:00';
  const date = new Date(`${m[1]}T${time}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const CLOSED: ReadonlySet<DemandStatus> = new Set(['closed', 'answered', 'refused', 'merged']);

/** open while anyone still works on it (a reply awaiting its callback included), else closed. */
export function open311Status(status: string): 'open' | 'closed' {
  return CLOSED.has(status as DemandStatus) ? 'closed' : 'open';
}

/** The demand statuses behind an Open311 status filter. */
export function statusesFor(filter: readonly ('open' | 'closed')[]): DemandStatus[] {
  const all: DemandStatus[] = [
    'pending_dispatch',
    'dispatched',
    'in_progress',
    'returned',
    'replied',
    'closed',
    'answered',
    'refused',
    'merged',
  ];
  return all.filter((s) => filter.includes(open311Status(s)));
}

/** The events that change what a requester should be told (bookkeeping events are skipped). */
export const NOTE_EVENTS = [
  'created',
  'dispatched',
  'redispatched',
  'signed',
  'contacted',
  'returned',
  'return_approved',
  'return_rejected',
  'extension_approved',
  'replied',
  'callback',
  'closed',
  'answered',
  'refused',
  'reopened',
  'merged',
] as const;

const unitName = (v: unknown): string | null => {
  const name = (v as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? name : null;
};

/**
 * status_notes from the latest step. Built from the event's type and structured data only: staff
 * notes and reply texts are free text that may name the caller or neighbours, so they stay inside.
 */
export function statusNotes(event: Pick<DemandEventRow, 'type' | 'data'> | null | undefined): string | null {
  if (!event) return null;
  const d = event.data;
  switch (event.type) {
    case 'created':
      return '已受理，等待派单';
    case 'dispatched':
      return unitName(d.owner) ? `已派至${unitName(d.owner)}办理` : '已派单';
    case 'redispatched':
      return unitName(d.owner) ? `已转派至${unitName(d.owner)}办理` : '已转派';
    case 'signed':
    case 'contacted':
    case 'return_rejected':
      return '承办单位正在办理';
    case 'returned':
      return '承办单位申请退回，正在审核';
    case 'return_approved':
      return '已退回，等待重新派单';
    case 'extension_approved':
      return '办理时限已延长';
    case 'replied':
      return '承办单位已反馈办理结果，等待回访';
    case 'callback':
      return '已回访';
    case 'closed':
      return '已办结';
    case 'answered':
      return '已直接答复办结';
    case 'refused': {
      const reason = REFUSAL_REASONS[d.reason as RefusalReason];
      return reason ? `不予受理：${reason}` : '不予受理';
    }
    case 'reopened':
      return '回访未解决，已重新办理';
    case 'merged':
      return '与其他诉求合并办理';
    default:
      return null;
  }
}

/** Masks mobile numbers, landlines and ID-card numbers inside free text. */
export function scrubFreeText(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => maskIdNumber(m) ?? m)
    .replace(/(?<!\d)1\d{10}(?!\d)/g, (m) => maskPhone(m) ?? m)
    .replace(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, (m) => maskPhone(m) ?? m);
}

/** What a requester is told right after submitting: who handles it and by when. */
export function serviceNotice(demand: DemandRow, ownerName: string | null): string {
  if (open311Status(demand.status) === 'closed') return '已受理并办结';
  if (!ownerName) return '已受理，等待派单';
  const due = demand.dueAt ? `，办理时限至${toBeijingIso(demand.dueAt).slice(0, 16).replace('T', ' ')}` : '';
  return `已受理，派至${ownerName}办理${due}`;
}

/** A demand as a GeoReport v2 request. */
export function presentRequest(input: {
  demand: DemandRow;
  latestEvent: Pick<DemandEventRow, 'type' | 'data'> | null | undefined;
  ownerName: string | null;
  serviceName: string | null;
}): Open311Request {
  const d = input.demand;
  const status = open311Status(d.status);
  const updated = status === 'closed' ? (d.closedAt ?? d.updatedAt) : d.updatedAt;
  return {
    service_request_id: d.code,
    status,
    status_notes: statusNotes(input.latestEvent),
    service_name: input.serviceName,
    service_code: d.categoryCode ?? '',
    description: scrubFreeText(d.content),
    agency_responsible: input.ownerName,
    service_notice: null,
    requested_datetime: toBeijingIso(d.createdAt),
    updated_datetime: toBeijingIso(updated),
    expected_datetime: d.dueAt ? toBeijingIso(d.dueAt) : null,
    address: maskAddress(d.address),
    lat: d.lat,
    long: d.lng,
    media_url: d.attachments[0]?.url ?? null,
  };
}
