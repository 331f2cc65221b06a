import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { pointIn } from '../demands/helpers.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { attempt, COMMUNITY, call, GRID } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
let demandCode: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'community', 'grid', 'street', 'street2', 'hotline', 'dept'])
    c[u] = await loginAs(app, u);
  const demand = await call(
    app,
    c.hotline as string,
    'POST',
    '/api/demands',
    {
      content: '3号院门口没有路灯，晚上老人出门摔倒过，希望安装路灯',
      type: '建议',
      point: await pointIn(database, GRID),
    },
    201,
  );
  demandCode = demand.code;
});

describe('a resident proposal gathers supports and becomes a consultation topic', () => {
  const s: Record<string, string> = {};

  it('the district sets the support threshold; a community worker may not', async () => {
    const denied = await attempt(app, c.community as string, 'PUT', '/api/participation/settings', {
      topicSupportThreshold: 3,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { action: 'participation_settings.update' },
    });
    const set = await call(app, c.admin as string, 'PUT', '/api/participation/settings', {
      topicSupportThreshold: 3,
    });
    expect(set.topicSupportThreshold).toBe(3);
  });

  it('the community records a proposal linked to a 12345 demand; the proposer is masked and is the first support', async () => {
    const t = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/topics',
      {
        communityCode: COMMUNITY,
        title: '3号院门口安装路灯',
        description: '3号院门口没有路灯，夜间老人出行不便，已有居民摔倒，建议安装路灯。',
        proposerName: '张秀英',
        proposerPhone: '13900001111',
        demandCodes: [demandCode],
      },
      201,
    );
    expect(t).toMatchObject({
      status: 'collecting',
      statusName: '征集附议中',
      supportCount: 1,
      supportThreshold: 3,
      proposerName: '张**',
      proposerPhone: '139****1111',
    });
    expect(t.demandIds).toHaveLength(1);
    s.topic = t.id;
  });

  it('a proposal still gathering supports cannot go on an agenda', async () => {
    const early = await attempt(app, c.community as string, 'POST', '/api/participation/meetings', {
      communityCode: COMMUNITY,
      title: '社区议事园议事会',
      plannedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      topicIds: [s.topic],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(early.body.error.message).toContain('附议 1/3');
  });

  it('supports: once per person, only within the jurisdiction; the threshold makes it a topic', async () => {
    const url = `/api/participation/topics/${s.topic}/supports`;
    const two = await call(app, c.community as string, 'POST', url, {
      name: '李国强',
      phone: '13900002222',
      household: '3-101',
    });
    expect(two).toMatchObject({ supportCount: 2, status: 'collecting' });
    const again = await attempt(app, c.community as string, 'POST', url, {
      name: '李国强',
      phone: '13900002222',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ALREADY_SUPPORTED',
      message: expect.stringContaining('已附议'),
    });
    const outside = await attempt(app, c.street2 as string, 'POST', url, {
      name: '王五',
      phone: '13900003333',
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN_SCOPE');
    // a grid worker's jurisdiction is their grid: the community's topics lie outside it
    const grid = await attempt(app, c.grid as string, 'POST', url, { name: '赵敏', household: '3-202' });
    expect(grid.status).toBe(403);
    expect(grid.body.error.code).toBe('FORBIDDEN_SCOPE');
    const three = await call(app, c.community as string, 'POST', url, { name: '赵敏', household: '3-202' });
    expect(three).toMatchObject({ supportCount: 3, status: 'topic', statusName: '待上会' });
    expect(three.becameTopicAt).toEqual(expect.any(String));
    const detail = await call(app, c.community as string, 'GET', `/api/participation/topics/${s.topic}`);
    expect(detail.supports.map((x: { name: string }) => x.name)).toEqual(['张**', '李**', '赵*']);
  });

  it('the proposer’s full name and phone: only with a reason, for the community’s staff, audited', async () => {
    const url = `/api/participation/topics/${s.topic}/reveal`;
    const grid = await attempt(app, c.grid as string, 'POST', url, { reason: '电话回访' });
    expect(grid.status).toBe(403);
    expect(grid.body.error.code).toBe('FORBIDDEN');
    const full = await call(app, c.community as string, 'POST', url, { reason: '会前电话通知提议人' });
    expect(full).toEqual({ name: '张秀英', phone: '13900001111', idNumber: null });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'participation.reveal_personal_data'),
          eq(auditLog.targetId, s.topic as string),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toEqual({ reason: '会前电话通知提议人' });
  });

  describe('a meeting resolves it into a 民意立项 project', () => {
    it('the community schedules the meeting with the topic on the agenda', async () => {
      const m = await call(
        app,
        c.community as string,
        'POST',
        '/api/participation/meetings',
        {
          communityCode: COMMUNITY,
          kind: 'deliberation',
          title: '社区议事园议事会',
          plannedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          place: '社区党群服务中心',
          topicIds: [s.topic],
        },
        201,
      );
      expect(m).toMatchObject({
        status: 'scheduled',
        kindName: '议事会',
        topics: [{ id: s.topic, status: 'scheduled' }],
      });
      s.meeting = m.id;
    });

    it('a record that leaves an agenda topic undecided, or is dated in the future, is refused', async () => {
      const url = `/api/participation/meetings/${s.meeting}/record`;
      const base = {
        heldAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
        minutes: '居民代表讨论3号院门口安装路灯事宜，一致同意申报民意立项。',
        attendance: [{ name: '张秀英', category: 'resident_rep' }],
      };
      const undecided = await attempt(app, c.community as string, 'POST', url, { ...base, resolutions: [] });
      expect(undecided.status).toBe(422);
      expect(undecided.body.error).toMatchObject({ code: 'AGENDA_UNRESOLVED', details: { ids: [s.topic] } });
      const future = await attempt(app, c.community as string, 'POST', url, {
        ...base,
        heldAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(future.status).toBe(400);
      expect(future.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('the record: sign-in sheet (masked), minutes, a project resolution with owner and due date', async () => {
      const m = await call(
        app,
        c.community as string,
        'POST',
        `/api/participation/meetings/${s.meeting}/record`,
        {
          heldAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
          minutes: '居民代表讨论3号院门口安装路灯事宜，一致同意申报民意立项，由社区牵头实施。',
          attendance: [
            { name: '张秀英', category: 'resident_rep' },
            { name: '李国强', category: 'resident' },
            { name: '物业经理', category: 'unit', organisation: '物业服务中心', present: false },
          ],
          resolutions: [
            {
              topicId: s.topic,
              content: '同意申报民意立项：在3号院门口安装路灯2盏',
              kind: 'project',
              ownerName: '刘社工',
              budgetYuan: 12000,
              dueWithinWorkingDays: 30,
            },
          ],
        },
      );
      expect(m).toMatchObject({ status: 'held', presentCount: 2, topics: [{ status: 'resolved' }] });
      expect(m.attendance.map((a: { name: string }) => a.name)).toEqual(['张**', '李**', '物***']);
      const [r] = m.resolutions;
      expect(r).toMatchObject({
        kind: 'project',
        ownerName: '刘社工',
        status: 'in_progress',
        overdue: false,
      });
      expect(r.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.followUps[0].note).toContain('已形成民意立项');
      s.resolution = r.id;
      s.project = r.projectId;
      const twice = await attempt(
        app,
        c.community as string,
        'POST',
        `/api/participation/meetings/${s.meeting}/record`,
        {
          heldAt: new Date(Date.now() - 3600_000).toISOString(),
          minutes: '重复记录的会议纪要内容。',
          attendance: [{ name: '张秀英', category: 'resident_rep' }],
        },
      );
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('已记录'),
      });
    });

    it('the project carries the topic and the demand that raised it and waits for the street’s approval', async () => {
      const p = await call(app, c.community as string, 'GET', `/api/participation/projects/${s.project}`);
      expect(p).toMatchObject({
        title: '3号院门口安装路灯',
        status: 'approving',
        statusName: '待立项审批',
        budgetYuan: 12000,
        meetingId: s.meeting,
        resolutionId: s.resolution,
        topics: [{ id: s.topic }],
        demands: [{ code: demandCode }],
        allowedActions: ['cancel'],
      });
      expect(p.steps.map((x: { type: string }) => x.type)).toEqual(['created', 'consulted']);
      const street = await call(app, c.street as string, 'GET', `/api/participation/projects/${s.project}`);
      expect(street.allowedActions).toEqual(['approve', 'reject', 'cancel']);
    });
  });

  describe('the project completes through milestones (rolled up over a sub-project) and is evaluated', () => {
    const act = (who: string, id: string, body: unknown) =>
      attempt(app, c[who] as string, 'POST', `/api/participation/projects/${id}/actions`, body);

    it('approval is the street’s, within its own jurisdiction', async () => {
      const approve = {
        kind: 'approve',
        feasibility: '现场踏勘：具备供电条件，纳入社区公益金项目',
        budgetYuan: 12000,
        milestones: [
          { title: '选址与方案公示', weight: 1 },
          { title: '安装施工', weight: 3 },
        ],
      };
      const own = await act('community', s.project as string, approve);
      expect(own.status).toBe(403);
      expect(own.body.error).toMatchObject({
        code: 'FORBIDDEN',
        details: { action: 'opinion_project.approve' },
      });
      const other = await act('street2', s.project as string, approve);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('FORBIDDEN_SCOPE');
      const ok = await act('street', s.project as string, approve);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'implementing',
        progress: 0,
        feasibility: expect.stringContaining('供电'),
      });
      const again = await act('street', s.project as string, approve);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('实施中'),
        details: { status: 'implementing', step: 'approved' },
      });
    });

    it('a sub-project under it, approved on its own', async () => {
      const child = await call(
        app,
        c.community as string,
        'POST',
        '/api/participation/projects',
        {
          unitCode: COMMUNITY,
          parentId: s.project,
          title: '3号院门口路灯配套线路改造',
          description: '为新装路灯敷设地下电缆并加装漏电保护装置',
        },
        201,
      );
      expect(child).toMatchObject({ status: 'approving', parentId: s.project });
      s.child = child.id;
      const ok = await act('street', child.id, {
        kind: 'approve',
        feasibility: '线路改造与路灯安装同步实施',
        milestones: [{ title: '电缆敷设' }],
      });
      expect(ok.status).toBe(200);
    });

    it('progress rolls up: the parent counts its milestones by weight and the sub-project by its own', async () => {
      const parent = await call(
        app,
        c.community as string,
        'GET',
        `/api/participation/projects/${s.project}`,
      );
      const [m1, m2] = parent.milestones;
      let r = await act('community', s.project as string, {
        kind: 'report_progress',
        milestoneId: m1.id,
        progress: 100,
        note: '方案已公示 7 天',
      });
      expect(r.body.progress).toBe(20); // (1×100 + 3×0 + 1×0) / 5
      const childDetail = await call(
        app,
        c.community as string,
        'GET',
        `/api/participation/projects/${s.child}`,
      );
      r = await act('community', s.child as string, {
        kind: 'report_progress',
        milestoneId: childDetail.milestones[0].id,
        progress: 100,
        note: '电缆已敷设',
      });
      expect(r.body.progress).toBe(100);
      const parentNow = await call(
        app,
        c.community as string,
        'GET',
        `/api/participation/projects/${s.project}`,
      );
      expect(parentNow.progress).toBe(40); // (1×100 + 3×0 + 1×100) / 5
      // the sub-project is at 100 % but not completed: the parent cannot complete over it
      r = await act('community', s.project as string, { kind: 'complete' });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({
        code: 'PROGRESS_INCOMPLETE',
        message: expect.stringContaining('子项目'),
        details: { open: [s.child] },
      });
      r = await act('community', s.child as string, { kind: 'complete' });
      expect(r.body).toMatchObject({ status: 'completed', statusName: '待居民评价' });
      // nor over its own unfinished milestone
      r = await act('community', s.project as string, { kind: 'complete' });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'PROGRESS_INCOMPLETE', details: { open: [m2.id] } });
      r = await act('community', s.project as string, {
        kind: 'report_progress',
        milestoneId: m2.id,
        progress: 60,
        note: '灯杆已立',
      });
      expect(r.body.progress).toBe(76); // (100 + 3×60 + 100) / 5
      r = await act('community', s.project as string, {
        kind: 'report_progress',
        milestoneId: m2.id,
        progress: 100,
        note: '已通电',
      });
      expect(r.body.progress).toBe(100);
      r = await act('community', s.project as string, {
        kind: 'report_progress',
        milestoneId: m2.id,
        progress: 100,
        note: '重复',
      });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('ILLEGAL_TRANSITION');
    });

    it('with every milestone and sub-project done, the project completes', async () => {
      const r = await act('community', s.project as string, { kind: 'complete', note: '路灯已亮' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        status: 'completed',
        statusName: '待居民评价',
        allowedActions: ['evaluate'],
      });
    });

    it('residents evaluate it; the resolution that raised it is then done; nothing follows', async () => {
      const early = await act('community', s.child as string, { kind: 'cancel', reason: '已完工不可撤销' });
      expect(early.status).toBe(409);
      const r = await act('community', s.project as string, {
        kind: 'evaluate',
        satisfied: 30,
        basicallySatisfied: 8,
        unsatisfied: 2,
        summary: '评议会：居民代表 40 人参加，普遍认为夜间出行更安全',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        status: 'evaluated',
        satisfaction: 0.95,
        evaluation: { participants: 40 },
        allowedActions: [],
      });
      expect((r.body.steps as { type: string }[]).map((x) => x.type)).toEqual([
        'created',
        'consulted',
        'approved',
        'progress_reported',
        'progress_reported',
        'progress_reported',
        'completed',
        'evaluated',
      ]);
      const after = await act('community', s.project as string, { kind: 'cancel', reason: '测试' });
      expect(after.status).toBe(409);
      expect(after.body.error).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('已评价'),
      });
      const res = await call(app, c.community as string, 'GET', '/api/participation/resolutions?status=done');
      const mine = res.items.find((x: { id: string }) => x.id === s.resolution);
      expect(mine).toMatchObject({ status: 'done', projectId: s.project });
      expect(mine.followUps.at(-1).note).toContain('经居民评价');
      const follow = await attempt(
        app,
        c.community as string,
        'POST',
        `/api/participation/resolutions/${s.resolution}/follow-ups`,
        {
          note: '再跟踪',
        },
      );
      expect(follow.status).toBe(409);
      expect(follow.body.error.code).toBe('ILLEGAL_TRANSITION');
    });

    it('the registers export to Excel', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/participation/projects?format=xlsx',
        headers: { cookie: c.street as string },
      });
      expect(res.statusCode).toBe(200);
      const rows = await readXlsxRows(res.rawPayload);
      expect(rows[0]).toEqual(['民意立项项目台账']);
      expect(rows.find((row) => row.includes('3号院门口安装路灯'))).toEqual(
        expect.arrayContaining(['已评价', '100%', '95.0%']),
      );
      const ledger = await app.inject({
        method: 'GET',
        url: '/api/participation/resolutions?format=xlsx',
        headers: { cookie: c.community as string },
      });
      const lines = await readXlsxRows(ledger.rawPayload);
      expect(lines.find((row) => row.includes('同意申报民意立项：在3号院门口安装路灯2盏'))).toEqual(
        expect.arrayContaining(['民意立项', '刘社工', '已办结']),
      );
    });
  });
});

describe('a project collected from demands and put to consultation', () => {
  it('goes onto the agenda at once and moves on when the meeting adopts it', async () => {
    const p = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/projects',
      {
        unitCode: COMMUNITY,
        title: '小区增设晾衣架',
        description: '多位居民反映小区无晾晒场地，建议在绿地边增设公共晾衣架',
        demandCodes: [demandCode],
      },
      201,
    );
    expect(p).toMatchObject({ status: 'collecting', allowedActions: ['put_to_consultation', 'cancel'] });
    const unknown = await attempt(app, c.community as string, 'POST', '/api/participation/projects', {
      unitCode: COMMUNITY,
      title: '不存在的诉求',
      description: '关联一个不存在的诉求编号用于测试',
      demandCodes: ['JD000000NOPE00'],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const put = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/projects/${p.id}/actions`,
      {
        kind: 'put_to_consultation',
      },
    );
    expect(put).toMatchObject({ status: 'consulting', topics: [] });
    const topics = await call(app, c.community as string, 'GET', `/api/participation/topics?status=topic`);
    const topic = topics.items.find((t: { projectId: string | null }) => t.projectId === p.id);
    expect(topic).toMatchObject({ origin: 'project', status: 'topic' });
    const m = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/meetings',
      {
        communityCode: COMMUNITY,
        title: '晾衣架选址协调会',
        kind: 'coordination',
        plannedAt: new Date(Date.now() - 3600_000).toISOString(),
        topicIds: [topic.id],
      },
      201,
    );
    const held = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/meetings/${m.id}/record`,
      {
        heldAt: new Date(Date.now() - 1800_000).toISOString(),
        minutes: '协调会确定晾衣架设在5号楼东侧绿地边。',
        attendance: [{ name: '王桂芝', category: 'resident_rep' }],
        resolutions: [
          { topicId: topic.id, content: '同意立项，选址5号楼东侧', kind: 'project', ownerName: '刘社工' },
        ],
      },
    );
    expect(held.resolutions[0].projectId).toBe(p.id);
    const after = await call(app, c.community as string, 'GET', `/api/participation/projects/${p.id}`);
    expect(after).toMatchObject({ status: 'approving', meetingId: m.id });
    expect(after.steps.map((x: { type: string }) => x.type)).toEqual([
      'created',
      'put_to_consultation',
      'consulted',
    ]);
  });

  it('a project the meeting does not adopt ends there, with the reason', async () => {
    const p = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/projects',
      {
        unitCode: COMMUNITY,
        title: '小区增设健身器材',
        description: '居民建议在中心绿地增设一组健身器材',
      },
      201,
    );
    const put = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/projects/${p.id}/actions`,
      {
        kind: 'put_to_consultation',
      },
    );
    expect(put.status).toBe('consulting');
    const topics = await call(app, c.community as string, 'GET', '/api/participation/topics?status=topic');
    const topic = topics.items.find((t: { projectId: string | null }) => t.projectId === p.id);
    const m = await call(
      app,
      c.community as string,
      'POST',
      '/api/participation/meetings',
      {
        communityCode: COMMUNITY,
        title: '健身器材选址议事会',
        plannedAt: new Date(Date.now() - 3600_000).toISOString(),
        topicIds: [topic.id],
      },
      201,
    );
    await call(app, c.community as string, 'POST', `/api/participation/meetings/${m.id}/record`, {
      heldAt: new Date(Date.now() - 1800_000).toISOString(),
      minutes: '居民代表认为绿地面积不足，暂不增设，改为向居民推荐附近公园健身点。',
      attendance: [{ name: '王桂芝', category: 'resident_rep' }],
      resolutions: [
        {
          topicId: topic.id,
          decision: 'not_adopted',
          content: '暂不增设，向居民说明附近公园健身点',
          ownerName: '刘社工',
        },
      ],
    });
    const after = await call(app, c.community as string, 'GET', `/api/participation/projects/${p.id}`);
    expect(after).toMatchObject({
      status: 'cancelled',
      closingReason: expect.stringContaining('未予立项'),
      allowedActions: [],
    });
  });
});
