import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { LUGU_COMMUNITY, RULE_TEXT, request, setupBurdenApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof setupBurdenApp>>;
let HOME = '';
let OTHER = '';
beforeAll(async () => {
  ctx = await setupBurdenApp();
  ({ home: HOME, other: OTHER } = ctx);
});
const call: Awaited<ReturnType<typeof setupBurdenApp>>['call'] = (...args) => ctx.call(...args);

describe('work requests: accepted only when they cite the target’s access list', () => {
  it('refuses a request citing an item not on the list, naming the item and quoting the rule', async () => {
    const res = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(OTHER, { citedItemCode: 'SQZR-099' }),
    );
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error).toMatchObject({
      code: 'NOT_ON_ACCESS_LIST',
      details: {
        workRequestId: expect.any(String),
        target: OTHER,
        title: '协助开展占道经营执法巡查',
        citedItemCode: 'SQZR-099',
        rule: {
          key: 'burden.communityAccessList',
          text: RULE_TEXT,
          source: expect.stringMatching(/^XQ 三\(五\)/),
        },
      },
    });
    expect(error.message).toContain('工作事项“协助开展占道经营执法巡查”未列入准入清单');
    expect(error.message).toContain('所引事项编号 SQZR-099 不在');
    expect(error.message).toContain(RULE_TEXT);

    // The refusal is on record (it is burden-report evidence) and audited.
    const listed = (await call('dept', 'GET', '/api/work-requests?status=refused')).json().items;
    expect(listed.find((r: { id: string }) => r.id === error.details.workRequestId)).toMatchObject({
      status: 'refused',
      noticeNo: null,
      refusalMessage: error.message,
    });
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'work_request.refuse'), eq(auditLog.targetId, error.details.workRequestId)),
      );
    expect(audit).toHaveLength(1);
  });

  it('refuses a request citing nothing, saying so', async () => {
    const res = await call('dept', 'POST', '/api/work-requests', request(OTHER));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('未引用社区工作事项准入清单事项');
  });

  it('uses the street access list for a street, with its own rule', async () => {
    const res = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request('110107001000', { citedItemCode: 'SQZR-003' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.key).toBe('burden.streetAccessList');
    const ok = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request('110107001000', { title: '配合开展经济普查', citedItemCode: 'JDZR-001' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('accepts a request citing a listed item as a numbered work notice the community acknowledges', async () => {
    const res = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(HOME, { title: '低保年度复核入户调查', citedItemCode: 'SQZR-003', dueDate: '2026-12-31' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice).toMatchObject({
      status: 'accepted',
      citedItemCode: 'SQZR-003',
      refusalMessage: null,
      fromUnitName: expect.any(String),
    });
    expect(notice.noticeNo).toMatch(/^提示〔\d{4}〕\d+号$/);
    const inbox = (await call('community', 'GET', '/api/work-requests?status=accepted')).json().items;
    expect(inbox.map((r: { id: string }) => r.id)).toContain(notice.id);
    const ack = await call('community', 'POST', `/api/work-requests/${notice.id}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
  });

  it('keeps a notice too long to be concise out (a work notice is not a forwarded document)', async () => {
    const res = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(HOME, { citedItemCode: 'SQZR-003', content: '转发文件'.repeat(300) }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('authorizes by role and jurisdiction', async () => {
    const community = await call(
      'community',
      'POST',
      '/api/work-requests',
      request(HOME, { citedItemCode: 'SQZR-003' }),
    );
    expect(community.statusCode).toBe(403);
    expect(community.json().error).toMatchObject({
      code: 'FORBIDDEN',
      details: { action: 'work_request.create' },
    });
    // A street may task its own communities only; a department reaches every community of the district.
    const foreign = await call(
      'street',
      'POST',
      '/api/work-requests',
      request(LUGU_COMMUNITY, { citedItemCode: 'SQZR-003' }),
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('FORBIDDEN_SCOPE');
    const dept = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(LUGU_COMMUNITY, { title: '人口抽样调查入户', citedItemCode: 'SQZR-011' }),
    );
    expect(dept.statusCode).toBe(201);
    const ack = await call('community', 'POST', `/api/work-requests/${dept.json().id}/acknowledge`);
    expect(ack.statusCode).toBe(403);
    expect(ack.json().error.code).toBe('FORBIDDEN_SCOPE');
  });
});

describe('new access items: approval record and 权随事转、人随事转、费随事转', () => {
  const proposal = {
    targetLevel: 'community',
    item: { name: '协助开展老年人防诈骗入户宣传', category: '平安建设', basis: '区反诈工作方案' },
    transfers: {
      authority: '宣传组织权随事下放社区',
      staff: '区公安分局派驻社区民警1名',
      funds: '每社区每年宣传经费5000元',
    },
  };

  it('refuses a proposal that does not move staff and funds with the work', async () => {
    const res = await call('dept', 'POST', '/api/access-proposals', {
      ...proposal,
      transfers: { authority: '宣传组织权' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'TRANSFERS_REQUIRED',
      message: expect.stringContaining('未写明：人（人员编制）、费（经费）'),
      details: { missing: ['staff', 'funds'], rule: { key: 'burden.newAccessItem' } },
    });
  });

  it('refuses to make a community responsible for enforcement (EXCLUDED_MATTER)', async () => {
    const res = await call('dept', 'POST', '/api/access-proposals', {
      ...proposal,
      item: { name: '协助开展占道经营执法' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'EXCLUDED_MATTER', details: { matter: '执法' } });
  });

  it('an approved item with its transfers becomes citable; before approval it is refused', async () => {
    const created = await call('dept', 'POST', '/api/access-proposals', proposal);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'pending',
      listKind: 'community_access',
      transfers: proposal.transfers,
      proposedBy: 'dept',
      proposedByName: '陈承办',
    });
    const listed = (await call('admin', 'GET', '/api/access-proposals?status=pending')).json().items;
    expect(listed.find((p: { id: string }) => p.id === id)).toMatchObject({
      proposedBy: 'dept',
      proposedByName: '陈承办',
    });

    const early = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(OTHER, { title: '老年人防诈骗入户宣传', citedItemCode: 'SQZR-031' }),
    );
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('NOT_ON_ACCESS_LIST');

    const street = await call('street', 'POST', `/api/access-proposals/${id}/approve`, {
      approvingBody: 'x',
      document: 'y',
      approvedOn: '2026-01-05',
    });
    expect(street.statusCode).toBe(403);
    const noRecord = await call('admin', 'POST', `/api/access-proposals/${id}/approve`, {
      approvingBody: '区委、区政府',
      document: '',
      approvedOn: '2026-01-05',
    });
    expect(noRecord.statusCode).toBe(400);
    expect(JSON.stringify(noRecord.json().error)).toContain('须写明批准文件');

    const approved = await call('admin', 'POST', `/api/access-proposals/${id}/approve`, {
      approvingBody: '区委、区政府研究同意；区委编委行文',
      document: '石编发〔2026〕4号',
      approvedOn: '2026-01-05',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const { proposal: decided, version, itemCode } = approved.json();
    expect(itemCode).toBe('SQZR-031');
    expect(decided).toMatchObject({
      status: 'approved',
      approval: { document: '石编发〔2026〕4号', decidedBy: 'admin' },
      resultItemCode: 'SQZR-031',
    });
    expect(version).toMatchObject({
      kind: 'community_access',
      versionNo: 2,
      origin: 'approval',
      approvingDocument: '石编发〔2026〕4号',
    });
    const items = (await call('dept', 'GET', `/api/lists/versions/${version.id}`)).json().items;
    expect(items).toHaveLength(31);
    expect(items.at(-1)).toMatchObject({
      itemCode: 'SQZR-031',
      transfers: proposal.transfers,
      proposalId: id,
    });

    const cited = await call(
      'dept',
      'POST',
      '/api/work-requests',
      request(OTHER, { title: '老年人防诈骗入户宣传', citedItemCode: 'SQZR-031' }),
    );
    expect(cited.statusCode, cited.body).toBe(201);
    expect(cited.json().status).toBe('accepted');

    const twice = await call('admin', 'POST', `/api/access-proposals/${id}/approve`, {
      approvingBody: 'a',
      document: 'b',
      approvedOn: '2026-01-05',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONFLICT');
  });

  it('rejects a proposal with a reason', async () => {
    const created = (
      await call('dept', 'POST', '/api/access-proposals', {
        ...proposal,
        item: { name: '协助开展共享单车调度' },
      })
    ).json();
    const res = await call('admin', 'POST', `/api/access-proposals/${created.id}/reject`, {
      reason: '属企业主体责任',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectionReason: '属企业主体责任' });
  });
});
