import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff, call, pngBytes, tempFilesDir, upload } from './helpers.ts';

/**
 * GET /api/files/:id for a grid event's photos: the department the event was dispatched to reads
 * them — those attached at the report and those the reporter adds later (a failed verification) —
 * while another department, another street and another district are refused.
 */
let app: App;
const c: Record<string, string> = {};
const GRID = '110107001003001'; // the demo grid worker's grid
const DEPT = '110107D007'; // 区城市管理委员会 (the demo department user's)
const HRSS = '110107D021'; // 区人力资源社会保障局: unrelated to the event

beforeAll(async () => {
  const database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await seedDemo({ db: database.db, division: '640104', actor: SYSTEM_ACTOR, usernamePrefix: 'b.' });
  await addStaff(database, 'dept.hrss', HRSS, 'dept_handler', '吴承办');
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['grid', 'community', 'street', 'street2', 'dept', 'dept.hrss', 'b.admin', 'b.dept'])
    c[u] = await loginAs(app, u);
});

const act = (who: string, id: string, body: unknown) =>
  call(app, c[who] as string, 'POST', `/api/grid-events/${id}/actions`, body);
const download = (who: string, fileId: string) =>
  app.inject({ url: `/api/files/${fileId}`, headers: { cookie: c[who] as string } });

describe("a grid event's photos and the department handling it", () => {
  let eventId = '';
  let photoId = '';

  it('before dispatch, a department cannot open the reporter’s photo', async () => {
    photoId = (await upload(app, c.grid as string, pngBytes('pothole'))).json().id;
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      {
        categoryCode: 'B0103',
        description: '人行道井盖缺失，夜间有跌落风险',
        gridCode: GRID,
        address: '玉泉路西社区5号楼东侧',
        photos: [photoId],
      },
      201,
    );
    eventId = e.id;
    const early = await download('dept', photoId);
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      message: expect.stringContaining('无权访问本辖区以外的数据'),
      details: { action: 'file.read' },
    });
  });

  it('once dispatched to it, the handler department reads the photo; another department does not', async () => {
    await act('community', eventId, { kind: 'escalate', note: '需区城管委处置' });
    await act('street', eventId, { kind: 'register' });
    const d = await act('street', eventId, { kind: 'dispatch', handlerUnitCode: DEPT });
    expect(d.handler).toMatchObject({ code: DEPT, kind: 'department' });

    const handler = await download('dept', photoId);
    expect(handler.statusCode).toBe(200);
    expect(handler.rawPayload.equals(pngBytes('pothole'))).toBe(true);

    for (const who of ['dept.hrss', 'street2']) {
      const refused = await download(who, photoId);
      expect(refused.statusCode, who).toBe(403);
      expect(refused.json().error).toMatchObject({
        code: 'FORBIDDEN_SCOPE',
        details: { action: 'file.read' },
      });
    }
  });

  it('a photo the reporter adds after dispatch (failed verification) is readable by the handler too', async () => {
    await act('dept', eventId, { kind: 'dispose', result: '已放置警示锥' });
    const reworkPhoto = (await upload(app, c.grid as string, pngBytes('still-open'))).json().id;
    const rework = await act('grid', eventId, {
      kind: 'verify',
      passed: false,
      note: '井盖仍未补装',
      evidence: [reworkPhoto],
    });
    expect(rework.status).toBe('dispatched');
    const handler = await download('dept', reworkPhoto);
    expect(handler.statusCode).toBe(200);
    expect(handler.rawPayload.equals(pngBytes('still-open'))).toBe(true);
    const other = await download('dept.hrss', reworkPhoto);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN_SCOPE');
    // the location side keeps its access
    expect((await download('community', reworkPhoto)).statusCode).toBe(200);
  });

  it('another district cannot see that the photos exist', async () => {
    for (const who of ['b.admin', 'b.dept']) {
      const res = await download(who, photoId);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('附件'),
      });
    }
  });
});
