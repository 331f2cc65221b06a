import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launchBrowser, logIn, openPage, screenshot } from './browser.ts';

/**
 * The 清单与政策 working screens: a department's work requests (refused without an access-list item,
 * accepted citing one), the forms registry's one-form rule, a department's own meetings, the
 * community service station (due date and one-time notice), the district admin's rule override with
 * its citation, and a list import refused row by row.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Picks an option of an antd Select by typing into its search and choosing the matching option. */
async function pick(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

// the refusals are 4xx answers the browser logs as failed resources
const REFUSED = [/status of 4(09|22)/];

describe('清单与政策 work screens in the browser', () => {
  it('a department’s request without an access-list item is refused naming it; citing one it becomes a work notice', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'dept');
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '清单与政策' }).click();
      await p.getByRole('tab', { name: '工作请求', selected: true }).waitFor();
      const card = p.getByTestId('file-request');
      await pick(p, card.getByTestId('wr-target'), '玉泉路西社区');
      await card.getByTestId('wr-title').fill('协助开展占道经营执法巡查');
      await card.getByTestId('wr-content').fill('请社区每日安排人员参与占道经营巡查并拍照上报。');
      await card.getByTestId('wr-submit').click();
      const refused = card.getByTestId('wr-refused');
      await refused.waitFor();
      const text = (await refused.textContent()) ?? '';
      expect(text).toContain('被拒收');
      expect(text).toContain('缺少的清单事项');
      expect(text).toContain('未引用社区工作事项准入清单事项');
      expect(text).toContain('凡没有列入社区准入事项的工作，社区一律不作为责任主体');
      await screenshot(p, 'lists-request-refused');

      await pick(p, card.getByTestId('wr-item'), 'SQZR-003');
      await card.getByTestId('wr-title').fill('开展低保家庭入户核查');
      await card.getByTestId('wr-content').fill('请于月底前完成辖区低保家庭入户核查，结果录入社会救助系统。');
      await card.getByTestId('wr-submit').click();
      const accepted = card.getByTestId('wr-accepted');
      await accepted.waitFor();
      expect(await accepted.textContent()).toMatch(/工作提示单 提示〔\d{4}〕\d+号/);
      expect(await card.getByTestId('wr-refused').count()).toBe(0);
      const table = p.getByTestId('work-requests');
      await table.getByText('开展低保家庭入户核查').waitFor();
      expect(await table.textContent()).toContain('玉泉路西社区');
      w.expectNoConsoleErrors(REFUSED);
    } finally {
      await w.close();
    }
  });

  it('a second form from the same department to the same community is refused in the form', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'dept');
      await p.goto('/lists?tab=registry');
      const register = async (name: string) => {
        await p.getByTestId('open-register-form').click();
        const dialog = p.getByRole('dialog');
        await pick(p, dialog.getByTestId('form-community'), '鲁谷');
        await dialog.getByTestId('form-name').fill(name);
        await dialog.getByTestId('form-submit').click();
        return dialog;
      };
      const first = await register('市政设施巡查月报');
      await first.waitFor({ state: 'hidden' });
      await p.getByTestId('forms').getByText('市政设施巡查月报').waitFor();

      const second = await register('道路设施问题台账');
      const refusal = second.getByTestId('form-refused');
      await refusal.waitFor();
      const text = (await refusal.textContent()) ?? '';
      expect(text).toContain('“市政设施巡查月报”');
      expect(text).toContain('同一部门至多1个');
      await screenshot(p, 'lists-form-refused');
      await second.getByRole('button', { name: /取\s*消/ }).click();
      expect(await p.getByTestId('forms').getByText('道路设施问题台账').count()).toBe(0);
      w.expectNoConsoleErrors(REFUSED);
    } finally {
      await w.close();
    }
  });

  it('a department registers a meeting and lists it, without another department’s meetings', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'dept');
      await p.goto('/lists?tab=registry');
      const meetings = p.getByTestId('meetings');
      await meetings.waitFor();
      await p.getByTestId('open-register-meeting').click();
      const dialog = p.getByRole('dialog');
      await dialog.getByTestId('meeting-title').fill('占道经营治理工作部署会');
      await pick(p, dialog.getByTestId('meeting-communities'), '玉泉路西社区');
      await p.keyboard.press('Escape');
      await dialog.getByTestId('meeting-reason').fill('与市容环境整治例会合并召开');
      await dialog.getByTestId('meeting-submit').click();
      await dialog.waitFor({ state: 'hidden' });

      const row = meetings.locator('.ant-table-row').filter({ hasText: '占道经营治理工作部署会' });
      await row.waitFor();
      expect(await row.textContent()).toContain('玉泉路西社区');
      // the demo's 民政局 meeting summons a community too, but is not this department's
      expect(await meetings.getByText('社会救助政策业务培训会').count()).toBe(0);
      await screenshot(p, 'lists-meetings-dept');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('a new-item proposal names its proposer by display name, with the log-in as a tooltip', async () => {
    const dept = await apiAs('dept');
    try {
      await dept.post('/api/access-proposals', {
        targetLevel: 'community',
        item: { name: '协助开展燃气安全入户宣传', category: '平安建设', basis: '区燃气安全专项方案' },
        transfers: {
          authority: '宣传组织权随事下放社区',
          staff: '区城管委派员1名',
          funds: '每社区每年3000元',
        },
      });
    } finally {
      await dept.dispose();
    }
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'admin');
      await p.goto('/lists?tab=requests');
      const row = p
        .getByTestId('proposals')
        .locator('.ant-table-row')
        .filter({ hasText: '协助开展燃气安全入户宣传' });
      const proposer = row.getByTestId('proposal-proposer');
      await proposer.waitFor();
      expect(await proposer.textContent()).toBe('陈承办');
      await proposer.hover();
      await p.getByRole('tooltip').filter({ hasText: 'dept' }).waitFor();
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('the community accepts a service-station case: one-time notice of every material, then its due date', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '清单与政策' }).click();
      await p.getByRole('tab', { name: '便民服务', selected: true }).waitFor();
      await p.getByTestId('open-case').click();
      const dialog = p.getByRole('dialog');
      await pick(p, dialog.getByTestId('case-item'), 'FWSX-004');
      await dialog.getByTestId('case-item-details').getByText('10个工作日').waitFor();
      await dialog.getByTestId('case-applicant').fill('王秀兰');
      // she brought her ID card only
      await dialog.getByTestId('case-materials').getByText('居民身份证').click();
      await dialog.getByTestId('case-submit').click();

      const notice = p.getByTestId('one-time-notice');
      await notice.waitFor();
      const noticeText = (await notice.textContent()) ?? '';
      expect(noticeText).toContain('一次性告知单');
      for (const m of ['居民身份证', '就业失业登记证明', '相关困难情形证明材料'])
        expect(noticeText).toContain(m);
      expect(await notice.getByText('尚缺', { exact: true }).count()).toBe(2);
      expect(noticeText).toContain('已一次性告知');
      await screenshot(p, 'lists-service-notice');
      await p
        .getByRole('dialog')
        .getByRole('button', { name: /关\s*闭/ })
        .last()
        .click();

      // she comes back with everything: accepted, the 10-working-day clock runs
      const row = p
        .getByTestId('service-cases')
        .locator('.ant-table-row')
        .filter({ hasText: 'FWSX-004' })
        .first();
      await row.getByRole('button', { name: '补齐受理' }).click();
      // the accept dialog itself, not the notice dialog still fading out
      const accept = p.getByRole('dialog').filter({ has: p.getByTestId('accept-materials') });
      await accept.getByTestId('accept-materials').getByText('就业失业登记证明').click();
      await accept.getByTestId('accept-materials').getByText('相关困难情形证明材料').click();
      await accept.getByTestId('accept-submit').click();
      await p.getByTestId('notice-due').waitFor();
      expect(await p.getByTestId('notice-due').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(await p.getByTestId('notice-case-status').textContent()).toBe('已受理');
      await p
        .getByRole('dialog')
        .getByRole('button', { name: /关\s*闭/ })
        .last()
        .click();

      const due = row.getByTestId('case-due');
      await due.getByText(/剩余 \d+(\.\d+)? 个工作日/).waitFor();
      expect(await due.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(await row.textContent()).toContain('已受理');
      expect(await row.textContent()).toContain('王*');
      // the first responder by display name (the log-in is the tooltip), the resident masked
      expect(await row.getByTestId('case-responder').textContent()).toBe('刘社工');
      await screenshot(p, 'lists-service-cases');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('the district admin overrides a rule with a citation and sees it in the audited overrides list', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'admin');
      await p.goto('/lists?tab=policy');
      await p.getByTestId('policy-activate').waitFor();
      await p.getByTestId('open-override').click();
      const dialog = p.getByRole('dialog');
      await pick(p, dialog.getByTestId('override-rule'), 'staffing.serviceStationStaffMax');
      await dialog.getByTestId('override-value').fill('5');
      // no citation: refused in the form
      await dialog.getByTestId('override-submit').click();
      await dialog.getByText('须注明依据文件').waitFor();
      await dialog
        .getByTestId('override-source')
        .fill('区委办发〔2026〕3号 第五条：社区服务站工作人员不超过5名');
      await dialog.getByTestId('override-submit').click();
      await dialog.waitFor({ state: 'hidden' });

      const overrides = p.getByTestId('policy-overrides');
      const row = overrides.locator('.ant-table-row').filter({ hasText: 'staffing.serviceStationStaffMax' });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('区委办发〔2026〕3号');
      expect(text).toContain('admin');
      await p.getByText(/调整记录（审计，\d+ 条）/).click();
      await p.getByTestId('policy-audit').getByText('staffing.serviceStationStaffMax').first().waitFor();
      const rules = p.getByTestId('policy-rules');
      const rule = rules.locator('.ant-table-row').filter({ hasText: 'staffing.serviceStationStaffMax' });
      expect(await rule.textContent()).toContain('本区调整');
      await screenshot(p, 'lists-policy-override');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('the district admin imports a list file and sees each bad row explained in Chinese', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'admin');
      await p.goto('/lists?tab=import');
      await p.getByTestId('import-title').fill('测试社区工作事项准入清单');
      await p.getByTestId('import-document').fill('区委社会工委〔2026〕9号');
      const csv = '编号,事项名称,类别\nSQZR-001,组织开展居民议事协商,居民自治\nSQZR-001,,居民自治\n';
      const chooser = p.waitForEvent('filechooser');
      await p.getByTestId('import-file').click();
      await (await chooser).setFiles({
        name: '准入清单.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await p.getByText('准入清单.csv').waitFor();
      await p.getByTestId('import-run').click();
      const problems = p.getByTestId('import-problems');
      await problems.waitFor();
      const text = (await problems.textContent()) ?? '';
      expect(text).toContain('第3行');
      expect(text).toContain('缺少事项名称');
      expect(text).toContain('事项编号与第2行重复');
      expect(await p.getByTestId('import-error').textContent()).toContain('未导入');
      await screenshot(p, 'lists-import-problems');
      w.expectNoConsoleErrors([/status of 422/, /status of 400/]);
    } finally {
      await w.close();
    }
  });
});
