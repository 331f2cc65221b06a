import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp } from '../factories.ts';
import { errorsOf, expectValid, parseXml, xmlToValue } from './helpers.ts';

let database: Database;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('Open311 discovery and services', () => {
  it('discovery names the spec, this endpoint and both formats', async () => {
    const json = await get('/open311/v2/discovery.json');
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['application/json', 'text/xml'],
    });
    expect(doc.endpoints[0].url).toMatch(/^http:\/\/.+\/open311\/v2$/);
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    const root = parseXml(xml.body);
    expect(root.name).toBe('discovery');
    const formats = root.children
      .find((c) => c.name === 'endpoints')
      ?.children[0]?.children.find((c) => c.name === 'formats');
    expect(formats?.children.map((f) => f.text)).toEqual(['application/json', 'text/xml']);
  });

  it('the schema check is not vacuous: it rejects a service with a wrong type or a bad date', () => {
    expect(() =>
      expectValid('service', { service_code: 101, service_name: 'x', metadata: true, type: 'realtime' }),
    ).toThrow();
    expect(() =>
      expectValid('services', [{ service_code: '1', service_name: 'x', type: 'realtime' }]),
    ).toThrow();
    expect(() =>
      expectValid('request', {
        service_request_id: '1',
        status: 'open',
        service_code: '1',
        requested_datetime: '2026-01-01 08:00',
      }),
    ).toThrow();
  });

  it('services.json validates against services.json and lists every level-2 category', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const services = res.json();
    expectValid('services', services);
    expect(services.length).toBeGreaterThan(50);
    expect(services[0]).toEqual({
      service_code: '0101',
      service_name: '乱堆物堆料',
      description: '市容环境/乱堆物堆料',
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('杂物'),
      group: '市容环境',
    });
  });

  it('services.xml carries the same services and, read back, validates against the same schema', async () => {
    const res = await get('/open311/v2/services.xml?jurisdiction_id=110107');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const root = parseXml(res.body);
    expect(root.name).toBe('services');
    expect(root.children.every((c) => c.name === 'service')).toBe(true);
    const services = xmlToValue(root, 'services');
    expectValid('services', services);
    expect(services).toEqual((await get('/open311/v2/services.json')).json());
  });

  it('a service definition has the 诉求类型 list and the urgent flag, in both formats', async () => {
    const json = await get('/open311/v2/services/0302.json');
    expect(json.statusCode).toBe(200);
    const definition = json.json();
    expectValid('service-definition', definition);
    expect(definition.service_code).toBe('0302');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual(['type', 'urgent']);
    expect(definition.attributes[0]).toMatchObject({
      datatype: 'singlevaluelist',
      required: false,
      order: 1,
      variable: true,
    });
    expect(definition.attributes[0].values).toContainEqual({ key: 'complaint', name: '投诉' });
    expect(definition.attributes[0].values).toHaveLength(6);
    const xml = await get('/open311/v2/services/0302.xml');
    const root = parseXml(xml.body);
    expect(root.name).toBe('service_definition');
    const back = xmlToValue(root, 'service-definition');
    expectValid('service-definition', back);
    expect(back).toEqual(definition);
  });

  it('an unknown service_code is 404 in the spec error format (JSON and XML)', async () => {
    const json = await get('/open311/v2/services/9999.json');
    expect(json.statusCode).toBe(404);
    expect(errorsOf(json)).toEqual([{ code: 404, description: expect.stringContaining('9999') }]);
    const xml = await get('/open311/v2/services/9999.xml');
    expect(xml.statusCode).toBe(404);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(errorsOf(xml)).toEqual([{ code: 404, description: expect.stringContaining('9999') }]);
  });

  it('jurisdiction_id: an unknown district is 404, a malformed one 400; unknown paths are Open311 404s', async () => {
    const unknown = await get('/open311/v2/services.json?jurisdiction_id=640104');
    expect(unknown.statusCode).toBe(404);
    expect(errorsOf(unknown)).toEqual([{ code: 404, description: expect.stringContaining('640104') }]);
    const bad = await get('/open311/v2/services.xml?jurisdiction_id=abc');
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)).toEqual([{ code: 400, description: expect.stringContaining('jurisdiction_id') }]);
    const nowhere = await get('/open311/v2/nothing.xml');
    expect(nowhere.statusCode).toBe(404);
    expect(errorsOf(nowhere)).toEqual([{ code: 404, description: expect.stringContaining('nothing.xml') }]);
    const format = await get('/open311/v2/services.html');
    expect(format.statusCode).toBe(400);
    expect(errorsOf(format)).toEqual([{ code: 400, description: expect.stringContaining('format') }]);
  });
});
