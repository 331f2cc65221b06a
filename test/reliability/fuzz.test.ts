import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { type Database, queryRows, sql } from '../../src/core/db/connection.ts';
import { ERROR_STATUS } from '../../src/core/errors.ts';
import type { App } from '../../src/http/server.ts';
import { issueMachineKey } from '../../src/jurisdiction/people/issue-machine-key.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { deepJsonText, int, mutate, nastyString, nastyValue, pick, type Rand, seeded } from './fuzz-gen.ts';
import { backendName, recordReliability } from './report.ts';

/**
 * Bad input on every public endpoint and importer, from a seeded generator (JIEDAO_FUZZ_CASES per
 * family, default 40; JIEDAO_FUZZ_SEED replays a run): oversized and deeply nested bodies, emoji and
 * lone surrogates, NUL bytes, full-width digits, NaN/out-of-range/boundary coordinates, SQL/HTML/log
 * injection, invalid transitions, replayed and late callbacks, batches past PostgreSQL's 65 535 bind
 * parameters. Every answer is a 2xx or a clear 4xx whose code is one of the stable codes with its
 * own status; nothing is ever a 5xx; and where every answer was a refusal, nothing stored changed.
 */
const CASES = Number(process.env.JIEDAO_FUZZ_CASES ?? 40);
const SEED = Number(process.env.JIEDAO_FUZZ_SEED ?? 20_261_121);
// the portal's bot checks and caps are exercised by its own tests; here they would hide the input checks
process.env.JIEDAO_PORTAL_MIN_FILL_MS = '0';
process.env.JIEDAO_PORTAL_PER_DISTRICT_PER_HOUR = '100000';
process.env.JIEDAO_PUBLIC_RATE_PER_MINUTE = '1000000';

let database: Database;
let app: App;
let hotline: string;
let admin: string;
let apiKey: string;
let tried = 0;
const failures: string[] = [];
/** The failures found since the test started (the report counts them all). */
let mark = 0;
const newFailures = () => failures.slice(mark);

/** Tables whose rows a refused request may legitimately touch (audit of the refusal, log-in counters). */
const VOLATILE = new Set([
  'audit_log',
  'audit_heads',
  'users',
  'sessions',
  'api_keys',
  '__drizzle_migrations',
]);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
  admin = await loginAs(app, 'admin');
  apiKey = (await issueMachineKey({ db: database.db, name: 'fuzz', actor: SYSTEM_ACTOR })).key;
});

beforeEach(() => {
  mark = failures.length;
});

afterAll(() => {
  recordReliability({
    kind: 'fuzz',
    backend: backendName(),
    cases: tried,
    failures: failures.length,
    seed: SEED,
  });
});

/** A digest of every table's contents (except the volatile ones): equal digests = nothing changed. */
async function snapshot(): Promise<Map<string, string>> {
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out = new Map<string, string>();
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    const [row] = await queryRows<{ d: string }>(
      database.db,
      sql.raw(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS d FROM "${name}" x`),
    );
    out.set(name, row?.d ?? '');
  }
  return out;
}

function changed(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a.keys()].filter((k) => a.get(k) !== b.get(k));
}

/**
 * Checks one answer: never 5xx; a 4xx carries a stable code whose status it has (Open311 keeps its
 * spec's own error list). Returns whether it was a refusal.
 */
function check(family: string, caseNo: number, res: LightMyRequestResponse, open311 = false): boolean {
  tried++;
  const where = `${family} #${caseNo} (seed ${SEED})`;
  if (res.statusCode >= 500) {
    failures.push(`${where}: ${res.statusCode} for ${lastSent}`);
    return true;
  }
  if (res.statusCode < 400) return false;
  let body: unknown;
  try {
    body = open311 && res.body.startsWith('<?xml') ? null : res.json();
  } catch {
    failures.push(`${where}: ${res.statusCode} without a JSON error body: ${res.body.slice(0, 120)}`);
    return true;
  }
  if (open311) {
    if (res.body.startsWith('<?xml')) {
      if (!res.body.includes('<errors>')) failures.push(`${where}: Open311 XML error not in the spec's form`);
      return true;
    }
    const list = body as { code?: number; description?: string }[];
    if (!Array.isArray(list) || typeof list[0]?.description !== 'string')
      failures.push(`${where}: Open311 error not in the spec's form: ${res.body.slice(0, 200)}`);
    return true;
  }
  const code = (body as { error?: { code?: string } }).error?.code;
  if (!code || !(code in ERROR_STATUS))
    failures.push(`${where}: unknown error code ${code}: ${res.body.slice(0, 200)}`);
  else if (ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== res.statusCode)
    failures.push(`${where}: ${code} answered with ${res.statusCode}`);
  return true;
}

/** Runs a family; when `mustRefuse`, every case must be refused and nothing stored may change. */
async function family(
  name: string,
  cases: number,
  send: (r: Rand, i: number) => Promise<LightMyRequestResponse>,
  options: {
    mustRefuse?: boolean;
    open311?: boolean;
    /** With mustRefuse: the case just sent was valid after all (the generator can produce one). */
    validCase?: () => boolean;
  } = {},
): Promise<void> {
  const before = await snapshot();
  let allRefused = true;
  for (let i = 0; i < cases; i++) {
    const r = seeded(SEED * 1000 + hash(name) + i);
    const res = await send(r, i);
    const refused = check(name, i, res, options.open311);
    allRefused &&= refused;
    if (options.mustRefuse && !refused && !options.validCase?.())
      failures.push(
        `${name} #${i} (seed ${SEED}): accepted (${res.statusCode}) what must be refused: ${lastSent}`,
      );
  }
  if (allRefused) {
    const diff = changed(before, await snapshot());
    if (diff.length > 0) failures.push(`${name}: refused requests changed stored data in ${diff.join(', ')}`);
  }
}

let lastSent = '';
let gridsFileValid = false;

/**
 * The oracle for the grid-import family: a file the importer must accept — features whose code is the
 * demo grid's, whose name (if any) is a string of at most 100 characters (a blank one gets the default) and
 * whose geometry is the one
 * well-formed polygon the generator can produce.
 */
function isValidGridFile(body: unknown): boolean {
  const fc = body as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0)
    return false;
  return fc.features.every(
    (f: { properties?: Record<string, unknown>; geometry?: Record<string, unknown> }) => {
      const name = f.properties?.name;
      const nameOk = name === undefined || (typeof name === 'string' && name.length <= 100); // blank: the default name
      const ring = JSON.stringify(f.geometry?.coordinates);
      return (
        f.properties?.code === '110107001003001' &&
        nameOk &&
        f.geometry?.type === 'Polygon' &&
        ring === '[[[116.2,39.9],[116.3,39.9],[116.3,40],[116.2,39.9]]]'
      );
    },
  );
}
/** app.inject, remembering what was sent (a failure message shows it). */
const inj = (opts: InjectOptions): Promise<LightMyRequestResponse> => {
  const body = typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload ?? '');
  lastSent = `${opts.method ?? 'GET'} ${String(opts.url).slice(0, 200)} ${body.slice(0, 300)}`;
  return app.inject(opts);
};
/** URL-encodes anything, lone surrogates included (they go out as the invalid UTF-8 bytes ED A0 80). */
const enc = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  ).replaceAll('%EF%BF%BD', '%ED%A0%80');

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 100_000;
const ip = (r: Rand) => `198.51.${int(r, 0, 255)}.${int(r, 1, 254)}`;

const VALID_INTAKE = {
  caller: { name: '王先生', phone: '13912345678' },
  content: '小区门口路灯不亮，夜间出行不便',
  type: '投诉',
  address: '八宝山街道玉泉路西社区',
  point: { lng: 116.24, lat: 39.9 },
  action: { kind: 'record' },
};

// a family of CASES requests takes up to ~20 ms a case on a loaded machine (the importers parse files)
describe('bad input never breaks anything', { timeout: 60_000 + CASES * 40 }, () => {
  it('the HTTP envelope: oversized, deeply nested, malformed and mistyped bodies', async () => {
    const cases: [string, () => Promise<LightMyRequestResponse>][] = [
      [
        'oversized body',
        () =>
          inj({
            method: 'POST',
            url: '/api/public/demands',
            headers: { 'content-type': 'application/json' },
            payload: `{"content":"${'x'.repeat(11 * 1024 * 1024)}"}`,
          }),
      ],
      ...[1_000, 100_000].map(
        (depth) =>
          [
            `JSON nested ${depth} deep`,
            () =>
              inj({
                method: 'POST',
                url: '/api/demands',
                headers: { cookie: hotline, 'content-type': 'application/json' },
                payload: `{"caller":${deepJsonText(depth)}}`,
              }),
          ] as [string, () => Promise<LightMyRequestResponse>],
      ),
      [
        'broken JSON',
        () =>
          inj({
            method: 'POST',
            url: '/api/auth/login',
            headers: { 'content-type': 'application/json' },
            payload: '{"username": "admin", "password": ',
          }),
      ],
      [
        'JSON with 1e999',
        () =>
          inj({
            method: 'POST',
            url: '/api/demands',
            headers: { cookie: hotline, 'content-type': 'application/json' },
            payload: JSON.stringify(VALID_INTAKE).replace('116.24', '1e999'),
          }),
      ],
      [
        'prototype pollution',
        () =>
          inj({
            method: 'POST',
            url: '/api/auth/login',
            headers: { 'content-type': 'application/json' },
            payload:
              '{"username":"admin","password":"x","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
          }),
      ],
      [
        'wrong content type',
        () =>
          inj({
            method: 'POST',
            url: '/api/demands',
            headers: { cookie: hotline, 'content-type': 'text/xml' },
            payload: '<demand/>',
          }),
      ],
      [
        'unknown route',
        () => inj({ method: 'POST', url: '/api/%00../../etc/passwd', headers: { cookie: hotline } }),
      ],
    ];
    const before = await snapshot();
    for (const [i, [name, send]] of cases.entries()) {
      const res = await send();
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      check(`envelope: ${name}`, i, res);
    }
    expect(changed(before, await snapshot())).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(newFailures()).toEqual([]);
  });

  it('a NUL character or a lone surrogate in any field is a 400, never a database error', async () => {
    const before = await snapshot();
    const bad = ['a\u0000b', '\uD800', 'x\uDFFFy'];
    for (const [i, value] of bad.entries()) {
      for (const [j, [url, payload, cookie]] of (
        [
          ['/api/demands', { ...VALID_INTAKE, content: `小区路灯不亮${value}请处理` }, hotline],
          ['/api/demands', { ...VALID_INTAKE, caller: { name: value } }, hotline],
          ['/api/auth/login', { username: value, password: value }, undefined],
          ['/api/task-plans/parse', { text: `1.${value}` }, admin],
        ] as [string, object, string | undefined][]
      ).entries()) {
        const res = await inj({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
        expect(res.statusCode, `${url} ${JSON.stringify(value)}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        check('forbidden characters', i * 10 + j, res);
      }
    }
    expect(changed(before, await snapshot())).toEqual([]);
  });

  it('log-in with hostile user names and passwords', async () => {
    await family(
      'login',
      CASES,
      (r) =>
        inj({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: nastyValue(r), password: nastyValue(r) } as object,
          remoteAddress: ip(r),
        }),
      { mustRefuse: true },
    );
    expect(newFailures()).toEqual([]);
  });

  it('the public portal: submit, rate and track with hostile fields', async () => {
    const token = async () => (await inj({ url: '/api/public/portal' })).json().formToken as string;
    await family('portal submit', CASES, async (r, i) => {
      const valid = {
        formToken: await token(),
        secret: `FUZZ${String(i).padStart(8, '0')}`.toUpperCase().replace(/[ILOU]/g, '0'),
        name: '李女士',
        phone: '13912345678',
        type: '投诉',
        content: '楼下餐馆油烟很大，影响居民生活，希望处理',
        address: '八宝山街道玉泉路西社区',
        point: { lng: 116.24, lat: 39.9 },
      };
      return inj({
        method: 'POST',
        url: '/api/public/demands',
        payload: mutate(r, valid) as object,
        remoteAddress: ip(r),
      });
    });
    await family(
      'portal rating',
      CASES,
      (r) =>
        inj({
          method: 'POST',
          url: `/api/public/demands/${enc(pick(r, ['JD261121AAAAAA', nastyString(r)]))}/rating`,
          payload: mutate(r, { secret: 'ABCDEFGHJK', resolved: true, satisfaction: '满意' }) as object,
          remoteAddress: ip(r),
        }),
      { mustRefuse: true },
    );
    await family(
      'portal tracking',
      CASES,
      (r) =>
        inj({
          url: `/api/public/demands/${enc(nastyString(r).slice(0, 500) || 'x')}`,
          remoteAddress: ip(r),
        }),
      { mustRefuse: true },
    );
    await family('portal statistics', CASES, (r) =>
      inj({
        url: `/api/public/statistics?period=${enc(nastyString(r).slice(0, 200))}&district=${enc(nastyString(r).slice(0, 50))}`,
        remoteAddress: ip(r),
      }),
    );
    expect(newFailures()).toEqual([]);
  });

  it('Open311: create with hostile parameters (form and JSON), query with hostile filters', async () => {
    await family(
      'open311 create',
      CASES,
      (r) => {
        const params = mutate(r, {
          api_key: apiKey,
          service_code: '0101',
          lat: '39.9',
          long: '116.24',
          description: '路面破损，车辆通行困难',
          phone: '13912345678',
        });
        if (r() < 0.5) {
          const form = new URLSearchParams();
          for (const [k, v] of Object.entries(params))
            form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
          return inj({
            method: 'POST',
            url: '/open311/v2/requests.json',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: form.toString(),
          });
        }
        return inj({ method: 'POST', url: '/open311/v2/requests.json', payload: params as object });
      },
      { open311: true },
    );
    await family(
      'open311 query',
      CASES,
      (r) => {
        const q = new URLSearchParams();
        for (const k of ['service_request_id', 'service_code', 'start_date', 'end_date', 'status'])
          if (r() < 0.6) q.set(k, nastyString(r).slice(0, 2000));
        if (r() < 0.2)
          q.set(
            'service_request_id',
            Array.from({ length: int(r, 900, 70_000) }, (_, n) => `JD2611${n}`).join(','),
          );
        return inj({ url: `/open311/v2/requests.${pick(r, ['json', 'xml'])}?${q}` });
      },
      { open311: true },
    );
    expect(newFailures()).toEqual([]);
  });

  it('intake and geolocation with hostile fields and coordinates (NaN, out of range, boundaries)', async () => {
    await family('intake', CASES, (r, i) =>
      inj({
        method: 'POST',
        url: '/api/demands',
        headers: { cookie: hotline, 'idempotency-key': `fuzz-${SEED}-${i}` },
        payload: mutate(r, VALID_INTAKE) as object,
      }),
    );
    await family('locate', CASES, (r) =>
      inj({
        url: `/api/geo/locate?lng=${enc(String(nastyValue(r)).slice(0, 100))}&lat=${enc(String(pick(r, ['NaN', '-91', '90', '39.9', 'Infinity', '1e400', nastyString(r).slice(0, 50)])))}`,
        headers: { cookie: hotline },
      }),
    );
    expect(newFailures()).toEqual([]);
  });

  it('invalid transitions, replayed and late callbacks are refused with 409 and change nothing', async () => {
    const created = await inj({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: hotline, 'idempotency-key': 'fuzz-lifecycle' },
      payload: { ...VALID_INTAKE, action: { kind: 'answer', answer: '已电话答复来电人' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const kinds = [
      'dispatch',
      'sign',
      'contact',
      'reply',
      'callback',
      'close',
      'return',
      'redispatch',
      'reopen',
      'merge',
      'review_return',
      'review_extension',
      'add_co',
      'escalate',
      'nonsense',
    ];
    await family(
      'transitions on an answered (closed) demand',
      CASES,
      (r) =>
        inj({
          method: 'POST',
          url: `/api/demands/${id}/actions`,
          headers: { cookie: pick(r, [hotline, admin]) },
          payload: mutate(r, {
            kind: pick(r, kinds),
            reached: true,
            resolved: true,
            satisfaction: '满意',
            note: '回访',
            result: '已处理完毕',
            reason: '不属本单位职责',
          }) as object,
        }),
      { mustRefuse: true },
    );
    // a replayed callback (the same closing callback again) and a late one after closing: 409
    const street = await loginAs(app, 'street');
    const d = await inj({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: hotline, 'idempotency-key': 'fuzz-replay' },
      payload: { ...VALID_INTAKE, action: { kind: 'dispatch', ownerUnitCode: '110107001000' } },
    });
    const did = d.json().id as string;
    const act = (cookie: string, payload: object) =>
      inj({ method: 'POST', url: `/api/demands/${did}/actions`, headers: { cookie }, payload });
    expect((await act(street, { kind: 'sign' })).statusCode).toBe(200);
    expect((await act(street, { kind: 'reply', result: '已修复路灯，恢复照明' })).statusCode).toBe(200);
    const callback = { kind: 'callback', reached: true, resolved: true, satisfaction: 'satisfied' };
    const closed = await act(hotline, callback);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const before = await snapshot();
    for (const [i, late] of [
      callback,
      { ...callback, satisfaction: 'unsatisfied', resolved: false },
      { kind: 'reply', result: '迟到的办理反馈内容' },
    ].entries()) {
      const res = await act(i === 2 ? street : hotline, late);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
      check('replayed or late callback', i, res);
    }
    expect(changed(before, await snapshot())).toEqual([]);
    expect(newFailures()).toEqual([]);
  });

  it('importers refuse hostile files whole (GeoJSON grids, CSV lists, holiday notices, plans)', async () => {
    await family(
      'grids import',
      CASES,
      (r) => {
        const feature = () => ({
          type: 'Feature',
          properties: mutate(r, { code: '110107001003001', name: '网格' }),
          geometry: {
            type: pick(r, ['Polygon', 'MultiPolygon', 'Point', nastyString(r)]),
            coordinates: pick(r, [
              [
                [
                  [116.2, 39.9],
                  [116.3, 39.9],
                  [116.3, 40],
                  [116.2, 39.9],
                ],
              ],
              [
                [
                  [Number.NaN, 39.9],
                  [200, 91],
                  [116.2, 39.9],
                ],
              ],
              [
                [
                  [116.2, 39.9],
                  [116.3, 39.9],
                ],
              ],
              nastyValue(r),
            ]),
          },
        });
        const body =
          r() < 0.2
            ? nastyValue(r)
            : { type: 'FeatureCollection', features: Array.from({ length: int(r, 0, 5) }, feature) };
        gridsFileValid = isValidGridFile(body);
        return inj({
          method: 'POST',
          url: '/api/grids/import',
          headers: { cookie: admin },
          payload: body as object,
        });
      },
      // the mutations sometimes leave a valid file (an extra property, a hostile but well-formed name)
      { mustRefuse: true, validCase: () => gridsFileValid },
    );
    await family('lists import', CASES, (r) =>
      inj({
        method: 'POST',
        url: '/api/lists/import',
        headers: { cookie: admin },
        payload: mutate(r, {
          kind: 'community_access',
          title: '测试清单',
          approvingDocument: '测试文件',
          effectiveFrom: '2026-01-01',
          format: 'csv',
          content: `编号,事项名称,类别,依据\n${nastyString(r).slice(0, 5000)},${nastyString(r).slice(0, 500)},,\n`,
        }) as object,
      }),
    );
    await family('holiday notice', CASES, (r) =>
      inj({
        method: 'POST',
        url: '/api/calendar/overrides',
        headers: { cookie: admin },
        payload: mutate(r, {
          scope: 'district',
          notice: nastyString(r).slice(0, 20_000),
          source: '测试',
        }) as object,
      }),
    );
    await family('plan parse', CASES, (r) =>
      inj({
        method: 'POST',
        url: '/api/task-plans/parse',
        headers: { cookie: admin },
        payload: {
          text: `${nastyString(r)}\n1.${nastyString(r)}（牵头单位：${nastyString(r).slice(0, 100)}）`,
        },
      }),
    );
    expect(newFailures()).toEqual([]);
  });

  it("batches past PostgreSQL's 65 535 bind parameters are refused cleanly or stored whole", {
    timeout: 300_000,
  }, async () => {
    // a list of 30 000 rows × 4 columns = 120 000 values
    const rows = Array.from({ length: 30_000 }, (_, n) => `FZ-${n},事项${n},类别,依据`).join('\n');
    const list = await inj({
      method: 'POST',
      url: '/api/lists/import',
      headers: { cookie: admin },
      payload: {
        kind: 'community_access',
        title: '大清单',
        approvingDocument: '测试文件',
        effectiveFrom: '2026-01-01',
        format: 'csv',
        content: `编号,事项名称,类别,依据\n${rows}\n`,
      },
    });
    check('bind limit: list of 30 000 rows', 0, list);
    // a plan with 20 000 tasks
    const tasks = Array.from(
      { length: 20_000 },
      (_, n) => `${n + 1}.完成第${n + 1}项工作。（牵头单位：区民政局；完成时间：2026年12月）`,
    ).join('\n');
    const plan = await inj({
      method: 'POST',
      url: '/api/task-plans',
      headers: { cookie: admin },
      payload: { text: `测试任务分解方案\n${tasks}` },
    });
    check('bind limit: plan of 20 000 tasks', 1, plan);
    // a grid file with 20 000 features
    // valid codes: 20 000 new grids spread over the district's communities (≤ 999 each)
    const communities = await queryRows<{ code: string }>(
      database.db,
      sql`SELECT code FROM org_units WHERE district_code = '110107' AND level = 'community' ORDER BY code`,
    );
    const features = Array.from({ length: 20_000 }, (_, n) => ({
      type: 'Feature',
      properties: {
        code: `${communities[n % communities.length]?.code}${String(500 + Math.floor(n / communities.length)).padStart(3, '0')}`,
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.2, 39.9],
            [116.21, 39.9],
            [116.21, 39.91],
            [116.2, 39.9],
          ],
        ],
      },
    }));
    const grids = await inj({
      method: 'POST',
      url: '/api/grids/import',
      headers: { cookie: admin },
      payload: { type: 'FeatureCollection', features },
    });
    check('bind limit: 20 000 grid features', 2, grids);
    // stored whole, or not at all
    if (list.statusCode === 201) expect(list.json().itemCount).toBe(30_000);
    if (grids.statusCode === 200) expect(grids.json().created + grids.json().updated).toBe(20_000);
    console.log(
      `bind-parameter batches: list ${list.statusCode} ${list.json().error?.code ?? ''}, plan ${plan.statusCode} ${plan.json().error?.code ?? ''}, grids ${grids.statusCode} ${grids.json().error?.code ?? ''}`,
    );
    expect(newFailures()).toEqual([]);
  });
});
