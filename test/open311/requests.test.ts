import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { auditLog } from '../../src/core/audit/tables.ts';
import { findUserByUsername } from '../../src/core/auth/users-store.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { getDemandByCode } from '../../src/demands/store.ts';
import type { App } from '../../src/http/server.ts';
import { initJurisdiction } from '../../src/jurisdiction/init-jurisdiction.ts';
import { createApiKey } from '../../src/jurisdiction/people/create-api-key.ts';
import { issueMachineKey } from '../../src/jurisdiction/people/issue-machine-key.ts';
import { openTestDatabase } from '../db.ts';
import { act, call, pointIn } from '../demands/helpers.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { errorsOf, expectValid, parseXml, xmlToValue } from './helpers.ts';

let database: Database;
let app: App;
let apiKey: string;
let point: { lng: number; lat: number };
const GRID = '110107001003001'; // 玉泉路西社区第1网格, 八宝山街道

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  apiKey = (await issueMachineKey({ db: database.db, name: '测试网关', actor: SYSTEM_ACTOR })).key;
  point = await pointIn(database, GRID);
});

const form = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();

const post = (format: 'json' | 'xml', fields: Record<string, string | number>, headers = {}) =>
  app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
  });

const get = (url: string) => app.inject({ method: 'GET', url });

describe('POST requests → a demand, read back by id and by token', () => {
  let id: string;
  let token: string;

  it('creates an open311 demand dispatched like a hotline call and answers the tracking tuple', async () => {
    const res = await post('json', {
      api_key: apiKey,
      service_code: '0101',
      lat: point.lat,
      long: point.lng,
      address_string: '玉泉路西社区3号楼2单元501',
      first_name: '小明',
      last_name: '王',
      phone: '13912345678',
      email: 'wang@example.com',
      description: '楼道里堆满了杂物，我的电话13912345678，请尽快清理',
      media_url: 'https://img.example.com/1.jpg',
      'attribute[type]': 'complaint',
      'attribute[urgent]': 'false',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json();
    expect(Object.keys(created)).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
    expect(created.service_request_id).toMatch(/^JD\d{6}[0-9A-Z]{6}$/);
    expect(created.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.service_notice).toContain('八宝山街道');
    expect(created.account_id).toBeNull();
    ({ service_request_id: id, token } = created);

    const demand = await getDemandByCode(database.db, id);
    expect(demand).toMatchObject({
      channel: 'open311',
      type: '投诉',
      urgency: 'normal',
      categoryCode: '0101',
      status: 'dispatched',
      callerName: '王小明',
      callerPhone: '13912345678',
      attachments: [{ name: 'media_url', url: 'https://img.example.com/1.jpg' }],
    });
    const machine = await findUserByUsername(database.db, 'api-110107');
    expect(demand?.createdBy).toBe(machine?.id);
  });

  it('GET requests/{id}.json validates and shows status, notes, agency and deadline, but no caller data', async () => {
    const res = await get(`/open311/v2/requests/${id}.json`);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expectValid('requests', list);
    const [request] = list;
    expectValid('request', request);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '已派至八宝山街道办理',
      service_name: '乱堆物堆料',
      service_code: '0101',
      agency_responsible: '八宝山街道',
      address: '玉泉路西社区****',
      media_url: 'https://img.example.com/1.jpg',
    });
    expect(request.lat).toBeCloseTo(point.lat, 6);
    expect(request.long).toBeCloseTo(point.lng, 6);
    expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(request.expected_datetime).toMatch(/\+08:00$/);
    expect(request.description).toContain('139****5678');
    for (const secret of ['王小明', '13912345678', 'wang@example.com', '3号楼2单元501'])
      expect(res.body).not.toContain(secret);
  });

  it('GET requests/{id}.xml carries the same request and validates once read back', async () => {
    const res = await get(`/open311/v2/requests/${id}.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    const root = parseXml(res.body);
    expect(root.name).toBe('service_requests');
    expect(root.children.map((c) => c.name)).toEqual(['request']);
    const back = xmlToValue(root, 'requests');
    expectValid('requests', back);
    expect(back).toEqual((await get(`/open311/v2/requests/${id}.json`)).json());
  });

  it('GET tokens/{token} gives the service_request_id in both formats; an unknown token is 404', async () => {
    const json = await get(`/open311/v2/tokens/${token}.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual([{ service_request_id: id, token }]);
    const xml = parseXml((await get(`/open311/v2/tokens/${token}.xml`)).body);
    expect(xml.name).toBe('service_requests');
    const request = xml.children[0];
    expect(request?.children.map((c) => [c.name, c.text])).toEqual([
      ['service_request_id', id],
      ['token', token],
    ]);
    const unknown = await get('/open311/v2/tokens/00000000-0000-7000-8000-000000000000.json');
    expect(unknown.statusCode).toBe(404);
    expect(errorsOf(unknown)).toEqual([{ code: 404, description: expect.stringContaining('token') }]);
  });

  it('an unknown id is 404; a JSON body and an X-API-Key header work too; Idempotency-Key replays', async () => {
    const missing = await get('/open311/v2/requests/JD000000AAAAAA.xml');
    expect(missing.statusCode).toBe(404);
    expect(errorsOf(missing)).toEqual([
      { code: 404, description: expect.stringContaining('JD000000AAAAAA') },
    ]);
    const body = {
      service_code: '0302',
      address_string: '鲁谷街道某小区门口',
      description: '路灯坏了',
      attribute: { urgent: true, type: '求助' },
    };
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        headers: { 'x-api-key': apiKey, 'idempotency-key': 'gw-0001' },
        payload: body,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const root = parseXml(first.body);
    expect(root.name).toBe('service_requests');
    const code = root.children[0]?.children.find((c) => c.name === 'service_request_id')?.text as string;
    expect((await getDemandByCode(database.db, code))?.content).toBe('【市政设施/路灯照明】路灯坏了');
    const again = parseXml((await send()).body);
    expect(again.children[0]?.children.find((c) => c.name === 'service_request_id')?.text).toBe(code);
    expect(await getDemandByCode(database.db, code)).toMatchObject({ urgency: 'urgent', type: '求助' });
  });
});

describe('errors in the spec format', () => {
  it('a bad or missing api_key is 403 (JSON and XML)', async () => {
    const fields = { service_code: '0101', lat: point.lat, long: point.lng, description: '楼道堆放杂物严重' };
    const bad = await post('json', { ...fields, api_key: 'jd_not-a-key' });
    expect(bad.statusCode).toBe(403);
    expect(bad.headers['content-type']).toContain('application/json');
    expect(bad.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const badXml = await post('xml', { ...fields, api_key: 'jd_not-a-key' });
    expect(badXml.statusCode).toBe(403);
    expect(badXml.body).toMatch(/<errors>\s*<error>\s*<code>403<\/code>\s*<description>[^<]*api_key/);
    expect(errorsOf(badXml)).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const none = await post('xml', fields);
    expect(none.statusCode).toBe(403);
    const header = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'x-api-key': 'jd_bad' },
      payload: fields,
    });
    expect(header.statusCode).toBe(403);
    expect(errorsOf(header)).toEqual([{ code: 403, description: expect.any(String) }]);
  });

  it('a valid key whose user may not create demands is 403 and the denial is audited', async () => {
    const auditor = await findUserByUsername(database.db, 'auditor');
    const { key } = await createApiKey({
      db: database.db,
      userId: auditor?.id as string,
      name: 'read-only',
      actor: SYSTEM_ACTOR,
    });
    const res = await post('json', { api_key: key, service_code: '0101', address_string: '八宝山街道' });
    expect(res.statusCode).toBe(403);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorLabel, 'auditor')));
    expect(rows.map((r) => r.targetId)).toContain('POST /open311/v2/requests.json');
  });

  it('a missing location, half a coordinate or bad parameters are 400, one error per problem', async () => {
    const missing = await post('json', {
      api_key: apiKey,
      service_code: '0101',
      description: '楼道堆放杂物严重',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual([{ code: 400, description: expect.stringContaining('lat/long') }]);
    const half = await post('xml', { api_key: apiKey, service_code: '0101', lat: 39.9 });
    expect(half.statusCode).toBe(400);
    expect(errorsOf(half)).toEqual([{ code: 400, description: expect.stringContaining('long') }]);
    const several = await post('json', {
      api_key: apiKey,
      service_code: '0101',
      lat: 'north',
      long: 116.2,
      phone: 'call me',
      'attribute[colour]': 'red',
    });
    expect(several.statusCode).toBe(400);
    expect(several.json().map((e: { description: string }) => e.description.split(':')[0])).toEqual([
      'lat',
      'phone',
    ]);
    const attr = await post('json', {
      api_key: apiKey,
      service_code: '0101',
      lat: 39.9,
      long: 116.2,
      'attribute[colour]': 'x',
    });
    expect(attr.statusCode).toBe(400);
    expect(attr.json()[0].description).toContain('attribute[colour]');
  });

  it('an unknown or missing service_code on POST is 400', async () => {
    const unknown = await post('json', {
      api_key: apiKey,
      service_code: '9999',
      lat: point.lat,
      long: point.lng,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual([{ code: 400, description: expect.stringContaining('9999') }]);
    const missing = await post('xml', { api_key: apiKey, lat: point.lat, long: point.lng });
    expect(missing.statusCode).toBe(400);
    expect(errorsOf(missing)).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
  });
});

describe('GET requests: filters, and status following the demand', () => {
  let code: string;
  let demandId: string;

  it('lists only Open311 requests, filtered by service_code, status, dates and ids', async () => {
    const hotline = await loginAs(app, 'hotline');
    const call311 = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      {
        content: '楼道里堆满杂物，请社区清理',
        type: '投诉',
        point,
      },
      201,
    );
    const [created] = (
      await post('json', {
        api_key: apiKey,
        service_code: '0101',
        lat: point.lat,
        long: point.lng,
        description: '楼道里又堆满了杂物',
      })
    ).json();
    code = created.service_request_id;
    demandId = created.token;

    const all = await get('/open311/v2/requests.json');
    expect(all.statusCode).toBe(200);
    const items = all.json();
    expectValid('requests', items);
    expect(items.map((r: { service_request_id: string }) => r.service_request_id)).toContain(code);
    expect(items.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      call311.code,
    );

    const lamps = (await get('/open311/v2/requests.json?service_code=0302')).json();
    expect(lamps).toHaveLength(1);
    expect(lamps[0].service_code).toBe('0302');
    expect((await get('/open311/v2/requests.json?status=closed')).json()).toEqual([]);
    const future = (await get('/open311/v2/requests.json?start_date=2030-01-01T00:00:00+08:00')).json();
    expect(future).toEqual([]);
    const ids = (
      await get(`/open311/v2/requests.json?service_request_id=${code},JD000000AAAAAA&status=closed`)
    ).json();
    expect(ids.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([code]);
    const xml = xmlToValue(parseXml((await get('/open311/v2/requests.xml?status=open')).body), 'requests');
    expectValid('requests', xml);
    expect(xml).toEqual((await get('/open311/v2/requests.json?status=open')).json());
  });

  it('refuses ranges over 90 days, bad dates and bad statuses with 400', async () => {
    const wide = await get('/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-06-01');
    expect(wide.statusCode).toBe(400);
    expect(wide.json()[0].description).toContain('90');
    const bad = await get('/open311/v2/requests.xml?start_date=yesterday');
    expect(errorsOf(bad)).toEqual([{ code: 400, description: expect.stringContaining('start_date') }]);
    const status = await get('/open311/v2/requests.json?status=pending');
    expect(status.statusCode).toBe(400);
    const unknown = await get('/open311/v2/requests.json?service_code=9999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual([{ code: 400, description: expect.stringContaining('9999') }]);
  });

  it('open while dispatched and handled, closed (with the close time) after the satisfied callback', async () => {
    const street = await loginAs(app, 'street');
    const hotline = await loginAs(app, 'hotline');
    await act(app, street, demandId, { kind: 'sign' });
    let [r] = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(r).toMatchObject({ status: 'open', status_notes: '承办单位正在办理' });
    await act(app, street, demandId, { kind: 'reply', result: '已组织物业清理楼道杂物，恢复通行' });
    [r] = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(r).toMatchObject({ status: 'open', status_notes: '承办单位已反馈办理结果，等待回访' });
    const closed = await act(app, hotline, demandId, {
      kind: 'callback',
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.status).toBe('closed');
    [r] = (await get(`/open311/v2/requests/${code}.json`)).json();
    expectValid('request', r);
    const xml = parseXml((await get(`/open311/v2/requests/${code}.xml`)).body);
    expect(xml.children[0]?.children.find((c) => c.name === 'status')?.text).toBe('closed');
    expect(r).toMatchObject({ status: 'closed', status_notes: '已办结' });
    // Spec times are whole seconds.
    expect(Date.parse(r.updated_datetime)).toBe(Math.floor(Date.parse(closed.closedAt) / 1000) * 1000);
    const onlyClosed = (await get('/open311/v2/requests.json?status=closed')).json();
    expect(onlyClosed.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([code]);
  });
});

describe('several districts', () => {
  it('GETs without a key then need jurisdiction_id; a key only serves its own district', async () => {
    await initJurisdiction({ db: database.db, division: '640104', actor: SYSTEM_ACTOR });
    const noId = await get('/open311/v2/services.json');
    expect(noId.statusCode).toBe(400);
    expect(errorsOf(noId)).toEqual([{ code: 400, description: expect.stringContaining('jurisdiction_id') }]);
    expect((await get('/open311/v2/services.json?jurisdiction_id=640104')).statusCode).toBe(200);
    expect((await get('/open311/v2/requests.json?jurisdiction_id=640104')).json()).toEqual([]);
    expect((await get(`/open311/v2/requests.json?api_key=${apiKey}`)).json().length).toBeGreaterThan(0);
    const other = await post('json', {
      api_key: apiKey,
      jurisdiction_id: '640104',
      service_code: '0101',
      address_string: '兴庆区',
    });
    expect(other.statusCode).toBe(403);
  });
});
