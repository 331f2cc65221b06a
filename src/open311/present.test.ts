import { describe, expect, it } from 'vitest';
import type { DemandRow } from '../demands/tables.ts';
import {
  open311Status,
  parseOpen311Date,
  presentRequest,
  scrubFreeText,
  serviceNotice,
  statusesFor,
  statusNotes,
  toBeijingIso,
} from './present.ts';

const demand = (over: Partial<DemandRow> = {}): DemandRow =>
  ({
    id: '0190a000-0000-7000-8000-000000000001',
    code: 'JD260930ABCDEF',
    channel: 'open311',
    content: '井盖丢了，联系我13912345678',
    categoryCode: '0303',
    categoryName: '市政设施/井盖',
    callerName: '王小明',
    callerPhone: '13912345678',
    address: '鲁谷路74号院3号楼',
    lng: 116.2,
    lat: 39.9,
    attachments: [],
    status: 'dispatched',
    createdAt: new Date('2026-09-30T02:00:00Z'),
    updatedAt: new Date('2026-09-30T02:00:05Z'),
    closedAt: null,
    dueAt: new Date('2026-10-10T16:00:00Z'),
    ...over,
  }) as DemandRow;

describe('times', () => {
  it('writes Beijing time with its offset, whole seconds', () => {
    expect(toBeijingIso(new Date('2026-09-30T16:30:15.789Z'))).toBe('2026-10-01T00:30:15+08:00');
  });

  it('reads ISO-8601 with or without offset (Beijing assumed), bare dates, and a "+" lost in a query', () => {
    const at = '2026-10-01T00:00:00.000Z';
    expect(parseOpen311Date('2026-10-01T08:00:00+08:00')?.toISOString()).toBe(at);
    expect(parseOpen311Date('2026-10-01T00:00:00Z')?.toISOString()).toBe(at);
    expect(parseOpen311Date('2026-10-01T08:00:00')?.toISOString()).toBe(at);
    expect(parseOpen311Date('2026-10-01T08:00+0800')?.toISOString()).toBe(at);
    expect(parseOpen311Date('2026-10-01T08:00:00 08:00')?.toISOString()).toBe(at);
    expect(parseOpen311Date('2026-10-01')?.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(parseOpen311Date('yesterday')).toBeNull();
    expect(parseOpen311Date('2026-13-40')).toBeNull();
  });
});

describe('status', () => {
  it('is open until the demand is closed, answered, refused or merged', () => {
    expect(
      ['pending_dispatch', 'dispatched', 'in_progress', 'returned', 'replied'].map(open311Status),
    ).toEqual(Array(5).fill('open'));
    expect(['closed', 'answered', 'refused', 'merged'].map(open311Status)).toEqual(Array(4).fill('closed'));
    expect(statusesFor(['closed'])).toEqual(['closed', 'answered', 'refused', 'merged']);
    expect(statusesFor(['open', 'closed'])).toHaveLength(9);
  });

  it('notes come from the event type and structured data, never from free-text notes', () => {
    expect(statusNotes({ type: 'dispatched', data: { owner: { name: '鲁谷街道' } } })).toBe(
      '已派至鲁谷街道办理',
    );
    expect(statusNotes({ type: 'refused', data: { reason: 'emergency' } })).toContain('110');
    expect(statusNotes({ type: 'replied', data: { result: '已联系王先生（13912345678）' } })).not.toContain(
      '王',
    );
    expect(statusNotes({ type: 'due_soon', data: {} })).toBeNull();
    expect(statusNotes(null)).toBeNull();
  });
});

describe('presentRequest', () => {
  it('shows the request without caller data: address masked, numbers in the text masked', () => {
    const r = presentRequest({
      demand: demand(),
      latestEvent: { type: 'signed', data: {} },
      ownerName: '北京市石景山区城市管理委员会',
      serviceName: '井盖',
    });
    expect(r).toEqual({
      service_request_id: 'JD260930ABCDEF',
      status: 'open',
      status_notes: '承办单位正在办理',
      service_name: '井盖',
      service_code: '0303',
      description: '井盖丢了，联系我139****5678',
      agency_responsible: '北京市石景山区城市管理委员会',
      service_notice: null,
      requested_datetime: '2026-09-30T10:00:00+08:00',
      updated_datetime: '2026-09-30T10:00:05+08:00',
      expected_datetime: '2026-10-11T00:00:00+08:00',
      address: '鲁谷路****',
      lat: 39.9,
      long: 116.2,
      media_url: null,
    });
    expect(JSON.stringify(r)).not.toMatch(/王小明|13912345678|74号院/);
  });

  it('a closed request is updated at its close time', () => {
    const closedAt = new Date('2026-10-02T03:00:00Z');
    const r = presentRequest({
      demand: demand({ status: 'closed', closedAt, updatedAt: new Date('2026-10-03T00:00:00Z') }),
      latestEvent: { type: 'closed', data: {} },
      ownerName: null,
      serviceName: null,
    });
    expect(r).toMatchObject({
      status: 'closed',
      status_notes: '已办结',
      updated_datetime: '2026-10-02T11:00:00+08:00',
    });
  });

  it('scrubs mobiles, landlines and ID numbers but leaves other numbers', () => {
    expect(scrubFreeText('电话010-88886666，身份证110105199001011234，3号楼501')).toBe(
      '电话010****6666，身份证1101**********1234，3号楼501',
    );
  });

  it('tells the requester who handles it and by when', () => {
    expect(serviceNotice(demand(), '鲁谷街道')).toBe('已受理，派至鲁谷街道办理，办理时限至2026-10-11 00:00');
    expect(serviceNotice(demand({ status: 'pending_dispatch' }), null)).toBe('已受理，等待派单');
    expect(serviceNotice(demand({ status: 'refused' }), null)).toBe('已受理并办结');
  });
});
